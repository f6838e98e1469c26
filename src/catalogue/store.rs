//! SQL for the catalogue: reading the change log, and the anonymous view counters.

use crate::db::Db;
use std::collections::HashMap;

pub async fn last_change_id(db: &Db) -> anyhow::Result<i64> {
    let (id,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM change_log")
        .fetch_one(&db.pool)
        .await?;
    Ok(id.unwrap_or(0))
}

/// (id, entity, entity id) of changes after `after`, oldest first.
pub async fn changes_after(
    db: &Db,
    after: i64,
    limit: i64,
) -> anyhow::Result<Vec<(i64, String, i64)>> {
    db.all(
        "SELECT id, entity, entity_id FROM change_log WHERE id > $1 ORDER BY id LIMIT $2",
        (after, limit),
    )
    .await
}

/// Every sheet's view count (one small row per viewed sheet).
pub async fn all_views(db: &Db) -> anyhow::Result<HashMap<i64, i64>> {
    Ok(
        sqlx::query_as::<_, (i64, i64)>("SELECT experience_id, views FROM experience_views")
            .fetch_all(&db.pool)
            .await?
            .into_iter()
            .collect(),
    )
}

/// Counts one view of a sheet. Views never touch the search index: "por descubrir" reads
/// them from `all_views` at query time.
pub async fn record_view(db: &Db, id: i64) -> anyhow::Result<i64> {
    let (views,): (i64,) = db.one(
        "INSERT INTO experience_views (experience_id, views) VALUES ($1, 1) \
         ON CONFLICT (experience_id) DO UPDATE SET views = experience_views.views + 1 RETURNING views",
        (id,),
    ).await?;
    Ok(views)
}
