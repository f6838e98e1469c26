//! Administrators edit the vocabularies: add a term, rename it (es/pt/en), retire it (it stays
//! on the sheets that have it; nobody can pick it anew), bring it back, or merge it into
//! another term (every sheet, person and offer moves; the merged term stays, retired, pointing
//! at the other one). Each change asks the catalogue to rebuild (facets and labels follow).

use super::VOCABULARIES;
use crate::db::Db;
use crate::refusal::Refusal;
use crate::web::FieldErrors;
use serde::Deserialize;

/// A term as typed in the admin form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TermForm {
    pub vocabulary: String,
    pub code: String,
    pub name_es: String,
    pub name_pt: String,
    pub name_en: String,
}

pub struct TermDraft {
    pub vocabulary: &'static str,
    pub code: String,
    pub names: [String; 3],
}

impl TermForm {
    /// `new`: the code is checked too (renaming keeps it).
    pub fn parse(&self, new: bool) -> Result<TermDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let vocabulary = VOCABULARIES.iter().find(|v| **v == self.vocabulary);
        if vocabulary.is_none() {
            errors.add("vocabulary", "error-choice-unknown");
        }
        let code = self.code.trim().to_string();
        let code_ok = code.chars().any(|c| c.is_ascii_lowercase())
            && code.len() <= 60
            && code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if new && !code_ok {
            errors.add("code", "error-term-code");
        }
        let mut names: [String; 3] = Default::default();
        for (i, (field, value)) in [
            ("name_es", &self.name_es),
            ("name_pt", &self.name_pt),
            ("name_en", &self.name_en),
        ]
        .into_iter()
        .enumerate()
        {
            names[i] = crate::web::form::bounded(&mut errors, field, value, 200);
            if crate::web::form::is_blank(&names[i]) {
                errors.add(field, "error-required");
            }
        }
        match vocabulary {
            Some(v) if errors.is_empty() => Ok(TermDraft {
                vocabulary: v,
                code,
                names,
            }),
            _ => Err(errors),
        }
    }
}

/// Two terms of one list with the same name show twice in every filter and checkbox list:
/// the first name (field) that another term of the list, merged ones aside, already has.
async fn name_taken(
    db: &Db,
    vocabulary: &str,
    except: i64,
    names: &[String; 3],
) -> anyhow::Result<Option<&'static str>> {
    let others: Vec<(i64, String, String, String)> = db.all(
        "SELECT id, name_es, name_pt, name_en FROM terms WHERE vocabulary = $1 AND merged_into IS NULL",
        (vocabulary,),
    ).await?;
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    for (_, es, pt, en) in others.iter().filter(|o| o.0 != except) {
        for (field, mine, theirs) in [
            ("name_es", &names[0], es),
            ("name_pt", &names[1], pt),
            ("name_en", &names[2], en),
        ] {
            if same(mine, theirs) {
                return Ok(Some(field));
            }
        }
    }
    Ok(None)
}

/// Adds a term (`actor`: the admin, for the audit log).
pub async fn add(db: &Db, actor: i64, d: &TermDraft) -> Result<(), Refusal> {
    if let Some(field) = name_taken(db, d.vocabulary, 0, &d.names).await? {
        return Err(Refusal::Field(field, "error-term-name-taken"));
    }
    let mut tx = db.pool.begin().await?;
    let (position,): (i64,) = crate::db::query_as(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM terms WHERE vocabulary = $1",
        (d.vocabulary,),
    )
    .fetch_one(&mut *tx)
    .await?;
    let added = crate::db::query(
        "INSERT INTO terms (vocabulary, code, name_es, name_pt, name_en, position) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (vocabulary, code) DO NOTHING",
        (d.vocabulary, &d.code, &d.names[0], &d.names[1], &d.names[2], position),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if added == 0 {
        return Err(Refusal::Field("code", "error-term-exists"));
    }
    let detail = format!("{}: {}", d.vocabulary, d.code);
    done(tx, actor, "taxonomy", &detail).await?;
    Ok(())
}

/// Ends an edit: every instance is told (`feed`: "taxonomy" to read the terms again, each
/// keeps a copy for a minute; "reindex" when indexed names changed), the audit log has its
/// entry, and all of it is committed with the edit.
async fn done(
    mut tx: sqlx::Transaction<'_, sqlx::Any>,
    actor: i64,
    feed: &str,
    detail: &str,
) -> anyhow::Result<()> {
    crate::db::record_change(&mut tx, feed, 0).await?;
    crate::admin::audit(&mut tx, Some(actor), "taxonomy", None, detail).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn rename(db: &Db, actor: i64, id: i64, d: &TermDraft) -> Result<(), Refusal> {
    let (vocabulary, code) = find(db, id)
        .await?
        .ok_or(Refusal::Invalid("error-not-found"))?;
    if let Some(field) = name_taken(db, &vocabulary, id, &d.names).await? {
        return Err(Refusal::Field(field, "error-term-name-taken"));
    }
    let mut tx = db.pool.begin().await?;
    crate::db::query(
        "UPDATE terms SET name_es = $1, name_pt = $2, name_en = $3 WHERE id = $4",
        (&d.names[0], &d.names[1], &d.names[2], id),
    )
    .execute(&mut *tx)
    .await?;
    let detail = format!("{code}: {} / {} / {}", d.names[0], d.names[1], d.names[2]);
    done(tx, actor, "reindex", &detail).await?;
    Ok(())
}

/// Retires a term or offers it again. A merged term stays retired (refused); one already
/// as asked is left alone, and nothing is logged.
pub async fn set_retired(db: &Db, actor: i64, id: i64, retired: bool) -> Result<(), Refusal> {
    let Some((_, code)) = find(db, id).await? else {
        return Err(Refusal::Invalid("error-not-found"));
    };
    let mut tx = db.pool.begin().await?;
    let changed = crate::db::query(
        "UPDATE terms SET retired_at = $1 WHERE id = $2 AND merged_into IS NULL \
         AND ((retired_at IS NULL AND $3 = 1) OR (retired_at IS NOT NULL AND $3 = 0))",
        (retired.then(crate::now), id, retired as i64),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed > 0 {
        let action = if retired { "retire" } else { "restore" };
        done(tx, actor, "taxonomy", &format!("{action} {code}")).await?;
        return Ok(());
    }
    let merged: Option<(Option<i64>,)> =
        crate::db::query_as("SELECT merged_into FROM terms WHERE id = $1", (id,))
            .fetch_optional(&mut *tx)
            .await?;
    match merged {
        Some((Some(_),)) => Err(Refusal::Invalid("error-term-merged")),
        _ => Ok(()),
    }
}

/// (vocabulary, code) of a term.
pub async fn find(db: &Db, id: i64) -> anyhow::Result<Option<(String, String)>> {
    db.optional("SELECT vocabulary, code FROM terms WHERE id = $1", (id,))
        .await
}

/// How many sheets carry each term (by id).
pub async fn usage(db: &Db) -> anyhow::Result<std::collections::HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT term_id, COUNT(*) FROM experience_terms GROUP BY term_id")
            .fetch_all(&db.pool)
            .await?;
    Ok(rows.into_iter().collect())
}

/// Merges term `from` into `into` (same vocabulary, `into` still offered): every use moves;
/// `from` stays, retired and pointing at `into`, so old revisions and links that name it
/// resolve to `into` and its code is never given to another term. Returns how many sheets
/// and people moved.
pub async fn merge(db: &Db, actor: i64, from: i64, into: i64) -> Result<u64, Refusal> {
    let (Some((va, code_from)), Some((vb, code_into))) =
        (find(db, from).await?, find(db, into).await?)
    else {
        return Err(Refusal::Field("into", "error-choice-unknown"));
    };
    if va != vb || from == into {
        return Err(Refusal::Field("into", "error-term-merge"));
    }
    let mut tx = db.pool.begin().await?;
    // the write first, and conditional: two admins merging at once (even both ways) cannot
    // both succeed, and nothing merges into a retired term
    let claimed = crate::db::query(
        "UPDATE terms SET merged_into = $2, retired_at = COALESCE(retired_at, $3) \
         WHERE id = $1 AND merged_into IS NULL \
         AND EXISTS (SELECT 1 FROM terms i WHERE i.id = $2 AND i.retired_at IS NULL AND i.merged_into IS NULL)",
        (from, into, crate::now()),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Err(Refusal::Field("into", "error-term-merge-retired"));
    }
    let mut moved = crate::db::query(
        "INSERT INTO experience_terms (experience_id, term_id) \
         SELECT experience_id, $2 FROM experience_terms WHERE term_id = $1 \
         ON CONFLICT (experience_id, term_id) DO NOTHING",
        (from, into),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    crate::db::query("DELETE FROM experience_terms WHERE term_id = $1", (from,))
        .execute(&mut *tx)
        .await?;
    // codes kept as text elsewhere follow
    let text_uses: &[&str] = match va.as_str() {
        "actor" => &["UPDATE users SET actor_type = $2 WHERE actor_type = $1"],
        "scale" => &["UPDATE experiences SET scale = $2 WHERE scale = $1"],
        "theme" => &["UPDATE sheet_offers SET theme = $2 WHERE theme = $1"],
        _ => &[],
    };
    for sql in text_uses {
        moved += crate::db::query(*sql, (&code_from, &code_into))
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    let detail = format!("{code_from} → {into} ({moved})");
    done(tx, actor, "reindex", &detail).await?;
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_term_form_is_bounded_or_refused(
            vocabulary in "\\PC{0,10}",
            code in "\\PC{0,80}",
            es in "\\PC{0,250}",
            pt in "\\PC{0,250}",
            en in "\\PC{0,250}",
        ) {
            let form = TermForm { vocabulary, code, name_es: es, name_pt: pt, name_en: en };
            if let Ok(d) = form.parse(true) {
                prop_assert!(VOCABULARIES.contains(&d.vocabulary));
                prop_assert!(d.code.len() <= 60 && d.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
                prop_assert!(d.names.iter().all(|n| !n.trim().is_empty() && n.chars().count() <= 200));
            }
        }
    }
}
