//! Exchange forums through the real router: the five kinds of space, their rules and
//! permissions, bad input that keeps the text, moderation, notifications, live updates.

use crate::common::{TestApp, local};
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    a_facilitator_builds_a_forum_and_people_join,
    conference_questions_are_voted_and_only_speakers_answer,
    a_debate_takes_one_position_per_person_with_history_and_spread,
    a_dilemma_gets_helpful_marks_and_only_its_author_resolves_it,
    contributions_and_innovations_cite_experiences_and_are_useful,
    flags_hide_posts_and_facilitators_moderate_with_an_audit_log,
    edits_keep_history_and_close_after_the_window,
    a_closed_space_refuses_posts_and_keeps_the_text,
    posting_and_flagging_are_rate_limited,
    notifications_in_the_app_by_email_and_in_a_daily_digest,
    live_updates_reach_another_instance,
    participation_is_recorded,
    facilitators_attach_a_reference_document_or_a_video,
    small_actions_without_a_valid_form_change_nothing,
    throwaway_accounts_can_neither_hide_posts_nor_post,
    live_streams_are_bounded_per_client,
    previews_are_rate_limited_and_keep_the_text,
    posts_are_rendered_once_when_written,
);

/// Issue "Nothing breaks" item 14: a topic page rendered every post's Markdown on every view.
/// The HTML is made once, when a post is written or edited, and stored with it.
async fn posts_are_rendered_once_when_written(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let space = new_space(&f, forum, "contribution", &[]).await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
    let topic = post_topic(
        &rosa,
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
            ],
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    let html = stored(topic).await.expect("rendered when edited");
    assert!(html.contains("<em>énfasis</em>"), "{html}");
    let id = reply(&rosa, topic, "Una respuesta con `código`.").await;
    let html = stored(id).await.expect("replies too");
    assert!(html.contains("<code>código</code>"), "{html}");
}

/// Issue "Nothing breaks" item 14: previews were not rate-limited (40 of 40 answered after
/// the post limit had answered 429).
async fn previews_are_rate_limited_and_keep_the_text(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let space = new_space(&f, forum, "contribution", &[]).await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
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

/// Issue "Nothing breaks" item 14: 19,216 anonymous streams took the server to 4 GB.
async fn live_streams_are_bounded_per_client(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let space = new_space(&f, forum, "contribution", &[]).await;
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

/// Issue "Nothing breaks" item 14: three throwaway accounts could hide any post by flagging
/// it, and unconfirmed accounts posted in public.
async fn throwaway_accounts_can_neither_hide_posts_nor_post(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let space = new_space(&f, forum, "contribution", &[]).await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
    let topic = post_topic(
        &rosa,
        space,
        &[
            ("title", "Ferias de semillas"),
            ("body", "Lo que aprendimos en Tarabuco."),
        ],
    )
    .await;
    for name in ["Uno Falso", "Dos Falso", "Tres Falso", "Cuatro Falso"] {
        let (troll, _) = member(&app, name, forum).await;
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

fn id_after(location: &str, prefix: &str) -> i64 {
    location
        .trim_start_matches(prefix)
        .split(['?', '/', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no id in {location}"))
}

async fn new_forum(f: &TestApp) -> i64 {
    let page = f
        .post(
            "/foros/nuevo",
            &[
                ("title", "Foro de intercambio 2026"),
                ("description", "Conversamos sobre *desarrollo territorial*."),
                ("time_zone", "America/La_Paz"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    id_after(&page.location(), "/foros/")
}

async fn new_space(f: &TestApp, forum: i64, kind: &str, extra: &[(&str, &str)]) -> i64 {
    let mut fields = vec![
        ("kind", kind),
        ("title", "Espacio de intercambio"),
        ("description", "Presentación del espacio."),
    ];
    fields.extend_from_slice(extra);
    let page = f
        .post(&format!("/foros/{forum}/espacios/nuevo"), &fields)
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    id_after(&page.location(), "/foros/espacios/")
}

/// A registered person who joined the forum.
async fn member(app: &TestApp, name: &str, forum: i64) -> (TestApp, String) {
    let c = app.client();
    let email = c.register_confirmed(name).await;
    let page = c.post(&format!("/foros/{forum}/unirse"), &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    (c, email)
}

async fn post_topic(c: &TestApp, space: i64, fields: &[(&str, &str)]) -> i64 {
    let page = c.post(&format!("/foros/espacios/{space}"), fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    id_after(&page.location(), "/foros/temas/")
}

async fn reply(c: &TestApp, topic: i64, body: &str) -> i64 {
    let page = c
        .post(&format!("/foros/temas/{topic}"), &[("body", body)])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let loc = page.location();
    loc.rsplit("#m").next().unwrap().parse().unwrap()
}

async fn a_facilitator_builds_a_forum_and_people_join(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    // bad input: a short title; the description typed stays
    let page = f
        .post(
            "/foros/nuevo",
            &[("title", "Foro"), ("description", "Texto que no se pierde")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Escriba un título de al menos 5 caracteres")
        .assert_contains("Texto que no se pierde");
    let forum = new_forum(&f).await;
    // speakers must have an account; the addresses typed are kept
    let page = f
        .post(
            &format!("/foros/{forum}/espacios/nuevo"),
            &[
                ("kind", "conference"),
                ("title", "Conferencia inaugural"),
                ("speakers", "nadie@example.org"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("no corresponde a una cuenta")
        .assert_contains("nadie@example.org");
    // a conference needs its speakers
    let page = f
        .post(
            &format!("/foros/{forum}/espacios/nuevo"),
            &[("kind", "conference"), ("title", "Conferencia inaugural")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("al menos una persona que presenta")
        .assert_contains("Conferencia inaugural");
    let speaker = app.client().register_confirmed("Pablo Vargas").await;
    for kind in [
        "conference",
        "debate",
        "contribution",
        "innovation",
        "workshop",
    ] {
        new_space(
            &f,
            forum,
            kind,
            &[
                ("speakers", &speaker),
                ("question", "¿Debe el plan partir del territorio vivido?"),
            ],
        )
        .await;
    }
    // a participant cannot create forums nor spaces
    let (p, _) = member(&app, "Rosa Mamani", forum).await;
    assert_eq!(p.get("/foros/nuevo").await.status, StatusCode::FORBIDDEN);
    let page = p
        .post(
            &format!("/foros/{forum}/espacios/nuevo"),
            &[("kind", "contribution"), ("title", "Un espacio más")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // facilitators edit a space (its kind stays); bad input keeps what was typed
    let spaces = app.get(&format!("/foros/{forum}")).await;
    let first = spaces.body[spaces.body.find("/foros/espacios/").unwrap() + 16..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>();
    let edit = f.get(&format!("/foros/espacios/{first}/editar")).await;
    assert_eq!(edit.status, StatusCode::OK);
    edit.assert_contains(&speaker);
    let page = f
        .post(
            &format!("/foros/espacios/{first}/editar"),
            &[("title", "Sí"), ("speakers", &speaker), ("kind", "debate")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Escriba un título de al menos 5 caracteres");
    let page = f
        .post(
            &format!("/foros/espacios/{first}/editar"),
            &[
                ("title", "Conferencia de apertura"),
                ("speakers", &speaker),
                ("kind", "debate"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.get(&format!("/foros/espacios/{first}"))
        .await
        .assert_contains("Conferencia de apertura")
        .assert_contains("· Conferencia</p>");
    let page = app.get(&format!("/foros/{forum}")).await;
    page.assert_contains("Conferencias")
        .assert_contains("Mesas de debate")
        .assert_contains("Aportes")
        .assert_contains("Innovaciones")
        .assert_contains("Talleres de mejora")
        .assert_contains("Marta Rodríguez")
        .assert_contains("Rosa Mamani")
        .assert_contains("Participan 3 personas");
    app.get("/foros")
        .await
        .assert_contains("Foro de intercambio 2026");
    // the forum's settings can be corrected by its facilitators only
    assert_eq!(
        p.get(&format!("/foros/{forum}/editar")).await.status,
        StatusCode::FORBIDDEN
    );
    f.get(&format!("/foros/{forum}/editar"))
        .await
        .assert_contains("Foro de intercambio 2026");
    let page = f
        .post(
            &format!("/foros/{forum}/editar"),
            &[
                ("title", "F"),
                ("description", "Nueva presentación"),
                ("time_zone", "America/Lima"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Nueva presentación");
    let page = f
        .post(
            &format!("/foros/{forum}/editar"),
            &[
                ("title", "Foro de intercambio 2026-2027"),
                ("description", "Nueva presentación"),
                ("time_zone", "America/Lima"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.get(&format!("/foros/{forum}"))
        .await
        .assert_contains("Foro de intercambio 2026-2027")
        .assert_contains("Marta Rodríguez");
}

async fn conference_questions_are_voted_and_only_speakers_answer(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let speaker = app.client();
    let speaker_email = speaker.register_confirmed("Pablo Vargas").await;
    let space = new_space(
        &f,
        forum,
        "conference",
        &[
            ("speakers", &speaker_email),
            ("speaker_affiliation", "CEBEM"),
            ("video_url", "https://video.example.org/v/123"),
        ],
    )
    .await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
    let (jorge, _) = member(&app, "Jorge Quispe", forum).await;
    // an empty question is refused with a clear message
    let page = rosa
        .post(&format!("/foros/espacios/{space}"), &[("body", "  ")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Escriba su pregunta o comentario");
    let first = post_topic(
        &rosa,
        space,
        &[("body", "¿Cómo se financió el intercambio?")],
    )
    .await;
    let second = post_topic(
        &jorge,
        space,
        &[("body", "¿Qué papel tuvo la cooperación triangular?")],
    )
    .await;
    // votes order the questions
    for voter in [&rosa, &jorge] {
        let page = voter
            .post(&format!("/foros/temas/{second}/votar"), &[])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    let page = app.get(&format!("/foros/espacios/{space}")).await;
    let a = page.body.find("cooperación triangular").unwrap();
    let b = page.body.find("se financió").unwrap();
    assert!(a < b, "the most voted question comes first");
    page.assert_contains("2 votos");
    // voting twice takes the vote back
    jorge
        .post(&format!("/foros/temas/{second}/votar"), &[])
        .await;
    app.get(&format!("/foros/espacios/{space}"))
        .await
        .assert_contains("1 voto");
    // a participant who is not a speaker cannot answer; the text is kept
    let page = jorge
        .post(
            &format!("/foros/temas/{first}"),
            &[("body", "Yo respondo aunque no presento")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.assert_contains("solo quien presenta responde");
    // someone who did not join cannot vote
    let outsider = app.client();
    outsider.register_confirmed("Ana Souza").await;
    let page = outsider
        .post(&format!("/foros/temas/{first}/votar"), &[])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Únase al foro");
    // the speaker answers; the question is marked answered and can be filtered
    reply(
        &speaker,
        first,
        "Con fondos de la cooperación y aportes locales.",
    )
    .await;
    let answered = app
        .get(&format!("/foros/espacios/{space}?filtro=respondidas"))
        .await;
    answered
        .assert_contains("se financió")
        .assert_lacks("cooperación triangular?");
    app.get(&format!("/foros/espacios/{space}?filtro=sin-responder"))
        .await
        .assert_contains("cooperación triangular")
        .assert_lacks("se financió");
    app.get(&format!("/foros/temas/{first}"))
        .await
        .assert_contains("Respondida")
        .assert_contains("aportes locales");
    // the asker is told: an answer to my question
    rosa.get("/notificaciones")
        .await
        .assert_contains("Pablo Vargas respondió su pregunta");
    // once the conference stops taking questions, votes stop too
    sqlx::query("UPDATE spaces SET closes_at = $2 WHERE id = $1")
        .bind(space)
        .bind(ayni::now() - 1)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let page = rosa
        .post(&format!("/foros/temas/{second}/votar"), &[])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("ya no recibe publicaciones");
}

async fn a_debate_takes_one_position_per_person_with_history_and_spread(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let space = new_space(
        &f,
        forum,
        "debate",
        &[("question", "¿Debe el plan partir del territorio vivido?")],
    )
    .await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
    let (jorge, _) = member(&app, "Jorge Quispe", forum).await;
    // a position without a stance: refused, the argument kept
    let page = rosa
        .post(
            &format!("/foros/espacios/{space}"),
            &[("body", "Los ayllus cruzan los límites municipales.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Elija su posición")
        .assert_contains("Los ayllus cruzan los límites municipales.");
    // a stance without an argument
    let page = rosa
        .post(&format!("/foros/espacios/{space}"), &[("stance", "favor")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Escriba el argumento de su posición");
    let pos = post_topic(
        &rosa,
        space,
        &[
            ("stance", "favor"),
            ("body", "Los ayllus cruzan los límites municipales."),
        ],
    )
    .await;
    post_topic(
        &jorge,
        space,
        &[
            ("stance", "contra"),
            ("body", "Sin límites no hay presupuesto."),
        ],
    )
    .await;
    // a second position by the same person revises the first; the earlier one stays visible
    let again = post_topic(
        &rosa,
        space,
        &[
            ("stance", "matices"),
            ("body", "Depende: los límites ordenan la inversión."),
        ],
    )
    .await;
    assert_eq!(again, pos);
    let history = app.get(&format!("/foros/mensajes/{pos}/historial")).await;
    history
        .assert_contains("Los ayllus cruzan los límites municipales.")
        .assert_contains("Depende: los límites ordenan la inversión.");
    let page = app.get(&format!("/foros/espacios/{space}")).await;
    page.assert_contains("Cómo se reparten las posiciones")
        .assert_contains("50%");
    app.get(&format!("/foros/espacios/{space}?filtro=contra"))
        .await
        .assert_contains("Sin límites no hay presupuesto.")
        .assert_lacks("Depende: los límites");
    // replies to a position
    reply(&jorge, pos, "¿Y quién rinde cuentas entonces?").await;
    app.get(&format!("/foros/temas/{pos}"))
        .await
        .assert_contains("¿Y quién rinde cuentas entonces?");
}

async fn a_dilemma_gets_helpful_marks_and_only_its_author_resolves_it(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let space = new_space(&f, forum, "workshop", &[]).await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
    let (jorge, _) = member(&app, "Jorge Quispe", forum).await;
    // the audience is required; the text is kept
    let page = rosa
        .post(
            &format!("/foros/espacios/{space}"),
            &[
                ("title", "¿Cómo sostener la feria?"),
                ("body", "La feria pierde productores."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Elija a quién dirige")
        .assert_contains("La feria pierde productores.");
    let older = post_topic(
        &rosa,
        space,
        &[
            ("title", "¿Cómo sostener la feria?"),
            ("body", "La feria pierde productores."),
            ("audience", "both"),
        ],
    )
    .await;
    let newer = post_topic(
        &jorge,
        space,
        &[
            ("title", "¿Cómo negociar con el municipio?"),
            ("body", "El municipio no responde."),
            ("audience", "facilitators"),
        ],
    )
    .await;
    // facilitators see open dilemmas without a helpful reply, oldest first
    let page = f.get(&format!("/foros/{forum}/dilemas")).await;
    assert_eq!(page.status, StatusCode::OK);
    let a = page.body.find("sostener la feria").unwrap();
    let b = page.body.find("negociar con el municipio").unwrap();
    assert!(a < b);
    assert_eq!(
        rosa.get(&format!("/foros/{forum}/dilemas")).await.status,
        StatusCode::FORBIDDEN
    );
    let answer = reply(
        &jorge,
        older,
        "Probamos una canasta mensual con precio fijo.",
    )
    .await;
    // only the author marks helpful and resolves
    let page = jorge
        .post(&format!("/foros/mensajes/{answer}/util"), &[])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = jorge
        .post(&format!("/foros/temas/{older}/resolver"), &[])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = rosa
        .post(&format!("/foros/mensajes/{answer}/util"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = rosa
        .post(&format!("/foros/temas/{older}/resolver"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.get(&format!("/foros/temas/{older}"))
        .await
        .assert_contains("Le sirvió a quien preguntó")
        .assert_contains("Resuelto");
    let page = f.get(&format!("/foros/{forum}/dilemas")).await;
    page.assert_lacks("sostener la feria")
        .assert_contains("negociar con el municipio");
    jorge
        .get("/notificaciones")
        .await
        .assert_contains("Rosa Mamani marcó su respuesta como útil");
    app.get(&format!("/foros/espacios/{space}?filtro=resueltos"))
        .await
        .assert_contains("sostener la feria")
        .assert_lacks("negociar con el municipio");
    let _ = newer;
}

async fn contributions_and_innovations_cite_experiences_and_are_useful(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let aportes = new_space(&f, forum, "contribution", &[]).await;
    let innovations = new_space(&f, forum, "innovation", &[]).await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
    let (jorge, _) = member(&app, "Jorge Quispe", forum).await;
    let sheet = rosa.create_sheet("Ferias de trueque en Tarabuco").await;
    rosa.post(
        &format!("/experiencias/{sheet}/estado"),
        &[("accion", "publicar")],
    )
    .await;
    let other = jorge.create_sheet("Quinua de Puno").await;
    // citing someone else's sheet is refused
    let other_id = other.to_string();
    let page = rosa
        .post(
            &format!("/foros/espacios/{aportes}"),
            &[
                ("title", "Lo que aprendimos del trueque"),
                ("body", "El trueque crea confianza."),
                ("experience", &other_id),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Solo puede citar fichas que usted edita")
        .assert_contains("El trueque crea confianza.");
    let sheet_id = sheet.to_string();
    let topic = post_topic(
        &rosa,
        aportes,
        &[
            ("title", "Lo que aprendimos del trueque"),
            (
                "body",
                "El trueque crea confianza. <script>alert(1)</script> Ver también /experiencias/"
                    .to_string()
                    .as_str(),
            ),
            ("experience", &sheet_id),
        ],
    )
    .await;
    let page = app.get(&format!("/foros/temas/{topic}")).await;
    page.assert_contains("Desde mi práctica")
        .assert_contains("Ferias de trueque en Tarabuco")
        .assert_contains("(Bolivia)")
        .assert_lacks("<script>alert(1)");
    // "me sirve" counts once per person and can be taken back
    let page = jorge
        .post(&format!("/foros/mensajes/{topic}/me-sirve"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.get(&format!("/foros/temas/{topic}"))
        .await
        .assert_contains("Me sirve (1)");
    jorge
        .post(&format!("/foros/mensajes/{topic}/me-sirve"), &[])
        .await;
    app.get(&format!("/foros/temas/{topic}"))
        .await
        .assert_lacks("Me sirve (1)");
    // an innovation needs its three parts
    let page = jorge
        .post(
            &format!("/foros/espacios/{innovations}"),
            &[
                ("title", "Secado solar de quinua"),
                ("body", "Un cambio pequeño."),
                ("change_text", "Secamos en invernaderos."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Complete esta parte de la innovación")
        .assert_contains("Secamos en invernaderos.");
    let inno = post_topic(
        &jorge,
        innovations,
        &[
            ("title", "Secado solar de quinua"),
            ("body", "Un cambio pequeño."),
            ("change_text", "Secamos en invernaderos."),
            ("learning_text", "Lo vimos en Salinas."),
            ("outcome_text", "Menos pérdidas por lluvia."),
        ],
    )
    .await;
    app.get(&format!("/foros/temas/{inno}"))
        .await
        .assert_contains("Qué aprendizaje lo motivó")
        .assert_contains("Lo vimos en Salinas.")
        .assert_contains("Menos pérdidas por lluvia.");
    // each post says which language it is written in (screen readers read it right)
    let reply_pt = jorge
        .post(
            &format!("/foros/temas/{topic}"),
            &[("body", "Aqui também funcionou a troca."), ("lang", "pt")],
        )
        .await;
    assert_eq!(reply_pt.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/foros/temas/{topic}")).await;
    page.assert_contains("<div class=\"prose\" lang=\"pt\"><p>Aqui também funcionou a troca.");
    page.assert_contains("<div class=\"prose\" lang=\"es\"><p>El trueque crea confianza.");
    // a mention notifies, a quote pre-fills the reply form
    reply(&jorge, topic, "Gracias @Rosa Mamani, en Puno pasó igual.").await;
    rosa.get("/notificaciones")
        .await
        .assert_contains("Jorge Quispe respondió a su publicación");
    let page = rosa
        .get(&format!("/foros/temas/{topic}?citar={topic}"))
        .await;
    let quoted = [
        "&gt; El trueque crea confianza.",
        "&#62; El trueque crea confianza.",
    ];
    assert!(
        quoted.iter().any(|q| page.body.contains(q)),
        "the reply form quotes the post"
    );
    page.assert_contains("— Rosa Mamani");
}

async fn flags_hide_posts_and_facilitators_moderate_with_an_audit_log(app: TestApp) {
    let app = TestApp::with_settings(app.backend(), |s| s.forum_flags_to_hide = 2).await;
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let space = new_space(&f, forum, "contribution", &[]).await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
    let (jorge, _) = member(&app, "Jorge Quispe", forum).await;
    let (lucia, _) = member(&app, "Lucía Fernández", forum).await;
    lucia
        .post(&format!("/foros/espacios/{space}/seguir"), &[])
        .await;
    let topic = post_topic(
        &rosa,
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
    // flags count towards hiding from members with standing: these joined two days ago
    sqlx::query("UPDATE forum_members SET joined_at = joined_at - 172800 WHERE forum_id = $1")
        .bind(forum)
        .execute(&app.db().pool)
        .await
        .unwrap();
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

async fn edits_keep_history_and_close_after_the_window(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let space = new_space(&f, forum, "contribution", &[]).await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
    let (jorge, _) = member(&app, "Jorge Quispe", forum).await;
    let topic = post_topic(
        &rosa,
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
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.get(&format!("/foros/temas/{topic}"))
        .await
        .assert_contains("Segunda versión.")
        .assert_contains("editado (ver versiones)");
    app.get(&format!("/foros/mensajes/{topic}/historial"))
        .await
        .assert_contains("Primera versión.");
    // after the window, edits are refused with the text kept
    sqlx::query("UPDATE posts SET created_at = created_at - 7200 WHERE id = $1")
        .bind(topic)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let page = rosa
        .post(
            &format!("/foros/mensajes/{topic}/editar"),
            &[
                ("title", "Aprendizajes de la feria"),
                ("body", "Tercera versión."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Ya pasó el tiempo para editar")
        .assert_contains("Tercera versión.");
}

async fn a_closed_space_refuses_posts_and_keeps_the_text(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let (o, c) = (local(-3), local(-1));
    let space = new_space(
        &f,
        forum,
        "contribution",
        &[("opens_at", &o), ("closes_at", &c)],
    )
    .await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
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
    let open = new_space(&f, forum, "contribution", &[]).await;
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
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let space = new_space(&f, forum, "contribution", &[]).await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
    let topic = post_topic(
        &rosa,
        space,
        &[("title", "Primer aporte"), ("body", "Uno.")],
    )
    .await;
    reply(&rosa, topic, "Dos.").await;
    let page = rosa
        .post(
            &format!("/foros/temas/{topic}"),
            &[("body", "Tres, demasiado rápido.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    page.assert_contains("Espere unos minutos")
        .assert_contains("Tres, demasiado rápido.");
    let (jorge, _) = member(&app, "Jorge Quispe", forum).await;
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

async fn notifications_in_the_app_by_email_and_in_a_daily_digest(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let space = new_space(&f, forum, "contribution", &[]).await;
    let (rosa, rosa_email) = member(&app, "Rosa Mamani", forum).await;
    let (jorge, _) = member(&app, "Jorge Quispe", forum).await;
    let (lucia, lucia_email) = member(&app, "Lucía Fernández", forum).await;
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
        .post(&format!("/foros/espacios/{space}/seguir"), &[])
        .await;
    let topic = post_topic(
        &rosa,
        space,
        &[
            ("title", "Ferias que duran"),
            ("body", "¿Qué hace durar una feria? @Lucía Fernández"),
        ],
    )
    .await;
    reply(&jorge, topic, "La confianza entre productores.").await;
    // new activity in the space Lucía follows
    post_topic(
        &jorge,
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
    let forum = new_forum(&f).await;
    let speaker = app.client();
    let email = speaker.register_confirmed("Pablo Vargas").await;
    let space = new_space(&f, forum, "conference", &[("speakers", &email)]).await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
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
    post_topic(
        &rosa,
        space,
        &[("body", "¿Llega en vivo a la otra instancia?")],
    )
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

async fn participation_is_recorded(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let space = new_space(&f, forum, "contribution", &[]).await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
    let (jorge, _) = member(&app, "Jorge Quispe", forum).await;
    post_topic(&rosa, space, &[("title", "Un aporte"), ("body", "Texto.")]).await;
    for _ in 0..3 {
        jorge.get(&format!("/foros/espacios/{space}")).await;
    }
    // live refreshes of an open page are not reads
    jorge.get(&format!("/foros/espacios/{space}?vivo=1")).await;
    let page = f.get(&format!("/foros/{forum}/participacion")).await;
    assert_eq!(page.status, StatusCode::OK);
    let row = |name: &str| {
        let i = page.body.find(name).unwrap();
        page.body[i..i + page.body[i..].find("</tr>").unwrap()].to_string()
    };
    assert!(
        row("Jorge Quispe").contains("<td>0</td><td>3</td>"),
        "{}",
        row("Jorge Quispe")
    );
    assert!(row("Rosa Mamani").contains("<td>1</td>"));
    assert_eq!(
        rosa.get(&format!("/foros/{forum}/participacion"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

async fn facilitators_attach_a_reference_document_or_a_video(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let space = new_space(
        &f,
        forum,
        "debate",
        &[("question", "¿Debe el plan partir del territorio vivido?")],
    )
    .await;
    let pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n";
    // a participant may not attach
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
    let page = rosa
        .upload(&format!("/foros/espacios/{space}/archivo"), "doc.pdf", pdf)
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // a disguised file is refused with a clear message
    let page = f
        .upload(
            &format!("/foros/espacios/{space}/archivo"),
            "doc.pdf",
            b"MZ\x90\x00 not a pdf",
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    f.get(&page.location())
        .await
        .assert_contains("no corresponde a su nombre");
    let png = [
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
    ];
    let page = f
        .upload(
            &format!("/foros/espacios/{space}/archivo"),
            "foto.png",
            &png,
        )
        .await;
    f.get(&page.location())
        .await
        .assert_contains("Solo se aceptan archivos PDF, MP4, WebM o MP3");
    let page = f
        .upload(
            &format!("/foros/espacios/{space}/archivo"),
            "Documento de referencia.pdf",
            pdf,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/foros/espacios/{space}")).await;
    page.assert_contains("Descargar el documento")
        .assert_contains("Documento de referencia.pdf");
    let file = app
        .get(&format!(
            "/foros/espacios/{space}/archivo/Documento%20de%20referencia.pdf"
        ))
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.headers["content-type"], "application/pdf");
    assert!(file.body.starts_with("%PDF"));
}

/// Every one-button write (join, follow, vote, me sirve, flag, helpful, resolve, moderate,
/// mark read) refuses a request without the form's CSRF token and leaves everything as it was;
/// and people who did not join cannot react.
async fn small_actions_without_a_valid_form_change_nothing(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = new_forum(&f).await;
    let speaker = app.client();
    let email = speaker.register_confirmed("Pablo Vargas").await;
    let conference = new_space(&f, forum, "conference", &[("speakers", &email)]).await;
    let workshop = new_space(&f, forum, "workshop", &[]).await;
    let (rosa, _) = member(&app, "Rosa Mamani", forum).await;
    let (jorge, _) = member(&app, "Jorge Quispe", forum).await;
    let question = post_topic(&rosa, conference, &[("body", "¿Cómo empezaron?")]).await;
    let dilemma = post_topic(
        &rosa,
        workshop,
        &[
            ("title", "¿Cómo seguir?"),
            ("body", "Dudas."),
            ("audience", "peers"),
        ],
    )
    .await;
    let answer = reply(&jorge, dilemma, "Así lo hicimos.").await;
    let outsider = app.client();
    outsider.register_confirmed("Ana Souza").await;
    let page = outsider
        .post(&format!("/foros/mensajes/{answer}/me-sirve"), &[])
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
            .post_raw(&path, &[("reason", "spam"), ("action", "hide")])
            .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
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
