-- Ayni schema, SQLite flavour. Keep in step with migrations/postgres/0001_init.sql:
-- same tables, same columns, same order (tests/it/migrations.rs checks it).
-- Timestamps are UTC unix seconds (INTEGER) on both backends.

CREATE TABLE countries (
    code TEXT PRIMARY KEY,
    name_es TEXT NOT NULL,
    name_pt TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE terms (
    id INTEGER PRIMARY KEY,
    vocabulary TEXT NOT NULL,
    code TEXT NOT NULL,
    name_es TEXT NOT NULL,
    name_pt TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (vocabulary, code)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    country_code TEXT REFERENCES countries (code),
    organisation TEXT NOT NULL DEFAULT '',
    actor_type TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL DEFAULT 'es',
    role TEXT NOT NULL DEFAULT 'participant',
    email_confirmed_at INTEGER,
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

CREATE TABLE rate_limits (
    bucket TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    hits INTEGER NOT NULL
);

CREATE TABLE experiences (
    id INTEGER PRIMARY KEY,
    demo_key TEXT UNIQUE,
    owner_id INTEGER NOT NULL REFERENCES users (id),
    state TEXT NOT NULL DEFAULT 'draft',
    version INTEGER NOT NULL DEFAULT 1,
    language TEXT NOT NULL DEFAULT 'es',
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    country_code TEXT NOT NULL REFERENCES countries (code),
    place TEXT NOT NULL DEFAULT '',
    latitude REAL,
    longitude REAL,
    scale TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'ongoing',
    year_start INTEGER,
    year_end INTEGER,
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
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    published_at INTEGER
);
CREATE INDEX experiences_state_updated ON experiences (state, updated_at);
CREATE INDEX experiences_owner ON experiences (owner_id);

CREATE TABLE experience_terms (
    experience_id INTEGER NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    term_id INTEGER NOT NULL REFERENCES terms (id),
    PRIMARY KEY (experience_id, term_id)
);

CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    experience_id INTEGER NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    author_id INTEGER NOT NULL REFERENCES users (id),
    note TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (experience_id, number)
);

CREATE TABLE coeditors (
    experience_id INTEGER NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (experience_id, user_id)
);

CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    experience_id INTEGER NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    invited_by INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    accepted_at INTEGER
);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    experience_id INTEGER NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    storage_key TEXT NOT NULL,
    uploaded_by INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL
);
