//! A call's creator (or an admin) edits it and closes it; the decisions stay.

use crate::common::{TestApp, local};
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(a_call_is_edited_and_closed_by_who_created_it);

async fn a_call_is_edited_and_closed_by_who_created_it(app: TestApp) {
    let marta = app.facilitator("Marta Rodríguez").await;
    let call = crate::calls::create_call(&marta, -1, 10).await;
    let edit = format!("/convocatorias/{call}/editar");
    // the form comes back filled, its questions kept aside
    let page = marta.get(&edit).await;
    page.assert_contains("Convocatoria 2026: turismo comunitario")
        .assert_contains("Las preguntas quedan como están");
    // others may not touch it
    let pablo = app.facilitator("Pablo Vargas").await;
    assert_eq!(pablo.get(&edit).await.status, StatusCode::FORBIDDEN);
    let participant = app.client();
    participant.register_confirmed("Rosa Mamani").await;
    assert_eq!(
        participant
            .post(&format!("/convocatorias/{call}/cerrar"), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // bad dates are said and the text is kept
    let (o, c) = (local(5), local(1));
    let page = marta
        .post(
            &edit,
            &[
                ("title", "Convocatoria 2026: turismo comunitario"),
                ("description", "Texto corregido que no se pierde"),
                ("kind", "periodic"),
                ("opens_at", &o),
                ("closes_at", &c),
                ("time_zone", "America/La_Paz"),
                ("review_policy", "review"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Texto corregido que no se pierde");
    // unknown kinds, zones and policies are said, not replaced silently
    let page = marta
        .post(
            &edit,
            &[
                ("title", "Convocatoria 2026: turismo comunitario"),
                ("description", "Sin perder el texto"),
                ("kind", "weird"),
                ("time_zone", "Mars/Olympus"),
                ("review_policy", "whatever"),
            ],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.location()
    );
    page.assert_contains("Elija una de las opciones")
        .assert_contains("Sin perder el texto");
    // new dates are saved; the questions are still there
    let (o, c) = (local(-2), local(30));
    // the edit form as filled from revision 0
    let fields = |title: &'static str, description: &'static str| {
        [
            ("title", title),
            ("description", description),
            ("kind", "periodic"),
            ("opens_at", o.as_str()),
            ("closes_at", c.as_str()),
            ("time_zone", "America/La_Paz"),
            ("review_policy", "review"),
            ("revision", "0"),
        ]
    };
    let page = marta
        .post(
            &edit,
            &fields(
                "Convocatoria 2026: turismo comunitario (ampliada)",
                "Ampliamos el plazo.",
            ),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    // an administrator's form opened before that save would undo it: refused, text kept
    // (fifth trial: both saves answered "editada" and the first was lost)
    let stale = marta
        .post(
            &edit,
            &fields(
                "Convocatoria 2026: turismo comunitario",
                "Descripción escrita en la otra pestaña.",
            ),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    stale
        .assert_contains("Alguien guardó cambios")
        .assert_contains("Descripción escrita en la otra pestaña.");
    marta
        .get(&format!("/convocatorias/{call}"))
        .await
        .assert_contains("(ampliada)");
    let (questions,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM call_questions WHERE call_id = $1")
            .bind(call)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(questions, 2);
    // closing: the call stops taking submissions
    let page = marta
        .post(&format!("/convocatorias/{call}/cerrar"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.client()
        .get(&format!("/convocatorias/{call}"))
        .await
        .assert_contains("Cerrada");
    // the log records both
    let admin = app.admin("Administradora").await;
    // taking Marta's facilitator role away takes the call's management with it
    let marta_id = app.user_id("marta.rodriguez@example.org").await;
    let page = admin
        .post(
            &format!("/admin/personas/{marta_id}/rol"),
            &[("role", "participant")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(marta.get(&edit).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        marta
            .get(&format!("/convocatorias/{call}/revision"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    admin
        .get("/admin/registro?accion=call")
        .await
        .assert_contains("(ampliada)")
        .assert_contains("closed");
}
