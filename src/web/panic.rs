//! A request whose handler panics gets the localized 500 page instead of a dropped
//! connection, and the panic is logged with the method and the route pattern (never the
//! concrete path, which may hold a secret token).

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;
use std::panic::AssertUnwindSafe;

pub async fn catch_panic(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "(no route)".into());
    match AssertUnwindSafe(next.run(req)).catch_unwind().await {
        Ok(response) => response,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            tracing::error!(%method, %route, panic = %message, "request panicked");
            super::AppError::Internal(anyhow::anyhow!("panic in {method} {route}")).into_response()
        }
    }
}
