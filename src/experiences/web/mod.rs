//! Sheet pages: home, list, create, read, edit, state changes, history, co-editors,
//! attachments. Each handler: extract → check permission → parse → operate → render.

use crate::experiences::views::*;
use crate::experiences::{
    Experience, ExperienceContent, ExperienceForm, SaveError, State as SheetState,
};
use crate::refusal::Refusal;
use crate::state::AppState;
use crate::taxonomy::Taxonomy;
use crate::web::Path;
use crate::web::form::Params;
use crate::web::form::{Driven, Filled, pick};
use crate::web::{
    AppError, AppResult, Ctx, FieldErrors, Submitted, hash_token, random_token, render,
    render_status, see_other,
};
use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

mod edit;
mod files;
mod page;
mod team;
use edit::*;
use files::*;
use page::*;
use team::*;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/experiencias/nueva", get(new_form).post(create))
        .route("/experiencias/{id}", get(show))
        .route("/experiencias/{id}/editar", get(edit_form).post(update))
        .route("/experiencias/{id}/estado", post(change_state))
        .route("/experiencias/{id}/historial", get(history))
        .route(
            "/experiencias/{id}/historial/{number}/restaurar",
            post(restore),
        )
        .route("/experiencias/{id}/coeditores", get(coeditors).post(invite))
        .route(
            "/experiencias/{id}/coeditores/{user}/quitar",
            post(remove_coeditor),
        )
        .route("/experiencias/{id}/adjuntos", post(upload))
        .route(
            "/experiencias/{id}/adjuntos/{attachment}/borrar",
            post(delete_attachment),
        )
        .route(
            "/experiencias/{id}/adjuntos/{attachment}/{name}",
            get(download),
        )
        .route(
            "/invitaciones/{token}",
            get(invitation).post(accept_invitation),
        )
        .route("/cuenta/fichas", get(mine))
        .route(
            "/admin/importar",
            get(import_form)
                .post(import_upload)
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::experiences::transfer::MAX_IMPORT_BYTES + 64 * 1024,
                )),
        )
}

fn this_year() -> i64 {
    crate::clock::this_year()
}

/// `12` or `12-some-slug` → 12.
fn parse_id(raw: &str) -> AppResult<i64> {
    raw.split('-')
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or(AppError::NotFound)
}

async fn load(state: &AppState, raw_id: &str) -> AppResult<Experience> {
    crate::experiences::load(&state.db, parse_id(raw_id)?)
        .await?
        .ok_or(AppError::NotFound)
}

/// Loads a sheet the reader may see (drafts only for editors; a 404 hides their existence).
pub async fn load_visible(state: &AppState, ctx: &Ctx, raw_id: &str) -> AppResult<Experience> {
    let e = load(state, raw_id).await?;
    if crate::experiences::can_view(ctx.user.as_ref(), &e) {
        return Ok(e);
    }
    // facilitators of a call read the sheets submitted to it, drafts included
    if let Some(u) = &ctx.user
        && crate::calls::reviews_sheet(&state.db, u.id, e.id).await?
    {
        return Ok(e);
    }
    Err(AppError::NotFound)
}

/// Loads a sheet for editing: sign-in first, then editor rights.
/// A sheet this person may edit. One they cannot even see is 404 (a draft's existence is not
/// revealed); one they see but may not edit is 403.
pub async fn load_editable(state: &AppState, ctx: &Ctx, raw_id: &str) -> AppResult<Experience> {
    ctx.require_user()?;
    let e = load_visible(state, ctx, raw_id).await?;
    if crate::experiences::can_edit(ctx.user.as_ref(), &e) {
        Ok(e)
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PageQuery {
    pagina: Option<String>,
    aviso: Option<String>,
}

async fn home(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let taxonomy = state.taxonomy().await?;
    let (items, _) = crate::experiences::list_published(&state.db, 1, 6).await?;
    let (total, countries) = crate::experiences::counts(&state.db).await?;
    let latest = items
        .iter()
        .map(|s| Card::new(s, &taxonomy, ctx.lang))
        .collect();
    let discover_req = crate::catalogue::SearchRequest {
        sort: crate::catalogue::Sort::Discover,
        page: 1,
        per_page: 3,
        ..Default::default()
    };
    let ids = state.catalogue.search(&discover_req)?.ids;
    let discover = crate::experiences::cards(&state.db, &ids)
        .await?
        .iter()
        .map(|e| Card::new(&e.summary(), &taxonomy, ctx.lang))
        .collect();
    let now = crate::now();
    let open_calls = crate::calls::list(&state.db)
        .await?
        .into_iter()
        .filter(|c| c.window(now) == crate::calls::Window::Open)
        .map(|c| {
            let closes = c
                .closes_at
                .map(|t| crate::clock::local_time(t, &c.time_zone))
                .unwrap_or_default();
            (c.url(), c.title, closes)
        })
        .collect();
    render(HomePage {
        open_calls,
        ctx,
        latest,
        discover,
        total,
        countries,
    })
}

async fn mine(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let taxonomy = state.taxonomy().await?;
    let items = crate::experiences::list_for_editor(&state.db, user.id).await?;
    let cards = items
        .iter()
        .map(|s| Card::new(s, &taxonomy, ctx.lang))
        .collect();
    // where each of my sheets stands in the calls it was submitted to
    let calls: std::collections::HashMap<i64, String> = crate::calls::list(&state.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let mut submissions = Vec::new();
    for sheet in &items {
        for s in crate::calls::submissions_of_sheet(&state.db, sheet.id).await? {
            let link = format!("/convocatorias/{}/postulaciones/{}", s.call_id, s.id);
            let call = calls.get(&s.call_id).cloned().unwrap_or_default();
            submissions.push((link, s.title, call, s.state));
        }
    }
    render(MinePage {
        ctx,
        latest: cards,
        submissions,
    })
}

/// `?aviso=` codes of these pages and their messages.
const NOTICES: &[(&str, &str)] = &[
    ("creada", "notice-sheet-created"),
    ("guardada", "notice-sheet-saved"),
    ("publicada", "notice-sheet-published"),
    ("archivada", "notice-sheet-archived"),
    ("borrador", "notice-sheet-unpublished"),
    ("restaurada", "notice-sheet-restored"),
    ("cambiada", "notice-restore-stale"),
    ("adjunto", "notice-attachment-added"),
    ("adjunto-borrado", "notice-attachment-deleted"),
    ("invitacion", "notice-invitation-sent"),
    ("coeditor", "notice-coeditor-joined"),
    ("confirmar-correo", "notice-confirm-email-to-publish"),
    ("en-revision", "notice-sheet-awaiting-review"),
];
