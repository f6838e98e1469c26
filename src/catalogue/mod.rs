//! The catalogue: full-text search (tantivy) with facets and three orderings, kept current on
//! every instance from the database's change log; related and complementary sheets; page-view
//! counters for "por descubrir". The database is the truth: the index is derived, rebuilt at
//! start-up and by `ayni reindex`. Owns tables `change_log` (reads) and `experience_views`.

pub mod figures;
mod index;
pub mod open_data;
pub mod routes;
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
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, Searcher, Term};

pub use store::record_view;

/// Asks every instance to rebuild its index from scratch (after `ayni reindex` or a restore).
pub async fn request_rebuild(db: &Db) -> anyhow::Result<()> {
    let mut conn = db.pool.acquire().await?;
    crate::db::record_change(&mut conn, "reindex", 0).await
}

/// The facet dimensions, as named in URLs (`?pais=BO&tema=turismo`).
pub const DIMENSIONS: [&str; 8] = [
    "pais",
    "tema",
    "actor",
    "estado",
    "modalidad",
    "escala",
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

const STOP_WORDS: &[&str] = &[
    "de", "la", "el", "los", "las", "del", "y", "e", "en", "a", "o", "un", "una", "por", "para",
    "con", "que", "se", "al", "do", "da", "dos", "das", "no", "na", "nos", "nas", "com", "um",
    "uma", "os", "as",
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
        {
            let w = self
                .writer
                .lock()
                .map_err(|_| anyhow::anyhow!("index writer poisoned"))?;
            w.delete_all_documents()?;
        }
        let (mut after, mut done) = (0, 0);
        loop {
            let ids = experiences::published_ids_after(db, after, 500).await?;
            let Some(last) = ids.last().copied() else {
                break;
            };
            after = last;
            let sheets = experiences::load_many(db, &ids).await?;
            let calls = crate::calls::approved_calls(db, &ids).await?;
            let w = self
                .writer
                .lock()
                .map_err(|_| anyhow::anyhow!("index writer poisoned"))?;
            for e in &sheets {
                w.add_document(index::document(
                    &self.fields,
                    e,
                    calls.get(&e.id).map(Vec::as_slice).unwrap_or(&[]),
                ))?;
            }
            done += sheets.len();
            drop(w);
            progress(done);
        }
        self.commit()?;
        self.last_change.store(start, Ordering::SeqCst);
        self.refresh_views(db).await?;
        Ok(done)
    }

    fn commit(&self) -> anyhow::Result<()> {
        self.writer
            .lock()
            .map_err(|_| anyhow::anyhow!("index writer poisoned"))?
            .commit()?;
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
        let sheets = experiences::load_many(db, &ids).await?;
        let calls = crate::calls::approved_calls(db, &ids).await?;
        {
            let w = self
                .writer
                .lock()
                .map_err(|_| anyhow::anyhow!("index writer poisoned"))?;
            for id in &ids {
                w.delete_term(Term::from_field_i64(self.fields.id, *id));
            }
            for e in sheets
                .iter()
                .filter(|e| e.state == experiences::State::Published)
            {
                w.add_document(index::document(
                    &self.fields,
                    e,
                    calls.get(&e.id).map(Vec::as_slice).unwrap_or(&[]),
                ))?;
            }
        }
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

    fn analyzed(&self, lang: &str, text: &str) -> Vec<String> {
        let Some(mut analyzer) = self.index.tokenizers().get(lang) else {
            return vec![];
        };
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            if !out.contains(&t.text) {
                out.push(t.text.clone());
            }
        }
        out
    }

    /// The query for the typed words: each word (in either language's analysis) may match
    /// exactly, as a prefix, or with one typo, in any text field, weighted by field.
    /// `all_words` requires every word to match somewhere.
    fn words_query(&self, q: &str, all_words: bool, widen: Widen) -> Option<Box<dyn Query>> {
        let words: Vec<&str> = q
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.to_lowercase().as_str()))
            .collect();
        if words.is_empty() {
            return None;
        }
        let mut per_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in words {
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            let spanish = self.analyzed("es", word);
            for lang in LANGS {
                // when both stemmers agree, the Spanish fields already hold that stem
                let tokens: Vec<String> = match lang {
                    "es" => spanish.clone(),
                    _ => self
                        .analyzed(lang, word)
                        .into_iter()
                        .filter(|t| !spanish.contains(t))
                        .collect(),
                };
                for token in tokens {
                    for (group, boost) in GROUPS {
                        let term = Term::from_field_text(self.fields.text(group, lang), &token);
                        let exact = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
                        alternatives.push((
                            Occur::Should,
                            Box::new(BoostQuery::new(Box::new(exact), boost)),
                        ));
                        let n = token.chars().count();
                        if widen >= Widen::Prefix && n >= 4 {
                            let prefix = FuzzyTermQuery::new_prefix(term.clone(), 0, true);
                            alternatives.push((
                                Occur::Should,
                                Box::new(BoostQuery::new(Box::new(prefix), boost * 0.4)),
                            ));
                        }
                        // typos are looked for in titles and summaries only: each costs an automaton
                        if widen >= Widen::Typos && n >= 5 && matches!(group, "title" | "summary") {
                            let typo = FuzzyTermQuery::new(term, 1, true);
                            alternatives.push((
                                Occur::Should,
                                Box::new(BoostQuery::new(Box::new(typo), boost * 0.3)),
                            ));
                        }
                    }
                }
            }
            if !alternatives.is_empty() {
                let occur = if all_words {
                    Occur::Must
                } else {
                    Occur::Should
                };
                per_word.push((occur, Box::new(BooleanQuery::new(alternatives))));
            }
        }
        (!per_word.is_empty()).then(|| Box::new(BooleanQuery::new(per_word)) as Box<dyn Query>)
    }

    fn filters_query(
        &self,
        filters: &BTreeMap<&'static str, Vec<String>>,
    ) -> Vec<(Occur, Box<dyn Query>)> {
        filters
            .iter()
            .filter(|(_, values)| !values.is_empty())
            .map(|(dim, values)| {
                let alternatives: Vec<(Occur, Box<dyn Query>)> = values
                    .iter()
                    .filter_map(|v| Facet::from_path([*dim, v.as_str()]).into())
                    .map(|facet: Facet| {
                        let q = TermQuery::new(
                            Term::from_facet(self.fields.facets, &facet),
                            IndexRecordOption::Basic,
                        );
                        (Occur::Should, Box::new(q) as Box<dyn Query>)
                    })
                    .collect();
                (
                    Occur::Must,
                    Box::new(BooleanQuery::new(alternatives)) as Box<dyn Query>,
                )
            })
            .collect()
    }

    fn id_of(&self, searcher: &Searcher, addr: DocAddress) -> anyhow::Result<i64> {
        let column = searcher
            .segment_reader(addr.segment_ord)
            .fast_fields()
            .i64("id")?;
        column
            .first(addr.doc_id)
            .ok_or_else(|| anyhow::anyhow!("document without id"))
    }

    /// Searches, answering repeated requests from a cache that lasts one index generation.
    pub fn search(&self, req: &SearchRequest) -> anyhow::Result<SearchResults> {
        let key = format!("{req:?}");
        let generation = self.generation();
        if let Ok(cache) = self.cache.lock()
            && let Some((g, hit)) = cache.get(&key)
            && *g == generation
        {
            return Ok((**hit).clone());
        }
        let results = self.search_uncached(req)?;
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHE_ENTRIES {
                cache.retain(|_, (g, _)| *g == generation);
                if cache.len() >= CACHE_ENTRIES {
                    cache.clear();
                }
            }
            cache.insert(key, (generation, Arc::new(results.clone())));
        }
        Ok(results)
    }

    /// Every word, exactly or as a prefix; if nothing matches, allow one typo per word; if
    /// still nothing, any of the words.
    pub fn search_uncached(&self, req: &SearchRequest) -> anyhow::Result<SearchResults> {
        let mut results = self.search_with(req, true, Widen::Exact)?;
        if req.q.trim().is_empty() {
            return Ok(results);
        }
        // widen only when the cheaper query finds too little
        if results.total < 3 {
            results = self.search_with(req, true, Widen::Prefix)?;
        }
        if results.total == 0 {
            results = self.search_with(req, true, Widen::Typos)?;
        }
        if results.total == 0 {
            results = self.search_with(req, false, Widen::Typos)?;
        }
        Ok(results)
    }

    fn search_with(
        &self,
        req: &SearchRequest,
        all_words: bool,
        widen: Widen,
    ) -> anyhow::Result<SearchResults> {
        let searcher = self.reader.searcher();
        let words = self.words_query(&req.q, all_words, widen);
        let mut clauses = self.filters_query(&req.filters);
        let has_words = words.is_some();
        if let Some(w) = &words {
            clauses.push((Occur::Must, w.box_clone()));
        }
        let query: Box<dyn Query> = if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        let per_page = req.per_page.max(1);
        let top = TopDocs::with_limit(per_page).and_offset(req.page.saturating_sub(1) * per_page);
        let mut facet_collector = FacetCollector::for_field("facets");
        for d in DIMENSIONS {
            facet_collector.add_facet(Facet::from_path([d]));
        }
        let sort = if req.sort == Sort::Relevance && !has_words {
            Sort::Recent
        } else {
            req.sort
        };
        let (addresses, total, counts) = match sort {
            Sort::Relevance => {
                let (docs, total, counts) =
                    searcher.search(&query, &(top.order_by_score(), Count, facet_collector))?;
                (
                    docs.into_iter().map(|(_, a)| a).collect::<Vec<_>>(),
                    total,
                    counts,
                )
            }
            Sort::Recent => {
                let (docs, total, counts) = searcher.search(
                    &query,
                    &(
                        top.order_by_fast_field::<i64>("updated", Order::Desc),
                        Count,
                        facet_collector,
                    ),
                )?;
                (
                    docs.into_iter().map(|(_, a)| a).collect::<Vec<_>>(),
                    total,
                    counts,
                )
            }
            Sort::Discover => {
                let views = self.views.read().map(|v| v.clone()).unwrap_or_default();
                let least_visible = top.tweak_score(move |segment: &tantivy::SegmentReader| {
                    let column = |name: &str| {
                        segment
                            .fast_fields()
                            .i64(name)
                            .ok()
                            .map(|c| c.first_or_default_col(0))
                    };
                    let (ids, visibility) = (column("id"), column("visibility"));
                    let views = views.clone();
                    move |doc: tantivy::DocId, _score: tantivy::Score| {
                        let id = ids.as_ref().map(|c| c.get_val(doc)).unwrap_or(0);
                        let nature = visibility.as_ref().map(|c| c.get_val(doc)).unwrap_or(0);
                        // highest key first: least visible, then oldest id
                        (-(nature + views.get(&id).copied().unwrap_or(0)), -id)
                    }
                });
                let (docs, total, counts) =
                    searcher.search(&query, &(least_visible, Count, facet_collector))?;
                (
                    docs.into_iter().map(|(_, a)| a).collect::<Vec<_>>(),
                    total,
                    counts,
                )
            }
        };
        let ids = addresses
            .into_iter()
            .map(|a| self.id_of(&searcher, a))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let mut facets = BTreeMap::new();
        for d in DIMENSIONS {
            let mut values: Vec<(String, u64)> = counts
                .get(Facet::from_path([d]))
                .map(|(facet, n)| {
                    (
                        facet
                            .to_path()
                            .last()
                            .map(|s| s.to_string())
                            .unwrap_or_default(),
                        n,
                    )
                })
                .collect();
            values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            facets.insert(d, values);
        }
        Ok(SearchResults {
            ids,
            total,
            facets,
            snippets: BTreeMap::new(),
            any_word: !all_words && has_words,
        })
    }

    /// Highlighted snippets of `texts` (id, language, text) for the words in `q`.
    pub fn snippets(
        &self,
        q: &str,
        texts: &[(i64, String, String)],
    ) -> anyhow::Result<BTreeMap<i64, String>> {
        let Some(query) = self.words_query(q, false, Widen::Prefix) else {
            return Ok(BTreeMap::new());
        };
        let searcher = self.reader.searcher();
        let mut generators = BTreeMap::new();
        for lang in LANGS {
            let mut g =
                SnippetGenerator::create(&searcher, &*query, self.fields.text("summary", lang))?;
            g.set_max_num_chars(220);
            generators.insert(lang, g);
        }
        Ok(texts
            .iter()
            .filter_map(|(id, lang, text)| {
                let g = generators.get(if lang == "pt" { "pt" } else { "es" })?;
                // people read text, not Markdown marks
                let plain = crate::markdown::plain_text(text);
                let snippet = g.snippet(&plain);
                let html = snippet.to_html();
                if html.is_empty() {
                    return None;
                }
                // a fragment cut out of a longer text says so
                let fragment = snippet.fragment().trim();
                let head = if plain.trim_start().starts_with(fragment) {
                    ""
                } else {
                    "… "
                };
                let tail = if plain.trim_end().ends_with(fragment) {
                    ""
                } else {
                    " …"
                };
                Some((*id, format!("{head}{}{tail}", html.trim())))
            })
            .collect())
    }

    /// Sheets whose `field` shares the most distinctive words of `text` (at most 25 terms,
    /// chosen by frequency in `text` × rarity in the catalogue). Built from plain term queries,
    /// whose statistics count deleted documents consistently, so no sequence of edits,
    /// deletions or views can break scoring (tantivy's MoreLikeThisQuery can: PR #2964).
    fn more_like(
        &self,
        field: tantivy::schema::Field,
        text: &str,
        exclude: i64,
        n: usize,
    ) -> anyhow::Result<Vec<(i64, f32)>> {
        if text.split_whitespace().count() < 3 {
            return Ok(vec![]);
        }
        let searcher = self.reader.searcher();
        let mut analyzer = self.index.tokenizer_for_field(field)?;
        let mut frequency: std::collections::HashMap<String, u32> = Default::default();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            if token.text.chars().count() >= 4 {
                *frequency.entry(token.text.clone()).or_default() += 1;
            }
        }
        let documents: u64 = searcher
            .segment_readers()
            .iter()
            .map(|s| u64::from(s.max_doc()))
            .sum();
        let mut weighted = Vec::new();
        for (word, tf) in frequency {
            let term = Term::from_field_text(field, &word);
            let df = searcher.doc_freq(&term)?;
            if df == 0 {
                continue;
            }
            let all = documents.max(df) as f32;
            let idf = (1.0 + (all - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
            weighted.push((term, tf as f32 * idf));
        }
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        weighted.truncate(25);
        if weighted.is_empty() {
            return Ok(vec![]);
        }
        let query = BooleanQuery::new(
            weighted
                .into_iter()
                .map(|(term, weight)| {
                    let q: Box<dyn Query> = Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                        weight,
                    ));
                    (Occur::Should, q)
                })
                .collect(),
        );
        let top = searcher.search(&query, &TopDocs::with_limit(n + 1).order_by_score())?;
        let mut out = Vec::new();
        for (score, addr) in top {
            let id = self.id_of(&searcher, addr)?;
            if id != exclude && out.len() < n {
                out.push((id, score));
            }
        }
        Ok(out)
    }

    /// A part of a page computed from the whole catalogue, if cached in this generation.
    pub fn cached_part<T: Send + Sync + 'static>(&self, key: &str) -> Option<Arc<T>> {
        let parts = self.parts.lock().ok()?;
        let (g, value) = parts.get(key)?;
        if *g != self.generation() {
            return None;
        }
        value.clone().downcast::<T>().ok()
    }

    /// Remembers a part for this generation (computed at generation `generation`).
    pub fn cache_part<T: Send + Sync + 'static>(&self, key: &str, generation: u64, value: Arc<T>) {
        if let Ok(mut parts) = self.parts.lock() {
            parts.retain(|_, (g, _)| *g == generation);
            parts.insert(key.to_string(), (generation, value));
        }
    }

    /// Related and complementary sheets, cached for one index generation.
    pub fn linked(&self, e: &Experience, n: usize) -> anyhow::Result<Linked> {
        let generation = self.generation();
        if let Ok(cache) = self.linked.lock()
            && let Some((g, hit)) = cache.get(&e.id)
            && *g == generation
        {
            return Ok(hit.clone());
        }
        let related = self.related(e, n + 1)?;
        let (learn, share) = self.complementary(e, n)?;
        let value = (related, learn, share);
        if let Ok(mut cache) = self.linked.lock() {
            if cache.len() >= CACHE_ENTRIES {
                cache.clear();
            }
            cache.insert(e.id, (generation, value.clone()));
        }
        Ok(value)
    }

    /// Sheets similar in themes and text.
    pub fn related(&self, e: &Experience, n: usize) -> anyhow::Result<Vec<i64>> {
        let c = &e.content;
        let lang = if c.language == "pt" { "pt" } else { "es" };
        let text = format!(
            "{} {} {} {}",
            c.title,
            c.summary,
            c.objectives,
            c.themes.join(" ").replace('-', " ")
        );
        Ok(self
            .more_like(self.fields.text("body", lang), &text, e.id, n)?
            .into_iter()
            .map(|(id, _)| id)
            .collect())
    }

    /// Complementary sheets: those whose keys and lessons answer this sheet's problems
    /// ("puede aprender de"), and those whose problems this sheet's keys and lessons answer
    /// ("puede compartir con").
    pub fn complementary(&self, e: &Experience, n: usize) -> anyhow::Result<(Vec<i64>, Vec<i64>)> {
        let c = &e.content;
        let lang = if c.language == "pt" { "pt" } else { "es" };
        let learn_from = self.more_like(self.fields.text("learn", lang), &c.problems, e.id, n)?;
        let share_with = self.more_like(
            self.fields.text("problems", lang),
            &format!("{}\n{}", c.keys_text, c.lessons),
            e.id,
            n,
        )?;
        Ok((
            learn_from.into_iter().map(|x| x.0).collect(),
            share_with.into_iter().map(|x| x.0).collect(),
        ))
    }
}
