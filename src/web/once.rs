//! One-time submission tokens (`form_submissions`): a form that creates something carries a
//! token, and only the first submission with it creates; the others are led to what it made.

use crate::db::Db;
use sha2::{Digest, Sha256};

/// The key of one submission: the page's token and a digest of everything sent. The same
/// form sent twice (a double click, a reload) has one key; the same page sent again with
/// other words (back, edit, send) is a submission of its own, judged on its own.
pub fn token(page_token: &str, body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{page_token}:{hex}")
}

/// Takes the token for this submission; `false` when another submission already has it.
pub async fn claim(db: &Db, token: &str) -> anyhow::Result<bool> {
    Ok(crate::db::query(
        "INSERT INTO form_submissions (token, created_at) VALUES ($1, $2) ON CONFLICT (token) DO NOTHING",
        (token, crate::now()),
    )
    .execute(&db.pool)
    .await?
    .rows_affected()
        == 1)
}

/// Records where the submission led.
pub async fn remember(db: &Db, token: &str, result: &str) -> anyhow::Result<()> {
    crate::db::query(
        "UPDATE form_submissions SET result = $2 WHERE token = $1",
        (token, result),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Frees the token of a refused submission, so the corrected form can be sent.
pub async fn release(db: &Db, token: &str) -> anyhow::Result<()> {
    crate::db::query(
        "DELETE FROM form_submissions WHERE token = $1 AND result IS NULL",
        (token,),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Where the first submission with `token` led, waiting up to three seconds while it is
/// still saving; `fallback` if it was refused or takes longer.
pub async fn result(db: &Db, token: &str, fallback: &str) -> anyhow::Result<String> {
    for _ in 0..30 {
        let row: Option<(Option<String>,)> = db
            .optional(
                "SELECT result FROM form_submissions WHERE token = $1",
                (token,),
            )
            .await?;
        match row {
            Some((Some(url),)) => return Ok(url),
            Some((None,)) => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
            None => break,
        }
    }
    Ok(fallback.to_string())
}

/// Forgets tokens older than `before` (the daily clean-up).
pub async fn prune(db: &Db, before: i64) -> anyhow::Result<u64> {
    Ok(crate::db::query(
        "DELETE FROM form_submissions WHERE created_at < $1",
        (before,),
    )
    .execute(&db.pool)
    .await?
    .rows_affected())
}
