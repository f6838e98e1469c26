//! Application assembly: shared state, the router (every route of every module in one table),
//! and the middleware stack (context, security headers, compression, timeouts, tracing).

use crate::config::Settings;
use crate::db::Db;
use crate::files::Storage;
use crate::mail::Mailer;
use crate::{accounts, experiences, web};
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Router, middleware};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// Taxonomies change rarely (administrators): read at most once a minute per instance.
    taxonomy: Arc<std::sync::Mutex<Option<(std::time::Instant, crate::taxonomy::Taxonomy)>>>,
    pub catalogue: Arc<crate::catalogue::Catalogue>,
    pub settings: Arc<Settings>,
    pub mailer: Mailer,
    pub storage: Storage,
    /// Tells open live-update streams which forum spaces changed.
    pub live: crate::forums::live::Live,
}

impl AppState {
    /// Builds the state; the caller fills the search index (`catalogue.rebuild`) and starts
    /// following the change log (`catalogue.follow`).
    pub fn new(db: Db, settings: Settings) -> anyhow::Result<AppState> {
        let mailer = Mailer::new(
            &settings.smtp_url,
            &settings.mail_from,
            settings.data_dir.join("outbox"),
        )?;
        let storage = Storage::local(settings.data_dir.join("files"))?;
        let catalogue = Arc::new(crate::catalogue::Catalogue::new()?);
        Ok(AppState {
            db,
            taxonomy: Arc::default(),
            catalogue,
            settings: Arc::new(settings),
            mailer,
            storage,
            live: crate::forums::live::Live::new(),
        })
    }
}

impl AppState {
    /// Starts this instance's background work: following the change log (search index and
    /// live updates) and the job worker (notification e-mails, daily digest).
    /// Returns the job worker's name, whose leases `jobs::release_leases` gives back at
    /// shutdown.
    pub fn start_background(&self) -> String {
        self.catalogue.follow(self.db.clone());
        self.live.follow(self.db.clone());
        crate::jobs::spawn(self.clone())
    }

    /// The taxonomies, from a copy at most a minute old.
    pub async fn taxonomy(&self) -> anyhow::Result<crate::taxonomy::Taxonomy> {
        if let Ok(guard) = self.taxonomy.lock()
            && let Some((at, t)) = guard.as_ref()
            && at.elapsed() < Duration::from_secs(60)
        {
            return Ok(t.clone());
        }
        let fresh = crate::taxonomy::Taxonomy::load(&self.db).await?;
        if let Ok(mut guard) = self.taxonomy.lock() {
            *guard = Some((std::time::Instant::now(), fresh.clone()));
        }
        Ok(fresh)
    }
}

/// CSS and JS, embedded, served under content-hashed URLs with a long cache lifetime.
pub struct Assets {
    pub css_url: &'static str,
    pub js_url: &'static str,
}

const CSS: &str = include_str!("../static/ayni.css");
const JS: &str = include_str!("../static/ayni.js");

pub fn assets() -> &'static Assets {
    static ASSETS: OnceLock<Assets> = OnceLock::new();
    ASSETS.get_or_init(|| {
        let h = |s: &str| web::hash_token(s)[..10].to_string();
        Assets {
            css_url: Box::leak(format!("/static/ayni.{}.css", h(CSS)).into_boxed_str()),
            js_url: Box::leak(format!("/static/ayni.{}.js", h(JS)).into_boxed_str()),
        }
    })
}

async fn static_asset(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
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
        .route("/static/{name}", get(static_asset))
        .merge(accounts::routes::routes())
        .merge(experiences::routes::routes())
        .merge(crate::catalogue::routes::routes())
        .merge(crate::calls::routes::routes())
        .merge(crate::forums::routes::routes())
        .merge(crate::notifications::routes::routes())
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
