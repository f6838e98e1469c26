//! SQL for `users`, `sessions` and `email_tokens`.

use super::{Profile, Role, User};
use crate::db::Db;

const USER_COLUMNS: &str = "u.id, u.email, u.name, u.role, u.lang, u.country_code, u.organisation, u.actor_type, u.email_confirmed_at";

pub async fn find_by_email(db: &Db, email: &str) -> anyhow::Result<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1");
    let row: Option<User> = db
        .optional(sqlx::AssertSqlSafe(sql), (email.trim().to_lowercase(),))
        .await?;
    Ok(row)
}

pub async fn find_by_id(db: &Db, id: i64) -> anyhow::Result<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1");
    let row: Option<User> = db.optional(sqlx::AssertSqlSafe(sql), (id,)).await?;
    Ok(row)
}

/// (id, password hash, when suspended) of the account with this address, deleted ones aside.
pub async fn find_credentials(
    db: &Db,
    email: &str,
) -> anyhow::Result<Option<(i64, String, Option<i64>)>> {
    db.optional(
        "SELECT id, password_hash, suspended_at FROM users WHERE email = $1 AND deleted_at IS NULL",
        (email,),
    )
    .await
}

pub async fn insert_user(
    db: &Db,
    email: &str,
    hash: &str,
    p: &Profile,
    role: Role,
) -> anyhow::Result<Option<i64>> {
    let id: Option<(i64,)> = db.optional(
        "INSERT INTO users (email, name, password_hash, country_code, organisation, actor_type, lang, role, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (email) DO NOTHING RETURNING id",
        (email, &p.name, hash, p.country.clone(), &p.organisation, &p.actor_type, &p.lang, role.code(), crate::now()),
    ).await?;
    Ok(id.map(|(id,)| id))
}

pub async fn update_profile(db: &Db, id: i64, p: &Profile) -> anyhow::Result<()> {
    crate::db::query("UPDATE users SET name = $1, country_code = $2, organisation = $3, actor_type = $4, lang = $5 WHERE id = $6", (&p.name, p.country.clone(), &p.organisation, &p.actor_type, &p.lang, id))
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn set_lang(db: &Db, id: i64, lang: &str) -> anyhow::Result<()> {
    crate::db::query("UPDATE users SET lang = $1 WHERE id = $2", (lang, id))
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn first_admin(db: &Db) -> anyhow::Result<Option<i64>> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1")
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|r| r.0))
}

/// `false` when the person already had the role.
pub async fn set_role(conn: &mut sqlx::AnyConnection, id: i64, role: Role) -> anyhow::Result<bool> {
    Ok(crate::db::query(
        "UPDATE users SET role = $1 WHERE id = $2 AND role <> $1",
        (role.code(), id),
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

pub async fn set_password(db: &Db, id: i64, hash: &str) -> anyhow::Result<()> {
    crate::db::query(
        "UPDATE users SET password_hash = $1 WHERE id = $2",
        (hash, id),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn set_email_confirmed(db: &Db, id: i64, at: i64) -> anyhow::Result<()> {
    crate::db::query(
        "UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL",
        (at, id),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn insert_session(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    expires_at: i64,
) -> anyhow::Result<()> {
    crate::db::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)", (token_hash, user_id, crate::now(), expires_at))
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn delete_session(db: &Db, token_hash: &str) -> anyhow::Result<()> {
    crate::db::query("DELETE FROM sessions WHERE token_hash = $1", (token_hash,))
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn delete_sessions_of(db: &Db, user_id: i64) -> anyhow::Result<()> {
    crate::db::query("DELETE FROM sessions WHERE user_id = $1", (user_id,))
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn user_for_session(db: &Db, token_hash: &str, now: i64) -> anyhow::Result<Option<User>> {
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.suspended_at IS NULL AND u.deleted_at IS NULL"
    );
    let row: Option<User> = db
        .optional(sqlx::AssertSqlSafe(sql), (token_hash, now))
        .await?;
    Ok(row)
}

/// Removes expired sessions, and e-mail tokens used or expired before `before`.
pub async fn prune(db: &Db, now: i64, before: i64) -> anyhow::Result<u64> {
    let sessions = crate::db::query("DELETE FROM sessions WHERE expires_at < $1", (now,))
        .execute(&db.pool)
        .await?
        .rows_affected();
    let tokens = crate::db::query(
        "DELETE FROM email_tokens WHERE (used_at IS NOT NULL AND used_at < $1) OR expires_at < $1",
        (before,),
    )
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok(sessions + tokens)
}

pub async fn insert_email_token(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    purpose: &str,
    expires_at: i64,
    password_hash: Option<&str>,
    mail: &crate::mail::Mail,
) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
    crate::db::query("INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at, password_hash) VALUES ($1, $2, $3, $4, $5)", (token_hash, user_id, purpose, expires_at, password_hash))
        .execute(&mut *tx)
        .await?;
    crate::jobs::enqueue_mail(&mut tx, mail).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn peek_email_token(
    db: &Db,
    token_hash: &str,
    purpose: &str,
    now: i64,
) -> anyhow::Result<Option<i64>> {
    let row: Option<(i64,)> = db.optional(
        "SELECT user_id FROM email_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        (token_hash, purpose, now),
    ).await?;
    Ok(row.map(|r| r.0))
}

/// Marks the token used in the same statement that checks it, so it works exactly once;
/// every other outstanding token of that person for the same purpose dies with it (an older
/// reset link must not work after a newer one was used).
pub async fn redeem_email_token(
    db: &Db,
    token_hash: &str,
    purpose: &str,
    now: i64,
) -> anyhow::Result<Option<(i64, Option<String>)>> {
    let mut tx = db.pool.begin().await?;
    let row: Option<(i64, Option<String>)> = crate::db::query_as(
        "UPDATE email_tokens SET used_at = $3 \
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 \
         RETURNING user_id, password_hash",
        (token_hash, purpose, now),
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((user, _)) = &row {
        crate::db::query(
            "UPDATE email_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
            (*user, purpose, now),
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(row)
}
