//! Defects the fifth hostile trial (the release binary, every role) found from outside:
//! each a test first, then the fix.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(the_audit_log_names_moderation_and_roles_and_logs_only_changes,);

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
