//! Notification pages: the list (mark one or all as read) and the e-mail preferences.

use crate::state::AppState;
use crate::web::Path;
use crate::web::form::Params;
use crate::web::form::{Driven, Filled};
use crate::web::page::NoticeQuery;
use crate::web::{AppError, AppResult, Ctx, FieldErrors, Submitted, render_status, see_other};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/notificaciones", get(list))
        .route("/notificaciones/leidas", post(mark_all))
        .route("/notificaciones/{id}/ir", get(open))
        .route("/notificaciones/{id}/leida", post(mark_one))
        .route(
            "/notificaciones/preferencias",
            get(prefs_page).post(save_prefs),
        )
}

#[derive(Template)]
#[template(path = "notifications/list.html")]
struct ListPage {
    ctx: Ctx,
    items: Vec<super::NotificationView>,
    notice: Option<String>,
}

impl ListPage {
    fn line(&self, n: &super::NotificationView) -> String {
        self.ctx.lang.t_args(
            &n.line_key(),
            &[("name", n.actor()), ("where", n.context())],
        )
    }
    fn when(&self, t: &i64) -> String {
        crate::clock::utc(*t)
    }
}

#[derive(Template)]
#[template(path = "notifications/prefs.html")]
struct PrefsPage {
    ctx: Ctx,
    prefs: Vec<(&'static str, String)>,
    errors: FieldErrors,
    notice: Option<String>,
}

impl PrefsPage {
    fn modes(&self) -> [&'static str; 3] {
        super::MODES
    }
}

const NOTICES: &[(&str, &str)] = &[
    ("leidas", "notify-notice-read"),
    ("guardadas", "notify-notice-saved"),
];

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(q): Params<NoticeQuery>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let items = super::list(&state.db, user.id, 100).await?;
    crate::web::render(ListPage {
        notice: ctx.notice(q.aviso.as_deref(), NOTICES),
        ctx,
        items,
    })
}

async fn mark_all(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<HashMap<String, String>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    form.require_csrf()?;
    super::mark_read(&state.db, user.id, None).await?;
    Ok(crate::web::page::see_other_with_notice(
        "/notificaciones",
        "leidas",
    ))
}

/// Marks one notification as read without opening it.
async fn mark_one(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<HashMap<String, String>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    form.require_csrf()?;
    if super::owner_of(&state.db, id).await? != Some(user.id) {
        return Err(AppError::NotFound);
    }
    super::mark_read(&state.db, user.id, Some(id)).await?;
    Ok(see_other(&format!("/notificaciones#n{id}")))
}

/// Opens what a notification points to, marking it read.
async fn open(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    if super::owner_of(&state.db, id).await? != Some(user.id) {
        return Err(AppError::NotFound);
    }
    let view = super::mark_read(&state.db, user.id, Some(id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(see_other(&view.url()))
}

async fn prefs_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(q): Params<NoticeQuery>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let prefs = super::prefs(&state.db, user.id).await?;
    render_status(
        StatusCode::OK,
        PrefsPage {
            notice: ctx.notice(q.aviso.as_deref(), NOTICES),
            ctx,
            prefs,
            errors: FieldErrors::new(),
        },
    )
}

/// (kind, mode) for every notification kind (owned, so the save step needs no borrow).
#[derive(Default)]
struct Choices(Vec<(&'static str, &'static str)>);

async fn save_prefs(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<HashMap<String, String>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let saved = form
        .drive(
            |typed| {
                let mut errors = FieldErrors::new();
                let mut choices = Choices::default();
                // a kind the form did not send (a page opened before a new kind existed)
                // keeps its current choice
                for kind in super::KINDS {
                    let Some(mode) = typed.get(kind).map(String::as_str) else {
                        continue;
                    };
                    match super::MODES.iter().find(|m| **m == mode) {
                        Some(m) => choices.0.push((kind, *m)),
                        None => errors.add(kind, "error-choice-unknown"),
                    }
                }
                errors.into_result(choices)
            },
            async |choices: Choices| Ok(super::set_prefs(&state.db, user.id, &choices.0).await?),
        )
        .await?;
    let (typed, errors, status) = match saved {
        Driven::Saved(()) => {
            return Ok(crate::web::page::see_other_with_notice(
                "/notificaciones/preferencias",
                "guardadas",
            ));
        }
        Driven::Again(Filled {
            form,
            errors,
            status,
        }) => (form, errors, status),
    };
    // Keep what was chosen where it was valid.
    let prefs = super::KINDS
        .iter()
        .map(|k| (*k, typed.get(*k).cloned().unwrap_or_default()))
        .collect();
    render_status(
        status,
        PrefsPage {
            ctx,
            prefs,
            errors,
            notice: None,
        },
    )
}
