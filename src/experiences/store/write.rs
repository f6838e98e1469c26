//! Writing sheets: content columns, revisions, terms and the publication state, each in one transaction.

use super::*;

pub(super) fn from_row(
    SheetRow { row: r, narrative }: SheetRow,
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
        narrative,
        contact_name: r.contact_name,
        contact_email: r.contact_email,
        links: r.links.lines().map(str::to_string).collect(),
    };
    Experience {
        id: r.id,
        owner_id: r.owner_id,
        owner_name: r.owner_name,
        state: r.state,
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
pub(super) fn bind_content<'q>(
    q: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments>,
    c: &'q ExperienceContent,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments> {
    let q = q
        .bind(&c.language)
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
        .bind(&c.partners);
    let q = Section::ALL
        .iter()
        .fold(q, |q, s| q.bind(c.narrative.get(*s)));
    q.bind(&c.contact_name)
        .bind(&c.contact_email)
        .bind(c.links.join("\n"))
}

/// The parameter for a content column. Coordinates travel as text and are cast in SQL:
/// sqlx 0.9's Any driver declares a NULL `f64` as `float4` on PostgreSQL, which breaks the
/// cached statement when a later row binds a real `f64`.
pub(super) fn param(column: &str, n: usize) -> String {
    if column == "latitude" || column == "longitude" {
        format!("CAST(${n} AS DOUBLE PRECISION)")
    } else {
        format!("${n}")
    }
}

/// The content columns, in binding order: facts, the narrative sections (from their
/// table), contact and links.
pub(super) fn content_columns() -> Vec<&'static str> {
    let head = [
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
    ];
    let sections = Section::ALL.iter().map(|s| s.code());
    head.into_iter()
        .chain(sections)
        .chain(["contact_name", "contact_email", "links"])
        .collect()
}

pub async fn insert(
    db: &Db,
    owner: i64,
    c: &ExperienceContent,
    demo_key: Option<&str>,
) -> anyhow::Result<i64> {
    let now = crate::now();
    let columns = content_columns();
    let n = columns.len();
    let placeholders: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, col)| param(col, i + 1))
        .chain((n + 1..=n + 4).map(|i| format!("${i}")))
        .collect();
    let sql = format!(
        "INSERT INTO experiences ({}, owner_id, demo_key, created_at, updated_at) VALUES ({}) RETURNING id",
        columns.join(", "),
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
    let columns = content_columns();
    let n = columns.len();
    let sets: Vec<String> = columns
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
    crate::db::query(
        "DELETE FROM experience_terms WHERE experience_id = $1",
        (id,),
    )
    .execute(&mut *tx)
    .await?;
    write_terms(&mut tx, id, c).await?;
    write_revision(&mut tx, id, base_version + 1, author, c, note).await?;
    crate::db::record_change(&mut tx, "experience", id).await?;
    tx.commit().await?;
    Ok(Some(base_version + 1))
}

pub(super) async fn write_terms(
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
            // a term merged into another one (an old revision, an old link) means that one
            crate::db::query(
                "INSERT INTO experience_terms (experience_id, term_id) \
                 SELECT $1, COALESCE(merged_into, id) FROM terms WHERE vocabulary = $2 AND code = $3 \
                 ON CONFLICT (experience_id, term_id) DO NOTHING",
                (id, vocabulary, code),
            )
            .execute(&mut **tx)
            .await?;
        }
    }
    crate::db::query(
        "UPDATE experiences SET scale = (SELECT m.code FROM terms t JOIN terms m ON m.id = t.merged_into \
         WHERE t.vocabulary = 'scale' AND t.code = experiences.scale) \
         WHERE id = $1 AND EXISTS (SELECT 1 FROM terms t WHERE t.vocabulary = 'scale' \
         AND t.code = experiences.scale AND t.merged_into IS NOT NULL)",
        (id,),
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(super) async fn write_revision(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    number: i64,
    author: i64,
    c: &ExperienceContent,
    note: &str,
) -> anyhow::Result<()> {
    crate::db::query("INSERT INTO revisions (experience_id, number, author_id, note, content, created_at) VALUES ($1, $2, $3, $4, $5, $6)", (id, number, author, note, serde_json::to_string(c)?, crate::now()))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_state(db: &Db, id: i64, state: State) -> anyhow::Result<()> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    crate::db::query(
        "UPDATE experiences SET state = $1, updated_at = $2, \
         published_at = CASE WHEN $1 = 'published' AND published_at IS NULL THEN $2 ELSE published_at END WHERE id = $3",
        (state, now, id),
    )
    .execute(&mut *tx)
    .await?;
    crate::db::record_change(&mut tx, "experience", id).await?;
    tx.commit().await?;
    Ok(())
}
