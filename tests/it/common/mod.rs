//! `TestApp`: the real router over a fresh database (a temporary SQLite file, or a new
//! PostgreSQL database when `AYNI_TEST_POSTGRES_URL` is set), driven through HTTP requests
//! with a cookie jar, like a browser without JavaScript.

#![allow(dead_code)]

pub mod builders;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use ayni::config::Settings;
use ayni::db::{Backend, Db};
use http_body_util::BodyExt;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

pub const PASSWORD: &str = "una clave bastante larga";

struct Shared {
    router: Router,
    state: ayni::app::AppState,
    db: Db,
    catalogue: Arc<ayni::catalogue::Catalogue>,
    settings: Settings,
    _dir: tempfile::TempDir,
}

/// One browser-like client of the application. `client()` opens another one.
#[derive(Clone)]
pub struct TestApp {
    shared: Arc<Shared>,
    jar: Arc<Mutex<HashMap<String, String>>>,
    pub lang_header: Option<String>,
    /// The address this client connects from (each `client()` has its own).
    pub peer: std::net::SocketAddr,
}

static PEERS: AtomicUsize = AtomicUsize::new(1);

fn next_peer() -> std::net::SocketAddr {
    let n = PEERS.fetch_add(1, Ordering::SeqCst);
    std::net::SocketAddr::from(([10, 9, (n / 256 % 256) as u8, (n % 256) as u8], 40000))
}

pub struct Page {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }
    #[track_caller]
    pub fn assert_contains(&self, s: &str) -> &Self {
        assert!(
            self.body.contains(s),
            "expected {s:?} in page (status {}):\n{}",
            self.status,
            self.body
        );
        self
    }
    #[track_caller]
    pub fn assert_lacks(&self, s: &str) -> &Self {
        assert!(
            !self.body.contains(s),
            "did not expect {s:?} in page:\n{}",
            self.body
        );
        self
    }
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub fn postgres_url() -> Option<String> {
    std::env::var("AYNI_TEST_POSTGRES_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

async fn fresh_postgres(base: &str) -> String {
    let admin = Db::connect(base)
        .await
        .expect("AYNI_TEST_POSTGRES_URL is set but PostgreSQL is unreachable");
    // Databases left by earlier test runs (other processes) are dropped once per run.
    static CLEANUP: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    CLEANUP
        .get_or_init(|| async {
            let mine = format!("ayni_t_{}_%", std::process::id());
            let old: Vec<(String,)> = sqlx::query_as("SELECT datname FROM pg_database WHERE datname LIKE 'ayni_t_%' AND datname NOT LIKE $1")
                .bind(mine)
                .fetch_all(&admin.pool)
                .await
                .unwrap_or_default();
            for (name,) in old {
                let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))).execute(&admin.pool).await;
            }
        })
        .await;
    let name = format!(
        "ayni_t_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        ayni::web::random_token(4)
            .to_lowercase()
            .replace(['-', '_'], "x")
    );
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin.pool)
        .await
        .expect("create test database");
    admin.pool.close().await;
    let (prefix, _) = base.rsplit_once('/').expect("postgres url has a database");
    format!("{prefix}/{name}")
}

impl TestApp {
    pub async fn new(backend: Backend) -> TestApp {
        Self::with_settings(backend, |_| {}).await
    }

    /// `None` (and a note on stderr) when PostgreSQL tests are not configured.
    pub async fn postgres() -> Option<TestApp> {
        if postgres_url().is_none() {
            eprintln!("AYNI_TEST_POSTGRES_URL not set: PostgreSQL variant skipped");
            return None;
        }
        Some(Self::new(Backend::Postgres).await)
    }

    pub async fn with_settings(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = match backend {
            Backend::Sqlite => format!("sqlite://{}", dir.path().join("ayni.db").display()),
            Backend::Postgres => fresh_postgres(&postgres_url().expect("postgres url")).await,
        };
        let mut settings = Settings {
            database_url: url.clone(),
            data_dir: dir.path().join("data"),
            base_url: "http://ayni.test".into(),
            auth_attempts_per_window: 1000,
            ..Settings::default()
        };
        tweak(&mut settings);
        let db = Db::connect(&url).await.expect("connect");
        ayni::db::migrate(&db).await.expect("migrate");
        ayni::taxonomy::seed(&db).await.expect("seed");
        let mut state = ayni::app::AppState::new(db.clone(), settings.clone()).expect("state");
        if settings.smtp_url.is_empty() {
            // e-mails are read back as sent, in order (the SMTP test uses a real server)
            state.mailer = ayni::mail::Mailer::in_memory(&settings.mail_from).expect("mailer");
        }
        state.catalogue.rebuild(&db, |_| {}).await.expect("index");
        let catalogue = state.catalogue.clone();
        let router = ayni::app::router(state.clone());
        TestApp {
            shared: Arc::new(Shared {
                router,
                state,
                db,
                catalogue,
                settings,
                _dir: dir,
            }),
            jar: Arc::default(),
            lang_header: None,
            peer: next_peer(),
        }
    }

    /// A second application instance on the same database (its own pool, index and
    /// follower), as behind a load balancer.
    pub async fn second_instance(&self) -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let settings = Settings {
            data_dir: dir.path().join("data"),
            ..self.shared.settings.clone()
        };
        let db = Db::connect(&settings.database_url).await.expect("connect");
        let state = ayni::app::AppState::new(db.clone(), settings.clone()).expect("state");
        state.catalogue.rebuild(&db, |_| {}).await.expect("index");
        state.start_background();
        let catalogue = state.catalogue.clone();
        let router = ayni::app::router(state.clone());
        TestApp {
            shared: Arc::new(Shared {
                router,
                state,
                db,
                catalogue,
                settings,
                _dir: dir,
            }),
            jar: Arc::default(),
            lang_header: None,
            peer: next_peer(),
        }
    }

    /// The application state (to run this instance's jobs in tests).
    pub fn state(&self) -> &ayni::app::AppState {
        &self.shared.state
    }

    /// Runs the background jobs due at `now` (what the worker does every few seconds).
    pub async fn run_jobs(&self, now: i64) -> usize {
        ayni::jobs::schedule_digest(self.db(), self.shared.state.settings.digest_hour_utc, now)
            .await
            .expect("schedule");
        ayni::jobs::run_due(&self.shared.state.jobs(), "test", now)
            .await
            .expect("jobs")
    }

    /// Starts a GET and returns the response with its body unread (for event streams).
    pub async fn open_stream(&self, path: &str) -> axum::response::Response {
        // as a browser asks: compressed if possible (an event stream must not be buffered)
        let req = Request::get(path)
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .unwrap();
        self.shared
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("router never fails")
    }

    /// Another person on the site, registered and confirmed, made a facilitator.
    pub async fn facilitator(&self, name: &str) -> TestApp {
        let f = self.client();
        let email = f.register_confirmed(name).await;
        let user = ayni::accounts::find_by_email(self.db(), &email)
            .await
            .unwrap()
            .unwrap();
        ayni::admin::give_role(self.db(), None, user.id, ayni::accounts::Role::Facilitator)
            .await
            .unwrap();
        f
    }

    /// Another person using the same site (own cookies).
    pub fn client(&self) -> TestApp {
        TestApp {
            shared: self.shared.clone(),
            jar: Arc::default(),
            lang_header: None,
            peer: next_peer(),
        }
    }

    /// Brings the search index up to date with the change log (what the follower does every
    /// second in a running server).
    pub async fn sync_search(&self) {
        self.shared
            .catalogue
            .catch_up(&self.shared.db)
            .await
            .expect("index catch-up");
        self.shared
            .catalogue
            .refresh_views(&self.shared.db)
            .await
            .expect("page views");
    }

    pub fn catalogue(&self) -> &ayni::catalogue::Catalogue {
        &self.shared.catalogue
    }

    pub fn database_url(&self) -> &str {
        &self.shared.settings.database_url
    }

    /// Runs the `ayni` command line against this app's database; returns (success, output).
    pub fn cli(&self, args: &[&str]) -> (bool, String) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ayni"))
            .args(args)
            .env("DATABASE_URL", self.database_url())
            .env("AYNI_DATA_DIR", &self.shared.settings.data_dir)
            .env("AYNI_BASE_URL", &self.shared.settings.base_url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("run ayni");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    pub fn db(&self) -> &Db {
        &self.shared.db
    }

    pub fn backend(&self) -> Backend {
        self.shared.db.backend
    }

    pub fn outbox(&self) -> PathBuf {
        self.shared.settings.data_dir.join("outbox")
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar.lock().unwrap().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.jar.lock().unwrap().insert(name.into(), value.into());
    }

    /// Sends a request with this client's cookies and returns status and headers without
    /// reading the body (for endless event streams).
    pub async fn request_head(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap) {
        let req = self.with_cookies(req);
        let res = self
            .shared
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("router never fails");
        (res.status(), res.headers().clone())
    }

    fn with_cookies(&self, req: Request<Body>) -> Request<Body> {
        let mut req = req;
        let cookies: Vec<String> = self
            .jar
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if !cookies.is_empty() {
            req.headers_mut()
                .insert(header::COOKIE, cookies.join("; ").parse().unwrap());
        }
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(self.peer));
        req
    }

    pub async fn request(&self, req: Request<Body>) -> Page {
        let mut req = self.with_cookies(req);
        if let Some(l) = &self.lang_header {
            req.headers_mut()
                .insert(header::ACCEPT_LANGUAGE, l.parse().unwrap());
        }
        let res = self
            .shared
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("router never fails");
        for v in res.headers().get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap();
            let (pair, attrs) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.jar.lock().unwrap().remove(k);
            } else {
                self.jar
                    .lock()
                    .unwrap()
                    .insert(k.to_string(), val.to_string());
            }
        }
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        self.request(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    /// Raw bytes (for downloads) and headers.
    /// A GET as a browser sends it (`Accept-Encoding: gzip, br` or the given one), with the
    /// body decoded as the browser would: status, headers, decoded bytes.
    pub async fn get_decoded(
        &self,
        path: &str,
        accept_encoding: &str,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        use std::io::Read;
        let (status, headers, body) = self.get_bytes(path, Some(accept_encoding)).await;
        let encoding = headers
            .get(header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let mut out = Vec::new();
        match encoding.as_str() {
            "gzip" => {
                flate2::read::GzDecoder::new(&body[..])
                    .read_to_end(&mut out)
                    .unwrap_or_else(|e| panic!("{path}: broken gzip body: {e}"));
            }
            "br" => {
                brotli::Decompressor::new(&body[..], 4096)
                    .read_to_end(&mut out)
                    .unwrap_or_else(|e| panic!("{path}: broken brotli body: {e}"));
            }
            "" | "identity" => out = body,
            other => panic!("{path}: unexpected encoding {other}"),
        }
        (status, headers, out)
    }

    pub async fn get_bytes(
        &self,
        path: &str,
        accept_encoding: Option<&str>,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let mut req = Request::get(path);
        if let Some(enc) = accept_encoding {
            req = req.header(header::ACCEPT_ENCODING, enc);
        }
        let req = self.with_cookies(req.body(Body::empty()).unwrap());
        let res = self.shared.router.clone().oneshot(req).await.unwrap();
        let (status, headers) = (res.status(), res.headers().clone());
        (
            status,
            headers,
            res.into_body().collect().await.unwrap().to_bytes().to_vec(),
        )
    }

    /// The CSRF token a browser would have (visiting a page first if needed).
    pub async fn csrf(&self) -> String {
        if self.cookie("ayni_csrf").is_none() {
            self.get("/").await;
        }
        self.cookie("ayni_csrf").expect("csrf cookie issued")
    }

    /// Posts a form as a browser would, with the CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = self.csrf().await;
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Posts exactly these fields (no automatic CSRF token).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.request(req).await
    }

    pub async fn upload(&self, path: &str, file_name: &str, bytes: &[u8]) -> Page {
        self.upload_form(path, file_name, bytes, &[]).await
    }

    /// A multipart form with a file and extra fields, as a browser sends it.
    pub async fn upload_form(
        &self,
        path: &str,
        file_name: &str,
        bytes: &[u8],
        fields: &[(&str, &str)],
    ) -> Page {
        let csrf = self.csrf().await;
        let boundary = "----ayniTestBoundary";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
            )
            .as_bytes(),
        );
        for (name, value) in fields {
            let part = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            );
            body.extend_from_slice(part.as_bytes());
        }
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = Request::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.request(req).await
    }

    /// Registers, then signs in with the password (e-mail not confirmed yet); returns the
    /// e-mail used.
    pub async fn register(&self, name: &str) -> String {
        let email = format!(
            "{}@example.org",
            ayni::web::fold_for_sort(name).replace(' ', ".")
        );
        let page = self
            .post(
                "/cuenta/registro",
                &[
                    ("name", name),
                    ("email", &email),
                    ("password", PASSWORD),
                    ("country", "BO"),
                    ("lang", "es"),
                ],
            )
            .await;
        assert_eq!(
            page.location(),
            "/cuenta/registro/enviado",
            "registration failed: {}",
            page.body
        );
        // the address is not confirmed yet; signing in with the password still works
        let page = self
            .post(
                "/cuenta/entrar",
                &[("email", &email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "sign-in failed: {}",
            page.body
        );
        email
    }

    /// Registers, confirms the e-mail through the emailed link, stays signed in.
    pub async fn register_confirmed(&self, name: &str) -> String {
        let email = self.register(name).await;
        let link = self.last_link_to(&email, "/cuenta/confirmar/").await;
        let page = self.get(&link).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        email
    }

    /// Every e-mail sent to `to` so far (after running due jobs), oldest first, as
    /// `To:`, `Subject:` and body lines.
    pub async fn mails_to(&self, to: &str) -> Vec<String> {
        ayni::jobs::run_due(&self.shared.state.jobs(), "test", ayni::now())
            .await
            .expect("jobs");
        self.shared
            .state
            .mailer
            .sent()
            .into_iter()
            .filter(|m| m.to == to)
            .map(|m| format!("To: {}\nSubject: {}\n\n{}", m.to, m.subject, m.body))
            .collect()
    }

    /// Reads the newest e-mail to `to` and returns the path of its first link
    /// starting with `prefix`.
    pub async fn last_link_to(&self, to: &str, prefix: &str) -> String {
        let mails = self.mails_to(to).await;
        let mail = mails
            .iter()
            .rev()
            .find(|m| m.contains(&format!("http://ayni.test{prefix}")))
            .unwrap_or_else(|| panic!("no e-mail to {to} with a {prefix} link"));
        let start = mail
            .find(&format!("http://ayni.test{prefix}"))
            .unwrap_or_else(|| panic!("no {prefix} link in {mail}"));
        let link: String = mail[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        link.trim_start_matches("http://ayni.test").to_string()
    }

    /// Creates a sheet through the form; returns its id.
    pub async fn create_sheet(&self, title: &str) -> i64 {
        self.create_sheet_with(&sheet_fields(title)).await
    }

    /// A new draft from these form fields; returns its id.
    pub async fn create_sheet_with(&self, fields: &[(&str, &str)]) -> i64 {
        let page = self.post("/experiencias/nueva", fields).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let loc = page.location();
        loc.trim_start_matches("/experiencias/")
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }
}

/// A complete, publishable sheet.
pub fn sheet_fields(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("title", title),
        (
            "summary",
            "Familias productoras venden juntas y mejoran sus ingresos.",
        ),
        ("country", "BO"),
        ("place", "Oruro / Curahuara de Carangas"),
        ("status", "ongoing"),
        ("year_start", "2014"),
        ("themes", "desarrollo-productivo"),
        ("themes", "turismo"),
        ("actor_types", "pequenos-productores"),
        ("objectives", "Mejorar los ingresos de 120 familias."),
        ("problems", "Los intermediarios pagaban precios muy bajos."),
        (
            "lessons",
            "La confianza importa más que la infraestructura.",
        ),
        ("language", "es"),
    ]
}

/// A date-time `offset_days` from now as a form's `datetime-local` value in La Paz.
pub fn local(offset_days: i64) -> String {
    let t = ayni::now() + offset_days * 86400;
    ayni::clock::local_input(t, "America/La_Paz")
}

/// Runs each named `async fn(TestApp)` once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn sqlite() {
                    super::$name($crate::common::TestApp::new(ayni::db::Backend::Sqlite).await).await
                }
                #[tokio::test]
                async fn postgres() {
                    if let Some(app) = $crate::common::TestApp::postgres().await {
                        super::$name(app).await
                    }
                }
            }
        )*
    };
}
