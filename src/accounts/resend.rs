//! A form sent by someone who is not signed in (the session ended in another tab, expired,
//! or they never signed in) is not lost: instead of a bare redirect, the sign-in page carries
//! what was typed (`reenvio`), and after signing in a page shows it and sends it again to
//! where it was going with one button. Urlencoded forms only (a file must be chosen again).

use super::views::{LoginPage, ResendPage};
use crate::web::{AppResult, Ctx, FieldErrors, render, render_status};
use axum::http::StatusCode;
use axum::response::Response;

/// The sign-in page for a form that needed a session: 401, with the form's fields (but its
/// old CSRF token) kept in the page to send after signing in.
pub fn sign_in_to_send(ctx: Ctx, return_to: &str, body: &[u8]) -> Response {
    let kept = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(url::form_urlencoded::parse(body).filter(|(k, _)| k != "csrf"))
        .finish();
    let notice = Some(ctx.t("login-to-send"));
    let page = LoginPage {
        ctx,
        email: String::new(),
        return_to: crate::web::safe_return_path(Some(return_to)),
        errors: FieldErrors::new(),
        notice,
        kept,
    };
    render_status(StatusCode::UNAUTHORIZED, page).unwrap_or_else(|e| {
        use axum::response::IntoResponse;
        e.into_response()
    })
}

/// After signing in: what was typed, and one button that sends it where it was going.
pub fn resend_page(ctx: Ctx, action: String, kept: &str) -> AppResult<Response> {
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(kept.as_bytes())
        .filter(|(k, _)| k != "csrf")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let texts = crate::web::form::typed_texts(kept.as_bytes());
    render(ResendPage {
        ctx,
        action,
        fields,
        texts,
    })
}
