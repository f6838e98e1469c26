//! `/cuenta/privacidad`: my data (download), password, e-mail and account deletion; the
//! public privacy notice (`/privacidad`, linked from registration).

use super::personal;
use crate::refusal::Refusal;
use crate::state::AppState;
use crate::web::Path;
use crate::web::context::SESSION_COOKIE;
use crate::web::form::{Driven, Filled, Params};
use crate::web::page::NoticeQuery;
use crate::web::{
    AppError, AppResult, Ctx, FieldErrors, Submitted, cookie, render, render_status, see_other,
    with_cookie,
};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/privacidad", get(notice))
        .route("/cuenta/privacidad", get(page))
        .route("/cuenta/datos", get(download))
        .route("/cuenta/clave", post(change_password))
        .route("/cuenta/correo", post(change_email))
        .route(
            "/cuenta/correo/{token}",
            get(confirm_email_page).post(confirm_email),
        )
        .route("/cuenta/borrar", post(delete))
        .route("/cuenta/borrada", get(deleted))
}

async fn deleted(ctx: Ctx) -> AppResult<Response> {
    render(super::views::NoticePage {
        ctx,
        title_key: "account-deleted-title",
        body_key: "account-deleted-body",
    })
}

#[derive(Template)]
#[template(path = "accounts/privacy_notice.html")]
struct NoticePage {
    ctx: Ctx,
}

async fn notice(ctx: Ctx) -> AppResult<Response> {
    render(NoticePage { ctx })
}

/// What was typed in the page's forms (passwords are never shown again).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub(super) struct PersonalForm {
    current: String,
    password: String,
    email: String,
    confirm: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/privacy.html")]
struct PrivacyPage {
    ctx: Ctx,
    /// Which form the errors belong to: "clave", "correo" or "borrar".
    which: &'static str,
    email: String,
    errors: FieldErrors,
    notice: Option<String>,
}

impl PrivacyPage {
    fn error(&self, form: &str, field: &str) -> Option<&'static str> {
        if self.which == form {
            self.errors.get(field)
        } else {
            None
        }
    }
}

const NOTICES: &[(&str, &str)] = &[
    ("clave", "notice-password-changed-here"),
    ("correo", "notice-email-change-sent"),
    ("correo-cambiado", "notice-email-changed"),
];

async fn page(ctx: Ctx, Params(q): Params<NoticeQuery>) -> AppResult<Response> {
    ctx.require_user()?;
    render(PrivacyPage {
        notice: ctx.notice(q.aviso.as_deref(), NOTICES),
        ctx,
        which: "",
        email: String::new(),
        errors: FieldErrors::new(),
    })
}

/// Back to the privacy page: with the notice `which` once done, or with the form `which`
/// shown again.
fn answer(ctx: Ctx, which: &'static str, driven: Driven<PersonalForm, ()>) -> AppResult<Response> {
    match driven {
        Driven::Saved(()) => Ok(crate::web::page::see_other_with_notice(
            "/cuenta/privacidad",
            which,
        )),
        Driven::Again(filled) => again(ctx, which, filled),
    }
}

fn again(ctx: Ctx, which: &'static str, filled: Filled<PersonalForm>) -> AppResult<Response> {
    render_status(
        filled.status,
        PrivacyPage {
            ctx,
            which,
            email: filled.form.email,
            errors: filled.errors,
            notice: None,
        },
    )
}

async fn download(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let data = personal::export(&state.db, &user).await?;
    let body = serde_json::to_vec_pretty(&data).map_err(anyhow::Error::from)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                crate::web::content_disposition("attachment", "ayni-mis-datos.json"),
            ),
        ],
        body,
    )
        .into_response())
}

async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    form: Submitted<PersonalForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let session = crate::web::read_cookie(&headers, SESSION_COOKIE)
        .unwrap_or("")
        .to_string();
    let db = state.db.clone();
    let driven = form
        .drive(
            |f| Ok((f.current.clone(), f.password.clone())),
            async |(current, new): (String, String)| {
                personal::change_password(&db, &user, &current, &new, &session).await
            },
        )
        .await?;
    answer(ctx, "clave", driven)
}

async fn change_email(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<PersonalForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let db = state.db.clone();
    let base = state.settings.base_url.clone();
    let lang = ctx.lang;
    let save = async |(current, email): (String, String)| -> Result<(), Refusal> {
        let bucket = format!("email-change:{}", user.id);
        if !crate::web::rate_limit::hit(&db, &bucket, 5, 3600).await? {
            return Err(Refusal::Limited("error-too-many"));
        }
        personal::request_email_change(&db, &user, &current, &email, |token| crate::mail::Mail {
            to: String::new(),
            subject: lang.t("mail-email-change-subject"),
            body: lang.t_args(
                "mail-email-change-body",
                &[("link", format!("{base}/cuenta/correo/{token}"))],
            ),
        })
        .await
    };
    let driven = form
        .drive(|f| Ok((f.current.clone(), f.email.clone())), save)
        .await?;
    answer(ctx, "correo", driven)
}

#[derive(Template)]
#[template(path = "accounts/email_confirm.html")]
struct ConfirmEmailPage {
    ctx: Ctx,
    token: String,
}

/// The link opens a page with one button: a mail scanner following links changes nothing.
async fn confirm_email_page(ctx: Ctx, Path(token): Path<String>) -> AppResult<Response> {
    render(ConfirmEmailPage { ctx, token })
}

async fn confirm_email(
    State(state): State<AppState>,
    Path(token): Path<String>,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    form.require_csrf()?;
    match personal::confirm_email_change(&state.db, &token).await? {
        // every session ended: sign in with the new address
        Some(_) => Ok(with_cookie(
            crate::web::page::see_other_with_notice("/cuenta/entrar", "correo-cambiado"),
            cookie(SESSION_COOKIE, "", 0, state.settings.secure_cookies),
        )),
        None => Err(AppError::Rejected("error-email-change-link")),
    }
}

async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<PersonalForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let db = state.db.clone();
    let parse = |f: &PersonalForm| {
        let mut errors = FieldErrors::new();
        if f.confirm.as_deref() != Some("1") {
            errors.add("confirm", "error-delete-confirm");
        }
        errors.into_result(f.current.clone())
    };
    match form
        .drive(parse, async |current: String| {
            personal::delete_account(&db, &user, &current).await
        })
        .await?
    {
        Driven::Saved(_) => Ok(with_cookie(
            see_other("/cuenta/borrada"),
            cookie(SESSION_COOKIE, "", 0, state.settings.secure_cookies),
        )),
        Driven::Again(filled) => again(ctx, "borrar", filled),
    }
}
