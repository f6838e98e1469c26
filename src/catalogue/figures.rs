//! Figures and the map, computed from the search index (so they follow any catalogue filter)
//! and drawn as SVG on the server: no tiles, no JavaScript. `/estadisticas` shows each
//! dimension as a table and a bar chart, each downloadable as CSV; `/mapa` is a choropleth of
//! Latin America and the Caribbean with points where sheets have coordinates.

use super::routes::facet_label;
use super::views::CatalogueParams;
use super::{DIMENSIONS, SearchRequest};
use crate::state::AppState;
use crate::taxonomy::Taxonomy;
use crate::web::Path;
use crate::web::{AppError, AppResult, Ctx, render};
use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::OnceLock;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/estadisticas", get(figures))
        .route("/estadisticas/{table}", get(figure_csv))
        .route("/mapa", get(map))
}

/// One row of a figure: value code, label, count, share of all sheets (percent).
pub struct Row {
    pub code: String,
    pub label: String,
    pub count: u64,
    pub share: f64,
}

pub struct Figure {
    pub dimension: &'static str,
    pub rows: Vec<Row>,
    pub svg: String,
}

/// Counts per dimension for the request's filters and words, over all matching sheets.
fn counts(
    state: &AppState,
    raw: Option<&str>,
    taxonomy: &crate::taxonomy::Taxonomy,
) -> AppResult<(u64, super::FacetCounts)> {
    let mut req: SearchRequest = CatalogueParams::parse(raw)?.request(1).known_only(taxonomy);
    req.page = 1;
    let r = state.catalogue.search(&req)?;
    Ok((r.total as u64, r.facets))
}

fn rows(
    ctx: &Ctx,
    taxonomy: &Taxonomy,
    dim: &str,
    values: &[(String, u64)],
    total: u64,
) -> Vec<Row> {
    values
        .iter()
        .map(|(code, count)| Row {
            code: code.clone(),
            label: facet_label(ctx, taxonomy, dim, code),
            count: *count,
            share: if total == 0 {
                0.0
            } else {
                *count as f64 * 100.0 / total as f64
            },
        })
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A horizontal bar chart. The table beside it carries the same numbers for screen readers,
/// so the chart itself is marked decorative.
pub fn bar_chart(rows: &[Row]) -> String {
    let (label_w, bar_w, row_h) = (230.0, 300.0, 22.0);
    let max = rows.iter().map(|r| r.count).max().unwrap_or(1).max(1) as f64;
    let height = row_h * rows.len() as f64 + 4.0;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {} {height}\" width=\"100%\" aria-hidden=\"true\" focusable=\"false\">",
        label_w + bar_w + 50.0
    );
    for (i, r) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 2.0;
        let w = (r.count as f64 / max * bar_w).max(1.0);
        let label: String = r.label.chars().take(34).collect();
        let _ = write!(
            svg,
            "<text x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\">{}</text>\
             <rect x=\"{label_w}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.0}\" fill=\"#8a3b12\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{}</text>",
            label_w - 6.0,
            y + 15.0,
            escape(&label),
            y + 3.0,
            row_h - 6.0,
            label_w + w + 4.0,
            y + 15.0,
            r.count
        );
    }
    svg.push_str("</svg>");
    svg
}

#[derive(Template)]
#[template(path = "catalogue/figures.html")]
struct FiguresPage {
    ctx: Ctx,
    total: u64,
    figures: Vec<Figure>,
    lessons_share: f64,
    query: String,
}

async fn figures(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let taxonomy = state.taxonomy().await?;
    let (total, facets) = counts(&state, raw.as_deref(), &taxonomy)?;
    let lessons = facets
        .get("aprendizajes")
        .and_then(|v| v.first())
        .map(|(_, n)| *n)
        .unwrap_or(0);
    let figures = DIMENSIONS
        .iter()
        .filter(|d| **d != "aprendizajes")
        .map(|dim| {
            let rows = rows(
                &ctx,
                &taxonomy,
                dim,
                facets.get(dim).map(Vec::as_slice).unwrap_or(&[]),
                total,
            );
            Figure {
                dimension: dim,
                svg: bar_chart(&rows),
                rows,
            }
        })
        .collect();
    let query = raw.map(|q| format!("?{q}")).unwrap_or_default();
    let lessons_share = if total == 0 {
        0.0
    } else {
        lessons as f64 * 100.0 / total as f64
    };
    render(FiguresPage {
        ctx,
        total,
        figures,
        lessons_share,
        query,
    })
}

async fn figure_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(table): Path<String>,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let dim = table
        .strip_suffix(".csv")
        .and_then(|d| DIMENSIONS.iter().find(|x| **x == d))
        .ok_or(AppError::NotFound)?;
    let taxonomy = state.taxonomy().await?;
    let (total, facets) = counts(&state, raw.as_deref(), &taxonomy)?;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["code", "label", "count", "share_percent"])?;
    for r in rows(
        &ctx,
        &taxonomy,
        dim,
        facets.get(dim).map(Vec::as_slice).unwrap_or(&[]),
        total,
    ) {
        w.write_record([
            r.code,
            r.label,
            r.count.to_string(),
            format!("{:.1}", r.share),
        ])?;
    }
    let body = w
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!(e.to_string())))?;
    let disposition = format!("attachment; filename=\"{dim}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

// ---- the map ----

#[derive(Deserialize)]
struct MapData {
    width: f64,
    height: f64,
    projection: Projection,
    countries: Vec<CountryShape>,
}

#[derive(Deserialize)]
struct Projection {
    lon_min: f64,
    lat_max: f64,
    k: f64,
    scale: f64,
}

#[derive(Deserialize)]
struct CountryShape {
    code: String,
    path: String,
    label: [f64; 2],
}

fn map_data() -> &'static MapData {
    static DATA: OnceLock<MapData> = OnceLock::new();
    DATA.get_or_init(|| {
        serde_json::from_str(include_str!("map_data.json")).expect("map_data.json is valid")
    })
}

/// Fill colours by number of sheets (darker = more); each class contrasts with the next.
const CLASSES: [(u64, &str); 5] = [
    (0, "#ecebe6"),
    (1, "#f3c7a4"),
    (3, "#e0895a"),
    (10, "#b4531f"),
    (30, "#6e2a0a"),
];

fn class_of(n: u64) -> usize {
    CLASSES.iter().rposition(|(min, _)| n >= *min).unwrap_or(0)
}

#[derive(Clone)]
pub struct MapCountry {
    pub code: String,
    pub name: String,
    pub count: u64,
    pub link: String,
}

#[derive(Template)]
#[template(path = "catalogue/map.html")]
struct MapPage {
    ctx: Ctx,
    svg: String,
    countries: Vec<MapCountry>,
    legend: Vec<(String, &'static str)>,
    points: usize,
    /// The catalogue with the same filters.
    list_link: String,
}

/// The parts of the map page that depend only on the catalogue and the language.
struct MapRender {
    svg: String,
    countries: Vec<MapCountry>,
    points: usize,
}

async fn map(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let taxonomy = state.taxonomy().await?;
    let req = CatalogueParams::parse(raw.as_deref())?
        .request(1)
        .known_only(&taxonomy);
    let filtered = !req.filters.is_empty() || !req.q.is_empty();
    let key = format!("map:{}", ctx.lang.code());
    let parts = match state.catalogue.cached_part::<MapRender>(&key) {
        Some(parts) if !filtered => parts,
        _ => {
            let generation = state.catalogue.generation();
            let parts = std::sync::Arc::new(render_map(&state, &ctx, &req).await?);
            if !filtered {
                state.catalogue.cache_part(&key, generation, parts.clone());
            }
            parts
        }
    };
    let legend = CLASSES
        .iter()
        .enumerate()
        .map(|(i, (min, colour))| {
            let text = match CLASSES.get(i + 1) {
                _ if *min == 0 => "0".to_string(),
                Some((next, _)) => format!("{min}–{}", next - 1),
                None => format!("{min}+"),
            };
            (text, *colour)
        })
        .collect();
    let url = super::views::UrlState { req };
    render(MapPage {
        svg: parts.svg.clone(),
        countries: parts.countries.clone(),
        points: parts.points,
        legend,
        list_link: url.list(),
        ctx,
    })
}

/// Points closer than this (in map units) are drawn as one cluster, if in one country.
const CLUSTER: f64 = 14.0;

async fn render_map(state: &AppState, ctx: &Ctx, req: &SearchRequest) -> AppResult<MapRender> {
    let mut all = req.clone();
    all.page = 1;
    all.per_page = 200_000;
    let found = state.catalogue.search(&all)?;
    let facets = found.facets;
    let taxonomy = state.taxonomy().await?;
    let by_country: BTreeMap<String, u64> = facets
        .get("pais")
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .collect();
    let matching: std::collections::HashSet<i64> = found.ids.into_iter().collect();
    let points: Vec<_> = crate::experiences::published_points(&state.db)
        .await?
        .into_iter()
        .filter(|p| matching.contains(&p.id))
        .collect();
    let url = super::views::UrlState { req: req.clone() };
    let data = map_data();
    let mut svg = format!(
        "<svg class=\"map\" viewBox=\"0 0 {} {}\" width=\"100%\" role=\"group\" aria-labelledby=\"map-title\">",
        data.width, data.height
    );
    for c in &data.countries {
        let n = by_country.get(&c.code).copied().unwrap_or(0);
        let name = taxonomy.country_name(&c.code, ctx.lang);
        let label = escape(&ctx.lang.t_args(
            "map-country-label",
            &[("country", name.clone()), ("count", n.to_string())],
        ));
        let _ = write!(
            svg,
            "<a href=\"{}\" aria-label=\"{label}\"><title>{label}</title><path d=\"{}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"0.6\"/></a>",
            escape(&url.with_only("pais", &c.code)),
            c.path,
            CLASSES[class_of(n)].1
        );
    }
    // Points of one country that fall in the same cell become one cluster, drawn at the
    // members' centre; a single point stays exactly where it is. Countries never merge, so
    // no point is drawn in a neighbour's territory.
    let p = &data.projection;
    type Placed<'a> = (f64, f64, &'a crate::experiences::MapPoint);
    let mut cells: BTreeMap<(String, i64, i64), Vec<Placed>> = BTreeMap::new();
    for pt in &points {
        let x = (pt.longitude - p.lon_min) * p.k * p.scale;
        let y = (p.lat_max - pt.latitude) * p.scale;
        if (0.0..=data.width).contains(&x) && (0.0..=data.height).contains(&y) {
            cells
                .entry((
                    pt.country_code.clone(),
                    (x / CLUSTER) as i64,
                    (y / CLUSTER) as i64,
                ))
                .or_default()
                .push((x, y, pt));
        }
    }
    for ((country, _, _), group) in &cells {
        let n = group.len() as f64;
        let x = group.iter().map(|g| g.0).sum::<f64>() / n;
        let y = group.iter().map(|g| g.1).sum::<f64>() / n;
        if let [(_, _, one)] = group.as_slice() {
            let title = escape(&one.title);
            let _ = write!(
                svg,
                "<a href=\"/experiencias/{}\" aria-label=\"{title}\"><title>{title}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"#0b57d0\" stroke=\"#fff\" stroke-width=\"1.2\"/></a>",
                one.id
            );
        } else {
            let label = escape(
                &ctx.lang
                    .t_args("map-cluster-label", &[("count", group.len().to_string())]),
            );
            let r = (5.0 + n.sqrt() * 1.5).min(14.0);
            let _ = write!(
                svg,
                "<a href=\"{}\" aria-label=\"{label}\"><title>{label}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"#0b57d0\" stroke=\"#fff\" stroke-width=\"1.2\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"9\" fill=\"#fff\">{}</text></a>",
                escape(&url.with_only("pais", country)),
                y + 3.0,
                group.len()
            );
        }
    }
    for c in &data.countries {
        if by_country.get(&c.code).copied().unwrap_or(0) > 0
            && !["AG", "BB", "DM", "GD", "KN", "LC", "VC", "TT"].contains(&c.code.as_str())
        {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" class=\"map-label\" aria-hidden=\"true\">{}</text>",
                c.label[0], c.label[1], c.code
            );
        }
    }
    svg.push_str("</svg>");
    let mut countries: Vec<MapCountry> = by_country
        .iter()
        .map(|(code, n)| MapCountry {
            code: code.clone(),
            name: taxonomy.country_name(code, ctx.lang),
            count: *n,
            link: url.with_only("pais", code),
        })
        .collect();
    countries.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    Ok(MapRender {
        svg,
        countries,
        points: points.len(),
    })
}
