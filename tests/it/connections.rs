//! Connections, used as people use them: a sheet's team lists what it offers and seeks, a
//! visitor asks for an exchange, the team answers, both talk in a private conversation; every
//! write with bad input; nothing private leaks before acceptance nor to outsiders.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    an_exchange_goes_from_request_to_conversation_and_contacts_wait_for_acceptance,
    asking_refuses_bad_input_repeats_floods_and_blocked_people,
    profiles_show_only_what_people_chose,
    offers_and_needs_meet_and_are_catalogue_facets,
    conversations_are_private_and_messages_keep_what_was_typed,
);

/// A published sheet of `who`; returns its id.
/// Rosa (with a sheet) asks Jorge's sheet; returns (rosa, jorge, rosa's e-mail, jorge's
/// e-mail, jorge's sheet, request id).
pub async fn asked(app: &TestApp) -> (TestApp, TestApp, String, String, i64, i64) {
    let rosa = app.client();
    let rosa_email = rosa.register_confirmed("Rosa Mamani").await;
    let jorge = app.client();
    let jorge_email = jorge.register_confirmed("Jorge Quispe").await;
    let mine = rosa.published_sheet("Turismo comunitario en Sajama").await;
    let theirs = jorge.published_sheet("Quinua orgánica en Salinas").await;
    let form = rosa.get(&format!("/experiencias/{theirs}/solicitar")).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let sent = rosa
        .post(
            &format!("/experiencias/{theirs}/solicitar"),
            &[
                ("desde", &mine.to_string()),
                ("purpose", "Queremos aprender cómo venden juntos."),
                ("ways", "conversation"),
                ("ways", "video"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let id: i64 = sent
        .location()
        .trim_start_matches("/intercambios/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    (rosa, jorge, rosa_email, jorge_email, theirs, id)
}

async fn an_exchange_goes_from_request_to_conversation_and_contacts_wait_for_acceptance(
    app: TestApp,
) {
    let (rosa, jorge, rosa_email, jorge_email, _, id) = asked(&app).await;
    // Jorge is told in the app and by e-mail; the e-mail names no address of Rosa's
    jorge
        .get("/notificaciones")
        .await
        .assert_contains("Rosa Mamani propone un intercambio");
    app.run_jobs(ayni::now()).await;
    let mails = app.mails_to(&jorge_email).await;
    assert!(
        mails.iter().any(|m| m.contains("propone un intercambio")),
        "{mails:?}"
    );
    assert!(mails.iter().all(|m| !m.contains(&rosa_email)));
    // before acceptance neither side sees the other's address
    let page = jorge.get(&format!("/intercambios/{id}")).await;
    page.assert_contains("Queremos aprender cómo venden juntos.")
        .assert_lacks(&rosa_email);
    rosa.get(&format!("/intercambios/{id}"))
        .await
        .assert_lacks(&jorge_email);
    // Rosa cannot answer her own request; Jorge accepts, twice (the second is told)
    let own = rosa
        .post(
            &format!("/intercambios/{id}/responder"),
            &[("decision", "aceptar")],
        )
        .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);
    let ok = jorge
        .post(
            &format!("/intercambios/{id}/responder"),
            &[("decision", "aceptar"), ("answer", "¡Con gusto!")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let again = jorge
        .post(
            &format!("/intercambios/{id}/responder"),
            &[("decision", "declinar")],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    again.assert_contains("ya fue respondida");
    // after acceptance both see each other's contact, and the conversation opens
    rosa.get(&format!("/intercambios/{id}"))
        .await
        .assert_contains(&jorge_email);
    let page = jorge.get(&format!("/intercambios/{id}")).await;
    page.assert_contains(&rosa_email);
    let conversation = page
        .body
        .split("href=\"/mensajes/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a link to the conversation")
        .to_string();
    let url = format!("/mensajes/{conversation}");
    let sent = rosa
        .upload_form(&url, "", b"", &[("body", "Hola, **gracias**.")])
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let with_file = jorge
        .upload_form(
            &url,
            "informe.pdf",
            b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
            &[("body", "Les mando nuestro informe.")],
        )
        .await;
    assert_eq!(
        with_file.status,
        StatusCode::SEE_OTHER,
        "{}",
        with_file.body
    );
    // Rosa's list says one unread; reading the conversation clears it
    rosa.get("/mensajes").await.assert_contains("1 sin leer");
    let page = rosa.get(&url).await;
    page.assert_contains("<strong>gracias</strong>")
        .assert_contains("informe.pdf");
    rosa.get("/mensajes").await.assert_lacks("sin leer");
    let file_link = page
        .body
        .split("href=\"/mensajes/")
        .find(|s| s.contains("/archivos/"))
        .and_then(|s| s.split('"').next())
        .map(|s| format!("/mensajes/{s}"))
        .expect("attachment link");
    let file = rosa.get(&file_link).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.body.starts_with("%PDF"));
    // an outsider (and anyone who is not a member) gets nothing
    let outsider = app.client();
    outsider.register_confirmed("Otra Persona").await;
    for path in [url.clone(), format!("/intercambios/{id}"), file_link] {
        assert_eq!(outsider.get(&path).await.status, StatusCode::NOT_FOUND);
    }
    let intrude = outsider
        .upload_form(&url, "", b"", &[("body", "hola")])
        .await;
    assert_eq!(intrude.status, StatusCode::NOT_FOUND);
    // leaving: Rosa no longer reads it
    let left = rosa.post(&format!("{url}/salir"), &[]).await;
    assert_eq!(left.status, StatusCode::SEE_OTHER);
    assert_eq!(rosa.get(&url).await.status, StatusCode::NOT_FOUND);
}

async fn asking_refuses_bad_input_repeats_floods_and_blocked_people(app: TestApp) {
    let (rosa, jorge, _, _, theirs, id) = asked(&app).await;
    let url = format!("/experiencias/{theirs}/solicitar");
    // a second request while the first waits
    let page = rosa
        .post(&url, &[("purpose", "Otra vez"), ("ways", "visit")])
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    page.assert_contains("Ya tiene una propuesta esperando");
    // bad input keeps what was typed, on a fresh asker
    let other = app.client();
    other.register_confirmed("Lucía Fernández").await;
    let long = "palabra ".repeat(200);
    for (fields, message) in [
        (vec![("purpose", ""), ("ways", "video")], "obligatorio"),
        (
            vec![("purpose", "Aprender de su feria"), ("ways", "telepatia")],
            "Elija una de las opciones",
        ),
        (
            vec![("purpose", "Aprender de su feria")],
            "al menos una forma",
        ),
        (
            vec![("purpose", long.as_str()), ("ways", "video")],
            "1000 caracteres",
        ),
        (
            vec![
                ("purpose", "Aprender"),
                ("ways", "video"),
                ("desde", "999999"),
            ],
            "Elija una de las opciones",
        ),
    ] {
        let page = other.post(&url, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        page.assert_contains(message);
        if let Some((_, typed)) = fields.iter().find(|(k, _)| *k == "purpose")
            && !typed.is_empty()
        {
            page.assert_contains(typed.trim());
        }
    }
    // the same form sent twice creates one request
    let token = "envio-unico-de-prueba-0001";
    let fields = [
        ("purpose", "Aprender de su feria"),
        ("ways", "documents"),
        ("envio", token),
    ];
    let first = other.post(&url, &fields).await;
    let second = other.post(&url, &fields).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert_eq!(second.location(), first.location());
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM exchange_requests")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 2);
    // the same form page sent again with other words (back, edit, send) is a new proposal:
    // refused while the first waits, with the words kept, never "sent" and dropped
    let changed = [
        ("purpose", "Segunda solicitud, otra idea"),
        ("ways", "video"),
        ("envio", token),
    ];
    let page = other.post(&url, &changed).await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{:?}", page.location());
    page.assert_contains("Ya tiene una propuesta esperando")
        .assert_contains("Segunda solicitud, otra idea")
        .assert_contains("Ver la propuesta que espera respuesta");
    // a team cannot ask its own sheet
    let own = jorge
        .post(&url, &[("purpose", "Hola"), ("ways", "video")])
        .await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
    own.assert_contains("su propio equipo");
    // the team blocks Rosa: her request is declined and she cannot ask again
    let blocked = jorge
        .post(&format!("/intercambios/{id}/bloquear"), &[])
        .await;
    assert_eq!(blocked.status, StatusCode::SEE_OTHER);
    let page = rosa
        .post(&url, &[("purpose", "Por favor"), ("ways", "video")])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.assert_contains("no recibe propuestas suyas");
    // a report with no reason is refused, with one it reaches facilitators
    let empty = rosa
        .post(&format!("/intercambios/{id}/denunciar"), &[])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reported = rosa
        .post(
            &format!("/intercambios/{id}/denunciar"),
            &[("reason", "Me bloquearon sin motivo")],
        )
        .await;
    assert_eq!(reported.status, StatusCode::SEE_OTHER);
    let facilitator = app.facilitator("Marta Rodríguez").await;
    facilitator
        .get("/intercambios/denuncias")
        .await
        .assert_contains("Me bloquearon sin motivo");
    assert_eq!(
        rosa.get("/intercambios/denuncias").await.status,
        StatusCode::FORBIDDEN
    );
    // a flood of requests stops at the daily limit
    let flooder = app.client();
    flooder.register_confirmed("Muchas Propuestas").await;
    let owner = app.client();
    owner.register_confirmed("Dueña de Fichas").await;
    let mut last = StatusCode::OK;
    for i in 0..11 {
        let sheet = owner
            .published_sheet(&format!("Experiencia número {i} de la red"))
            .await;
        last = flooder
            .post(
                &format!("/experiencias/{sheet}/solicitar"),
                &[("purpose", "Conocernos"), ("ways", "video")],
            )
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

async fn profiles_show_only_what_people_chose(app: TestApp) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let id = rosa.published_sheet("Turismo comunitario en Sajama").await;
    let _ = id;
    let me = ayni::accounts::find_by_email(app.db(), "rosa.mamani@example.org")
        .await
        .unwrap()
        .unwrap();
    let anon = app.client();
    let profile = format!("/personas/{}", me.id);
    // by default: the name, and nothing else; not in the directory
    anon.get(&profile)
        .await
        .assert_contains("Rosa Mamani")
        .assert_lacks("Turismo comunitario en Sajama");
    anon.get("/personas").await.assert_lacks("Rosa Mamani");
    // bad input keeps the text and saves nothing
    let long = "x".repeat(1200);
    let page = rosa
        .post(
            "/cuenta/perfil",
            &[
                ("bio", long.as_str()),
                ("languages", "klingon"),
                ("listed", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains(&long)
        .assert_contains("Elija una de las opciones");
    anon.get("/personas").await.assert_lacks("Rosa Mamani");
    // she opts in: listed, her sheets and languages shown, and the preview says so
    let saved = rosa
        .post(
            "/cuenta/perfil",
            &[
                ("listed", "1"),
                ("show_sheets", "1"),
                ("bio", "Técnica de turismo"),
                ("languages", "es"),
                ("languages", "ay"),
                ("contact", "+591 7000 0001"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    rosa.get("/cuenta/perfil")
        .await
        .assert_contains("Así lo ven los demás")
        .assert_contains("aymara");
    let page = anon.get(&profile).await;
    page.assert_contains("Turismo comunitario en Sajama")
        .assert_contains("Técnica de turismo")
        .assert_lacks("+591 7000 0001")
        .assert_lacks("rosa.mamani@example.org");
    anon.get("/personas?idioma=ay")
        .await
        .assert_contains("Rosa Mamani");
    anon.get("/personas?idioma=gn")
        .await
        .assert_lacks("Rosa Mamani");
    anon.get("/personas?tema=turismo&pais=BO&pagina=abc&idioma=%FF")
        .await
        .assert_contains("Rosa Mamani");
    // an unconfirmed account has no public page
    let shy = app.client();
    shy.register("Sin Confirmar").await;
    let shy_user = ayni::accounts::find_by_email(app.db(), "sin.confirmar@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        anon.get(&format!("/personas/{}", shy_user.id)).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn offers_and_needs_meet_and_are_catalogue_facets(app: TestApp) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let jorge = app.client();
    jorge.register_confirmed("Jorge Quispe").await;
    let mine = rosa.published_sheet("Turismo comunitario en Sajama").await;
    let theirs = jorge.published_sheet("Quinua orgánica en Salinas").await;
    let add = |who: &TestApp, sheet: i64, fields: Vec<(&'static str, &'static str)>| {
        let who = who.clone();
        async move {
            who.post(&format!("/experiencias/{sheet}/intercambio"), &fields)
                .await
        }
    };
    // bad input: kept, nothing added
    for (fields, message) in [
        (
            vec![("direction", "need"), ("theme", "turismo"), ("body", "")],
            "obligatorio",
        ),
        (
            vec![
                ("direction", "need"),
                ("theme", "astrologia"),
                ("body", "Algo"),
            ],
            "Elija una opción",
        ),
        (
            vec![
                ("direction", "maybe"),
                ("theme", "turismo"),
                ("body", "Algo"),
            ],
            "Elija una de las opciones",
        ),
    ] {
        let page = add(&rosa, mine, fields.clone()).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        page.assert_contains(message);
    }
    let outsider = add(
        &jorge,
        mine,
        vec![
            ("direction", "offer"),
            ("theme", "turismo"),
            ("body", "Intruso"),
        ],
    )
    .await;
    assert_eq!(outsider.status, StatusCode::FORBIDDEN);
    let need = add(
        &rosa,
        mine,
        vec![
            ("direction", "need"),
            ("theme", "desarrollo-productivo"),
            ("body", "Comercialización asociativa de productos locales"),
        ],
    )
    .await;
    assert_eq!(need.status, StatusCode::SEE_OTHER, "{}", need.body);
    let offer = add(
        &jorge,
        theirs,
        vec![
            ("direction", "offer"),
            ("theme", "desarrollo-productivo"),
            ("body", "Cómo vendemos quinua en conjunto"),
            ("section", "keys_text"),
        ],
    )
    .await;
    assert_eq!(offer.status, StatusCode::SEE_OTHER, "{}", offer.body);
    // both pages show the match and its reason; the team gets the pre-filled proposal
    let page = rosa.get(&format!("/experiencias/{mine}")).await;
    page.assert_contains("Quinua orgánica en Salinas")
        .assert_contains("Mismo tema")
        .assert_contains(&format!("/experiencias/{theirs}/solicitar?desde={mine}"));
    let proposal = page
        .body
        .split(&format!("/experiencias/{theirs}/solicitar?"))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    rosa.get(&format!("/experiencias/{theirs}/solicitar?{proposal}"))
        .await
        .assert_contains("Mismo tema");
    jorge
        .get(&format!("/experiencias/{theirs}"))
        .await
        .assert_contains("Turismo comunitario en Sajama");
    // cooperation wishes; then the catalogue's facets find both
    let coop = rosa
        .post(
            &format!("/experiencias/{mine}/cooperacion"),
            &[("kinds", "south_south")],
        )
        .await;
    assert_eq!(coop.status, StatusCode::SEE_OTHER);
    let bad = rosa
        .post(
            &format!("/experiencias/{mine}/cooperacion"),
            &[("kinds", "dinero-facil")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    app.sync_search().await;
    let anon = app.client();
    anon.get("/experiencias?intercambio=busca")
        .await
        .assert_contains("Turismo comunitario en Sajama")
        .assert_lacks("Quinua orgánica en Salinas");
    anon.get("/experiencias?cooperacion=south_south")
        .await
        .assert_contains("Turismo comunitario en Sajama");
    anon.get("/experiencias?q=vendemos")
        .await
        .assert_contains("Quinua orgánica en Salinas");
}

async fn conversations_are_private_and_messages_keep_what_was_typed(app: TestApp) {
    let (rosa, jorge, _, _, _, id) = asked(&app).await;
    let page = jorge
        .post(
            &format!("/intercambios/{id}/responder"),
            &[("decision", "proponer"), ("answer", "")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Escriba qué propone");
    let proposed = jorge
        .post(
            &format!("/intercambios/{id}/responder"),
            &[
                ("decision", "proponer"),
                ("answer", "Mejor una visita en mayo"),
            ],
        )
        .await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER);
    let accepted = rosa
        .post(
            &format!("/intercambios/{id}/resolver"),
            &[("accion", "aceptar")],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    let (conversation,): (i64,) =
        sqlx::query_as("SELECT id FROM conversations WHERE request_id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let url = format!("/mensajes/{conversation}");
    // an empty message, a long one, a forbidden file: refused, text kept
    let empty = rosa.upload_form(&url, "", b"", &[("body", "  ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let long = "a".repeat(5001);
    let page = rosa.upload_form(&url, "", b"", &[("body", &long)]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains(&long);
    let page = rosa
        .upload_form(&url, "virus.exe", b"MZ\x90\x00", &[("body", "Mire esto")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Mire esto");
    // hostile Markdown is cleaned; the same form sent twice makes one message
    let fields = [
        (
            "body",
            "<script>alert(1)</script>[x](javascript:alert(1)) hola",
        ),
        ("envio", "mensaje-unico-0001"),
    ];
    let first = rosa.upload_form(&url, "", b"", &fields).await;
    let second = rosa.upload_form(&url, "", b"", &fields).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert_eq!(second.location(), first.location());
    let page = jorge.get(&url).await;
    page.assert_lacks("<script>alert")
        .assert_lacks("href=\"javascript");
    assert_eq!(page.body.matches("hola").count(), 1);
    // the same page sent again with other words is a message of its own, not swallowed
    let other_words = [("body", "Y otra cosa más"), ("envio", "mensaje-unico-0001")];
    let third = rosa.upload_form(&url, "", b"", &other_words).await;
    assert_eq!(third.status, StatusCode::SEE_OTHER);
    jorge.get(&url).await.assert_contains("Y otra cosa más");
    // adding an unknown address is refused; blocking closes it for both sides
    let page = jorge
        .post(
            &format!("{url}/personas"),
            &[("email", "nadie@example.org")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("coeditan alguna de sus fichas");
    let blocked = jorge.post(&format!("{url}/bloquear"), &[]).await;
    assert_eq!(blocked.status, StatusCode::SEE_OTHER);
    let closed = rosa.upload_form(&url, "", b"", &[("body", "¿Hola?")]).await;
    assert_eq!(closed.status, StatusCode::UNPROCESSABLE_ENTITY);
    closed.assert_contains("está cerrada");
}
