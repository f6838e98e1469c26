//! SQL for topics, posts, their revisions and notifications.

use super::*;

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

pub(super) fn filter_sql(f: &TopicFilter) -> String {
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
    let mut q = crate::db::query_as(sqlx::AssertSqlSafe(sql), (space,));
    if let Some(s) = &filter.stance {
        q = q.bind(s.clone());
    }
    Ok(q.bind(limit).bind(offset).fetch_all(&db.pool).await?)
}

pub async fn count_topics(db: &Db, space: i64, filter: &TopicFilter) -> anyhow::Result<i64> {
    let sql = format!("SELECT COUNT(*) FROM topics t {}", filter_sql(filter));
    let mut q = crate::db::query_as(sqlx::AssertSqlSafe(sql), (space,));
    if let Some(s) = &filter.stance {
        q = q.bind(s.clone());
    }
    let (n,): (i64,) = q.fetch_one(&db.pool).await?;
    Ok(n)
}

/// How many visible positions take each stance.
pub async fn stance_spread(db: &Db, space: i64) -> anyhow::Result<Vec<(String, i64)>> {
    db.all(
        "SELECT t.stance, COUNT(*) FROM topics t JOIN posts p ON p.id = t.post_id \
         WHERE t.space_id = $1 AND p.hidden = 0 GROUP BY t.stance",
        (space,),
    )
    .await
}

pub async fn load_topic(db: &Db, id: i64) -> anyhow::Result<Option<TopicRow>> {
    let sql = topic_select("WHERE t.post_id = $1");
    db.optional(sqlx::AssertSqlSafe(sql), (id,)).await
}

pub async fn load_post(db: &Db, id: i64) -> anyhow::Result<Option<PostRow>> {
    let sql = format!(
        "SELECT {POST_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = $1"
    );
    db.optional(sqlx::AssertSqlSafe(sql), (id,)).await
}

pub async fn replies(db: &Db, topic: i64, limit: i64, offset: i64) -> anyhow::Result<Vec<PostRow>> {
    let sql = format!(
        "SELECT {POST_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id \
         WHERE p.topic_id = $1 ORDER BY p.id LIMIT $2 OFFSET $3"
    );
    db.all(sqlx::AssertSqlSafe(sql), (topic, limit, offset))
        .await
}

/// The id of this person's position in a debate, if they took one.
pub async fn position_of(db: &Db, space: i64, user: i64) -> anyhow::Result<Option<i64>> {
    let row: Option<(i64,)> = db
        .optional(
            "SELECT post_id FROM topics WHERE space_id = $1 AND position_author = $2",
            (space, user),
        )
        .await?;
    Ok(row.map(|r| r.0))
}

pub(super) async fn insert_post(
    conn: &mut AnyConnection,
    space: i64,
    topic: Option<i64>,
    author: i64,
    d: &TopicDraft,
    html: &str,
    now: i64,
) -> anyhow::Result<i64> {
    let (id,): (i64,) = crate::db::query_as(
        "INSERT INTO posts (space_id, topic_id, author_id, body, body_html, experience_id, lang, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        (space, topic, author, &d.body, html, d.experience_id, &d.lang, now),
    )
    .fetch_one(&mut *conn)
    .await?;
    crate::db::query(
        "UPDATE spaces SET post_count = post_count + 1, last_post_at = $2, \
         topic_count = topic_count + $3 WHERE id = $1",
        (space, now, if topic.is_none() { 1i64 } else { 0 }),
    )
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub(super) async fn followers(
    conn: &mut AnyConnection,
    target: &str,
    id: i64,
) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = crate::db::query_as(
        "SELECT user_id FROM follows WHERE target = $1 AND target_id = $2",
        (target, id),
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub(super) async fn follow_in(
    conn: &mut AnyConnection,
    user: i64,
    target: &str,
    id: i64,
) -> anyhow::Result<()> {
    crate::db::query("INSERT INTO follows (user_id, target, target_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, target, target_id) DO NOTHING", (user, target, id, crate::now()))
        .execute(conn)
        .await?;
    Ok(())
}

/// Notifies each recipient once, the first (most specific) kind winning; never the actor.
pub(super) async fn notify_all(
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
    crate::db::query(
        "INSERT INTO topics (post_id, space_id, title, stance, position_author, change_text, learning_text, \
         outcome_text, audience, last_activity_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        (id, space.id, &d.title, d.stance, position_author, &d.change_text, &d.learning_text, &d.outcome_text, d.audience, now),
    )
    .execute(&mut *tx)
    .await?;
    follow_in(&mut tx, author.id, "topic", id).await?;
    let mentioned = rendered.mentioned.iter().map(|u| (*u, "mention")).collect();
    announce(tx, author.id, id, space.id, mentioned, ("space", space.id)).await?;
    Ok(id)
}

/// The end of writing a topic or a reply: tells `recipients` and the followers of `followed`
/// (what, id), records the space's change, and commits.
async fn announce(
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    author: i64,
    post: i64,
    space: i64,
    mut recipients: Vec<(i64, &'static str)>,
    followed: (&str, i64),
) -> anyhow::Result<()> {
    recipients.extend(
        followers(&mut tx, followed.0, followed.1)
            .await?
            .into_iter()
            .map(|u| (u, "follow")),
    );
    notify_all(&mut tx, author, post, recipients).await?;
    record_change(&mut tx, "space", space).await?;
    tx.commit().await?;
    Ok(())
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
    crate::db::query(
        "UPDATE topics SET replies = replies + 1, last_activity_at = $2, \
         answered_at = CASE WHEN $3 = 1 AND answered_at IS NULL THEN $2 ELSE answered_at END \
         WHERE post_id = $1",
        (topic.post.id, now, answer as i64),
    )
    .execute(&mut *tx)
    .await?;
    let mut recipients = vec![(
        topic.post.author_id,
        if answer { "answer" } else { "reply" },
    )];
    recipients.extend(rendered.mentioned.iter().map(|u| (*u, "mention")));
    let followed = ("topic", topic.post.id);
    announce(tx, author.id, id, space.id, recipients, followed).await?;
    Ok(id)
}

/// Saves a new version of a post (and its topic fields), keeping the earlier one.
/// Saves a new text of a post, keeping the old one in its history. With `Some(revision)`
/// (an edit form), only if the post is still at that revision: `false`, nothing written,
/// when it was edited meanwhile (another tab, another device).
pub async fn revise_post(
    db: &Db,
    (post, revision): (i64, Option<i64>),
    space: i64,
    d: &TopicDraft,
    rendered: &Rendered,
) -> anyhow::Result<bool> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let current = match revision {
        Some(r) => crate::db::query(
            "UPDATE posts SET revision = revision + 1 WHERE id = $1 AND revision = $2",
            (post, r),
        ),
        None => crate::db::query(
            "UPDATE posts SET revision = revision + 1 WHERE id = $1",
            (post,),
        ),
    }
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if current == 0 {
        return Ok(false);
    }
    crate::db::query(
        "INSERT INTO post_revisions (post_id, body, title, stance, change_text, learning_text, outcome_text, experience_id, written_at) \
         SELECT p.id, p.body, COALESCE(t.title, ''), COALESCE(t.stance, ''), COALESCE(t.change_text, ''), \
         COALESCE(t.learning_text, ''), COALESCE(t.outcome_text, ''), p.experience_id, COALESCE(p.edited_at, p.created_at) \
         FROM posts p LEFT JOIN topics t ON t.post_id = p.id WHERE p.id = $1",
        (post,),
    )
    .execute(&mut *tx)
    .await?;
    crate::db::query(
        "UPDATE posts SET body = $2, experience_id = $3, edited_at = $4, lang = $5, body_html = $6 WHERE id = $1",
        (post, &d.body, d.experience_id, now, &d.lang, &rendered.html),
    )
    .execute(&mut *tx)
    .await?;
    crate::db::query(
        "UPDATE topics SET title = CASE WHEN $2 = '' THEN title ELSE $2 END, \
         stance = CASE WHEN $3 = '' THEN stance ELSE $3 END, \
         change_text = CASE WHEN $4 = '' THEN change_text ELSE $4 END, \
         learning_text = CASE WHEN $5 = '' THEN learning_text ELSE $5 END, \
         outcome_text = CASE WHEN $6 = '' THEN outcome_text ELSE $6 END, \
         audience = CASE WHEN $7 = '' THEN audience ELSE $7 END, last_activity_at = $8 WHERE post_id = $1",
        (post, &d.title, d.stance, &d.change_text, &d.learning_text, &d.outcome_text, d.audience, now),
    )
    .execute(&mut *tx)
    .await?;
    record_change(&mut tx, "space", space).await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn revisions(db: &Db, post: i64) -> anyhow::Result<Vec<Revision>> {
    db.all(
        "SELECT id, body, title, stance, change_text, learning_text, outcome_text, written_at \
         FROM post_revisions WHERE post_id = $1 ORDER BY id DESC",
        (post,),
    )
    .await
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
