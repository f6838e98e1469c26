//! Private conversations between the two teams of an accepted exchange (`/mensajes`).
//! Only active members read them; a member who left, or anyone else, gets a 404. Messages are
//! Markdown through the forums' sanitiser, may carry one attachment (the same checks as
//! sheet attachments), and notify the other members (kind `message`) in their transaction.
//! Each message is logged in `change_log` (`conversation`), so open pages refresh live.

use crate::accounts::User;
use crate::db::Db;
use crate::notifications::{About, add_about};
use crate::record;
use crate::refusal::Refusal;
use sqlx::AnyConnection;

pub const BODY_MAX: usize = 5000;
/// Messages per page of a conversation (the newest page first).
pub const PER_PAGE: i64 = 50;

/// Opens the conversation of request `request` with both sides as members (inside the
/// acceptance's transaction). Returns its id.
pub async fn open_in(
    conn: &mut AnyConnection,
    request: i64,
    asking: &[i64],
    receiving: &[i64],
    now: i64,
) -> anyhow::Result<i64> {
    let (id,): (i64,) = crate::db::query_as(
        "INSERT INTO conversations (request_id, created_at, last_message_at) VALUES ($1, $2, $2) RETURNING id",
        (request, now),
    )
    .fetch_one(&mut *conn)
    .await?;
    for (side, people) in [(0_i64, asking), (1, receiving)] {
        for user in people {
            crate::db::query(
                "INSERT INTO conversation_members (conversation_id, user_id, side, joined_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (conversation_id, user_id) DO NOTHING",
                (id, *user, side, now),
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(id)
}

record! {
    pub struct Conversation {
        pub id: i64,
        pub request_id: i64,
        pub created_at: i64,
        pub last_message_at: i64,
        pub closed_at: Option<i64>,
        pub from_name: String,
        pub from_title: Option<String>,
        pub to_experience: i64,
        pub to_title: String,
    }
}

impl Conversation {
    pub fn url(&self) -> String {
        format!("/mensajes/{}", self.id)
    }
    /// "Sheet A ↔ Sheet B" (or the asker's name when they named no sheet).
    pub fn title(&self) -> String {
        format!(
            "{} ↔ {}",
            self.from_title.as_deref().unwrap_or(&self.from_name),
            self.to_title
        )
    }
    pub fn is_closed(&self) -> bool {
        self.closed_at.is_some()
    }
}

const SELECT: &str = "SELECT cv.id, cv.request_id, cv.created_at, cv.last_message_at, cv.closed_at, \
    u.name AS from_name, fe.title AS from_title, r.to_experience, te.title AS to_title \
    FROM conversations cv JOIN exchange_requests r ON r.id = cv.request_id \
    JOIN users u ON u.id = r.from_user JOIN experiences te ON te.id = r.to_experience \
    LEFT JOIN experiences fe ON fe.id = r.from_experience";

pub async fn load(db: &Db, id: i64) -> anyhow::Result<Option<Conversation>> {
    let sql = format!("{SELECT} WHERE cv.id = $1");
    db.optional(sqlx::AssertSqlSafe(sql), (id,)).await
}

record! {
    pub struct Member {
        pub user_id: i64,
        pub name: String,
        pub side: i64,
        pub last_read_id: i64,
        pub left_at: Option<i64>,
    }
}

/// Everyone who is or was in the conversation, by side then name.
pub async fn members(db: &Db, id: i64) -> anyhow::Result<Vec<Member>> {
    db.all(
        "SELECT m.user_id, u.name, m.side, m.last_read_id, m.left_at FROM conversation_members m \
         JOIN users u ON u.id = m.user_id WHERE m.conversation_id = $1 ORDER BY m.side, u.name",
        (id,),
    )
    .await
}

/// `user`'s active membership, if they are in the conversation and have not left.
pub fn active<'a>(members: &'a [Member], user: &User) -> Option<&'a Member> {
    members
        .iter()
        .find(|m| m.user_id == user.id && m.left_at.is_none())
}

record! {
    /// A conversation in someone's list, with their unread count.
    pub struct Listed {
        pub id: i64,
        pub last_message_at: i64,
        pub closed_at: Option<i64>,
        pub from_name: String,
        pub from_title: Option<String>,
        pub to_title: String,
        pub unread: i64,
        pub last_body: Option<String>,
    }
}

impl Listed {
    pub fn title(&self) -> String {
        format!(
            "{} ↔ {}",
            self.from_title.as_deref().unwrap_or(&self.from_name),
            self.to_title
        )
    }
    pub fn excerpt(&self) -> String {
        let flat = crate::markdown::plain_text(self.last_body.as_deref().unwrap_or(""));
        let cut: String = flat.chars().take(120).collect();
        if cut.len() < flat.len() {
            format!("{cut}…")
        } else {
            cut
        }
    }
}

/// The conversations `user` is an active member of, the latest activity first.
pub async fn list_for(db: &Db, user: i64) -> anyhow::Result<Vec<Listed>> {
    db.all(
        "SELECT cv.id, cv.last_message_at, cv.closed_at, u.name AS from_name, fe.title AS from_title, \
         te.title AS to_title, \
         (SELECT COUNT(*) FROM messages x WHERE x.conversation_id = cv.id AND x.id > m.last_read_id \
           AND (x.author_id IS NULL OR x.author_id <> $1)) AS unread, \
         (SELECT x.body FROM messages x WHERE x.conversation_id = cv.id ORDER BY x.id DESC LIMIT 1) AS last_body \
         FROM conversation_members m JOIN conversations cv ON cv.id = m.conversation_id \
         JOIN exchange_requests r ON r.id = cv.request_id JOIN users u ON u.id = r.from_user \
         JOIN experiences te ON te.id = r.to_experience LEFT JOIN experiences fe ON fe.id = r.from_experience \
         WHERE m.user_id = $1 AND m.left_at IS NULL ORDER BY cv.last_message_at DESC, cv.id DESC LIMIT 200",
        (user,),
    ).await
}

record! {
    pub struct Message {
        pub id: i64,
        pub author_id: Option<i64>,
        pub author_name: Option<String>,
        pub body_html: String,
        pub file_name: String,
        pub file_type: String,
        pub file_size: i64,
        pub created_at: i64,
    }
}

impl Message {
    pub fn has_file(&self) -> bool {
        !self.file_name.is_empty()
    }
    pub fn file_kb(&self) -> i64 {
        crate::files::kilobytes(self.file_size)
    }
}

/// One page of messages in time order (`page` 1 is the newest) and the number of pages.
pub async fn messages(db: &Db, id: i64, page: i64) -> anyhow::Result<(Vec<Message>, i64)> {
    let (total,): (i64,) = db
        .one(
            "SELECT COUNT(*) FROM messages WHERE conversation_id = $1",
            (id,),
        )
        .await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let mut rows: Vec<Message> = db.all(
        "SELECT m.id, m.author_id, u.name AS author_name, m.body_html, m.file_name, m.file_type, \
         m.file_size, m.created_at FROM messages m LEFT JOIN users u ON u.id = m.author_id \
         WHERE m.conversation_id = $1 ORDER BY m.id DESC LIMIT $2 OFFSET $3",
        (id, PER_PAGE, (page - 1) * PER_PAGE),
    ).await?;
    rows.reverse();
    Ok((rows, pages))
}

/// A stored attachment of a message.
pub struct Attached {
    pub key: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
}

/// (storage key, name, type) of a message's attachment, if the message is in `conversation`.
pub async fn attachment(
    db: &Db,
    conversation: i64,
    message: i64,
) -> anyhow::Result<Option<(String, String, String)>> {
    db.optional(
        "SELECT file_key, file_name, file_type FROM messages \
         WHERE id = $1 AND conversation_id = $2 AND file_key <> ''",
        (message, conversation),
    )
    .await
}

/// Writes a message: `html` is the body already rendered (off the async workers). Refused in
/// a closed conversation or for someone who is not an active member.
pub async fn post(
    db: &Db,
    now: i64,
    c: &Conversation,
    author: &User,
    body: &str,
    html: &str,
    file: Option<&Attached>,
) -> Result<i64, Refusal> {
    let members = members(db, c.id).await?;
    if active(&members, author).is_none() {
        return Err(Refusal::Forbidden("error-forbidden"));
    }
    if c.is_closed() {
        return Err(Refusal::Invalid("messages-error-closed"));
    }
    let mut tx = db.pool.begin().await?;
    let (id,): (i64,) = crate::db::query_as(
        "INSERT INTO messages (conversation_id, author_id, body, body_html, file_key, file_name, \
         file_type, file_size, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        (c.id, author.id, body, html, file.map(|f| f.key.as_str()).unwrap_or(""), file.map(|f| f.name.as_str()).unwrap_or(""), file.map(|f| f.content_type.as_str()).unwrap_or(""), file.map(|f| f.size).unwrap_or(0), now),
    )
    .fetch_one(&mut *tx)
    .await?;
    crate::db::query(
        "UPDATE conversations SET last_message_at = $1 WHERE id = $2 AND last_message_at <= $1",
        (now, c.id),
    )
    .execute(&mut *tx)
    .await?;
    // writing is reading: what came before the author's own message is read for them
    crate::db::query(
        "UPDATE conversation_members SET last_read_id = $1 WHERE conversation_id = $2 AND user_id = $3",
        (id, c.id, author.id),
    )
    .execute(&mut *tx)
    .await?;
    for m in members
        .iter()
        .filter(|m| m.left_at.is_none() && m.user_id != author.id)
    {
        // a burst of messages is one e-mail: while an earlier one of the last hour waits
        // unread, the next ones are shown in the app only
        let (waiting,): (i64,) = crate::db::query_as(
            "SELECT COUNT(*) FROM notifications n JOIN messages x ON x.id = n.message_id \
             WHERE n.user_id = $1 AND x.conversation_id = $2 AND n.read_at IS NULL \
             AND n.created_at > $3 AND n.email <> 'none'",
            (m.user_id, c.id, now - 3600),
        )
        .fetch_one(&mut *tx)
        .await?;
        let about = About::Message(id);
        if waiting > 0 {
            crate::notifications::add_quietly(
                &mut tx,
                m.user_id,
                "message",
                about,
                Some(author.id),
            )
            .await?;
        } else {
            add_about(&mut tx, m.user_id, "message", about, Some(author.id)).await?;
        }
    }
    crate::db::record_change(&mut tx, "conversation", c.id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Every message so far is read by `user` (and so are their notifications).
pub async fn mark_read(db: &Db, id: i64, user: i64, now: i64) -> anyhow::Result<()> {
    crate::db::query(
        "UPDATE conversation_members SET last_read_id = \
         (SELECT COALESCE(MAX(x.id), 0) FROM messages x WHERE x.conversation_id = $1) \
         WHERE conversation_id = $1 AND user_id = $2",
        (id, user),
    )
    .execute(&db.pool)
    .await?;
    crate::db::query(
        "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL AND message_id IN \
         (SELECT id FROM messages WHERE conversation_id = $3)",
        (now, user, id),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// `user` leaves: they no longer read it nor are told of it.
pub async fn leave(db: &Db, id: i64, user: i64, now: i64) -> anyhow::Result<()> {
    crate::db::query(
        "UPDATE conversation_members SET left_at = $1 WHERE conversation_id = $2 AND user_id = $3 AND left_at IS NULL",
        (now, id, user),
    )
    .execute(&db.pool)
    .await?;
    close_if_a_side_is_empty(db, now).await
}

async fn close_if_a_side_is_empty(db: &Db, now: i64) -> anyhow::Result<()> {
    let mut conn = db.pool.acquire().await?;
    close_emptied(&mut conn, now).await
}

/// A conversation with nobody left on one side closes: nobody would read what is written.
pub async fn close_emptied(conn: &mut AnyConnection, now: i64) -> anyhow::Result<()> {
    crate::db::query(
        "UPDATE conversations SET closed_at = $1 WHERE closed_at IS NULL AND \
         (NOT EXISTS (SELECT 1 FROM conversation_members m WHERE m.conversation_id = conversations.id \
            AND m.side = 0 AND m.left_at IS NULL) \
          OR NOT EXISTS (SELECT 1 FROM conversation_members m WHERE m.conversation_id = conversations.id \
            AND m.side = 1 AND m.left_at IS NULL))",
        (now,),
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whether `a` and `b` work on a sheet together (owner or co-editor, any state).
pub async fn share_a_team(db: &Db, a: i64, b: i64) -> anyhow::Result<bool> {
    let (n,): (i64,) = db.one(
        "SELECT COUNT(*) FROM experiences e WHERE \
         (e.owner_id = $1 OR EXISTS (SELECT 1 FROM coeditors c WHERE c.experience_id = e.id AND c.user_id = $1)) \
         AND (e.owner_id = $2 OR EXISTS (SELECT 1 FROM coeditors c WHERE c.experience_id = e.id AND c.user_id = $2))",
        (a, b),
    ).await?;
    Ok(n > 0)
}

/// A member brings someone of their own team (who co-edits one of their sheets) to their
/// side. Nobody changes sides: someone already on the other side is refused, someone who
/// left this side comes back.
pub async fn add_member(db: &Db, id: i64, by: &Member, user: i64, now: i64) -> Result<(), Refusal> {
    if user == by.user_id || !share_a_team(db, by.user_id, user).await? {
        return Err(Refusal::Field("email", "messages-error-not-team"));
    }
    let done = crate::db::query(
        "INSERT INTO conversation_members (conversation_id, user_id, side, joined_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET left_at = NULL \
         WHERE conversation_members.side = excluded.side",
        (id, user, by.side, now),
    )
    .execute(&db.pool)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(Refusal::Field("email", "messages-error-not-team"));
    }
    Ok(())
}

/// `user` no longer co-edits `sheet`: they leave the conversations where that sheet's team
/// is a side (unless they asked for the exchange themselves).
pub async fn leave_team(db: &Db, sheet: i64, user: i64, now: i64) -> anyhow::Result<()> {
    crate::db::query(
        "UPDATE conversation_members SET left_at = $1 WHERE user_id = $2 AND left_at IS NULL \
         AND conversation_id IN (SELECT cv.id FROM conversations cv \
           JOIN exchange_requests r ON r.id = cv.request_id \
           WHERE (r.to_experience = $3 AND conversation_members.side = 1) \
              OR (r.from_experience = $3 AND conversation_members.side = 0 AND r.from_user <> $2))",
        (now, user, sheet),
    )
    .execute(&db.pool)
    .await?;
    close_if_a_side_is_empty(db, now).await
}

/// A member blocks the other side: the conversation closes for everyone, and the people of
/// the other side can no longer ask the blocker's sheets (`sheets`) for an exchange.
pub async fn block(
    db: &Db,
    now: i64,
    c: &Conversation,
    by: &Member,
    others: &[i64],
    sheets: &[i64],
) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
    crate::db::query("UPDATE conversations SET closed_at = $1, closed_by = $2 WHERE id = $3 AND closed_at IS NULL", (now, by.user_id, c.id))
        .execute(&mut *tx)
        .await?;
    for sheet in sheets {
        for user in others {
            crate::db::query(
                "INSERT INTO exchange_blocks (experience_id, user_id, blocked_by, created_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (experience_id, user_id) DO NOTHING",
                (*sheet, *user, by.user_id, now),
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    crate::db::record_change(&mut tx, "conversation", c.id).await?;
    tx.commit().await?;
    Ok(())
}
