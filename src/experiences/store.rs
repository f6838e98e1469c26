//! SQL for sheets, their terms, revisions, co-editors, invitations and attachments.
//! A save writes the sheet row, its terms and a revision in one transaction, guarded by the
//! version number, so a concurrent edit can never silently overwrite another.

use super::{Experience, ExperienceContent, State};
use crate::db::Db;
use crate::record;
use sqlx::{Any, Transaction};
use std::collections::HashMap;

record! {
    pub struct ExperienceRow {
        pub id: i64,
        pub owner_id: i64,
        pub owner_name: String,
        pub state: String,
        pub version: i64,
        pub language: String,
        pub title: String,
        pub summary: String,
        pub country_code: String,
        pub place: String,
        pub latitude: Option<f64>,
        pub longitude: Option<f64>,
        pub scale: String,
        pub status: String,
        pub year_start: Option<i64>,
        pub year_end: Option<i64>,
        pub partners: String,
        pub objectives: String,
        pub actions: String,
        pub actors_text: String,
        pub problems: String,
        pub keys_text: String,
        pub results: String,
        pub lessons: String,
        pub replication: String,
        pub contact_name: String,
        pub contact_email: String,
        pub links: String,
        pub created_at: i64,
        pub updated_at: i64,
    }
}

record! {
    /// A line in a list of sheets.
    pub struct Summary {
        pub id: i64,
        pub title: String,
        pub summary: String,
        pub country_code: String,
        pub place: String,
        pub state: String,
        pub status: String,
        pub updated_at: i64,
    }
}

record! {
    pub struct Revision {
        pub number: i64,
        pub author_name: String,
        pub note: String,
        pub content: String,
        pub created_at: i64,
    }
}

record! {
    pub struct Attachment {
        pub id: i64,
        pub experience_id: i64,
        pub file_name: String,
        pub content_type: String,
        pub size_bytes: i64,
        pub storage_key: String,
    }
}

impl Attachment {
    /// Where the file is served: `/experiencias/{sheet}/adjuntos/{id}/{name}`, the name
    /// percent-encoded.
    pub fn url(&self) -> String {
        format!(
            "/experiencias/{}/adjuntos/{}/{}",
            self.experience_id,
            self.id,
            crate::web::percent_encode(&self.file_name, b"-._~")
        )
    }
}

impl Revision {
    pub fn parsed(&self) -> ExperienceContent {
        serde_json::from_str(&self.content).unwrap_or_default()
    }
}

impl Summary {
    pub fn url(&self) -> String {
        format!("/experiencias/{}-{}", self.id, super::slug(&self.title))
    }
}

/// The stable keys (`demo_key`: demo or import) of these sheets.
pub async fn import_keys(db: &Db, ids: &[i64]) -> anyhow::Result<HashMap<i64, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT id, demo_key FROM experiences WHERE demo_key IS NOT NULL AND id IN ({})",
        crate::db::placeholders(1, ids.len())
    );
    let mut q = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(&db.pool).await?.into_iter().collect())
}

pub async fn find_demo(db: &Db, key: &str) -> anyhow::Result<Option<i64>> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM experiences WHERE demo_key = $1")
        .bind(key)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|r| r.0))
}

const COLUMNS: &str = "e.id, e.owner_id, u.name AS owner_name, e.state, e.version, e.language, e.title, e.summary, \
    e.country_code, e.place, e.latitude, e.longitude, e.scale, e.status, e.year_start, e.year_end, e.partners, \
    e.objectives, e.actions, e.actors_text, e.problems, e.keys_text, e.results, e.lessons, e.replication, \
    e.contact_name, e.contact_email, e.links, e.created_at, e.updated_at";

pub async fn load(db: &Db, id: i64) -> anyhow::Result<Option<Experience>> {
    Ok(load_many(db, &[id]).await?.pop())
}

/// Loads several sheets (any state) in three queries; order follows `ids`.
pub async fn load_many(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<Experience>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let list = crate::db::placeholders(1, ids.len());
    let sql = format!(
        "SELECT {COLUMNS} FROM experiences e JOIN users u ON u.id = e.owner_id WHERE e.id IN ({list})"
    );
    let mut q = sqlx::query_as::<_, ExperienceRow>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(*id);
    }
    let rows = q.fetch_all(&db.pool).await?;
    let sql = format!(
        "SELECT et.experience_id, t.vocabulary, t.code FROM experience_terms et JOIN terms t ON t.id = et.term_id \
         WHERE et.experience_id IN ({list}) ORDER BY t.position"
    );
    let mut q = sqlx::query_as::<_, (i64, String, String)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(*id);
    }
    let terms = q.fetch_all(&db.pool).await?;
    let sql =
        format!("SELECT experience_id, user_id FROM coeditors WHERE experience_id IN ({list})");
    let mut q = sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(*id);
    }
    let coeditors = q.fetch_all(&db.pool).await?;
    let mut out: Vec<Experience> = rows
        .into_iter()
        .map(|r| from_row(r, &terms, &coeditors))
        .collect();
    out.sort_by_key(|e| ids.iter().position(|i| *i == e.id));
    Ok(out)
}

/// Ids of published sheets after `after`, in id order (for rebuilding the search index).
pub async fn published_ids_after(db: &Db, after: i64, limit: i64) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM experiences WHERE state = 'published' AND id > $1 ORDER BY id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

record! {
    /// What a list of results shows of each sheet (one light query, no narrative sections
    /// besides those used for snippets).
    pub struct CardRow {
        pub id: i64,
        pub title: String,
        pub summary: String,
        pub country_code: String,
        pub place: String,
        pub state: String,
        pub status: String,
        pub language: String,
        pub lessons: String,
        pub keys_text: String,
        pub updated_at: i64,
    }
}

/// Card rows for `ids`, in that order.
pub async fn cards(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<CardRow>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!(
        "SELECT id, title, summary, country_code, place, state, status, language, lessons, keys_text, updated_at \
         FROM experiences WHERE id IN ({})",
        crate::db::placeholders(1, ids.len())
    );
    let mut q = sqlx::query_as::<_, CardRow>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(*id);
    }
    let mut rows = q.fetch_all(&db.pool).await?;
    rows.sort_by_key(|r| ids.iter().position(|i| *i == r.id));
    Ok(rows)
}

impl CardRow {
    pub fn summary(&self) -> Summary {
        Summary {
            id: self.id,
            title: self.title.clone(),
            summary: self.summary.clone(),
            country_code: self.country_code.clone(),
            place: self.place.clone(),
            state: self.state.clone(),
            status: self.status.clone(),
            updated_at: self.updated_at,
        }
    }
}

pub async fn all_ids(db: &Db) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT id FROM experiences ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

fn from_row(
    r: ExperienceRow,
    terms: &[(i64, String, String)],
    coeditors: &[(i64, i64)],
) -> Experience {
    let of = |v: &str| {
        terms
            .iter()
            .filter(|(e, voc, _)| *e == r.id && voc == v)
            .map(|(_, _, c)| c.clone())
            .collect::<Vec<_>>()
    };
    let content = ExperienceContent {
        themes: of("theme"),
        actor_types: of("actor"),
        modalities: of("modality"),
        language: r.language,
        title: r.title,
        summary: r.summary,
        country: r.country_code,
        place: r.place,
        latitude: r.latitude,
        longitude: r.longitude,
        scale: r.scale,
        status: r.status,
        year_start: r.year_start,
        year_end: r.year_end,
        partners: r.partners,
        objectives: r.objectives,
        actions: r.actions,
        actors_text: r.actors_text,
        problems: r.problems,
        keys_text: r.keys_text,
        results: r.results,
        lessons: r.lessons,
        replication: r.replication,
        contact_name: r.contact_name,
        contact_email: r.contact_email,
        links: r.links.lines().map(str::to_string).collect(),
    };
    Experience {
        id: r.id,
        owner_id: r.owner_id,
        owner_name: r.owner_name,
        state: State::parse(&r.state),
        version: r.version,
        content,
        created_at: r.created_at,
        updated_at: r.updated_at,
        coeditor_ids: coeditors
            .iter()
            .filter(|(e, _)| *e == r.id)
            .map(|(_, u)| *u)
            .collect(),
    }
}

/// Binds the content columns in the order of `CONTENT_SET`/`CONTENT_INSERT`, from `$first` on.
fn bind_content<'q>(
    q: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments>,
    c: &'q ExperienceContent,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments> {
    q.bind(&c.language)
        .bind(&c.title)
        .bind(&c.summary)
        .bind(&c.country)
        .bind(&c.place)
        .bind(c.latitude.map(|v| v.to_string()))
        .bind(c.longitude.map(|v| v.to_string()))
        .bind(&c.scale)
        .bind(&c.status)
        .bind(c.year_start)
        .bind(c.year_end)
        .bind(&c.partners)
        .bind(&c.objectives)
        .bind(&c.actions)
        .bind(&c.actors_text)
        .bind(&c.problems)
        .bind(&c.keys_text)
        .bind(&c.results)
        .bind(&c.lessons)
        .bind(&c.replication)
        .bind(&c.contact_name)
        .bind(&c.contact_email)
        .bind(c.links.join("\n"))
}

/// The parameter for a content column. Coordinates travel as text and are cast in SQL:
/// sqlx 0.9's Any driver declares a NULL `f64` as `float4` on PostgreSQL, which breaks the
/// cached statement when a later row binds a real `f64`.
fn param(column: &str, n: usize) -> String {
    if column == "latitude" || column == "longitude" {
        format!("CAST(${n} AS DOUBLE PRECISION)")
    } else {
        format!("${n}")
    }
}

const CONTENT_COLUMNS: [&str; 23] = [
    "language",
    "title",
    "summary",
    "country_code",
    "place",
    "latitude",
    "longitude",
    "scale",
    "status",
    "year_start",
    "year_end",
    "partners",
    "objectives",
    "actions",
    "actors_text",
    "problems",
    "keys_text",
    "results",
    "lessons",
    "replication",
    "contact_name",
    "contact_email",
    "links",
];

pub async fn insert(
    db: &Db,
    owner: i64,
    c: &ExperienceContent,
    demo_key: Option<&str>,
) -> anyhow::Result<i64> {
    let now = crate::now();
    let n = CONTENT_COLUMNS.len();
    let placeholders: Vec<String> = CONTENT_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, col)| param(col, i + 1))
        .chain((n + 1..=n + 4).map(|i| format!("${i}")))
        .collect();
    let sql = format!(
        "INSERT INTO experiences ({}, owner_id, demo_key, created_at, updated_at) VALUES ({}) RETURNING id",
        CONTENT_COLUMNS.join(", "),
        placeholders.join(", ")
    );
    let mut tx = db.pool.begin().await?;
    let (id,): (i64,) = {
        let q = bind_content(sqlx::query(sqlx::AssertSqlSafe(sql)), c)
            .bind(owner)
            .bind(demo_key)
            .bind(now)
            .bind(now);
        let row = q.fetch_one(&mut *tx).await?;
        (sqlx::Row::try_get(&row, "id")?,)
    };
    write_terms(&mut tx, id, c).await?;
    write_revision(&mut tx, id, 1, owner, c, "").await?;
    crate::db::record_change(&mut tx, "experience", id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Returns the new version, or `None` when `base_version` is no longer current.
pub async fn update(
    db: &Db,
    author: i64,
    id: i64,
    base_version: i64,
    c: &ExperienceContent,
    note: &str,
) -> anyhow::Result<Option<i64>> {
    let n = CONTENT_COLUMNS.len();
    let sets: Vec<String> = CONTENT_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, col)| format!("{col} = {}", param(col, i + 1)))
        .collect();
    let sql = format!(
        "UPDATE experiences SET {}, version = version + 1, updated_at = ${} WHERE id = ${} AND version = ${}",
        sets.join(", "),
        n + 1,
        n + 2,
        n + 3
    );
    let mut tx = db.pool.begin().await?;
    let done = bind_content(sqlx::query(sqlx::AssertSqlSafe(sql)), c)
        .bind(crate::now())
        .bind(id)
        .bind(base_version)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    sqlx::query("DELETE FROM experience_terms WHERE experience_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    write_terms(&mut tx, id, c).await?;
    write_revision(&mut tx, id, base_version + 1, author, c, note).await?;
    crate::db::record_change(&mut tx, "experience", id).await?;
    tx.commit().await?;
    Ok(Some(base_version + 1))
}

async fn write_terms(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    c: &ExperienceContent,
) -> anyhow::Result<()> {
    for (vocabulary, codes) in [
        ("theme", &c.themes),
        ("actor", &c.actor_types),
        ("modality", &c.modalities),
    ] {
        for code in codes {
            sqlx::query(
                "INSERT INTO experience_terms (experience_id, term_id) \
                 SELECT $1, id FROM terms WHERE vocabulary = $2 AND code = $3",
            )
            .bind(id)
            .bind(vocabulary)
            .bind(code)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

async fn write_revision(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    number: i64,
    author: i64,
    c: &ExperienceContent,
    note: &str,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO revisions (experience_id, number, author_id, note, content, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id)
        .bind(number)
        .bind(author)
        .bind(note)
        .bind(serde_json::to_string(c)?)
        .bind(crate::now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_state(db: &Db, id: i64, state: State) -> anyhow::Result<()> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "UPDATE experiences SET state = $1, updated_at = $2, \
         published_at = CASE WHEN $1 = 'published' AND published_at IS NULL THEN $2 ELSE published_at END WHERE id = $3",
    )
    .bind(state.as_str())
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    crate::db::record_change(&mut tx, "experience", id).await?;
    tx.commit().await?;
    Ok(())
}

const SUMMARY_COLUMNS: &str =
    "e.id, e.title, e.summary, e.country_code, e.place, e.state, e.status, e.updated_at";

pub async fn list_published(
    db: &Db,
    page: i64,
    per_page: i64,
) -> anyhow::Result<(Vec<Summary>, i64)> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM experiences e WHERE e.state = 'published' \
         ORDER BY e.updated_at DESC, e.id DESC LIMIT $1 OFFSET $2"
    );
    let rows = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(per_page)
        .bind((page - 1).max(0) * per_page)
        .fetch_all(&db.pool)
        .await?;
    let (total,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM experiences WHERE state = 'published'")
            .fetch_one(&db.pool)
            .await?;
    Ok((rows, total))
}

pub async fn list_for_editor(db: &Db, user_id: i64) -> anyhow::Result<Vec<Summary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM experiences e WHERE e.owner_id = $1 \
         OR e.id IN (SELECT experience_id FROM coeditors WHERE user_id = $1) ORDER BY e.updated_at DESC"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(user_id)
        .fetch_all(&db.pool)
        .await?)
}

/// (published sheets, countries with published sheets)
pub async fn published_counts(db: &Db) -> anyhow::Result<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT country_code) FROM experiences WHERE state = 'published'",
    )
    .fetch_one(&db.pool)
    .await?)
}

const REVISION_COLUMNS: &str = "r.number, u.name AS author_name, r.note, r.content, r.created_at";

pub async fn revisions(db: &Db, id: i64) -> anyhow::Result<Vec<Revision>> {
    let sql = format!(
        "SELECT {REVISION_COLUMNS} FROM revisions r JOIN users u ON u.id = r.author_id \
         WHERE r.experience_id = $1 ORDER BY r.number DESC"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_all(&db.pool)
        .await?)
}

pub async fn revision(db: &Db, id: i64, number: i64) -> anyhow::Result<Option<Revision>> {
    let sql = format!(
        "SELECT {REVISION_COLUMNS} FROM revisions r JOIN users u ON u.id = r.author_id \
         WHERE r.experience_id = $1 AND r.number = $2"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .bind(number)
        .fetch_optional(&db.pool)
        .await?)
}

/// (user id, name, e-mail) of each co-editor.
pub async fn coeditors(db: &Db, id: i64) -> anyhow::Result<Vec<(i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.name, u.email FROM coeditors c JOIN users u ON u.id = c.user_id WHERE c.experience_id = $1 ORDER BY u.name",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn remove_coeditor(db: &Db, id: i64, user_id: i64) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM coeditors WHERE experience_id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn create_invitation(
    db: &Db,
    id: i64,
    email: &str,
    token_hash: &str,
    invited_by: i64,
    mail: &crate::mail::Mail,
) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("INSERT INTO invitations (token_hash, experience_id, email, invited_by, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(token_hash)
        .bind(id)
        .bind(email)
        .bind(invited_by)
        .bind(crate::now())
        .execute(&mut *tx)
        .await?;
    crate::jobs::enqueue_mail(&mut tx, mail).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes `user_id` a co-editor of sheet `id` directly (demonstration data).
pub async fn add_coeditor(db: &Db, id: i64, user_id: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO coeditors (experience_id, user_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (experience_id, user_id) DO NOTHING",
    )
    .bind(id)
    .bind(user_id)
    .bind(crate::now())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The address an open (unaccepted, unexpired) invitation was sent to.
pub async fn invitation_email(db: &Db, token_hash: &str) -> anyhow::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT email FROM invitations WHERE token_hash = $1 AND accepted_at IS NULL AND created_at > $2",
    )
    .bind(token_hash)
    .bind(crate::now() - 30 * 86400)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|r| r.0))
}

/// Accepts an open invitation (valid 30 days) for `user_id`; returns the sheet id.
pub async fn accept_invitation(
    db: &Db,
    token_hash: &str,
    user_id: i64,
) -> anyhow::Result<Option<i64>> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let row: Option<(i64,)> = sqlx::query_as(
        "UPDATE invitations SET accepted_at = $2 WHERE token_hash = $1 AND accepted_at IS NULL AND created_at > $3 \
         RETURNING experience_id",
    )
    .bind(token_hash)
    .bind(now)
    .bind(now - 30 * 86400)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((id,)) = row {
        sqlx::query(
            "INSERT INTO coeditors (experience_id, user_id, created_at) SELECT $1, $2, $3 \
             WHERE NOT EXISTS (SELECT 1 FROM experiences WHERE id = $1 AND owner_id = $2) \
             ON CONFLICT (experience_id, user_id) DO NOTHING",
        )
        .bind(id)
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(row.map(|r| r.0))
}

pub async fn add_attachment(
    db: &Db,
    id: i64,
    file_name: &str,
    content_type: &str,
    size: i64,
    key: &str,
    by: i64,
) -> anyhow::Result<i64> {
    let (aid,): (i64,) = sqlx::query_as(
        "INSERT INTO attachments (experience_id, file_name, content_type, size_bytes, storage_key, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(id)
    .bind(file_name)
    .bind(content_type)
    .bind(size)
    .bind(key)
    .bind(by)
    .bind(crate::now())
    .fetch_one(&db.pool)
    .await?;
    Ok(aid)
}

const ATTACHMENT_COLUMNS: &str =
    "id, experience_id, file_name, content_type, size_bytes, storage_key";

pub async fn attachments(db: &Db, id: i64) -> anyhow::Result<Vec<Attachment>> {
    let sql = format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM attachments WHERE experience_id = $1 ORDER BY id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_all(&db.pool)
        .await?)
}

pub async fn attachment(
    db: &Db,
    id: i64,
    attachment_id: i64,
) -> anyhow::Result<Option<Attachment>> {
    let sql = format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM attachments WHERE experience_id = $1 AND id = $2"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .bind(attachment_id)
        .fetch_optional(&db.pool)
        .await?)
}

/// Deletes an attachment's row; returns its storage key so the file can go too.
pub async fn delete_attachment(
    db: &Db,
    id: i64,
    attachment_id: i64,
) -> anyhow::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as(
        "DELETE FROM attachments WHERE experience_id = $1 AND id = $2 RETURNING storage_key",
    )
    .bind(id)
    .bind(attachment_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|r| r.0))
}

/// Bytes of attachments a person has uploaded (their quota counts these).
pub async fn uploaded_bytes(db: &Db, user_id: i64) -> anyhow::Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM attachments WHERE uploaded_by = $1",
    )
    .bind(user_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(n)
}

record! {
    /// A published sheet with coordinates, for the map.
    pub struct MapPoint {
        pub id: i64,
        pub title: String,
        pub country_code: String,
        pub latitude: f64,
        pub longitude: f64,
    }
}

pub async fn published_points(db: &Db) -> anyhow::Result<Vec<MapPoint>> {
    Ok(sqlx::query_as(
        "SELECT id, title, country_code, latitude, longitude FROM experiences \
         WHERE state = 'published' AND latitude IS NOT NULL AND longitude IS NOT NULL ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?)
}
