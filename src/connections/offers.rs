//! Offers and needs on a sheet ("qué podemos compartir / qué buscamos aprender"), the
//! cooperation a sheet seeks, and the matching of one sheet's needs with others' offers.
//! Every change is logged for the catalogue (they are searchable and are facets).

use super::{Cooperation, Direction};
use crate::db::Db;
use crate::experiences::Section;
use crate::record;
use crate::refusal::Refusal;
use crate::web::FieldErrors;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// Most items a sheet may list in each direction.
pub const MAX_PER_DIRECTION: i64 = 8;
pub const BODY_MAX: usize = 300;

record! {
    pub struct Offer {
        pub id: i64,
        pub experience_id: i64,
        pub direction: Direction,
        pub theme: String,
        pub body: String,
        pub section: String,
    }
}

impl Offer {
    pub fn section(&self) -> Option<Section> {
        Section::parse(&self.section)
    }
}

/// The add form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OfferForm {
    pub direction: String,
    pub theme: String,
    pub body: String,
    pub section: String,
}

/// A valid item to add.
pub struct OfferDraft {
    pub direction: Direction,
    pub theme: String,
    pub body: String,
    pub section: Option<Section>,
}

impl OfferForm {
    /// `themes`: the theme codes that exist.
    pub fn parse(&self, themes: &[String]) -> Result<OfferDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let direction = Direction::parse(&self.direction);
        if direction.is_none() {
            errors.add("direction", "error-choice-unknown");
        }
        if !themes.contains(&self.theme) {
            errors.add("theme", "error-choose-one");
        }
        let body = crate::web::form::bounded(&mut errors, "body", &self.body, BODY_MAX);
        if crate::web::form::is_blank(&body) {
            errors.add("body", "error-required");
        }
        let section = match self.section.as_str() {
            "" => None,
            code => {
                let s = Section::parse(code);
                if s.is_none() {
                    errors.add("section", "error-choice-unknown");
                }
                s
            }
        };
        match direction {
            Some(direction) if errors.is_empty() => Ok(OfferDraft {
                direction,
                theme: self.theme.clone(),
                body,
                section,
            }),
            _ => Err(errors),
        }
    }
}

pub async fn list(db: &Db, experience: i64) -> anyhow::Result<Vec<Offer>> {
    db.all(
        "SELECT id, experience_id, direction, theme, body, section FROM sheet_offers \
         WHERE experience_id = $1 ORDER BY direction, id",
        (experience,),
    )
    .await
}

/// Offers and needs of many sheets at once, by sheet.
pub async fn by_sheet(db: &Db, ids: &[i64]) -> anyhow::Result<HashMap<i64, Vec<Offer>>> {
    let mut out: HashMap<i64, Vec<Offer>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT id, experience_id, direction, theme, body, section FROM sheet_offers \
         WHERE experience_id IN ({}) ORDER BY id",
        crate::db::placeholders(1, ids.len())
    );
    let mut q = sqlx::query_as::<_, Offer>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(*id);
    }
    for o in q.fetch_all(&db.pool).await? {
        out.entry(o.experience_id).or_default().push(o);
    }
    Ok(out)
}

pub async fn add(db: &Db, experience: i64, d: &OfferDraft, now: i64) -> Result<i64, Refusal> {
    // the write comes first, so the transaction holds the write lock from its start (two
    // team members adding at once wait for each other instead of failing on SQLite)
    let mut tx = db.pool.begin().await?;
    let (id,): (i64,) = crate::db::query_as(
        "INSERT INTO sheet_offers (experience_id, direction, theme, body, section, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        (
            experience,
            d.direction,
            &d.theme,
            &d.body,
            d.section.map(|s| s.code()).unwrap_or(""),
            now,
        ),
    )
    .fetch_one(&mut *tx)
    .await?;
    let (n,): (i64,) = crate::db::query_as(
        "SELECT COUNT(*) FROM sheet_offers WHERE experience_id = $1 AND direction = $2",
        (experience, d.direction),
    )
    .fetch_one(&mut *tx)
    .await?;
    if n > MAX_PER_DIRECTION {
        return Err(Refusal::Invalid("offers-error-too-many"));
    }
    crate::db::record_change(&mut tx, "experience", experience).await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes one item of the sheet (nothing if it belongs to another sheet).
pub async fn remove(db: &Db, experience: i64, id: i64) -> anyhow::Result<bool> {
    let mut tx = db.pool.begin().await?;
    let gone = crate::db::query(
        "DELETE FROM sheet_offers WHERE id = $1 AND experience_id = $2",
        (id, experience),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected()
        > 0;
    crate::db::record_change(&mut tx, "experience", experience).await?;
    tx.commit().await?;
    Ok(gone)
}

pub async fn cooperation(db: &Db, experience: i64) -> anyhow::Result<Vec<Cooperation>> {
    Ok(cooperation_by_sheet(db, &[experience])
        .await?
        .remove(&experience)
        .unwrap_or_default())
}

pub async fn cooperation_by_sheet(
    db: &Db,
    ids: &[i64],
) -> anyhow::Result<HashMap<i64, Vec<Cooperation>>> {
    let mut out: HashMap<i64, Vec<Cooperation>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT experience_id, kind FROM sheet_cooperation WHERE experience_id IN ({}) ORDER BY kind",
        crate::db::placeholders(1, ids.len())
    );
    let mut q = sqlx::query_as::<_, (i64, Cooperation)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(*id);
    }
    for (id, kind) in q.fetch_all(&db.pool).await? {
        out.entry(id).or_default().push(kind);
    }
    Ok(out)
}

pub async fn set_cooperation(
    db: &Db,
    experience: i64,
    kinds: &[Cooperation],
) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
    crate::db::query(
        "DELETE FROM sheet_cooperation WHERE experience_id = $1",
        (experience,),
    )
    .execute(&mut *tx)
    .await?;
    for kind in kinds {
        crate::db::query(
            "INSERT INTO sheet_cooperation (experience_id, kind) VALUES ($1, $2)",
            (experience, *kind),
        )
        .execute(&mut *tx)
        .await?;
    }
    crate::db::record_change(&mut tx, "experience", experience).await?;
    tx.commit().await?;
    Ok(())
}

// ---- matching ----

/// Why a need of one sheet meets an offer of another.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchReason {
    /// Both are about this theme (its code).
    Theme(String),
    /// Their texts share these words.
    Words(Vec<String>),
}

/// A need that meets an offer, seen from `mine` (the sheet being looked at).
#[derive(Debug, Clone)]
pub struct Match {
    pub mine: Offer,
    pub theirs: Offer,
    pub reason: MatchReason,
}

/// Words that carry meaning: folded to ASCII, lower case, at least five letters, not common.
pub fn key_words(text: &str) -> HashSet<String> {
    const COMMON: &[&str] = &[
        "sobre",
        "nuestra",
        "nuestro",
        "nuestras",
        "nuestros",
        "entre",
        "desde",
        "hasta",
        "donde",
        "cuando",
        "tambien",
        "otras",
        "otros",
        "todas",
        "todos",
        "puede",
        "pueden",
        "hacer",
        "experiencia",
        "experiencias",
        "comunidad",
        "comunidades",
        "local",
        "locales",
        "sobre",
        "nossa",
        "nosso",
        "nossas",
        "nossos",
        "tambem",
        "outras",
        "outros",
        "about",
        "their",
        "other",
        "which",
        "where",
        "there",
        "these",
        "those",
        "would",
        "could",
    ];
    // letters and digits only: folding would spell a symbol out ("🫰" → its English name)
    let letters: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    crate::web::fold_for_sort(&letters)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 5 && !COMMON.contains(w))
        .take(KEY_WORDS_MAX)
        .map(str::to_string)
        .collect()
}

/// At most this many key words are read from one text (a bound whatever it holds).
const KEY_WORDS_MAX: usize = 200;

/// Why `need` meets `offer`, if it does: the same theme first, else two shared key words.
pub fn reason(need: &Offer, offer: &Offer) -> Option<MatchReason> {
    if need.theme == offer.theme {
        return Some(MatchReason::Theme(need.theme.clone()));
    }
    let a = key_words(&need.body);
    let b = key_words(&offer.body);
    let mut shared: Vec<String> = a.intersection(&b).cloned().collect();
    shared.sort();
    (shared.len() >= 2).then_some(MatchReason::Words(shared))
}

/// Items of other teams' published sheets that answer the sheet's own: offers for its needs,
/// needs for its offers (never a sheet its own team also edits: nobody exchanges with
/// themselves).
/// At most `limit` matches, one per other item.
pub async fn matches(db: &Db, experience: i64, limit: usize) -> anyhow::Result<Vec<Match>> {
    let mine = list(db, experience).await?;
    if mine.is_empty() {
        return Ok(vec![]);
    }
    let others: Vec<Offer> = db
        .all(
            "WITH team AS (SELECT owner_id AS user_id FROM experiences WHERE id = $1 \
         UNION SELECT user_id FROM coeditors WHERE experience_id = $1) \
         SELECT o.id, o.experience_id, o.direction, o.theme, o.body, o.section FROM sheet_offers o \
         JOIN experiences e ON e.id = o.experience_id \
         WHERE e.state = 'published' AND o.experience_id <> $1 \
         AND e.owner_id NOT IN (SELECT user_id FROM team) \
         AND NOT EXISTS (SELECT 1 FROM coeditors c WHERE c.experience_id = e.id \
         AND c.user_id IN (SELECT user_id FROM team)) \
         ORDER BY o.id DESC LIMIT 5000",
            (experience,),
        )
        .await?;
    let mut out = Vec::new();
    for theirs in others {
        let found = mine.iter().find_map(|m| {
            let r = match (m.direction, theirs.direction) {
                (Direction::Need, Direction::Offer) => reason(m, &theirs),
                (Direction::Offer, Direction::Need) => reason(&theirs, m),
                _ => None,
            }?;
            Some((m.clone(), r))
        });
        if let Some((m, reason)) = found {
            // a text match is the stronger reason: it goes first
            let words = matches!(reason, MatchReason::Words(_));
            let item = Match {
                mine: m,
                theirs,
                reason,
            };
            if words {
                out.insert(0, item);
            } else {
                out.push(item);
            }
        }
    }
    out.truncate(limit);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(direction: Direction, theme: &str, body: &str) -> Offer {
        Offer {
            id: 1,
            experience_id: 1,
            direction,
            theme: theme.into(),
            body: body.into(),
            section: String::new(),
        }
    }

    #[test]
    fn a_need_meets_an_offer_on_its_theme_or_its_words() {
        let need = item(
            Direction::Need,
            "agua",
            "Gestionar el riego comunitario en sequía",
        );
        let same_theme = item(Direction::Offer, "agua", "Cosecha de lluvia");
        let same_words = item(
            Direction::Offer,
            "turismo",
            "Riego comunitario por goteo en sequía",
        );
        let unrelated = item(Direction::Offer, "turismo", "Rutas de turismo rural");
        assert_eq!(
            reason(&need, &same_theme),
            Some(MatchReason::Theme("agua".into()))
        );
        assert_eq!(
            reason(&need, &same_words),
            Some(MatchReason::Words(vec![
                "comunitario".into(),
                "riego".into(),
                "sequia".into()
            ]))
        );
        assert_eq!(reason(&need, &unrelated), None);
    }

    proptest! {
        #[test]
        fn any_offer_form_is_bounded_or_refused(
            direction in "\\PC{0,10}",
            theme in "\\PC{0,12}",
            body in "\\PC{0,500}",
            section in "\\PC{0,12}",
        ) {
            let form = OfferForm { direction, theme, body, section };
            if let Ok(d) = form.parse(&["turismo".to_string()]) {
                prop_assert_eq!(d.theme.as_str(), "turismo");
                prop_assert!(d.body.chars().count() <= BODY_MAX && !d.body.trim().is_empty());
            }
        }

        #[test]
        fn key_words_are_bounded_by_the_text(text in "\\PC{0,400}") {
            let words = key_words(&text);
            prop_assert!(words.len() <= KEY_WORDS_MAX);
            prop_assert!(words.iter().all(|w| w.len() >= 5 && w.is_ascii()));
        }
    }
}
