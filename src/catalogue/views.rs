//! Catalogue page models: the URL state of a search (shareable, works without JavaScript)
//! and the template structs.

use super::{DIMENSIONS, SearchRequest, Sort};
use crate::experiences::views::Card;
use crate::web::Ctx;
use askama::Template;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Longest catalogue query string accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4000;
/// Most values one filter may take (e.g. 20 countries at once).
pub const MAX_VALUES: usize = 20;

/// The query string as sent: `q`, one key per dimension (repeatable), `orden`, `pagina`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CatalogueParams {
    pub q: String,
    pub pais: Vec<String>,
    pub tema: Vec<String>,
    pub actor: Vec<String>,
    pub estado: Vec<String>,
    pub modalidad: Vec<String>,
    pub escala: Vec<String>,
    pub aprendizajes: Vec<String>,
    pub convocatoria: Vec<String>,
    pub intercambio: Vec<String>,
    pub cooperacion: Vec<String>,
    pub orden: String,
    pub pagina: String,
}

impl CatalogueParams {
    /// Reads the query string. Refused (400 with a clear page) when it is longer than
    /// `MAX_QUERY_BYTES` or a filter has more than `MAX_VALUES` values: every "remove this
    /// filter" link repeats the others, so an unbounded URL would amplify the answer.
    pub fn parse(raw: Option<&str>) -> Result<CatalogueParams, crate::web::AppError> {
        let raw = raw.unwrap_or("");
        let too_big = crate::web::AppError::Rejected("error-catalogue-too-many-filters");
        if raw.len() > MAX_QUERY_BYTES {
            return Err(too_big);
        }
        // read as every query string is: a key sent twice keeps its last value (the strict
        // reading failed as a whole and dropped every filter and the page)
        let p: CatalogueParams =
            crate::web::form::parse_lenient(raw.as_bytes()).unwrap_or_default();
        let lists = [
            &p.pais,
            &p.tema,
            &p.actor,
            &p.estado,
            &p.modalidad,
            &p.escala,
            &p.aprendizajes,
            &p.convocatoria,
            &p.intercambio,
            &p.cooperacion,
        ];
        if lists.iter().any(|l| l.len() > MAX_VALUES) {
            return Err(too_big);
        }
        Ok(p)
    }

    pub fn request(&self, per_page: usize) -> SearchRequest {
        let mut filters = BTreeMap::new();
        let lists = [
            ("pais", &self.pais),
            ("tema", &self.tema),
            ("actor", &self.actor),
            ("estado", &self.estado),
            ("modalidad", &self.modalidad),
            ("escala", &self.escala),
            ("aprendizajes", &self.aprendizajes),
            ("convocatoria", &self.convocatoria),
            ("intercambio", &self.intercambio),
            ("cooperacion", &self.cooperacion),
        ];
        for (dim, values) in lists {
            let clean: Vec<String> = values
                .iter()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty() && v.len() < 80)
                .collect();
            if !clean.is_empty() {
                filters.insert(dim, clean);
            }
        }
        let q: String = self.q.trim().chars().take(200).collect();
        SearchRequest {
            sort: Sort::parse(&self.orden).unwrap_or(Sort::default_for(&q)),
            page: crate::web::page::number(&self.pagina).clamp(1, 10_000) as usize,
            per_page,
            q,
            filters,
        }
    }
}

/// Builds catalogue URLs from a request, changing one thing at a time.
#[derive(Clone)]
pub struct UrlState {
    pub req: SearchRequest,
}

impl UrlState {
    fn pairs(&self, req: &SearchRequest) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        if !req.q.is_empty() {
            s.append_pair("q", &req.q);
        }
        for (dim, values) in &req.filters {
            for v in values {
                s.append_pair(dim, v);
            }
        }
        if req.sort != Sort::default_for(&req.q) {
            s.append_pair("orden", req.sort.code());
        }
        if req.page > 1 {
            s.append_pair("pagina", &req.page.to_string());
        }
        s.finish()
    }
    fn url(&self, base: &str, req: &SearchRequest) -> String {
        let q = self.pairs(req);
        if q.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{q}")
        }
    }
    pub fn is_active(&self, dim: &str, value: &str) -> bool {
        self.req
            .filters
            .get(dim)
            .is_some_and(|v| v.iter().any(|x| x == value))
    }
    /// The URL with `dim=value` added, or removed if present; back to page 1.
    pub fn toggle(&self, dim: &&str, value: &str) -> String {
        let mut req = self.req.clone();
        req.page = 1;
        let values = req
            .filters
            .entry(
                DIMENSIONS
                    .iter()
                    .find(|d| *d == dim)
                    .copied()
                    .unwrap_or("pais"),
            )
            .or_default();
        if let Some(pos) = values.iter().position(|v| v == value) {
            values.remove(pos);
        } else {
            values.push(value.to_string());
        }
        req.filters.retain(|_, v| !v.is_empty());
        self.url("/experiencias", &req)
    }
    pub fn page(&self, page: usize) -> String {
        let mut req = self.req.clone();
        req.page = page;
        self.url("/experiencias", &req)
    }
    pub fn without_filters(&self) -> String {
        let mut req = self.req.clone();
        req.filters.clear();
        req.page = 1;
        self.url("/experiencias", &req)
    }
    /// `base` with this selection on its first page; `ordered` keeps the chosen ordering
    /// (the map and the figures have none).
    fn first_page(&self, base: &str, ordered: bool) -> String {
        let mut req = self.req.clone();
        req.page = 1;
        if !ordered {
            req.sort = Sort::default_for(&req.q);
        }
        self.url(base, &req)
    }
    /// The list with these filters and words (page 1).
    pub fn list(&self) -> String {
        self.first_page("/experiencias", true)
    }
    /// The list with these filters, but only `value` for dimension `dim`.
    pub fn with_only(&self, dim: &'static str, value: &str) -> String {
        let mut req = self.req.clone();
        req.page = 1;
        req.filters.insert(dim, vec![value.to_string()]);
        self.url("/experiencias", &req)
    }
    /// Map and figures of the same selection.
    pub fn map(&self) -> String {
        self.first_page("/mapa", false)
    }
    pub fn figures(&self) -> String {
        self.first_page("/estadisticas", false)
    }
    pub fn csv(&self) -> String {
        self.first_page("/datos/experiencias.csv", true)
    }
    pub fn has_filters(&self) -> bool {
        !self.req.filters.is_empty()
    }
}

pub struct FacetView {
    pub dimension: &'static str,
    /// (value, label, count, link, active)
    pub values: Vec<(String, String, u64, String, bool)>,
}

pub struct Hit {
    pub card: Card,
    pub snippet: Option<String>,
}

#[derive(Template)]
#[template(path = "catalogue/list.html")]
pub struct CataloguePage {
    pub ctx: Ctx,
    pub state: UrlState,
    pub hits: Vec<Hit>,
    pub total: usize,
    pub pages: usize,
    pub facets: Vec<FacetView>,
    /// (dimension, value, label, remove link)
    pub active: Vec<(String, String, String)>,
    /// The words were widened to "any of them" (no sheet had all).
    pub any_word: bool,
}

impl CataloguePage {
    /// The orderings offered. The first, "", is automatic (relevance with words, most recent
    /// without): it is what the form sends unless the person chose another, so typing words
    /// after browsing by date still lists the best matches first.
    pub fn sorts(&self) -> [(&'static str, &'static str); 4] {
        [
            ("", "sort-auto"),
            ("relevancia", "sort-relevance"),
            ("recientes", "sort-recent"),
            ("por-descubrir", "sort-discover"),
        ]
    }
    pub fn is_sort(&self, code: &str) -> bool {
        let req = &self.state.req;
        let automatic = req.sort == Sort::default_for(&req.q);
        if code.is_empty() {
            automatic
        } else {
            !automatic && req.sort.code() == code
        }
    }
    pub fn sort_code(&self) -> &'static str {
        self.state.req.sort.code()
    }
}

/// Property tests: any query string gives a bounded request or a clear refusal.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_query_string_is_bounded(raw in "[a-z=&%0-9A-F+;]{0,300}", repeat in 0usize..60) {
            let raw = format!("{raw}{}", "&pais=BO".repeat(repeat));
            match CatalogueParams::parse(Some(&raw)) {
                Ok(p) => {
                    let req = p.request(20);
                    prop_assert!(req.q.chars().count() <= 200);
                    prop_assert!(req.page >= 1 && req.page <= 10_000);
                    prop_assert!(req.filters.values().all(|v| v.len() <= MAX_VALUES));
                }
                Err(_) => prop_assert!(raw.len() > MAX_QUERY_BYTES || repeat > MAX_VALUES - 1 || raw.matches("pais=").count() > MAX_VALUES),
            }
        }
    }
}
