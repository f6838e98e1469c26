//! Defects the fifth hostile trial (the release binary, every role) found from outside:
//! each a test first, then the fix.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    the_audit_log_names_moderation_and_roles_and_logs_only_changes,
    every_instance_serves_every_uploaded_file_and_backs_it_up,
);

/// The audit log showed `hide #72` and `facilitator` in the Spanish interface, and a second
/// click on "hide" (or the same role given twice) wrote a second entry.
async fn the_audit_log_names_moderation_and_roles_and_logs_only_changes(app: TestApp) {
    let boss = app.admin("Administradora General").await;
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = f.new_forum().await;
    let space = f.new_space(forum, "contribution", &[]).await;
    let (rosa, rosa_email) = app.member("Rosa Mamani", forum).await;
    let topic = rosa
        .post_topic(
            space,
            &[
                ("title", "Compre seguidores"),
                ("body", "Oferta increíble."),
            ],
        )
        .await;
    let hide = format!("/foros/mensajes/{topic}/moderar");
    for _ in 0..2 {
        let page = f.post(&hide, &[("action", "hide")]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    let jorge = app.client();
    let jorge_email = jorge.register_confirmed("Jorge Quispe").await;
    let jorge_id = app.user_id(&jorge_email).await;
    for _ in 0..2 {
        let page = boss
            .post(
                &format!("/admin/personas/{jorge_id}/rol"),
                &[("role", "facilitator")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    let log = boss.get("/admin/registro").await;
    log.assert_contains(&format!("Ocultó #{topic}"))
        .assert_contains("Facilitadora o facilitador")
        .assert_lacks(&format!("hide #{topic}"));
    assert_eq!(log.body.matches(&format!("Ocultó #{topic}")).count(), 1);
    assert_eq!(log.body.matches("Facilitadora o facilitador").count(), 1);
    let mod_log = f.get(&format!("/foros/{forum}/moderacion")).await;
    assert_eq!(mod_log.body.matches(&format!("#{topic}<")).count(), 1);
    // the person's own page names them too
    let rosa_id = app.user_id(&rosa_email).await;
    boss.get(&format!("/admin/personas/{rosa_id}"))
        .await
        .assert_contains(&format!("Ocultó #{topic}"));
    boss.get(&format!("/admin/personas/{jorge_id}"))
        .await
        .assert_contains("Facilitadora o facilitador")
        .assert_lacks(": facilitator<");
    // the command line says so when nothing changes, and logs nothing
    let (ok, out) = app.cli(&[
        "admin",
        "role",
        "--email",
        &jorge_email,
        "--add",
        "facilitador",
    ]);
    assert!(ok && out.contains("already"), "{out}");
    let log = boss.get("/admin/registro").await;
    assert_eq!(log.body.matches("Facilitadora o facilitador").count(), 1);
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

/// Behind a load balancer, a file uploaded through one instance answered 404 on the other,
/// and a backup taken there left it out without a word.
async fn every_instance_serves_every_uploaded_file_and_backs_it_up(app: TestApp) {
    let other = app.second_instance().await;
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let sheet = rosa.create_sheet("Feria de semillas de Sucre").await;
    let up = rosa
        .upload(&format!("/experiencias/{sheet}/adjuntos"), "plan.pdf", PDF)
        .await;
    assert!(up.location().contains("aviso=adjunto"), "{}", up.location());
    let (id, key): (i64, String) =
        sqlx::query_as("SELECT id, storage_key FROM attachments WHERE experience_id = $1")
            .bind(sheet)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let url = format!("/experiencias/{sheet}/adjuntos/{id}/plan.pdf");
    // the same person, her next request served by the other instance
    let rosa_there = other.client();
    rosa_there.set_cookie("ayni_session", &rosa.cookie("ayni_session").unwrap());
    let (status, _, body) = rosa_there.get_bytes(&url, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, PDF);
    // a backup taken with the other instance's folder holds it, and so does its restore
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("copia.tar.gz");
    let files = other.state().settings.data_dir.join("files");
    let summary = ayni::backup::backup(other.db(), &files, &archive)
        .await
        .unwrap();
    assert_eq!(summary.files, 1);
    let target = TestApp::new(app.backend()).await;
    let restored = target.state().settings.data_dir.join("files");
    ayni::backup::restore(target.db(), &restored, &archive)
        .await
        .unwrap();
    let found = target.state().storage.find(&key).await.unwrap();
    assert_eq!(found.as_deref(), Some(PDF));
    // deleting it removes it for every instance
    let page = rosa
        .post(&format!("/experiencias/{sheet}/adjuntos/{id}/borrar"), &[])
        .await;
    assert!(page.status.is_redirection(), "{}", page.body);
    assert_eq!(
        rosa_there.get_bytes(&url, None).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(other.state().storage.find(&key).await.unwrap(), None);
    // a file from before files moved into the database goes in when serving starts
    std::fs::write(files.join("archivoAnterior01"), b"viejo").unwrap();
    assert_eq!(other.state().storage.adopt_folder().await.unwrap(), 1);
    let old = app.state().storage.find("archivoAnterior01").await.unwrap();
    assert_eq!(old.as_deref(), Some(&b"viejo"[..]));
}
