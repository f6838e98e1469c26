//! Lists, revisions, co-editors and invitations.

use super::*;

pub(super) const SUMMARY_COLUMNS: &str =
    "e.id, e.title, e.summary, e.country_code, e.place, e.state, e.status, e.updated_at";

pub async fn list_published(
    db: &Db,
    page: i64,
    per_page: i64,
) -> anyhow::Result<(Vec<Summary>, i64)> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM experiences e WHERE e.state = 'published' \
         ORDER BY e.updated_at DESC, e.id DESC LIMIT $1 OFFSET $2"
    );
    let rows = db
        .all(
            sqlx::AssertSqlSafe(sql),
            (per_page, (page - 1).max(0) * per_page),
        )
        .await?;
    let (total,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM experiences WHERE state = 'published'")
            .fetch_one(&db.pool)
            .await?;
    Ok((rows, total))
}

pub async fn list_for_editor(db: &Db, user_id: i64) -> anyhow::Result<Vec<Summary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM experiences e WHERE e.owner_id = $1 \
         OR e.id IN (SELECT experience_id FROM coeditors WHERE user_id = $1) ORDER BY e.updated_at DESC"
    );
    db.all(sqlx::AssertSqlSafe(sql), (user_id,)).await
}

/// (published sheets, countries with published sheets)
pub async fn published_counts(db: &Db) -> anyhow::Result<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT country_code) FROM experiences WHERE state = 'published'",
    )
    .fetch_one(&db.pool)
    .await?)
}

pub(super) const REVISION_COLUMNS: &str =
    "r.number, u.name AS author_name, r.note, r.content, r.created_at";

pub async fn revisions(db: &Db, id: i64) -> anyhow::Result<Vec<Revision>> {
    let sql = format!(
        "SELECT {REVISION_COLUMNS} FROM revisions r JOIN users u ON u.id = r.author_id \
         WHERE r.experience_id = $1 ORDER BY r.number DESC"
    );
    db.all(sqlx::AssertSqlSafe(sql), (id,)).await
}

pub async fn revision(db: &Db, id: i64, number: i64) -> anyhow::Result<Option<Revision>> {
    let sql = format!(
        "SELECT {REVISION_COLUMNS} FROM revisions r JOIN users u ON u.id = r.author_id \
         WHERE r.experience_id = $1 AND r.number = $2"
    );
    db.optional(sqlx::AssertSqlSafe(sql), (id, number)).await
}

/// (user id, name, e-mail) of each co-editor.
pub async fn coeditors(db: &Db, id: i64) -> anyhow::Result<Vec<(i64, String, String)>> {
    db.all(
        "SELECT u.id, u.name, u.email FROM coeditors c JOIN users u ON u.id = c.user_id WHERE c.experience_id = $1 ORDER BY u.name",
        (id,),
    ).await
}

pub async fn remove_coeditor(db: &Db, id: i64, user_id: i64) -> anyhow::Result<()> {
    crate::db::query(
        "DELETE FROM coeditors WHERE experience_id = $1 AND user_id = $2",
        (id, user_id),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn create_invitation(
    db: &Db,
    id: i64,
    email: &str,
    token_hash: &str,
    invited_by: i64,
    mail: &crate::mail::Mail,
) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
    // inviting the same address again replaces the waiting invitation: one link works, and
    // one is listed
    crate::db::query(
        "DELETE FROM invitations WHERE experience_id = $1 AND email = $2 AND accepted_at IS NULL",
        (id, email),
    )
    .execute(&mut *tx)
    .await?;
    crate::db::query("INSERT INTO invitations (token_hash, experience_id, email, invited_by, created_at) VALUES ($1, $2, $3, $4, $5)", (token_hash, id, email, invited_by, crate::now()))
        .execute(&mut *tx)
        .await?;
    crate::jobs::enqueue_mail(&mut tx, mail).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes `user_id` a co-editor of sheet `id` directly (demonstration data).
pub async fn add_coeditor(db: &Db, id: i64, user_id: i64) -> anyhow::Result<()> {
    crate::db::query(
        "INSERT INTO coeditors (experience_id, user_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (experience_id, user_id) DO NOTHING",
        (id, user_id, crate::now()),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The open (unaccepted, unexpired) invitations of a sheet: (address, when last sent), newest
/// first, once per address.
pub async fn pending_invitations(db: &Db, id: i64) -> anyhow::Result<Vec<(String, i64)>> {
    db.all(
        "SELECT email, MAX(created_at) AS sent FROM invitations \
         WHERE experience_id = $1 AND accepted_at IS NULL AND created_at > $2 \
         GROUP BY email ORDER BY sent DESC",
        (id, crate::now() - 30 * 86400),
    )
    .await
}

/// The address an open (unaccepted, unexpired) invitation was sent to.
pub async fn invitation_email(db: &Db, token_hash: &str) -> anyhow::Result<Option<String>> {
    let row: Option<(String,)> = db.optional(
        "SELECT email FROM invitations WHERE token_hash = $1 AND accepted_at IS NULL AND created_at > $2",
        (token_hash, crate::now() - 30 * 86400),
    ).await?;
    Ok(row.map(|r| r.0))
}

/// An invitation that is no longer open: (sheet, whether it was accepted, else it expired).
pub async fn ended_invitation(db: &Db, token_hash: &str) -> anyhow::Result<Option<(i64, bool)>> {
    let row: Option<(i64, Option<i64>)> = db
        .optional(
            "SELECT experience_id, accepted_at FROM invitations WHERE token_hash = $1",
            (token_hash,),
        )
        .await?;
    Ok(row.map(|(id, accepted)| (id, accepted.is_some())))
}

/// Accepts an open invitation (valid 30 days) for `user_id`; returns the sheet id.
pub async fn accept_invitation(
    db: &Db,
    token_hash: &str,
    user_id: i64,
) -> anyhow::Result<Option<i64>> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let row: Option<(i64,)> = crate::db::query_as(
        "UPDATE invitations SET accepted_at = $2 WHERE token_hash = $1 AND accepted_at IS NULL AND created_at > $3 \
         RETURNING experience_id",
        (token_hash, now, now - 30 * 86400),
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((id,)) = row {
        crate::db::query(
            "INSERT INTO coeditors (experience_id, user_id, created_at) SELECT $1, $2, $3 \
             WHERE NOT EXISTS (SELECT 1 FROM experiences WHERE id = $1 AND owner_id = $2) \
             ON CONFLICT (experience_id, user_id) DO NOTHING",
            (id, user_id, now),
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(row.map(|r| r.0))
}
