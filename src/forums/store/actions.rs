//! SQL for small actions on posts: reactions, votes, follows, flags, moderation, helpful marks.

use super::*;

pub(super) async fn ids_among(
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
    table: Mark,
    posts: &[i64],
    user: i64,
) -> anyhow::Result<HashSet<i64>> {
    let prefix = match table {
        Mark::Votes => "SELECT post_id FROM post_votes WHERE post_id IN",
        Mark::Reactions => "SELECT post_id FROM post_reactions WHERE post_id IN",
    };
    ids_among(db, prefix, posts, Some(user)).await
}

/// A mark a person puts on a post, stored in its own table: a vote or a "me sirve".
#[derive(Clone, Copy)]
pub enum Mark {
    Votes,
    Reactions,
}

/// Puts on (`on`) or takes back a vote (questions) or a "me sirve" (any post). Saying what is
/// wanted, not "the opposite of now", lets a replayed form change nothing.
pub async fn set_mark(
    db: &Db,
    table: Mark,
    post: &PostRow,
    user: i64,
    on: bool,
) -> anyhow::Result<()> {
    let name = match table {
        Mark::Votes => "post_votes",
        Mark::Reactions => "post_reactions",
    };
    let mut tx = db.pool.begin().await?;
    if on {
        // a double click must not fail: the second insert is a no-op
        crate::db::query(
            sqlx::AssertSqlSafe(format!(
                "INSERT INTO {name} (post_id, user_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (post_id, user_id) DO NOTHING"
            )),
            (post.id, user, crate::now()),
        )
        .execute(&mut *tx)
        .await?;
    } else {
        crate::db::query(
            sqlx::AssertSqlSafe(format!(
                "DELETE FROM {name} WHERE post_id = $1 AND user_id = $2"
            )),
            (post.id, user),
        )
        .execute(&mut *tx)
        .await?;
    }
    if let Mark::Votes = table {
        crate::db::query("UPDATE topics SET votes = (SELECT COUNT(*) FROM post_votes v WHERE v.post_id = $1) WHERE post_id = $1", (post.id,))
            .execute(&mut *tx)
            .await?;
    }
    record_change(&mut tx, "space", post.space_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Follows (`on`) or stops following a space or a topic.
pub async fn set_follow(db: &Db, user: i64, target: &str, id: i64, on: bool) -> anyhow::Result<()> {
    let mut conn = db.pool.acquire().await?;
    if on {
        follow_in(&mut conn, user, target, id).await
    } else {
        crate::db::query(
            "DELETE FROM follows WHERE user_id = $1 AND target = $2 AND target_id = $3",
            (user, target, id),
        )
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

pub async fn is_following(db: &Db, user: i64, target: &str, id: i64) -> anyhow::Result<bool> {
    let row: Option<(i64,)> = db
        .optional(
            "SELECT user_id FROM follows WHERE user_id = $1 AND target = $2 AND target_id = $3",
            (user, target, id),
        )
        .await?;
    Ok(row.is_some())
}

pub(super) async fn log(
    conn: &mut AnyConnection,
    forum: i64,
    post: i64,
    actor: Option<i64>,
    action: &str,
    detail: &str,
) -> anyhow::Result<()> {
    crate::db::query("INSERT INTO moderation_log (forum_id, post_id, actor_id, action, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6)", (forum, post, actor, action, detail, crate::now()))
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
    reason: FlagReason,
    threshold: i64,
    counts: bool,
) -> anyhow::Result<bool> {
    let mut tx = db.pool.begin().await?;
    let added = crate::db::query("INSERT INTO post_flags (post_id, user_id, reason, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (post_id, user_id) DO NOTHING", (post.id, user, reason, crate::now()))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let mut hidden = false;
    if added > 0 && counts {
        let (count,): (i64,) = crate::db::query_as(
            "UPDATE posts SET flag_count = flag_count + 1 WHERE id = $1 RETURNING flag_count",
            (post.id,),
        )
        .fetch_one(&mut *tx)
        .await?;
        if count >= threshold && post.hidden == 0 {
            crate::db::query("UPDATE posts SET hidden = 1 WHERE id = $1", (post.id,))
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

/// Applies a facilitator's action and logs it; `false` (and no log entry) when the post
/// already was that way (a second click, a stale page).
pub async fn moderate(
    db: &Db,
    forum: i64,
    post: &PostRow,
    actor: i64,
    action: ModerationAction,
) -> anyhow::Result<bool> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let sql = match action {
        ModerationAction::Hide => "UPDATE posts SET hidden = 1 WHERE id = $1 AND hidden = 0",
        ModerationAction::Restore => {
            "UPDATE posts SET hidden = 0, flag_count = 0 WHERE id = $1 AND (hidden = 1 OR flag_count > 0)"
        }
        ModerationAction::Close => {
            "UPDATE topics SET closed_at = $2 WHERE post_id = $1 AND closed_at IS NULL"
        }
        ModerationAction::Reopen => {
            "UPDATE topics SET closed_at = NULL WHERE post_id = $1 AND closed_at IS NOT NULL AND $2 > 0"
        }
    };
    let mut changed = crate::db::query(sql, (post.id, now))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if action == ModerationAction::Restore {
        changed += crate::db::query(
            "UPDATE post_flags SET cleared_at = $2 WHERE post_id = $1 AND cleared_at IS NULL",
            (post.id, now),
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    if changed == 0 {
        return Ok(false);
    }
    log(&mut tx, forum, post.id, Some(actor), action.code(), "").await?;
    record_change(&mut tx, "space", post.space_id).await?;
    // the site's audit log too, naming the post's author
    let detail = format!("{} #{}", action.code(), post.id);
    let author = Some(post.author_id);
    crate::admin::audit(&mut tx, Some(actor), "moderation", author, &detail).await?;
    tx.commit().await?;
    Ok(true)
}

/// Posts of the forum with flags not yet looked at, or hidden: the moderation queue.
pub async fn moderation_queue(db: &Db, forum: i64) -> anyhow::Result<Vec<PostRow>> {
    let sql = format!(
        "SELECT {POST_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id JOIN spaces s ON s.id = p.space_id \
         WHERE s.forum_id = $1 AND (p.hidden = 1 OR EXISTS (SELECT 1 FROM post_flags f WHERE f.post_id = p.id AND f.cleared_at IS NULL)) \
         ORDER BY p.flag_count DESC, p.id"
    );
    db.all(sqlx::AssertSqlSafe(sql), (forum,)).await
}

/// (post, reason, count) of the uncleared flags on these posts.
pub async fn flag_reasons(db: &Db, forum: i64) -> anyhow::Result<Vec<(i64, String, i64)>> {
    db.all(
        "SELECT f.post_id, f.reason, COUNT(*) FROM post_flags f JOIN posts p ON p.id = f.post_id \
         JOIN spaces s ON s.id = p.space_id WHERE s.forum_id = $1 AND f.cleared_at IS NULL \
         GROUP BY f.post_id, f.reason",
        (forum,),
    )
    .await
}

pub async fn moderation_log(db: &Db, forum: i64) -> anyhow::Result<Vec<LogEntry>> {
    db.all(
        "SELECT l.id, l.post_id, u.name AS actor_name, l.action, l.detail, l.created_at \
         FROM moderation_log l LEFT JOIN users u ON u.id = l.actor_id WHERE l.forum_id = $1 ORDER BY l.id DESC LIMIT 200",
        (forum,),
    ).await
}

/// Marks a reply helpful (`on`) or takes the mark back; its author is told once, when the
/// mark is new.
pub async fn set_helpful(
    db: &Db,
    topic: i64,
    reply: &PostRow,
    by: i64,
    on: bool,
) -> anyhow::Result<()> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let marked = if on {
        crate::db::query(
            "UPDATE posts SET helpful_at = $2 WHERE id = $1 AND helpful_at IS NULL",
            (reply.id, now),
        )
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0
    } else {
        crate::db::query(
            "UPDATE posts SET helpful_at = NULL WHERE id = $1",
            (reply.id,),
        )
        .execute(&mut *tx)
        .await?;
        false
    };
    crate::db::query(
        "UPDATE topics SET helpful_replies = (SELECT COUNT(*) FROM posts p \
         WHERE p.topic_id = $1 AND p.helpful_at IS NOT NULL) WHERE post_id = $1",
        (topic,),
    )
    .execute(&mut *tx)
    .await?;
    if marked {
        notify_all(&mut tx, by, reply.id, vec![(reply.author_id, "helpful")]).await?;
    }
    record_change(&mut tx, "space", reply.space_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_resolved(db: &Db, topic: i64, space: i64, resolved: bool) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
    crate::db::query(
        "UPDATE topics SET resolved_at = $2 WHERE post_id = $1",
        (topic, resolved.then(crate::now)),
    )
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
    db.all(sqlx::AssertSqlSafe(sql), (forum,)).await
}
