//! One error type for handlers. Its response carries an `ErrorPage` marker; the context layer
//! (which knows the reader's language) turns the marker into a localized page. Only internal
//! errors are logged.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

#[derive(Debug)]
pub enum AppError {
    NotFound,
    Forbidden,
    /// Not signed in: redirect to the sign-in page, then back to `return_to`.
    SignInRequired(String),
    TooManyRequests,
    BadRequest,
    /// A request refused for a reason the person can fix (400), with its message key.
    Rejected(&'static str),
    /// A one-button action refused by a rule, with the status its kind has (`Refusal::status`).
    Refused(StatusCode, &'static str),
    Internal(anyhow::Error),
}

impl AppError {
    /// The error page of a refusal, for actions with no form to show again.
    pub fn refused(r: crate::refusal::Refusal) -> AppError {
        use crate::refusal::Refusal;
        match r {
            Refusal::Failed(e) => AppError::Internal(e),
            Refusal::Forbidden(_) => AppError::Forbidden,
            r => AppError::Refused(r.status(), r.key().unwrap_or("error-internal")),
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// Marker left on error responses, rendered by `context_layer`.
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub message_key: &'static str,
}

impl<E: Into<anyhow::Error>> From<E> for AppError {
    fn from(e: E) -> Self {
        AppError::Internal(e.into())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, message_key) = match self {
            AppError::SignInRequired(return_to) => {
                let to = format!("/cuenta/entrar?volver={}", urlencode(&return_to));
                return Redirect::to(&to).into_response();
            }
            AppError::NotFound => (StatusCode::NOT_FOUND, "error-not-found"),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden"),
            AppError::TooManyRequests => (StatusCode::TOO_MANY_REQUESTS, "error-too-many"),
            AppError::BadRequest => (StatusCode::BAD_REQUEST, "error-bad-request"),
            AppError::Rejected(key) => (StatusCode::BAD_REQUEST, key),
            AppError::Refused(status, key) => (status, key),
            AppError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
            }
        };
        let mut r = status.into_response();
        r.extensions_mut().insert(ErrorPage {
            status,
            message_key,
        });
        r
    }
}

pub fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
