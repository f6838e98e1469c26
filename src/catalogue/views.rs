//! Catalogue page models: the URL state of a search (shareable, works without JavaScript)
//! and the template structs.

use super::{DIMENSIONS, SearchRequest, Sort};
use crate::experiences::views::Card;
use crate::web::Ctx;
use askama::Template;
use serde::Deserialize;
use std::collections::BTreeMap;

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
    pub orden: String,
    pub pagina: String,
}

impl CatalogueParams {
    pub fn parse(raw: Option<&str>) -> CatalogueParams {
        serde_html_form::from_str(raw.unwrap_or("")).unwrap_or_default()
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
        let default_sort = if q.is_empty() {
            Sort::Recent
        } else {
            Sort::Relevance
        };
        SearchRequest {
            sort: Sort::parse(&self.orden).unwrap_or(default_sort),
            page: self.pagina.parse::<usize>().unwrap_or(1).clamp(1, 10_000),
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
        let default_sort = if req.q.is_empty() {
            Sort::Recent
        } else {
            Sort::Relevance
        };
        if req.sort != default_sort {
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
    pub fn csv(&self) -> String {
        let mut req = self.req.clone();
        req.page = 1;
        self.url("/datos/experiencias.csv", &req)
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
}

impl CataloguePage {
    pub fn sorts(&self) -> [(&'static str, &'static str); 3] {
        [
            ("relevancia", "sort-relevance"),
            ("recientes", "sort-recent"),
            ("por-descubrir", "sort-discover"),
        ]
    }
    pub fn is_sort(&self, code: &str) -> bool {
        self.state.req.sort.code() == code
    }
    pub fn sort_code(&self) -> &'static str {
        self.state.req.sort.code()
    }
}
