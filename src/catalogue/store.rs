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
    Ok(sqlx::query_as(
        "SELECT id, entity, entity_id FROM change_log WHERE id > $1 ORDER BY id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn views_of(db: &Db, ids: &[i64]) -> anyhow::Result<HashMap<i64, i64>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT experience_id, views FROM experience_views WHERE experience_id IN ({})",
        crate::db::placeholders(1, ids.len())
    );
    let mut q = sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(&db.pool).await?.into_iter().collect())
}

/// Counts one view of a sheet. When the count reaches a power of two the sheet is queued
/// for re-indexing, so "por descubrir" follows visibility without re-indexing on every view.
pub async fn record_view(db: &Db, id: i64) -> anyhow::Result<i64> {
    let mut tx = db.pool.begin().await?;
    let (views,): (i64,) = sqlx::query_as(
        "INSERT INTO experience_views (experience_id, views) VALUES ($1, 1) \
         ON CONFLICT (experience_id) DO UPDATE SET views = experience_views.views + 1 RETURNING views",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if views > 0 && (views & (views - 1)) == 0 {
        crate::db::record_change(&mut tx, "experience", id).await?;
    }
    tx.commit().await?;
    Ok(views)
}
