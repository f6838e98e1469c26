-- Ayni schema, PostgreSQL flavour. Keep in step with migrations/sqlite/0001_init.sql:
-- same tables, same columns, same order (tests/it/migrations.rs checks it).
-- Timestamps are UTC unix seconds (BIGINT) on both backends.

CREATE TABLE countries (
    code TEXT PRIMARY KEY,
    name_es TEXT NOT NULL,
    name_pt TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE terms (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vocabulary TEXT NOT NULL,
    code TEXT NOT NULL,
    name_es TEXT NOT NULL,
    name_pt TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0,
    UNIQUE (vocabulary, code)
);

CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    country_code TEXT REFERENCES countries (code),
    organisation TEXT NOT NULL DEFAULT '',
    actor_type TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL DEFAULT 'es',
    role TEXT NOT NULL DEFAULT 'participant',
    email_confirmed_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE rate_limits (
    bucket TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL
);

CREATE TABLE experiences (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    demo_key TEXT UNIQUE,
    owner_id BIGINT NOT NULL REFERENCES users (id),
    state TEXT NOT NULL DEFAULT 'draft',
    version BIGINT NOT NULL DEFAULT 1,
    language TEXT NOT NULL DEFAULT 'es',
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    country_code TEXT NOT NULL REFERENCES countries (code),
    place TEXT NOT NULL DEFAULT '',
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    scale TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'ongoing',
    year_start BIGINT,
    year_end BIGINT,
    partners TEXT NOT NULL DEFAULT '',
    objectives TEXT NOT NULL DEFAULT '',
    actions TEXT NOT NULL DEFAULT '',
    actors_text TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    keys_text TEXT NOT NULL DEFAULT '',
    results TEXT NOT NULL DEFAULT '',
    lessons TEXT NOT NULL DEFAULT '',
    replication TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    links TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT
);
CREATE INDEX experiences_state_updated ON experiences (state, updated_at);
CREATE INDEX experiences_owner ON experiences (owner_id);

CREATE TABLE experience_terms (
    experience_id BIGINT NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    term_id BIGINT NOT NULL REFERENCES terms (id),
    PRIMARY KEY (experience_id, term_id)
);

CREATE TABLE revisions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    experience_id BIGINT NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users (id),
    note TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (experience_id, number)
);

CREATE TABLE coeditors (
    experience_id BIGINT NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (experience_id, user_id)
);

CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    experience_id BIGINT NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    invited_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    accepted_at BIGINT
);

CREATE TABLE attachments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    experience_id BIGINT NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    storage_key TEXT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);
