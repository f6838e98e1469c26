use crate::common::TestApp;
use crate::on_both_backends;

on_both_backends!(demo_data_follows_the_report_and_loads_only_once);

async fn demo_data_follows_the_report_and_loads_only_once(app: TestApp) {
    let first = ayni::demo::load(app.db()).await.unwrap();
    assert!(first.contains("9 new people"), "{first}");
    let second = ayni::demo::load(app.db()).await.unwrap();
    assert!(second.contains("0 new people, 0 new sheets"), "{second}");

    let rows: Vec<(String, i64)> = sqlx::query_as("SELECT country_code, COUNT(*) FROM experiences WHERE state = 'published' GROUP BY country_code ORDER BY country_code")
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    let count = |c: &str| {
        rows.iter()
            .find(|(k, _)| k == c)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    assert_eq!(
        (count("BO"), count("PE"), count("MX"), count("UY")),
        (31, 15, 2, 1)
    );
    // the report's 63 experiences: the seven unreadable figures are 2 each
    assert_eq!(rows.iter().map(|(_, n)| n).sum::<i64>(), 63);
    for c in ["AR", "BR", "CO", "VE", "HN", "EC", "GT"] {
        assert_eq!(count(c), 2, "{c}");
    }
    // the 2016 call is closed and approved every sheet; the open call has one waiting
    let calls: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT c.title, s.state, COUNT(*) FROM calls c JOIN submissions s ON s.call_id = c.id \
         GROUP BY c.title, s.state ORDER BY c.title",
    )
    .fetch_all(&app.db().pool)
    .await
    .unwrap();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(
        calls
            .iter()
            .any(|(t, s, n)| t.contains("2016") && s == "approved" && *n == 63),
        "{calls:?}"
    );
    assert!(
        calls
            .iter()
            .any(|(t, s, n)| t.contains("permanente") && s == "submitted" && *n == 1),
        "{calls:?}"
    );
    let (linked,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM forums WHERE call_id IS NOT NULL")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(linked, 1);
    // some sheets carry an improved second revision; lessons range from rich to empty
    let (revised,): (i64,) =
        sqlx::query_as("SELECT COUNT(DISTINCT experience_id) FROM revisions WHERE number = 2")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert!(revised >= 3, "{revised}");
    let (empty_lessons,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM experiences WHERE lessons = ''")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert!(empty_lessons >= 5, "{empty_lessons}");
    // the guidance measure, tuned on this data, sees the report's spread of lessons
    let sheets = ayni::experiences::load_many(app.db(), &(1..=63).collect::<Vec<i64>>())
        .await
        .unwrap();
    let mut levels = std::collections::BTreeMap::new();
    for e in &sheets {
        *levels
            .entry(
                ayni::experiences::guidance::measure(
                    e.content.narrative.get(ayni::experiences::Section::Lessons),
                )
                .code(),
            )
            .or_insert(0) += 1;
    }
    eprintln!("demo lessons: {levels:?}");
    for level in ["empty", "thin", "developed"] {
        assert!(levels.get(level).copied().unwrap_or(0) >= 12, "{levels:?}");
    }
    // Brazilian sheets are in Portuguese
    let (pt,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM experiences WHERE country_code = 'BR' AND language = 'pt' AND state = 'published'",
    )
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    assert_eq!(pt, count("BR"));
    // every demo role exists and can sign in
    let fac = app.client();
    let p = fac
        .post(
            "/cuenta/entrar",
            &[
                ("email", "marta.rodriguez@demo.ayni"),
                ("password", ayni::demo::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(p.status, axum::http::StatusCode::SEE_OTHER);
    app.client()
        .get("/experiencias")
        .await
        .assert_contains("experiencias publicadas");
}
