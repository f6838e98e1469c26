//! Defects the hostile trial of connections found from outside, each a test first.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    members_add_only_their_own_teams_and_nobody_changes_sides,
    a_removed_coeditor_leaves_the_sheets_conversations,
    odd_dismissals_and_reports_are_answered_not_crashed,
    concurrent_offers_never_fail,
    messages_and_offers_say_their_own_limits,
    a_suggested_reason_is_bounded_and_attributed,
    a_burst_of_messages_sends_one_email,
    wrong_actions_say_what_is_wrong,
);

/// Rosa asks Jorge's sheet, Jorge accepts: (rosa, jorge, conversation url, request id).
pub async fn accepted(app: &TestApp) -> (TestApp, TestApp, String, i64) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let jorge = app.client();
    jorge.register_confirmed("Jorge Quispe").await;
    let theirs = jorge.published_sheet("Quinua orgánica en Salinas").await;
    let sent = rosa
        .post(
            &format!("/experiencias/{theirs}/solicitar"),
            &[("purpose", "Aprender a vender juntos"), ("ways", "video")],
        )
        .await;
    let id: i64 = sent
        .location()
        .trim_start_matches("/intercambios/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let ok = jorge
        .post(
            &format!("/intercambios/{id}/responder"),
            &[("decision", "aceptar")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let (c,): (i64,) = sqlx::query_as("SELECT id FROM conversations WHERE request_id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    (rosa, jorge, format!("/mensajes/{c}"), id)
}

async fn side_of(app: &TestApp, url: &str, email: &str) -> Option<(i64, Option<i64>)> {
    let c: i64 = url.trim_start_matches("/mensajes/").parse().unwrap();
    sqlx::query_as(
        "SELECT m.side, m.left_at FROM conversation_members m JOIN users u ON u.id = m.user_id \
         WHERE m.conversation_id = $1 AND u.email = $2",
    )
    .bind(c)
    .bind(email)
    .fetch_optional(&app.db().pool)
    .await
    .unwrap()
}

async fn members_add_only_their_own_teams_and_nobody_changes_sides(app: TestApp) {
    let (rosa, jorge, url, _) = accepted(&app).await;
    let outsider = app.client();
    outsider.register_confirmed("Elena Torres").await;
    // an outsider, an unknown address, and a member of the other side: the same refusal
    for email in [
        "elena.torres@example.org",
        "nadie@example.org",
        "rosa.mamani@example.org",
    ] {
        let page = jorge
            .post(&format!("{url}/personas"), &[("email", email)])
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        page.assert_contains("coeditan alguna de sus fichas");
    }
    assert_eq!(outsider.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        side_of(&app, &url, "rosa.mamani@example.org").await,
        Some((0, None))
    );
    // a co-editor of one of Jorge's sheets joins his side
    let mate = app.client();
    mate.register_confirmed("Compañera de Jorge").await;
    let own = jorge.create_sheet("Feria de semillas").await;
    ayni::experiences::add_coeditor(
        app.db(),
        own,
        ayni::accounts::find_by_email(app.db(), "companera.de.jorge@example.org")
            .await
            .unwrap()
            .unwrap()
            .id,
    )
    .await
    .unwrap();
    let page = jorge
        .post(
            &format!("{url}/personas"),
            &[("email", "companera.de.jorge@example.org")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(mate.get(&url).await.status, StatusCode::OK);
    let _ = rosa;
}

async fn a_removed_coeditor_leaves_the_sheets_conversations(app: TestApp) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let jorge = app.client();
    jorge.register_confirmed("Jorge Quispe").await;
    let lucia = app.client();
    lucia.register_confirmed("Lucía Fernández").await;
    let sajama = rosa.published_sheet("Turismo comunitario en Sajama").await;
    let jorge_id = ayni::accounts::find_by_email(app.db(), "jorge.quispe@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    ayni::experiences::add_coeditor(app.db(), sajama, jorge_id)
        .await
        .unwrap();
    let sent = lucia
        .post(
            &format!("/experiencias/{sajama}/solicitar"),
            &[
                ("purpose", "Conocer su registro de visitantes"),
                ("ways", "video"),
            ],
        )
        .await;
    let id = sent
        .location()
        .trim_start_matches("/intercambios/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    rosa.post(
        &format!("/intercambios/{id}/responder"),
        &[("decision", "aceptar")],
    )
    .await;
    let (c,): (i64,) = sqlx::query_as("SELECT id FROM conversations")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let url = format!("/mensajes/{c}");
    assert_eq!(jorge.get(&url).await.status, StatusCode::OK);
    let removed = rosa
        .post(
            &format!("/experiencias/{sajama}/coeditores/{jorge_id}/quitar"),
            &[],
        )
        .await;
    assert!(removed.status.is_redirection());
    assert_eq!(jorge.get(&url).await.status, StatusCode::NOT_FOUND);
    let post = jorge
        .upload_form(&url, "", b"", &[("body", "sigo aquí")])
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
}

async fn odd_dismissals_and_reports_are_answered_not_crashed(app: TestApp) {
    let (rosa, jorge, _, id) = accepted(&app).await;
    let mine = rosa.published_sheet("Turismo comunitario en Sajama").await;
    for suggested in ["99999", "0", "-1"] {
        let page = rosa
            .post(
                "/cuenta/sugerencias/descartar",
                &[("sheet", &mine.to_string()), ("suggested", suggested)],
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{suggested}");
    }
    // a report sent twice (double click) is one report
    let fields = [
        ("reason", "Mensajes insistentes"),
        ("envio", "denuncia-unica-01"),
    ];
    rosa.post(&format!("/intercambios/{id}/denunciar"), &fields)
        .await;
    rosa.post(&format!("/intercambios/{id}/denunciar"), &fields)
        .await;
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM exchange_reports")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 1);
    let facilitator = app.facilitator("Marta Rodríguez").await;
    let page = facilitator
        .post("/intercambios/denuncias/999999/atendida", &[])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let _ = jorge;
}

async fn concurrent_offers_never_fail(app: TestApp) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let mine = rosa.published_sheet("Turismo comunitario en Sajama").await;
    let url = format!("/experiencias/{mine}/intercambio");
    let posts = (0..6).map(|i| {
        let rosa = rosa.clone();
        let url = url.clone();
        async move {
            let body = format!("Oferta número {i}");
            rosa.post(
                &url,
                &[
                    ("direction", if i % 2 == 0 { "offer" } else { "need" }),
                    ("theme", "turismo"),
                    ("body", &body),
                ],
            )
            .await
            .status
        }
    });
    for status in futures_util::future::join_all(posts).await {
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
}

async fn messages_and_offers_say_their_own_limits(app: TestApp) {
    let (rosa, _, url, _) = accepted(&app).await;
    let long = "a".repeat(5001);
    let page = rosa.upload_form(&url, "", b"", &[("body", &long)]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("5000 caracteres")
        .assert_lacks("por sección");
    // an empty file is said, not dropped
    let page = rosa
        .upload_form(&url, "vacio.pdf", b"", &[("body", "Con adjunto vacío")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("está vacío")
        .assert_contains("Con adjunto vacío");
    let mine = rosa.published_sheet("Turismo comunitario en Sajama").await;
    let body = "b".repeat(301);
    let page = rosa
        .post(
            &format!("/experiencias/{mine}/intercambio"),
            &[
                ("direction", "offer"),
                ("theme", "turismo"),
                ("body", &body),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("300 caracteres");
}

async fn a_suggested_reason_is_bounded_and_attributed(app: TestApp) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let ana = app.client();
    ana.register_confirmed("Ana Souza").await;
    let theirs = rosa.published_sheet("Turismo comunitario en Sajama").await;
    let motivo = "x".repeat(1500);
    let sent = ana
        .post(
            &format!("/experiencias/{theirs}/solicitar"),
            &[
                ("purpose", "Conocernos"),
                ("ways", "video"),
                ("motivo", &motivo),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let page = rosa.get(&sent.location()).await;
    page.assert_contains("según quien propone")
        .assert_lacks(&"x".repeat(301));
}

async fn a_burst_of_messages_sends_one_email(app: TestApp) {
    let (rosa, _, url, _) = accepted(&app).await;
    for i in 0..3 {
        let body = format!("Mensaje {i}");
        rosa.upload_form(&url, "", b"", &[("body", &body)]).await;
    }
    let (pending,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM notifications WHERE kind = 'message' AND email <> 'none'",
    )
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    assert_eq!(pending, 1);
    let (shown,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE kind = 'message'")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(shown, 3);
}

async fn wrong_actions_say_what_is_wrong(app: TestApp) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let jorge = app.client();
    jorge.register_confirmed("Jorge Quispe").await;
    let mine = rosa.published_sheet("Turismo comunitario en Sajama").await;
    let draft = rosa.create_sheet("Borrador de Rosa").await;
    let theirs = jorge.published_sheet("Quinua orgánica en Salinas").await;
    // removing another sheet's item: not found, not "removed"
    jorge
        .post(
            &format!("/experiencias/{theirs}/intercambio"),
            &[
                ("direction", "offer"),
                ("theme", "turismo"),
                ("body", "Algo"),
            ],
        )
        .await;
    let (offer,): (i64,) = sqlx::query_as("SELECT id FROM sheet_offers")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let page = rosa
        .post(
            &format!("/experiencias/{mine}/intercambio/{offer}/quitar"),
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    // asking from a draft: refused
    let page = rosa
        .post(
            &format!("/experiencias/{theirs}/solicitar"),
            &[
                ("desde", &draft.to_string()),
                ("purpose", "Hola"),
                ("ways", "video"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    // accepting a proposal that was never made
    let sent = rosa
        .post(
            &format!("/experiencias/{theirs}/solicitar"),
            &[("purpose", "Hola"), ("ways", "video")],
        )
        .await;
    let id = sent
        .location()
        .trim_start_matches("/intercambios/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let page = rosa
        .post(
            &format!("/intercambios/{id}/resolver"),
            &[("accion", "aceptar")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("no propuso otra cosa");
    // withdrawing twice: the second is a conflict, said as what happened (seventh trial:
    // "ya fue respondida" for a proposal nobody answered)
    rosa.post(
        &format!("/intercambios/{id}/resolver"),
        &[("accion", "retirar")],
    )
    .await;
    let page = rosa
        .post(
            &format!("/intercambios/{id}/resolver"),
            &[("accion", "retirar")],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    page.assert_contains("Esta propuesta fue retirada")
        .assert_lacks("ya fue respondida");
}
