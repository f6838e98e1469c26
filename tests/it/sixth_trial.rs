//! Defects the sixth hostile trial (the release binary, every role, two tabs at once) found
//! from outside: each a test first, then the fix.

use crate::common::{TestApp, sheet_fields};
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    a_position_revised_from_an_old_space_page_does_not_undo_a_newer_edit,
    a_restore_from_an_old_history_page_does_not_undo_a_newer_save,
    site_settings_saved_from_an_old_form_are_refused_with_the_text_kept,
    forum_bylines_show_an_organisation_only_if_its_person_chose_to,
    what_a_signed_in_person_sees_is_not_kept_by_the_browser,
    an_admin_is_offered_no_form_for_themselves_and_repeats_are_not_logged,
    a_team_is_not_offered_an_exchange_with_its_own_sheets,
    a_renamed_sheet_is_found_at_its_new_address,
    applying_again_says_so_and_never_undoes_a_decision,
    a_page_number_too_large_to_hold_goes_to_the_last_page,
);

/// The value of the hidden field `name` in a page's first form that has one.
fn hidden(body: &str, name: &str) -> String {
    let at = body
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no hidden {name}"));
    let rest = &body[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// A debate position revised on the space page (tab A, opened first) silently replaced the
/// text saved meanwhile from the edit page (tab B): it only survived in the history.
async fn a_position_revised_from_an_old_space_page_does_not_undo_a_newer_edit(app: TestApp) {
    let (_, forum, space) = app
        .forum_with_space(
            "debate",
            &[("question", "¿Debe el plan partir del barrio?")],
        )
        .await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let topic = rosa
        .post_topic(
            space,
            &[("body", "Primera posición de Rosa."), ("stance", "favor")],
        )
        .await;
    // tab A: the space page offers to revise her position
    let tab_a = rosa.get(&format!("/foros/espacios/{space}")).await;
    let revision = hidden(&tab_a.body, "revision");
    // tab B: the edit page saves a newer text
    let saved = rosa
        .post(
            &format!("/foros/mensajes/{topic}/editar"),
            &[
                ("body", "Texto corregido en la otra pestaña."),
                ("stance", "favor"),
                ("revision", "0"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // tab A sends its revision: refused, with what was typed there kept
    let late = rosa
        .post(
            &format!("/foros/espacios/{space}"),
            &[
                ("body", "Texto de la pestaña vieja."),
                ("stance", "contra"),
                ("revision", &revision),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    late.assert_contains("Alguien guardó cambios")
        .assert_contains("Texto de la pestaña vieja.");
    // a page opened before her first position (no revision at all) is as stale
    let first_form = rosa
        .post(
            &format!("/foros/espacios/{space}"),
            &[("body", "Otra pestaña más vieja."), ("stance", "matices")],
        )
        .await;
    assert_eq!(first_form.status, StatusCode::CONFLICT);
    app.get(&format!("/foros/temas/{topic}"))
        .await
        .assert_contains("Texto corregido en la otra pestaña.")
        .assert_lacks("pestaña vieja");
    // the current page revises it
    let tab = rosa.get(&format!("/foros/espacios/{space}")).await;
    let now = rosa
        .post(
            &format!("/foros/espacios/{space}"),
            &[
                ("body", "Posición revisada con todo a la vista."),
                ("stance", "matices"),
                ("revision", &hidden(&tab.body, "revision")),
            ],
        )
        .await;
    assert_eq!(now.status, StatusCode::SEE_OTHER, "{}", now.body);
    app.get(&format!("/foros/temas/{topic}"))
        .await
        .assert_contains("Posición revisada con todo a la vista.");
}

/// "Restore" on a history page opened before a co-editor's save put the old version back
/// over that save, and a double click made two versions.
async fn a_restore_from_an_old_history_page_does_not_undo_a_newer_save(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Turismo en Sajama").await;
    let edit = |title: &'static str, version: &'static str| {
        let mut fields = sheet_fields(title);
        fields.push(("version", version));
        fields
    };
    let url = format!("/experiencias/{sheet}/editar");
    let p = app
        .post(&url, &edit("Turismo comunitario en Sajama", "1"))
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    // the history page, opened at version 2, offers version 1 back
    let history = app.get(&format!("/experiencias/{sheet}/historial")).await;
    let version = hidden(&history.body, "version");
    assert_eq!(version, "2");
    // meanwhile a newer save
    let p = app
        .post(&url, &edit("Turismo y tejidos en Sajama", "2"))
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let restore = format!("/experiencias/{sheet}/historial/1/restaurar");
    let late = app.post(&restore, &[("version", &version)]).await;
    assert_eq!(late.status, StatusCode::SEE_OTHER);
    let back = app.get(&late.location()).await;
    back.assert_contains("La ficha cambió después de abrir esta página");
    app.get(&format!("/experiencias/{sheet}"))
        .await
        .assert_contains("Turismo y tejidos en Sajama");
    // from the current page it restores, once, however many times it is sent
    for _ in 0..2 {
        let p = app.post(&restore, &[("version", "3")]).await;
        assert_eq!(p.status, StatusCode::SEE_OTHER);
    }
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM revisions WHERE experience_id = $1")
        .bind(sheet)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(n, 4);
    app.get(&format!("/experiencias/{sheet}"))
        .await
        .assert_contains("Turismo en Sajama");
}

/// Two admins' tabs on /admin/ajustes: the later save from the older form emptied the
/// contact address the other had just set.
async fn site_settings_saved_from_an_old_form_are_refused_with_the_text_kept(app: TestApp) {
    let boss = app.admin("Administradora General").await;
    let form = boss.get("/admin/ajustes").await;
    let revision = hidden(&form.body, "revision");
    let b = boss
        .post(
            "/admin/ajustes",
            &[
                ("name", "Ayni"),
                ("contact", "contacto-b@example.org"),
                ("revision", &revision),
            ],
        )
        .await;
    assert_eq!(b.status, StatusCode::SEE_OTHER, "{}", b.body);
    let a = boss
        .post(
            "/admin/ajustes",
            &[("name", "Ayni de la pestaña A"), ("revision", &revision)],
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    a.assert_contains("Alguien guardó cambios")
        .assert_contains("Ayni de la pestaña A");
    let now = boss.get("/admin/ajustes").await;
    now.assert_contains("contacto-b@example.org");
    let ok = boss
        .post(
            "/admin/ajustes",
            &[
                ("name", "Ayni de la pestaña A"),
                ("contact", "contacto-b@example.org"),
                ("revision", &hidden(&now.body, "revision")),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
}

/// Carlos chose not to show his organisation; forum posts showed it under his name anyway.
async fn forum_bylines_show_an_organisation_only_if_its_person_chose_to(app: TestApp) {
    let (_, forum, space) = app.forum_with_space("contribution", &[]).await;
    let (carlos, _) = app.member("Carlos Ramírez", forum).await;
    let p = carlos
        .post(
            "/cuenta",
            &[
                ("name", "Carlos Ramírez"),
                ("country", "CO"),
                ("organisation", "Asociación de Cafeteros del Huila"),
                ("lang", "es"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let topic = carlos
        .post_topic(
            space,
            &[
                ("title", "Café de origen"),
                ("body", "Así vendemos juntos."),
            ],
        )
        .await;
    let anon = app.client();
    for page in [
        format!("/foros/espacios/{space}"),
        format!("/foros/temas/{topic}"),
    ] {
        anon.get(&page)
            .await
            .assert_contains("Carlos Ramírez")
            .assert_lacks("Cafeteros del Huila");
    }
    let p = carlos
        .post("/cuenta/perfil", &[("show_organisation", "1")])
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    anon.get(&format!("/foros/temas/{topic}"))
        .await
        .assert_contains("Cafeteros del Huila");
}

/// Private pages were sent `no-cache` (kept on disk, shown again by Back on a shared
/// computer after signing out) and private attachments were cached for an hour.
async fn what_a_signed_in_person_sees_is_not_kept_by_the_browser(app: TestApp) {
    let cache = |p: &crate::common::Page| {
        p.headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let anon = app.client();
    assert_eq!(cache(&anon.get("/experiencias").await), "no-cache");
    app.register_confirmed("Rosa Mamani").await;
    for page in ["/cuenta", "/mensajes", "/notificaciones", "/experiencias"] {
        let p = app.get(page).await;
        assert_eq!(p.status, StatusCode::OK, "{page}");
        assert_eq!(cache(&p), "private, no-store", "{page}");
    }
    let sheet = app.create_sheet("Turismo en Sajama").await;
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    let up = app
        .upload(&format!("/experiencias/{sheet}/adjuntos"), "plan.pdf", pdf)
        .await;
    assert!(up.status.is_redirection(), "{}", up.body);
    let (attachment, name): (i64, String) =
        sqlx::query_as("SELECT id, file_name FROM attachments WHERE experience_id = $1")
            .bind(sheet)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let link = format!("/experiencias/{sheet}/adjuntos/{attachment}/{name}");
    let file = app.get(&link).await;
    assert_eq!(file.status, StatusCode::OK, "{link}");
    assert_eq!(cache(&file), "private, no-store");
}

/// The admin's own page offered role and suspension forms that always failed, and
/// reactivating an active account or retiring a retired term logged it again.
async fn an_admin_is_offered_no_form_for_themselves_and_repeats_are_not_logged(app: TestApp) {
    let boss = app.admin("Administradora General").await;
    let me = app.user_id("administradora.general@example.org").await;
    let own = boss.get(&format!("/admin/personas/{me}")).await;
    assert_eq!(own.status, StatusCode::OK);
    own.assert_lacks(&format!("/admin/personas/{me}/rol"))
        .assert_lacks(&format!("/admin/personas/{me}/suspender"));
    let elena = app.client();
    let email = elena.register_confirmed("Elena Torres").await;
    let id = app.user_id(&email).await;
    boss.get(&format!("/admin/personas/{id}"))
        .await
        .assert_contains(&format!("/admin/personas/{id}/rol"));
    for _ in 0..2 {
        let p = boss
            .post(&format!("/admin/personas/{id}/reactivar"), &[])
            .await;
        assert_eq!(p.status, StatusCode::SEE_OTHER);
    }
    let term: (i64,) =
        sqlx::query_as("SELECT id FROM terms WHERE vocabulary = 'theme' AND code = 'turismo'")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    for _ in 0..2 {
        let p = boss
            .post(
                &format!("/admin/taxonomias/{}/retirar", term.0),
                &[("accion", "retirar")],
            )
            .await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    }
    let log = boss.get("/admin/registro").await;
    log.assert_lacks("Reactivación");
    assert_eq!(log.body.matches("retire turismo").count(), 1);
}

/// On her own sheet, Rosa was offered "propose an exchange" with another of her own sheets,
/// which then refused ("Es una experiencia de su propio equipo").
async fn a_team_is_not_offered_an_exchange_with_its_own_sheets(app: TestApp) {
    // sheets whose lessons answer each other's problems: each is offered to learn from
    let publish = async |team: &TestApp, title: &'static str| {
        let mut fields = sheet_fields(title);
        fields.retain(|(k, _)| *k != "lessons");
        fields.push((
            "lessons",
            "Los intermediarios pagaban precios muy bajos: vender juntos lo cambió.",
        ));
        let id = team.create_sheet_with(&fields).await;
        let p = team
            .post(
                &format!("/experiencias/{id}/estado"),
                &[("accion", "publicar")],
            )
            .await;
        assert!(p.status.is_redirection(), "{}", p.body);
        id
    };
    app.register_confirmed("Rosa Mamani").await;
    let a = publish(&app, "Ferias de semillas en Tarabuco").await;
    let b = publish(&app, "Ferias de semillas en Sucre").await;
    let jorge = app.client();
    jorge.register_confirmed("Jorge Quispe").await;
    let c = publish(&jorge, "Ferias de semillas en Potosí").await;
    app.sync_search().await;
    let page = app.get(&format!("/experiencias/{a}")).await;
    page.assert_contains(&format!("/experiencias/{c}/solicitar"))
        .assert_lacks(&format!("/experiencias/{b}/solicitar"));
}

/// After renaming a sheet, the save sent its editor to the old title's address, and the
/// old address answered as if it were current.
async fn a_renamed_sheet_is_found_at_its_new_address(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    let sheet = app.create_sheet("Primer título de prueba").await;
    let mut fields = sheet_fields("Segundo título distinto");
    fields.push(("version", "1"));
    let p = app
        .post(&format!("/experiencias/{sheet}/editar"), &fields)
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let new_url = format!("/experiencias/{sheet}-segundo-titulo-distinto");
    assert!(p.location().starts_with(&new_url), "{}", p.location());
    let old = app
        .get(&format!(
            "/experiencias/{sheet}-primer-titulo-de-prueba?aviso=x"
        ))
        .await;
    assert_eq!(old.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(old.location(), format!("{new_url}?aviso=x"));
}

/// Applying again with the same sheet from a fresh form said "sent" and silently replaced
/// the answers; after a decision, it even put the application back to "waiting".
async fn applying_again_says_so_and_never_undoes_a_decision(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let call = crate::calls::create_call(&f, -1, 10).await;
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let sheet = rosa
        .create_sheet("Turismo comunitario en Sajama")
        .await
        .to_string();
    let q = app.question_fields(call).await;
    let path = format!("/convocatorias/{call}/postular");
    let apply = |answer: &'static str| {
        vec![
            ("experience".to_string(), sheet.clone()),
            (q[0].clone(), answer.to_string()),
            (q[1].clone(), "Sí".to_string()),
        ]
    };
    let send = async |fields: Vec<(String, String)>| {
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        rosa.post(&path, &fields).await
    };
    let first = send(apply("35 familias")).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    rosa.get(&first.location())
        .await
        .assert_contains("Su postulación se envió");
    let again = send(apply("42 familias")).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    rosa.get(&again.location())
        .await
        .assert_contains("ya estaba enviada: ahora tiene estas respuestas");
    let (sid,): (i64,) = sqlx::query_as("SELECT id FROM submissions")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    // asked for changes, sent again from the call's page: it is sent (seventh trial: it
    // said "already sent, it now has these answers")
    let decision = format!("/convocatorias/{call}/postulaciones/{sid}/decision");
    let asked = f
        .post(
            &decision,
            &[
                ("accion", "cambios"),
                ("comentario", "Falta el presupuesto."),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let resent = send(apply("45 familias")).await;
    assert_eq!(resent.status, StatusCode::SEE_OTHER, "{}", resent.body);
    rosa.get(&resent.location())
        .await
        .assert_contains("Su postulación se envió");
    let ok = f.post(&decision, &[("accion", "aprobar")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    // after the decision, applying again is refused with the answers kept
    let late = send(apply("50 familias")).await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    late.assert_contains("ya tiene una decisión en esta convocatoria")
        .assert_contains("50 familias");
    let (state,): (String,) = sqlx::query_as("SELECT state FROM submissions")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(state, "approved");
}

/// `?pagina=999999999` went to the last page, a longer number to the first.
async fn a_page_number_too_large_to_hold_goes_to_the_last_page(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    for n in 0..3 {
        app.published_sheet(["Ferias en Tarabuco", "Ferias en Sucre", "Ferias en Potosí"][n])
            .await;
    }
    app.sync_search().await;
    let anon = app.client();
    let large = anon.get("/experiencias?pagina=999999999").await;
    let huge = anon
        .get("/experiencias?pagina=99999999999999999999999")
        .await;
    assert_eq!(large.status, huge.status);
    assert_eq!(large.headers.get("location"), huge.headers.get("location"));
}
