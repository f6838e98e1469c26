//! The per-request context, built once by `context_layer` and read by handlers as `Ctx`:
//! who is signed in, which language to speak, the CSRF token for forms. The layer also turns
//! `ErrorPage` markers into localized error pages and issues the CSRF cookie when missing.

use super::error::ErrorPage;
use crate::accounts::{self, User};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::assets::assets;
use askama::Template;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

pub const CSRF_COOKIE: &str = "ayni_csrf";
pub const LANG_COOKIE: &str = "ayni_lang";
pub const SESSION_COOKIE: &str = "ayni_session";
pub const GUIDE_COOKIE: &str = "ayni_guide";

#[derive(Clone, Debug)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<User>,
    pub csrf: String,
    /// Path and query of this request (for "come back here" links).
    pub here: String,
    pub css: &'static str,
    pub js: &'static str,
    /// The reader closed the first-steps guide (it can be reopened).
    pub guide_hidden: bool,
    /// Unread notifications of the signed-in person (shown in the header).
    pub unread: i64,
    /// The time of this request, from the instance's clock (`AppState::clock`).
    pub now: i64,
    /// The site's name and contact, as the admins set them.
    pub site: std::sync::Arc<crate::admin::Site>,
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }
    /// A fresh one-time token for a form that creates something (see `Submitted::drive_once`).
    pub fn submission_token(&self) -> String {
        super::random_token(16)
    }
    /// The message `key` with one argument (`{ $name }` = `value`).
    pub fn t_with(&self, key: &str, name: &str, value: impl ToString) -> String {
        self.lang.t_args(key, &[(name, value.to_string())])
    }
    /// The label of a form field (`field-<name>`).
    pub fn label(&self, field: &str) -> String {
        self.lang.t(&format!("field-{field}"))
    }
    pub fn help(&self, field: &str) -> String {
        self.lang.t(&format!("help-{field}"))
    }
    pub fn example(&self, field: &str) -> String {
        self.lang.t(&format!("example-{field}"))
    }
    /// The message for a coded value: `t_code("stance-", "favor")` reads `stance-favor`.
    pub fn t_code(&self, prefix: &str, suffix: &str) -> String {
        self.lang.t(&format!("{prefix}{suffix}"))
    }
    /// The message for `?aviso=<code>`, looked up in a page's table of (code, message key).
    pub fn notice(&self, aviso: Option<&str>, table: &[(&str, &str)]) -> Option<String> {
        let code = aviso?;
        table
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, key)| self.t(key))
    }
    pub fn langs(&self) -> [Lang; 3] {
        Lang::ALL
    }
    pub fn here_encoded(&self) -> String {
        super::error::urlencode(&self.here)
    }
    pub fn is_admin(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role == accounts::Role::Admin)
    }
    /// The signed-in user, or a redirect to the sign-in page.
    pub fn require_user(&self) -> Result<&User, super::AppError> {
        self.user
            .as_ref()
            .ok_or_else(|| super::AppError::SignInRequired(self.here.clone()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = super::AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| super::AppError::Internal(anyhow::anyhow!("context layer missing")))
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    ctx: Ctx,
    message_key: &'static str,
    /// What the refused form held, shown so that it is not lost.
    texts: Vec<String>,
}

/// axum's own rejections (a path id that is not a number, a wrong method, a malformed form)
/// are plain text; people get the app's page in their language instead.
fn framework_rejection(response: &Response) -> Option<ErrorPage> {
    let status = response.status();
    let plain_text = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    let empty_405 = status == axum::http::StatusCode::METHOD_NOT_ALLOWED;
    if !(status.is_client_error() && (plain_text || empty_405)) {
        return None;
    }
    let message_key = match status.as_u16() {
        404 => "error-not-found",
        429 => "error-too-many",
        _ => "error-bad-request",
    };
    Some(ErrorPage {
        status,
        message_key,
    })
}

/// A urlencoded form posted to a page outside the account pages (which have their own
/// anonymous forms: sign-in, registration, recovery).
fn sent_form(req: &Request) -> bool {
    req.method() == axum::http::Method::POST
        && !req.uri().path().starts_with("/cuenta/")
        && req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

pub async fn context_layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let headers = req.headers();
    let path = req.uri().path().to_string();
    let plain = path.starts_with("/static/") || path == "/healthz";
    let existing_csrf = super::read_cookie(headers, CSRF_COOKIE)
        .filter(|v| v.len() >= 20)
        .map(str::to_string);
    let csrf = existing_csrf
        .clone()
        .unwrap_or_else(|| super::random_token(24));
    let user = match super::read_cookie(headers, SESSION_COOKIE) {
        Some(token) if !plain => match accounts::user_for_session(&state.db, token).await {
            Ok(u) => u,
            Err(e) => {
                tracing::error!(error = ?e, "session lookup failed");
                None
            }
        },
        _ => None,
    };
    let lang = super::read_cookie(headers, LANG_COOKIE)
        .and_then(Lang::parse)
        .or_else(|| user.as_ref().and_then(|u| Lang::parse(&u.lang)))
        .or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default();
    let unread = match &user {
        Some(u) => crate::notifications::unread_count(&state.db, u.id)
            .await
            .unwrap_or_else(|e| {
                tracing::error!(error = ?e, "unread count failed");
                0
            }),
        None => 0,
    };
    let ctx = Ctx {
        site: state.site().await,
        now: state.clock.now(),
        unread,
        lang,
        user,
        csrf: csrf.clone(),
        // where to come back to (language switch, sign-in); an overlong address is cut
        // to its path so it is never repeated into every link of the page
        here: req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .filter(|p| p.len() <= 1000)
            .map(str::to_string)
            .unwrap_or(path),
        guide_hidden: super::read_cookie(headers, GUIDE_COOKIE) == Some("oculta"),
        css: assets().css_url,
        js: assets().js_url,
    };
    req.extensions_mut().insert(ctx.clone());
    // a form's text is kept: sent without a session, for after signing in
    // (accounts::resend); refused, to show it back on the error page. Only a form of this
    // site (its CSRF token matches the cookie): another site's POST must never be turned
    // into a page that offers to send it, or be shown as if the person had written it.
    let kept = if sent_form(&req) {
        let (parts, body) = req.into_parts();
        // as large as any form may be; above it the request is refused as the form would be
        let limit = state.settings.max_upload_bytes + 64 * 1024;
        match axum::body::to_bytes(body, limit).await {
            Ok(bytes) => {
                req = Request::from_parts(parts, axum::body::Body::from(bytes.clone()));
                let ours = existing_csrf.as_deref().is_some_and(|cookie| {
                    url::form_urlencoded::parse(&bytes)
                        .any(|(k, v)| k == "csrf" && super::form::constant_eq(&v, cookie))
                });
                ours.then_some(bytes)
            }
            Err(_) => return axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response(),
        }
    } else {
        None
    };
    let signed_in = ctx.user.is_some();
    let mut response = next.run(req).await;
    if let Some(body) = &kept
        && ctx.user.is_none()
        && response.status() == axum::http::StatusCode::SEE_OTHER
        && response
            .headers()
            .get(axum::http::header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .is_some_and(|l| l.starts_with("/cuenta/entrar?"))
    {
        response = accounts::resend::sign_in_to_send(ctx.clone(), &ctx.here, body);
    }
    let marker = response
        .extensions()
        .get::<ErrorPage>()
        .copied()
        .or_else(|| (!plain).then(|| framework_rejection(&response)).flatten());
    if let Some(page) = marker {
        let body = ErrorTemplate {
            ctx,
            message_key: page.message_key,
            texts: kept
                .as_deref()
                .map(super::form::typed_texts)
                .unwrap_or_default(),
        }
        .render()
        .unwrap_or_default();
        let mut r = Html(body).into_response();
        *r.status_mut() = page.status;
        for (k, v) in response.headers() {
            if k == axum::http::header::SET_COOKIE {
                r.headers_mut().append(k, v.clone());
            }
        }
        response = r;
    }
    // what a signed-in person sees is never written to the browser's disk: on a shared
    // computer, Back after signing out shows nothing (public pages: `no-cache`, app.rs)
    if signed_in {
        response
            .headers_mut()
            .entry(axum::http::header::CACHE_CONTROL)
            .or_insert(axum::http::HeaderValue::from_static("private, no-store"));
    }
    // every limit says when to come back (the windows are ten minutes, flags an hour)
    if response.status() == axum::http::StatusCode::TOO_MANY_REQUESTS
        && !response
            .headers()
            .contains_key(axum::http::header::RETRY_AFTER)
    {
        response.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from_static("600"),
        );
    }
    if existing_csrf.is_none() && !plain {
        let c = super::cookie(
            CSRF_COOKIE,
            &csrf,
            60 * 60 * 24 * 30,
            state.settings.secure_cookies,
        );
        response
            .headers_mut()
            .append(axum::http::header::SET_COOKIE, c);
    }
    response
}
