//! Calls: create → submit → ask for changes → resubmit → approve → published and findable.

use crate::common::{TestApp, local};
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    whole_review_cycle_from_call_to_published_and_findable,
    closed_call_refuses_submission_and_keeps_the_form,
    only_facilitators_create_calls_and_review,
    reviewers_read_the_submitted_draft_and_only_approval_publishes,
);

/// Issue "Nothing breaks" item 4 and 14: the facilitator got 404 on the sheet under review,
/// the owner could publish around a review-first call, and approval published sheets that
/// lacked what publication requires.
async fn reviewers_read_the_submitted_draft_and_only_approval_publishes(app: TestApp) {
    let f = facilitator(&app).await;
    let call = create_call(&f, -1, 10).await;
    app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Turismo comunitario en Sajama").await;
    let (q1,): (i64,) =
        sqlx::query_as("SELECT id FROM call_questions WHERE call_id = $1 ORDER BY position")
            .bind(call)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let q2 = q1 + 1;
    let sent = app
        .post(
            &format!("/convocatorias/{call}/postular"),
            &[
                ("experience", &sheet.to_string()),
                (&format!("q{q1}"), "35"),
                (&format!("q{q2}"), "Sí"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    // the facilitator is told, in the app and by e-mail (issue 9 item 4)
    let (sid,): (i64,) = sqlx::query_as("SELECT id FROM submissions WHERE call_id = $1")
        .bind(call)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let review = format!("/convocatorias/{call}/postulaciones/{sid}");
    let notes = f.get("/notificaciones").await;
    notes.assert_contains("Rosa Mamani envió una ficha a revisión");
    let (marta,): (String,) =
        sqlx::query_as("SELECT email FROM users WHERE name = 'Marta Rodríguez'")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(app.last_link_to(&marta, "/convocatorias/").await, review);
    f.get("/notificaciones/preferencias")
        .await
        .assert_contains("Fichas enviadas a revisión en mis convocatorias");
    // the facilitator reads the draft and its history; outsiders still get 404
    let other = app.client();
    other.register_confirmed("Otra Persona").await;
    for path in [
        format!("/experiencias/{sheet}"),
        format!("/experiencias/{sheet}/historial"),
    ] {
        f.get(&path)
            .await
            .assert_contains("Turismo comunitario en Sajama");
        assert_eq!(app.client().get(&path).await.status, StatusCode::NOT_FOUND);
        assert_eq!(other.get(&path).await.status, StatusCode::NOT_FOUND);
    }
    // the owner cannot publish while the call reviews first (pressing twice changes nothing)
    for _ in 0..2 {
        let p = app
            .post(
                &format!("/experiencias/{sheet}/estado"),
                &[("accion", "publicar")],
            )
            .await;
        assert!(
            p.location().ends_with("?aviso=en-revision"),
            "{}",
            p.location()
        );
    }
    app.get(&format!("/experiencias/{sheet}?aviso=en-revision"))
        .await
        .assert_contains("espera la revisión");
    // nor can it be archived into public view (found in a hostile trial)
    let p = app
        .post(
            &format!("/experiencias/{sheet}/estado"),
            &[("accion", "archivar")],
        )
        .await;
    assert!(
        p.location().ends_with("?aviso=en-revision"),
        "{}",
        p.location()
    );
    assert_eq!(
        app.client()
            .get(&format!("/experiencias/{sheet}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // approval checks the publication rules: remove the summary, then try to approve
    let mut fields = crate::common::sheet_fields("Turismo comunitario en Sajama");
    fields.retain(|(k, _)| *k != "summary");
    fields.push(("version", "1"));
    assert_eq!(
        app.post(&format!("/experiencias/{sheet}/editar"), &fields)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let (sid,): (i64,) = sqlx::query_as("SELECT id FROM submissions WHERE call_id = $1")
        .bind(call)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let decision = format!("/convocatorias/{call}/postulaciones/{sid}/decision");
    let refused = f
        .post(&decision, &[("accion", "aprobar"), ("comentario", "")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("aún no tiene lo necesario para publicarse");
    assert_eq!(
        app.client()
            .get(&format!("/experiencias/{sheet}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn facilitator(app: &TestApp) -> TestApp {
    app.facilitator("Marta Rodríguez").await
}

pub async fn create_call(f: &TestApp, opens: i64, closes: i64) -> i64 {
    let (o, c) = (local(opens), local(closes));
    let page = f
        .post(
            "/convocatorias/nueva",
            &[
                ("title", "Convocatoria 2026: turismo comunitario"),
                (
                    "description",
                    "Buscamos experiencias de turismo comunitario.",
                ),
                ("instructions", "Complete **todas** las secciones."),
                ("kind", "periodic"),
                ("opens_at", &o),
                ("closes_at", &c),
                ("time_zone", "America/La_Paz"),
                ("review_policy", "review"),
                ("q_label", "¿Cuántas familias participan?"),
                ("q_kind", "short"),
                ("q_options", ""),
                ("q_required", "0"),
                ("q_label", "¿Tienen apoyo municipal?"),
                ("q_kind", "single"),
                ("q_options", "Sí\nNo"),
                ("q_label", ""),
                ("q_kind", "short"),
                ("q_options", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    page.location()
        .trim_start_matches("/convocatorias/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn whole_review_cycle_from_call_to_published_and_findable(app: TestApp) {
    let f = facilitator(&app).await;
    // bad input first: the form explains and keeps what was typed
    let bad = f
        .post(
            "/convocatorias/nueva",
            &[
                ("title", "Cor"),
                ("kind", "periodic"),
                ("opens_at", "mañana"),
                ("description", "Texto que no se pierde"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Escriba una fecha y hora válidas")
        .assert_contains("Texto que no se pierde");
    let call = create_call(&f, -1, 10).await;
    app.get("/convocatorias")
        .await
        .assert_contains("Convocatoria 2026: turismo comunitario")
        .assert_contains("Abierta");
    app.get("/").await.assert_contains("Convocatorias abiertas");

    let owner_email = app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Turismo comunitario en Sajama").await;
    let page = app.get(&format!("/convocatorias/{call}")).await;
    page.assert_contains("<strong>todas</strong>")
        .assert_contains("¿Cuántas familias participan?")
        .assert_contains("(America/La_Paz)");
    // a missing required answer: refused, the choices stay
    let missing = app
        .post(
            &format!("/convocatorias/{call}/postular"),
            &[("experience", &sheet.to_string()), ("q2", "Sí")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    missing
        .assert_contains("Falta responder")
        .assert_contains("value=\"Sí\" checked");
    let (q1, q2): (i64, i64) = {
        let rows: Vec<(i64,)> =
            sqlx::query_as("SELECT id FROM call_questions WHERE call_id = $1 ORDER BY position")
                .bind(call)
                .fetch_all(&app.db().pool)
                .await
                .unwrap();
        (rows[0].0, rows[1].0)
    };
    let sent = app
        .post(
            &format!("/convocatorias/{call}/postular"),
            &[
                ("experience", &sheet.to_string()),
                (&format!("q{q1}"), "35"),
                (&format!("q{q2}"), "Sí"),
            ],
        )
        .await;
    assert_eq!(
        sent.location(),
        format!("/convocatorias/{call}?aviso=enviada")
    );

    // the facilitator's queue, and a request for changes (a comment is required)
    let queue = f.get(&format!("/convocatorias/{call}/revision")).await;
    queue
        .assert_contains("Turismo comunitario en Sajama")
        .assert_contains("En revisión");
    let (sid,): (i64,) = sqlx::query_as("SELECT id FROM submissions WHERE call_id = $1")
        .bind(call)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let path = format!("/convocatorias/{call}/postulaciones/{sid}");
    f.get(&path)
        .await
        .assert_contains("35")
        .assert_contains("Sí");
    let no_comment = f
        .post(
            &format!("{path}/decision"),
            &[("accion", "cambios"), ("comentario", "  ")],
        )
        .await;
    assert_eq!(no_comment.status, StatusCode::UNPROCESSABLE_ENTITY);
    no_comment.assert_contains("Escriba qué cambios pide");
    // found in a hostile trial: control characters made a "comment"
    let junk = f
        .post(
            &format!("{path}/decision"),
            &[("accion", "cambios"), ("comentario", " \u{0}\u{1} ")],
        )
        .await;
    assert_eq!(junk.status, StatusCode::UNPROCESSABLE_ENTITY);
    junk.assert_contains("Escriba qué cambios pide");
    f.post(
        &format!("{path}/decision"),
        &[
            ("accion", "cambios"),
            ("comentario", "Cuenten qué aprendieron con las familias."),
        ],
    )
    .await;
    // ...and the same request sent again was recorded (and e-mailed) every time
    let again = f
        .post(
            &format!("{path}/decision"),
            &[("accion", "cambios"), ("comentario", "Otra vez lo mismo.")],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    again.assert_contains("Ya se pidieron cambios");
    let link = app
        .last_link_to(
            &owner_email,
            &format!("/convocatorias/{call}/postulaciones/"),
        )
        .await;
    assert_eq!(link, path);
    app.get("/cuenta/fichas")
        .await
        .assert_contains("Mis postulaciones")
        .assert_contains("<strong>Cambios pedidos</strong>");
    let mine = app.get(&path).await;
    mine.assert_contains("Cambios pedidos")
        .assert_contains("Cuenten qué aprendieron")
        .assert_contains("Marta Rodríguez");
    // the sheet can still be edited, then resubmitted
    let mut fields = crate::common::sheet_fields("Turismo comunitario en Sajama");
    fields.push(("version", "1"));
    fields.push(("results", "Las familias duplicaron sus ingresos."));
    assert_eq!(
        app.post(&format!("/experiencias/{sheet}/editar"), &fields)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.post(&format!("{path}/reenviar"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    f.get(&format!("/convocatorias/{call}/revision"))
        .await
        .assert_contains("En revisión");
    // the facilitator was told of the arrival and of the return
    let notes = f.get("/notificaciones").await;
    assert_eq!(
        notes.body.matches("envió una ficha a revisión").count(),
        2,
        "{}",
        notes.body
    );
    // approval publishes, tells the owner, and the catalogue can filter by call
    f.post(
        &format!("{path}/decision"),
        &[("accion", "aprobar"), ("comentario", "")],
    )
    .await;
    app.last_link_to(
        &owner_email,
        &format!("/convocatorias/{call}/postulaciones/"),
    )
    .await;
    app.sync_search().await;
    app.client()
        .get(&format!("/experiencias?convocatoria={call}"))
        .await
        .assert_contains("Turismo comunitario en Sajama")
        .assert_contains("Una experiencia publicada");
    let history = app.get(&path).await;
    history
        .assert_contains("Postulada")
        .assert_contains("Enviada de nuevo")
        .assert_contains("Aprobada");
    // an operator exports this call's sheets only
    app.create_sheet("Otra ficha sin postular").await;
    let out = tempfile::tempdir().unwrap();
    let (ok, report) = app.cli(&[
        "export",
        "--convocatoria",
        &call.to_string(),
        "--out",
        &out.path().display().to_string(),
    ]);
    assert!(ok && report.contains("1 sheets"), "{report}");
    let (ok, _) = app.cli(&[
        "export",
        "--convocatoria",
        "999",
        "--out",
        &out.path().display().to_string(),
    ]);
    assert!(!ok);
    let decisions: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM review_decisions WHERE submission_id = $1")
            .bind(sid)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(decisions.0, 4);
}

async fn closed_call_refuses_submission_and_keeps_the_form(app: TestApp) {
    let f = facilitator(&app).await;
    let call = create_call(&f, -10, -1).await;
    app.register_confirmed("Jorge Quispe").await;
    let sheet = app.create_sheet("Quinua orgánica en Salinas").await;
    app.get(&format!("/convocatorias/{call}"))
        .await
        .assert_contains("ya cerró");
    let (q1,): (i64,) =
        sqlx::query_as("SELECT id FROM call_questions WHERE call_id = $1 ORDER BY position")
            .bind(call)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let page = app
        .post(
            &format!("/convocatorias/{call}/postular"),
            &[
                ("experience", &sheet.to_string()),
                (&format!("q{q1}"), "Cuarenta familias"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("ya cerró y no recibe postulaciones")
        .assert_contains("Cuarenta familias");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM submissions")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
    // a call limited to mining refuses a sheet about something else, and keeps the answers
    let o = local(-1);
    let c = local(5);
    let page = f
        .post(
            "/convocatorias/nueva",
            &[
                ("title", "Minería y territorio"),
                ("kind", "periodic"),
                ("opens_at", &o),
                ("closes_at", &c),
                ("time_zone", "America/La_Paz"),
                ("review_policy", "review"),
                ("eligible_themes", "mineria"),
            ],
        )
        .await;
    let mining: i64 = page
        .location()
        .trim_start_matches("/convocatorias/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    app.get(&format!("/convocatorias/{mining}"))
        .await
        .assert_contains("Minería");
    let refused = app
        .post(
            &format!("/convocatorias/{mining}/postular"),
            &[("experience", &sheet.to_string())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("no trata ninguno de los temas");
    let upcoming = create_call(&f, 2, 10).await;
    app.get(&format!("/convocatorias/{upcoming}"))
        .await
        .assert_contains("Próximamente");
}

async fn only_facilitators_create_calls_and_review(app: TestApp) {
    let f = facilitator(&app).await;
    let call = create_call(&f, -1, 10).await;
    let p = app.client();
    p.register("Ana Souza").await;
    assert_eq!(
        p.get("/convocatorias/nueva").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        p.post(
            "/convocatorias/nueva",
            &[("title", "Mi propia convocatoria")]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        p.get(&format!("/convocatorias/{call}/revision"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let anon = app.client();
    assert_eq!(
        anon.get("/convocatorias/nueva").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        anon.post(
            &format!("/convocatorias/{call}/postular"),
            &[("experience", "1")]
        )
        .await
        .status,
        // the sign-in page, holding the form to send after signing in
        StatusCode::UNAUTHORIZED
    );
    // a participant cannot submit someone else's sheet
    app.register("Rosa Mamani").await;
    let rosa_sheet = app.create_sheet("Ficha de Rosa").await;
    let (q1,): (i64,) =
        sqlx::query_as("SELECT id FROM call_questions WHERE call_id = $1 ORDER BY position")
            .bind(call)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let page = p
        .post(
            &format!("/convocatorias/{call}/postular"),
            &[
                ("experience", &rosa_sheet.to_string()),
                (&format!("q{q1}"), "10"),
            ],
        )
        .await;
    // someone else's sheet is answered like one that does not exist; the answers stay
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Elija la ficha que postula");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM submissions WHERE experience_id = $1")
        .bind(rosa_sheet)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
}
