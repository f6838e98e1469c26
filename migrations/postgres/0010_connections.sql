-- Connections: public profiles (everything beyond name and country is opt-in), offers and
-- needs on sheets, exchange requests between a person and a sheet's team, and the private
-- conversations an accepted request opens.

CREATE TABLE profiles (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    -- listed in the /personas directory
    listed BIGINT NOT NULL DEFAULT 0,
    bio TEXT NOT NULL DEFAULT '',
    -- language codes, each between commas: ",es,qu,"
    languages TEXT NOT NULL DEFAULT '',
    show_organisation BIGINT NOT NULL DEFAULT 0,
    show_actor BIGINT NOT NULL DEFAULT 0,
    show_sheets BIGINT NOT NULL DEFAULT 0,
    show_activity BIGINT NOT NULL DEFAULT 0,
    -- what the other side sees once an exchange is accepted (empty: the account e-mail)
    contact TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);

-- "Qué podemos compartir" (offer) and "Qué buscamos aprender" (need).
CREATE TABLE sheet_offers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    experience_id BIGINT NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    direction TEXT NOT NULL,
    theme TEXT NOT NULL,
    body TEXT NOT NULL,
    section TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX sheet_offers_experience ON sheet_offers (experience_id);
CREATE INDEX sheet_offers_theme ON sheet_offers (theme, direction);

-- Kinds of cooperation a sheet seeks: technical, financial, south_south.
CREATE TABLE sheet_cooperation (
    experience_id BIGINT NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    PRIMARY KEY (experience_id, kind)
);

CREATE TABLE exchange_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_user BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    from_experience BIGINT REFERENCES experiences (id) ON DELETE SET NULL,
    to_experience BIGINT NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    -- ways, each between commas: ",conversation,video,"
    ways TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    -- pending | proposed | accepted | declined | withdrawn
    state TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    answered_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    answered_at BIGINT,
    accepted_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX exchange_requests_to ON exchange_requests (to_experience, state);
CREATE INDEX exchange_requests_from ON exchange_requests (from_user, state);

-- A sheet's team stops a person from asking again.
CREATE TABLE exchange_blocks (
    experience_id BIGINT NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (experience_id, user_id)
);

-- Abuse reports about a request or a conversation, for facilitators.
CREATE TABLE exchange_reports (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES exchange_requests (id) ON DELETE CASCADE,
    reporter BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    handled_at BIGINT,
    handled_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE conversations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id BIGINT NOT NULL UNIQUE REFERENCES exchange_requests (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_message_at BIGINT NOT NULL,
    closed_at BIGINT,
    closed_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);

-- side: 0 the asking side, 1 the receiving sheet's side.
CREATE TABLE conversation_members (
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    side BIGINT NOT NULL,
    joined_at BIGINT NOT NULL,
    -- the last message id this member has read
    last_read_id BIGINT NOT NULL DEFAULT 0,
    left_at BIGINT,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_members_user ON conversation_members (user_id);

CREATE TABLE messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    file_key TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    file_type TEXT NOT NULL DEFAULT '',
    file_size BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);

-- A person's "no me interesa" on a suggested pairing.
CREATE TABLE suggestion_dismissals (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    experience_id BIGINT NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    suggested_id BIGINT NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, experience_id, suggested_id)
);

-- Notifications about exchange requests and messages.
ALTER TABLE notifications ADD COLUMN request_id BIGINT REFERENCES exchange_requests (id) ON DELETE CASCADE;
ALTER TABLE notifications ADD COLUMN message_id BIGINT REFERENCES messages (id) ON DELETE CASCADE;
