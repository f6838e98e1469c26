-- Calls (convocatorias): how experiences arrive, with instructions, questions and review.

CREATE TABLE calls (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    instructions TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'continuous',
    opens_at BIGINT,
    closes_at BIGINT,
    time_zone TEXT NOT NULL DEFAULT 'America/La_Paz',
    review_policy TEXT NOT NULL DEFAULT 'review',
    eligible_countries TEXT NOT NULL DEFAULT '',
    eligible_themes TEXT NOT NULL DEFAULT '',
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE call_facilitators (
    call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (call_id, user_id)
);

CREATE TABLE call_questions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '',
    required BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE submissions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    experience_id BIGINT NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    submitted_by BIGINT NOT NULL REFERENCES users (id),
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (call_id, experience_id)
);

CREATE TABLE submission_answers (
    submission_id BIGINT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    question_id BIGINT NOT NULL REFERENCES call_questions (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (submission_id, question_id)
);

CREATE TABLE review_decisions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    reviewer_id BIGINT NOT NULL REFERENCES users (id),
    decision TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
