//! The fixed-window rate limiter, in the database, so
//! every instance behind a balancer shares the same counts.

use crate::db::Db;
use sqlx::Row;

/// Forgets rate-limit windows that started before `before`.
pub async fn prune(db: &Db, before: i64) -> anyhow::Result<u64> {
    Ok(
        crate::db::query("DELETE FROM rate_limits WHERE window_start < $1", (before,))
            .execute(&db.pool)
            .await?
            .rows_affected(),
    )
}

/// Counts one hit in `bucket` and returns whether it is within `limit` per `window_secs`.
pub async fn hit(db: &Db, bucket: &str, limit: i64, window_secs: i64) -> anyhow::Result<bool> {
    let now = crate::now();
    let window_start = now - now.rem_euclid(window_secs);
    let row = crate::db::query(
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (bucket) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.hits + 1 ELSE 1 END, \
           window_start = excluded.window_start \
         RETURNING hits",
        (bucket, window_start),
    )
    .fetch_one(&db.pool)
    .await?;
    let hits: i64 = row.try_get("hits")?;
    Ok(hits <= limit)
}
