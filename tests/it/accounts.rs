use crate::common::{PASSWORD, TestApp};
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    register_confirm_sign_out_and_sign_in,
    registration_with_bad_input_keeps_what_was_typed,
    registering_a_taken_address_reveals_nothing_and_tells_the_holder,
    stale_csrf_token_keeps_the_form_and_explains,
    wrong_password_is_refused_without_revealing_the_account,
    forgotten_password_is_reset_through_the_emailed_link,
    profile_update_with_bad_input_keeps_saved_data,
    language_choice_is_remembered_and_errors_are_translated,
);

async fn register_confirm_sign_out_and_sign_in(app: TestApp) {
    let email = app.register("Rosa Mamani").await;
    app.get("/cuenta")
        .await
        .assert_contains("Rosa Mamani")
        .assert_contains("confirmar su correo");
    let link = app.last_link_to(&email, "/cuenta/confirmar/").await;
    assert_eq!(app.get(&link).await.location(), "/cuenta?aviso=confirmado");
    app.get("/cuenta")
        .await
        .assert_lacks("Enviar de nuevo el enlace");
    // the link works only once
    assert_eq!(app.get(&link).await.status, StatusCode::NOT_FOUND);

    let out = app.post("/cuenta/salir", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/cuenta").await.status,
        StatusCode::SEE_OTHER,
        "signed out"
    );

    let page = app
        .post(
            "/cuenta/entrar",
            &[
                ("email", "ROSA.mamani@example.org"),
                ("password", PASSWORD),
                ("volver", "/experiencias"),
            ],
        )
        .await;
    assert_eq!(page.location(), "/experiencias");
    app.get("/cuenta")
        .await
        .assert_contains("rosa.mamani@example.org");
}

async fn registration_with_bad_input_keeps_what_was_typed(app: TestApp) {
    let page = app
        .post(
            "/cuenta/registro",
            &[
                ("name", ""),
                ("email", "rosa-at-example"),
                ("password", "corta"),
                ("country", "ZZ"),
                ("organisation", "Asociación Qhapaq"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Escriba su nombre.")
        .assert_contains("Escriba una dirección de correo válida")
        .assert_contains("al menos 10 caracteres")
        .assert_contains("Elija un país de la lista.")
        .assert_contains("value=\"rosa-at-example\"")
        .assert_contains("value=\"Asociación Qhapaq\"")
        .assert_lacks("value=\"corta\"");
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

async fn registering_a_taken_address_reveals_nothing_and_tells_the_holder(app: TestApp) {
    let holder = app.register_confirmed("Jorge Quispe").await;
    let form = |name: &'static str, email: &'static str| {
        [
            ("name", name),
            ("email", email),
            ("password", "otra clave distinta 123"),
            ("country", "BO"),
            ("lang", "es"),
        ]
    };
    let intruder = app.client();
    let newcomer = app.client();
    let taken = intruder
        .post(
            "/cuenta/registro",
            &form("Otro Jorge", "Jorge.Quispe@example.org"),
        )
        .await;
    let free = newcomer
        .post(
            "/cuenta/registro",
            &form("Lucía Fernández", "lucia@example.org"),
        )
        .await;
    // the same answer for a taken and a free address, and nobody is signed in by it
    assert_eq!(taken.status, StatusCode::SEE_OTHER);
    assert_eq!(taken.location(), "/cuenta/registro/enviado");
    assert_eq!(free.location(), taken.location());
    assert!(intruder.cookie("ayni_session").is_none());
    assert!(newcomer.cookie("ayni_session").is_none());
    intruder
        .get("/cuenta/registro/enviado")
        .await
        .assert_contains("Revise su correo")
        .assert_lacks("Ya existe");
    // the holder is told by e-mail, with the ways back in; the account did not change
    let told = app.mails_to(&holder).await;
    let mail = told
        .iter()
        .find(|m| m.contains("ya tiene una"))
        .unwrap_or_else(|| panic!("the holder is told: {told:?}"));
    assert!(mail.contains("http://ayni.test/cuenta/recuperar"), "{mail}");
    let page = intruder
        .post(
            "/cuenta/entrar",
            &[("email", &holder), ("password", "otra clave distinta 123")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = intruder
        .post(
            "/cuenta/entrar",
            &[("email", &holder), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "old password still works"
    );
    // the newcomer's link confirms the address and signs her in
    let link = newcomer
        .last_link_to("lucia@example.org", "/cuenta/confirmar/")
        .await;
    assert_eq!(
        newcomer.get(&link).await.location(),
        "/cuenta?aviso=bienvenida"
    );
    newcomer
        .get("/cuenta?aviso=bienvenida")
        .await
        .assert_contains("Bienvenida")
        .assert_contains("Lucía Fernández")
        .assert_lacks("Enviar de nuevo el enlace");
}

async fn stale_csrf_token_keeps_the_form_and_explains(app: TestApp) {
    app.get("/").await;
    let page = app
        .post_raw(
            "/cuenta/registro",
            &[
                ("csrf", "stale-token-from-an-old-tab-xxxxxxxx"),
                ("name", "Lucía"),
                ("email", "lucia@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("caducó")
        .assert_contains("value=\"Lucía\"")
        .assert_contains("value=\"lucia@example.org\"");
    // a sheet form keeps its long text too
    app.register("Lucía Fernández").await;
    let page = app
        .post_raw(
            "/experiencias/nueva",
            &[
                ("csrf", "wrong"),
                ("title", "Ferias agroecológicas"),
                ("country", "BO"),
                ("lessons", "Un texto largo escrito con cuidado"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("caducó")
        .assert_contains("Un texto largo escrito con cuidado");
}

async fn wrong_password_is_refused_without_revealing_the_account(app: TestApp) {
    let email = app.register("Ana Souza").await;
    let visitor = app.client();
    let wrong = visitor
        .post(
            "/cuenta/entrar",
            &[("email", &email), ("password", "equivocada-del-todo")],
        )
        .await;
    let unknown = visitor
        .post(
            "/cuenta/entrar",
            &[
                ("email", "nadie@example.org"),
                ("password", "equivocada-del-todo"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    wrong
        .assert_contains("no coinciden")
        .assert_contains(&format!("value=\"{email}\""));
    unknown.assert_contains("no coinciden");
    assert!(visitor.cookie("ayni_session").is_none());
}

async fn forgotten_password_is_reset_through_the_emailed_link(app: TestApp) {
    let email = app.register("Carlos Ramírez").await;
    let visitor = app.client();
    visitor
        .post("/cuenta/recuperar", &[("email", &email)])
        .await
        .assert_contains("Si hay una cuenta con ese correo");
    // unknown addresses get the same answer
    visitor
        .post("/cuenta/recuperar", &[("email", "nadie@example.org")])
        .await
        .assert_contains("Si hay una cuenta con ese correo");
    // ...after the same work: one queued request each, looked up by the job
    let (requests,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM jobs WHERE kind = 'reset'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(requests, 2);
    assert!(app.mails_to("nadie@example.org").await.is_empty());
    let bad = visitor
        .post("/cuenta/recuperar", &[("email", "no-es-correo")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("value=\"no-es-correo\"");

    let link = app.last_link_to(&email, "/cuenta/restablecer/").await;
    visitor
        .get(&link)
        .await
        .assert_contains("Elegir una contraseña nueva");
    let short = visitor.post(&link, &[("password", "corta")]).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = visitor
        .post(&link, &[("password", "otra clave muy larga")])
        .await;
    assert_eq!(done.location(), "/cuenta/entrar?aviso=clave-cambiada");
    // old sessions ended, old password refused, new one accepted
    assert_eq!(app.get("/cuenta").await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        visitor
            .post(
                "/cuenta/entrar",
                &[("email", &email), ("password", PASSWORD)]
            )
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        visitor
            .post(
                "/cuenta/entrar",
                &[("email", &email), ("password", "otra clave muy larga")]
            )
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // the link is spent
    assert_eq!(visitor.get(&link).await.status, StatusCode::NOT_FOUND);
}

async fn profile_update_with_bad_input_keeps_saved_data(app: TestApp) {
    app.register("Elena Torres").await;
    let page = app
        .post(
            "/cuenta",
            &[
                ("name", "Elena T."),
                ("country", "XX"),
                ("organisation", "Comisariado"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Elija un país de la lista.")
        .assert_contains("value=\"Elena T.\"");
    app.get("/cuenta")
        .await
        .assert_contains("value=\"Elena Torres\"");
    let ok = app
        .post(
            "/cuenta",
            &[
                ("name", "Elena T."),
                ("country", "MX"),
                ("organisation", "Comisariado"),
                ("lang", "pt"),
            ],
        )
        .await;
    assert_eq!(ok.location(), "/cuenta?aviso=guardado");
    app.get("/cuenta")
        .await
        .assert_contains("value=\"Elena T.\"")
        .assert_contains("Minha conta");
}

async fn language_choice_is_remembered_and_errors_are_translated(app: TestApp) {
    let mut visitor = app.client();
    visitor.lang_header = Some("pt-BR,pt;q=0.9".into());
    visitor.get("/").await.assert_contains("lang=\"pt\"");
    let switch = visitor.get("/idioma/en?volver=/cuenta/registro").await;
    assert_eq!(switch.location(), "/cuenta/registro");
    visitor
        .get("/cuenta/registro")
        .await
        .assert_contains("lang=\"en\"");
    let page = visitor
        .post("/cuenta/registro", &[("name", ""), ("email", "x")])
        .await;
    page.assert_contains("lang=\"en\"")
        .assert_lacks("Escriba su nombre");
    visitor.get("/idioma/pt?volver=//evil.example").await;
    assert_eq!(
        visitor
            .get("/idioma/pt?volver=//evil.example")
            .await
            .location(),
        "/"
    );
}

#[tokio::test]
async fn sign_in_attempts_are_rate_limited() {
    let app = TestApp::with_settings(ayni::db::Backend::Sqlite, |s| {
        s.auth_attempts_per_window = 3
    })
    .await;
    for _ in 0..3 {
        let p = app
            .post(
                "/cuenta/entrar",
                &[("email", "a@example.org"), ("password", "x")],
            )
            .await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let blocked = app
        .post(
            "/cuenta/entrar",
            &[("email", "a@example.org"), ("password", "x")],
        )
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    blocked.assert_contains("Demasiados intentos");
}

#[tokio::test]
async fn first_steps_guide_can_be_hidden_and_shown_again() {
    let app = TestApp::new(ayni::db::Backend::Sqlite).await;
    app.register("Rosa Mamani").await;
    app.get("/cuenta")
        .await
        .assert_contains("Cómo participar")
        .assert_contains("Ocultar esta guía");
    let hide = app.post("/guia", &[("volver", "/cuenta")]).await;
    assert_eq!(hide.location(), "/cuenta");
    app.get("/cuenta")
        .await
        .assert_lacks("Cómo participar")
        .assert_contains("Ver la guía de primeros pasos");
    app.get("/").await.assert_lacks("Cómo participar");
    app.post("/guia", &[("volver", "/"), ("mostrar", "1")])
        .await;
    app.get("/").await.assert_contains("Cómo participar");
    let stale = app.post_raw("/guia", &[("volver", "/")]).await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    stale.assert_contains("Su sesión de formulario caducó");
}
