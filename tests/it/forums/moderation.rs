//! Flags, moderation, throwaway accounts, and one-button writes without a valid form.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    flags_hide_posts_and_facilitators_moderate_with_an_audit_log,
    throwaway_accounts_can_neither_hide_posts_nor_post,
    small_actions_without_a_valid_form_change_nothing,
);

async fn flags_hide_posts_and_facilitators_moderate_with_an_audit_log(app: TestApp) {
    let app = TestApp::with_settings(app.backend(), |s| s.forum_flags_to_hide = 2).await;
    let (f, forum, space) = app.forum_with_space("contribution", &[]).await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let (jorge, _) = app.member("Jorge Quispe", forum).await;
    let (lucia, _) = app.member("Lucía Fernández", forum).await;
    lucia
        .post(
            &format!("/foros/espacios/{space}/seguir"),
            &[("accion", "seguir")],
        )
        .await;
    let topic = rosa
        .post_topic(
            space,
            &[
                ("title", "Compre seguidores baratos"),
                ("body", "Oferta increíble aquí."),
            ],
        )
        .await;
    // someone who did not join cannot flag
    let outsider = app.client();
    outsider.register_confirmed("Ana Souza").await;
    let page = outsider
        .post(
            &format!("/foros/mensajes/{topic}/senalar"),
            &[("reason", "spam")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    // an unknown reason is refused
    let page = jorge
        .post(
            &format!("/foros/mensajes/{topic}/senalar"),
            &[("reason", "aburrido")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Elija el motivo");
    // flags count towards hiding from members with standing: two days after they joined
    app.state().clock.advance(172_800);
    for who in [&jorge, &lucia] {
        let page = who
            .post(
                &format!("/foros/mensajes/{topic}/senalar"),
                &[("reason", "spam")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    // hidden after two flags: participants see a placeholder, replies are refused
    let page = jorge.get(&format!("/foros/temas/{topic}")).await;
    page.assert_contains("está oculto")
        .assert_lacks("Oferta increíble aquí.");
    // nor does it reach anyone through notifications
    lucia
        .get("/notificaciones")
        .await
        .assert_contains("Rosa Mamani publicó en")
        .assert_lacks("Oferta increíble")
        .assert_lacks("Compre seguidores");
    let page = jorge
        .post(
            &format!("/foros/temas/{topic}"),
            &[("body", "Esto no es un aporte")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("está oculto por moderación")
        .assert_contains("Esto no es un aporte");
    // only facilitators moderate
    let page = jorge
        .post(
            &format!("/foros/mensajes/{topic}/moderar"),
            &[("action", "restore")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(
        jorge
            .get(&format!("/foros/{forum}/moderacion"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let queue = f.get(&format!("/foros/{forum}/moderacion")).await;
    queue
        .assert_contains("Oferta increíble aquí.")
        .assert_contains("Publicidad o spam: 2")
        .assert_contains("Ocultado por señalamientos");
    let page = f
        .post(
            &format!("/foros/mensajes/{topic}/moderar"),
            &[("action", "borrar-todo")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.assert_contains("no está disponible");
    let page = f
        .post(
            &format!("/foros/mensajes/{topic}/moderar"),
            &[("action", "restore")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    jorge
        .get(&format!("/foros/temas/{topic}"))
        .await
        .assert_contains("Oferta increíble aquí.");
    // closing a conversation stops replies
    f.post(
        &format!("/foros/mensajes/{topic}/moderar"),
        &[("action", "close")],
    )
    .await;
    let page = jorge
        .post(
            &format!("/foros/temas/{topic}"),
            &[("body", "¿Sigue abierto?")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("está cerrada")
        .assert_contains("¿Sigue abierto?");
    let log = f.get(&format!("/foros/{forum}/moderacion")).await;
    log.assert_contains("Restableció")
        .assert_contains("Cerró la conversación")
        .assert_contains("Marta Rodríguez");
}

/// Issue "Nothing breaks" item 14: three throwaway accounts could hide any post by flagging
/// it, and unconfirmed accounts posted in public.
async fn throwaway_accounts_can_neither_hide_posts_nor_post(app: TestApp) {
    let (f, forum, space) = app.forum_with_space("contribution", &[]).await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let topic = rosa
        .post_topic(
            space,
            &[
                ("title", "Ferias de semillas"),
                ("body", "Lo que aprendimos en Tarabuco."),
            ],
        )
        .await;
    for name in ["Uno Falso", "Dos Falso", "Tres Falso", "Cuatro Falso"] {
        let (troll, _) = app.member(name, forum).await;
        let page = troll
            .post(
                &format!("/foros/mensajes/{topic}/senalar"),
                &[("reason", "spam")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    app.client()
        .get(&format!("/foros/temas/{topic}"))
        .await
        .assert_contains("Lo que aprendimos en Tarabuco.");
    // the flags still reach the facilitators
    f.get(&format!("/foros/{forum}/moderacion"))
        .await
        .assert_contains("Lo que aprendimos en Tarabuco.");
    // an unconfirmed account joins but cannot post; what it typed is kept
    let fresh = app.client();
    fresh.register("Cinco Nuevo").await;
    fresh.post(&format!("/foros/{forum}/unirse"), &[]).await;
    let page = fresh
        .post(
            &format!("/foros/espacios/{space}"),
            &[("title", "Oferta"), ("body", "Texto que no se pierde")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Confirme su correo antes de publicar")
        .assert_contains("Texto que no se pierde");
}

/// Every one-button write (join, follow, vote, me sirve, flag, helpful, resolve, moderate,
/// mark read) refuses a request without the form's CSRF token and leaves everything as it was;
/// and people who did not join cannot react.
async fn small_actions_without_a_valid_form_change_nothing(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = f.new_forum().await;
    let speaker = app.client();
    let email = speaker.register_confirmed("Pablo Vargas").await;
    let conference = f
        .new_space(forum, "conference", &[("speakers", &email)])
        .await;
    let workshop = f.new_space(forum, "workshop", &[]).await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let (jorge, _) = app.member("Jorge Quispe", forum).await;
    let question = rosa
        .post_topic(conference, &[("body", "¿Cómo empezaron?")])
        .await;
    let dilemma = rosa
        .post_topic(
            workshop,
            &[
                ("title", "¿Cómo seguir?"),
                ("body", "Dudas."),
                ("audience", "peers"),
            ],
        )
        .await;
    let answer = jorge.reply(dilemma, "Así lo hicimos.").await;
    let outsider = app.client();
    outsider.register_confirmed("Ana Souza").await;
    let page = outsider
        .post(
            &format!("/foros/mensajes/{answer}/me-sirve"),
            &[("accion", "poner")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Únase al foro");
    let before = app.get(&format!("/foros/temas/{dilemma}")).await.body;
    for (who, path) in [
        (&outsider, format!("/foros/{forum}/unirse")),
        (&jorge, format!("/foros/espacios/{workshop}/seguir")),
        (&jorge, format!("/foros/temas/{question}/votar")),
        (&jorge, format!("/foros/mensajes/{dilemma}/me-sirve")),
        (&jorge, format!("/foros/mensajes/{dilemma}/senalar")),
        (&rosa, format!("/foros/mensajes/{answer}/util")),
        (&rosa, format!("/foros/temas/{dilemma}/resolver")),
        (&f, format!("/foros/mensajes/{dilemma}/moderar")),
        (&rosa, "/notificaciones/leidas".to_string()),
    ] {
        let page = who
            .post_raw(
                &path,
                &[("reason", "spam"), ("action", "hide"), ("accion", "poner")],
            )
            .await;
        // a button from a stale page: said so, nothing changed
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        page.assert_contains("Su sesión de formulario caducó");
    }
    assert_eq!(
        app.get(&format!("/foros/temas/{dilemma}")).await.body,
        before
    );
    app.get(&format!("/foros/espacios/{conference}"))
        .await
        .assert_contains("0 votos");
    assert!(
        !app.get(&format!("/foros/{forum}"))
            .await
            .body
            .contains("Ana Souza")
    );
    // Rosa's notifications stayed unread
    rosa.get("/notificaciones").await.assert_contains("Nuevo");
}
