//! Form extraction. `Submitted<T>` parses an urlencoded body into `T` (repeated keys become
//! `Vec`s, so checkbox groups work) and reports whether the CSRF token matched, so the handler
//! can re-render the form with what was typed instead of throwing it away.

use super::{AppError, Ctx};
use axum::extract::{FromRequest, Request};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

pub struct Submitted<T> {
    pub data: T,
    pub csrf_ok: bool,
}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Submitted<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let expected = req
            .extensions()
            .get::<Ctx>()
            .map(|c| c.csrf.clone())
            .unwrap_or_default();
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest)?;
        let data: T = serde_html_form::from_bytes(&bytes).map_err(|_| AppError::BadRequest)?;
        let sent: CsrfField =
            serde_html_form::from_bytes(&bytes).map_err(|_| AppError::BadRequest)?;
        Ok(Submitted {
            data,
            csrf_ok: !expected.is_empty() && constant_eq(&sent.csrf, &expected),
        })
    }
}

/// Reads a multipart form with a CSRF token and one file field named `file`: the cleaned
/// file name and its bytes, or the message key of what went wrong (too large, stale form,
/// no file).
pub async fn single_upload(
    multipart: &mut axum::extract::Multipart,
    expected_csrf: &str,
) -> Result<(String, axum::body::Bytes), &'static str> {
    let (mut csrf, mut file) = (String::new(), None);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            // the body limit cut the upload short
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                return Err("upload-too-large");
            }
            // a malformed part, e.g. a file name with a NUL character
            Err(_) => return Err("upload-unreadable"),
        };
        match field.name() {
            Some("csrf") => csrf = field.text().await.unwrap_or_default(),
            Some("file") => {
                let name = crate::files::clean_file_name(field.file_name().unwrap_or(""));
                let bytes = field.bytes().await.map_err(|e| {
                    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                        "upload-too-large"
                    } else {
                        "upload-unreadable"
                    }
                })?;
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    if !constant_eq(&csrf, expected_csrf) {
        return Err("error-csrf");
    }
    file.ok_or("upload-empty")
}

pub fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Field name → message key. `"_form"` holds errors about the whole form.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors(BTreeMap<&'static str, &'static str>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn add(&mut self, field: &'static str, message_key: &'static str) {
        self.0.entry(field).or_insert(message_key);
    }
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.get(field).copied()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.0.iter().map(|(k, v)| (*k, *v))
    }
    /// The status of a page showing this form: 200, or 422 when it has errors.
    pub fn status(&self) -> axum::http::StatusCode {
        if self.is_empty() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        }
    }
    /// The form-level error shown when the CSRF token did not match.
    pub fn check_csrf(&mut self, ok: bool) {
        if !ok {
            self.add("_form", "error-csrf");
        }
    }
}
