//! SQL for forums, their people, and spaces.

use super::*;

pub async fn insert_forum(
    db: &Db,
    by: i64,
    d: &ForumDraft,
    facilitators: &[i64],
) -> anyhow::Result<i64> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let (id,): (i64,) = crate::db::query_as(
        "INSERT INTO forums (title, description, starts_at, ends_at, time_zone, call_id, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        (&d.title, &d.description, d.starts_at, d.ends_at, &d.time_zone, d.call_id, by, now),
    )
    .fetch_one(&mut *tx)
    .await?;
    set_people(&mut tx, Holders::Facilitators, id, id, facilitators, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves the settings if the forum is still at `revision` (the one the form showed):
/// `false`, nothing written, when someone saved meanwhile.
pub async fn update_forum(
    db: &Db,
    (id, revision): (i64, i64),
    d: &ForumDraft,
    facilitators: &[i64],
) -> anyhow::Result<bool> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let saved = crate::db::query(
        "UPDATE forums SET title = $2, description = $3, starts_at = $4, ends_at = $5, \
         time_zone = $6, call_id = $7, revision = revision + 1 WHERE id = $1 AND revision = $8",
        (
            id,
            &d.title,
            &d.description,
            d.starts_at,
            d.ends_at,
            &d.time_zone,
            d.call_id,
            revision,
        ),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if saved == 0 {
        return Ok(false);
    }
    set_people(&mut tx, Holders::Facilitators, id, id, facilitators, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// E-mail addresses of the forum's facilitators (for its settings form); a deleted account
/// has none, and leaves the list when the form is saved.
pub async fn facilitator_emails(db: &Db, forum: i64) -> anyhow::Result<Vec<String>> {
    let rows: Vec<(String,)> = db.all(
        "SELECT u.email FROM forum_facilitators f JOIN users u ON u.id = f.user_id WHERE f.forum_id = $1 AND u.deleted_at IS NULL ORDER BY u.email",
        (forum,),
    ).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The people who hold a role: a forum's facilitators or a space's speakers.
#[derive(Clone, Copy)]
pub(super) enum Holders {
    Facilitators,
    Speakers,
}

/// Replaces who holds a role on `target` (the forum, or a space of it) and makes each of
/// them a member of the forum.
pub(super) async fn set_people(
    conn: &mut AnyConnection,
    people: Holders,
    forum: i64,
    target: i64,
    users: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    let (table, column) = match people {
        Holders::Facilitators => ("forum_facilitators", "forum_id"),
        Holders::Speakers => ("space_speakers", "space_id"),
    };
    crate::db::query(
        sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE {column} = $1")),
        (target,),
    )
    .execute(&mut *conn)
    .await?;
    for user in users {
        crate::db::query(
            sqlx::AssertSqlSafe(format!(
                "INSERT INTO {table} ({column}, user_id) VALUES ($1, $2) \
             ON CONFLICT ({column}, user_id) DO NOTHING"
            )),
            (target, *user),
        )
        .execute(&mut *conn)
        .await?;
        join_in(conn, forum, *user, now).await?;
    }
    Ok(())
}

pub(super) async fn join_in(
    conn: &mut AnyConnection,
    forum: i64,
    user: i64,
    now: i64,
) -> anyhow::Result<()> {
    crate::db::query("INSERT INTO forum_members (forum_id, user_id, joined_at) VALUES ($1, $2, $3) ON CONFLICT (forum_id, user_id) DO NOTHING", (forum, user, now))
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
    db.optional(
        "SELECT id, title, description, starts_at, ends_at, time_zone, call_id, created_by, created_at, revision FROM forums WHERE id = $1",
        (id,),
    ).await
}

/// (id, name) of the forum's facilitators.
pub async fn facilitators(db: &Db, forum: i64) -> anyhow::Result<Vec<(i64, String)>> {
    db.all(
        "SELECT u.id, u.name FROM forum_facilitators f JOIN users u ON u.id = f.user_id WHERE f.forum_id = $1 ORDER BY u.name",
        (forum,),
    ).await
}

/// (id, name) of everyone who joined, by name.
pub async fn members(db: &Db, forum: i64) -> anyhow::Result<Vec<(i64, String)>> {
    db.all(
        "SELECT u.id, u.name FROM forum_members m JOIN users u ON u.id = m.user_id WHERE m.forum_id = $1 ORDER BY u.name",
        (forum,),
    ).await
}

/// When a person joined the forum (if they did) and how many posts they wrote in it.
pub async fn standing(db: &Db, forum: i64, user: i64) -> anyhow::Result<(Option<i64>, i64)> {
    let joined: Option<(i64,)> = db
        .optional(
            "SELECT joined_at FROM forum_members WHERE forum_id = $1 AND user_id = $2",
            (forum, user),
        )
        .await?;
    let (posts,): (i64,) = db.one(
        "SELECT COUNT(*) FROM posts p JOIN spaces s ON s.id = p.space_id WHERE s.forum_id = $1 AND p.author_id = $2",
        (forum, user),
    ).await?;
    Ok((joined.map(|r| r.0), posts))
}

pub async fn is_member(db: &Db, forum: i64, user: i64) -> anyhow::Result<bool> {
    let row: Option<(i64,)> = db
        .optional(
            "SELECT user_id FROM forum_members WHERE forum_id = $1 AND user_id = $2",
            (forum, user),
        )
        .await?;
    Ok(row.is_some())
}

/// Counts one page read by a signed-in person in the forum (participation records).
pub async fn record_read(db: &Db, forum: i64, user: i64) -> anyhow::Result<()> {
    crate::db::query(
        "INSERT INTO forum_reads (forum_id, user_id, reads, last_read_at) VALUES ($1, $2, 1, $3) \
         ON CONFLICT (forum_id, user_id) DO UPDATE SET reads = forum_reads.reads + 1, last_read_at = excluded.last_read_at",
        (forum, user, crate::now()),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn participation(db: &Db, forum: i64) -> anyhow::Result<Vec<Participation>> {
    db.all(
        "SELECT m.user_id, u.name, m.joined_at, \
         (SELECT COUNT(*) FROM posts p JOIN spaces s ON s.id = p.space_id WHERE s.forum_id = m.forum_id AND p.author_id = m.user_id) AS posts, \
         COALESCE((SELECT r.reads FROM forum_reads r WHERE r.forum_id = m.forum_id AND r.user_id = m.user_id), 0) AS reads, \
         (SELECT MAX(p.created_at) FROM posts p JOIN spaces s ON s.id = p.space_id WHERE s.forum_id = m.forum_id AND p.author_id = m.user_id) AS last_post_at \
         FROM forum_members m JOIN users u ON u.id = m.user_id WHERE m.forum_id = $1 ORDER BY u.name",
        (forum,),
    ).await
}

pub async fn insert_space(
    db: &Db,
    forum: i64,
    d: &SpaceDraft,
    speakers: &[i64],
) -> anyhow::Result<i64> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let (id,): (i64,) = crate::db::query_as(
        "INSERT INTO spaces (forum_id, kind, title, description, question, video_url, speaker_bio, \
         speaker_affiliation, session_at, opens_at, closes_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        (
            forum,
            d.kind.code(),
            &d.title,
            &d.description,
            &d.question,
            &d.video_url,
            &d.speaker_bio,
            &d.speaker_affiliation,
            d.session_at,
            d.opens_at,
            d.closes_at,
            now,
        ),
    )
    .fetch_one(&mut *tx)
    .await?;
    set_people(&mut tx, Holders::Speakers, forum, id, speakers, now).await?;
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
    crate::db::query(
        "UPDATE spaces SET file_key = $2, file_name = $3, file_type = $4 WHERE id = $1",
        (space, key, name, content_type),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Saves the settings if the space is still at `revision`; `false` (nothing written) when
/// someone saved them meanwhile.
pub async fn update_space(
    db: &Db,
    forum: i64,
    (space, revision): (i64, i64),
    d: &SpaceDraft,
    speakers: &[i64],
) -> anyhow::Result<bool> {
    let mut tx = db.pool.begin().await?;
    let saved = crate::db::query(
        "UPDATE spaces SET title = $2, description = $3, question = $4, video_url = $5, \
         speaker_bio = $6, speaker_affiliation = $7, session_at = $8, opens_at = $9, closes_at = $10, \
         revision = revision + 1 WHERE id = $1 AND revision = $11",
        (space, &d.title, &d.description, &d.question, &d.video_url, &d.speaker_bio, &d.speaker_affiliation, d.session_at, d.opens_at, d.closes_at, revision),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if saved == 0 {
        return Ok(false);
    }
    let now = crate::now();
    set_people(&mut tx, Holders::Speakers, forum, space, speakers, now).await?;
    record_change(&mut tx, "space", space).await?;
    tx.commit().await?;
    Ok(true)
}

/// E-mail addresses of the space's speakers (for its form), deleted accounts aside.
pub async fn speaker_emails(db: &Db, space: i64) -> anyhow::Result<Vec<String>> {
    let rows: Vec<(String,)> = db.all(
        "SELECT u.email FROM space_speakers s JOIN users u ON u.id = s.user_id WHERE s.space_id = $1 AND u.deleted_at IS NULL ORDER BY u.email",
        (space,),
    ).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn load_space(db: &Db, id: i64) -> anyhow::Result<Option<Space>> {
    let sql = format!("SELECT {SPACE_COLUMNS} FROM spaces WHERE id = $1");
    db.optional(sqlx::AssertSqlSafe(sql), (id,)).await
}

pub async fn spaces_of(db: &Db, forum: i64) -> anyhow::Result<Vec<Space>> {
    let sql = format!("SELECT {SPACE_COLUMNS} FROM spaces WHERE forum_id = $1 ORDER BY id");
    db.all(sqlx::AssertSqlSafe(sql), (forum,)).await
}

pub async fn speakers(db: &Db, space: i64) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = db
        .all(
            "SELECT user_id FROM space_speakers WHERE space_id = $1",
            (space,),
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn speaker_names(db: &Db, space: i64) -> anyhow::Result<Vec<String>> {
    let rows: Vec<(String,)> = db.all(
        "SELECT u.name FROM space_speakers s JOIN users u ON u.id = s.user_id WHERE s.space_id = $1 ORDER BY u.name",
        (space,),
    ).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
