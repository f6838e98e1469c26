//! Suggested pairings a team chose to hide ("no me interesa").

use crate::db::Db;
use std::collections::HashSet;

/// (my sheet, suggested sheet) pairs `user` dismissed.
pub async fn dismissed(db: &Db, user: i64) -> anyhow::Result<HashSet<(i64, i64)>> {
    let rows: Vec<(i64, i64)> = db
        .all(
            "SELECT experience_id, suggested_id FROM suggestion_dismissals WHERE user_id = $1",
            (user,),
        )
        .await?;
    Ok(rows.into_iter().collect())
}

pub async fn dismiss(
    db: &Db,
    user: i64,
    sheet: i64,
    suggested: i64,
    now: i64,
) -> anyhow::Result<()> {
    crate::db::query(
        "INSERT INTO suggestion_dismissals (user_id, experience_id, suggested_id, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, experience_id, suggested_id) DO NOTHING",
        (user, sheet, suggested, now),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}
