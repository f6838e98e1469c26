//! CSS and JS, embedded in the binary and served under content-hashed URLs.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::OnceLock;

/// CSS and JS, embedded, served under content-hashed URLs with a long cache lifetime.
pub struct Assets {
    pub css_url: &'static str,
    pub js_url: &'static str,
}

const CSS: &str = include_str!("../../static/ayni.css");
const JS: &str = include_str!("../../static/ayni.js");

pub fn assets() -> &'static Assets {
    static ASSETS: OnceLock<Assets> = OnceLock::new();
    ASSETS.get_or_init(|| {
        let h = |s: &str| super::hash_token(s)[..10].to_string();
        Assets {
            css_url: Box::leak(format!("/static/ayni.{}.css", h(CSS)).into_boxed_str()),
            js_url: Box::leak(format!("/static/ayni.{}.js", h(JS)).into_boxed_str()),
        }
    })
}

pub async fn static_asset(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    let a = assets();
    let (body, ctype) = if format!("/static/{name}") == a.css_url {
        (CSS, "text/css; charset=utf-8")
    } else if format!("/static/{name}") == a.js_url {
        (JS, "text/javascript; charset=utf-8")
    } else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, ctype),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        body,
    )
        .into_response()
}
