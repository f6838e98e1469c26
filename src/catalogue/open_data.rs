//! Open data: published sheets as CSV and JSON (the whole catalogue or any filtered search),
//! the codebook at `/datos`, an Atom feed, the sitemap, and schema.org JSON-LD for sheet
//! pages. Never e-mails or contact details. Large exports stream in batches.

use super::routes::PER_PAGE;
use super::views::CatalogueParams;
use crate::experiences::{self, Experience};
use crate::state::AppState;
use crate::taxonomy::Taxonomy;
use crate::web::{AppResult, Ctx, render};
use askama::Template;
use axum::Router;
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/datos", get(codebook))
        .route("/datos/experiencias.csv", get(csv_export))
        .route("/datos/experiencias.json", get(json_export))
        .route("/experiencias.atom", get(atom))
        .route("/sitemap.xml", get(sitemap))
}

/// Most sheets one export carries (a filtered search narrows it).
const MAX_EXPORT: usize = 200_000;
const BATCH: usize = 500;

/// One published sheet as open data. Multi-valued fields are lists of taxonomy codes
/// (in CSV: joined with `|`).
#[derive(Serialize)]
pub struct OpenRecord {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub language: String,
    pub country: String,
    pub country_name: String,
    pub place: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub scale: String,
    pub status: String,
    pub year_start: Option<i64>,
    pub year_end: Option<i64>,
    pub themes: Vec<String>,
    pub actor_types: Vec<String>,
    pub modalities: Vec<String>,
    pub partners: String,
    /// The narrative sections, each under its CSV column name.
    #[serde(flatten)]
    pub narrative: OpenNarrative,
    pub documents_lessons: bool,
    pub updated_at: String,
}

/// The narrative sections of open data, each under its CSV column name (`actors`, `keys`).
pub struct OpenNarrative(pub experiences::Narrative);

impl Serialize for OpenNarrative {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(experiences::Section::ALL.len()))?;
        for (s, text) in self.0.iter() {
            map.serialize_entry(s.csv_column(), text)?;
        }
        map.end()
    }
}

/// Column names, in order (the codebook page explains each): the facts, the narrative
/// sections from their table, then the derived columns.
pub fn columns() -> Vec<&'static str> {
    let head = [
        "id",
        "url",
        "title",
        "summary",
        "language",
        "country",
        "country_name",
        "place",
        "latitude",
        "longitude",
        "scale",
        "status",
        "year_start",
        "year_end",
        "themes",
        "actor_types",
        "modalities",
        "partners",
    ];
    let sections = experiences::Section::ALL.iter().map(|s| s.csv_column());
    head.into_iter()
        .chain(sections)
        .chain(["documents_lessons", "updated_at"])
        .collect()
}

impl OpenRecord {
    pub fn new(e: &Experience, taxonomy: &Taxonomy, base: &str) -> OpenRecord {
        let c = &e.content;
        OpenRecord {
            id: e.id,
            url: format!("{base}{}", e.url()),
            title: c.title.clone(),
            summary: c.summary.clone(),
            language: c.language.clone(),
            country: c.country.clone(),
            country_name: taxonomy.country_name(&c.country, crate::i18n::Lang::Es),
            place: c.place.clone(),
            latitude: c.latitude,
            longitude: c.longitude,
            scale: c.scale.clone(),
            status: c.status.clone(),
            year_start: c.year_start,
            year_end: c.year_end,
            themes: c.themes.clone(),
            actor_types: c.actor_types.clone(),
            modalities: c.modalities.clone(),
            partners: c.partners.clone(),
            narrative: OpenNarrative(c.narrative.clone()),
            documents_lessons: experiences::documents_lessons(c),
            updated_at: crate::clock::rfc3339(e.updated_at),
        }
    }

    pub fn csv_row(&self) -> Vec<String> {
        let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
        let int = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
        let head = [
            self.id.to_string(),
            self.url.clone(),
            csv_cell(&self.title),
            csv_cell(&self.summary),
            self.language.clone(),
            self.country.clone(),
            self.country_name.clone(),
            csv_cell(&self.place),
            opt(self.latitude),
            opt(self.longitude),
            self.scale.clone(),
            self.status.clone(),
            int(self.year_start),
            int(self.year_end),
            self.themes.join("|"),
            self.actor_types.join("|"),
            self.modalities.join("|"),
            csv_cell(&self.partners),
        ];
        let sections = self.narrative.0.iter().map(|(_, text)| csv_cell(text));
        head.into_iter()
            .chain(sections)
            .chain([self.documents_lessons.to_string(), self.updated_at.clone()])
            .collect()
    }
}

/// The ids of every published sheet matching the request's filters and words.
fn matching_ids(state: &AppState, raw: Option<&str>, taxonomy: &Taxonomy) -> AppResult<Vec<i64>> {
    let mut req = CatalogueParams::parse(raw)?
        .request(PER_PAGE)
        .known_only(taxonomy);
    req.page = 1;
    req.per_page = MAX_EXPORT;
    if req.q.is_empty() {
        req.sort = super::Sort::Recent;
    }
    Ok(state.catalogue.search(&req)?.ids)
}

/// Streams `head`, then every batch of records encoded by `encode(records, first_batch)`,
/// then `tail`, so a large export never sits whole in memory.
fn stream(
    state: AppState,
    ids: Vec<i64>,
    taxonomy: Taxonomy,
    head: Vec<u8>,
    tail: Vec<u8>,
    encode: fn(&[OpenRecord], bool) -> Vec<u8>,
) -> Body {
    enum Step {
        Head,
        Batch(usize),
        Tail,
        Done,
    }
    let batches: std::sync::Arc<Vec<Vec<i64>>> =
        std::sync::Arc::new(ids.chunks(BATCH).map(|c| c.to_vec()).collect());
    let s = futures_util::stream::unfold(Step::Head, move |step| {
        let (state, taxonomy, batches) = (state.clone(), taxonomy.clone(), batches.clone());
        let (head, tail) = (head.clone(), tail.clone());
        async move {
            match step {
                Step::Head => Some((Ok::<Vec<u8>, std::io::Error>(head), Step::Batch(0))),
                Step::Batch(i) if i < batches.len() => {
                    match experiences::load_many(&state.db, &batches[i]).await {
                        Ok(sheets) => {
                            let base = &state.settings.base_url;
                            let records: Vec<OpenRecord> = sheets
                                .iter()
                                .map(|e| OpenRecord::new(e, &taxonomy, base))
                                .collect();
                            Some((Ok(encode(&records, i == 0)), Step::Batch(i + 1)))
                        }
                        Err(e) => {
                            tracing::error!(error = ?e, "export failed");
                            Some((Err(std::io::Error::other("export failed")), Step::Done))
                        }
                    }
                }
                Step::Batch(_) => Some((Ok(tail), Step::Tail)),
                Step::Tail | Step::Done => None,
            }
        }
    });
    // compression polls once more after the end: a fused stream answers "done" again
    // instead of panicking (an unfused `unfold` cut every gzip/br download short)
    Body::from_stream(futures_util::StreamExt::fuse(s))
}

fn encode_csv(records: &[OpenRecord], _first: bool) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for r in records {
        let _ = w.write_record(r.csv_row());
    }
    w.into_inner().unwrap_or_default()
}

fn encode_json(records: &[OpenRecord], first: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if !(first && i == 0) {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(&serde_json::to_vec(r).unwrap_or_default());
    }
    out
}

async fn csv_export(State(state): State<AppState>, RawQuery(raw): RawQuery) -> AppResult<Response> {
    let taxonomy = state.taxonomy().await?;
    let ids = matching_ids(&state, raw.as_deref(), &taxonomy)?;
    let mut head = Vec::new();
    {
        let mut w = csv::Writer::from_writer(&mut head);
        w.write_record(columns())?;
        w.flush()?;
    }
    let body = stream(state, ids, taxonomy, head, vec![], encode_csv);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"experiencias.csv\"",
            ),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        body,
    )
        .into_response())
}

async fn json_export(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let taxonomy = state.taxonomy().await?;
    let ids = matching_ids(&state, raw.as_deref(), &taxonomy)?;
    let head = format!(
        "{{\"source\": {},\n\"license\": \"CC-BY-4.0\",\n\"codebook\": {},\n\"count\": {},\n\"experiences\": [\n",
        serde_json::to_string(&state.settings.base_url)?,
        serde_json::to_string(&format!("{}/datos", state.settings.base_url))?,
        ids.len()
    );
    let body = stream(
        state,
        ids,
        taxonomy,
        head.into_bytes(),
        b"\n]}\n".to_vec(),
        encode_json,
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        body,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "catalogue/datos.html")]
struct CodebookPage {
    ctx: Ctx,
    columns: Vec<&'static str>,
}

async fn codebook(ctx: Ctx) -> AppResult<Response> {
    render(CodebookPage {
        ctx,
        columns: columns(),
    })
}

fn xml_escape(s: &str) -> String {
    // what XML cannot hold at all is left out (text saved before forms dropped it)
    s.replace(crate::web::form::unsendable, "")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The ids of the `n` most recently updated published sheets.
fn recent(state: &AppState, n: usize) -> anyhow::Result<Vec<i64>> {
    let req = super::SearchRequest {
        sort: super::Sort::Recent,
        page: 1,
        per_page: n,
        ..Default::default()
    };
    Ok(state.catalogue.search(&req)?.ids)
}

/// The 50 most recently updated published sheets.
async fn atom(State(state): State<AppState>) -> AppResult<Response> {
    let ids = recent(&state, 50)?;
    let sheets = experiences::load_many(&state.db, &ids).await?;
    let base = &state.settings.base_url;
    let site = xml_escape(&state.site().await.name);
    let updated = sheets
        .first()
        .map(|e| crate::clock::rfc3339(e.updated_at))
        .unwrap_or_else(|| crate::clock::rfc3339(crate::now()));
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <title>{site} — experiencias</title>\n<id>{base}/experiencias</id>\n<updated>{updated}</updated>\n\
         <link rel=\"self\" href=\"{base}/experiencias.atom\"/>\n<link href=\"{base}/experiencias\"/>\n"
    );
    for e in &sheets {
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{base}/experiencias/{}</id>\n<link href=\"{base}{}\"/>\n<updated>{}</updated>\n\
             <author><name>{}</name></author>\n<summary>{}</summary>\n</entry>\n",
            xml_escape(&e.content.title),
            e.id,
            xml_escape(&e.url()),
            crate::clock::rfc3339(e.updated_at),
            xml_escape(&e.owner_name),
            xml_escape(&e.content.summary)
        ));
    }
    xml.push_str("</feed>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

/// Public pages and every published sheet (the sitemap protocol allows 50,000 addresses).
async fn sitemap(State(state): State<AppState>) -> AppResult<Response> {
    let ids = recent(&state, 49_000)?;
    let base = &state.settings.base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in ["/", "/experiencias", "/mapa", "/estadisticas", "/datos"] {
        xml.push_str(&format!("<url><loc>{base}{path}</loc></url>\n"));
    }
    for id in ids {
        xml.push_str(&format!("<url><loc>{base}/experiencias/{id}</loc></url>\n"));
    }
    xml.push_str("</urlset>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

/// schema.org description of a sheet, for search engines (embedded as JSON-LD).
pub fn json_ld(e: &Experience, taxonomy: &Taxonomy, base: &str) -> String {
    let c = &e.content;
    let mut place = serde_json::json!({
        "@type": "Place",
        "name": c.place,
        "address": {"@type": "PostalAddress", "addressCountry": c.country},
    });
    if let (Some(lat), Some(lon)) = (c.latitude, c.longitude) {
        place["geo"] =
            serde_json::json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon});
    }
    let about: Vec<String> = c
        .themes
        .iter()
        .map(|t| taxonomy.term_name("theme", t, crate::i18n::Lang::Es))
        .collect();
    let doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": c.title,
        "description": c.summary,
        "url": format!("{base}{}", e.url()),
        "inLanguage": c.language,
        "about": about,
        "spatialCoverage": place,
        "dateModified": crate::clock::rfc3339(e.updated_at),
        "dateCreated": crate::clock::rfc3339(e.created_at),
        "isAccessibleForFree": true,
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "author": {"@type": "Person", "name": e.owner_name},
    });
    script_safe_json(&doc.to_string())
}

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` become `\u003c`,
/// `\u003e`, `\u0026` (still the same JSON), so no text can close the element or open
/// an HTML comment.
pub fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A spreadsheet cell that cannot run as a formula (OWASP "CSV injection"): text starting
/// with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe, which
/// spreadsheets hide and `ayni import` removes.
pub fn csv_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}
