//! The crawler: uses the demo site as each of its people would, following every same-site
//! link and every GET form with its default values, each page three times with
//! `Accept-Encoding: gzip, br` as browsers send it. No page may answer 5xx, drop the
//! connection or send a body that does not decode; anonymous pages never show a private
//! e-mail, and no message key is missing. Bounded: at most `PER_SHAPE` addresses of one shape (path with numbers as `N`,
//! plus the query's parameter names) and `MAX_PAGES` pages per role.

use crate::common::TestApp;
use crate::on_both_backends;
use std::collections::{BTreeMap, HashSet, VecDeque};

on_both_backends!(every_page_holds_for_every_role);

const PER_SHAPE: usize = 3;
const MAX_PAGES: usize = 500;

/// Demo accounts, one per role (see README).
const ROLES: [(&str, Option<&str>); 5] = [
    ("anonymous", None),
    ("participant", Some("rosa.mamani@demo.ayni")),
    ("co-editor", Some("jorge.quispe@demo.ayni")),
    ("facilitator", Some("marta.rodriguez@demo.ayni")),
    ("admin", Some("admin@demo.ayni")),
];

async fn every_page_holds_for_every_role(app: TestApp) {
    ayni::demo::load(app.db()).await.unwrap();
    app.catalogue().rebuild(app.db(), |_| {}).await.unwrap();
    let private = private_emails(&app).await;
    assert!(private.len() > 20, "{private:?}");
    let mut report = Vec::new();
    for (role, email) in ROLES {
        let client = app.client();
        if let Some(email) = email {
            let p = client
                .post(
                    "/cuenta/entrar",
                    &[("email", email), ("password", ayni::demo::DEMO_PASSWORD)],
                )
                .await;
            assert_eq!(p.status.as_u16(), 303, "{role} could not sign in");
        }
        let pages = crawl(&client, role, if email.is_none() { &private } else { &[] }).await;
        report.push(format!("{role}: {} pages", pages.len()));
        let shapes: HashSet<String> = pages.iter().map(|p| shape(p)).collect();
        for must in [
            "/experiencias/N",
            "/foros/temas/N",
            "/convocatorias/N",
            "/datos/experiencias.csv?",
            "/cuenta/registro/enviado",
        ] {
            assert!(
                shapes.iter().any(|s| s.starts_with(must)),
                "{role} never reached {must}: {shapes:?}"
            );
        }
        if role == "facilitator" {
            assert!(
                shapes
                    .iter()
                    .any(|s| s.starts_with("/convocatorias/N/postulaciones/N")),
                "{shapes:?}"
            );
        }
    }
    // a message key shown as itself (`figures-by-intercambio`) is a missing translation
    assert_eq!(
        ayni::i18n::missing(),
        Vec::<String>::new(),
        "messages missing"
    );
    eprintln!("crawler ({:?}): {}", app.backend(), report.join(", "));
}

/// Every e-mail the demo holds that only its owner or a sheet's editors may see.
async fn private_emails(app: &TestApp) -> Vec<String> {
    let mut out: Vec<(String,)> = sqlx::query_as("SELECT email FROM users")
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    out.extend(
        sqlx::query_as::<_, (String,)>(
            "SELECT contact_email FROM experiences WHERE contact_email <> ''",
        )
        .fetch_all(&app.db().pool)
        .await
        .unwrap(),
    );
    let mut emails: Vec<String> = out.into_iter().map(|r| r.0).collect();
    emails.sort();
    emails.dedup();
    emails
}

/// The address's shape: numbers become `N`, the query keeps only its parameter names.
fn shape(url: &str) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let mut s = String::new();
    let mut in_digits = false;
    for c in path.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                s.push('N');
            }
            in_digits = true;
        } else {
            in_digits = false;
            s.push(c);
        }
    }
    // slugs after an id (`/experiencias/12-agua…`) do not make a new shape
    let s = s
        .split('/')
        .map(|seg| if seg.starts_with("N-") { "N" } else { seg })
        .collect::<Vec<_>>()
        .join("/");
    let mut keys: Vec<&str> = query
        .split('&')
        .filter_map(|kv| kv.split('=').next())
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort();
    keys.dedup();
    format!("{s}?{}", keys.join("&"))
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#x2F;", "/")
        .replace("&quot;", "\"")
}

/// Same-site addresses a page links to, and its GET forms submitted with default values.
fn links_of(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in html.split("href=\"").skip(1) {
        if let Some(end) = part.find('"') {
            out.push(unescape(&part[..end]));
        }
    }
    for form in html.split("<form").skip(1) {
        let Some(tag_end) = form.find('>') else {
            continue;
        };
        let tag = &form[..tag_end];
        let method = attr(tag, "method").unwrap_or_else(|| "get".into());
        if !method.eq_ignore_ascii_case("get") {
            continue;
        }
        let action = attr(tag, "action").unwrap_or_default();
        let body = form.split("</form>").next().unwrap_or("");
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for input in body.split("<input").skip(1) {
            let tag = &input[..input.find('>').unwrap_or(input.len())];
            let Some(name) = attr(tag, "name") else {
                continue;
            };
            let kind = attr(tag, "type").unwrap_or_else(|| "text".into());
            if matches!(kind.as_str(), "checkbox" | "radio") && !tag.contains(" checked") {
                continue;
            }
            if kind == "submit" {
                continue;
            }
            query.append_pair(&name, &unescape(&attr(tag, "value").unwrap_or_default()));
        }
        for select in body.split("<select").skip(1) {
            let tag = &select[..select.find('>').unwrap_or(select.len())];
            let Some(name) = attr(tag, "name") else {
                continue;
            };
            let options = select.split("</select>").next().unwrap_or("");
            let chosen = options
                .split("<option")
                .skip(1)
                .find(|o| o.split('>').next().unwrap_or("").contains(" selected"))
                .or_else(|| options.split("<option").nth(1));
            if let Some(o) = chosen {
                let otag = o.split('>').next().unwrap_or("");
                query.append_pair(&name, &unescape(&attr(otag, "value").unwrap_or_default()));
            }
        }
        let q = query.finish();
        out.push(if q.is_empty() {
            action
        } else {
            format!("{action}?{q}")
        });
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

/// Whether the crawler follows this address.
fn followable(url: &str) -> bool {
    url.starts_with('/')
        && !url.starts_with("//")
        && !url.starts_with("/static/")
        && !url.starts_with("/idioma/")
        && !url.contains("/eventos")
}

/// Crawls from `/`; returns the addresses fetched.
async fn crawl(client: &TestApp, role: &str, private: &[String]) -> Vec<String> {
    // from the home page, plus the pages only a redirect leads to
    let mut queue: VecDeque<String> =
        VecDeque::from(["/".to_string(), "/cuenta/registro/enviado".to_string()]);
    let mut seen: HashSet<String> = HashSet::new();
    let mut per_shape: BTreeMap<String, usize> = BTreeMap::new();
    let mut fetched = Vec::new();
    while let Some(url) = queue.pop_front() {
        let url = url.split('#').next().unwrap_or("").to_string();
        if url.is_empty() || !followable(&url) || !seen.insert(url.clone()) {
            continue;
        }
        let n = per_shape.entry(shape(&url)).or_default();
        if *n >= PER_SHAPE || fetched.len() >= MAX_PAGES {
            continue;
        }
        *n += 1;
        let mut body = Vec::new();
        for attempt in 0..3 {
            let (status, headers, bytes) = client.get_decoded(&url, "gzip, br").await;
            assert!(
                !status.is_server_error(),
                "{role}: {url} answered {status} (attempt {attempt}):\n{}",
                String::from_utf8_lossy(&bytes)
            );
            if status.is_redirection()
                && let Some(to) = headers.get("location").and_then(|v| v.to_str().ok())
            {
                queue.push_back(to.to_string());
            }
            body = bytes;
        }
        let text = String::from_utf8_lossy(&body);
        for email in private {
            assert!(
                !text.contains(email.as_str()),
                "{role}: {url} shows {email}"
            );
        }
        fetched.push(url.clone());
        let is_html = text.trim_start().starts_with("<!doctype html");
        if is_html {
            queue.extend(links_of(&text));
        }
    }
    fetched
}
