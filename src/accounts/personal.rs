//! A person's own data: download everything Ayni holds about them, change their password or
//! e-mail (the new address confirms), delete their account. Deleting never deletes a sheet
//! that others work on: ownership passes to its longest-standing co-editor; a sheet without
//! one stays, its author shown as "cuenta eliminada". Contributions (posts, messages) stay,
//! signed "cuenta eliminada"; everything personal (e-mail, profile, sessions, preferences)
//! goes.

use super::{User, check_password, hash_token, random_token, store, verify_password};
use crate::db::Db;
use crate::refusal::Refusal;
use serde_json::{Value, json};
use sqlx::Row;

/// The name a deleted account shows.
pub const DELETED_NAME: &str = "cuenta eliminada";
/// How long an e-mail change link works.
const EMAIL_CHANGE_SECS: i64 = 2 * 86_400;

async fn password_ok(db: &Db, user: i64, password: &str) -> anyhow::Result<bool> {
    let row: Option<(String,)> = db
        .optional("SELECT password_hash FROM users WHERE id = $1", (user,))
        .await?;
    match row {
        Some((hash,)) if !hash.is_empty() => Ok(verify_password(password.to_string(), hash)
            .await
            .unwrap_or(false)),
        _ => Ok(false),
    }
}

/// Rows of one query as JSON objects (every column as text or number).
async fn rows(db: &Db, sql: &'static str, user: i64) -> anyhow::Result<Value> {
    let found = crate::db::query(sql, (user,)).fetch_all(&db.pool).await?;
    let mut out = Vec::new();
    for r in found {
        let mut obj = serde_json::Map::new();
        for (i, c) in r.columns().iter().enumerate() {
            use sqlx::Column;
            let v = if let Ok(v) = r.try_get::<Option<i64>, _>(i) {
                v.map(Value::from).unwrap_or(Value::Null)
            } else if let Ok(v) = r.try_get::<Option<f64>, _>(i) {
                v.map(Value::from).unwrap_or(Value::Null)
            } else {
                r.try_get::<Option<String>, _>(i)?
                    .map(Value::from)
                    .unwrap_or(Value::Null)
            };
            obj.insert(c.name().to_string(), v);
        }
        out.push(Value::Object(obj));
    }
    Ok(Value::Array(out))
}

/// Everything Ayni holds about `user`, as one JSON document.
pub async fn export(db: &Db, user: &User) -> anyhow::Result<Value> {
    Ok(json!({
        "account": rows(db, "SELECT id, email, name, role, lang, country_code, organisation, actor_type, \
            email_confirmed_at, created_at FROM users WHERE id = $1", user.id).await?,
        "public_profile": rows(db, "SELECT listed, bio, languages, show_organisation, show_actor, \
            show_sheets, show_activity, contact, updated_at FROM profiles WHERE user_id = $1", user.id).await?,
        "sheets_owned": rows(db, "SELECT id, title, state, created_at, updated_at FROM experiences \
            WHERE owner_id = $1 ORDER BY id", user.id).await?,
        "sheets_coedited": rows(db, "SELECT e.id, e.title, e.state, c.created_at AS since FROM coeditors c \
            JOIN experiences e ON e.id = c.experience_id WHERE c.user_id = $1 ORDER BY e.id", user.id).await?,
        "revisions_written": rows(db, "SELECT experience_id, number, note, created_at FROM revisions \
            WHERE author_id = $1 ORDER BY id", user.id).await?,
        "forum_posts": rows(db, "SELECT id, space_id, topic_id, body, hidden, created_at, edited_at FROM posts \
            WHERE author_id = $1 ORDER BY id", user.id).await?,
        "exchange_requests_sent": rows(db, "SELECT id, to_experience, from_experience, purpose, ways, state, \
            answer, created_at, answered_at FROM exchange_requests WHERE from_user = $1 ORDER BY id", user.id).await?,
        "messages_written": rows(db, "SELECT id, conversation_id, body, file_name, created_at FROM messages \
            WHERE author_id = $1 ORDER BY id", user.id).await?,
        "conversations": rows(db, "SELECT conversation_id, side, joined_at, left_at FROM conversation_members \
            WHERE user_id = $1 ORDER BY conversation_id", user.id).await?,
        "offers_and_needs_of_my_sheets": rows(db, "SELECT o.experience_id, o.direction, o.theme, o.body FROM sheet_offers o \
            JOIN experiences e ON e.id = o.experience_id WHERE e.owner_id = $1 ORDER BY o.id", user.id).await?,
        "notification_preferences": rows(db, "SELECT kind, mode FROM notification_prefs WHERE user_id = $1", user.id).await?,
        "notifications": rows(db, "SELECT kind, created_at, read_at FROM notifications WHERE user_id = $1 \
            ORDER BY id", user.id).await?,
        "sessions": rows(db, "SELECT created_at, expires_at FROM sessions WHERE user_id = $1", user.id).await?,
        "account_standing": rows(db, "SELECT suspended_at, suspended_reason FROM users WHERE id = $1", user.id).await?,
        "follows": rows(db, "SELECT target, target_id, created_at FROM follows WHERE user_id = $1", user.id).await?,
        "forum_memberships": rows(db, "SELECT forum_id, joined_at FROM forum_members WHERE user_id = $1", user.id).await?,
        "forum_votes": rows(db, "SELECT post_id, created_at FROM post_votes WHERE user_id = $1", user.id).await?,
        "call_submissions": rows(db, "SELECT s.id, s.call_id, s.experience_id, s.state, s.created_at FROM submissions s \
            JOIN experiences e ON e.id = s.experience_id WHERE e.owner_id = $1 ORDER BY s.id", user.id).await?,
        "attachments_uploaded": rows(db, "SELECT a.id, a.experience_id, a.file_name, a.size_bytes, a.created_at \
            FROM attachments a JOIN experiences e ON e.id = a.experience_id WHERE e.owner_id = $1 ORDER BY a.id", user.id).await?,
        "exchange_requests_received": rows(db, "SELECT r.id, r.from_experience, r.to_experience, r.purpose, r.state, r.created_at \
            FROM exchange_requests r JOIN experiences e ON e.id = r.to_experience WHERE e.owner_id = $1 ORDER BY r.id", user.id).await?,
        "reports_made": rows(db, "SELECT request_id, reason, created_at FROM exchange_reports WHERE reporter = $1", user.id).await?,
    }))
}

/// Changes the password (the current one is asked); every other session ends.
pub async fn change_password(
    db: &Db,
    user: &User,
    current: &str,
    new: &str,
    keep_session: &str,
) -> Result<(), Refusal> {
    if !password_ok(db, user.id, current).await? {
        return Err(Refusal::Field("current", "error-password-wrong"));
    }
    check_password(new).map_err(|k| Refusal::Field("password", k))?;
    let hash = super::hash_password(new.to_string()).await?;
    store::set_password(db, user.id, &hash).await?;
    crate::db::query(
        "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
        (user.id, hash_token(keep_session)),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Asks to move the account to `new_email`: a link goes to the new address, and nothing
/// changes until it is followed. Whether the address already has an account is not said
/// here (the link then fails for the holder of the other account's address).
pub async fn request_email_change(
    db: &Db,
    user: &User,
    password: &str,
    new_email: &str,
    mail: impl FnOnce(&str) -> crate::mail::Mail,
) -> Result<(), Refusal> {
    let email = super::Email::parse(new_email).map_err(|k| Refusal::Field("email", k))?;
    if email.as_str() == user.email {
        return Err(Refusal::Field("email", "error-email-same"));
    }
    if !password_ok(db, user.id, password).await? {
        return Err(Refusal::Field("current", "error-password-wrong"));
    }
    let token = random_token(32);
    let mut message = mail(&token);
    message.to = email.as_str().to_string();
    let mut tx = db.pool.begin().await?;
    crate::db::query(
        "INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at, new_email) VALUES ($1, $2, 'email', $3, $4)",
        (hash_token(&token), user.id, crate::now() + EMAIL_CHANGE_SECS, email.as_str()),
    )
    .execute(&mut *tx)
    .await?;
    crate::jobs::enqueue_mail(&mut tx, &message).await?;
    tx.commit().await?;
    Ok(())
}

/// Follows an e-mail change link: the account takes the new address (confirmed by this very
/// link). `None` when the link is unknown, used or expired, or the address was taken meanwhile.
pub async fn confirm_email_change(db: &Db, token: &str) -> anyhow::Result<Option<i64>> {
    let mut tx = db.pool.begin().await?;
    let row = crate::db::query(
        "UPDATE email_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = 'email' \
         AND used_at IS NULL AND expires_at > $1 RETURNING user_id, new_email",
        (crate::now(), hash_token(token)),
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let (user, email): (i64, String) = (row.try_get("user_id")?, row.try_get("new_email")?);
    let old: Option<(String, String)> =
        crate::db::query_as("SELECT email, lang FROM users WHERE id = $1", (user,))
            .fetch_optional(&mut *tx)
            .await?;
    let moved = crate::db::query(
        "UPDATE users SET email = $1, email_confirmed_at = $2 WHERE id = $3 \
         AND NOT EXISTS (SELECT 1 FROM users o WHERE o.email = $1)",
        (&email, crate::now(), user),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if moved == 0 {
        return Ok(None);
    }
    // the old address is told, and every session ends (sign in with the new one)
    if let Some((old_email, lang)) = old {
        let lang = crate::i18n::Lang::parse(&lang).unwrap_or_default();
        let mail = crate::mail::Mail {
            to: old_email,
            subject: lang.t("mail-email-changed-subject"),
            body: lang.t_args("mail-email-changed-body", &[("email", email.clone())]),
        };
        crate::jobs::enqueue_mail(&mut tx, &mail).await?;
    }
    crate::db::query("DELETE FROM sessions WHERE user_id = $1", (user,))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(user))
}

/// Deletes the account (the password is asked). Returns how many sheets passed to a co-editor.
pub async fn delete_account(db: &Db, user: &User, password: &str) -> Result<u64, Refusal> {
    if !password_ok(db, user.id, password).await? {
        return Err(Refusal::Field("current", "error-password-wrong"));
    }
    if crate::admin::last_admin(db, user).await? {
        return Err(Refusal::Invalid("error-last-admin"));
    }
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    // first in the transaction, while the account still has its name
    crate::admin::audit(&mut tx, Some(user.id), "delete-account", Some(user.id), "").await?;
    crate::db::query(
        "UPDATE users SET deleted_at = $1 WHERE id = $2",
        (now, user.id),
    )
    .execute(&mut *tx)
    .await?;
    // each owned sheet with co-editors passes to the one who joined first
    let owned: Vec<(i64,)> =
        crate::db::query_as("SELECT id FROM experiences WHERE owner_id = $1", (user.id,))
            .fetch_all(&mut *tx)
            .await?;
    let mut passed = 0;
    for (sheet,) in owned {
        let heir: Option<(i64,)> = crate::db::query_as(
            "SELECT user_id FROM coeditors c JOIN users u ON u.id = c.user_id \
             WHERE c.experience_id = $1 AND u.deleted_at IS NULL ORDER BY c.created_at, c.user_id LIMIT 1",
            (sheet,),
        )
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((heir,)) = heir {
            crate::db::query(
                "UPDATE experiences SET owner_id = $1 WHERE id = $2",
                (heir, sheet),
            )
            .execute(&mut *tx)
            .await?;
            crate::db::query(
                "DELETE FROM coeditors WHERE experience_id = $1 AND user_id = $2",
                (sheet, heir),
            )
            .execute(&mut *tx)
            .await?;
            crate::db::record_change(&mut tx, "experience", sheet).await?;
            passed += 1;
        }
    }
    for sql in [
        // what waits for review on a sheet nobody else works on is withdrawn, not published
        "UPDATE submissions SET state = 'withdrawn' WHERE state IN ('submitted', 'changes_requested') \
         AND experience_id IN (SELECT id FROM experiences WHERE owner_id = $1)",
        "UPDATE exchange_requests SET state = 'withdrawn' WHERE from_user = $1 AND state IN ('pending', 'proposed')",
        "UPDATE exchange_requests SET state = 'declined' WHERE state IN ('pending', 'proposed') \
         AND to_experience IN (SELECT id FROM experiences WHERE owner_id = $1)",
        "DELETE FROM coeditors WHERE user_id = $1",
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM email_tokens WHERE user_id = $1",
        "DELETE FROM profiles WHERE user_id = $1",
        "DELETE FROM notification_prefs WHERE user_id = $1",
        "DELETE FROM notifications WHERE user_id = $1",
        "DELETE FROM follows WHERE user_id = $1",
    ] {
        crate::db::query(sql, (user.id,)).execute(&mut *tx).await?;
    }
    crate::db::query(
        "UPDATE conversation_members SET left_at = $1 WHERE user_id = $2 AND left_at IS NULL",
        (now, user.id),
    )
    .execute(&mut *tx)
    .await?;
    crate::connections::conversations::close_emptied(&mut tx, now).await?;
    crate::db::query(
        "UPDATE users SET email = $1, name = $2, password_hash = '', organisation = '', actor_type = '', \
         country_code = NULL, role = 'participant', email_confirmed_at = NULL WHERE id = $3",
        (format!("eliminada-{}@ayni.invalid", user.id), DELETED_NAME, user.id),
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(passed)
}
