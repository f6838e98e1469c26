//! Writing: rendering once, previews, edits and their history, closed spaces, rate limits.

use crate::common::{TestApp, local};
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    posts_are_rendered_once_when_written,
    previews_are_rate_limited_and_keep_the_text,
    edits_keep_history_and_close_after_the_window,
    a_closed_space_refuses_posts_and_keeps_the_text,
    posting_and_flagging_are_rate_limited,
);

/// Issue "Nothing breaks" item 14: a topic page rendered every post's Markdown on every view.
/// The HTML is made once, when a post is written or edited, and stored with it.
async fn posts_are_rendered_once_when_written(app: TestApp) {
    let (_, forum, space) = app.forum_with_space("contribution", &[]).await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let topic = rosa
        .post_topic(
            space,
            &[
                ("title", "Ferias de semillas"),
                ("body", "Gracias @Marta Rodríguez por **el dato**."),
            ],
        )
        .await;
    let stored = |id: i64| {
        let pool = app.db().pool.clone();
        async move {
            let (html,): (Option<String>,) =
                sqlx::query_as("SELECT body_html FROM posts WHERE id = $1")
                    .bind(id)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            html
        }
    };
    let html = stored(topic).await.expect("rendered when written");
    assert!(html.contains("<strong>el dato</strong>"), "{html}");
    assert!(
        html.contains("<strong class=\"mention\">@Marta Rodríguez</strong>"),
        "{html}"
    );
    // the page shows what was stored, not a new rendering
    let set = |html: Option<&'static str>| {
        let pool = app.db().pool.clone();
        async move {
            sqlx::query("UPDATE posts SET body_html = $1 WHERE id = $2")
                .bind(html)
                .bind(topic)
                .execute(&pool)
                .await
                .unwrap();
        }
    };
    set(Some("<p>Versión guardada</p>")).await;
    let page = format!("/foros/temas/{topic}");
    app.client()
        .get(&page)
        .await
        .assert_contains("Versión guardada");
    // posts written before the cache are rendered when shown
    set(None).await;
    app.client()
        .get(&page)
        .await
        .assert_contains("<strong>el dato</strong>")
        .assert_lacks("Versión guardada");
    // an edit renders again
    let edited = rosa
        .post(
            &format!("/foros/mensajes/{topic}/editar"),
            &[
                ("title", "Ferias de semillas"),
                ("body", "Ahora con _énfasis_."),
                ("revision", "0"),
            ],
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    let html = stored(topic).await.expect("rendered when edited");
    assert!(html.contains("<em>énfasis</em>"), "{html}");
    let id = rosa.reply(topic, "Una respuesta con `código`.").await;
    let html = stored(id).await.expect("replies too");
    assert!(html.contains("<code>código</code>"), "{html}");
}

/// Issue "Nothing breaks" item 14: previews were not rate-limited (40 of 40 answered after
/// the post limit had answered 429).
async fn previews_are_rate_limited_and_keep_the_text(app: TestApp) {
    let (_, forum, space) = app.forum_with_space("contribution", &[]).await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let fields = [
        ("title", "Ferias de semillas"),
        ("body", "**Borrador** que no se pierde"),
        ("accion", "vista-previa"),
    ];
    let path = format!("/foros/espacios/{space}");
    let first = rosa.post(&path, &fields).await;
    first.assert_contains("<strong>Borrador</strong>");
    let mut last = first;
    for _ in 0..60 {
        last = rosa.post(&path, &fields).await;
    }
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS);
    last.assert_contains("muchas vistas previas")
        .assert_contains("**Borrador** que no se pierde");
}

async fn edits_keep_history_and_close_after_the_window(app: TestApp) {
    let (_, forum, space) = app.forum_with_space("contribution", &[]).await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let (jorge, _) = app.member("Jorge Quispe", forum).await;
    let topic = rosa
        .post_topic(
            space,
            &[
                ("title", "Aprendizajes de la feria"),
                ("body", "Primera versión."),
            ],
        )
        .await;
    // someone else cannot edit
    assert_eq!(
        jorge
            .get(&format!("/foros/mensajes/{topic}/editar"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // an empty edit is refused and keeps the title typed
    let page = rosa
        .post(
            &format!("/foros/mensajes/{topic}/editar"),
            &[
                ("title", "Aprendizajes de la feria (revisado)"),
                ("body", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Aprendizajes de la feria (revisado)");
    // preview shows the text rendered without saving
    let page = rosa
        .post(
            &format!("/foros/mensajes/{topic}/editar"),
            &[
                ("title", "Aprendizajes de la feria"),
                ("body", "Segunda **versión**."),
                ("accion", "vista-previa"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<strong>versión</strong>");
    app.get(&format!("/foros/temas/{topic}"))
        .await
        .assert_contains("Primera versión.");
    let page = rosa
        .post(
            &format!("/foros/mensajes/{topic}/editar"),
            &[
                ("title", "Aprendizajes de la feria"),
                ("body", "Segunda versión."),
                ("revision", "0"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    // the same form sent from another tab that still showed the first version is refused:
    // the second version stays, the text typed there is kept (fifth trial: last one won)
    let page = rosa
        .post(
            &format!("/foros/mensajes/{topic}/editar"),
            &[
                ("title", "Aprendizajes de la feria"),
                ("body", "Versión de la otra pestaña."),
                ("revision", "0"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    page.assert_contains("Alguien guardó cambios mientras usted editaba")
        .assert_contains("Versión de la otra pestaña.");
    app.get(&format!("/foros/temas/{topic}"))
        .await
        .assert_contains("Segunda versión.")
        .assert_contains("editado (ver versiones)");
    app.get(&format!("/foros/mensajes/{topic}/historial"))
        .await
        .assert_contains("Primera versión.");
    // after the window (the clock moves two hours on), edits are refused with the text kept
    app.state().clock.advance(7200);
    let page = rosa
        .post(
            &format!("/foros/mensajes/{topic}/editar"),
            &[
                ("title", "Aprendizajes de la feria"),
                ("body", "Tercera versión."),
                ("revision", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Ya pasó el tiempo para editar")
        .assert_contains("Tercera versión.");
}

async fn a_closed_space_refuses_posts_and_keeps_the_text(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = f.new_forum().await;
    let (o, c) = (local(-3), local(-1));
    let space = f
        .new_space(
            forum,
            "contribution",
            &[("opens_at", &o), ("closes_at", &c)],
        )
        .await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let page = rosa
        .post(
            &format!("/foros/espacios/{space}"),
            &[
                ("title", "Llego tarde pero aporto"),
                ("body", "Un texto largo que no quiero perder."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("ya no recibe publicaciones")
        .assert_contains("Un texto largo que no quiero perder.")
        .assert_contains("Llego tarde pero aporto");
    // and the closing date must come after the opening date
    let page = f
        .post(
            &format!("/foros/{forum}/espacios/nuevo"),
            &[
                ("kind", "contribution"),
                ("title", "Fechas al revés"),
                ("opens_at", &c),
                ("closes_at", &o),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("posterior");
    // someone who did not join cannot post
    let stranger = app.client();
    stranger.register_confirmed("Ana Souza").await;
    let open = f.new_space(forum, "contribution", &[]).await;
    let page = stranger
        .post(
            &format!("/foros/espacios/{open}"),
            &[("title", "Sin unirme"), ("body", "Hola a todas.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Únase al foro")
        .assert_contains("Hola a todas.")
        .assert_contains("Unirme y publicar");
    // "Unirme y publicar": one click joins and posts, nothing typed is lost
    let page = stranger
        .post(
            &format!("/foros/espacios/{open}"),
            &[
                ("title", "Sin unirme"),
                ("body", "Hola a todas."),
                ("unirse", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    app.get(&format!("/foros/{forum}"))
        .await
        .assert_contains("Ana Souza");
}

async fn posting_and_flagging_are_rate_limited(app: TestApp) {
    let app = TestApp::with_settings(app.backend(), |s| {
        s.forum_posts_per_window = 2;
        s.forum_flags_per_hour = 1;
    })
    .await;
    let (_, forum, space) = app.forum_with_space("contribution", &[]).await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let topic = rosa
        .post_topic(space, &[("title", "Primer aporte"), ("body", "Uno.")])
        .await;
    rosa.reply(topic, "Dos.").await;
    let page = rosa
        .post(
            &format!("/foros/temas/{topic}"),
            &[("body", "Tres, demasiado rápido.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    page.assert_contains("Espere unos minutos")
        .assert_contains("Tres, demasiado rápido.");
    let (jorge, _) = app.member("Jorge Quispe", forum).await;
    let ok = jorge
        .post(
            &format!("/foros/mensajes/{topic}/senalar"),
            &[("reason", "offtopic")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let page = jorge
        .post(
            &format!("/foros/mensajes/{topic}/senalar"),
            &[("reason", "spam")],
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
}
