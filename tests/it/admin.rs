//! Administration and personal data, used as admins and people use them.

use crate::common::{TestApp, sheet_fields};
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    an_admin_appoints_suspends_and_every_action_is_logged,
    site_settings_refuse_bad_input_and_keep_it,
    people_download_their_data_and_change_password_and_email,
    deleting_an_account_keeps_the_sheets_others_work_on,
    taxonomies_are_edited_retired_and_merged,
    a_deleted_accounts_submission_is_withdrawn,
);

async fn an_admin_appoints_suspends_and_every_action_is_logged(app: TestApp) {
    let boss = app.admin("Administradora General").await;
    let marta = app.client();
    let marta_email = marta.register_confirmed("Marta Rodríguez").await;
    let marta_id = app.user_id(&marta_email).await;
    // participants do not get in
    assert_eq!(marta.get("/admin").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        marta.get("/admin/personas").await.status,
        StatusCode::FORBIDDEN
    );
    boss.get("/admin").await.assert_contains("Personas y roles");
    boss.get("/admin/personas?q=marta")
        .await
        .assert_contains("Marta Rodríguez");
    boss.get("/admin/personas?q=%FF%00&q=x").await;
    // bad input, then the appointment
    let page = boss
        .post(
            &format!("/admin/personas/{marta_id}/rol"),
            &[("role", "emperatriz")],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let page = boss
        .post(
            &format!("/admin/personas/{marta_id}/rol"),
            &[("role", "facilitator")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        marta.get("/intercambios/denuncias").await.status,
        StatusCode::OK
    );
    // an admin cannot lock themselves out
    let me = app.user_id("administradora.general@example.org").await;
    let page = boss
        .post(
            &format!("/admin/personas/{me}/rol"),
            &[("role", "participant")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("su propio rol");
    // suspension: a reason is required and kept; then her session ends at once
    let page = boss
        .post(
            &format!("/admin/personas/{marta_id}/suspender"),
            &[("reason", " ")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let long = "r".repeat(600);
    let page = boss
        .post(
            &format!("/admin/personas/{marta_id}/suspender"),
            &[("reason", long.as_str())],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains(&long);
    let page = boss
        .post(
            &format!("/admin/personas/{marta_id}/suspender"),
            &[("reason", "Mensajes ofensivos repetidos")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let after = marta.get("/cuenta").await;
    assert!(
        after.location().starts_with("/cuenta/entrar"),
        "{}",
        after.status
    );
    let again = app.client();
    let login = again
        .post(
            "/cuenta/entrar",
            &[
                ("email", &marta_email),
                ("password", crate::common::PASSWORD),
            ],
        )
        .await;
    // with the right password she learns why (fifth trial: told her password was wrong);
    // a wrong password learns nothing about the suspension
    assert_eq!(login.status, StatusCode::FORBIDDEN);
    login
        .assert_contains("Esta cuenta está suspendida")
        .assert_contains(&marta_email);
    let wrong = again
        .post(
            "/cuenta/entrar",
            &[
                ("email", &marta_email),
                ("password", "otra-clave-cualquiera"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    wrong.assert_lacks("suspendida");
    // the log says who did what to whom
    let log = boss.get("/admin/registro").await;
    log.assert_contains("Cambio de rol")
        .assert_contains("Suspensión")
        .assert_contains("Mensajes ofensivos repetidos")
        // a coded detail is said in words (fourth hostile trial: "facilitator", "approve #30")
        .assert_contains("<td>Facilitadora o facilitador</td>")
        .assert_lacks("<td>facilitator</td>");
    boss.get("/admin/registro?accion=suspend")
        .await
        .assert_contains("Mensajes ofensivos repetidos")
        .assert_lacks("<td>facilitator</td>");
    let page = boss
        .post(&format!("/admin/personas/{marta_id}/reactivar"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let login = again
        .post(
            "/cuenta/entrar",
            &[
                ("email", &marta_email),
                ("password", crate::common::PASSWORD),
            ],
        )
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    // the only admin cannot delete their account (the site would have none)
    let page = boss
        .post(
            "/cuenta/borrar",
            &[("current", crate::common::PASSWORD), ("confirm", "1")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("única persona administradora");
    // the command line gives and takes roles too, and logs it
    let (ok, out) = app.cli(&["admin", "role", "--email", &marta_email, "--add", "admin"]);
    assert!(ok, "{out}");
    let (ok, out) = app.cli(&["admin", "role", "--email", "nadie@example.org", "--remove"]);
    assert!(!ok, "{out}");
    let (ok, _) = app.cli(&["admin", "role", "--email", &marta_email, "--add", "rey"]);
    assert!(!ok);
    boss.get("/admin/registro").await.assert_contains("CLI");
}

async fn site_settings_refuse_bad_input_and_keep_it(app: TestApp) {
    let boss = app.admin("Administradora General").await;
    let page = boss
        .post(
            "/admin/ajustes",
            &[
                ("name", ""),
                ("description", "Red de experiencias"),
                ("contact", "sin-arroba"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Red de experiencias");
    let page = boss
        .post(
            "/admin/ajustes",
            &[
                ("name", "Ayni Andino"),
                ("description", "Red de experiencias"),
                ("contact", "hola@ayni.org"),
                ("open_communities", "1"),
                ("revision", "0"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    boss.get("/admin/ajustes")
        .await
        .assert_contains("Ayni Andino")
        .assert_contains("hola@ayni.org");
    // every page carries the name and the contact address
    app.client()
        .get("/experiencias")
        .await
        .assert_contains("Experiencias · Ayni Andino")
        .assert_contains("mailto:hola@ayni.org");
}

async fn people_download_their_data_and_change_password_and_email(app: TestApp) {
    let rosa = app.client();
    let email = rosa.register_confirmed("Rosa Mamani").await;
    rosa.create_sheet_with(&sheet_fields("Turismo comunitario en Sajama"))
        .await;
    let other = app.client();
    let other_email = other.register_confirmed("Otra Persona").await;
    // the privacy notice is linked from registration
    app.client()
        .get("/cuenta/registro")
        .await
        .assert_contains("/privacidad");
    app.client()
        .get("/privacidad")
        .await
        .assert_contains("Aviso de privacidad");
    let data = rosa.get("/cuenta/datos").await;
    assert_eq!(data.status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&data.body).unwrap();
    assert_eq!(json["account"][0]["email"], email.as_str());
    assert!(data.body.contains("Turismo comunitario en Sajama"));
    assert!(!data.body.contains(&other_email));
    assert!(!data.body.contains("password_hash"));
    // password: the current one is asked; the new one follows the rules
    let second = app.client();
    second
        .post(
            "/cuenta/entrar",
            &[("email", &email), ("password", crate::common::PASSWORD)],
        )
        .await;
    let page = rosa
        .post(
            "/cuenta/clave",
            &[
                ("current", "no es"),
                ("password", "otra clave bastante larga"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("no es correcta");
    let page = rosa
        .post(
            "/cuenta/clave",
            &[("current", crate::common::PASSWORD), ("password", "corta")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = rosa
        .post(
            "/cuenta/clave",
            &[
                ("current", crate::common::PASSWORD),
                ("password", "otra clave bastante larga"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(rosa.get("/cuenta").await.status, StatusCode::OK);
    assert!(
        second
            .get("/cuenta")
            .await
            .location()
            .starts_with("/cuenta/entrar")
    );
    // e-mail: bad address kept; then a link to the new address moves the account
    let page = rosa
        .post(
            "/cuenta/correo",
            &[
                ("email", "rosa-sin-arroba"),
                ("current", "otra clave bastante larga"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("rosa-sin-arroba");
    let page = rosa
        .post(
            "/cuenta/correo",
            &[
                ("email", "rosa.nueva@example.org"),
                ("current", "otra clave bastante larga"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    app.run_jobs(ayni::now()).await;
    let link = app
        .last_link_to("rosa.nueva@example.org", "/cuenta/correo/")
        .await;
    // the link opens a page; only its button changes the address (a mail scanner does not)
    rosa.get(&link).await.assert_contains("Usar esta dirección");
    let done = rosa.post(&link, &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(done.location().starts_with("/cuenta/entrar"));
    // the old address is told; every session ended; she signs in with the new one
    assert!(
        app.mails_to(&email)
            .await
            .iter()
            .any(|m| m.contains("rosa.nueva@example.org"))
    );
    assert!(
        rosa.get("/cuenta")
            .await
            .location()
            .starts_with("/cuenta/entrar")
    );
    let signed = rosa
        .post(
            "/cuenta/entrar",
            &[
                ("email", "rosa.nueva@example.org"),
                ("password", "otra clave bastante larga"),
            ],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    rosa.get("/cuenta")
        .await
        .assert_contains("rosa.nueva@example.org");
    // the link works once; an address taken meanwhile is refused
    assert_eq!(rosa.post(&link, &[]).await.status, StatusCode::BAD_REQUEST);
    let page = rosa
        .post(
            "/cuenta/correo",
            &[
                ("email", &other_email),
                ("current", "otra clave bastante larga"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.run_jobs(ayni::now()).await;
    let link = app.last_link_to(&other_email, "/cuenta/correo/").await;
    assert_eq!(rosa.post(&link, &[]).await.status, StatusCode::BAD_REQUEST);
    rosa.get("/cuenta")
        .await
        .assert_contains("rosa.nueva@example.org");
}

async fn deleting_an_account_keeps_the_sheets_others_work_on(app: TestApp) {
    let jorge = app.client();
    let jorge_email = jorge.register_confirmed("Jorge Quispe").await;
    let rosa = app.client();
    let rosa_email = rosa.register_confirmed("Rosa Mamani").await;
    let shared = jorge
        .create_sheet_with(&sheet_fields("Quinua orgánica en Salinas"))
        .await;
    let alone = jorge
        .create_sheet_with(&sheet_fields("Feria de semillas de Jorge"))
        .await;
    ayni::experiences::add_coeditor(app.db(), shared, app.user_id(&rosa_email).await)
        .await
        .unwrap();
    // confirmation and password are asked; nothing changes without them
    let page = jorge
        .post("/cuenta/borrar", &[("current", crate::common::PASSWORD)])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = jorge
        .post("/cuenta/borrar", &[("current", "no es"), ("confirm", "1")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = jorge
        .post(
            "/cuenta/borrar",
            &[("current", crate::common::PASSWORD), ("confirm", "1")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    // the shared sheet is Rosa's now; the other one stays, signed "cuenta eliminada"
    let sheet = ayni::experiences::load(app.db(), shared)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sheet.owner_id, app.user_id(&rosa_email).await);
    let kept = ayni::experiences::load(app.db(), alone)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.owner_name, "cuenta eliminada");
    rosa.get(&format!("/experiencias/{shared}/editar"))
        .await
        .assert_contains("Quinua orgánica en Salinas");
    // Jorge is signed out and cannot come back; his address is free
    assert!(
        jorge
            .get("/cuenta")
            .await
            .location()
            .starts_with("/cuenta/entrar")
    );
    let login = app
        .client()
        .post(
            "/cuenta/entrar",
            &[
                ("email", &jorge_email),
                ("password", crate::common::PASSWORD),
            ],
        )
        .await;
    assert_ne!(login.status, StatusCode::SEE_OTHER);
    assert!(
        ayni::accounts::find_by_email(app.db(), &jorge_email)
            .await
            .unwrap()
            .is_none()
    );
    // the log keeps the deletion, under the name the account had
    let boss = app.admin("Administradora General").await;
    boss.get("/admin/registro?accion=delete-account")
        .await
        .assert_contains("Cuenta borrada")
        .assert_contains("Jorge Quispe");
}

async fn term_id(app: &TestApp, vocabulary: &str, code: &str) -> Option<i64> {
    sqlx::query_as::<_, (i64,)>("SELECT id FROM terms WHERE vocabulary = $1 AND code = $2")
        .bind(vocabulary)
        .bind(code)
        .fetch_optional(&app.db().pool)
        .await
        .unwrap()
        .map(|r| r.0)
}

async fn taxonomies_are_edited_retired_and_merged(app: TestApp) {
    let boss = app.admin("Administradora General").await;
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let sheet = rosa
        .create_sheet_with(&sheet_fields("Turismo comunitario en Sajama"))
        .await;
    assert_eq!(
        rosa.get("/admin/taxonomias").await.status,
        StatusCode::FORBIDDEN
    );
    // adding: bad code and blank names are kept and said; then a new theme
    let page = boss
        .post(
            "/admin/taxonomias",
            &[
                ("vocabulary", "theme"),
                ("code", "Economía Circular"),
                ("name_es", "Economía circular"),
                ("name_pt", ""),
                ("name_en", "Circular economy"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Economía Circular")
        .assert_contains("Use solo minúsculas");
    let fields = [
        ("vocabulary", "theme"),
        ("code", "economia-circular"),
        ("name_es", "Economía circular"),
        ("name_pt", "Economia circular"),
        ("name_en", "Circular economy"),
    ];
    let page = boss.post("/admin/taxonomias", &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = boss.post("/admin/taxonomias", &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    rosa.get("/experiencias/nueva")
        .await
        .assert_contains("economia-circular");
    // retiring "turismo": the sheet keeps it, new sheets cannot pick it
    let turismo = term_id(&app, "theme", "turismo").await.unwrap();
    let page = boss
        .post(
            &format!("/admin/taxonomias/{turismo}/retirar"),
            &[("accion", "retirar")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    rosa.get("/experiencias/nueva")
        .await
        .assert_lacks("value=\"turismo\"");
    rosa.get(&format!("/experiencias/{sheet}/editar"))
        .await
        .assert_contains("value=\"turismo\" checked");
    // merging two actor types moves the sheet (and the people) to the other one
    let from = term_id(&app, "actor", "pequenos-productores")
        .await
        .unwrap();
    let into = sqlx::query_as::<_, (i64,)>(
        "SELECT id FROM terms WHERE vocabulary = 'actor' AND id <> $1 ORDER BY id LIMIT 1",
    )
    .bind(from)
    .fetch_one(&app.db().pool)
    .await
    .unwrap()
    .0;
    let page = boss
        .post(
            &format!("/admin/taxonomias/{from}/fusionar"),
            &[("into", &turismo.to_string())],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("misma lista");
    let page = boss
        .post(
            &format!("/admin/taxonomias/{from}/fusionar"),
            &[("into", &into.to_string())],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    // the merged term stays, retired, pointing at the other one; merging back is refused
    let (merged,): (Option<i64>,) = sqlx::query_as("SELECT merged_into FROM terms WHERE id = $1")
        .bind(from)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(merged, Some(into));
    let page = boss
        .post(
            &format!("/admin/taxonomias/{into}/fusionar"),
            &[("into", &from.to_string())],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    // a merged term cannot be offered again
    let page = boss
        .post(
            &format!("/admin/taxonomias/{from}/retirar"),
            &[("accion", "restaurar")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("se fusionó con otro");
    // restoring an old revision brings the merged term back as the one it became (the form
    // names the version the sheet is at)
    let (version,): (i64,) = sqlx::query_as("SELECT version FROM experiences WHERE id = $1")
        .bind(sheet)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let version = version.to_string();
    let page = rosa
        .post(
            &format!("/experiencias/{sheet}/historial/1/restaurar"),
            &[("version", &version)],
        )
        .await;
    assert!(
        page.location().contains("aviso=restaurada"),
        "{}",
        page.location()
    );
    let e = ayni::experiences::load(app.db(), sheet)
        .await
        .unwrap()
        .unwrap();
    let (into_code,): (String,) = sqlx::query_as("SELECT code FROM terms WHERE id = $1")
        .bind(into)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(e.content.actor_types, vec![into_code]);
    boss.get("/admin/registro")
        .await
        .assert_contains("Taxonomías");
}

async fn a_deleted_accounts_submission_is_withdrawn(app: TestApp) {
    ayni::demo::load(app.db()).await.unwrap();
    let ana = app.client();
    let login = ana
        .post(
            "/cuenta/entrar",
            &[
                ("email", "ana.souza@demo.ayni"),
                ("password", ayni::demo::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    let (sid, call): (i64, i64) = sqlx::query_as(
        "SELECT s.id, s.call_id FROM submissions s JOIN experiences e ON e.id = s.experience_id \
         JOIN users u ON u.id = e.owner_id WHERE u.email = 'ana.souza@demo.ayni' AND s.state = 'submitted'",
    )
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    let page = ana
        .post(
            "/cuenta/borrar",
            &[("current", ayni::demo::DEMO_PASSWORD), ("confirm", "1")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let marta = app.client();
    marta
        .post(
            "/cuenta/entrar",
            &[
                ("email", "marta.rodriguez@demo.ayni"),
                ("password", ayni::demo::DEMO_PASSWORD),
            ],
        )
        .await;
    marta
        .get(&format!("/convocatorias/{call}/revision"))
        .await
        .assert_contains("Retirada (cuenta borrada)");
    let page = marta
        .post(
            &format!("/convocatorias/{call}/postulaciones/{sid}/decision"),
            &[("accion", "aprobar")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("fue retirada");
}
