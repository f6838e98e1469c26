//! Related and complementary sheets, by our own term query (never MoreLikeThis), and the
//! cache of computed parts.

use super::*;
use crate::experiences::Section;

impl Catalogue {
    /// Sheets whose `field` shares the most distinctive words of `text` (at most 25 terms,
    /// chosen by frequency in `text` × rarity in the catalogue). Built from plain term queries,
    /// whose statistics count deleted documents consistently, so no sequence of edits,
    /// deletions or views can break scoring (tantivy's MoreLikeThisQuery can: PR #2964).
    pub(super) fn more_like(
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
            c.narrative.get(Section::Objectives),
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
        let s = |section| c.narrative.get(section);
        let problems = s(Section::Problems);
        let learn_from = self.more_like(self.fields.text("learn", lang), problems, e.id, n)?;
        let share_with = self.more_like(
            self.fields.text("problems", lang),
            &format!("{}\n{}", s(Section::KeysText), s(Section::Lessons)),
            e.id,
            n,
        )?;
        Ok((
            learn_from.into_iter().map(|x| x.0).collect(),
            share_with.into_iter().map(|x| x.0).collect(),
        ))
    }
}
