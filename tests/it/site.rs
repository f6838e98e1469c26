//! Site-wide qualities: health, security headers, error pages, assets, page weight.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    health_headers_errors_and_assets,
    public_pages_stay_under_the_weight_budget
);

async fn health_headers_errors_and_assets(app: TestApp) {
    let health = app.get("/healthz").await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (StatusCode::OK, "ok")
    );
    let home = app.get("/").await;
    let csp = home.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'")
            && csp.contains("frame-ancestors 'none'")
            && !csp.contains("unsafe-inline")
    );
    assert_eq!(home.headers["x-content-type-options"], "nosniff");
    assert_eq!(
        home.headers["referrer-policy"],
        "strict-origin-when-cross-origin"
    );
    let cookie = home.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));

    let missing = app.get("/no-existe").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    missing
        .assert_contains("No encontramos esta página")
        .assert_contains("<html lang=\"es\"");
    let mut en = app.client();
    en.lang_header = Some("en".into());
    en.get("/no-existe").await.assert_lacks("No encontramos");

    let css = home
        .body
        .split("href=\"/static/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let (status, headers, body) = app.get_bytes(&format!("/static/{css}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(String::from_utf8(body).unwrap().contains(":root"));
    assert_eq!(
        app.get("/static/ayni.0000000000.css").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn public_pages_stay_under_the_weight_budget(app: TestApp) {
    ayni::demo::load(app.db()).await.unwrap();
    app.sync_search().await;
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM experiences ORDER BY LENGTH(objectives) + LENGTH(actions) + LENGTH(lessons) DESC LIMIT 1")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let home = app.get("/").await;
    let css = home
        .body
        .split("href=\"")
        .find(|s| s.starts_with("/static/"))
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let (_, _, css_bytes) = app.get_bytes(&css, Some("gzip")).await;
    // the forum pages: the biggest space and the longest conversation of the demo forum
    let (forum,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM forums")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let (space,): (i64,) =
        sqlx::query_as("SELECT id FROM spaces ORDER BY post_count DESC, id LIMIT 1")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let (topic,): (i64,) =
        sqlx::query_as("SELECT post_id FROM topics ORDER BY replies DESC, post_id LIMIT 1")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    for path in [
        "/".to_string(),
        "/experiencias".to_string(),
        format!("/experiencias/{id}"),
        "/foros".to_string(),
        format!("/foros/{forum}"),
        format!("/foros/espacios/{space}"),
        format!("/foros/temas/{topic}"),
    ] {
        let (status, headers, body) = app.get_bytes(&path, Some("gzip")).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(
            headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            Some("gzip"),
            "{path}"
        );
        let total = body.len() + css_bytes.len();
        eprintln!(
            "{path}: {} bytes compressed (+ {} CSS)",
            body.len(),
            css_bytes.len()
        );
        assert!(total < 50 * 1024, "{path} weighs {total} bytes with CSS");
    }
}
