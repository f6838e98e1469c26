//! Authorization: every write route refuses those without the right, on the server.

use crate::common::{TestApp, sheet_fields};
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    participant_cannot_edit_or_see_anothers_draft,
    participant_cannot_change_anothers_published_sheet,
    anonymous_visitor_cannot_write_anything,
    administrator_can_edit_any_sheet,
);

async fn participant_cannot_edit_or_see_anothers_draft(app: TestApp) {
    app.register("Rosa Mamani").await;
    let id = app.create_sheet("Borrador privado de Rosa").await;
    let other = app.client();
    other.register("Jorge Quispe").await;
    for path in [
        format!("/experiencias/{id}"),
        format!("/experiencias/{id}/historial"),
    ] {
        assert_eq!(
            other.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
        assert_eq!(
            app.client().get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path} anonymous"
        );
    }
    // its edit page does not reveal that the draft exists either
    assert_eq!(
        other
            .get(&format!("/experiencias/{id}/editar"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    other
        .get("/experiencias")
        .await
        .assert_lacks("Borrador privado de Rosa");
    other
        .get("/cuenta/fichas")
        .await
        .assert_lacks("Borrador privado de Rosa");
}

async fn participant_cannot_change_anothers_published_sheet(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    let id = app.create_sheet("Ficha publicada de Rosa").await;
    app.post(
        &format!("/experiencias/{id}/estado"),
        &[("accion", "publicar")],
    )
    .await;
    let other = app.client();
    other.register("Jorge Quispe").await;
    let mut fields = sheet_fields("Ficha cambiada por Jorge");
    fields.push(("version", "1"));
    let attempts = [
        other
            .post(&format!("/experiencias/{id}/editar"), &fields)
            .await,
        other
            .post(
                &format!("/experiencias/{id}/estado"),
                &[("accion", "archivar")],
            )
            .await,
        other
            .post(&format!("/experiencias/{id}/historial/1/restaurar"), &[])
            .await,
        other
            .post(
                &format!("/experiencias/{id}/coeditores"),
                &[("email", "jorge.quispe@example.org")],
            )
            .await,
        other
            .upload(
                &format!("/experiencias/{id}/adjuntos"),
                "x.pdf",
                b"%PDF-1.4\n",
            )
            .await,
    ];
    for page in attempts {
        assert_eq!(page.status, StatusCode::FORBIDDEN);
    }
    app.client()
        .get(&format!("/experiencias/{id}"))
        .await
        .assert_contains("Ficha publicada de Rosa");
    let (revs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM revisions")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(revs, 1);
}

async fn anonymous_visitor_cannot_write_anything(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    let id = app.create_sheet("Ficha de Rosa").await;
    app.post(
        &format!("/experiencias/{id}/estado"),
        &[("accion", "publicar")],
    )
    .await;
    let anon = app.client();
    let mut fields = sheet_fields("Escrita por nadie");
    fields.push(("version", "1"));
    let writes = [
        anon.post("/experiencias/nueva", &fields).await,
        anon.post(&format!("/experiencias/{id}/editar"), &fields)
            .await,
        anon.post(
            &format!("/experiencias/{id}/estado"),
            &[("accion", "archivar")],
        )
        .await,
        anon.post(&format!("/experiencias/{id}/historial/1/restaurar"), &[])
            .await,
        anon.post(
            &format!("/experiencias/{id}/coeditores"),
            &[("email", "x@example.org")],
        )
        .await,
        anon.upload(
            &format!("/experiencias/{id}/adjuntos"),
            "x.pdf",
            b"%PDF-1.4\n",
        )
        .await,
        anon.post("/cuenta", &[("name", "Nadie")]).await,
        anon.post("/invitaciones/abc", &[]).await,
    ];
    // sent to sign in: a form's text waits in the sign-in page (401); a file upload is
    // redirected there
    for page in writes {
        let redirected = page.status == StatusCode::SEE_OTHER
            && page.location().starts_with("/cuenta/entrar?volver=");
        let kept = page.status == StatusCode::UNAUTHORIZED
            && page.body.contains("action=\"/cuenta/entrar\"");
        assert!(redirected || kept, "{} {}", page.status, page.location());
    }
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM experiences")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let (revs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM revisions")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!((count, revs), (1, 1));
    // forms without a CSRF token are refused even for signed-in people
    let logout = app.post_raw("/cuenta/salir", &[]).await;
    assert_eq!(logout.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn administrator_can_edit_any_sheet(app: TestApp) {
    app.register("Rosa Mamani").await;
    let id = app.create_sheet("Borrador de Rosa").await;
    app.operator().await;
    let admin = app.client();
    admin
        .post(
            "/cuenta/entrar",
            &[
                ("email", "admin@example.org"),
                ("password", "clave de administración"),
            ],
        )
        .await;
    admin
        .get(&format!("/experiencias/{id}"))
        .await
        .assert_contains("Borrador de Rosa");
    assert_eq!(
        admin
            .get(&format!("/experiencias/{id}/editar"))
            .await
            .status,
        StatusCode::OK
    );
}
