//! Both migration folders produce the same tables and columns.

use crate::common::{TestApp, postgres_url};
use ayni::db::Backend;

#[tokio::test]
async fn both_backends_have_the_same_tables_and_columns() {
    let sqlite = TestApp::new(Backend::Sqlite).await;
    let lite = sqlite.db().schema_columns().await.unwrap();
    assert!(
        lite.iter()
            .any(|(t, c)| t == "experiences" && c == "keys_text")
    );
    for m in ayni::db::MIGRATIONS {
        assert!(
            !m.sqlite.trim().is_empty() && !m.postgres.trim().is_empty(),
            "{}",
            m.name
        );
    }
    if postgres_url().is_none() {
        eprintln!("AYNI_TEST_POSTGRES_URL not set: PostgreSQL schema comparison skipped");
        return;
    }
    let pg = TestApp::new(Backend::Postgres).await;
    let mut pg_cols = pg.db().schema_columns().await.unwrap();
    let mut lite = lite;
    lite.sort();
    pg_cols.sort();
    assert_eq!(lite, pg_cols);
}

#[tokio::test]
async fn migrating_twice_changes_nothing() {
    let app = TestApp::new(Backend::Sqlite).await;
    assert!(ayni::db::migrate(app.db()).await.unwrap().is_empty());
    ayni::taxonomy::seed(app.db()).await.unwrap();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM countries")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 33);
}
