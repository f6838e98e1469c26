//! Shared web plumbing: the per-request context (language, user, CSRF token), errors turned
//! into localized pages, form extraction with CSRF checking, field errors, cookies, tokens.
//! Domain modules use these; this module knows no domain rules.

pub mod assets;
pub mod client;
pub mod context;
mod error;
pub mod form;
pub mod once;
pub mod page;
mod panic;
pub mod rate_limit;

pub use client::ClientIp;
pub use context::{Ctx, context_layer};
pub use error::{AppError, AppResult};
pub use form::{FieldErrors, Filled, Submitted};
pub use page::Path;
pub use panic::catch_panic;

use askama::Template;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A random URL-safe token of `bytes` random bytes.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// What is stored for a secret token: its SHA-256, hex. The token itself is never stored.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Renders a template into an HTML response.
pub fn render(t: impl Template) -> AppResult<Response> {
    Ok(Html(t.render().map_err(|e| AppError::Internal(e.into()))?).into_response())
}

/// Renders a template with a status (e.g. 422 for a form with errors).
pub fn render_status(status: axum::http::StatusCode, t: impl Template) -> AppResult<Response> {
    let mut r = render(t)?;
    *r.status_mut() = status;
    Ok(r)
}

/// 303 See Other: the answer to a successful form post.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// A stored file as a response: its type, inline (shown) or as a download, cached for an
/// hour if public (a private one is never stored: shared computers), and sandboxed by its
/// own CSP so it can never run script in the site's origin.
pub fn file_response(
    bytes: Vec<u8>,
    content_type: &str,
    file_name: &str,
    inline: bool,
    public: bool,
) -> Response {
    let disposition = if inline { "inline" } else { "attachment" };
    let cache = if public {
        "public, max-age=3600"
    } else {
        "private, no-store"
    };
    let headers = [
        (header::CONTENT_TYPE, content_type.to_string()),
        (
            header::CONTENT_DISPOSITION,
            content_disposition(disposition, file_name),
        ),
        (header::CACHE_CONTROL, cache.to_string()),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox".to_string(),
        ),
    ];
    (headers, bytes).into_response()
}

/// `Content-Disposition` for any file name (RFC 6266): an ASCII `filename` for old clients
/// and the exact UTF-8 name as `filename*` (RFC 5987 percent-encoding).
pub fn content_disposition(disposition: &str, file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = percent_encode(file_name, b"!#$&+-.^_`|~");
    format!("{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// Whole percentages of `counts` that add up to exactly 100 (largest remainder): 1 of 6 is
/// 17%, not 16%, and the rows never sum to 99. All zeros give all zeros.
pub fn whole_percentages(counts: &[i64]) -> Vec<i64> {
    let total: i64 = counts.iter().sum();
    if total <= 0 {
        return vec![0; counts.len()];
    }
    let mut shares: Vec<i64> = counts.iter().map(|n| n * 100 / total).collect();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    // largest remainder first; ties go to the larger count, then to the earlier row
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(counts[i] * 100 % total),
            std::cmp::Reverse(counts[i]),
            i,
        )
    });
    let missing = 100 - shares.iter().sum::<i64>();
    for &i in order.iter().take(missing.max(0) as usize) {
        shares[i] += 1;
    }
    shares
}

/// UTF-8 bytes as `%XX`, except ASCII letters, digits and the `safe` bytes.
pub fn percent_encode(text: &str, safe: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || safe.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `Set-Cookie` header value with the house attributes.
pub fn cookie(name: &str, value: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let v =
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Adds a `Set-Cookie` header to a response.
pub fn with_cookie(mut r: Response, value: HeaderValue) -> Response {
    r.headers_mut().append(header::SET_COOKIE, value);
    r
}

/// Reads one cookie from a `Cookie` header.
pub fn read_cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Only same-site relative paths are accepted as "go back to" targets (no open redirects).
pub fn safe_return_path(p: Option<&str>) -> String {
    match p {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.chars().any(char::is_control) =>
        {
            p.to_string()
        }
        _ => "/".to_string(),
    }
}

/// A sort key that ignores case and accents (`Perú` sorts with `Peru`).
pub fn fold_for_sort(s: &str) -> String {
    // deunicode knows every Latin letter (Ä, ö, ì, î, ï, ë…), not just Spanish ones
    deunicode::deunicode(s).to_lowercase()
}

/// The live updates of one page (a space, a conversation) for this client, bounded: a few
/// streams per client and a ceiling per instance (pages work without them).
pub fn live_stream(
    state: &crate::state::AppState,
    client: &ClientIp,
    feed: crate::live::Feed,
    id: i64,
) -> AppResult<Response> {
    let slot = state
        .live
        .open_stream(
            &client.0,
            state.settings.live_streams_per_client,
            state.settings.live_streams_max,
        )
        .ok_or(AppError::TooManyRequests)?;
    Ok(state.live.stream(slot, feed, id))
}

#[cfg(test)]
mod percent_tests {
    use super::whole_percentages;

    #[test]
    fn folding_knows_every_accent() {
        assert_eq!(
            super::fold_for_sort("Perú Ärztin Öko Ìle Îlot Naïf Noël Ñandú"),
            "peru arztin oko ile ilot naif noel nandu"
        );
    }

    #[test]
    fn percentages_round_to_the_nearest_and_sum_to_one_hundred() {
        assert_eq!(whole_percentages(&[1, 5, 0]), vec![17, 83, 0]);
        assert_eq!(whole_percentages(&[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(whole_percentages(&[0, 0, 0]), vec![0, 0, 0]);
        for counts in [[2, 3, 7], [1, 2, 4], [5, 5, 1], [0, 3, 3]] {
            assert_eq!(
                whole_percentages(&counts).iter().sum::<i64>(),
                100,
                "{counts:?}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_on_site() {
        assert_eq!(
            safe_return_path(Some("/experiencias?pagina=2")),
            "/experiencias?pagina=2"
        );
        assert_eq!(safe_return_path(Some("//evil.example")), "/");
        assert_eq!(safe_return_path(Some("https://evil.example")), "/");
        assert_eq!(safe_return_path(None), "/");
        // browsers drop tabs and newlines: "/\t/evil" would become "//evil"
        assert_eq!(safe_return_path(Some("/\t/evil.example")), "/");
    }

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        assert_ne!(random_token(16), random_token(16));
        assert_eq!(hash_token("a"), hash_token("a"));
        assert_eq!(hash_token("a").len(), 64);
    }
}
