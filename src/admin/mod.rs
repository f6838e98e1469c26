//! Administration (`/admin`): people (search, roles, suspension, confirmation), the audit log
//! of every admin and facilitator action, and site settings. The rules are the pure
//! functions below; operations and pages both call them. Owns tables `audit_log` and
//! `site_settings`, and the `suspended_*` columns of `users`.

mod terms;
pub mod web;

use crate::accounts::{Role, User};
use crate::db::Db;
use crate::record;
use crate::refusal::Refusal;

// ---- rules ----

pub fn administers(user: &User) -> bool {
    user.role == Role::Admin
}

/// Whether `user` is the only administrator left (they may not leave the site without one).
pub async fn last_admin(db: &Db, user: &User) -> anyhow::Result<bool> {
    if !administers(user) {
        return Ok(false);
    }
    let (others,): (i64,) = db.one(
        "SELECT COUNT(*) FROM users WHERE role = 'admin' AND id <> $1 AND deleted_at IS NULL AND suspended_at IS NULL",
        (user.id,),
    ).await?;
    Ok(others == 0)
}

/// An admin changes someone else's role or standing, never their own (an admin cannot lock
/// themselves out by mistake).
pub fn may_manage(actor: &User, target: i64) -> Result<(), Refusal> {
    if !administers(actor) {
        return Err(Refusal::Forbidden("error-forbidden"));
    }
    if actor.id == target {
        return Err(Refusal::Invalid("admin-error-self"));
    }
    Ok(())
}

// ---- audit log ----

/// Records an action (`actor` None: the command line).
///
/// It takes the connection of the action's own transaction: the action and its entry in the
/// log are written together or not at all.
pub async fn audit(
    conn: &mut sqlx::AnyConnection,
    actor: Option<i64>,
    action: &str,
    target: Option<i64>,
    detail: &str,
) -> anyhow::Result<()> {
    // the names as they are now: an account deleted later stays named in the log
    crate::db::query(
        "INSERT INTO audit_log (actor_id, action, target_user, detail, created_at, actor_label, target_label) \
         VALUES ($1, $2, $3, $4, $5, COALESCE((SELECT name FROM users WHERE id = $1), ''), \
         COALESCE((SELECT name FROM users WHERE id = $3), ''))",
        (actor, action, target, detail, crate::now()),
    )
    .execute(conn)
    .await?;
    Ok(())
}

record! {
    pub struct AuditEntry {
        pub id: i64,
        pub actor_name: Option<String>,
        pub action: String,
        pub target_id: Option<i64>,
        pub target_name: Option<String>,
        pub detail: String,
        pub created_at: i64,
    }
}

/// The latest entries, optionally of one action only.
impl AuditEntry {
    /// The detail in the reader's language where it is a code: a role, a review decision,
    /// a moderation action (`hide #72`).
    pub fn detail_in(&self, lang: crate::i18n::Lang) -> String {
        let named = |prefix: &str| match self.detail.split_once(" #") {
            Some((code, n)) => format!("{} #{n}", lang.t(&format!("{prefix}{code}"))),
            None => self.detail.clone(),
        };
        match self.action.as_str() {
            "role" => lang.t(&format!("role-{}", self.detail)),
            "decision" => named("decision-"),
            "moderation" => named("mod-action-"),
            _ => self.detail.clone(),
        }
    }
}

pub async fn audit_entries(db: &Db, action: &str, limit: i64) -> anyhow::Result<Vec<AuditEntry>> {
    db.all(
        "SELECT l.id, CASE WHEN l.actor_id IS NULL THEN NULL ELSE l.actor_label END AS actor_name, \
         l.action, l.target_user AS target_id, \
         CASE WHEN l.target_label <> '' THEN l.target_label ELSE t.name END AS target_name, \
         l.detail, l.created_at FROM audit_log l LEFT JOIN users a ON a.id = l.actor_id \
         LEFT JOIN users t ON t.id = l.target_user WHERE ($1 = '' OR l.action = $1) \
         ORDER BY l.id DESC LIMIT $2",
        (action, limit),
    )
    .await
}

/// The actions recorded so far (for the filter).
pub async fn audit_actions(db: &Db) -> anyhow::Result<Vec<String>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT action FROM audit_log ORDER BY action")
            .fetch_all(&db.pool)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

// ---- people ----

record! {
    pub struct PersonRow {
        pub id: i64,
        pub name: String,
        pub email: String,
        pub role: Role,
        pub country_code: Option<String>,
        pub email_confirmed_at: Option<i64>,
        pub suspended_at: Option<i64>,
        pub suspended_reason: String,
        pub created_at: i64,
        pub posts: i64,
        pub sheets: i64,
    }
}

const PEOPLE: &str = "SELECT u.id, u.name, u.email, u.role, u.country_code, u.email_confirmed_at, \
    u.suspended_at, u.suspended_reason, u.created_at, \
    (SELECT COUNT(*) FROM posts p WHERE p.author_id = u.id) AS posts, \
    (SELECT COUNT(*) FROM experiences e WHERE e.owner_id = u.id) AS sheets FROM users u";

/// People whose name or e-mail contains `q` (all when empty), by name; deleted accounts aside.
pub async fn search(db: &Db, q: &str, limit: i64) -> anyhow::Result<Vec<PersonRow>> {
    let like = format!("%{}%", q.trim().to_lowercase().replace(['%', '_'], ""));
    let sql = format!(
        "{PEOPLE} WHERE u.deleted_at IS NULL AND (LOWER(u.name) LIKE $1 OR u.email LIKE $1) \
         ORDER BY u.name, u.id LIMIT $2"
    );
    db.all(sqlx::AssertSqlSafe(sql), (like, limit)).await
}

pub async fn person(db: &Db, id: i64) -> anyhow::Result<Option<PersonRow>> {
    let sql = format!("{PEOPLE} WHERE u.id = $1 AND u.deleted_at IS NULL");
    db.optional(sqlx::AssertSqlSafe(sql), (id,)).await
}

pub async fn set_role(db: &Db, actor: &User, target: i64, role: Role) -> Result<(), Refusal> {
    may_manage(actor, target)?;
    give_role(db, Some(actor.id), target, role).await?;
    Ok(())
}

/// Gives `target` the role and logs it (`actor` None: the command line). A person who
/// already has it is left alone, and nothing is logged: `false`.
pub async fn give_role(
    db: &Db,
    actor: Option<i64>,
    target: i64,
    role: Role,
) -> anyhow::Result<bool> {
    let mut tx = db.pool.begin().await?;
    let changed = crate::accounts::set_role(&mut tx, target, role).await?;
    if changed {
        audit(&mut tx, actor, "role", Some(target), role.code()).await?;
    }
    tx.commit().await?;
    Ok(changed)
}

pub const REASON_MAX: usize = 500;

/// Suspends `target`: they cannot sign in, and their sessions end at once on every instance
/// (sessions are read from the database on each request).
pub async fn suspend(db: &Db, actor: &User, target: i64, reason: &str) -> Result<(), Refusal> {
    may_manage(actor, target)?;
    if crate::web::form::is_blank(reason) {
        return Err(Refusal::Field("reason", "error-required"));
    }
    let mut tx = db.pool.begin().await?;
    crate::db::query(
        "UPDATE users SET suspended_at = $1, suspended_reason = $2 WHERE id = $3",
        (crate::now(), reason, target),
    )
    .execute(&mut *tx)
    .await?;
    crate::db::query("DELETE FROM sessions WHERE user_id = $1", (target,))
        .execute(&mut *tx)
        .await?;
    audit(&mut tx, Some(actor.id), "suspend", Some(target), reason).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn unsuspend(db: &Db, actor: &User, target: i64) -> Result<(), Refusal> {
    may_manage(actor, target)?;
    let mut tx = db.pool.begin().await?;
    let changed = crate::db::query(
        "UPDATE users SET suspended_at = NULL, suspended_reason = '' WHERE id = $1 AND suspended_at IS NOT NULL",
        (target,),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // an account already active (a second click, another admin first): nothing to log
    if changed > 0 {
        audit(&mut tx, Some(actor.id), "unsuspend", Some(target), "").await?;
    }
    tx.commit().await?;
    Ok(())
}

// ---- site settings ----

/// The settings an admin edits, with their defaults.
pub const SETTINGS: [(&str, &str); 4] = [
    ("name", "Ayni"),
    (
        "description",
        "Centro Virtual de Excelencia para el desarrollo territorial en América Latina y el Caribe",
    ),
    ("contact", ""),
    ("open_communities", "0"),
];

/// The settings pages show: the site's name and contact address.
#[derive(Debug, Clone)]
pub struct Site {
    pub name: String,
    pub description: String,
    pub contact: String,
    pub open_communities: bool,
}

impl Default for Site {
    fn default() -> Site {
        let get = |k: &str| {
            SETTINGS
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
                .unwrap_or_default()
        };
        Site {
            name: get("name"),
            description: get("description"),
            contact: get("contact"),
            open_communities: get("open_communities") == "1",
        }
    }
}

impl Site {
    pub async fn load(db: &Db) -> anyhow::Result<Site> {
        let all = settings(db).await?;
        let get = |k: &str| {
            all.iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        Ok(Site {
            name: get("name"),
            description: get("description"),
            contact: get("contact"),
            open_communities: get("open_communities") == "1",
        })
    }
}

/// Every setting, defaults filled in.
pub async fn settings(db: &Db) -> anyhow::Result<Vec<(&'static str, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM site_settings")
        .fetch_all(&db.pool)
        .await?;
    Ok(SETTINGS
        .iter()
        .map(|(k, default)| {
            let v = rows
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| default.to_string());
            (*k, v)
        })
        .collect())
}

/// The settings' revision (the row `revision`, raised by every save): the form carries it.
pub async fn settings_revision(db: &Db) -> anyhow::Result<i64> {
    let row: Option<(String,)> = db
        .optional("SELECT value FROM site_settings WHERE key = 'revision'", ())
        .await?;
    Ok(row.and_then(|(v,)| v.parse().ok()).unwrap_or(0))
}

/// Saves the settings over `revision`, the one the form showed: a form filled before
/// another admin's save is refused, nothing written.
pub async fn save_settings(
    db: &Db,
    actor: &User,
    revision: i64,
    values: &[(String, String)],
) -> Result<(), Refusal> {
    if !administers(actor) {
        return Err(Refusal::Forbidden("error-forbidden"));
    }
    let mut tx = db.pool.begin().await?;
    crate::db::query(
        "INSERT INTO site_settings (key, value) VALUES ('revision', '0') ON CONFLICT (key) DO NOTHING",
        (),
    )
    .execute(&mut *tx)
    .await?;
    let claimed = crate::db::query(
        "UPDATE site_settings SET value = $1 WHERE key = 'revision' AND value = $2",
        ((revision + 1).to_string(), revision.to_string()),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Err(Refusal::Conflict("error-edited-meanwhile"));
    }
    for (k, v) in values {
        crate::db::query(
            "INSERT INTO site_settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (k, v),
        )
        .execute(&mut *tx)
        .await?;
    }
    // every instance reads them again (they keep a copy for a minute)
    crate::db::record_change(&mut tx, "site", 0).await?;
    audit(&mut tx, Some(actor.id), "settings", None, "").await?;
    tx.commit().await?;
    Ok(())
}
