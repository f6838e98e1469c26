//! Taxonomies as data: countries of Latin America and the Caribbean (ISO 3166 codes, names in
//! es/pt/en) and the vocabularies of terms (themes, actor types, cooperation modalities,
//! scales) seeded from the 2016 report. Owns tables `countries` and `terms`; administrators
//! will edit them later, so nothing else may hard-code a term.

pub mod bounds;
pub mod edit;
mod seed;
mod store;

use crate::db::Db;
use crate::i18n::Lang;

pub const VOCABULARIES: [&str; 4] = ["theme", "actor", "modality", "scale"];

#[derive(Debug, Clone)]
pub struct Names {
    pub es: String,
    pub pt: String,
    pub en: String,
}

impl Names {
    pub fn get(&self, lang: impl std::borrow::Borrow<Lang>) -> &str {
        match lang.borrow() {
            Lang::Es => &self.es,
            Lang::Pt => &self.pt,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Country {
    pub code: String,
    pub names: Names,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub id: i64,
    pub vocabulary: String,
    pub code: String,
    pub names: Names,
    /// Retired: stays on the sheets that have it, offered to no new choice.
    pub retired: bool,
}

/// A snapshot of all taxonomies, loaded per request (the tables are small).
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub countries: Vec<Country>,
    pub terms: Vec<Term>,
}

impl Taxonomy {
    /// A tiny taxonomy for unit tests: Bolivia, and the theme `turismo`.
    #[cfg(test)]
    pub fn for_tests() -> Taxonomy {
        let n = |s: &str| Names {
            es: s.into(),
            pt: s.into(),
            en: s.into(),
        };
        Taxonomy {
            countries: vec![Country {
                code: "BO".into(),
                names: n("Bolivia"),
            }],
            terms: vec![Term {
                id: 1,
                vocabulary: "theme".into(),
                code: "turismo".into(),
                names: n("Turismo"),
                retired: false,
            }],
        }
    }

    pub async fn load(db: &Db) -> anyhow::Result<Taxonomy> {
        Ok(Taxonomy {
            countries: store::countries(db).await?,
            terms: store::terms(db).await?,
        })
    }
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }
    pub fn country_name(&self, code: &str, lang: Lang) -> String {
        self.country(code)
            .map(|c| c.names.get(lang).to_string())
            .unwrap_or_else(|| code.to_string())
    }
    pub fn term(&self, vocabulary: &str, code: &str) -> Option<&Term> {
        self.terms
            .iter()
            .find(|t| t.vocabulary == vocabulary && t.code == code)
    }
    pub fn term_name(&self, vocabulary: &str, code: &str, lang: Lang) -> String {
        self.term(vocabulary, code)
            .map(|t| t.names.get(lang).to_string())
            .unwrap_or_else(|| code.to_string())
    }
    /// The terms people may choose (retired ones aside).
    pub fn vocabulary(&self, vocabulary: &str) -> Vec<&Term> {
        self.vocabulary_keeping(vocabulary, |_| false)
    }
    /// The terms people may choose, plus the retired ones `keep` says a form already has.
    pub fn vocabulary_keeping(&self, vocabulary: &str, keep: impl Fn(&str) -> bool) -> Vec<&Term> {
        self.terms
            .iter()
            .filter(|t| t.vocabulary == vocabulary && (!t.retired || keep(&t.code)))
            .collect()
    }
    /// Every term of a vocabulary, retired ones included (for administration).
    pub fn all_of(&self, vocabulary: &str) -> Vec<&Term> {
        self.terms
            .iter()
            .filter(|t| t.vocabulary == vocabulary)
            .collect()
    }
    /// Countries sorted by their name in `lang`.
    pub fn countries_sorted(&self, lang: impl std::borrow::Borrow<Lang>) -> Vec<&Country> {
        let lang = *lang.borrow();
        let mut v: Vec<&Country> = self.countries.iter().collect();
        v.sort_by_key(|c| crate::web::fold_for_sort(c.names.get(lang)));
        v
    }
}

/// Inserts the report's taxonomies; existing rows are left as administrators edited them.
pub async fn seed(db: &Db) -> anyhow::Result<()> {
    store::seed(db, seed::COUNTRIES, seed::TERMS).await
}
