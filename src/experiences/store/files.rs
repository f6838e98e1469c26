//! Attachments, upload quotas and map points.

use super::*;

pub async fn add_attachment(
    db: &Db,
    id: i64,
    file_name: &str,
    content_type: &str,
    size: i64,
    key: &str,
    by: i64,
) -> anyhow::Result<i64> {
    let (aid,): (i64,) = db.one(
        "INSERT INTO attachments (experience_id, file_name, content_type, size_bytes, storage_key, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        (id, file_name, content_type, size, key, by, crate::now()),
    ).await?;
    Ok(aid)
}

pub(super) const ATTACHMENT_COLUMNS: &str =
    "id, experience_id, file_name, content_type, size_bytes, storage_key";

pub async fn attachments(db: &Db, id: i64) -> anyhow::Result<Vec<Attachment>> {
    let sql = format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM attachments WHERE experience_id = $1 ORDER BY id"
    );
    db.all(sqlx::AssertSqlSafe(sql), (id,)).await
}

pub async fn attachment(
    db: &Db,
    id: i64,
    attachment_id: i64,
) -> anyhow::Result<Option<Attachment>> {
    let sql = format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM attachments WHERE experience_id = $1 AND id = $2"
    );
    db.optional(sqlx::AssertSqlSafe(sql), (id, attachment_id))
        .await
}

/// Deletes an attachment's row; returns its storage key so the file can go too.
pub async fn delete_attachment(
    db: &Db,
    id: i64,
    attachment_id: i64,
) -> anyhow::Result<Option<String>> {
    let row: Option<(String,)> = db
        .optional(
            "DELETE FROM attachments WHERE experience_id = $1 AND id = $2 RETURNING storage_key",
            (id, attachment_id),
        )
        .await?;
    Ok(row.map(|r| r.0))
}

/// Bytes of attachments a person has uploaded (their quota counts these).
pub async fn uploaded_bytes(db: &Db, user_id: i64) -> anyhow::Result<i64> {
    let (n,): (i64,) = db.one(
        "SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM attachments WHERE uploaded_by = $1",
        (user_id,),
    ).await?;
    Ok(n)
}

record! {
    /// A published sheet with coordinates, for the map.
    pub struct MapPoint {
        pub id: i64,
        pub title: String,
        pub country_code: String,
        pub latitude: f64,
        pub longitude: f64,
    }
}

pub async fn published_points(db: &Db) -> anyhow::Result<Vec<MapPoint>> {
    Ok(sqlx::query_as(
        "SELECT id, title, country_code, latitude, longitude FROM experiences \
         WHERE state = 'published' AND latitude IS NOT NULL AND longitude IS NOT NULL ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?)
}
