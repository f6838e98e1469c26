//! `ayni backup` → `ayni restore`, through the real command line: SQLite → SQLite, SQLite →
//! PostgreSQL and PostgreSQL → SQLite. The restored site answers the same pages, the same
//! search results, the same revisions and the same files.

use crate::common::TestApp;
use axum::http::StatusCode;
use ayni::db::Backend;

#[tokio::test]
async fn sqlite_to_sqlite() {
    round_trip(
        TestApp::new(Backend::Sqlite).await,
        TestApp::new(Backend::Sqlite).await,
    )
    .await;
}

#[tokio::test]
async fn sqlite_to_postgres() {
    let Some(target) = TestApp::postgres().await else {
        return;
    };
    round_trip(TestApp::new(Backend::Sqlite).await, target).await;
}

#[tokio::test]
async fn postgres_to_sqlite() {
    let Some(source) = TestApp::postgres().await else {
        return;
    };
    round_trip(source, TestApp::new(Backend::Sqlite).await).await;
}

/// A page as anyone reads it, without what differs per visit (form tokens).
fn stable(body: &str) -> String {
    body.lines()
        .filter(|l| !l.contains("name=\"csrf\"") && !l.contains("name=\"envio\""))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn round_trip(source: TestApp, target: TestApp) {
    ayni::demo::load(source.db()).await.unwrap();
    // a file, through the page, as people add them
    let rosa = source.client();
    rosa.register_confirmed("Rosa Archivo").await;
    let sheet = rosa.create_sheet("Experiencia con un adjunto").await;
    let up = rosa
        .upload(
            &format!("/experiencias/{sheet}/adjuntos"),
            "informe.pdf",
            b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        )
        .await;
    assert!(up.status.is_redirection(), "{}", up.body);
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("copia.tar.gz");
    let archive_arg = archive.display().to_string();
    let (ok, out) = source.cli(&["backup", "--out", &archive_arg]);
    assert!(ok, "{out}");
    // a damaged archive is refused whole: the target stays fresh and the good one restores
    let bytes = std::fs::read(&archive).unwrap();
    let cut = dir.path().join("cortada.tar.gz");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let (ok, out) = target.cli(&["restore", &cut.display().to_string()]);
    assert!(!ok, "{out}");
    assert!(out.contains("damaged"), "{out}");
    let (ok, out) = target.cli(&["restore", &archive_arg]);
    assert!(ok, "{out}");
    // restoring twice is refused: the target is no longer fresh
    let (ok, out) = target.cli(&["restore", &archive_arg]);
    assert!(!ok, "{out}");
    source
        .catalogue()
        .rebuild(source.db(), |_| {})
        .await
        .unwrap();
    target
        .catalogue()
        .rebuild(target.db(), |_| {})
        .await
        .unwrap();

    let (first,): (i64,) =
        sqlx::query_as("SELECT MIN(id) FROM experiences WHERE state = 'published'")
            .fetch_one(&source.db().pool)
            .await
            .unwrap();
    let (forum,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM forums")
        .fetch_one(&source.db().pool)
        .await
        .unwrap();
    let (attachment, name): (i64, String) =
        sqlx::query_as("SELECT id, file_name FROM attachments WHERE experience_id = $1")
            .bind(sheet)
            .fetch_one(&source.db().pool)
            .await
            .unwrap();
    for path in [
        format!("/experiencias/{first}"),
        format!("/experiencias/{first}/historial"),
        "/experiencias?q=turismo".to_string(),
        "/experiencias?tema=medio-ambiente&orden=recientes".to_string(),
        format!("/foros/{forum}"),
        "/convocatorias".to_string(),
        "/personas".to_string(),
        "/estadisticas".to_string(),
    ] {
        let (a, b) = (
            source.client().get(&path).await,
            target.client().get(&path).await,
        );
        assert_eq!(a.status, StatusCode::OK, "{path}");
        let (a, b) = (stable(&a.body), stable(&b.body));
        if a != b {
            let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
            panic!("{path} differs after restore: {first:?}");
        }
    }
    // the file, and the people: Rosa signs in on the restored site with her password
    let file = format!("/experiencias/{sheet}/adjuntos/{attachment}/{name}");
    let rosa_there = target.client();
    let login = rosa_there
        .post(
            "/cuenta/entrar",
            &[
                ("email", "rosa.archivo@example.org"),
                ("password", crate::common::PASSWORD),
            ],
        )
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    let (a, b) = (rosa.get(&file).await, rosa_there.get(&file).await);
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body, b.body);
    // new rows get new ids after the restored ones
    let next = rosa_there
        .create_sheet("Una ficha después de restaurar")
        .await;
    assert!(next > sheet);
}

/// A file lost from the database (or left out of an archive) answers 404, not 500.
#[tokio::test]
async fn a_missing_file_is_not_found() {
    let app = TestApp::new(Backend::Sqlite).await;
    let rosa = app.client();
    rosa.register_confirmed("Rosa Archivo").await;
    let sheet = rosa.create_sheet("Experiencia con un adjunto").await;
    rosa.upload(
        &format!("/experiencias/{sheet}/adjuntos"),
        "informe.pdf",
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    )
    .await;
    let (attachment, name, key): (i64, String, String) = sqlx::query_as(
        "SELECT id, file_name, storage_key FROM attachments WHERE experience_id = $1",
    )
    .bind(sheet)
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    sqlx::query("DELETE FROM stored_files WHERE key = $1")
        .bind(&key)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let page = rosa
        .get(&format!(
            "/experiencias/{sheet}/adjuntos/{attachment}/{name}"
        ))
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}
