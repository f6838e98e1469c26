//! Recovering an account: "Olvidé mi contraseña" (the same answer and the same work whether or
//! not the address has an account) and choosing a new password through the e-mailed link.

use super::TokenPurpose;
use super::views::*;
use crate::state::AppState;
use crate::web::Path;
use crate::web::form::{Driven, Filled};
use crate::web::{AppResult, ClientIp, Ctx, FieldErrors, Submitted, render, render_status};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

pub(super) async fn forgot_form(ctx: Ctx) -> AppResult<Response> {
    render(ForgotPage {
        ctx,
        email: String::new(),
        errors: FieldErrors::new(),
        sent: false,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct EmailOnly {
    email: String,
}

pub(super) async fn forgot(
    State(state): State<AppState>,
    ctx: Ctx,
    client: ClientIp,
    form: Submitted<EmailOnly>,
) -> AppResult<Response> {
    let lang = ctx.lang;
    let asked = form
        .drive(
            |f| {
                super::Email::parse(&f.email).map_err(|e| {
                    let mut errors = FieldErrors::new();
                    errors.add("email", e);
                    errors
                })
            },
            // Same answer, and the same work, whether or not the address has an account (no
            // account discovery): the job looks the account up and sends the link.
            async |email| {
                super::routes::auth_rate_limit(&state, &client, "forgot").await?;
                Ok(super::request_reset(&state.db, email.as_str(), lang).await?)
            },
        )
        .await?;
    match asked {
        Driven::Saved(()) => render(ForgotPage {
            ctx,
            email: String::new(),
            errors: FieldErrors::new(),
            sent: true,
        }),
        Driven::Again(Filled {
            form,
            errors,
            status,
        }) => render_status(
            status,
            ForgotPage {
                ctx,
                email: form.email,
                errors,
                sent: false,
            },
        ),
    }
}

pub(super) async fn reset_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    if super::peek_email_token(&state.db, &token, TokenPurpose::Reset)
        .await?
        .is_none()
    {
        return render_status(
            StatusCode::NOT_FOUND,
            NoticePage {
                ctx,
                title_key: "token-invalid-title",
                body_key: "token-invalid-body",
            },
        );
    }
    render(ResetPage {
        ctx,
        token,
        errors: FieldErrors::new(),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct PasswordOnly {
    password: String,
}

pub(super) async fn reset(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    form: Submitted<PasswordOnly>,
) -> AppResult<Response> {
    let saved = form
        .drive(
            |f| {
                let mut errors = FieldErrors::new();
                match super::check_password(&f.password) {
                    Ok(()) => Ok(f.password.clone()),
                    Err(e) => {
                        errors.add("password", e);
                        Err(errors)
                    }
                }
            },
            async |password| {
                let redeemed =
                    super::redeem_email_token(&state.db, &token, TokenPurpose::Reset).await?;
                let Some(user_id) = redeemed else {
                    return Ok(false);
                };
                super::set_password(&state.db, user_id, password).await?;
                // whoever can read the mailbox owns the address
                super::confirm_email(&state.db, user_id).await?;
                Ok(true)
            },
        )
        .await?;
    match saved {
        Driven::Saved(true) => Ok(crate::web::page::see_other_with_notice(
            "/cuenta/entrar",
            "clave-cambiada",
        )),
        Driven::Saved(false) => render_status(
            StatusCode::NOT_FOUND,
            NoticePage {
                ctx,
                title_key: "token-invalid-title",
                body_key: "token-invalid-body",
            },
        ),
        Driven::Again(Filled { errors, status, .. }) => {
            render_status(status, ResetPage { ctx, token, errors })
        }
    }
}
