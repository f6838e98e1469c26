//! Defects the third and fourth hostile trials found from outside (forms shown again after a
//! refusal, forms sent twice, suggestions, revisions, filters): each a test first.

use crate::calls::create_call;
use crate::common::TestApp;
use crate::connections_trial::accepted;
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    a_refused_report_keeps_its_reason_in_sight,
    a_refused_term_rename_keeps_the_typed_names_and_says_a_stale_form,
    an_application_sent_twice_is_recorded_once,
    forums_and_spaces_sent_twice_are_created_once,
    adding_a_person_keeps_the_address_and_names_a_malformed_one,
    unknown_languages_and_time_zones_are_refused,
    a_stale_decision_form_says_so_first,
    an_overlong_revision_note_is_refused_not_cut,
    single_line_fields_stay_on_one_line,
    a_sheet_is_never_matched_with_its_own_teams_sheets,
    reordered_choices_are_no_change,
    unknown_filter_values_are_not_shown_as_filters,
    the_history_names_choices_instead_of_showing_codes,
);

const STALE: &str = "Su sesión de formulario caducó";

/// A report too long, or from a stale form, came back with its box empty and folded away.
async fn a_refused_report_keeps_its_reason_in_sight(app: TestApp) {
    let (rosa, _, _, id) = accepted(&app).await;
    let long = format!("Mensajes insistentes {}", "y más ".repeat(200));
    let page = rosa
        .post(
            &format!("/intercambios/{id}/denunciar"),
            &[("reason", &long)],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Hasta 1000 caracteres")
        .assert_contains("Mensajes insistentes y más")
        .assert_contains("<details open");
    let page = rosa
        .post_raw(
            &format!("/intercambios/{id}/denunciar"),
            &[("csrf", "caducado"), ("reason", "Texto corto")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains(STALE)
        .assert_contains(">Texto corto</textarea>");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM exchange_reports")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
}

/// A refused rename showed the saved names again, and a stale form said nothing at all.
async fn a_refused_term_rename_keeps_the_typed_names_and_says_a_stale_form(app: TestApp) {
    let boss = app.admin("Administración").await;
    let (term,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM terms WHERE vocabulary = 'theme'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let path = format!("/admin/taxonomias/{term}");
    let fields = [
        ("name_es", ""),
        ("name_pt", "Planos digitados"),
        ("name_en", "Typed plans"),
    ];
    let page = boss.post(&path, &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("value=\"Planos digitados\"")
        .assert_contains("value=\"Typed plans\"");
    let page = boss
        .post_raw(
            &path,
            &[
                ("csrf", "caducado"),
                ("name_es", "Nombre escrito"),
                ("name_pt", "Nome"),
                ("name_en", "Name"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains(STALE)
        .assert_contains("value=\"Nombre escrito\"");
    let page = boss
        .post_raw(&format!("{path}/fusionar"), &[("into", "2")])
        .await;
    page.assert_contains(STALE);
    let page = boss
        .post_raw(
            "/admin/taxonomias",
            &[
                ("csrf", "caducado"),
                ("vocabulary", "theme"),
                ("code", "x-prueba"),
                ("name_es", "X"),
            ],
        )
        .await;
    page.assert_contains(STALE);
}

/// The same application sent twice (a double click) was recorded, and mailed, twice.
async fn an_application_sent_twice_is_recorded_once(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let call = create_call(&f, -1, 10).await;
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let sheet = rosa.create_sheet("Turismo comunitario en Sajama").await;
    let q = app.question_fields(call).await;
    let (q1, q2) = (q[0].clone(), q[1].clone());
    let fields = [
        ("experience", sheet.to_string()),
        (q1.as_str(), "35".to_string()),
        (q2.as_str(), "Sí".to_string()),
        ("envio", "postulacion-unica-01".to_string()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = rosa.get(&format!("/convocatorias/{call}")).await;
    page.assert_contains("name=\"envio\"");
    let path = format!("/convocatorias/{call}/postular");
    let first = rosa.post(&path, &fields).await;
    let second = rosa.post(&path, &fields).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert_eq!(second.location(), first.location());
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM review_decisions WHERE decision = 'submitted'")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(n, 1, "one application, one history line");
    // sent again from fresh pages (fifth trial: fifteen re-sends gave the facilitator
    // twenty notices): the answers are updated, the reviewers are told once
    let resent: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(k, _)| *k != "envio")
        .cloned()
        .collect();
    for _ in 0..2 {
        let page = rosa.post(&path, &resent).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    let count = |sql: &'static str| {
        let db = app.db().pool.clone();
        async move {
            sqlx::query_as::<_, (i64,)>(sql)
                .fetch_one(&db)
                .await
                .unwrap()
                .0
        }
    };
    let told = count("SELECT COUNT(*) FROM notifications WHERE kind = 'submission'").await;
    assert_eq!(told, 1);
    let history = count("SELECT COUNT(*) FROM review_decisions WHERE decision = 'submitted'").await;
    assert_eq!(history, 1);
}

/// A forum or a space sent twice was created twice.
async fn forums_and_spaces_sent_twice_are_created_once(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    f.get("/foros/nuevo")
        .await
        .assert_contains("name=\"envio\"");
    let fields = [
        ("title", "Foro doble envío"),
        ("description", "Conversamos."),
        ("time_zone", "America/La_Paz"),
        ("envio", "foro-unico-01"),
    ];
    let first = f.post("/foros/nuevo", &fields).await;
    let second = f.post("/foros/nuevo", &fields).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert_eq!(second.location(), first.location());
    let forum = first.location().trim_start_matches("/foros/").to_string();
    let forum: String = forum.chars().take_while(char::is_ascii_digit).collect();
    let path = format!("/foros/{forum}/espacios/nuevo");
    f.get(&path).await.assert_contains("name=\"envio\"");
    let fields = [
        ("kind", "contribution"),
        ("title", "Espacio doble"),
        ("description", "Presentación."),
        ("envio", "espacio-unico-01"),
    ];
    let first = f.post(&path, &fields).await;
    let second = f.post(&path, &fields).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert_eq!(second.location(), first.location());
    let (forums, spaces): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM forums WHERE title = 'Foro doble envío'), \
         (SELECT COUNT(*) FROM spaces WHERE title = 'Espacio doble')",
    )
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    assert_eq!((forums, spaces), (1, 1));
}

/// The address box came back empty, and a malformed address got the co-editor message.
async fn adding_a_person_keeps_the_address_and_names_a_malformed_one(app: TestApp) {
    let (rosa, _, url, _) = accepted(&app).await;
    let page = rosa
        .post(&format!("{url}/personas"), &[("email", "x@")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Escriba una dirección de correo válida")
        .assert_contains("value=\"x@\"");
    let page = rosa
        .post(
            &format!("{url}/personas"),
            &[("email", "nadie@ejemplo.org")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("value=\"nadie@ejemplo.org\"");
}

/// An unknown language or time zone was saved as a default without a word.
async fn unknown_languages_and_time_zones_are_refused(app: TestApp) {
    app.register_confirmed("Elena Torres").await;
    let fields = [("name", "Elena Torres"), ("country", "MX"), ("lang", "pt")];
    let ok = app.post("/cuenta", &fields).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let page = app
        .post(
            "/cuenta",
            &[("name", "Elena Torres"), ("country", "MX"), ("lang", "xx")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (lang,): (String,) = sqlx::query_as("SELECT lang FROM users WHERE name = 'Elena Torres'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(lang, "pt", "nothing saved is lost");
    let visitor = app.client();
    let page = visitor
        .post(
            "/cuenta/registro",
            &[
                ("name", "Zoe"),
                ("email", "zoe@ejemplo.org"),
                ("password", "abcdefghijkl123"),
                ("country", "BO"),
                ("lang", "xx"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("value=\"zoe@ejemplo.org\"");
    let f = app.facilitator("Marta Rodríguez").await;
    let page = f
        .post(
            "/foros/nuevo",
            &[
                ("title", "Foro en Marte"),
                ("description", "Conversamos."),
                ("time_zone", "Mars/Olympus"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Foro en Marte");
    let forum = f.new_forum().await;
    let space = f.new_space(forum, "contribution", &[]).await;
    let (member, _) = f.member("Jorge Quispe", forum).await;
    let page = member
        .post(
            &format!("/foros/espacios/{space}"),
            &[
                ("title", "Un aporte"),
                ("body", "Lo que aprendimos."),
                ("lang", "klingon"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Lo que aprendimos.");
}

/// A decision sent from a stale form was answered with a business rule, never with what
/// was really wrong, so sending it again failed again.
async fn a_stale_decision_form_says_so_first(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let call = create_call(&f, -1, 10).await;
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let sheet = rosa.create_sheet("Turismo comunitario en Sajama").await;
    let sent = rosa
        .post(
            &format!("/convocatorias/{call}/postular"),
            &[("experience", &sheet.to_string()), ("q2", "Sí")],
        )
        .await;
    assert!(sent.status.is_client_error() || sent.status.is_redirection());
    let (q1,): (i64,) = sqlx::query_as(
        "SELECT id FROM call_questions WHERE call_id = $1 AND required = 1 ORDER BY position",
    )
    .bind(call)
    .fetch_optional(&app.db().pool)
    .await
    .unwrap()
    .unwrap_or((0,));
    let q1 = format!("q{q1}");
    let sid: (i64,) = {
        rosa.post(
            &format!("/convocatorias/{call}/postular"),
            &[("experience", &sheet.to_string()), (&q1, "35")],
        )
        .await;
        sqlx::query_as("SELECT id FROM submissions")
            .fetch_one(&app.db().pool)
            .await
            .unwrap()
    };
    let path = format!("/convocatorias/{call}/postulaciones/{}/decision", sid.0);
    let ok = f.post(&path, &[("accion", "aprobar")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    // approving again from a stale form: the stale form is what to say
    let page = f
        .post_raw(&path, &[("csrf", "caducado"), ("accion", "aprobar")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains(STALE);
}

/// A revision note of any length was cut to 300 characters without a word.
async fn an_overlong_revision_note_is_refused_not_cut(app: TestApp) {
    app.register_confirmed("Carlos Ramírez").await;
    let id = app.create_sheet("Agua potable en Chuquisaca").await;
    let mut fields = crate::common::sheet_fields("Agua potable en Chuquisaca");
    let note = "n".repeat(400);
    fields.push(("note", &note));
    fields.push(("version", "1"));
    let page = app
        .post(&format!("/experiencias/{id}/editar"), &fields)
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Hasta 300 caracteres");
}

/// A tab and a line break typed into one-line fields were stored and shown as they came.
async fn single_line_fields_stay_on_one_line(app: TestApp) {
    app.register_confirmed("Elena Torres").await;
    let ok = app
        .post(
            "/cuenta",
            &[
                ("name", "Elena\tTorres"),
                ("country", "MX"),
                ("organisation", "Comisariado\r\nde Bienes\tComunales"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let (name, org): (String, String) =
        sqlx::query_as("SELECT name, organisation FROM users WHERE email LIKE 'elena%'")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(name, "Elena Torres");
    assert_eq!(org, "Comisariado de Bienes Comunales");
}

/// Rosa's sheet was matched with another of her own sheets, and the proposal link it
/// offered ended on "Es una experiencia de su propio equipo".
async fn a_sheet_is_never_matched_with_its_own_teams_sheets(app: TestApp) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let mine = rosa.published_sheet("Turismo comunitario en Sajama").await;
    let also_mine = rosa
        .published_sheet("Ferias de productores en Tarabuco")
        .await;
    let jorge = app.client();
    jorge.register_confirmed("Jorge Quispe").await;
    let theirs = jorge.published_sheet("Quinua orgánica en Salinas").await;
    let theme = ("theme", "desarrollo-productivo");
    for (who, sheet, direction) in [
        (&rosa, mine, "need"),
        (&rosa, also_mine, "offer"),
        (&jorge, theirs, "offer"),
    ] {
        let fields = [
            ("direction", direction),
            theme,
            ("body", "Comercialización asociativa"),
        ];
        let page = who
            .post(&format!("/experiencias/{sheet}/intercambio"), &fields)
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    let page = rosa.get(&format!("/experiencias/{mine}")).await;
    page.assert_contains(&format!("/experiencias/{theirs}/solicitar?desde={mine}"))
        .assert_lacks(&format!("/experiencias/{also_mine}/solicitar"));
    rosa.get("/cuenta")
        .await
        .assert_lacks(&format!("/experiencias/{also_mine}/solicitar"))
        .assert_lacks(&format!("/experiencias/{mine}/solicitar"));
}

/// A sheet by a new person with the themes `first`, then saved once with the themes `then`
/// (and nothing else changed); its id.
async fn themes_then(app: &TestApp, first: &[&'static str], then: &[&'static str]) -> i64 {
    app.register_confirmed("Carlos Ramírez").await;
    let mut fields = crate::common::sheet_fields("Agua potable en Chuquisaca");
    fields.retain(|(k, _)| *k != "themes");
    let with = |themes: &[&'static str]| {
        let mut all = fields.clone();
        all.extend(themes.iter().map(|t| ("themes", *t)).collect::<Vec<_>>());
        all
    };
    let id = app.create_sheet_with(&with(first)).await;
    let mut second = with(then);
    second.push(("version", "1"));
    let page = app
        .post(&format!("/experiencias/{id}/editar"), &second)
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    id
}

/// Themes sent in another order made a new version and a diff that showed a change.
async fn reordered_choices_are_no_change(app: TestApp) {
    let id = themes_then(&app, &["turismo", "genero"], &["genero", "turismo"]).await;
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM revisions WHERE experience_id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 1, "the same choices in another order are the same sheet");
}

/// Unknown filter values were shown as applied filters, one of them as a raw message key.
async fn unknown_filter_values_are_not_shown_as_filters(app: TestApp) {
    let page = app
        .get("/experiencias?estado=DRAFT&intercambio=x&aprendizajes=x")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_lacks("facet-intercambio")
        .assert_lacks("DRAFT<")
        .assert_lacks("Documenta sus aprendizajes</");
}

/// The history showed `turismo, <del>medio-ambiente</del><ins>genero</ins>`: codes, diffed
/// word by word.
async fn the_history_names_choices_instead_of_showing_codes(app: TestApp) {
    let id = themes_then(&app, &["turismo", "medio-ambiente"], &["turismo", "genero"]).await;
    let history = app
        .get(&format!("/experiencias/{id}/historial?de=1&a=2"))
        .await;
    history
        .assert_contains("<ins>Género</ins>")
        .assert_contains("<del>Medio ambiente y desarrollo sustentable</del>")
        .assert_lacks("medio-ambiente");
}
