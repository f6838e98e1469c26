//! Defects the fifth hostile trial (the release binary, every role) found from outside:
//! each a test first, then the fix.

use crate::common::{PASSWORD, TestApp};
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    the_audit_log_names_moderation_and_roles_and_logs_only_changes,
    every_instance_serves_every_uploaded_file_and_backs_it_up,
    proposals_sent_at_once_open_one_exchange,
    a_deleted_speaker_does_not_block_saving_the_space,
    two_terms_of_a_list_cannot_share_a_name,
    addresses_naming_nothing_are_not_found,
    two_instances_loading_the_demo_at_once_both_start,
    a_term_renamed_on_one_instance_shows_on_the_other_within_seconds,
);

/// The audit log showed `hide #72` and `facilitator` in the Spanish interface, and a second
/// click on "hide" (or the same role given twice) wrote a second entry.
async fn the_audit_log_names_moderation_and_roles_and_logs_only_changes(app: TestApp) {
    let boss = app.admin("Administradora General").await;
    let (f, forum, space) = app.forum_with_space("contribution", &[]).await;
    let (rosa, rosa_email) = app.member("Rosa Mamani", forum).await;
    let topic = rosa
        .post_topic(
            space,
            &[
                ("title", "Compre seguidores"),
                ("body", "Oferta increíble."),
            ],
        )
        .await;
    let hide = format!("/foros/mensajes/{topic}/moderar");
    for _ in 0..2 {
        let page = f.post(&hide, &[("action", "hide")]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    let jorge = app.client();
    let jorge_email = jorge.register_confirmed("Jorge Quispe").await;
    let jorge_id = app.user_id(&jorge_email).await;
    // (making Marta a facilitator was logged too)
    let roles_before = boss
        .get("/admin/registro")
        .await
        .body
        .matches("Facilitadora o facilitador")
        .count();
    for _ in 0..2 {
        let page = boss
            .post(
                &format!("/admin/personas/{jorge_id}/rol"),
                &[("role", "facilitator")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    let log = boss.get("/admin/registro").await;
    log.assert_contains(&format!("Ocultó #{topic}"))
        .assert_contains("Facilitadora o facilitador")
        .assert_lacks(&format!("hide #{topic}"));
    assert_eq!(log.body.matches(&format!("Ocultó #{topic}")).count(), 1);
    assert_eq!(
        log.body.matches("Facilitadora o facilitador").count(),
        roles_before + 1
    );
    let mod_log = f.get(&format!("/foros/{forum}/moderacion")).await;
    assert_eq!(mod_log.body.matches(&format!("#{topic}<")).count(), 1);
    // the person's own page names them too
    let rosa_id = app.user_id(&rosa_email).await;
    boss.get(&format!("/admin/personas/{rosa_id}"))
        .await
        .assert_contains(&format!("Ocultó #{topic}"));
    boss.get(&format!("/admin/personas/{jorge_id}"))
        .await
        .assert_contains("Facilitadora o facilitador")
        .assert_lacks(": facilitator<");
    // the command line says so when nothing changes, and logs nothing
    let (ok, out) = app.cli(&[
        "admin",
        "role",
        "--email",
        &jorge_email,
        "--add",
        "facilitador",
    ]);
    assert!(ok && out.contains("already"), "{out}");
    let log = boss.get("/admin/registro").await;
    assert_eq!(
        log.body.matches("Facilitadora o facilitador").count(),
        roles_before + 1
    );
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

/// Behind a load balancer, a file uploaded through one instance answered 404 on the other,
/// and a backup taken there left it out without a word.
async fn every_instance_serves_every_uploaded_file_and_backs_it_up(app: TestApp) {
    let other = app.second_instance().await;
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let sheet = rosa.create_sheet("Feria de semillas de Sucre").await;
    let up = rosa
        .upload(&format!("/experiencias/{sheet}/adjuntos"), "plan.pdf", PDF)
        .await;
    assert!(up.location().contains("aviso=adjunto"), "{}", up.location());
    let (id, key): (i64, String) =
        sqlx::query_as("SELECT id, storage_key FROM attachments WHERE experience_id = $1")
            .bind(sheet)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let url = format!("/experiencias/{sheet}/adjuntos/{id}/plan.pdf");
    // the same person, her next request served by the other instance
    let rosa_there = other.client();
    rosa_there.set_cookie("ayni_session", &rosa.cookie("ayni_session").unwrap());
    let (status, _, body) = rosa_there.get_bytes(&url, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, PDF);
    // a backup taken with the other instance's folder holds it, and so does its restore
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("copia.tar.gz");
    let files = other.state().settings.data_dir.join("files");
    let summary = ayni::backup::backup(other.db(), &files, &archive)
        .await
        .unwrap();
    assert_eq!(summary.files, 1);
    let target = TestApp::new(app.backend()).await;
    let restored = target.state().settings.data_dir.join("files");
    ayni::backup::restore(target.db(), &restored, &archive)
        .await
        .unwrap();
    let found = target.state().storage.find(&key).await.unwrap();
    assert_eq!(found.as_deref(), Some(PDF));
    // deleting it removes it for every instance
    let page = rosa
        .post(&format!("/experiencias/{sheet}/adjuntos/{id}/borrar"), &[])
        .await;
    assert!(page.status.is_redirection(), "{}", page.body);
    assert_eq!(
        rosa_there.get_bytes(&url, None).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(other.state().storage.find(&key).await.unwrap(), None);
    // a file from before files moved into the database goes in when serving starts
    std::fs::write(files.join("archivoAnterior01"), b"viejo").unwrap();
    assert_eq!(other.state().storage.adopt_folder().await.unwrap(), 1);
    let old = app.state().storage.find("archivoAnterior01").await.unwrap();
    assert_eq!(old.as_deref(), Some(&b"viejo"[..]));
}

/// Four proposals from four form pages, sent at once through two instances, opened four
/// waiting exchanges with the same team (and four e-mails).
async fn proposals_sent_at_once_open_one_exchange(app: TestApp) {
    let jorge = app.client();
    jorge.register_confirmed("Jorge Quispe").await;
    let sheet = jorge.published_sheet("Turismo comunitario en Sajama").await;
    let other = app.second_instance().await;
    let carlos = app.client();
    carlos.register_confirmed("Carlos Ramírez").await;
    let carlos_there = other.client();
    carlos_there.set_cookie("ayni_session", &carlos.cookie("ayni_session").unwrap());
    let url = format!("/experiencias/{sheet}/solicitar");
    let ask = |who: &TestApp, words: &'static str| {
        let (who, url) = (who.clone(), url.clone());
        async move {
            who.post(&url, &[("purpose", words), ("ways", "video")])
                .await
                .status
        }
    };
    let (a, b, c, d) = tokio::join!(
        ask(&carlos, "Primera"),
        ask(&carlos_there, "Segunda"),
        ask(&carlos, "Tercera"),
        ask(&carlos_there, "Cuarta"),
    );
    let statuses = [a, b, c, d];
    let sent = statuses
        .iter()
        .filter(|s| **s == StatusCode::SEE_OTHER)
        .count();
    assert_eq!(sent, 1, "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::SEE_OTHER || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM exchange_requests WHERE to_experience = $1 AND state = 'pending'",
    )
    .bind(sheet)
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    assert_eq!(n, 1);
}

/// After a speaker deleted their account, the space's form was filled with their placeholder
/// address and refused to save unchanged ("Escriba una dirección de correo válida").
async fn a_deleted_speaker_does_not_block_saving_the_space(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    let forum = f.new_forum().await;
    let carlos = app.client();
    let carlos_email = carlos.register_confirmed("Carlos Ramírez").await;
    let space = f
        .new_space(forum, "conference", &[("speakers", &carlos_email)])
        .await;
    let page = carlos
        .post("/cuenta/borrar", &[("current", PASSWORD), ("confirm", "1")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    f.get(&format!("/foros/espacios/{space}/editar"))
        .await
        .assert_lacks("ayni.invalid")
        .assert_lacks(&carlos_email);
}

/// An administrator renamed a theme to another theme's name: filters then showed two
/// identical entries.
async fn two_terms_of_a_list_cannot_share_a_name(app: TestApp) {
    let boss = app.admin("Administradora General").await;
    let themes: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name_es FROM terms WHERE vocabulary = 'theme' ORDER BY position LIMIT 2",
    )
    .fetch_all(&app.db().pool)
    .await
    .unwrap();
    let (first, taken) = (themes[0].0, themes[1].1.clone());
    let page = boss
        .post(
            &format!("/admin/taxonomias/{first}"),
            &[
                ("name_es", taken.as_str()),
                ("name_pt", "Nome novo"),
                ("name_en", "New name"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("ya se llama así")
        .assert_contains("Nome novo");
    // a new term with a name already in the list neither
    let page = boss
        .post(
            "/admin/taxonomias",
            &[
                ("vocabulary", "theme"),
                ("code", "otro-tema"),
                ("name_es", &taken.to_uppercase()),
                ("name_pt", "Outro"),
                ("name_en", "Other"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("ya se llama así");
    // renaming a term without changing its own name still works
    let (name_es, name_pt, name_en): (String, String, String) =
        sqlx::query_as("SELECT name_es, name_pt, name_en FROM terms WHERE id = $1")
            .bind(first)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let page = boss
        .post(
            &format!("/admin/taxonomias/{first}"),
            &[
                ("name_es", name_es.as_str()),
                ("name_pt", name_pt.as_str()),
                ("name_en", &format!("{name_en} ")),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

/// `/personas/abc` and an id too large answered 400 ("we could not understand what was
/// sent") where any unknown id answers 404; a parameter sent twice failed the history page;
/// `ayni import` of a missing file said "No such file or directory" in English, unnamed.
async fn addresses_naming_nothing_are_not_found(app: TestApp) {
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let sheet = rosa.published_sheet("Turismo comunitario en Sajama").await;
    for path in [
        "/personas/abc",
        "/foros/temas/99999999999999999999",
        "/foros/temas/12abc",
        "/intercambios/-",
        "/convocatorias/1e3",
    ] {
        let page = rosa.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        page.assert_contains("No encontramos esta página");
    }
    let page = rosa
        .get(&format!("/experiencias/{sheet}/historial?de=1&de=2&a=3"))
        .await;
    assert_ne!(page.status, StatusCode::BAD_REQUEST);
    let (ok, out) = app.cli(&["import", "/no/existe/fichas.csv"]);
    assert!(!ok);
    assert!(
        out.contains("No se pudo leer el archivo") && out.contains("/no/existe/fichas.csv"),
        "{out}"
    );
}

/// Two instances started together with `serve --demo` on an empty PostgreSQL database: one
/// of them exited with a duplicate-key error.
async fn two_instances_loading_the_demo_at_once_both_start(app: TestApp) {
    if app.backend() == ayni::db::Backend::Postgres {
        // two processes, as two instances behind a load balancer are
        let (first, second) = std::thread::scope(|s| {
            let a = s.spawn(|| app.cli(&["demo"]));
            let b = s.spawn(|| app.cli(&["demo"]));
            (a.join().unwrap(), b.join().unwrap())
        });
        assert!(first.0, "{}", first.1);
        assert!(second.0, "{}", second.1);
    } else {
        // SQLite serves from one process: two loads in it take turns
        let other = app.second_instance().await;
        let (a, b) = tokio::join!(ayni::demo::load(app.db()), ayni::demo::load(other.db()));
        a.unwrap();
        b.unwrap();
    }
    let (people,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users WHERE email LIKE '%@demo.ayni'")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let (sheets,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM experiences WHERE demo_key IS NOT NULL")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let again = ayni::demo::load(app.db()).await.unwrap();
    assert!(again.contains("0 new people, 0 new sheets"), "{again}");
    assert!(
        people >= 9 && sheets >= 60,
        "{people} people, {sheets} sheets"
    );
}

/// A theme renamed through one instance showed its old name on the other for 45 s (each
/// keeps a copy of the taxonomies and settings for a minute).
async fn a_term_renamed_on_one_instance_shows_on_the_other_within_seconds(app: TestApp) {
    let other = app.second_instance().await;
    let boss = app.admin("Administradora General").await;
    let (id, old): (i64, String) = sqlx::query_as(
        "SELECT id, name_es FROM terms WHERE vocabulary = 'theme' ORDER BY position LIMIT 1",
    )
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    // the other instance has read the taxonomies (and keeps them)
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    let reader = other.client();
    reader.set_cookie("ayni_session", &rosa.cookie("ayni_session").unwrap());
    reader
        .get("/experiencias/nueva")
        .await
        .assert_contains(&old);
    let page = boss
        .post(
            &format!("/admin/taxonomias/{id}"),
            &[
                ("name_es", "Ferias y mercados campesinos"),
                ("name_pt", "Feiras e mercados camponeses"),
                ("name_en", "Farmers' fairs and markets"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let started = std::time::Instant::now();
    loop {
        let page = reader.get("/experiencias/nueva").await;
        if page.body.contains("Ferias y mercados campesinos") {
            page.assert_lacks(&format!(">{old}<"));
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "the other instance still shows {old:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}
