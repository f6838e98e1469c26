-- Uploaded files live in the database: every instance behind a load balancer serves every
-- file, and a backup holds exactly the files the rows name. Each instance keeps a copy on
-- its own disk (AYNI_DATA_DIR/files) as a cache.
CREATE TABLE stored_files (
    key TEXT PRIMARY KEY,
    bytes BLOB NOT NULL,
    created_at BIGINT NOT NULL
);
