//! Migrations, embedded in the binary: each entry has its SQLite and PostgreSQL text, so the
//! two folders cannot drift apart in name or number. Applied in order, each in a transaction,
//! recorded in `schema_migrations`.

use super::{Backend, Db};
use sqlx::Executor;

pub struct Migration {
    pub name: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

macro_rules! migration {
    ($name:literal) => {
        Migration {
            name: $name,
            sqlite: include_str!(concat!("../../migrations/sqlite/", $name, ".sql")),
            postgres: include_str!(concat!("../../migrations/postgres/", $name, ".sql")),
        }
    };
}

pub const MIGRATIONS: &[Migration] = &[
    migration!("0001_init"),
    migration!("0002_catalogue"),
    migration!("0003_calls"),
    migration!("0004_forums"),
    migration!("0005_forum_order_and_language"),
    migration!("0006_submission_notifications"),
    migration!("0007_post_html"),
    migration!("0008_confirmation_password"),
    migration!("0009_form_submissions"),
    migration!("0010_connections"),
    migration!("0011_administration"),
    migration!("0012_merges_and_names"),
    migration!("0013_stored_files"),
    migration!("0014_one_waiting_request"),
    migration!("0015_edit_revisions"),
    migration!("0016_forum_revision"),
    migration!("0017_notification_event"),
];

/// Applies every migration not yet recorded. Safe to run concurrently from several instances
/// on PostgreSQL (an advisory lock serialises them).
pub async fn migrate(db: &Db) -> anyhow::Result<Vec<&'static str>> {
    let mut conn = db.pool.acquire().await?;
    if db.backend == Backend::Postgres {
        conn.execute("SELECT pg_advisory_lock(72616)").await?;
    }
    let result = apply_pending(db, &mut conn).await;
    if db.backend == Backend::Postgres {
        conn.execute("SELECT pg_advisory_unlock(72616)").await?;
    }
    result
}

async fn apply_pending(
    db: &Db,
    conn: &mut sqlx::pool::PoolConnection<sqlx::Any>,
) -> anyhow::Result<Vec<&'static str>> {
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)",
    )
    .await?;
    let mut applied = Vec::new();
    for m in MIGRATIONS {
        let done: Option<(String,)> = crate::db::query_as(
            "SELECT name FROM schema_migrations WHERE name = $1",
            (m.name,),
        )
        .fetch_optional(&mut **conn)
        .await?;
        if done.is_some() {
            continue;
        }
        let sql = match db.backend {
            Backend::Sqlite => m.sqlite,
            Backend::Postgres => m.postgres,
        };
        let mut tx = sqlx::Connection::begin(&mut **conn).await?;
        tx.execute(sql).await?;
        crate::db::query(
            "INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)",
            (m.name, crate::now()),
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        applied.push(m.name);
    }
    Ok(applied)
}
