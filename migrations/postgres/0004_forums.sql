-- Exchange forums: five kinds of spaces sharing one model of posts and replies, with
-- reactions, flags and moderation, notifications, a job queue, and participation records.

CREATE TABLE forums (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    starts_at BIGINT,
    ends_at BIGINT,
    time_zone TEXT NOT NULL DEFAULT 'America/La_Paz',
    call_id BIGINT REFERENCES calls (id) ON DELETE SET NULL,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE forum_facilitators (
    forum_id BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (forum_id, user_id)
);

-- Who joined (and when): the first participation record.
CREATE TABLE forum_members (
    forum_id BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (forum_id, user_id)
);

-- Who read: a count of page reads per forum and person, nothing more.
CREATE TABLE forum_reads (
    forum_id BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reads BIGINT NOT NULL DEFAULT 0,
    last_read_at BIGINT NOT NULL,
    PRIMARY KEY (forum_id, user_id)
);

-- A space: conference, debate, contribution, innovation or workshop. Columns that only one
-- kind uses stay empty for the others.
CREATE TABLE spaces (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    forum_id BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL DEFAULT '',
    video_url TEXT NOT NULL DEFAULT '',
    file_key TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    file_type TEXT NOT NULL DEFAULT '',
    speaker_bio TEXT NOT NULL DEFAULT '',
    speaker_affiliation TEXT NOT NULL DEFAULT '',
    session_at BIGINT,
    opens_at BIGINT,
    closes_at BIGINT,
    topic_count BIGINT NOT NULL DEFAULT 0,
    post_count BIGINT NOT NULL DEFAULT 0,
    last_post_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX spaces_forum ON spaces (forum_id, id);

-- Speakers answer the questions of a conference.
CREATE TABLE space_speakers (
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (space_id, user_id)
);

-- Every message: a topic (topic_id IS NULL) or a reply within a topic.
CREATE TABLE posts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    topic_id BIGINT REFERENCES posts (id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    experience_id BIGINT REFERENCES experiences (id) ON DELETE SET NULL,
    hidden BIGINT NOT NULL DEFAULT 0,
    flag_count BIGINT NOT NULL DEFAULT 0,
    helpful_at BIGINT,
    created_at BIGINT NOT NULL,
    edited_at BIGINT
);
CREATE INDEX posts_topic ON posts (topic_id, id);
CREATE INDEX posts_space ON posts (space_id, created_at);
CREATE INDEX posts_author ON posts (author_id, created_at);

-- What a topic adds to its first post, by kind: a question's votes and answer, a debate
-- position's stance, an innovation's three parts, a dilemma's audience and resolution.
CREATE TABLE topics (
    post_id BIGINT PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    title TEXT NOT NULL DEFAULT '',
    stance TEXT NOT NULL DEFAULT '',
    position_author BIGINT,
    change_text TEXT NOT NULL DEFAULT '',
    learning_text TEXT NOT NULL DEFAULT '',
    outcome_text TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL DEFAULT '',
    votes BIGINT NOT NULL DEFAULT 0,
    replies BIGINT NOT NULL DEFAULT 0,
    helpful_replies BIGINT NOT NULL DEFAULT 0,
    answered_at BIGINT,
    resolved_at BIGINT,
    closed_at BIGINT,
    last_activity_at BIGINT NOT NULL
);
CREATE INDEX topics_space_activity ON topics (space_id, last_activity_at);
CREATE INDEX topics_space_votes ON topics (space_id, votes);
CREATE UNIQUE INDEX topics_one_position ON topics (space_id, position_author);

-- Earlier versions of an edited post (and of its topic fields).
CREATE TABLE post_revisions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    stance TEXT NOT NULL DEFAULT '',
    change_text TEXT NOT NULL DEFAULT '',
    learning_text TEXT NOT NULL DEFAULT '',
    outcome_text TEXT NOT NULL DEFAULT '',
    experience_id BIGINT,
    written_at BIGINT NOT NULL
);
CREATE INDEX post_revisions_post ON post_revisions (post_id, id);

CREATE TABLE post_votes (
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id)
);

-- "Me sirve".
CREATE TABLE post_reactions (
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id)
);

CREATE TABLE post_flags (
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    cleared_at BIGINT,
    PRIMARY KEY (post_id, user_id)
);

-- target is 'space' or 'topic'.
CREATE TABLE follows (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    target TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, target, target_id)
);
CREATE INDEX follows_target ON follows (target, target_id);

-- Every moderation action (actor NULL: automatic, after enough flags).
CREATE TABLE moderation_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    forum_id BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    post_id BIGINT REFERENCES posts (id) ON DELETE SET NULL,
    actor_id BIGINT REFERENCES users (id),
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX moderation_log_forum ON moderation_log (forum_id, id);

-- kind: reply, answer, mention, follow, helpful. email: none | pending | sending | sent.
CREATE TABLE notifications (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    actor_id BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    read_at BIGINT,
    email TEXT NOT NULL DEFAULT 'none',
    emailed_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, read_at, id);
CREATE INDEX notifications_email ON notifications (email, user_id);

-- mode: immediate | digest | none. No row: the kind's default.
CREATE TABLE notification_prefs (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    mode TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- Background work every instance may pick up: claimed by a lease, done once.
CREATE TABLE jobs (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    unique_key TEXT UNIQUE,
    payload TEXT NOT NULL DEFAULT '',
    run_at BIGINT NOT NULL,
    locked_until BIGINT,
    locked_by TEXT NOT NULL DEFAULT '',
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    done_at BIGINT
);
CREATE INDEX jobs_due ON jobs (done_at, run_at);
