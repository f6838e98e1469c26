//! Catalogue pages: `/experiencias` (search, facets, orderings).

use super::views::*;
use super::{DIMENSIONS, SearchRequest};
use crate::experiences::{self, views::Card};
use crate::state::AppState;
use crate::taxonomy::Taxonomy;
use crate::web::{AppResult, Ctx, render};
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/experiencias", get(list))
        .merge(super::open_data::routes())
        .merge(super::figures::routes())
}

pub const PER_PAGE: usize = 20;

/// The label of a facet value in the reader's language.
pub fn facet_label(ctx: &Ctx, taxonomy: &Taxonomy, dimension: &str, value: &str) -> String {
    match dimension {
        "pais" => taxonomy.country_name(value, ctx.lang),
        "tema" => taxonomy.term_name("theme", value, ctx.lang),
        "actor" => taxonomy.term_name("actor", value, ctx.lang),
        "modalidad" => taxonomy.term_name("modality", value, ctx.lang),
        "escala" => taxonomy.term_name("scale", value, ctx.lang),
        "estado" => ctx.t(value),
        "aprendizajes" => ctx.t("facet-aprendizajes-si"),
        "intercambio" => ctx.t_code("facet-intercambio-", value),
        "cooperacion" => ctx.t_code("cooperation-", value),
        "convocatoria" => ctx.t_with("facet-convocatoria-n", "id", value),
        _ => value.to_string(),
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let taxonomy = state.taxonomy().await?;
    let req: SearchRequest = CatalogueParams::parse(raw.as_deref())?
        .request(PER_PAGE)
        .known_only(&taxonomy);
    let results = state.catalogue.search(&req)?;
    let sheets = experiences::cards(&state.db, &results.ids).await?;
    let texts: Vec<(i64, String, String)> = sheets
        .iter()
        .map(|e| {
            (
                e.id,
                e.language.clone(),
                format!("{} {} {}", e.summary, e.lessons, e.keys_text),
            )
        })
        .collect();
    let snippets = if req.q.is_empty() {
        Default::default()
    } else {
        state.catalogue.snippets(&req.q, &texts)?
    };
    let hits = sheets
        .iter()
        .map(|e| Hit {
            card: Card::new(&e.summary(), &taxonomy, ctx.lang),
            snippet: snippets.get(&e.id).cloned(),
        })
        .collect();
    let url = UrlState { req: req.clone() };
    let facets = DIMENSIONS
        .iter()
        .map(|dim| FacetView {
            dimension: dim,
            values: results
                .facets
                .get(dim)
                .into_iter()
                .flatten()
                .map(|(value, n)| {
                    (
                        value.clone(),
                        facet_label(&ctx, &taxonomy, dim, value),
                        *n,
                        url.toggle(dim, value),
                        url.is_active(dim, value),
                    )
                })
                .collect(),
        })
        .filter(|f| !f.values.is_empty())
        .collect();
    let active = req
        .filters
        .iter()
        .flat_map(|(dim, values)| values.iter().map(move |v| (*dim, v.clone())))
        .map(|(dim, v)| {
            (
                ctx.t(&format!("facet-{dim}")),
                facet_label(&ctx, &taxonomy, dim, &v),
                url.toggle(&dim, &v),
            )
        })
        .collect();
    let pages = results.total.div_ceil(PER_PAGE).max(1);
    if url.req.page > pages {
        // past the last page (an old link, a hand-typed number): the last page itself
        return Ok(crate::web::see_other(&url.page(pages)));
    }
    render(CataloguePage {
        ctx,
        state: url,
        hits,
        total: results.total,
        any_word: results.any_word,
        pages,
        facets,
        active,
    })
}
