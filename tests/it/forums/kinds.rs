//! The five kinds of space: conference questions, debate positions, workshop dilemmas, contributions and innovations.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    conference_questions_are_voted_and_only_speakers_answer,
    a_debate_takes_one_position_per_person_with_history_and_spread,
    a_dilemma_gets_helpful_marks_and_only_its_author_resolves_it,
    contributions_and_innovations_cite_experiences_and_are_useful,
);

async fn conference_questions_are_voted_and_only_speakers_answer(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = f.new_forum().await;
    let speaker = app.client();
    let speaker_email = speaker.register_confirmed("Pablo Vargas").await;
    let space = f
        .new_space(
            forum,
            "conference",
            &[
                ("speakers", &speaker_email),
                ("speaker_affiliation", "CEBEM"),
                ("video_url", "https://video.example.org/v/123"),
            ],
        )
        .await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let (jorge, _) = app.member("Jorge Quispe", forum).await;
    // an empty question is refused with a clear message
    let page = rosa
        .post(&format!("/foros/espacios/{space}"), &[("body", "  ")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Escriba su pregunta o comentario");
    let first = rosa
        .post_topic(space, &[("body", "¿Cómo se financió el intercambio?")])
        .await;
    let second = jorge
        .post_topic(
            space,
            &[("body", "¿Qué papel tuvo la cooperación triangular?")],
        )
        .await;
    // votes order the questions; nobody supports their own
    let page = jorge
        .post(
            &format!("/foros/temas/{second}/votar"),
            &[("accion", "poner")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("No puede hacerlo en un mensaje suyo");
    jorge
        .get(&format!("/foros/temas/{second}"))
        .await
        .assert_lacks(&format!("/foros/temas/{second}/votar"))
        .assert_lacks(&format!("/foros/mensajes/{second}/me-sirve"));
    let (elena, _) = app.member("Elena Torres", forum).await;
    for voter in [&rosa, &elena] {
        let page = voter
            .post(
                &format!("/foros/temas/{second}/votar"),
                &[("accion", "poner")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    let page = app.get(&format!("/foros/espacios/{space}")).await;
    let a = page.body.find("cooperación triangular").unwrap();
    let b = page.body.find("se financió").unwrap();
    assert!(a < b, "the most voted question comes first");
    page.assert_contains("2 votos");
    // the vote can be taken back
    elena
        .post(
            &format!("/foros/temas/{second}/votar"),
            &[("accion", "quitar")],
        )
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
        .post(
            &format!("/foros/temas/{first}/votar"),
            &[("accion", "poner")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Únase al foro");
    // the page offers the buttons by the same rule: members vote, react and flag
    let vote = format!("/foros/temas/{first}/votar");
    let react = format!("/foros/mensajes/{first}/me-sirve");
    outsider
        .get(&format!("/foros/temas/{first}"))
        .await
        .assert_lacks(&vote)
        .assert_lacks(&react)
        .assert_lacks("/senalar");
    elena
        .get(&format!("/foros/temas/{first}"))
        .await
        .assert_contains(&vote)
        .assert_contains(&react)
        .assert_contains("/senalar");
    // the speaker answers; the question is marked answered and can be filtered
    speaker
        .reply(first, "Con fondos de la cooperación y aportes locales.")
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
        .post(
            &format!("/foros/temas/{second}/votar"),
            &[("accion", "poner")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("ya no recibe publicaciones");
    // and no vote button is offered any more, on the list or the question
    rosa.get(&format!("/foros/espacios/{space}"))
        .await
        .assert_contains("1 voto")
        .assert_lacks("/votar");
    rosa.get(&format!("/foros/temas/{second}"))
        .await
        .assert_lacks("/votar");
}

async fn a_debate_takes_one_position_per_person_with_history_and_spread(app: TestApp) {
    let (_, forum, space) = app
        .forum_with_space(
            "debate",
            &[("question", "¿Debe el plan partir del territorio vivido?")],
        )
        .await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let (jorge, _) = app.member("Jorge Quispe", forum).await;
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
    let pos = rosa
        .post_topic(
            space,
            &[
                ("stance", "favor"),
                ("body", "Los ayllus cruzan los límites municipales."),
            ],
        )
        .await;
    jorge
        .post_topic(
            space,
            &[
                ("stance", "contra"),
                ("body", "Sin límites no hay presupuesto."),
            ],
        )
        .await;
    // a second position by the same person revises the first (from the space page, which
    // offers it with the revision it shows); the earlier one stays visible
    let shown = rosa.get(&format!("/foros/espacios/{space}")).await;
    shown.assert_contains(r#"name="revision" value="0""#);
    let again = rosa
        .post_topic(
            space,
            &[
                ("stance", "matices"),
                ("body", "Depende: los límites ordenan la inversión."),
                ("revision", "0"),
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
    jorge.reply(pos, "¿Y quién rinde cuentas entonces?").await;
    app.get(&format!("/foros/temas/{pos}"))
        .await
        .assert_contains("¿Y quién rinde cuentas entonces?");
}

async fn a_dilemma_gets_helpful_marks_and_only_its_author_resolves_it(app: TestApp) {
    let (f, forum, space) = app.forum_with_space("workshop", &[]).await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let (jorge, _) = app.member("Jorge Quispe", forum).await;
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
    let older = rosa
        .post_topic(
            space,
            &[
                ("title", "¿Cómo sostener la feria?"),
                ("body", "La feria pierde productores."),
                ("audience", "both"),
            ],
        )
        .await;
    let newer = jorge
        .post_topic(
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
    let answer = jorge
        .reply(older, "Probamos una canasta mensual con precio fijo.")
        .await;
    // only the author marks helpful and resolves
    let page = jorge
        .post(
            &format!("/foros/mensajes/{answer}/util"),
            &[("accion", "poner")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = jorge
        .post(&format!("/foros/temas/{older}/resolver"), &[])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = rosa
        .post(
            &format!("/foros/mensajes/{answer}/util"),
            &[("accion", "poner")],
        )
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
    let (f, forum, aportes) = app.forum_with_space("contribution", &[]).await;
    let innovations = f.new_space(forum, "innovation", &[]).await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let (jorge, _) = app.member("Jorge Quispe", forum).await;
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
    let topic = rosa.post_topic(aportes,
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
        .post(
            &format!("/foros/mensajes/{topic}/me-sirve"),
            &[("accion", "poner")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.get(&format!("/foros/temas/{topic}"))
        .await
        .assert_contains("Me sirve (1)");
    jorge
        .post(
            &format!("/foros/mensajes/{topic}/me-sirve"),
            &[("accion", "quitar")],
        )
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
    let inno = jorge
        .post_topic(
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
    jorge
        .reply(topic, "Gracias @Rosa Mamani, en Puno pasó igual.")
        .await;
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
