//! The authorization matrix: every method and path of the router (read from the router
//! itself), probed as each of seven people, checked against `tests/data/authorization.tsv`.
//! A route without a row fails, and so does a row without a route. Outcomes: `login`
//! (redirect to sign-in), `403`, `404`, `405`, `429`, or `ok` (anything else below 500: the
//! request got past authorization). 5xx always fails.
//!
//! Each probe is a fresh browser with its own session: GETs plain, POSTs with a valid CSRF
//! token and an empty form (multipart for upload routes), as a browser would send them.
//! Probes run route by route in table order, so the few destructive ones (removing a
//! co-editor, deleting an attachment) are placed last in the table.
//!
//! `AYNI_BLESS_MATRIX=1 cargo test authorization` rewrites the table from what the code
//! does; review its diff like code.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::{Request, StatusCode, header};
use std::collections::BTreeMap;

on_both_backends!(every_route_answers_every_role_as_the_table_says);

const ROLES: [&str; 7] = [
    "anon",
    "outsider",
    "owner",
    "coeditor",
    "call_facilitator",
    "forum_facilitator",
    "admin",
];
const TABLE: &str = "tests/data/authorization.tsv";
const CSRF: &str = "matrixcsrftoken0123456789abcdef";

/// (method, path) of every route, read from the router's own debug description.
pub fn router_routes() -> Vec<(String, String)> {
    let text = format!("{:?}", ayni::app::routes());
    let mut methods: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let mut paths: BTreeMap<u64, String> = BTreeMap::new();
    for part in text.split("RouteId(").skip(1) {
        let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
        let Ok(id) = digits.parse::<u64>() else {
            continue;
        };
        let rest = &part[digits.len()..];
        if let Some(p) = rest.strip_prefix("): \"") {
            paths.insert(id, p[..p.find('"').unwrap()].to_string());
        } else if rest.starts_with("): MethodRouter(") {
            let allow = rest
                .split("allow_header: Bytes(b\"")
                .nth(1)
                .and_then(|a| a.split('"').next())
                .unwrap_or("");
            methods.insert(
                id,
                allow
                    .split(',')
                    .filter(|m| !m.is_empty() && *m != "HEAD")
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    let mut out = Vec::new();
    for (id, path) in paths {
        if path.contains("__private__") {
            continue; // axum's own fallback route
        }
        for m in methods.get(&id).cloned().unwrap_or_default() {
            if !out.contains(&(m.clone(), path.clone())) {
                out.push((m, path.clone()));
            }
        }
    }
    assert!(out.len() > 50, "could not read the route list: {text}");
    out
}

/// The table: (method, path) → outcome per role, in file order.
fn read_table() -> Vec<((String, String), Vec<String>)> {
    std::fs::read_to_string(TABLE)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(cols.len(), 2 + ROLES.len(), "bad row: {l}");
            (
                (cols[0].to_string(), cols[1].to_string()),
                cols[2..].iter().map(|s| s.to_string()).collect(),
            )
        })
        .collect()
}

struct Fixture {
    users: BTreeMap<&'static str, Option<i64>>,
    params: BTreeMap<&'static str, String>,
}

async fn id_of(app: &TestApp, email: &str) -> i64 {
    ayni::accounts::find_by_email(app.db(), email)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{email}"))
        .id
}

async fn scalar(app: &TestApp, sql: &str, bind: i64) -> Option<i64> {
    sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(sql.to_string()))
        .bind(bind)
        .fetch_optional(&app.db().pool)
        .await
        .unwrap()
        .map(|r| r.0)
}

/// The demo site, plus: Jorge co-edits Ana's draft (waiting in the open call), a separate
/// reviewer facilitates that call, and the draft has an attachment.
async fn fixture(app: &TestApp) -> Fixture {
    ayni::demo::load(app.db()).await.unwrap();
    app.catalogue().rebuild(app.db(), |_| {}).await.unwrap();
    let owner = id_of(app, "ana.souza@demo.ayni").await;
    let coeditor = id_of(app, "jorge.quispe@demo.ayni").await;
    let reviewer = app
        .client()
        .register_confirmed("Revisora de la Convocatoria")
        .await;
    let reviewer = id_of(app, &reviewer).await;
    ayni::admin::give_role(app.db(), None, reviewer, ayni::accounts::Role::Facilitator)
        .await
        .unwrap();
    let draft = scalar(
        app,
        "SELECT id FROM experiences WHERE owner_id = $1 AND state = 'draft'",
        owner,
    )
    .await
    .expect("Ana's draft");
    ayni::experiences::add_coeditor(app.db(), draft, coeditor)
        .await
        .unwrap();
    let (call, submission): (i64, i64) =
        sqlx::query_as("SELECT call_id, id FROM submissions WHERE experience_id = $1")
            .bind(draft)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    sqlx::query("INSERT INTO call_facilitators (call_id, user_id) VALUES ($1, $2)")
        .bind(call)
        .bind(reviewer)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let mut users = BTreeMap::new();
    users.insert("anon", None);
    for (role, user) in [
        ("outsider", id_of(app, "elena.torres@demo.ayni").await),
        ("owner", owner),
        ("coeditor", coeditor),
        ("call_facilitator", reviewer),
        (
            "forum_facilitator",
            id_of(app, "pablo.vargas@demo.ayni").await,
        ),
        ("admin", id_of(app, "admin@demo.ayni").await),
    ] {
        users.insert(role, Some(user));
    }
    // the owner attaches a document to the draft, as a browser would
    let owner_client = app.client();
    let session = ayni::accounts::start_session(app.db(), owner)
        .await
        .unwrap();
    owner_client.set_cookie("ayni_session", &session);
    let up = owner_client
        .upload(
            &format!("/experiencias/{draft}/adjuntos"),
            "informe.pdf",
            b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        )
        .await;
    assert!(up.status.is_redirection(), "{}", up.body);
    let (attachment, name): (i64, String) =
        sqlx::query_as("SELECT id, file_name FROM attachments WHERE experience_id = $1")
            .bind(draft)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    // forum: a post Ana wrote, its topic, space and forum
    let post = scalar(
        app,
        "SELECT id FROM posts WHERE author_id = $1 ORDER BY id",
        owner,
    )
    .await
    .expect("a post by Ana in the demo forum");
    let topic = scalar(
        app,
        "SELECT COALESCE(topic_id, id) FROM posts WHERE id = $1",
        post,
    )
    .await
    .unwrap();
    let space = scalar(app, "SELECT space_id FROM posts WHERE id = $1", post)
        .await
        .unwrap();
    let forum = scalar(app, "SELECT forum_id FROM spaces WHERE id = $1", space)
        .await
        .unwrap();
    let notification = scalar(
        app,
        "SELECT id FROM notifications WHERE user_id = $1 ORDER BY id",
        owner,
    )
    .await
    .unwrap_or(999_999);
    // connections: Lucía's accepted exchange with Rosa's sheet (Jorge co-edits it), its
    // conversation and first message
    let lucia = id_of(app, "lucia.fernandez@demo.ayni").await;
    let request = scalar(
        app,
        "SELECT id FROM exchange_requests WHERE from_user = $1",
        lucia,
    )
    .await
    .expect("the demo exchange");
    let conversation = scalar(
        app,
        "SELECT id FROM conversations WHERE request_id = $1",
        request,
    )
    .await
    .expect("its conversation");
    let message = scalar(
        app,
        "SELECT MIN(id) FROM messages WHERE conversation_id = $1",
        conversation,
    )
    .await
    .unwrap();
    let css = ayni::web::assets::assets()
        .css_url
        .trim_start_matches("/static/")
        .to_string();
    let mut params = BTreeMap::new();
    for (k, v) in [
        ("sheet", draft.to_string()),
        ("number", "1".into()),
        ("user", coeditor.to_string()),
        ("attachment", attachment.to_string()),
        ("attachment_name", name),
        ("token", "token-que-no-existe-0123456789".into()),
        ("call", call.to_string()),
        ("sid", submission.to_string()),
        ("forum", forum.to_string()),
        ("space", space.to_string()),
        ("topic", topic.to_string()),
        ("post", post.to_string()),
        ("notification", notification.to_string()),
        ("code", "pt".into()),
        ("static", css),
        ("table", "pais.csv".into()),
        ("file", "no-existe.pdf".into()),
        ("request", request.to_string()),
        ("conversation", conversation.to_string()),
        ("message", message.to_string()),
        ("person", lucia.to_string()),
        ("offer", "999999".into()),
    ] {
        params.insert(k, v);
    }
    Fixture { users, params }
}

/// A concrete address for a route pattern.
fn concrete(path: &str, p: &BTreeMap<&'static str, String>) -> String {
    let id = if path.starts_with("/experiencias") || path.starts_with("/invitaciones") {
        "sheet"
    } else if path.starts_with("/convocatorias") {
        "call"
    } else if path.starts_with("/foros/espacios") {
        "space"
    } else if path.starts_with("/foros/temas") {
        "topic"
    } else if path.starts_with("/foros/mensajes") {
        "post"
    } else if path.starts_with("/foros") {
        "forum"
    } else if path.starts_with("/intercambios") {
        "request"
    } else if path.starts_with("/mensajes") {
        "conversation"
    } else if path.starts_with("/personas") {
        "person"
    } else {
        "notification"
    };
    path.replace("{id}", &p[id])
        .replace("{number}", &p["number"])
        .replace("{user}", &p["user"])
        .replace("{attachment}", &p["attachment"])
        .replace("{offer}", &p["offer"])
        .replace("{message}", &p["message"])
        .replace(
            "{name}",
            if path.starts_with("/static") {
                &p["static"]
            } else if path.starts_with("/foros") {
                &p["file"]
            } else {
                &p["attachment_name"]
            },
        )
        .replace("{token}", &p["token"])
        .replace("{sid}", &p["sid"])
        .replace("{code}", &p["code"])
        .replace("{table}", &p["table"])
}

fn outcome(status: StatusCode, location: &str) -> String {
    // 401: the sign-in page holding the form that was sent (accounts::resend)
    if status.is_redirection() && location.starts_with("/cuenta/entrar")
        || status == StatusCode::UNAUTHORIZED
    {
        "login".into()
    } else if status.is_server_error() {
        "5xx".into()
    } else if matches!(status.as_u16(), 403 | 404 | 405 | 429) {
        status.as_u16().to_string()
    } else {
        "ok".into()
    }
}

fn multipart(path: &str) -> bool {
    path.ends_with("/adjuntos")
        || path.ends_with("/archivo")
        || path == "/admin/importar"
        || path == "/mensajes/{id}"
}

/// One request by a fresh browser of `user` (a new session each time: signing out in one
/// probe must not sign out the next).
async fn probe(
    app: &TestApp,
    user: Option<i64>,
    method: &str,
    url: &str,
    pattern: &str,
) -> (String, String) {
    let client = app.client();
    client.set_cookie("ayni_csrf", CSRF);
    if let Some(user) = user {
        let session = ayni::accounts::start_session(app.db(), user).await.unwrap();
        client.set_cookie("ayni_session", &session);
    }
    let page = if pattern.ends_with("/eventos") {
        // an endless event stream: the status and headers say enough
        let req = Request::get(url).body(axum::body::Body::empty()).unwrap();
        let (status, headers) = client.request_head(req).await;
        let location = headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        return (outcome(status, location), String::new());
    } else if method == "GET" {
        client.get(url).await
    } else if multipart(pattern) {
        client.upload(url, "nota.txt", b"texto de prueba").await
    } else {
        let req = Request::builder()
            .method(method)
            .uri(url)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            // `accion=poner`: the mark buttons (votes, "me sirve", helpful) say what they
            // want; no other form has that value, so elsewhere it is as good as absent
            .body(axum::body::Body::from(format!("csrf={CSRF}&accion=poner")))
            .unwrap();
        client.request(req).await
    };
    (
        outcome(page.status, &page.location()),
        page.body.chars().take(300).collect(),
    )
}

async fn every_route_answers_every_role_as_the_table_says(app: TestApp) {
    let routes = router_routes();
    let table = read_table();
    let bless = std::env::var("AYNI_BLESS_MATRIX").is_ok_and(|v| v == "1");
    let in_table: Vec<&(String, String)> = table.iter().map(|(k, _)| k).collect();
    let missing: Vec<_> = routes.iter().filter(|r| !in_table.contains(r)).collect();
    let stale: Vec<_> = in_table.iter().filter(|r| !routes.contains(r)).collect();
    if !bless {
        assert!(
            missing.is_empty(),
            "routes without a row in {TABLE}: {missing:?}"
        );
        assert!(
            stale.is_empty(),
            "rows in {TABLE} without a route: {stale:?}"
        );
    }
    let fx = fixture(&app).await;
    // table order first (destructive rows last), then routes the table lacks (bless only)
    let mut order: Vec<(String, String)> = table
        .iter()
        .map(|(k, _)| k.clone())
        .filter(|k| routes.contains(k))
        .collect();
    order.extend(missing.into_iter().cloned());
    let expected: BTreeMap<(String, String), Vec<String>> = table.into_iter().collect();
    let mut deviations = Vec::new();
    // the table's explanatory comment survives a bless
    let mut lines: Vec<String> = std::fs::read_to_string(TABLE)
        .unwrap_or_default()
        .lines()
        .take_while(|l| l.starts_with('#') && !l.starts_with("# method"))
        .map(str::to_string)
        .collect();
    lines.push(format!("# method\tpath\t{}", ROLES.join("\t")));
    let mut probes = 0;
    for (method, path) in &order {
        let url = concrete(path, &fx.params);
        let mut got = Vec::new();
        for (i, role) in ROLES.iter().enumerate() {
            let (o, body) = probe(&app, fx.users[role], method, &url, path).await;
            probes += 1;
            assert_ne!(o, "5xx", "{method} {url} as {role}: server error\n{body}");
            if let Some(exp) = expected.get(&(method.clone(), path.clone()))
                && exp[i] != o
            {
                deviations.push(format!(
                    "{method} {path} as {role}: expected {}, got {o} ({url})",
                    exp[i]
                ));
            }
            got.push(o);
        }
        lines.push(format!("{method}\t{path}\t{}", got.join("\t")));
    }
    eprintln!(
        "authorization matrix ({:?}): {} routes x {} roles = {probes} probes",
        app.backend(),
        order.len(),
        ROLES.len()
    );
    if bless {
        std::fs::write(TABLE, lines.join("\n") + "\n").unwrap();
        return;
    }
    assert!(
        deviations.is_empty(),
        "{} deviations:\n{}",
        deviations.len(),
        deviations.join("\n")
    );
}
