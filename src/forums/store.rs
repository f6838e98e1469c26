//! SQL for forums, spaces, posts and topics, reactions, votes, flags, follows, moderation and
//! participation. Every write that changes what a space shows records a `space` change in the
//! same transaction (live updates on every instance follow the change log).

use super::{ForumDraft, Kind, Rendered, SpaceDraft, TopicDraft};
use crate::accounts::User;
use crate::db::{Db, record_change};
use crate::notifications;
use crate::record;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, FromRow, Row};
use std::collections::HashSet;

record! {
    pub struct Forum {
        pub id: i64,
        pub title: String,
        pub description: String,
        pub starts_at: Option<i64>,
        pub ends_at: Option<i64>,
        pub time_zone: String,
        pub call_id: Option<i64>,
        pub created_by: i64,
        pub created_at: i64,
    }
}

record! {
    pub struct ForumListRow {
        pub id: i64,
        pub title: String,
        pub description: String,
        pub starts_at: Option<i64>,
        pub ends_at: Option<i64>,
        pub time_zone: String,
        pub members: i64,
        pub spaces: i64,
    }
}

record! {
    pub struct Space {
        pub id: i64,
        pub forum_id: i64,
        pub kind: String,
        pub title: String,
        pub description: String,
        pub question: String,
        pub video_url: String,
        pub file_key: String,
        pub file_name: String,
        pub file_type: String,
        pub speaker_bio: String,
        pub speaker_affiliation: String,
        pub session_at: Option<i64>,
        pub opens_at: Option<i64>,
        pub closes_at: Option<i64>,
        pub topic_count: i64,
        pub post_count: i64,
        pub last_post_at: Option<i64>,
        pub created_at: i64,
    }
}

impl Space {
    pub fn kind(&self) -> Kind {
        Kind::parse(&self.kind).unwrap_or(Kind::Contribution)
    }
    pub fn url(&self) -> String {
        format!("/foros/espacios/{}", self.id)
    }
    pub fn file_url(&self) -> String {
        format!("/foros/espacios/{}/archivo/{}", self.id, self.file_name)
    }
    pub fn has_video(&self) -> bool {
        self.file_type.starts_with("video/")
    }
    pub fn has_audio(&self) -> bool {
        self.file_type.starts_with("audio/")
    }
}

record! {
    /// A post with its author's name, country and organisation and its "me sirve" count.
    pub struct PostRow {
        pub id: i64,
        pub space_id: i64,
        pub topic_id: Option<i64>,
        pub author_id: i64,
        pub author_name: String,
        pub author_country: Option<String>,
        pub author_org: String,
        pub body: String,
        /// The body as rendered when it was written (`None` for older posts).
        pub body_html: Option<String>,
        pub experience_id: Option<i64>,
        pub lang: String,
        pub hidden: i64,
        pub flag_count: i64,
        pub helpful_at: Option<i64>,
        pub created_at: i64,
        pub edited_at: Option<i64>,
        pub reactions: i64,
    }
}

/// A topic: its first post and what its kind adds.
#[derive(Debug, Clone)]
pub struct TopicRow {
    pub post: PostRow,
    pub title: String,
    pub stance: String,
    pub change_text: String,
    pub learning_text: String,
    pub outcome_text: String,
    pub audience: String,
    pub votes: i64,
    pub replies: i64,
    pub helpful_replies: i64,
    pub answered_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub last_activity_at: i64,
}

impl<'r> FromRow<'r, AnyRow> for TopicRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        Ok(TopicRow {
            post: PostRow::from_row(row)?,
            title: row.try_get("title")?,
            stance: row.try_get("stance")?,
            change_text: row.try_get("change_text")?,
            learning_text: row.try_get("learning_text")?,
            outcome_text: row.try_get("outcome_text")?,
            audience: row.try_get("audience")?,
            votes: row.try_get("votes")?,
            replies: row.try_get("replies")?,
            helpful_replies: row.try_get("helpful_replies")?,
            answered_at: row.try_get("answered_at")?,
            resolved_at: row.try_get("resolved_at")?,
            closed_at: row.try_get("closed_at")?,
            last_activity_at: row.try_get("last_activity_at")?,
        })
    }
}

record! {
    pub struct Revision {
        pub id: i64,
        pub body: String,
        pub title: String,
        pub stance: String,
        pub change_text: String,
        pub learning_text: String,
        pub outcome_text: String,
        pub written_at: i64,
    }
}

record! {
    pub struct LogEntry {
        pub id: i64,
        pub post_id: Option<i64>,
        pub actor_name: Option<String>,
        pub action: String,
        pub detail: String,
        pub created_at: i64,
    }
}

record! {
    pub struct Participation {
        pub user_id: i64,
        pub name: String,
        pub joined_at: i64,
        pub posts: i64,
        pub reads: i64,
        pub last_post_at: Option<i64>,
    }
}

const POST_COLUMNS: &str = "p.id, p.space_id, p.topic_id, p.author_id, u.name AS author_name, \
    u.country_code AS author_country, u.organisation AS author_org, p.body, p.body_html, p.experience_id, p.lang, \
    p.hidden, p.flag_count, p.helpful_at, p.created_at, p.edited_at, \
    (SELECT COUNT(*) FROM post_reactions r WHERE r.post_id = p.id) AS reactions";

const TOPIC_COLUMNS: &str = "t.title, t.stance, t.change_text, t.learning_text, t.outcome_text, \
    t.audience, t.votes, t.replies, t.helpful_replies, t.answered_at, t.resolved_at, t.closed_at, \
    t.last_activity_at";

const SPACE_COLUMNS: &str = "id, forum_id, kind, title, description, question, video_url, \
    file_key, file_name, file_type, speaker_bio, speaker_affiliation, session_at, opens_at, closes_at, topic_count, post_count, \
    last_post_at, created_at";

fn topic_select(filter: &str) -> String {
    format!(
        "SELECT {POST_COLUMNS}, {TOPIC_COLUMNS} FROM topics t JOIN posts p ON p.id = t.post_id \
         JOIN users u ON u.id = p.author_id {filter}"
    )
}

// ---- forums ----

pub async fn insert_forum(
    db: &Db,
    by: i64,
    d: &ForumDraft,
    facilitators: &[i64],
) -> anyhow::Result<i64> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO forums (title, description, starts_at, ends_at, time_zone, call_id, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(&d.title)
    .bind(&d.description)
    .bind(d.starts_at)
    .bind(d.ends_at)
    .bind(&d.time_zone)
    .bind(d.call_id)
    .bind(by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    set_people(&mut tx, People::Facilitators, id, id, facilitators, now).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_forum(
    db: &Db,
    id: i64,
    d: &ForumDraft,
    facilitators: &[i64],
) -> anyhow::Result<()> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "UPDATE forums SET title = $2, description = $3, starts_at = $4, ends_at = $5, \
         time_zone = $6, call_id = $7 WHERE id = $1",
    )
    .bind(id)
    .bind(&d.title)
    .bind(&d.description)
    .bind(d.starts_at)
    .bind(d.ends_at)
    .bind(&d.time_zone)
    .bind(d.call_id)
    .execute(&mut *tx)
    .await?;
    set_people(&mut tx, People::Facilitators, id, id, facilitators, now).await?;
    tx.commit().await?;
    Ok(())
}

/// E-mail addresses of the forum's facilitators (for its settings form).
pub async fn facilitator_emails(db: &Db, forum: i64) -> anyhow::Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT u.email FROM forum_facilitators f JOIN users u ON u.id = f.user_id WHERE f.forum_id = $1 ORDER BY u.email",
    )
    .bind(forum)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The people who hold a role: a forum's facilitators or a space's speakers.
#[derive(Clone, Copy)]
enum People {
    Facilitators,
    Speakers,
}

/// Replaces who holds a role on `target` (the forum, or a space of it) and makes each of
/// them a member of the forum.
async fn set_people(
    conn: &mut AnyConnection,
    people: People,
    forum: i64,
    target: i64,
    users: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    let (table, column) = match people {
        People::Facilitators => ("forum_facilitators", "forum_id"),
        People::Speakers => ("space_speakers", "space_id"),
    };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM {table} WHERE {column} = $1"
    )))
    .bind(target)
    .execute(&mut *conn)
    .await?;
    for user in users {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {table} ({column}, user_id) VALUES ($1, $2) \
             ON CONFLICT ({column}, user_id) DO NOTHING"
        )))
        .bind(target)
        .bind(*user)
        .execute(&mut *conn)
        .await?;
        join_in(conn, forum, *user, now).await?;
    }
    Ok(())
}

async fn join_in(conn: &mut AnyConnection, forum: i64, user: i64, now: i64) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO forum_members (forum_id, user_id, joined_at) VALUES ($1, $2, $3) ON CONFLICT (forum_id, user_id) DO NOTHING")
        .bind(forum)
        .bind(user)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn join(db: &Db, forum: i64, user: i64) -> anyhow::Result<()> {
    let mut conn = db.pool.acquire().await?;
    join_in(&mut conn, forum, user, crate::now()).await
}

pub async fn list_forums(db: &Db) -> anyhow::Result<Vec<ForumListRow>> {
    Ok(sqlx::query_as(
        "SELECT f.id, f.title, f.description, f.starts_at, f.ends_at, f.time_zone, \
         (SELECT COUNT(*) FROM forum_members m WHERE m.forum_id = f.id) AS members, \
         (SELECT COUNT(*) FROM spaces s WHERE s.forum_id = f.id) AS spaces \
         FROM forums f ORDER BY f.created_at DESC, f.id DESC",
    )
    .fetch_all(&db.pool)
    .await?)
}

pub async fn load_forum(db: &Db, id: i64) -> anyhow::Result<Option<Forum>> {
    Ok(sqlx::query_as(
        "SELECT id, title, description, starts_at, ends_at, time_zone, call_id, created_by, created_at FROM forums WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?)
}

/// (id, name) of the forum's facilitators.
pub async fn facilitators(db: &Db, forum: i64) -> anyhow::Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.name FROM forum_facilitators f JOIN users u ON u.id = f.user_id WHERE f.forum_id = $1 ORDER BY u.name",
    )
    .bind(forum)
    .fetch_all(&db.pool)
    .await?)
}

/// (id, name) of everyone who joined, by name.
pub async fn members(db: &Db, forum: i64) -> anyhow::Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.name FROM forum_members m JOIN users u ON u.id = m.user_id WHERE m.forum_id = $1 ORDER BY u.name",
    )
    .bind(forum)
    .fetch_all(&db.pool)
    .await?)
}

/// When a person joined the forum (if they did) and how many posts they wrote in it.
pub async fn standing(db: &Db, forum: i64, user: i64) -> anyhow::Result<(Option<i64>, i64)> {
    let joined: Option<(i64,)> =
        sqlx::query_as("SELECT joined_at FROM forum_members WHERE forum_id = $1 AND user_id = $2")
            .bind(forum)
            .bind(user)
            .fetch_optional(&db.pool)
            .await?;
    let (posts,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM posts p JOIN spaces s ON s.id = p.space_id WHERE s.forum_id = $1 AND p.author_id = $2",
    )
    .bind(forum)
    .bind(user)
    .fetch_one(&db.pool)
    .await?;
    Ok((joined.map(|r| r.0), posts))
}

pub async fn is_member(db: &Db, forum: i64, user: i64) -> anyhow::Result<bool> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT user_id FROM forum_members WHERE forum_id = $1 AND user_id = $2")
            .bind(forum)
            .bind(user)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.is_some())
}

/// Counts one page read by a signed-in person in the forum (participation records).
pub async fn record_read(db: &Db, forum: i64, user: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO forum_reads (forum_id, user_id, reads, last_read_at) VALUES ($1, $2, 1, $3) \
         ON CONFLICT (forum_id, user_id) DO UPDATE SET reads = forum_reads.reads + 1, last_read_at = excluded.last_read_at",
    )
    .bind(forum)
    .bind(user)
    .bind(crate::now())
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn participation(db: &Db, forum: i64) -> anyhow::Result<Vec<Participation>> {
    Ok(sqlx::query_as(
        "SELECT m.user_id, u.name, m.joined_at, \
         (SELECT COUNT(*) FROM posts p JOIN spaces s ON s.id = p.space_id WHERE s.forum_id = m.forum_id AND p.author_id = m.user_id) AS posts, \
         COALESCE((SELECT r.reads FROM forum_reads r WHERE r.forum_id = m.forum_id AND r.user_id = m.user_id), 0) AS reads, \
         (SELECT MAX(p.created_at) FROM posts p JOIN spaces s ON s.id = p.space_id WHERE s.forum_id = m.forum_id AND p.author_id = m.user_id) AS last_post_at \
         FROM forum_members m JOIN users u ON u.id = m.user_id WHERE m.forum_id = $1 ORDER BY u.name",
    )
    .bind(forum)
    .fetch_all(&db.pool)
    .await?)
}

// ---- spaces ----

pub async fn insert_space(
    db: &Db,
    forum: i64,
    d: &SpaceDraft,
    speakers: &[i64],
) -> anyhow::Result<i64> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO spaces (forum_id, kind, title, description, question, video_url, speaker_bio, \
         speaker_affiliation, session_at, opens_at, closes_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(forum)
    .bind(d.kind.code())
    .bind(&d.title)
    .bind(&d.description)
    .bind(&d.question)
    .bind(&d.video_url)
    .bind(&d.speaker_bio)
    .bind(&d.speaker_affiliation)
    .bind(d.session_at)
    .bind(d.opens_at)
    .bind(d.closes_at)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    set_people(&mut tx, People::Speakers, forum, id, speakers, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Attaches a file (the talk's video or audio, or the debate's reference document).
pub async fn set_space_file(
    db: &Db,
    space: i64,
    key: &str,
    name: &str,
    content_type: &str,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE spaces SET file_key = $2, file_name = $3, file_type = $4 WHERE id = $1")
        .bind(space)
        .bind(key)
        .bind(name)
        .bind(content_type)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn update_space(
    db: &Db,
    forum: i64,
    space: i64,
    d: &SpaceDraft,
    speakers: &[i64],
) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "UPDATE spaces SET title = $2, description = $3, question = $4, video_url = $5, \
         speaker_bio = $6, speaker_affiliation = $7, session_at = $8, opens_at = $9, closes_at = $10 \
         WHERE id = $1",
    )
    .bind(space)
    .bind(&d.title)
    .bind(&d.description)
    .bind(&d.question)
    .bind(&d.video_url)
    .bind(&d.speaker_bio)
    .bind(&d.speaker_affiliation)
    .bind(d.session_at)
    .bind(d.opens_at)
    .bind(d.closes_at)
    .execute(&mut *tx)
    .await?;
    let now = crate::now();
    set_people(&mut tx, People::Speakers, forum, space, speakers, now).await?;
    record_change(&mut tx, "space", space).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn speaker_emails(db: &Db, space: i64) -> anyhow::Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT u.email FROM space_speakers s JOIN users u ON u.id = s.user_id WHERE s.space_id = $1 ORDER BY u.email",
    )
    .bind(space)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn load_space(db: &Db, id: i64) -> anyhow::Result<Option<Space>> {
    let sql = format!("SELECT {SPACE_COLUMNS} FROM spaces WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?)
}

pub async fn spaces_of(db: &Db, forum: i64) -> anyhow::Result<Vec<Space>> {
    let sql = format!("SELECT {SPACE_COLUMNS} FROM spaces WHERE forum_id = $1 ORDER BY id");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(forum)
        .fetch_all(&db.pool)
        .await?)
}

pub async fn speakers(db: &Db, space: i64) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT user_id FROM space_speakers WHERE space_id = $1")
            .bind(space)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn speaker_names(db: &Db, space: i64) -> anyhow::Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT u.name FROM space_speakers s JOIN users u ON u.id = s.user_id WHERE s.space_id = $1 ORDER BY u.name",
    )
    .bind(space)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

// ---- topics and posts ----

/// How a space lists its topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Votes,
    Activity,
    Oldest,
}

/// Which topics: all, answered/unanswered questions, one stance, open/resolved dilemmas.
#[derive(Debug, Clone, Default)]
pub struct TopicFilter {
    pub answered: Option<bool>,
    pub stance: Option<String>,
    pub resolved: Option<bool>,
}

fn filter_sql(f: &TopicFilter) -> String {
    let mut sql = String::from("WHERE t.space_id = $1");
    match f.answered {
        Some(true) => sql.push_str(" AND t.answered_at IS NOT NULL"),
        Some(false) => sql.push_str(" AND t.answered_at IS NULL"),
        None => {}
    }
    match f.resolved {
        Some(true) => sql.push_str(" AND t.resolved_at IS NOT NULL"),
        Some(false) => sql.push_str(" AND t.resolved_at IS NULL"),
        None => {}
    }
    if f.stance.is_some() {
        sql.push_str(" AND t.stance = $2");
    }
    sql
}

pub async fn topics_of(
    db: &Db,
    space: i64,
    filter: &TopicFilter,
    order: Order,
    limit: i64,
    offset: i64,
) -> anyhow::Result<Vec<TopicRow>> {
    let order_sql = match order {
        Order::Votes => "t.votes DESC, t.post_id",
        Order::Activity => "t.last_activity_at DESC, t.post_id DESC",
        Order::Oldest => "t.post_id",
    };
    let n = if filter.stance.is_some() { 3 } else { 2 };
    let sql = format!(
        "{} ORDER BY {order_sql} LIMIT ${n} OFFSET ${}",
        topic_select(&filter_sql(filter)),
        n + 1
    );
    let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(space);
    if let Some(s) = &filter.stance {
        q = q.bind(s.clone());
    }
    Ok(q.bind(limit).bind(offset).fetch_all(&db.pool).await?)
}

pub async fn count_topics(db: &Db, space: i64, filter: &TopicFilter) -> anyhow::Result<i64> {
    let sql = format!("SELECT COUNT(*) FROM topics t {}", filter_sql(filter));
    let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(space);
    if let Some(s) = &filter.stance {
        q = q.bind(s.clone());
    }
    let (n,): (i64,) = q.fetch_one(&db.pool).await?;
    Ok(n)
}

/// How many visible positions take each stance.
pub async fn stance_spread(db: &Db, space: i64) -> anyhow::Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT t.stance, COUNT(*) FROM topics t JOIN posts p ON p.id = t.post_id \
         WHERE t.space_id = $1 AND p.hidden = 0 GROUP BY t.stance",
    )
    .bind(space)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn load_topic(db: &Db, id: i64) -> anyhow::Result<Option<TopicRow>> {
    let sql = topic_select("WHERE t.post_id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?)
}

pub async fn load_post(db: &Db, id: i64) -> anyhow::Result<Option<PostRow>> {
    let sql = format!(
        "SELECT {POST_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = $1"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?)
}

pub async fn replies(db: &Db, topic: i64, limit: i64, offset: i64) -> anyhow::Result<Vec<PostRow>> {
    let sql = format!(
        "SELECT {POST_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id \
         WHERE p.topic_id = $1 ORDER BY p.id LIMIT $2 OFFSET $3"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(topic)
        .bind(limit)
        .bind(offset)
        .fetch_all(&db.pool)
        .await?)
}

/// The id of this person's position in a debate, if they took one.
pub async fn position_of(db: &Db, space: i64, user: i64) -> anyhow::Result<Option<i64>> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT post_id FROM topics WHERE space_id = $1 AND position_author = $2")
            .bind(space)
            .bind(user)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|r| r.0))
}

async fn insert_post(
    conn: &mut AnyConnection,
    space: i64,
    topic: Option<i64>,
    author: i64,
    d: &TopicDraft,
    html: &str,
    now: i64,
) -> anyhow::Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO posts (space_id, topic_id, author_id, body, body_html, experience_id, lang, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(space)
    .bind(topic)
    .bind(author)
    .bind(&d.body)
    .bind(html)
    .bind(d.experience_id)
    .bind(&d.lang)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE spaces SET post_count = post_count + 1, last_post_at = $2, \
         topic_count = topic_count + $3 WHERE id = $1",
    )
    .bind(space)
    .bind(now)
    .bind(if topic.is_none() { 1i64 } else { 0 })
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

async fn followers(conn: &mut AnyConnection, target: &str, id: i64) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT user_id FROM follows WHERE target = $1 AND target_id = $2")
            .bind(target)
            .bind(id)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

async fn follow_in(
    conn: &mut AnyConnection,
    user: i64,
    target: &str,
    id: i64,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO follows (user_id, target, target_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, target, target_id) DO NOTHING")
        .bind(user)
        .bind(target)
        .bind(id)
        .bind(crate::now())
        .execute(conn)
        .await?;
    Ok(())
}

/// Notifies each recipient once, the first (most specific) kind winning; never the actor.
async fn notify_all(
    conn: &mut AnyConnection,
    actor: i64,
    post: i64,
    recipients: Vec<(i64, &'static str)>,
) -> anyhow::Result<()> {
    let mut done: HashSet<i64> = HashSet::from([actor]);
    for (user, kind) in recipients {
        if done.insert(user) {
            notifications::add(conn, user, kind, post, Some(actor)).await?;
        }
    }
    Ok(())
}

pub async fn insert_topic(
    db: &Db,
    author: &User,
    space: &Space,
    d: &TopicDraft,
    rendered: &Rendered,
) -> anyhow::Result<i64> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let id = insert_post(&mut tx, space.id, None, author.id, d, &rendered.html, now).await?;
    let position_author = space.kind().one_topic_per_person().then_some(author.id);
    sqlx::query(
        "INSERT INTO topics (post_id, space_id, title, stance, position_author, change_text, learning_text, \
         outcome_text, audience, last_activity_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id)
    .bind(space.id)
    .bind(&d.title)
    .bind(&d.stance)
    .bind(position_author)
    .bind(&d.change_text)
    .bind(&d.learning_text)
    .bind(&d.outcome_text)
    .bind(&d.audience)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    follow_in(&mut tx, author.id, "topic", id).await?;
    let mut recipients: Vec<(i64, &'static str)> =
        rendered.mentioned.iter().map(|u| (*u, "mention")).collect();
    recipients.extend(
        followers(&mut tx, "space", space.id)
            .await?
            .into_iter()
            .map(|u| (u, "follow")),
    );
    notify_all(&mut tx, author.id, id, recipients).await?;
    record_change(&mut tx, "space", space.id).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn insert_reply(
    db: &Db,
    author: &User,
    space: &Space,
    topic: &TopicRow,
    d: &TopicDraft,
    rendered: &Rendered,
) -> anyhow::Result<i64> {
    let now = crate::now();
    let answer = space.kind().replies_by_speakers_only();
    let mut tx = db.pool.begin().await?;
    let id = insert_post(
        &mut tx,
        space.id,
        Some(topic.post.id),
        author.id,
        d,
        &rendered.html,
        now,
    )
    .await?;
    sqlx::query(
        "UPDATE topics SET replies = replies + 1, last_activity_at = $2, \
         answered_at = CASE WHEN $3 = 1 AND answered_at IS NULL THEN $2 ELSE answered_at END \
         WHERE post_id = $1",
    )
    .bind(topic.post.id)
    .bind(now)
    .bind(answer as i64)
    .execute(&mut *tx)
    .await?;
    let mut recipients = vec![(
        topic.post.author_id,
        if answer { "answer" } else { "reply" },
    )];
    recipients.extend(rendered.mentioned.iter().map(|u| (*u, "mention")));
    recipients.extend(
        followers(&mut tx, "topic", topic.post.id)
            .await?
            .into_iter()
            .map(|u| (u, "follow")),
    );
    notify_all(&mut tx, author.id, id, recipients).await?;
    record_change(&mut tx, "space", space.id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves a new version of a post (and its topic fields), keeping the earlier one.
pub async fn revise_post(
    db: &Db,
    post: i64,
    space: i64,
    d: &TopicDraft,
    rendered: &Rendered,
) -> anyhow::Result<()> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO post_revisions (post_id, body, title, stance, change_text, learning_text, outcome_text, experience_id, written_at) \
         SELECT p.id, p.body, COALESCE(t.title, ''), COALESCE(t.stance, ''), COALESCE(t.change_text, ''), \
         COALESCE(t.learning_text, ''), COALESCE(t.outcome_text, ''), p.experience_id, COALESCE(p.edited_at, p.created_at) \
         FROM posts p LEFT JOIN topics t ON t.post_id = p.id WHERE p.id = $1",
    )
    .bind(post)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE posts SET body = $2, experience_id = $3, edited_at = $4, lang = $5, body_html = $6 WHERE id = $1",
    )
    .bind(post)
    .bind(&d.body)
    .bind(d.experience_id)
    .bind(now)
    .bind(&d.lang)
    .bind(&rendered.html)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE topics SET title = CASE WHEN $2 = '' THEN title ELSE $2 END, \
         stance = CASE WHEN $3 = '' THEN stance ELSE $3 END, \
         change_text = CASE WHEN $4 = '' THEN change_text ELSE $4 END, \
         learning_text = CASE WHEN $5 = '' THEN learning_text ELSE $5 END, \
         outcome_text = CASE WHEN $6 = '' THEN outcome_text ELSE $6 END, \
         audience = CASE WHEN $7 = '' THEN audience ELSE $7 END, last_activity_at = $8 WHERE post_id = $1",
    )
    .bind(post)
    .bind(&d.title)
    .bind(&d.stance)
    .bind(&d.change_text)
    .bind(&d.learning_text)
    .bind(&d.outcome_text)
    .bind(&d.audience)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    record_change(&mut tx, "space", space).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn revisions(db: &Db, post: i64) -> anyhow::Result<Vec<Revision>> {
    Ok(sqlx::query_as(
        "SELECT id, body, title, stance, change_text, learning_text, outcome_text, written_at \
         FROM post_revisions WHERE post_id = $1 ORDER BY id DESC",
    )
    .bind(post)
    .fetch_all(&db.pool)
    .await?)
}

/// Ids among `posts` that have an edit history.
pub async fn edited_among(db: &Db, posts: &[i64]) -> anyhow::Result<HashSet<i64>> {
    ids_among(
        db,
        "SELECT DISTINCT post_id FROM post_revisions WHERE post_id IN",
        posts,
        None,
    )
    .await
}

async fn ids_among(
    db: &Db,
    prefix: &str,
    posts: &[i64],
    user: Option<i64>,
) -> anyhow::Result<HashSet<i64>> {
    if posts.is_empty() {
        return Ok(HashSet::new());
    }
    let mut sql = format!("{prefix} ({})", crate::db::placeholders(1, posts.len()));
    if user.is_some() {
        sql.push_str(&format!(" AND user_id = ${}", posts.len() + 1));
    }
    let mut q = sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(sql));
    for id in posts {
        q = q.bind(*id);
    }
    if let Some(u) = user {
        q = q.bind(u);
    }
    Ok(q.fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|r| r.0)
        .collect())
}

/// Which of `posts` this person voted for / found useful.
pub async fn mine_among(
    db: &Db,
    table: Mine,
    posts: &[i64],
    user: i64,
) -> anyhow::Result<HashSet<i64>> {
    let prefix = match table {
        Mine::Votes => "SELECT post_id FROM post_votes WHERE post_id IN",
        Mine::Reactions => "SELECT post_id FROM post_reactions WHERE post_id IN",
    };
    ids_among(db, prefix, posts, Some(user)).await
}

#[derive(Clone, Copy)]
pub enum Mine {
    Votes,
    Reactions,
}

/// Adds or takes back a vote (questions) or a "me sirve" (any post). Returns whether it is on.
pub async fn toggle(db: &Db, table: Mine, post: &PostRow, user: i64) -> anyhow::Result<bool> {
    let name = match table {
        Mine::Votes => "post_votes",
        Mine::Reactions => "post_reactions",
    };
    let mut tx = db.pool.begin().await?;
    let deleted = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM {name} WHERE post_id = $1 AND user_id = $2"
    )))
    .bind(post.id)
    .bind(user)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if deleted == 0 {
        // a double click must not fail: the second insert is a no-op
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {name} (post_id, user_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (post_id, user_id) DO NOTHING"
        )))
        .bind(post.id)
        .bind(user)
        .bind(crate::now())
        .execute(&mut *tx)
        .await?;
    }
    if let Mine::Votes = table {
        sqlx::query("UPDATE topics SET votes = (SELECT COUNT(*) FROM post_votes v WHERE v.post_id = $1) WHERE post_id = $1")
            .bind(post.id)
            .execute(&mut *tx)
            .await?;
    }
    record_change(&mut tx, "space", post.space_id).await?;
    tx.commit().await?;
    Ok(deleted == 0)
}

pub async fn toggle_follow(db: &Db, user: i64, target: &str, id: i64) -> anyhow::Result<bool> {
    let mut conn = db.pool.acquire().await?;
    let deleted =
        sqlx::query("DELETE FROM follows WHERE user_id = $1 AND target = $2 AND target_id = $3")
            .bind(user)
            .bind(target)
            .bind(id)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    if deleted == 0 {
        follow_in(&mut conn, user, target, id).await?;
    }
    Ok(deleted == 0)
}

pub async fn is_following(db: &Db, user: i64, target: &str, id: i64) -> anyhow::Result<bool> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM follows WHERE user_id = $1 AND target = $2 AND target_id = $3",
    )
    .bind(user)
    .bind(target)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.is_some())
}

async fn log(
    conn: &mut AnyConnection,
    forum: i64,
    post: i64,
    actor: Option<i64>,
    action: &str,
    detail: &str,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO moderation_log (forum_id, post_id, actor_id, action, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(forum)
        .bind(post)
        .bind(actor)
        .bind(action)
        .bind(detail)
        .bind(crate::now())
        .execute(conn)
        .await?;
    Ok(())
}

/// Records a flag (once per person and post). Returns whether the post is now hidden by it.
pub async fn add_flag(
    db: &Db,
    forum: i64,
    post: &PostRow,
    user: i64,
    reason: &str,
    threshold: i64,
    counts: bool,
) -> anyhow::Result<bool> {
    let mut tx = db.pool.begin().await?;
    let added = sqlx::query("INSERT INTO post_flags (post_id, user_id, reason, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (post_id, user_id) DO NOTHING")
        .bind(post.id)
        .bind(user)
        .bind(reason)
        .bind(crate::now())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let mut hidden = false;
    if added > 0 && counts {
        let (count,): (i64,) = sqlx::query_as(
            "UPDATE posts SET flag_count = flag_count + 1 WHERE id = $1 RETURNING flag_count",
        )
        .bind(post.id)
        .fetch_one(&mut *tx)
        .await?;
        if count >= threshold && post.hidden == 0 {
            sqlx::query("UPDATE posts SET hidden = 1 WHERE id = $1")
                .bind(post.id)
                .execute(&mut *tx)
                .await?;
            log(
                &mut tx,
                forum,
                post.id,
                None,
                "auto-hide",
                &count.to_string(),
            )
            .await?;
            hidden = true;
        }
        record_change(&mut tx, "space", post.space_id).await?;
    }
    tx.commit().await?;
    Ok(hidden)
}

pub async fn moderate(
    db: &Db,
    forum: i64,
    post: &PostRow,
    actor: i64,
    action: &str,
) -> anyhow::Result<()> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    match action {
        "hide" => {
            sqlx::query("UPDATE posts SET hidden = 1 WHERE id = $1")
                .bind(post.id)
                .execute(&mut *tx)
                .await?;
        }
        "restore" => {
            sqlx::query("UPDATE posts SET hidden = 0, flag_count = 0 WHERE id = $1")
                .bind(post.id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE post_flags SET cleared_at = $2 WHERE post_id = $1 AND cleared_at IS NULL",
            )
            .bind(post.id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        "close" | "reopen" => {
            sqlx::query("UPDATE topics SET closed_at = $2 WHERE post_id = $1")
                .bind(post.id)
                .bind((action == "close").then_some(now))
                .execute(&mut *tx)
                .await?;
        }
        _ => anyhow::bail!("unknown moderation action {action}"),
    }
    log(&mut tx, forum, post.id, Some(actor), action, "").await?;
    record_change(&mut tx, "space", post.space_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Posts of the forum with flags not yet looked at, or hidden: the moderation queue.
pub async fn moderation_queue(db: &Db, forum: i64) -> anyhow::Result<Vec<PostRow>> {
    let sql = format!(
        "SELECT {POST_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id JOIN spaces s ON s.id = p.space_id \
         WHERE s.forum_id = $1 AND (p.hidden = 1 OR EXISTS (SELECT 1 FROM post_flags f WHERE f.post_id = p.id AND f.cleared_at IS NULL)) \
         ORDER BY p.flag_count DESC, p.id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(forum)
        .fetch_all(&db.pool)
        .await?)
}

/// (post, reason, count) of the uncleared flags on these posts.
pub async fn flag_reasons(db: &Db, forum: i64) -> anyhow::Result<Vec<(i64, String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT f.post_id, f.reason, COUNT(*) FROM post_flags f JOIN posts p ON p.id = f.post_id \
         JOIN spaces s ON s.id = p.space_id WHERE s.forum_id = $1 AND f.cleared_at IS NULL \
         GROUP BY f.post_id, f.reason",
    )
    .bind(forum)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn moderation_log(db: &Db, forum: i64) -> anyhow::Result<Vec<LogEntry>> {
    Ok(sqlx::query_as(
        "SELECT l.id, l.post_id, u.name AS actor_name, l.action, l.detail, l.created_at \
         FROM moderation_log l LEFT JOIN users u ON u.id = l.actor_id WHERE l.forum_id = $1 ORDER BY l.id DESC LIMIT 200",
    )
    .bind(forum)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn toggle_helpful(db: &Db, topic: i64, reply: &PostRow, by: i64) -> anyhow::Result<()> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    // flipped in SQL, so two quick clicks cannot both count as "on"
    let (at,): (Option<i64>,) = sqlx::query_as(
        "UPDATE posts SET helpful_at = CASE WHEN helpful_at IS NULL THEN $2 ELSE NULL END \
         WHERE id = $1 RETURNING helpful_at",
    )
    .bind(reply.id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE topics SET helpful_replies = (SELECT COUNT(*) FROM posts p \
         WHERE p.topic_id = $1 AND p.helpful_at IS NOT NULL) WHERE post_id = $1",
    )
    .bind(topic)
    .execute(&mut *tx)
    .await?;
    if at.is_some() {
        notify_all(&mut tx, by, reply.id, vec![(reply.author_id, "helpful")]).await?;
    }
    record_change(&mut tx, "space", reply.space_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_resolved(db: &Db, topic: i64, space: i64, resolved: bool) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE topics SET resolved_at = $2 WHERE post_id = $1")
        .bind(topic)
        .bind(resolved.then(crate::now))
        .execute(&mut *tx)
        .await?;
    record_change(&mut tx, "space", space).await?;
    tx.commit().await?;
    Ok(())
}

/// Dilemmas of the forum's workshops still open and without a helpful reply, oldest first.
pub async fn open_dilemmas(db: &Db, forum: i64) -> anyhow::Result<Vec<TopicRow>> {
    let sql = topic_select(
        "JOIN spaces s ON s.id = t.space_id WHERE s.forum_id = $1 AND s.kind = 'workshop' \
         AND t.resolved_at IS NULL AND t.helpful_replies = 0 AND p.hidden = 0 ORDER BY p.id",
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(forum)
        .fetch_all(&db.pool)
        .await?)
}
