//! Notifications: in the app (a counter in the header, a list, mark as read) and by e-mail,
//! each person choosing per kind: immediately, in a daily digest, or not at all.
//!
//! A notification is created inside the transaction of the post that causes it. Immediate
//! e-mails and the daily digest are jobs (`crate::jobs`), so they survive restarts. Each
//! notification's `email` column moves `pending|digest → sending → sent` by conditional
//! updates, so no item is ever e-mailed twice, even with several instances.

pub mod routes;

use crate::db::Db;
use crate::i18n::Lang;
use crate::mail::Outgoing;
use crate::record;
use sqlx::AnyConnection;

/// The kinds, in the order the preferences page lists them.
pub const KINDS: [&str; 8] = [
    "reply",
    "answer",
    "mention",
    "helpful",
    "follow",
    "submission",
    "exchange",
    "message",
];
pub const MODES: [&str; 3] = ["immediate", "digest", "none"];

/// Without a choice: everything addressed to me at once, activity I follow in the digest.
pub fn default_mode(kind: &str) -> &'static str {
    if kind == "follow" {
        "digest"
    } else {
        "immediate"
    }
}

record! {
    pub struct NotificationView {
        pub id: i64,
        pub kind: String,
        pub post_id: i64,
        pub topic_id: i64,
        pub actor_name: Option<String>,
        pub space_title: String,
        pub topic_title: String,
        pub body: String,
        pub hidden: i64,
        pub created_at: i64,
        pub read_at: Option<i64>,
        pub submission_id: Option<i64>,
        pub call_id: Option<i64>,
        pub request_id: Option<i64>,
        pub request_state: Option<String>,
        pub conversation_id: Option<i64>,
        pub message_id: Option<i64>,
    }
}

/// `submission_id` and `call_id` are set for `submission` notifications (facilitators of a
/// call), `request_id` for `exchange` ones, `conversation_id` and `message_id` for `message`
/// ones; the post fields are then empty.
impl NotificationView {
    pub fn url(&self) -> String {
        if let (Some(c), Some(m)) = (self.conversation_id, self.message_id) {
            return format!("/mensajes/{c}#m{m}");
        }
        if let Some(r) = self.request_id {
            return format!("/intercambios/{r}");
        }
        match (self.submission_id, self.call_id) {
            (Some(s), Some(c)) => format!("/convocatorias/{c}/postulaciones/{s}"),
            _ => format!("/foros/temas/{}#m{}", self.topic_id, self.post_id),
        }
    }
    /// The message key of the one-line description (an exchange's says where it stands).
    pub fn line_key(&self) -> String {
        match (self.kind.as_str(), &self.request_state) {
            ("exchange", Some(state)) => format!("notify-line-exchange-{state}"),
            (kind, _) => format!("notify-line-{kind}"),
        }
    }
    /// The first words of the post.
    pub fn excerpt(&self) -> String {
        let flat: String = self.body.split_whitespace().collect::<Vec<_>>().join(" ");
        if flat.chars().count() > 140 {
            format!("{}…", flat.chars().take(140).collect::<String>())
        } else {
            flat
        }
    }
    pub fn context(&self) -> String {
        if self.topic_title.is_empty() {
            self.space_title.clone()
        } else {
            format!("{} · {}", self.space_title, self.topic_title)
        }
    }
    pub fn actor(&self) -> String {
        self.actor_name.clone().unwrap_or_default()
    }
}

async fn mode_in(conn: &mut AnyConnection, user: i64, kind: &str) -> anyhow::Result<String> {
    let row: Option<(String,)> = crate::db::query_as(
        "SELECT mode FROM notification_prefs WHERE user_id = $1 AND kind = $2",
        (user, kind),
    )
    .fetch_optional(conn)
    .await?;
    Ok(row
        .map(|r| r.0)
        .unwrap_or_else(|| default_mode(kind).to_string()))
}

/// Creates a notification (inside the caller's transaction) and, for immediate e-mail,
/// the job that sends it.
pub async fn add(
    conn: &mut AnyConnection,
    user: i64,
    kind: &'static str,
    post: i64,
    actor: Option<i64>,
) -> anyhow::Result<()> {
    add_about(conn, user, kind, About::Post(post), actor).await
}

/// What a notification points to.
#[derive(Debug, Clone, Copy)]
pub enum About {
    Post(i64),
    Submission(i64),
    Request(i64),
    Message(i64),
}

/// Creates a notification about a post or a submission (inside the caller's transaction)
/// and, for immediate e-mail, the job that sends it.
pub async fn add_about(
    conn: &mut AnyConnection,
    user: i64,
    kind: &'static str,
    about: About,
    actor: Option<i64>,
) -> anyhow::Result<()> {
    let email = match mode_in(conn, user, kind).await?.as_str() {
        "immediate" => "pending",
        "digest" => "digest",
        _ => "none",
    };
    insert(conn, user, kind, about, actor, email).await
}

/// Creates a notification shown in the app only (never e-mailed).
pub async fn add_quietly(
    conn: &mut AnyConnection,
    user: i64,
    kind: &'static str,
    about: About,
    actor: Option<i64>,
) -> anyhow::Result<()> {
    insert(conn, user, kind, about, actor, "none").await
}

async fn insert(
    conn: &mut AnyConnection,
    user: i64,
    kind: &'static str,
    about: About,
    actor: Option<i64>,
    email: &str,
) -> anyhow::Result<()> {
    // a deleted account is told nothing; a suspended one is not e-mailed
    let standing: Option<(Option<i64>, Option<i64>)> = crate::db::query_as(
        "SELECT deleted_at, suspended_at FROM users WHERE id = $1",
        (user,),
    )
    .fetch_optional(&mut *conn)
    .await?;
    let email = match standing {
        None | Some((Some(_), _)) => return Ok(()),
        Some((None, Some(_))) => "none",
        Some((None, None)) => email,
    };
    let (mut post, mut submission, mut request, mut message) = (None, None, None, None);
    match about {
        About::Post(p) => post = Some(p),
        About::Submission(s) => submission = Some(s),
        About::Request(r) => request = Some(r),
        About::Message(m) => message = Some(m),
    }
    let now = crate::now();
    let (id,): (i64,) = crate::db::query_as(
        // about an exchange, what happened is its state now, in the transaction that changed it
        "INSERT INTO notifications (user_id, kind, post_id, submission_id, request_id, message_id, \
         actor_id, created_at, email, event) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
         COALESCE((SELECT state FROM exchange_requests WHERE id = $5), '')) RETURNING id",
        (
            user, kind, post, submission, request, message, actor, now, email,
        ),
    )
    .fetch_one(&mut *conn)
    .await?;
    if email == "pending" {
        crate::jobs::enqueue(conn, "email", None, &id.to_string(), now).await?;
    }
    Ok(())
}

pub async fn unread_count(db: &Db, user: i64) -> anyhow::Result<i64> {
    let (n,): (i64,) = db
        .one(
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
            (user,),
        )
        .await?;
    Ok(n)
}

/// Notifications with what they point to. Text of hidden (moderated) posts is never shown
/// nor e-mailed: `hidden` is 1 when the post or its topic is hidden, and the text is empty.
const VIEW_SELECT: &str = "SELECT n.id, n.kind, COALESCE(n.post_id, 0) AS post_id, \
    COALESCE(p.topic_id, p.id, 0) AS topic_id, a.name AS actor_name, \
    COALESCE(s.title, c.title, re.title, '') AS space_title, \
    CASE WHEN p.hidden = 1 OR tp.hidden = 1 THEN '' ELSE COALESCE(t.title, e.title, '') END AS topic_title, \
    CASE WHEN p.hidden = 1 OR tp.hidden = 1 THEN '' ELSE COALESCE(p.body, m.body, \
    CASE WHEN n.event IN ('proposed', 'accepted', 'declined') AND r.answer <> '' THEN r.answer ELSE r.purpose END, '') END AS body, \
    CASE WHEN p.hidden = 1 OR tp.hidden = 1 THEN 1 ELSE 0 END AS hidden, \
    n.created_at, n.read_at, n.submission_id, sb.call_id, n.request_id, \
    CASE WHEN n.event <> '' THEN n.event ELSE r.state END AS request_state, m.conversation_id, n.message_id FROM notifications n \
    LEFT JOIN posts p ON p.id = n.post_id \
    LEFT JOIN posts tp ON tp.id = COALESCE(p.topic_id, p.id) \
    LEFT JOIN spaces s ON s.id = p.space_id LEFT JOIN topics t ON t.post_id = tp.id \
    LEFT JOIN submissions sb ON sb.id = n.submission_id LEFT JOIN calls c ON c.id = sb.call_id \
    LEFT JOIN experiences e ON e.id = sb.experience_id \
    LEFT JOIN messages m ON m.id = n.message_id \
    LEFT JOIN conversations cv ON cv.id = m.conversation_id \
    LEFT JOIN exchange_requests r ON r.id = COALESCE(n.request_id, cv.request_id) \
    LEFT JOIN experiences re ON re.id = r.to_experience \
    LEFT JOIN users a ON a.id = n.actor_id";

pub async fn list(db: &Db, user: i64, limit: i64) -> anyhow::Result<Vec<NotificationView>> {
    let sql = format!("{VIEW_SELECT} WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2");
    db.all(sqlx::AssertSqlSafe(sql), (user, limit)).await
}

async fn views_by_ids(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<NotificationView>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!(
        "{VIEW_SELECT} WHERE n.id IN ({}) ORDER BY n.id",
        crate::db::placeholders(1, ids.len())
    );
    let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(&db.pool).await?)
}

/// Marks one notification (or, with `None`, all of them) as read. Returns the one's view.
pub async fn mark_read(
    db: &Db,
    user: i64,
    id: Option<i64>,
) -> anyhow::Result<Option<NotificationView>> {
    let now = crate::now();
    match id {
        Some(id) => {
            crate::db::query("UPDATE notifications SET read_at = $3 WHERE id = $1 AND user_id = $2 AND read_at IS NULL", (id, user, now))
                .execute(&db.pool)
                .await?;
            let view = views_by_ids(db, &[id]).await?.pop();
            Ok(view)
        }
        None => {
            crate::db::query(
                "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
                (user, now),
            )
            .execute(&db.pool)
            .await?;
            Ok(None)
        }
    }
}

/// Whether notification `id` belongs to `user`.
pub async fn owner_of(db: &Db, id: i64) -> anyhow::Result<Option<i64>> {
    let row: Option<(i64,)> = db
        .optional("SELECT user_id FROM notifications WHERE id = $1", (id,))
        .await?;
    Ok(row.map(|r| r.0))
}

/// (kind, mode) for every kind, defaults filled in.
pub async fn prefs(db: &Db, user: i64) -> anyhow::Result<Vec<(&'static str, String)>> {
    let rows: Vec<(String, String)> = db
        .all(
            "SELECT kind, mode FROM notification_prefs WHERE user_id = $1",
            (user,),
        )
        .await?;
    Ok(KINDS
        .iter()
        .map(|k| {
            let mode = rows
                .iter()
                .find(|(kind, _)| kind == k)
                .map(|(_, m)| m.clone())
                .unwrap_or_else(|| default_mode(k).to_string());
            (*k, mode)
        })
        .collect())
}

pub async fn set_prefs(db: &Db, user: i64, choices: &[(&str, &str)]) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
    for (kind, mode) in choices {
        crate::db::query(
            "INSERT INTO notification_prefs (user_id, kind, mode) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode",
            (user, *kind, *mode),
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

// ---- e-mail ----

struct Recipient {
    email: String,
    lang: Lang,
}

async fn recipient(db: &Db, user: i64) -> anyhow::Result<Option<Recipient>> {
    let row: Option<(String, String)> = db
        .optional("SELECT email, lang FROM users WHERE id = $1", (user,))
        .await?;
    Ok(row.map(|(email, lang)| Recipient {
        email,
        lang: Lang::parse(&lang).unwrap_or_default(),
    }))
}

fn line(lang: Lang, base: &str, n: &NotificationView) -> String {
    let what = lang.t_args(
        &n.line_key(),
        &[("name", n.actor()), ("where", n.context())],
    );
    format!("- {what}\n  «{}»\n  {base}{}\n", n.excerpt(), n.url())
}

/// Claims notifications for e-mail (`from` → `sending`): only the caller who flips a row
/// sends it. Returns the claimed ids.
async fn claim(db: &Db, sql: &str, key: i64) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = db.all(sqlx::AssertSqlSafe(sql.to_string()), (key,)).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

async fn settle(db: &Db, ids: &[i64], sent: bool, back_to: &str) -> anyhow::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "UPDATE notifications SET email = $1, emailed_at = $2 WHERE id IN ({})",
        crate::db::placeholders(3, ids.len())
    );
    let mut q = crate::db::query(
        sqlx::AssertSqlSafe(sql),
        (if sent { "sent" } else { back_to }, sent.then(crate::now)),
    );
    for id in ids {
        q = q.bind(*id);
    }
    q.execute(&db.pool).await?;
    Ok(())
}

/// The job for one immediate e-mail.
pub async fn send_one(out: Outgoing<'_>, id: i64) -> anyhow::Result<()> {
    let ids = claim(
        out.db,
        "UPDATE notifications SET email = 'sending' WHERE id = $1 AND email = 'pending' RETURNING id",
        id,
    )
    .await?;
    let Some(n) = views_by_ids(out.db, &ids).await?.pop() else {
        return Ok(());
    };
    let to = match owner_of(out.db, id).await? {
        Some(user) => recipient(out.db, user).await?,
        None => None,
    };
    let Some(to) = to.filter(|_| n.hidden == 0) else {
        // hidden by moderation meanwhile (or the person is gone): never e-mailed
        settle(out.db, &ids, false, "none").await?;
        return Ok(());
    };
    let lang = to.lang;
    let subject = lang.t_args(
        &n.line_key(),
        &[("name", n.actor()), ("where", n.context())],
    );
    let body = format!(
        "{}\n\n{}\n{}\n",
        line(lang, out.base_url, &n),
        lang.t("notify-email-prefs"),
        format_args!("{}/notificaciones/preferencias", out.base_url)
    );
    let result = out.mailer.send(&to.email, &subject, body).await;
    settle(out.db, &ids, result.is_ok(), "pending").await?;
    result
}

/// The daily digest: one e-mail per person with everything waiting for it.
pub async fn send_digests(out: Outgoing<'_>) -> anyhow::Result<usize> {
    let users: Vec<(i64,)> =
        sqlx::query_as("SELECT DISTINCT user_id FROM notifications WHERE email = 'digest'")
            .fetch_all(&out.db.pool)
            .await?;
    let (mut sent, mut failures) = (0, 0);
    for (user,) in users {
        let Some(to) = recipient(out.db, user).await? else {
            continue;
        };
        let ids = claim(
            out.db,
            "UPDATE notifications SET email = 'sending' WHERE user_id = $1 AND email = 'digest' RETURNING id",
            user,
        )
        .await?;
        let (items, hidden): (Vec<NotificationView>, Vec<NotificationView>) =
            views_by_ids(out.db, &ids)
                .await?
                .into_iter()
                .partition(|n| n.hidden == 0);
        let hidden_ids: Vec<i64> = hidden.iter().map(|n| n.id).collect();
        settle(out.db, &hidden_ids, false, "none").await?;
        if items.is_empty() {
            continue;
        }
        let item_ids: Vec<i64> = items.iter().map(|n| n.id).collect();
        let lang = to.lang;
        let subject = lang.t_args(
            "notify-digest-subject",
            &[("count", items.len().to_string())],
        );
        let mut body = format!("{}\n\n", lang.t("notify-digest-intro"));
        for n in &items {
            body.push_str(&line(lang, out.base_url, n));
            body.push('\n');
        }
        body.push_str(&format!(
            "{}\n{}/notificaciones/preferencias\n",
            lang.t("notify-email-prefs"),
            out.base_url
        ));
        // one person's failing mailbox does not hold back everyone else's digest
        let ok = out.mailer.send(&to.email, &subject, body).await.is_ok();
        settle(out.db, &item_ids, ok, "digest").await?;
        if ok {
            sent += 1;
        } else {
            failures += 1;
        }
    }
    if failures > 0 {
        anyhow::bail!("{failures} digest e-mails failed; they are retried");
    }
    Ok(sent)
}
