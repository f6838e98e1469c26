//! `/admin/taxonomias`: themes, actor types, modalities and scales, with their es/pt/en
//! labels: add, rename, retire or bring back, merge. The operations are
//! `crate::taxonomy::edit`; every change is in the audit log.

use super::web::admin_only;
use crate::state::AppState;
use crate::taxonomy::edit::{self, TermForm};
use crate::taxonomy::{Taxonomy, VOCABULARIES};
use crate::web::Path;
use crate::web::form::{Driven, Params, pick};
use crate::web::page::NoticeQuery;
use crate::web::{AppError, AppResult, Ctx, FieldErrors, Filled, Submitted, render_status};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/taxonomias", get(page).post(add))
        .route("/admin/taxonomias/{id}", post(rename))
        .route("/admin/taxonomias/{id}/retirar", post(retire))
        .route("/admin/taxonomias/{id}/fusionar", post(merge))
}

const NOTICES: &[(&str, &str)] = &[
    ("agregado", "notice-term-added"),
    ("renombrado", "notice-term-renamed"),
    ("retirado", "notice-term-retired"),
    ("restaurado", "notice-term-restored"),
    ("fusionado", "notice-term-merged"),
];

#[derive(Template)]
#[template(path = "admin/terms.html")]
struct TermsPage {
    ctx: Ctx,
    taxonomy: Taxonomy,
    usage: HashMap<i64, i64>,
    form: TermForm,
    /// The term whose form the errors belong to (0: the add form).
    failed: i64,
    errors: FieldErrors,
    notice: Option<String>,
}

impl TermsPage {
    fn vocabularies(&self) -> [&'static str; 4] {
        VOCABULARIES
    }
    fn used(&self, id: &i64) -> i64 {
        self.usage.get(id).copied().unwrap_or(0)
    }
    fn is_failed(&self, term: &i64) -> bool {
        self.failed == *term
    }
    fn error(&self, term: &i64, field: &str) -> Option<&'static str> {
        if self.failed == *term {
            self.errors.get(field)
        } else {
            None
        }
    }
    /// The name shown in a term's rename box: what was typed, on the form that failed.
    fn name_in(&self, t: &crate::taxonomy::Term, lang: &str) -> String {
        let typed = self.failed == t.id;
        match lang {
            "es" if typed => self.form.name_es.clone(),
            "pt" if typed => self.form.name_pt.clone(),
            "en" if typed => self.form.name_en.clone(),
            "es" => t.names.es.clone(),
            "pt" => t.names.pt.clone(),
            _ => t.names.en.clone(),
        }
    }
    fn add_error(&self, field: &str) -> Option<&'static str> {
        self.error(&0, field)
    }
}

async fn terms_page(
    state: &AppState,
    ctx: Ctx,
    filled: Filled<TermForm>,
    failed: i64,
    notice: Option<String>,
) -> AppResult<Response> {
    render_status(
        filled.status,
        TermsPage {
            taxonomy: crate::taxonomy::Taxonomy::load(&state.db).await?,
            usage: edit::usage(&state.db).await?,
            ctx,
            form: filled.form,
            failed,
            errors: filled.errors,
            notice,
        },
    )
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(q): Params<NoticeQuery>,
) -> AppResult<Response> {
    admin_only(&ctx)?;
    let notice = ctx.notice(q.aviso.as_deref(), NOTICES);
    terms_page(&state, ctx, Filled::default(), -1, notice).await
}

fn done(state: &AppState, notice: &str) -> Response {
    state.forget_taxonomy();
    crate::web::page::see_other_with_notice("/admin/taxonomias", notice)
}

async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<TermForm>,
) -> AppResult<Response> {
    let actor = admin_only(&ctx)?;
    let db = state.db.clone();
    match form
        .drive(
            |f| f.parse(true),
            async |d: edit::TermDraft| edit::add(&db, actor.id, &d).await,
        )
        .await?
    {
        Driven::Saved(()) => Ok(done(&state, "agregado")),
        Driven::Again(filled) => terms_page(&state, ctx, filled, 0, None).await,
    }
}

async fn rename(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<TermForm>,
) -> AppResult<Response> {
    let actor = admin_only(&ctx)?;
    let (vocabulary, code) = edit::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let db = state.db.clone();
    let mut form = form;
    form.data.vocabulary = vocabulary;
    form.data.code = code.clone();
    match form
        .drive(
            |f| f.parse(false),
            async |d: edit::TermDraft| edit::rename(&db, actor.id, id, &d).await,
        )
        .await?
    {
        Driven::Saved(()) => Ok(done(&state, "renombrado")),
        Driven::Again(filled) => terms_page(&state, ctx, filled, id, None).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RetireForm {
    accion: String,
}

async fn retire(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<RetireForm>,
) -> AppResult<Response> {
    let actor = admin_only(&ctx)?;
    edit::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let retired = pick(
        &form.data.accion,
        &[("retirar", true), ("restaurar", false)],
    )?;
    form.require_csrf()?;
    edit::set_retired(&state.db, actor.id, id, retired)
        .await
        .map_err(AppError::refused)?;
    Ok(done(
        &state,
        if retired { "retirado" } else { "restaurado" },
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MergeForm {
    into: String,
}

async fn merge(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<MergeForm>,
) -> AppResult<Response> {
    let actor = admin_only(&ctx)?;
    edit::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let merged = form
        .drive(
            |f| {
                f.into.parse::<i64>().map_err(|_| {
                    let mut errors = FieldErrors::new();
                    errors.add("into", "error-choose-one");
                    errors
                })
            },
            async |into| {
                edit::merge(&state.db, actor.id, id, into).await?;
                Ok(())
            },
        )
        .await?;
    match merged {
        Driven::Saved(()) => Ok(done(&state, "fusionado")),
        Driven::Again(filled) => {
            let filled = filled.map(|_| TermForm::default());
            terms_page(&state, ctx, filled, id, None).await
        }
    }
}
