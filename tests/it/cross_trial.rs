//! Defects a hostile trial found where features meet (deleted and suspended accounts in
//! exchanges, floods of messages, merged terms), each a test.

use crate::common::{PASSWORD, TestApp};
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    a_flood_of_messages_stops_and_keeps_the_text,
    deleted_and_suspended_people_leave_their_exchanges_closed,
    placeholder_addresses_are_no_ones,
    a_side_left_empty_closes_the_conversation,
);

async fn ask(who: &TestApp, sheet: i64) -> (StatusCode, String) {
    let page = who
        .post(
            &format!("/experiencias/{sheet}/solicitar"),
            &[("purpose", "Conocernos"), ("ways", "video")],
        )
        .await;
    let id = page
        .location()
        .trim_start_matches("/intercambios/")
        .split('?')
        .next()
        .unwrap_or("")
        .to_string();
    (
        page.status,
        if page.status == StatusCode::SEE_OTHER {
            id
        } else {
            page.body
        },
    )
}

async fn delete(who: &TestApp) {
    let page = who
        .post("/cuenta/borrar", &[("current", PASSWORD), ("confirm", "1")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

async fn a_flood_of_messages_stops_and_keeps_the_text(app: TestApp) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let jorge = app.client();
    jorge.register_confirmed("Jorge Quispe").await;
    let theirs = jorge.published_sheet("Quinua orgánica en Salinas").await;
    let (_, id) = ask(&rosa, theirs).await;
    jorge
        .post(
            &format!("/intercambios/{id}/responder"),
            &[("decision", "aceptar")],
        )
        .await;
    let (c,): (i64,) = sqlx::query_as("SELECT id FROM conversations")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let url = format!("/mensajes/{c}");
    for i in 0..60 {
        let body = format!("Mensaje {i}");
        let page = rosa.upload_form(&url, "", b"", &[("body", &body)]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "message {i}");
    }
    let page = rosa
        .upload_form(&url, "", b"", &[("body", "Uno más, que no se pierde")])
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    page.assert_contains("Uno más, que no se pierde")
        .assert_contains("muchos mensajes seguidos");
}

async fn deleted_and_suspended_people_leave_their_exchanges_closed(app: TestApp) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let lucia = app.client();
    let lucia_email = lucia.register_confirmed("Lucía Fernández").await;
    let elena = app.client();
    let elena_email = elena.register_confirmed("Elena Torres").await;
    let ana = app.client();
    ana.register_confirmed("Ana Souza").await;
    let sajama = rosa.published_sheet("Turismo comunitario en Sajama").await;
    let lucias = lucia
        .published_sheet("Centro histórico de Ollantaytambo")
        .await;
    // Lucía asked Rosa; Ana asked Lucía; then Lucía deletes her account
    let (_, from_lucia) = ask(&lucia, sajama).await;
    let (_, to_lucia) = ask(&ana, lucias).await;
    delete(&lucia).await;
    let states: Vec<(String,)> = sqlx::query_as("SELECT state FROM exchange_requests ORDER BY id")
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(
        states,
        vec![("withdrawn".to_string(),), ("declined".to_string(),)]
    );
    let page = rosa
        .post(
            &format!("/intercambios/{from_lucia}/responder"),
            &[("decision", "aceptar")],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    let _ = to_lucia;
    // nobody answers for Lucía's sheet any more: it takes no new requests
    let (status, body) = ask(&elena, lucias).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Nadie puede responder"), "{body}");
    // a suspended asker: out of the directory, and their request cannot be accepted
    elena.post("/cuenta/perfil", &[("listed", "1")]).await;
    let (_, from_elena) = ask(&elena, sajama).await;
    let admin = app.admin("Administradora").await;
    let elena_id = app.user_id(&elena_email).await;
    admin
        .post(
            &format!("/admin/personas/{elena_id}/suspender"),
            &[("reason", "Propuestas insistentes")],
        )
        .await;
    app.client()
        .get("/personas")
        .await
        .assert_lacks("Elena Torres");
    let page = rosa
        .post(
            &format!("/intercambios/{from_elena}/responder"),
            &[("decision", "aceptar")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("ya no tiene una cuenta activa");
    let _ = lucia_email;
}

async fn placeholder_addresses_are_no_ones(app: TestApp) {
    let jorge = app.client();
    jorge.register_confirmed("Jorge Quispe").await;
    let id = app.user_id("jorge.quispe@example.org").await;
    delete(&jorge).await;
    // the deleted account's placeholder cannot be registered again
    let page = app
        .client()
        .post(
            "/cuenta/registro",
            &[
                ("name", "Alguien"),
                ("email", &format!("eliminada-{id}@ayni.invalid")),
                ("password", PASSWORD),
                ("country", "BO"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("dirección de correo válida");
}

async fn accepted_conversation(app: &TestApp) -> (TestApp, TestApp, String, String) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let jorge = app.client();
    jorge.register_confirmed("Jorge Quispe").await;
    let theirs = jorge.published_sheet("Quinua orgánica en Salinas").await;
    let (_, id) = ask(&rosa, theirs).await;
    jorge
        .post(
            &format!("/intercambios/{id}/responder"),
            &[("decision", "aceptar")],
        )
        .await;
    let (c,): (i64,) = sqlx::query_as("SELECT id FROM conversations")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    (
        rosa,
        jorge,
        format!("/mensajes/{c}"),
        format!("/intercambios/{id}"),
    )
}

/// When one side has nobody left, the conversation closes; whoever left is not sent to it.
async fn a_side_left_empty_closes_the_conversation(app: TestApp) {
    let (rosa, jorge, url, request) = accepted_conversation(&app).await;
    let left = jorge.post(&format!("{url}/salir"), &[]).await;
    assert_eq!(left.status, StatusCode::SEE_OTHER);
    jorge
        .get(&request)
        .await
        .assert_lacks("Ir a la conversación");
    let page = rosa.upload_form(&url, "", b"", &[("body", "¿Hola?")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("está cerrada");
}
