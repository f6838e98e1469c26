//! SQL for `countries` and `terms`.

use super::{Country, Names, Term};
use crate::db::Db;
use crate::record;

record! {
    pub struct CountryRow { pub code: String, pub name_es: String, pub name_pt: String, pub name_en: String }
}
record! {
    pub struct TermRow { pub id: i64, pub vocabulary: String, pub code: String, pub name_es: String, pub name_pt: String, pub name_en: String, pub retired_at: Option<i64> }
}

pub async fn countries(db: &Db) -> anyhow::Result<Vec<Country>> {
    let rows: Vec<CountryRow> =
        sqlx::query_as("SELECT code, name_es, name_pt, name_en FROM countries ORDER BY code")
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| Country {
            code: r.code,
            names: Names {
                es: r.name_es,
                pt: r.name_pt,
                en: r.name_en,
            },
        })
        .collect())
}

pub async fn terms(db: &Db) -> anyhow::Result<Vec<Term>> {
    let rows: Vec<TermRow> = sqlx::query_as(
        "SELECT id, vocabulary, code, name_es, name_pt, name_en, retired_at FROM terms ORDER BY vocabulary, position, id",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Term {
            id: r.id,
            vocabulary: r.vocabulary,
            code: r.code,
            names: Names {
                es: r.name_es,
                pt: r.name_pt,
                en: r.name_en,
            },
            retired: r.retired_at.is_some(),
        })
        .collect())
}

pub async fn seed(
    db: &Db,
    countries: &[(&str, &str, &str, &str)],
    terms: &[(&str, &str, &str, &str, &str)],
) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
    for (code, es, pt, en) in countries {
        crate::db::query(
            "INSERT INTO countries (code, name_es, name_pt, name_en) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING",
            (*code, *es, *pt, *en),
        )
        .execute(&mut *tx)
        .await?;
    }
    for (position, (vocabulary, code, es, pt, en)) in terms.iter().enumerate() {
        crate::db::query(
            "INSERT INTO terms (vocabulary, code, name_es, name_pt, name_en, position) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (vocabulary, code) DO NOTHING",
            (*vocabulary, *code, *es, *pt, *en, position as i64),
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
