-- Connections: public profiles (everything beyond name and country is opt-in), offers and
-- needs on sheets, exchange requests between a person and a sheet's team, and the private
-- conversations an accepted request opens.

CREATE TABLE profiles (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    -- listed in the /personas directory
    listed INTEGER NOT NULL DEFAULT 0,
    bio TEXT NOT NULL DEFAULT '',
    -- language codes, each between commas: ",es,qu,"
    languages TEXT NOT NULL DEFAULT '',
    show_organisation INTEGER NOT NULL DEFAULT 0,
    show_actor INTEGER NOT NULL DEFAULT 0,
    show_sheets INTEGER NOT NULL DEFAULT 0,
    show_activity INTEGER NOT NULL DEFAULT 0,
    -- what the other side sees once an exchange is accepted (empty: the account e-mail)
    contact TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL
);

-- "Qué podemos compartir" (offer) and "Qué buscamos aprender" (need).
CREATE TABLE sheet_offers (
    id INTEGER PRIMARY KEY,
    experience_id INTEGER NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    direction TEXT NOT NULL,
    theme TEXT NOT NULL,
    body TEXT NOT NULL,
    section TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX sheet_offers_experience ON sheet_offers (experience_id);
CREATE INDEX sheet_offers_theme ON sheet_offers (theme, direction);

-- Kinds of cooperation a sheet seeks: technical, financial, south_south.
CREATE TABLE sheet_cooperation (
    experience_id INTEGER NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    PRIMARY KEY (experience_id, kind)
);

CREATE TABLE exchange_requests (
    id INTEGER PRIMARY KEY,
    from_user INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    from_experience INTEGER REFERENCES experiences (id) ON DELETE SET NULL,
    to_experience INTEGER NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    -- ways, each between commas: ",conversation,video,"
    ways TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    -- pending | proposed | accepted | declined | withdrawn
    state TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    answered_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    answered_at INTEGER,
    accepted_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX exchange_requests_to ON exchange_requests (to_experience, state);
CREATE INDEX exchange_requests_from ON exchange_requests (from_user, state);

-- A sheet's team stops a person from asking again.
CREATE TABLE exchange_blocks (
    experience_id INTEGER NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (experience_id, user_id)
);

-- Abuse reports about a request or a conversation, for facilitators.
CREATE TABLE exchange_reports (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES exchange_requests (id) ON DELETE CASCADE,
    reporter INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    handled_at INTEGER,
    handled_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL UNIQUE REFERENCES exchange_requests (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_message_at INTEGER NOT NULL,
    closed_at INTEGER,
    closed_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);

-- side: 0 the asking side, 1 the receiving sheet's side.
CREATE TABLE conversation_members (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    side INTEGER NOT NULL,
    joined_at INTEGER NOT NULL,
    -- the last message id this member has read
    last_read_id INTEGER NOT NULL DEFAULT 0,
    left_at INTEGER,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_members_user ON conversation_members (user_id);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    file_key TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    file_type TEXT NOT NULL DEFAULT '',
    file_size INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);

-- A person's "no me interesa" on a suggested pairing.
CREATE TABLE suggestion_dismissals (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    experience_id INTEGER NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    suggested_id INTEGER NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, experience_id, suggested_id)
);

-- Notifications about exchange requests and messages.
ALTER TABLE notifications ADD COLUMN request_id INTEGER REFERENCES exchange_requests (id) ON DELETE CASCADE;
ALTER TABLE notifications ADD COLUMN message_id INTEGER REFERENCES messages (id) ON DELETE CASCADE;
