//! Form extraction. `Submitted<T>` parses an urlencoded body into `T` (repeated keys become
//! `Vec`s, so checkbox groups work) and reports whether the CSRF token matched, so the handler
//! can re-render the form with what was typed instead of throwing it away.

use super::{AppError, AppResult, Ctx};
use crate::refusal::Refusal;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

pub struct Submitted<T> {
    pub data: T,
    pub csrf_ok: bool,
    /// The form's one-time token (`envio`) with what was sent, on forms that create
    /// something ([`super::once::token`]).
    pub once: Option<String>,
}

impl<T> Submitted<T> {
    /// For forms that carry no text to keep (a button): a stale or forged token is refused
    /// with the page that says so, as on every other form.
    pub fn require_csrf(&self) -> AppResult<()> {
        require_csrf(self.csrf_ok)
    }
}

/// `Submitted::require_csrf`, for handlers handed the verdict alone.
pub fn require_csrf(ok: bool) -> AppResult<()> {
    if ok {
        Ok(())
    } else {
        Err(AppError::Refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "error-csrf",
        ))
    }
}

/// What the form's button (or field) chose among `choices`; anything else is a malformed
/// form (400), never a default.
pub fn pick<T: Copy>(value: &str, choices: &[(&str, T)]) -> AppResult<T> {
    choices
        .iter()
        .find(|(code, _)| *code == value)
        .map(|(_, v)| *v)
        .ok_or(AppError::BadRequest)
}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    envio: String,
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
        let data: T = parse_lenient(&bytes)?;
        let sent: CsrfField = parse_lenient(&bytes)?;
        let once = Some(sent.envio)
            .filter(|t| !t.is_empty() && t.len() <= 64)
            .map(|t| super::once::token(&t, &bytes));
        Ok(Submitted {
            data,
            csrf_ok: !expected.is_empty() && constant_eq(&sent.csrf, &expected),
            once,
        })
    }
}

/// A query string parsed like a form body (`parse_lenient`): a key sent twice keeps its last
/// value instead of failing the page.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> axum::extract::FromRequestParts<S> for Params<T> {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        parse_lenient(parts.uri.query().unwrap_or("").as_bytes()).map(Params)
    }
}

/// Parses a form body. A field sent twice (a hostile or broken client) would fail the whole
/// form and lose what was typed: then the last value of each repeated key is kept, as
/// browsers' own single-value fields would send.
///
/// Every key and value first loses the characters no keyboard types and that break storage
/// or documents (`unsendable`): this is the one door all forms and query strings pass.
pub fn parse_lenient<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(bytes)
        .map(|(k, v)| (scrub(&k), scrub(&v)))
        .collect();
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pairs)
        .finish();
    if let Ok(data) = serde_html_form::from_str(&body) {
        return Ok(data);
    }
    let mut last: Vec<(String, String)> = Vec::new();
    for (k, v) in pairs {
        match last.iter_mut().find(|(key, _)| *key == k) {
            Some(slot) => slot.1 = v,
            None => last.push((k, v)),
        }
    }
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(last)
        .finish();
    serde_html_form::from_str(&body).map_err(|_| AppError::BadRequest)
}

/// Characters nobody sends on purpose that break what stores or shows text: NUL and the
/// other C0 controls but tab and line ends (PostgreSQL refuses NUL; XML refuses the rest),
/// and the noncharacters U+FFFE and U+FFFF (not allowed in XML, so in the Atom feed).
pub fn unsendable(c: char) -> bool {
    (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{7f}'))
        || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// What a person typed into a form (an urlencoded body), to show back when it cannot be
/// taken: the values, without the form's machinery (tokens, return addresses, buttons) and
/// without codes and ids (`es`, `periodic`, `12`).
pub fn typed_texts(body: &[u8]) -> Vec<String> {
    const MACHINERY: &[&str] = &["csrf", "envio", "volver", "accion", "estado", "reenvio"];
    let code = |v: &str| {
        v.len() <= 12
            && v.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_'))
    };
    url::form_urlencoded::parse(body)
        .filter(|(k, v)| !MACHINERY.contains(&k.as_ref()) && !is_blank(v) && !code(v.trim()))
        .map(|(_, v)| scrub(&v))
        .collect()
}

fn scrub(text: &str) -> String {
    text.chars().filter(|c| !unsendable(*c)).collect()
}

/// A typed text, cleaned (`clean_text`), with the field's error when it is longer than `max`
/// characters; the message says the limit.
pub fn bounded(errors: &mut FieldErrors, field: &'static str, value: &str, max: usize) -> String {
    let v = clean_text(value);
    if v.chars().count() > max {
        errors.add(
            field,
            match max {
                0..=200 => "error-too-long-200",
                201..=300 => "error-too-long-300",
                301..=500 => "error-too-long-500",
                501..=1000 => "error-too-long-1000",
                1001..=2000 => "error-too-long-2000",
                2001..=5000 => "error-too-long-5000",
                _ => "error-too-long-20000",
            },
        );
    }
    v
}

/// What became of a submitted form.
pub enum Driven<F, T> {
    /// The draft was valid and `save` kept it.
    Saved(T),
    /// Show the form again, as it was filled in.
    Again(Filled<F>),
}

/// A form as its page shows it: what was typed, what is wrong with it, and the status to
/// answer with. Every page that holds a form takes one, fresh (`Filled::new`) or refused.
pub struct Filled<F> {
    pub form: F,
    pub errors: FieldErrors,
    pub status: StatusCode,
}

impl<F> Filled<F> {
    /// A form shown for the first time: nothing wrong, `200 OK`.
    pub fn new(form: F) -> Self {
        Filled {
            form,
            errors: FieldErrors::new(),
            status: StatusCode::OK,
        }
    }

    /// The form with what is wrong with it, answered with the status those errors call for.
    pub fn invalid(form: F, errors: FieldErrors) -> Self {
        Filled {
            form,
            status: errors.status(),
            errors,
        }
    }

    /// The form refused by an operation: its message on the field it names, its status.
    /// A failure (not a refusal) is an error page instead.
    pub fn refused(form: F, refusal: Refusal) -> AppResult<Self> {
        if let Refusal::Failed(e) = refusal {
            return Err(AppError::Internal(e));
        }
        let mut errors = FieldErrors::new();
        errors.add(refusal.field(), refusal.key().unwrap_or("error-internal"));
        Ok(Filled {
            form,
            errors,
            status: refusal.status(),
        })
    }

    /// The form, its errors and its status, for a page builder to place.
    pub fn into_parts(self) -> (F, FieldErrors, StatusCode) {
        (self.form, self.errors, self.status)
    }

    /// The same errors and status over another form (the typed values, reshaped).
    pub fn map<G>(self, f: impl FnOnce(F) -> G) -> Filled<G> {
        Filled {
            form: f(self.form),
            errors: self.errors,
            status: self.status,
        }
    }
}

impl<F: Default> Default for Filled<F> {
    fn default() -> Self {
        Filled::new(F::default())
    }
}

impl<F> Submitted<F> {
    /// The one submit driver of every form that carries text. `parse` turns what was typed
    /// into a draft (or field errors); a stale CSRF token is one more error; `save` runs only
    /// for a valid draft, and its refusal is an error too. Anything but a save hands the
    /// typed form back, so the page shows it again and nothing typed is lost.
    pub async fn drive<D, T>(
        self,
        parse: impl FnOnce(&F) -> Result<D, FieldErrors>,
        save: impl AsyncFnOnce(D) -> Result<T, Refusal>,
    ) -> AppResult<Driven<F, T>> {
        let parsed = parse(&self.data);
        let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
        errors.check_csrf(self.csrf_ok);
        let draft = match parsed {
            Ok(draft) if errors.is_empty() => draft,
            _ => return Ok(self.again(errors)),
        };
        match save(draft).await {
            Ok(saved) => Ok(Driven::Saved(saved)),
            Err(refusal) => Ok(Driven::Again(Filled::refused(self.data, refusal)?)),
        }
    }

    /// `drive`, for forms that create something and carry a one-time token (`envio`): only
    /// the first submission with a token runs; another one with the same token (a double
    /// click, a reload, a second tab) is led where the first one led, so one thing is
    /// created. A refused submission frees its token for the corrected form. `Saved` holds
    /// the address to go to (`url_of` what was saved), whichever submission this was.
    pub async fn drive_once<D, T>(
        self,
        db: &crate::db::Db,
        fallback: &str,
        parse: impl FnOnce(&F) -> Result<D, FieldErrors>,
        save: impl AsyncFnOnce(D) -> Result<T, Refusal>,
        url_of: impl FnOnce(&T) -> String,
    ) -> AppResult<Driven<F, String>> {
        let token = self.once.clone();
        if let Some(token) = &token
            && !super::once::claim(db, token).await?
        {
            let url = super::once::result(db, token, fallback).await?;
            return Ok(Driven::Saved(url));
        }
        let driven = match self.drive(parse, save).await {
            Ok(Driven::Saved(saved)) => Ok(Driven::Saved(url_of(&saved))),
            Ok(Driven::Again(filled)) => Ok(Driven::Again(filled)),
            Err(e) => Err(e),
        };
        if let Some(token) = &token {
            match &driven {
                Ok(Driven::Saved(url)) => super::once::remember(db, token, url).await?,
                _ => super::once::release(db, token).await?,
            }
        }
        driven
    }

    fn again<T>(self, errors: FieldErrors) -> Driven<F, T> {
        Driven::Again(Filled::invalid(self.data, errors))
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

/// Text as people meant it: line ends normalised, and without the characters nobody types on
/// purpose and that break pages, feeds and layouts: control characters (NUL…, except new
/// lines and tabs) and bidirectional overrides (U+202A–U+202E, U+2066–U+2069). Trimmed.
pub fn clean_text(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| {
            let unwanted_control = c.is_control() && !matches!(*c, '\n' | '\t');
            let direction_override =
                matches!(*c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            !(unwanted_control || direction_override || unsendable(*c))
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// `clean_text` for a one-line field (a name, an organisation): tabs and line breaks become
/// single spaces.
pub fn clean_line(value: &str) -> String {
    clean_text(value)
        .split(['\n', '\t'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a text shows nothing: only spaces and invisible characters (zero-width space,
/// joiners, byte-order mark).
pub fn is_blank(value: &str) -> bool {
    value.chars().all(|c| {
        c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
    })
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
    /// `value` when nothing is wrong, else these errors.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
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
    /// It is said first, over any other form-level message: whatever else was wrong, the
    /// form must be sent again from a fresh page.
    pub fn check_csrf(&mut self, ok: bool) {
        if !ok {
            self.0.insert("_form", "error-csrf");
        }
    }
}

#[cfg(test)]
mod text_tests {
    use super::{clean_text, is_blank};

    #[test]
    fn control_and_direction_characters_never_reach_the_page() {
        assert_eq!(
            clean_text(" Tí\u{0}tulo\u{202E} (Perú)\r\nlínea\tdos "),
            "Título (Perú)\nlínea\tdos"
        );
        assert!(is_blank("\u{200B} \u{FEFF}"));
        assert!(!is_blank("a\u{200B}"));
    }
}

#[cfg(test)]
mod lenient_tests {
    #[derive(serde::Deserialize, Default, Debug)]
    #[serde(default)]
    struct Sample {
        name: String,
        themes: Vec<String>,
    }

    #[test]
    fn a_repeated_field_keeps_the_form() {
        let s: Sample = super::parse_lenient(b"name=A&name=B&themes=x&themes=y").unwrap();
        assert_eq!(s.name, "B", "the last value wins");
        assert_eq!(s.themes.len(), 1);
        let s: Sample = super::parse_lenient(b"name=A&themes=x&themes=y").unwrap();
        assert_eq!(
            (s.name.as_str(), s.themes.len()),
            ("A", 2),
            "lists keep every value"
        );
    }
}
