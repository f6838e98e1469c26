//! Defects the seventh hostile trial (the release binary: exchanges, co-editing, calls,
//! notifications, accounts) found from outside: each a test first, then the fix.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    a_notification_keeps_what_happened_and_who_did_it,
    no_exchange_has_the_same_person_on_both_sides,
    an_invitation_goes_only_to_an_address_mail_can_reach,
    inviting_an_address_again_replaces_its_invitation,
    a_message_refused_by_a_closed_conversation_is_shown_back,
    the_same_file_sent_twice_is_attached_once,
);

/// Ana's notice "Lucía proposes an exchange" turned into "Lucía declined" once Ana herself
/// declined, and the e-mail, sent after, said so too.
async fn a_notification_keeps_what_happened_and_who_did_it(app: TestApp) {
    let (rosa, jorge, _, jorge_email, _, id) = crate::connections::asked(&app).await;
    let declined = jorge
        .post(
            &format!("/intercambios/{id}/responder"),
            &[("decision", "declinar"), ("answer", "Este año no podemos.")],
        )
        .await;
    assert_eq!(declined.status, StatusCode::SEE_OTHER, "{}", declined.body);
    jorge
        .get("/notificaciones")
        .await
        .assert_contains("Rosa Mamani propone un intercambio")
        .assert_lacks("Rosa Mamani declinó");
    // the e-mail of the proposal, sent after the answer, still tells the proposal
    app.run_jobs(ayni::now()).await;
    let mails = app.mails_to(&jorge_email).await;
    assert!(
        mails.iter().any(|m| m.contains("propone un intercambio")),
        "{mails:?}"
    );
    assert!(mails.iter().all(|m| !m.contains("declin")), "{mails:?}");
    // Rosa is told who declined, with what they wrote
    rosa.get("/notificaciones")
        .await
        .assert_contains("Jorge Quispe declinó")
        .assert_contains("Este año no podemos.");
}

/// Rosa proposed from her sheet, which Jorge co-edits, to Jorge's sheet: Jorge was on both
/// sides, and nobody could answer (nor withdraw) it.
async fn no_exchange_has_the_same_person_on_both_sides(app: TestApp) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let jorge = app.client();
    let jorge_email = jorge.register_confirmed("Jorge Quispe").await;
    let mine = rosa.published_sheet("Turismo comunitario en Sajama").await;
    let theirs = jorge.published_sheet("Quinua orgánica en Salinas").await;
    rosa.add_coeditor(mine, &jorge, &jorge_email).await;
    let page = rosa
        .post(
            &format!("/experiencias/{theirs}/solicitar"),
            &[
                ("desde", &mine.to_string()),
                ("purpose", "Aprender cómo venden juntos."),
                ("ways", "video"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Es una experiencia de su propio equipo")
        .assert_contains("Aprender cómo venden juntos.");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM exchange_requests")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
}

/// An invitation to `<script>alert(1)</script>@x.com` said "sent", and the mailer then
/// failed on it again and again.
async fn an_invitation_goes_only_to_an_address_mail_can_reach(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Turismo comunitario en Sajama").await;
    let address = "<script>alert(1)</script>@x.com";
    let page = app
        .post(
            &format!("/experiencias/{sheet}/coeditores"),
            &[("email", address)],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Escriba una dirección de correo válida")
        .assert_contains("&#60;script&#62;alert(1)&#60;/script&#62;@x.com");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM invitations")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
}

/// Inviting Lucía twice sent two links that both worked, and after she accepted one the
/// other stayed listed as waiting.
async fn inviting_an_address_again_replaces_its_invitation(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Turismo comunitario en Sajama").await;
    let path = format!("/experiencias/{sheet}/coeditores");
    let first = app
        .post(&path, &[("email", "lucia.fernandez@example.org")])
        .await;
    assert!(first.status.is_redirection() || first.status.is_success());
    let old_link = app
        .last_link_to("lucia.fernandez@example.org", "/invitaciones/")
        .await;
    let again = app
        .post(&path, &[("email", "Lucia.Fernandez@Example.org")])
        .await;
    assert!(again.status.is_redirection() || again.status.is_success());
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM invitations")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 1, "one waiting invitation");
    let lucia = app.client();
    lucia.register_confirmed("Lucía Fernández").await;
    let stale = lucia.post(&old_link, &[]).await;
    assert!(
        !stale.status.is_redirection(),
        "the older link no longer works"
    );
    let link = app
        .last_link_to("lucia.fernandez@example.org", "/invitaciones/")
        .await;
    assert_ne!(link, old_link);
    let ok = lucia.post(&link, &[]).await;
    assert!(ok.status.is_redirection(), "{}", ok.body);
    app.get(&path).await.assert_lacks("Invitaciones pendientes");
}

/// Jorge blocked the conversation while Rosa was writing: her message was refused and what
/// she wrote was nowhere on the page.
async fn a_message_refused_by_a_closed_conversation_is_shown_back(app: TestApp) {
    let (rosa, jorge, url, _) = crate::connections_trial::accepted(&app).await;
    let blocked = jorge.post(&format!("{url}/bloquear"), &[]).await;
    assert_eq!(blocked.status, StatusCode::SEE_OTHER, "{}", blocked.body);
    let late = rosa
        .upload_form(&url, "", b"", &[("body", "Les mando el plan de ferias.")])
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    late.assert_contains("Les mando el plan de ferias.");
}

/// The attachment form sent twice (a double click, a reload) attached the file twice.
async fn the_same_file_sent_twice_is_attached_once(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Turismo comunitario en Sajama").await;
    let path = format!("/experiencias/{sheet}/adjuntos");
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    for _ in 0..2 {
        let p = app.upload(&path, "plan de ferias.pdf", pdf).await;
        assert!(p.status.is_redirection(), "{}", p.body);
    }
    // another file of the same name is another attachment
    let other = b"%PDF-1.4\n2 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    let p = app.upload(&path, "plan de ferias.pdf", other).await;
    assert!(p.status.is_redirection(), "{}", p.body);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM attachments WHERE experience_id = $1")
        .bind(sheet)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 2);
}
