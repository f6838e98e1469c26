//! Searching: words and filters as tantivy queries, ordering, facets, snippets.

use super::*;

impl Catalogue {
    pub(super) fn analyzed(&self, lang: &str, text: &str) -> Vec<String> {
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
    pub(super) fn words_query(
        &self,
        q: &str,
        all_words: bool,
        widen: Widen,
    ) -> Option<Box<dyn Query>> {
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

    pub(super) fn filters_query(
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

    pub(super) fn id_of(&self, searcher: &Searcher, addr: DocAddress) -> anyhow::Result<i64> {
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

    pub(super) fn search_with(
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
                // newest first; sheets saved in the same second by their id, so the order
                // (and each page) is the same on every instance and after a restore
                let newest = top.tweak_score(move |segment: &tantivy::SegmentReader| {
                    let (ids, updated) =
                        (i64_column(segment, "id"), i64_column(segment, "updated"));
                    move |doc: tantivy::DocId, _score: tantivy::Score| {
                        let at = updated.as_ref().map(|c| c.get_val(doc)).unwrap_or(0);
                        let id = ids.as_ref().map(|c| c.get_val(doc)).unwrap_or(0);
                        (at, id)
                    }
                });
                let (docs, total, counts) =
                    searcher.search(&query, &(newest, Count, facet_collector))?;
                (
                    docs.into_iter().map(|(_, a)| a).collect::<Vec<_>>(),
                    total,
                    counts,
                )
            }
            Sort::Discover => {
                let views = self.views.read().map(|v| v.clone()).unwrap_or_default();
                let least_visible = top.tweak_score(move |segment: &tantivy::SegmentReader| {
                    let (ids, visibility) =
                        (i64_column(segment, "id"), i64_column(segment, "visibility"));
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
            // "shown: those with any word" only when there are some to show
            any_word: !all_words && has_words && total > 0,
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
}

/// A segment's i64 fast field as a column (for orderings computed per document).
fn i64_column(
    segment: &tantivy::SegmentReader,
    name: &str,
) -> Option<std::sync::Arc<dyn tantivy::columnar::ColumnValues<i64>>> {
    segment
        .fast_fields()
        .i64(name)
        .ok()
        .map(|c| c.first_or_default_col(0))
}
