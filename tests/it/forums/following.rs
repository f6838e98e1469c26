//! Notifications (in the app, by e-mail, in the digest) and live updates.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    notifications_in_the_app_by_email_and_in_a_daily_digest,
    live_updates_reach_another_instance,
    live_streams_are_bounded_per_client,
);

async fn notifications_in_the_app_by_email_and_in_a_daily_digest(app: TestApp) {
    let (_, forum, space) = app.forum_with_space("contribution", &[]).await;
    let (rosa, rosa_email) = app.member("Rosa Mamani", forum).await;
    let (jorge, _) = app.member("Jorge Quispe", forum).await;
    let (lucia, lucia_email) = app.member("Lucía Fernández", forum).await;
    // Lucía follows the space and wants no mention e-mails; bad input is refused
    let page = lucia
        .post(
            "/notificaciones/preferencias",
            &[("reply", "a veces"), ("mention", "none")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Elija una de las opciones");
    let page = lucia
        .post(
            "/notificaciones/preferencias",
            &[
                ("reply", "immediate"),
                ("answer", "immediate"),
                ("mention", "none"),
                ("helpful", "immediate"),
                ("follow", "digest"),
                ("submission", "immediate"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
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
                ("title", "Ferias que duran"),
                ("body", "¿Qué hace durar una feria? @Lucía Fernández"),
            ],
        )
        .await;
    jorge.reply(topic, "La confianza entre productores.").await;
    // new activity in the space Lucía follows
    jorge
        .post_topic(
            space,
            &[
                ("title", "Ferias en Puno"),
                ("body", "Cada domingo en la plaza."),
            ],
        )
        .await;
    // in the app: a counter in the header and the list
    let page = rosa.get("/foros").await;
    page.assert_contains("Avisos (1 nuevo)");
    rosa.get("/notificaciones")
        .await
        .assert_contains("Jorge Quispe respondió a su publicación");
    lucia
        .get("/notificaciones")
        .await
        .assert_contains("Rosa Mamani le mencionó")
        .assert_contains("Jorge Quispe publicó en");
    // immediate e-mail to Rosa, sent once by the job worker
    let now = ayni::now();
    assert!(app.run_jobs(now).await >= 1);
    let link = app.last_link_to(&rosa_email, "/foros/temas/").await;
    assert!(link.starts_with(&format!("/foros/temas/{topic}")));
    let count = |to: &str| {
        app.state()
            .mailer
            .sent()
            .iter()
            .filter(|m| m.to == to && m.body.contains("/notificaciones/preferencias"))
            .count()
    };
    let rosa_mails = count(&rosa_email);
    app.run_jobs(now).await;
    assert_eq!(count(&rosa_email), rosa_mails, "never sent twice");
    // Lucía chose no mention e-mails; her followed activity waits for the digest
    assert_eq!(count(&lucia_email), 0);
    let tomorrow = now + 86_400 + 3600;
    app.run_jobs(tomorrow).await;
    assert_eq!(count(&lucia_email), 1, "one digest");
    // the digest job survives a restart and never sends the same item twice
    let other = app.second_instance().await;
    other.run_jobs(tomorrow + 86_400).await;
    app.run_jobs(tomorrow + 86_400).await;
    assert_eq!(count(&lucia_email), 1);
    // mark one as read (only one's own), then all
    let (first,): (i64,) =
        sqlx::query_as("SELECT MIN(id) FROM notifications WHERE read_at IS NULL")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let owner: (i64,) = sqlx::query_as("SELECT user_id FROM notifications WHERE id = $1")
        .bind(first)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let stranger = app.client();
    stranger.register_confirmed("Ana Souza").await;
    let page = stranger
        .post(&format!("/notificaciones/{first}/leida"), &[])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let before = ayni::notifications::unread_count(app.db(), owner.0)
        .await
        .unwrap();
    for who in [&rosa, &lucia] {
        who.post(&format!("/notificaciones/{first}/leida"), &[])
            .await;
    }
    let after = ayni::notifications::unread_count(app.db(), owner.0)
        .await
        .unwrap();
    assert_eq!(after, before - 1);
    // mark all as read
    let page = rosa.post("/notificaciones/leidas", &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    rosa.get("/foros").await.assert_lacks("Avisos (1 nuevo)");
}

async fn live_updates_reach_another_instance(app: TestApp) {
    use http_body_util::BodyExt;
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = f.new_forum().await;
    let speaker = app.client();
    let email = speaker.register_confirmed("Pablo Vargas").await;
    let space = f
        .new_space(forum, "conference", &[("speakers", &email)])
        .await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let b = app.second_instance().await;
    // give instance B's follower a first poll, then listen there
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let res = b
        .open_stream(&format!("/foros/espacios/{space}/eventos"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    assert!(
        res.headers().get("content-encoding").is_none(),
        "events are never compressed (it would hold them back)"
    );
    let mut body = res.into_body();
    rosa.post_topic(space, &[("body", "¿Llega en vivo a la otra instancia?")])
        .await;
    let started = std::time::Instant::now();
    let mut seen = String::new();
    while !seen.contains("event: update") {
        let frame = tokio::time::timeout(std::time::Duration::from_secs(5), body.frame())
            .await
            .expect("an update within 5 s")
            .expect("stream open")
            .unwrap();
        if let Ok(data) = frame.into_data() {
            seen.push_str(&String::from_utf8_lossy(&data));
        }
    }
    assert!(started.elapsed().as_secs() < 5);
    eprintln!(
        "live update reached the other instance in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    // without JavaScript the page shows the same on reload, on either instance
    b.get(&format!("/foros/espacios/{space}"))
        .await
        .assert_contains("¿Llega en vivo a la otra instancia?");
}

/// Issue "Nothing breaks" item 14: 19,216 anonymous streams took the server to 4 GB.
async fn live_streams_are_bounded_per_client(app: TestApp) {
    let (_, _, space) = app.forum_with_space("contribution", &[]).await;
    let path = format!("/foros/espacios/{space}/eventos");
    let mut open = Vec::new();
    for _ in 0..8 {
        let r = app.open_stream(&path).await;
        assert_eq!(r.status(), StatusCode::OK);
        open.push(r);
    }
    assert_eq!(app.state().live.open_streams(), 8);
    let refused = app.open_stream(&path).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    // a closed stream frees its place
    drop(open.pop());
    assert_eq!(app.state().live.open_streams(), 7);
    assert_eq!(app.open_stream(&path).await.status(), StatusCode::OK);
}
