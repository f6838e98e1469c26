//! `/convocatorias/{id}/editar` and `/convocatorias/{id}/cerrar`: its creator or an admin.

use super::routes::{form_page, load};
use super::{CallDraft, CallForm, edit};
use crate::state::AppState;
use crate::web::Path;
use crate::web::form::{Driven, Filled};
use crate::web::{AppError, AppResult, Ctx, FieldErrors, Submitted};
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/convocatorias/{id}/editar", get(edit_form).post(update))
        .route("/convocatorias/{id}/cerrar", post(close))
}

/// The call, if the reader manages it (sign-in first, then 403).
async fn managed(state: &AppState, ctx: &Ctx, id: i64) -> AppResult<super::Call> {
    ctx.require_user()?;
    let call = load(state, id).await?;
    if edit::can_manage(ctx.user.as_ref(), &call) {
        Ok(call)
    } else {
        Err(AppError::Forbidden)
    }
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let call = managed(&state, &ctx, id).await?;
    let emails = edit::facilitator_emails(&state.db, id).await?;
    form_page(
        &state,
        ctx,
        CallForm::of(&call, &emails),
        FieldErrors::new(),
        Some(id),
    )
    .await
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<CallForm>,
) -> AppResult<Response> {
    managed(&state, &ctx, id).await?;
    let user = ctx.require_user()?.clone();
    let taxonomy = state.taxonomy().await?;
    // a form without the revision it was filled from is as stale as an old one
    let revision = form.data.revision.parse().unwrap_or(-1);
    let saved = form
        .drive(
            |f| CallDraft::parse(f, &taxonomy),
            async |draft| edit::update(&state.db, &user, (id, revision), &draft).await,
        )
        .await?;
    match saved {
        Driven::Saved(()) => Ok(crate::web::page::see_other_with_notice(
            &format!("/convocatorias/{id}"),
            "editada",
        )),
        Driven::Again(Filled {
            form,
            errors,
            status,
        }) => {
            let mut page = form_page(&state, ctx, form, errors, Some(id)).await?;
            *page.status_mut() = status;
            Ok(page)
        }
    }
}

async fn close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let call = managed(&state, &ctx, id).await?;
    form.require_csrf()?;
    let user = ctx.require_user()?.clone();
    edit::close(&state.db, &user, &call).await?;
    Ok(crate::web::page::see_other_with_notice(
        &format!("/convocatorias/{id}"),
        "cerrada",
    ))
}
