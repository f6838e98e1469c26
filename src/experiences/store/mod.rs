//! SQL for sheets, their terms, revisions, co-editors, invitations and attachments.
//! A save writes the sheet row, its terms and a revision in one transaction, guarded by the
//! version number, so a concurrent edit can never silently overwrite another.

use crate::db::Db;
use crate::experiences::{Experience, ExperienceContent, Narrative, Section, State};
use crate::record;
use sqlx::{Any, Transaction};
use std::collections::HashMap;

mod files;
mod team;
mod write;
pub use files::*;
pub use team::*;
pub use write::*;

record! {
    pub struct ExperienceRow {
        pub id: i64,
        pub owner_id: i64,
        pub owner_name: String,
        pub state: State,
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
    /// The size in kilobytes, rounded up (a small file is "1 KB", never "0 KB").
    pub fn size_kb(&self) -> i64 {
        crate::files::kilobytes(self.size_bytes)
    }

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
    /// The content of this revision. Unreadable stored content is an error, never an empty
    /// sheet (saving over it would lose the sheet).
    pub fn parsed(&self) -> anyhow::Result<ExperienceContent> {
        serde_json::from_str(&self.content)
            .map_err(|e| anyhow::anyhow!("revision {} holds unreadable content: {e}", self.number))
    }
}

impl Summary {
    pub fn url(&self) -> String {
        crate::experiences::sheet_url(self.id, &self.title)
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
    let row: Option<(i64,)> = db
        .optional("SELECT id FROM experiences WHERE demo_key = $1", (key,))
        .await?;
    Ok(row.map(|r| r.0))
}

const COLUMNS: &str = "e.id, e.owner_id, u.name AS owner_name, e.state, e.version, e.language, e.title, e.summary, \
    e.country_code, e.place, e.latitude, e.longitude, e.scale, e.status, e.year_start, e.year_end, e.partners, \
    e.contact_name, e.contact_email, e.links, e.created_at, e.updated_at";

/// A sheet's row: its facts and its narrative sections (one column each, from their table).
pub struct SheetRow {
    pub row: ExperienceRow,
    pub narrative: Narrative,
}

impl<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> for SheetRow {
    fn from_row(row: &'r sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
        use sqlx::Row as _;
        let mut narrative = Narrative::default();
        for s in Section::ALL {
            narrative.set(*s, row.try_get::<String, _>(s.code())?);
        }
        Ok(SheetRow {
            row: <ExperienceRow as sqlx::FromRow<_>>::from_row(row)?,
            narrative,
        })
    }
}

/// The select list of a whole sheet.
fn sheet_columns() -> String {
    let sections: Vec<String> = Section::ALL
        .iter()
        .map(|s| format!("e.{}", s.code()))
        .collect();
    format!("{COLUMNS}, {}", sections.join(", "))
}

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
        "SELECT {} FROM experiences e JOIN users u ON u.id = e.owner_id WHERE e.id IN ({list})",
        sheet_columns()
    );
    let mut q = sqlx::query_as::<_, SheetRow>(sqlx::AssertSqlSafe(sql));
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
    let rows: Vec<(i64,)> = db
        .all(
            "SELECT id FROM experiences WHERE state = 'published' AND id > $1 ORDER BY id LIMIT $2",
            (after, limit),
        )
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
