use crate::common::{TestApp, sheet_fields};
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    owner_creates_edits_and_reads_the_history_with_a_diff,
    new_sheet_with_bad_input_keeps_the_text,
    bad_edit_keeps_the_text_and_loses_nothing_saved,
    concurrent_edit_never_overwrites_another_editors_revision,
    owner_can_restore_an_old_revision,
    publishing_needs_a_confirmed_email_and_the_required_sections,
    published_sheets_are_listed_and_readable_by_anyone,
    coeditor_invited_by_email_can_edit_but_not_manage,
    attachments_are_checked_by_content_and_served_safely,
    markdown_is_rendered_and_sanitized,
);

async fn owner_creates_edits_and_reads_the_history_with_a_diff(app: TestApp) {
    app.register("Rosa Mamani").await;
    let id = app.create_sheet("Turismo comunitario en Sajama").await;
    app.get(&format!("/experiencias/{id}"))
        .await
        .assert_contains("Turismo comunitario en Sajama")
        .assert_contains("Borrador");

    let edit = app.get(&format!("/experiencias/{id}/editar")).await;
    edit.assert_contains("value=\"1\"")
        .assert_contains("La confianza importa más que la infraestructura.");
    let mut fields = sheet_fields("Turismo comunitario en Sajama");
    fields.retain(|(k, _)| *k != "lessons");
    fields.push(("lessons", "La confianza importa más que el dinero."));
    fields.push(("version", "1"));
    fields.push(("note", "Mejoramos los aprendizajes"));
    let saved = app
        .post(&format!("/experiencias/{id}/editar"), &fields)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(saved.location().contains("aviso=guardada"));

    let history = app.get(&format!("/experiencias/{id}/historial")).await;
    history
        .assert_contains("Versión 2")
        .assert_contains("Mejoramos los aprendizajes")
        .assert_contains("Rosa Mamani")
        .assert_contains("<del>infraestructura.</del>")
        .assert_contains("<ins>dinero.</ins>");
    let compare = app
        .get(&format!("/experiencias/{id}/historial?de=2&a=2"))
        .await;
    compare.assert_contains("No hay diferencias");
}

async fn new_sheet_with_bad_input_keeps_the_text(app: TestApp) {
    app.register("Jorge Quispe").await;
    let long_text = "Aprendimos a negociar en bloque con los compradores de Juliaca.";
    let page = app
        .post(
            "/experiencias/nueva",
            &[
                ("title", ""),
                ("country", "ZZ"),
                ("latitude", "abc"),
                ("year_start", "2015"),
                ("year_end", "2010"),
                ("lessons", long_text),
                ("links", "no es un enlace"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Escriba un título")
        .assert_contains("Elija un país de la lista.")
        .assert_contains("Escriba la latitud")
        .assert_contains("no puede ser anterior")
        .assert_contains("http:// o https://")
        .assert_contains(long_text)
        .assert_contains("aria-invalid=\"true\"");
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM experiences")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

async fn bad_edit_keeps_the_text_and_loses_nothing_saved(app: TestApp) {
    app.register("Lucía Fernández").await;
    let id = app.create_sheet("Ferias agroecológicas de Tarija").await;
    let page = app
        .post(
            &format!("/experiencias/{id}/editar"),
            &[
                ("title", ""),
                ("country", "BO"),
                ("version", "1"),
                ("results", "Un texto nuevo que no se debe perder"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Un texto nuevo que no se debe perder")
        .assert_contains("Escriba un título");
    app.get(&format!("/experiencias/{id}"))
        .await
        .assert_contains("Ferias agroecológicas de Tarija");
    let (revs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM revisions WHERE experience_id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(revs, 1);
}

async fn concurrent_edit_never_overwrites_another_editors_revision(app: TestApp) {
    app.register("Ana Souza").await;
    let id = app.create_sheet("Consórcio intermunicipal do Vale").await;
    let path = format!("/experiencias/{id}/editar");
    // two tabs load version 1; the first saves
    let mut first = sheet_fields("Consórcio intermunicipal do Vale");
    first.push(("results", "Resultados da primeira aba"));
    first.push(("version", "1"));
    assert_eq!(app.post(&path, &first).await.status, StatusCode::SEE_OTHER);
    // the second, still on version 1, must not overwrite
    let mut second = sheet_fields("Consórcio intermunicipal do Vale");
    second.push(("results", "Texto da segunda aba"));
    second.push(("version", "1"));
    let clash = app.post(&path, &second).await;
    assert_eq!(clash.status, StatusCode::CONFLICT);
    clash
        .assert_contains("Texto da segunda aba")
        .assert_contains("Resultados y beneficios")
        .assert_contains("value=\"2\"");
    app.get(&format!("/experiencias/{id}"))
        .await
        .assert_contains("Resultados da primeira aba")
        .assert_lacks("Texto da segunda aba");
    // saving again from the conflict page (now based on version 2) is a deliberate choice
    let mut again = sheet_fields("Consórcio intermunicipal do Vale");
    again.push(("results", "Texto da segunda aba"));
    again.push(("version", "2"));
    assert_eq!(app.post(&path, &again).await.status, StatusCode::SEE_OTHER);
    app.get(&format!("/experiencias/{id}/historial?de=2&a=3"))
        .await
        .assert_contains("<ins>");
}

async fn owner_can_restore_an_old_revision(app: TestApp) {
    app.register("Carlos Ramírez").await;
    let id = app.create_sheet("Movilidad urbana en Bogotá").await;
    let mut fields = sheet_fields("Movilidad urbana en Medellín");
    fields.push(("version", "1"));
    app.post(&format!("/experiencias/{id}/editar"), &fields)
        .await;
    app.get(&format!("/experiencias/{id}"))
        .await
        .assert_contains("Medellín");
    let r = app
        .post(
            &format!("/experiencias/{id}/historial/1/restaurar"),
            &[("version", "2")],
        )
        .await;
    assert!(
        r.location().contains("aviso=restaurada"),
        "{}",
        r.location()
    );
    app.get(&format!("/experiencias/{id}"))
        .await
        .assert_contains("Movilidad urbana en Bogotá");
    app.get(&format!("/experiencias/{id}/historial"))
        .await
        .assert_contains("Versión 3")
        .assert_contains("Se restauró la versión 1");
}

async fn publishing_needs_a_confirmed_email_and_the_required_sections(app: TestApp) {
    let email = app.register("Elena Torres").await;
    let id = app.create_sheet("Bienes comunales de Oaxaca").await;
    let r = app
        .post(
            &format!("/experiencias/{id}/estado"),
            &[("accion", "publicar")],
        )
        .await;
    assert!(r.location().contains("confirmar-correo"));
    let link = app.last_link_to(&email, "/cuenta/confirmar/").await;
    app.get(&link).await;
    // an incomplete draft cannot be published; the form explains what is missing
    let bare = app
        .post(
            "/experiencias/nueva",
            &[("title", "Solo un título"), ("country", "MX")],
        )
        .await;
    let bare_id: i64 = bare
        .location()
        .trim_start_matches("/experiencias/")
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let refused = app
        .post(
            &format!("/experiencias/{bare_id}/estado"),
            &[("accion", "publicar")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("necesario para publicar");
    let ok = app
        .post(
            &format!("/experiencias/{id}/estado"),
            &[("accion", "publicar")],
        )
        .await;
    assert!(ok.location().contains("aviso=publicada"));
    app.sync_search().await;
    app.client()
        .get("/experiencias")
        .await
        .assert_contains("Bienes comunales de Oaxaca")
        .assert_lacks("Solo un título");
    app.post(
        &format!("/experiencias/{id}/estado"),
        &[("accion", "archivar")],
    )
    .await;
    app.sync_search().await;
    app.client()
        .get("/experiencias")
        .await
        .assert_lacks("Bienes comunales de Oaxaca");
    app.client()
        .get(&format!("/experiencias/{id}"))
        .await
        .assert_contains("archivada");
}

async fn published_sheets_are_listed_and_readable_by_anyone(app: TestApp) {
    app.register_confirmed("Pablo Vargas").await;
    let id = app
        .create_sheet("Mancomunidad de municipios del Norte Potosí")
        .await;
    app.post(
        &format!("/experiencias/{id}/estado"),
        &[("accion", "publicar")],
    )
    .await;
    app.sync_search().await;
    let anon = app.client();
    let list = anon.get("/experiencias").await;
    list.assert_contains("Mancomunidad de municipios del Norte Potosí")
        .assert_contains("Bolivia");
    // any other slug (an older title's) moves to the current address for good
    let moved = anon
        .get(&format!("/experiencias/{id}-cualquier-slug"))
        .await;
    assert_eq!(moved.status, StatusCode::PERMANENT_REDIRECT);
    let page = anon.get(&moved.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Mejorar los ingresos de 120 familias")
        .assert_contains("Desarrollo productivo");
    anon.get("/")
        .await
        .assert_contains("Mancomunidad de municipios del Norte Potosí");
    assert_eq!(
        anon.get("/experiencias/99999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        anon.get("/experiencias/abc").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn coeditor_invited_by_email_can_edit_but_not_manage(app: TestApp) {
    app.register("Rosa Mamani").await;
    let id = app.create_sheet("Gestión de residuos en El Alto").await;
    let bad = app
        .post(
            &format!("/experiencias/{id}/coeditores"),
            &[("email", "no-es-correo")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("value=\"no-es-correo\"");
    app.post(
        &format!("/experiencias/{id}/coeditores"),
        &[("email", "jorge.quispe@example.org")],
    )
    .await;
    // found in a hostile trial: pending invitations were listed nowhere
    app.get(&format!("/experiencias/{id}/coeditores"))
        .await
        .assert_contains("Invitaciones pendientes")
        .assert_contains("jorge.quispe@example.org");

    let jorge = app.client();
    jorge.register("Jorge Quispe").await;
    assert_eq!(
        jorge
            .get(&format!("/experiencias/{id}/editar"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let link = app
        .last_link_to("jorge.quispe@example.org", "/invitaciones/")
        .await;
    // the link alone is not enough: another account is asked to sign in as the invitee
    let intruder = app.client();
    intruder.register("Elena Torres").await;
    let page = intruder.get(&link).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.assert_contains("j•••@example.org")
        .assert_lacks("Aceptar la invitación");
    intruder.post(&link, &[]).await;
    assert_eq!(
        intruder
            .get(&format!("/experiencias/{id}/editar"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    jorge
        .get(&link)
        .await
        .assert_contains("Aceptar la invitación");
    let accepted = jorge.post(&link, &[]).await;
    assert_eq!(
        accepted.location(),
        format!("/experiencias/{id}/editar?aviso=coeditor")
    );
    let mut fields = sheet_fields("Gestión de residuos sólidos en El Alto");
    fields.push(("version", "1"));
    assert_eq!(
        jorge
            .post(&format!("/experiencias/{id}/editar"), &fields)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    jorge
        .get("/cuenta/fichas")
        .await
        .assert_contains("Gestión de residuos sólidos en El Alto");
    // only the owner manages co-editors
    assert_eq!(
        jorge
            .get(&format!("/experiencias/{id}/coeditores"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    app.get(&format!("/experiencias/{id}/coeditores"))
        .await
        .assert_contains("Jorge Quispe")
        .assert_lacks("Invitaciones pendientes");
    // found in a hostile trial: someone who already edits was invited again
    let again = app
        .post(
            &format!("/experiencias/{id}/coeditores"),
            &[("email", "jorge.quispe@example.org")],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    again.assert_contains("Esa persona ya edita esta ficha");
    // a spent invitation cannot be reused (and says so)
    let third = app.client();
    third.register("Alguien Más").await;
    let spent = third.post(&link, &[]).await;
    assert_eq!(spent.status, StatusCode::GONE);
    spent.assert_contains("ya fue aceptada");
    assert_eq!(
        third
            .get(&format!("/experiencias/{id}/editar"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n";

async fn attachments_are_checked_by_content_and_served_safely(app: TestApp) {
    app.register("Lucía Fernández").await;
    let id = app
        .create_sheet("Plan de ordenamiento territorial de Sucre")
        .await;
    let path = format!("/experiencias/{id}/adjuntos");
    let ok = app.upload(&path, "plan.pdf", PDF).await;
    assert!(ok.location().contains("aviso=adjunto"), "{}", ok.location());
    let disguised = app
        .upload(&path, "plan2.pdf", b"MZ\x90\x00\x03 this is a program")
        .await;
    assert!(disguised.location().contains("upload-disguised"));
    app.get(&disguised.location())
        .await
        .assert_contains("no corresponde a su nombre");
    let unsupported = app
        .upload(&path, "script.sh", b"#!/bin/sh\nrm -rf /\n")
        .await;
    assert!(unsupported.location().contains("upload-unsupported"));
    let big = vec![b'%'; 11 * 1024 * 1024];
    let too_big = app.upload(&path, "grande.pdf", &big).await;
    assert!(
        too_big.location().contains("upload-too-large"),
        "{}",
        too_big.location()
    );

    let page = app.get(&format!("/experiencias/{id}/editar")).await;
    page.assert_contains("plan.pdf").assert_lacks("plan2.pdf");
    let (aid,): (i64,) = sqlx::query_as("SELECT id FROM attachments WHERE experience_id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let url = format!("/experiencias/{id}/adjuntos/{aid}/plan.pdf");
    let (status, headers, body) = app.get_bytes(&url, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, PDF);
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    // a draft's files stay private
    assert_eq!(
        app.client().get_bytes(&url, None).await.0,
        StatusCode::NOT_FOUND
    );
    let del = app
        .post(&format!("/experiencias/{id}/adjuntos/{aid}/borrar"), &[])
        .await;
    assert!(del.location().contains("adjunto-borrado"));
    assert_eq!(app.get_bytes(&url, None).await.0, StatusCode::NOT_FOUND);
}

async fn markdown_is_rendered_and_sanitized(app: TestApp) {
    app.register("Marta Rodríguez").await;
    let mut fields = sheet_fields("Economía solidaria en Montevideo");
    fields.push((
        "actions",
        "Hicimos **ferias** <script>alert('x')</script> y [un mapa](javascript:alert(1)).",
    ));
    let page = app.post("/experiencias/nueva", &fields).await;
    let id = page
        .location()
        .trim_start_matches("/experiencias/")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let sheet = app.get(&format!("/experiencias/{id}")).await;
    sheet
        .assert_contains("<strong>ferias</strong>")
        .assert_lacks("<script>alert")
        .assert_lacks("javascript:alert");
}

on_both_backends!(editors_see_private_guidance_for_thin_sections);

async fn editors_see_private_guidance_for_thin_sections(app: TestApp) {
    app.register_confirmed("Jorge Quispe").await;
    let id = app.create_sheet("Pasantías de productores de quinua").await;
    let edit = app.get(&format!("/experiencias/{id}/editar")).await;
    edit.assert_contains("Para que otros aprendan de ustedes")
        .assert_contains("¿Qué harían distinto si empezaran hoy?")
        .assert_contains("href=\"#keys_text\"")
        .assert_contains("Esta sección está vacía");
    app.post(
        &format!("/experiencias/{id}/estado"),
        &[("accion", "publicar")],
    )
    .await;
    app.client()
        .get(&format!("/experiencias/{id}"))
        .await
        .assert_lacks("Para que otros aprendan")
        .assert_lacks("¿Qué harían distinto");
    // a developed lessons section leaves the guidance for the other sections only
    let mut fields = sheet_fields("Pasantías de productores de quinua");
    fields.retain(|(k, _)| *k != "lessons");
    let rich = "Aprendimos que el acuerdo sobre el precio importa más que la infraestructura: el centro de acopio \
                sirvió recién cuando hubo confianza. En 2014 vendíamos 40 quintales; gracias a las asambleas de la \
                Asociación de Productores pasamos a 300 en 2016. Si empezáramos hoy, haríamos primero las asambleas \
                y después la obra, porque sin confianza nadie entrega su cosecha.";
    fields.push(("lessons", rich));
    fields.push(("version", "1"));
    app.post(&format!("/experiencias/{id}/editar"), &fields)
        .await;
    let edit = app.get(&format!("/experiencias/{id}/editar")).await;
    edit.assert_lacks("href=\"#lessons\"")
        .assert_contains("href=\"#results\"");
}
