//! Application assembly, the composition root: the router (every route of every module in one
//! table) and the middleware stack (context, security headers, compression, timeouts,
//! tracing). Nothing in the crate imports this module; `main` and the tests do.

pub use crate::state::AppState;
use crate::{accounts, experiences, web};
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Router, middleware};
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

async fn healthz(State(state): State<AppState>) -> Response {
    match sqlx::query("SELECT 1").execute(&state.db.pool).await {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

async fn not_found() -> web::AppError {
    web::AppError::NotFound
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Every route of every module: the table the authorization-matrix test reads.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/static/{name}", get(web::assets::static_asset))
        .merge(accounts::routes::routes())
        .merge(accounts::privacy::routes())
        .merge(experiences::web::routes())
        .merge(crate::catalogue::routes::routes())
        .merge(crate::calls::routes::routes())
        .merge(crate::forums::web::routes())
        .merge(crate::notifications::routes::routes())
        .merge(crate::connections::web::routes())
        .merge(crate::admin::web::routes())
}

pub fn router(state: AppState) -> Router {
    with_middleware(routes(), state)
}

/// Wraps `routes` in the middleware stack (outermost last): tracing, timeout, compression,
/// security headers, body limit, the per-request context (which renders error pages), and,
/// innermost, panic catching, so a panic becomes the localized 500 page.
pub fn with_middleware(routes: Router<AppState>, state: AppState) -> Router {
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    let body_limit = state.settings.max_upload_bytes + 64 * 1024;
    routes
        .fallback(not_found)
        .layer(middleware::from_fn(web::catch_panic))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::context_layer,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(body_limit))
        .layer(header(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(
            header::REFERRER_POLICY,
            "strict-origin-when-cross-origin",
        ))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header(header::CACHE_CONTROL, "no-cache"))
        .layer(CompressionLayer::new())
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}
