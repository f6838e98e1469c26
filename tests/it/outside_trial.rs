//! Defects a hostile trial of the whole product found from outside (hostile characters, calls
//! and their reviews, forms sent twice), each a test.

use crate::calls::create_call;
use crate::common::{PASSWORD, TestApp, sheet_fields};
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    nul_and_noncharacters_never_reach_the_database,
    two_reviewers_deciding_at_once_record_one_decision,
    a_decision_from_a_stale_page_is_refused_with_the_comment_kept,
    a_call_form_sent_twice_creates_one_call,
    a_closed_call_offers_no_form,
    a_direct_call_names_what_the_sheet_lacks,
    the_facilitators_field_refuses_unknown_addresses_and_participants,
    following_voting_and_marks_replayed_keep_their_intent,
    call_answers_and_questions_say_what_is_wrong,
    a_search_without_results_promises_none,
    a_form_sent_after_the_session_ended_is_sent_after_signing_in,
    a_refused_form_shows_what_was_typed,
    another_sites_post_is_never_offered_to_send,
    a_late_exchange_answer_shows_what_was_typed,
    restoring_what_a_sheet_holds_adds_no_version,
    an_invitation_is_written_in_the_invitees_language,
    an_invitation_accepted_twice_or_expired_is_explained,
);

/// A NUL byte broke every form on PostgreSQL (500) and a U+FFFE in a title made the Atom
/// feed invalid XML; an address with a NUL registered on SQLite and could never be mailed.
async fn nul_and_noncharacters_never_reach_the_database(app: TestApp) {
    let anon = app.client();
    let p = anon
        .post(
            "/cuenta/entrar",
            &[("email", "nobody\0@x.org"), ("password", "x")],
        )
        .await;
    assert!(p.status.is_client_error(), "{}: {}", p.status, p.body);
    let p = anon
        .post(
            "/cuenta/registro",
            &[
                ("name", "Zed"),
                ("email", "zed\0@x.org"),
                ("password", "abcdefghijkl123"),
                ("country", "BO"),
                ("lang", "es"),
            ],
        )
        .await;
    assert!(p.status.as_u16() < 500, "{}: {}", p.status, p.body);
    app.register_confirmed("Carlos Ramírez").await;
    let mut fields = sheet_fields("Agua\0 potable \u{FFFE}en Chuquisaca");
    fields.push(("links", "http://x.org/a\0b"));
    fields.push(("note", "primera\0versión"));
    let p = app.post("/experiencias/nueva", &fields).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let p = app
        .post("/experiencias/1/coeditores", &[("email", "x\0@y.org")])
        .await;
    assert!(p.status.as_u16() < 500, "{}: {}", p.status, p.body);
    app.post("/experiencias/1/estado", &[("accion", "publicar")])
        .await;
    app.sync_search().await;
    let feed = app.get("/experiencias.atom").await;
    assert_eq!(feed.status, StatusCode::OK);
    feed.assert_contains("Agua potable en Chuquisaca");
    let texts: Vec<(String, String)> = sqlx::query_as(
        "SELECT email, name FROM users UNION ALL SELECT title, links FROM experiences",
    )
    .fetch_all(&app.db().pool)
    .await
    .unwrap();
    for (a, b) in texts {
        for t in [a, b] {
            assert!(!t.contains(['\0', '\u{FFFE}', '\u{FFFF}']), "{t:?}");
        }
    }
}

/// A submission waiting for review, in a call of facilitator `f`; returns (call, submission).
async fn submitted(app: &TestApp, f: &TestApp) -> (i64, i64) {
    let call = create_call(f, -1, 10).await;
    let owner = app.client();
    owner.register_confirmed("Rosa Mamani").await;
    let sheet = owner
        .create_sheet_with(&sheet_fields("Turismo en Sajama"))
        .await;
    let q1 = app.first_question(call).await;
    let sent = owner
        .post(
            &format!("/convocatorias/{call}/postular"),
            &[
                ("experience", &sheet.to_string()),
                (&format!("q{q1}"), "35"),
                (&format!("q{}", q1 + 1), "Sí"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let (sid,): (i64,) = sqlx::query_as("SELECT id FROM submissions WHERE call_id = $1")
        .bind(call)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    (call, sid)
}

async fn decisions(app: &TestApp, sid: i64, what: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM review_decisions WHERE submission_id = $1 AND decision = $2",
    )
    .bind(sid)
    .bind(what)
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    n
}

async fn two_reviewers_deciding_at_once_record_one_decision(app: TestApp) {
    let marta = app.facilitator("Marta Rodríguez").await;
    let (call, sid) = submitted(&app, &marta).await;
    let path = format!("/convocatorias/{call}/postulaciones/{sid}/decision");
    let fields = [
        ("accion", "cambios"),
        ("comentario", "Falta el presupuesto."),
        ("estado", "submitted"),
    ];
    let (a, b) = tokio::join!(marta.post(&path, &fields), marta.post(&path, &fields));
    assert!(a.status.as_u16() < 500 && b.status.as_u16() < 500);
    assert_eq!(decisions(&app, sid, "request_changes").await, 1);
    let refused = if a.status == StatusCode::SEE_OTHER {
        b
    } else {
        a
    };
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    refused.assert_contains("Falta el presupuesto.");
}

async fn a_decision_from_a_stale_page_is_refused_with_the_comment_kept(app: TestApp) {
    let marta = app.facilitator("Marta Rodríguez").await;
    let (call, sid) = submitted(&app, &marta).await;
    let page = format!("/convocatorias/{call}/postulaciones/{sid}");
    marta
        .get(&page)
        .await
        .assert_contains("name=\"estado\" value=\"submitted\"");
    let asked = marta
        .post(
            &format!("{page}/decision"),
            &[
                ("accion", "cambios"),
                ("comentario", "Falta el presupuesto."),
                ("estado", "submitted"),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    // an approval from the page opened before the changes were asked for
    let late = marta
        .post(
            &format!("{page}/decision"),
            &[
                ("accion", "aprobar"),
                ("comentario", "Muy completa, la aprobamos."),
                ("estado", "submitted"),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    late.assert_contains("cambió desde que la abrió")
        .assert_contains("Muy completa, la aprobamos.");
    assert_eq!(decisions(&app, sid, "approve").await, 0);
    let (state,): (String,) = sqlx::query_as("SELECT state FROM submissions WHERE id = $1")
        .bind(sid)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(state, "changes_requested");
}

async fn a_call_form_sent_twice_creates_one_call(app: TestApp) {
    let marta = app.facilitator("Marta Rodríguez").await;
    let form = marta.get("/convocatorias/nueva").await;
    let token = form
        .body
        .split("name=\"envio\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the call form carries a one-time token")
        .to_string();
    let fields = [("envio", token.as_str())];
    let first = marta.post_call("Doble envío", &fields).await;
    let again = marta.post_call("Doble envío", &fields).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    assert_eq!(first.location(), again.location());
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM calls WHERE title = 'Doble envío'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 1);
}

async fn a_closed_call_offers_no_form(app: TestApp) {
    let marta = app.facilitator("Marta Rodríguez").await;
    let call = create_call(&marta, -10, -1).await;
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    rosa.create_sheet("Turismo en Sajama").await;
    let page = rosa.get(&format!("/convocatorias/{call}")).await;
    page.assert_contains("ya cerró")
        .assert_lacks(&format!("action=\"/convocatorias/{call}/postular\""));
}

/// A call that publishes directly sent an incomplete sheet's owner to "confirm your e-mail"
/// and dropped the answers.
async fn a_direct_call_names_what_the_sheet_lacks(app: TestApp) {
    let marta = app.facilitator("Marta Rodríguez").await;
    let created = marta
        .post_call(
            "Publicación directa",
            &[
                ("review_policy", "publish"),
                ("q_label", "¿Cuántas familias participan?"),
                ("q_kind", "short"),
                ("q_options", ""),
                ("q_required", "0"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let call = crate::common::builders::id_after(&created.location(), "/convocatorias/");
    app.register_confirmed("Rosa Mamani").await;
    let sheet = app
        .create_sheet_with(&[("title", "Solo el título"), ("country", "BO")])
        .await;
    let q = app.first_question(call).await;
    let p = app
        .post(
            &format!("/convocatorias/{call}/postular"),
            &[
                ("experience", &sheet.to_string()),
                (&format!("q{q}"), "120 familias"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", p.body);
    p.assert_contains("resumen")
        .assert_contains("120 familias")
        .assert_lacks("confirme su correo");
}

async fn the_facilitators_field_refuses_unknown_addresses_and_participants(app: TestApp) {
    let marta = app.facilitator("Marta Rodríguez").await;
    let rosa = app.client();
    let rosa_email = rosa.register_confirmed("Rosa Mamani").await;
    for (who, expected) in [
        ("nadie@nowhere.org", "No hay ninguna cuenta"),
        (rosa_email.as_str(), "no es facilitadora"),
    ] {
        let p = marta
            .post_call("Con facilitadores", &[("facilitators", who)])
            .await;
        assert_eq!(
            p.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{who}: {}",
            p.body
        );
        p.assert_contains(expected).assert_contains(who);
    }
    app.facilitator("Pablo Vargas").await;
    let p = marta
        .post_call(
            "Con facilitadores",
            &[("facilitators", "pablo.vargas@example.org")],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
}

/// Following, votes, "me sirve" and helpful marks were toggles: a replayed form (reload,
/// double click, back and send) undid what the person had just done.
async fn following_voting_and_marks_replayed_keep_their_intent(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = f.new_forum().await;
    let speaker = app.client();
    let email = speaker.register_confirmed("Ana Souza").await;
    let space = f
        .new_space(forum, "conference", &[("speakers", &email)])
        .await;
    let workshop = f.new_space(forum, "workshop", &[]).await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let (jorge, _) = app.member("Jorge Quispe", forum).await;
    let question = rosa
        .post_topic(space, &[("body", "¿Cómo sostener una feria?")])
        .await;
    let dilemma = rosa
        .post_topic(
            workshop,
            &[
                ("title", "Un dilema"),
                ("body", "¿Cobramos la entrada?"),
                ("audience", "peers"),
            ],
        )
        .await;
    let reply = jorge.reply(dilemma, "Sí, poco.").await;
    let count = async |sql: &str, id: i64| -> i64 {
        let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql.to_string()))
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
        n
    };
    for _ in 0..2 {
        let p = jorge
            .post(
                &format!("/foros/espacios/{space}/seguir"),
                &[("accion", "seguir")],
            )
            .await;
        assert!(p.location().contains("aviso=siguiendo"), "{}", p.location());
        jorge
            .post(
                &format!("/foros/temas/{question}/seguir"),
                &[("accion", "seguir")],
            )
            .await;
        jorge
            .post(
                &format!("/foros/temas/{question}/votar"),
                &[("accion", "poner")],
            )
            .await;
        jorge
            .post(
                &format!("/foros/mensajes/{question}/me-sirve"),
                &[("accion", "poner")],
            )
            .await;
        rosa.post(
            &format!("/foros/mensajes/{reply}/util"),
            &[("accion", "poner")],
        )
        .await;
    }
    let follows = |target: &str| {
        format!(
            "SELECT COUNT(*) FROM follows f JOIN users u ON u.id = f.user_id \
             WHERE u.name = 'Jorge Quispe' AND f.target = '{target}' AND f.target_id = $1"
        )
    };
    assert_eq!(
        count(&follows("space"), space).await + count(&follows("topic"), question).await,
        2
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM post_votes WHERE post_id = $1",
            question
        )
        .await,
        1
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM post_reactions WHERE post_id = $1",
            question
        )
        .await,
        1
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM posts WHERE id = $1 AND helpful_at IS NOT NULL",
            reply
        )
        .await,
        1
    );
    for _ in 0..2 {
        let p = jorge
            .post(
                &format!("/foros/espacios/{space}/seguir"),
                &[("accion", "dejar")],
            )
            .await;
        assert!(
            p.location().contains("aviso=sin-seguir"),
            "{}",
            p.location()
        );
        jorge
            .post(
                &format!("/foros/temas/{question}/votar"),
                &[("accion", "quitar")],
            )
            .await;
    }
    assert_eq!(count(&follows("space"), space).await, 0);
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM post_votes WHERE post_id = $1",
            question
        )
        .await,
        0
    );
    // a form without its intent is refused, not taken as "the opposite of now"
    let p = jorge
        .post(&format!("/foros/espacios/{space}/seguir"), &[])
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
}

/// Too long an answer was told "answer this question", a choice sent twice was stored twice,
/// and an unknown question type silently became a short answer.
async fn call_answers_and_questions_say_what_is_wrong(app: TestApp) {
    let marta = app.facilitator("Marta Rodríguez").await;
    let p = marta
        .post_call(
            "Preguntas",
            &[
                ("q_label", "¿Qué cultivan?"),
                ("q_kind", "hologram"),
                ("q_options", ""),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", p.body);
    p.assert_contains("tipo de respuesta desconocido")
        .assert_contains("¿Qué cultivan?");
    let created = marta
        .post_call(
            "Preguntas",
            &[
                ("q_label", "¿Qué cultivan?"),
                ("q_kind", "multiple"),
                ("q_options", "Quinua\nPapa"),
                ("q_label", "Cuéntenos"),
                ("q_kind", "long"),
                ("q_options", ""),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let call = crate::common::builders::id_after(&created.location(), "/convocatorias/");
    app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Quinua en Salinas").await.to_string();
    let q1 = app.first_question(call).await;
    let (f1, f2) = (format!("q{q1}"), format!("q{}", q1 + 1));
    let long = "palabra ".repeat(700);
    let path = format!("/convocatorias/{call}/postular");
    let p = app
        .post(
            &path,
            &[("experience", &sheet), (&f1, "Quinua"), (&f2, &long)],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    p.assert_contains("demasiado larga")
        .assert_contains("palabra palabra");
    let p = app
        .post(
            &path,
            &[
                ("experience", &sheet),
                (&f1, "Quinua"),
                (&f1, "Quinua"),
                (&f1, "Papa"),
                (&f2, "Poco"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let (value,): (String,) =
        sqlx::query_as("SELECT value FROM submission_answers WHERE question_id = $1")
            .bind(q1)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(value, "Quinua\nPapa");
}

async fn a_search_without_results_promises_none(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    app.published_sheet("Agua potable en Chuquisaca").await;
    app.sync_search().await;
    let p = app.get("/experiencias?q=zzqx+yyqw").await;
    assert_eq!(p.status, StatusCode::OK);
    p.assert_lacks("se muestran las que tienen alguna");
    // a key sent twice kept none of the filters (and page 1): the last value counts
    for i in 0..3 {
        app.published_sheet(&format!("Ferias del altiplano {i}"))
            .await;
    }
    app.sync_search().await;
    let p = app
        .get("/experiencias?q=zzqx&q=ferias&orden=titulo&orden=recientes")
        .await;
    assert_eq!(p.status, StatusCode::OK);
    p.assert_contains("Ferias del altiplano")
        .assert_lacks("Agua potable en Chuquisaca");
}

/// The hidden inputs of a page's form that posts to `action`, decoded.
fn hidden_inputs(html: &str, action: &str) -> Vec<(String, String)> {
    let form = html
        .split(&format!("action=\"{action}\""))
        .nth(1)
        .and_then(|f| f.split("</form>").next())
        .unwrap_or_else(|| panic!("no form to {action}"));
    let unescape = |v: &str| {
        v.replace("&#34;", "\"")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#x2F;", "/")
            .replace("&#38;", "&")
            .replace("&amp;", "&")
    };
    form.split("<input type=\"hidden\" name=\"")
        .skip(1)
        .filter_map(|i| {
            let (name, rest) = i.split_once('"')?;
            let value = rest.split("value=\"").nth(1)?.split('"').next()?;
            Some((unescape(name), unescape(value)))
        })
        .collect()
}

/// Signed out in another tab, Elena sent a reply: it came back as a bare redirect to sign in
/// and her text was gone.
async fn a_form_sent_after_the_session_ended_is_sent_after_signing_in(app: TestApp) {
    let (_, forum, space) = app.forum_with_space("contribution", &[]).await;
    let (elena, email) = app.member("Elena Torres", forum).await;
    let topic = elena
        .post_topic(space, &[("title", "Ferias"), ("body", "¿Cómo empezaron?")])
        .await;
    let reply = "Con «tres» productores & mucha paciencia.\nY una radio.";
    let out = elena.post("/cuenta/salir", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let sent = elena
        .post(
            &format!("/foros/temas/{topic}"),
            &[("body", reply), ("lang", "es")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::UNAUTHORIZED, "{}", sent.body);
    sent.assert_contains("No se perdió");
    let mut login = hidden_inputs(&sent.body, "/cuenta/entrar");
    assert!(
        login
            .iter()
            .any(|(k, v)| k == "reenvio" && v.contains("productores"))
    );
    // a wrong password keeps it too
    let mut wrong = login.clone();
    wrong.extend([
        ("email".into(), email.clone()),
        ("password".into(), "nope".into()),
    ]);
    let pairs: Vec<(&str, &str)> = wrong
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let again = elena.post_raw("/cuenta/entrar", &pairs).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        hidden_inputs(&again.body, "/cuenta/entrar")
            .iter()
            .any(|(k, v)| k == "reenvio" && v.contains("productores"))
    );
    login.extend([
        ("email".into(), email),
        ("password".into(), PASSWORD.into()),
    ]);
    let pairs: Vec<(&str, &str)> = login
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let resend = elena.post_raw("/cuenta/entrar", &pairs).await;
    assert_eq!(resend.status, StatusCode::OK, "{}", resend.body);
    resend.assert_contains("no se perdió");
    let action = format!("/foros/temas/{topic}");
    let fields = hidden_inputs(&resend.body, &action);
    assert!(
        fields.iter().any(|(k, v)| k == "body" && v == reply),
        "{fields:?}"
    );
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let posted = elena.post_raw(&action, &pairs).await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    app.get(&action).await.assert_contains("Y una radio.");
}

/// Removed from a sheet while editing, Jorge saved and got a bare 403: his text was gone.
async fn a_refused_form_shows_what_was_typed(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Turismo en Sajama").await;
    let jorge = app.client();
    jorge.register_confirmed("Jorge Quispe").await;
    let mut fields = sheet_fields("Turismo en Sajama");
    fields.push(("version", "1"));
    fields.retain(|(k, _)| *k != "summary");
    fields.push((
        "summary",
        "Lo que Jorge escribió con cuidado durante una hora.",
    ));
    let p = jorge
        .post(&format!("/experiencias/{sheet}/editar"), &fields)
        .await;
    assert!(
        matches!(p.status.as_u16(), 403 | 404),
        "{}: {}",
        p.status,
        p.body
    );
    p.assert_contains("Lo que escribió")
        .assert_contains("Lo que Jorge escribió con cuidado durante una hora.");
}

/// Trial 2: a POST from another site (no CSRF cookie, so "signed out") came back as the
/// sign-in page holding the attacker's fields, and one click after signing in sent them with
/// the victim's token (an admin made someone admin; a sheet archived).
async fn another_sites_post_is_never_offered_to_send(app: TestApp) {
    let email = app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Turismo en Sajama").await;
    let attacker = app.client();
    let p = attacker
        .post_raw(
            &format!("/experiencias/{sheet}/estado"),
            &[
                ("accion", "archivar"),
                ("csrf", "inventado-por-otro-sitio-000"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    assert!(p.location().starts_with("/cuenta/entrar?"));
    assert!(!p.body.contains("reenvio"));
    // nor through the sign-in form itself
    let p = attacker
        .post_raw(
            "/cuenta/entrar",
            &[
                ("email", email.as_str()),
                ("password", PASSWORD),
                ("volver", &format!("/experiencias/{sheet}/estado")),
                ("reenvio", "accion=archivar"),
            ],
        )
        .await;
    assert!(!p.body.contains("name=\"reenvio\""), "{}", p.body);
    // and a refused form from elsewhere is not shown as if the person had written it
    let p = attacker
        .post_raw(
            &format!("/experiencias/{sheet}/editar"),
            &[("summary", "Texto que otro sitio quiere mostrar aquí")],
        )
        .await;
    assert!(!p.body.contains("Texto que otro sitio"));
}

/// Trial 2: answering an exchange in a second tab after the first answered gave 409 "what you
/// wrote is kept" with no form and no text.
async fn a_late_exchange_answer_shows_what_was_typed(app: TestApp) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let jorge = app.client();
    jorge.register_confirmed("Jorge Quispe").await;
    let theirs = jorge.published_sheet("Quinua orgánica en Salinas").await;
    let asked = rosa
        .post(
            &format!("/experiencias/{theirs}/solicitar"),
            &[("purpose", "Conocernos"), ("ways", "video")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let id = crate::common::builders::id_after(&asked.location(), "/intercambios/");
    let path = format!("/intercambios/{id}/responder");
    jorge.post(&path, &[("decision", "declinar")]).await;
    let late = jorge
        .post(
            &path,
            &[
                ("decision", "aceptar"),
                ("answer", "Sí, aceptamos: texto escrito en otra pestaña"),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    late.assert_contains("texto escrito en otra pestaña");
}

/// Trial 2: a double click on "restore" made two identical versions.
async fn restoring_what_a_sheet_holds_adds_no_version(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Turismo en Sajama").await;
    let mut fields = sheet_fields("Turismo comunitario en Sajama");
    fields.push(("version", "1"));
    let p = app
        .post(&format!("/experiencias/{sheet}/editar"), &fields)
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    for _ in 0..2 {
        let p = app
            .post(
                &format!("/experiencias/{sheet}/historial/1/restaurar"),
                &[("version", "2")],
            )
            .await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    }
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM revisions WHERE experience_id = $1")
        .bind(sheet)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 3);
}

/// Trial 2: an invitation to someone whose account is in English came in the inviter's Spanish.
async fn an_invitation_is_written_in_the_invitees_language(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Turismo en Sajama").await;
    let jorge = app.client();
    let email = jorge.register_confirmed("Jorge Quispe").await;
    let id = app.user_id(&email).await;
    ayni::accounts::set_lang(app.db(), id, "en").await.unwrap();
    let p = app
        .post(
            &format!("/experiencias/{sheet}/coeditores"),
            &[("email", &email)],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    app.run_jobs(ayni::now()).await;
    let mails = app.mails_to(&email).await;
    assert!(
        mails
            .iter()
            .any(|m| m.contains("Invitation to edit a sheet on Ayni")),
        "{mails:?}"
    );
}

/// Trial 2: accepting an invitation twice (a double click) gave a bare 404, and so did an
/// expired one.
async fn an_invitation_accepted_twice_or_expired_is_explained(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Turismo en Sajama").await;
    let jorge = app.client();
    let email = jorge.register_confirmed("Jorge Quispe").await;
    app.post(
        &format!("/experiencias/{sheet}/coeditores"),
        &[("email", &email)],
    )
    .await;
    app.run_jobs(ayni::now()).await;
    let link = app.last_link_to(&email, "/invitaciones/").await;
    for _ in 0..2 {
        let p = jorge.post(&link, &[]).await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
        assert!(
            p.location()
                .starts_with(&format!("/experiencias/{sheet}/editar"))
        );
    }
    let ana = app.client();
    ana.register_confirmed("Ana Souza").await;
    let p = ana.get(&link).await;
    assert_eq!(p.status, StatusCode::GONE);
    p.assert_contains("ya fue aceptada");
    // an expired one says so
    let lucia = app.client();
    let lucia_email = lucia.register_confirmed("Lucía Fernández").await;
    app.post(
        &format!("/experiencias/{sheet}/coeditores"),
        &[("email", &lucia_email)],
    )
    .await;
    app.run_jobs(ayni::now()).await;
    let link = app.last_link_to(&lucia_email, "/invitaciones/").await;
    sqlx::query("UPDATE invitations SET created_at = created_at - 5184000")
        .execute(&app.db().pool)
        .await
        .unwrap();
    let p = lucia.get(&link).await;
    assert_eq!(p.status, StatusCode::GONE);
    p.assert_contains("venció");
}
