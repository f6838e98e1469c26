//! The catalogue: full-text search (tantivy) with facets and three orderings, kept current on
//! every instance from the database's change log; related and complementary sheets; page-view
//! counters for "por descubrir". The database is the truth: the index is derived, rebuilt at
//! start-up and by `ayni reindex`. Owns tables `change_log` (reads) and `experience_views`.

pub mod figures;
mod index;
pub mod open_data;
mod related;
pub mod routes;
mod search;
pub(crate) mod store;
mod views;

use crate::db::Db;
use crate::experiences::{self, Experience};
use index::{Fields, GROUPS, LANGS};
use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Searcher, Term};

pub use store::record_view;

/// Asks every instance to rebuild its index from scratch (after `ayni reindex` or a restore).
pub async fn request_rebuild(db: &Db) -> anyhow::Result<()> {
    let mut conn = db.pool.acquire().await?;
    crate::db::record_change(&mut conn, "reindex", 0).await
}

/// The facet dimensions, as named in URLs (`?pais=BO&tema=turismo`).
pub const DIMENSIONS: [&str; 10] = [
    "pais",
    "tema",
    "actor",
    "estado",
    "modalidad",
    "escala",
    "intercambio",
    "cooperacion",
    "convocatoria",
    "aprendizajes",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (the default with words to search).
    #[default]
    Relevance,
    /// Most recently updated first (the default without words).
    Recent,
    /// Least visible first: few views, small territory, few people behind it.
    Discover,
}

impl Sort {
    /// Without a choice: best match first when there are words, most recent otherwise.
    pub fn default_for(q: &str) -> Sort {
        if q.trim().is_empty() {
            Sort::Recent
        } else {
            Sort::Relevance
        }
    }
    pub fn parse(s: &str) -> Option<Sort> {
        match s {
            "relevancia" => Some(Sort::Relevance),
            "recientes" => Some(Sort::Recent),
            "por-descubrir" => Some(Sort::Discover),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Sort::Relevance => "relevancia",
            Sort::Recent => "recientes",
            Sort::Discover => "por-descubrir",
        }
    }
}

/// A catalogue request: words, filters (dimension → values; values of one dimension are
/// alternatives, dimensions combine), ordering, page.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub q: String,
    pub filters: BTreeMap<&'static str, Vec<String>>,
    pub sort: Sort,
    pub page: usize,
    pub per_page: usize,
}

impl SearchRequest {
    /// The request without the filter values its dimension cannot hold (a hand-edited or
    /// stale address): they are neither searched for nor shown as applied filters. Every
    /// view of the catalogue applies it: the list, the figures, the map and open data.
    pub fn known_only(mut self, taxonomy: &crate::taxonomy::Taxonomy) -> SearchRequest {
        for (dimension, values) in self.filters.iter_mut() {
            values.retain(|v| known_value(taxonomy, dimension, v));
        }
        self.filters.retain(|_, values| !values.is_empty());
        self
    }
}

/// Whether a facet `value` is one `dimension` can hold (the codes `index::document` writes).
pub fn known_value(taxonomy: &crate::taxonomy::Taxonomy, dimension: &str, value: &str) -> bool {
    match dimension {
        "pais" => taxonomy.country(value).is_some(),
        "tema" => taxonomy.term("theme", value).is_some(),
        "actor" => taxonomy.term("actor", value).is_some(),
        "modalidad" => taxonomy.term("modality", value).is_some(),
        "escala" => taxonomy.term("scale", value).is_some(),
        "estado" => matches!(value, "ongoing" | "finished"),
        "intercambio" => matches!(value, "ofrece" | "busca"),
        "cooperacion" => crate::connections::Cooperation::parse(value).is_some(),
        "convocatoria" => value.parse::<i64>().is_ok_and(|id| id > 0),
        "aprendizajes" => value == "si",
        _ => false,
    }
}

/// dimension → (value, count), largest first.
pub type FacetCounts = BTreeMap<&'static str, Vec<(String, u64)>>;

#[derive(Clone)]
pub struct SearchResults {
    pub ids: Vec<i64>,
    pub total: usize,
    /// dimension → (value, count) for the current request, largest first.
    pub facets: FacetCounts,
    /// id → highlighted snippet (escaped HTML with `<b>`), for searches with words.
    pub snippets: BTreeMap<i64, String>,
    /// No sheet had every word: these results have any of them (the page says so).
    pub any_word: bool,
}

pub struct Catalogue {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    last_change: AtomicI64,
    sync: tokio::sync::Mutex<()>,
    /// Bumped at every commit: cached answers from an older generation are stale.
    generation: std::sync::atomic::AtomicU64,
    /// Recent searches by request, valid for one generation of the index.
    cache: Mutex<std::collections::HashMap<String, (u64, Arc<SearchResults>)>>,
    /// Related / learn-from / share-with ids by sheet, valid for one generation.
    linked: Mutex<std::collections::HashMap<i64, (u64, Linked)>>,
    /// Parts of pages derived from the whole catalogue (the map), valid for one generation.
    parts: Mutex<std::collections::HashMap<String, (u64, Part)>>,
    /// Page views by sheet, refreshed by `follow` (views never rewrite the index).
    views: std::sync::RwLock<Arc<std::collections::HashMap<i64, i64>>>,
}

/// How far a word may stray from what was typed: the exact (stemmed, accent-folded) word,
/// also as a prefix, also with one typo. Each step costs more, so it is tried only when the
/// previous one finds too little.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Widen {
    Exact,
    Prefix,
    Typos,
}

/// A cached piece of a page, of any type.
type Part = Arc<dyn std::any::Any + Send + Sync>;

/// (related, can learn from, can share with)
pub type Linked = (Vec<i64>, Vec<i64>, Vec<i64>);

const CACHE_ENTRIES: usize = 2000;

/// Words never searched for: Spanish, Portuguese and English connectives, and the search
/// operators people type out of habit (AND, OR, NOT), which would otherwise be looked for as
/// words, find nothing, and widen the search to any word.
const STOP_WORDS: &[&str] = &[
    "de", "la", "el", "los", "las", "del", "y", "e", "en", "a", "o", "un", "una", "por", "para",
    "con", "que", "se", "al", "do", "da", "dos", "das", "no", "na", "nos", "nas", "com", "um",
    "uma", "os", "as", "and", "or", "not", "the", "of", "in", "to", "for",
];

impl Catalogue {
    pub fn new() -> anyhow::Result<Catalogue> {
        let (index, fields) = index::create();
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        let writer = index.writer(50_000_000)?;
        Ok(Catalogue {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
            last_change: AtomicI64::new(0),
            sync: tokio::sync::Mutex::new(()),
            generation: std::sync::atomic::AtomicU64::new(0),
            cache: Mutex::new(std::collections::HashMap::new()),
            linked: Mutex::new(std::collections::HashMap::new()),
            parts: Mutex::new(std::collections::HashMap::new()),
            views: std::sync::RwLock::default(),
        })
    }

    /// Rebuilds the index from the database. `progress(done)` is called after each batch.
    pub async fn rebuild(&self, db: &Db, mut progress: impl FnMut(usize)) -> anyhow::Result<usize> {
        let _guard = self.sync.lock().await;
        // changes made while rebuilding are replayed by the next catch-up
        let start = store::last_change_id(db).await?;
        self.writer()?.delete_all_documents()?;
        let (mut after, mut done) = (0, 0);
        loop {
            let ids = experiences::published_ids_after(db, after, 500).await?;
            let Some(last) = ids.last().copied() else {
                break;
            };
            after = last;
            done += self.index_sheets(db, &ids).await?;
            progress(done);
        }
        self.commit()?;
        self.last_change.store(start, Ordering::SeqCst);
        self.refresh_views(db).await?;
        Ok(done)
    }

    fn writer(&self) -> anyhow::Result<std::sync::MutexGuard<'_, IndexWriter>> {
        self.writer
            .lock()
            .map_err(|_| anyhow::anyhow!("index writer poisoned"))
    }

    /// Writes the documents of these sheets, those that are published (the others, and any
    /// earlier document of these sheets, were deleted by the caller). Returns how many.
    async fn index_sheets(&self, db: &Db, ids: &[i64]) -> anyhow::Result<usize> {
        let sheets = experiences::load_many(db, ids).await?;
        let mut extras = index::Extras::of(db, ids).await?;
        let w = self.writer()?;
        let published = sheets
            .iter()
            .filter(|e| e.state == experiences::State::Published);
        let mut n = 0;
        for e in published {
            let extra = extras.remove(&e.id).unwrap_or_default();
            w.add_document(index::document(&self.fields, e, &extra))?;
            n += 1;
        }
        Ok(n)
    }

    fn commit(&self) -> anyhow::Result<()> {
        self.writer()?.commit()?;
        self.reader.reload()?;
        self.generation.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    /// Changes whenever the index does; answers derived from it are cached per generation.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Applies the changes logged since the last call. Returns how many sheets were updated.
    pub async fn catch_up(&self, db: &Db) -> anyhow::Result<usize> {
        let _guard = self.sync.lock().await;
        let since = self.last_change.load(Ordering::SeqCst);
        let changes = store::changes_after(db, since, 1000).await?;
        let Some(last) = changes.iter().map(|c| c.0).max() else {
            return Ok(0);
        };
        if changes.iter().any(|c| c.1 == "reindex") {
            drop(_guard);
            return self.rebuild(db, |_| {}).await;
        }
        let ids: Vec<i64> = changes
            .iter()
            .filter(|c| c.1 == "experience")
            .map(|c| c.2)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        {
            let w = self.writer()?;
            for id in &ids {
                w.delete_term(Term::from_field_i64(self.fields.id, *id));
            }
        }
        self.index_sheets(db, &ids).await?;
        self.commit()?;
        self.last_change.store(last, Ordering::SeqCst);
        Ok(ids.len())
    }

    /// Keeps this instance's index current: polls the change log every second, and re-reads
    /// page views (for "por descubrir") every minute.
    pub fn follow(self: &Arc<Self>, db: Db) {
        let me = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
            let mut ticks: u64 = 0;
            loop {
                tick.tick().await;
                if let Err(e) = me.catch_up(&db).await {
                    tracing::error!(error = ?e, "search index catch-up failed");
                }
                if ticks.is_multiple_of(60)
                    && let Err(e) = me.refresh_views(&db).await
                {
                    tracing::error!(error = ?e, "reading page views failed");
                }
                ticks += 1;
            }
        });
    }

    /// Re-reads page views; answers ordered by them are recomputed when they changed.
    pub async fn refresh_views(&self, db: &Db) -> anyhow::Result<()> {
        let fresh = store::all_views(db).await?;
        let changed = self.views.read().map(|v| **v != fresh).unwrap_or(true);
        if changed {
            if let Ok(mut v) = self.views.write() {
                *v = Arc::new(fresh);
            }
            self.generation.fetch_add(1, Ordering::SeqCst);
        }
        Ok(())
    }
}
