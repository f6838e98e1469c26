//! `ayni import` and `ayni export`, run as an operator would.

use crate::common::TestApp;
use crate::on_both_backends;

on_both_backends!(
    import_invents_nothing_and_says_its_rules,
    import_checks_the_whole_file_and_imports_nothing_when_a_row_is_wrong,
    import_refuses_wrong_encoding_missing_columns_and_huge_files,
    importing_the_example_twice_creates_no_duplicates_and_export_returns_everything,
    the_sites_own_data_imported_back_updates_its_sheets,
);

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

async fn count(app: &TestApp) -> i64 {
    sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM experiences")
        .fetch_one(&app.db().pool)
        .await
        .unwrap()
        .0
}

/// Issue "Nothing breaks" item 10: the importer changed data silently and hid its rules.
async fn import_invents_nothing_and_says_its_rules(app: TestApp) {
    app.operator().await;
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        &dir,
        "dudoso.csv",
        "title,country,language,status,latitude,longitude,year_start\n\
         Feria de semillas,BO,de,en curso,,,2012\n\
         Turismo en Sorata,BO,es,,-15.8,-68.6,2010\n\
         Ferias de Tarabuco,BO,es,en curso,0,0,2010\n\
         Lago Titicaca y sus islas,BO,es,en curso,-68.6,-15.8,2010\n\
         Mesa de diálogo,BO,es,en curso,,,2005-03-01\n"
            .as_bytes(),
    );
    let (ok, out) = app.cli(&["import", &file, "--dry-run"]);
    assert!(!ok, "{out}");
    for (row, column, says) in [
        (2, "language", "es (español), pt (portugués) o en (inglés)"),
        (3, "status", "Falta el estado"),
        (4, "latitude", "0, 0 queda en medio del océano"),
        (5, "latitude", "¿Están invertidas?"),
        (6, "year_start", "año de cuatro cifras"),
    ] {
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{row}  {column}")))
            .unwrap_or_else(|| panic!("no problem for row {row} {column}:\n{out}"));
        assert!(line.contains(says), "{line}");
    }
    assert!(out.contains("Se encontraron 5 problemas"), "{out}");
    // the rules are also in `ayni import --help` and on /datos
    let (_, help) = app.cli(&["import", "--help"]);
    assert!(
        help.contains("title 5-200 characters") && help.contains("not 0,0"),
        "{help}"
    );
    app.get("/datos")
        .await
        .assert_contains("cada sección narrativa hasta 20 000")
        .assert_contains("nunca 0,0");
    // publishing asks for what the form's "Publicar" asks for
    let thin = write(
        &dir,
        "breve.csv",
        b"title,country,status\nFeria de semillas,BO,en curso\n",
    );
    let (ok, out) = app.cli(&["import", &thin, "--publish"]);
    assert!(
        !ok && out.contains("Para publicar, esta columna no puede quedar vacía"),
        "{out}"
    );
    assert!(
        out.contains("Se encontró un problema") || out.contains("problemas"),
        "{out}"
    );
    let (ok, out) = app.cli(&["import", &thin]);
    assert!(ok && out.contains("Una fila válida"), "{out}");
    assert_eq!(count(&app).await, 1);
}

async fn import_checks_the_whole_file_and_imports_nothing_when_a_row_is_wrong(app: TestApp) {
    app.operator().await;
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        &dir,
        "malo.csv",
        "title,country,themes,year_start,year_end\n\
         Feria de semillas,BO,desarrollo-productivo,2012,\n\
         ,PE,,2010,\n\
         Turismo en Sorata,XX,turismo,2010,\n\
         Mesa de diálogo,BO,tema-inventado,2015,2011\n"
            .as_bytes(),
    );
    for args in [vec!["import", &file, "--dry-run"], vec!["import", &file]] {
        let (ok, out) = app.cli(&args);
        assert!(!ok, "{out}");
        assert!(out.contains("no se importó nada"), "{out}");
        assert!(
            out.contains("    3  title") && out.contains("Escriba un título"),
            "{out}"
        );
        assert!(
            out.contains("    4  country") && out.contains("use el código de dos letras"),
            "{out}"
        );
        assert!(
            out.contains("    5  themes") && out.contains("    5  year_end"),
            "{out}"
        );
    }
    assert_eq!(count(&app).await, 0);
    let (_, out) = app.cli(&["import", &file, "--dry-run", "--lang", "en"]);
    assert!(
        out.contains("nothing was imported") || out.contains("Row"),
        "{out}"
    );
}

async fn import_refuses_wrong_encoding_missing_columns_and_huge_files(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = write(
        &dir,
        "latin1.csv",
        b"title,country\nPlanificaci\xf3n territorial,BO\n",
    );
    let (ok, out) = app.cli(&["import", &latin1, "--dry-run"]);
    assert!(!ok && out.contains("UTF-8"), "{out}");
    let no_country = write(&dir, "cols.csv", "titulo,pais\nAlgo,BO\n".as_bytes());
    let (ok, out) = app.cli(&["import", &no_country, "--dry-run"]);
    assert!(
        !ok && out.contains("Falta esta columna") && out.contains("Esta columna no se conoce"),
        "{out}"
    );
    let huge = write(&dir, "huge.csv", &vec![b'a'; 21 * 1024 * 1024]);
    let (ok, out) = app.cli(&["import", &huge, "--dry-run"]);
    assert!(!ok && out.contains("demasiado grande"), "{out}");
    let ragged = write(
        &dir,
        "ragged.csv",
        "title,country\nUna experiencia,BO,extra\n".as_bytes(),
    );
    let (ok, out) = app.cli(&["import", &ragged, "--dry-run"]);
    assert!(!ok && out.contains("mismo número de columnas"), "{out}");
    assert_eq!(count(&app).await, 0);
}

async fn importing_the_example_twice_creates_no_duplicates_and_export_returns_everything(
    app: TestApp,
) {
    app.operator().await;
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ejemplo-importacion.csv");
    let (ok, out) = app.cli(&["import", example, "--dry-run"]);
    assert!(ok && out.contains("3 filas válidas"), "{out}");
    assert_eq!(count(&app).await, 0, "a dry run writes nothing");
    // nor does it create a database where there was none
    let nowhere = tempfile::tempdir().unwrap();
    let missing = nowhere.path().join("no-existe.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ayni"))
        .args(["import", example, "--dry-run"])
        .env("DATABASE_URL", format!("sqlite://{}", missing.display()))
        .env("AYNI_DATA_DIR", nowhere.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 filas válidas"));
    assert!(!missing.exists(), "a dry run created a database");
    let (ok, out) = app.cli(&["import", example, "--publish"]);
    assert!(
        ok && out.contains("Nuevas: 3. Actualizadas (con una nueva versión): 0. Sin cambios: 0."),
        "{out}"
    );
    let (ok, out) = app.cli(&["import", example, "--publish"]);
    assert!(
        ok && out.contains("Nuevas: 0. Actualizadas (con una nueva versión): 0. Sin cambios: 3."),
        "{out}"
    );
    assert_eq!(count(&app).await, 3);
    // a corrected file updates the sheet it names, as a new revision (issue 9 item 10)
    let original = std::fs::read_to_string(example).unwrap();
    let corrected = original.replacen("Tiraque", "Tiraque (Cochabamba)", 1);
    assert_ne!(original, corrected);
    let dir = tempfile::tempdir().unwrap();
    let fixed = dir.path().join("corregido.csv");
    std::fs::write(&fixed, &corrected).unwrap();
    let (ok, out) = app.cli(&["import", fixed.to_str().unwrap(), "--publish"]);
    assert!(
        ok && out.contains("Actualizadas (con una nueva versión): 1"),
        "{out}"
    );
    assert_eq!(count(&app).await, 3);
    // an export carries links and import keys: importing it back changes nothing
    let out_dir = dir.path().join("export");
    let (ok, out) = app.cli(&["export", "--out", out_dir.to_str().unwrap()]);
    assert!(ok, "{out}");
    let exported = out_dir.join("experiencias.csv");
    let header = std::fs::read_to_string(&exported).unwrap();
    assert!(
        header
            .lines()
            .next()
            .unwrap()
            .ends_with(",links,import_key"),
        "{header}"
    );
    let (ok, out) = app.cli(&["import", exported.to_str().unwrap(), "--publish"]);
    assert!(ok && out.contains("Nuevas: 0."), "{out}");
    assert_eq!(count(&app).await, 3);
    app.sync_search().await;
    app.get("/experiencias?q=semillas+nativas")
        .await
        .assert_contains("Feria de semillas nativas en Tiraque");
    app.get("/experiencias?q=residuos")
        .await
        .assert_contains("Consórcio de resíduos");

    app.register("Rosa Mamani").await;
    app.create_sheet("Un borrador de Rosa").await;
    let out_dir = tempfile::tempdir().unwrap();
    let (ok, out) = app.cli(&["export", "--out", &out_dir.path().display().to_string()]);
    assert!(ok, "{out}");
    let csv = std::fs::read_to_string(out_dir.path().join("experiencias.csv")).unwrap();
    assert_eq!(
        csv::Reader::from_reader(csv.as_bytes()).records().count(),
        4
    );
    assert!(csv.contains("Un borrador de Rosa") && csv.contains("feria.tiraque@example.org"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.path().join("experiencias.json")).unwrap())
            .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 4);
    // the export imports back without problems
    let back = out_dir
        .path()
        .join("experiencias.csv")
        .display()
        .to_string();
    let (ok, out) = app.cli(&["import", &back, "--dry-run"]);
    assert!(ok && out.contains("4 filas válidas"), "{out}");
}

on_both_backends!(administrators_import_through_the_web_form_with_the_same_checks);

async fn administrators_import_through_the_web_form_with_the_same_checks(app: TestApp) {
    app.operator().await;
    let participant = app.client();
    participant.register("Rosa Mamani").await;
    assert_eq!(
        participant.get("/admin/importar").await.status,
        axum::http::StatusCode::FORBIDDEN
    );
    app.post(
        "/cuenta/entrar",
        &[
            ("email", "admin@example.org"),
            ("password", "clave de administración"),
        ],
    )
    .await;
    app.get("/admin/importar")
        .await
        .assert_contains("Importar fichas desde una planilla");
    let bad = app
        .upload_form(
            "/admin/importar",
            "malo.csv",
            b"title,country\nFeria,ZZ\n",
            &[],
        )
        .await;
    assert_eq!(bad.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("<td>2</td><td><code>country</code></td>")
        .assert_contains("use el código de dos letras")
        .assert_contains("BO, BR");
    let example = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/ejemplo-importacion.csv"
    ))
    .unwrap();
    app.upload_form(
        "/admin/importar",
        "ejemplo.csv",
        &example,
        &[("dry_run", "1")],
    )
    .await
    .assert_contains("3 filas válidas");
    assert_eq!(count(&app).await, 0);
    app.upload_form(
        "/admin/importar",
        "ejemplo.csv",
        &example,
        &[("publish", "1")],
    )
    .await
    .assert_contains("Nuevas: 3. Actualizadas (con una nueva versión): 0. Sin cambios: 0.");
    assert_eq!(count(&app).await, 3);
    let huge = vec![b'a'; 21 * 1024 * 1024];
    let too_big = app
        .upload_form("/admin/importar", "grande.csv", &huge, &[])
        .await;
    assert_eq!(too_big.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    too_big.assert_contains("demasiado grande");
}

/// Fourth hostile trial: importing the site's own open-data file (or the operator's export of
/// sheets written on the site) created a copy of every sheet, as drafts.
async fn the_sites_own_data_imported_back_updates_its_sheets(app: TestApp) {
    app.operator().await;
    let rosa = app.client();
    rosa.register_confirmed("Rosa Mamani").await;
    for title in [
        "Turismo comunitario en Sajama",
        "Ferias de productores en Tarabuco",
    ] {
        let mut fields = crate::common::sheet_fields(title);
        fields.extend([
            ("contact_email", "contacto@sajama.bo"),
            ("links", "https://sajama.bo"),
        ]);
        let id = rosa.create_sheet_with(&fields).await;
        let published = rosa
            .post(
                &format!("/experiencias/{id}/estado"),
                &[("accion", "publicar")],
            )
            .await;
        assert!(published.status.is_redirection(), "{}", published.body);
    }
    app.sync_search().await;
    let open = app.get("/datos/experiencias.csv").await;
    assert!(open.body.contains("Sajama"), "{}", open.body);
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "datos.csv", open.body.as_bytes());
    // the dry run says what the import would do, before it does it
    let (ok, out) = app.cli(&["import", &file, "--dry-run"]);
    assert!(
        ok && out.contains("Se crearían 0 y se compararían 2"),
        "{out}"
    );
    let contacts = || async {
        sqlx::query_as::<_, (String, String)>(
            "SELECT contact_email, links FROM experiences ORDER BY id",
        )
        .fetch_all(&app.db().pool)
        .await
        .unwrap()
    };
    let before = contacts().await;
    assert!(before.iter().all(|(email, _)| !email.is_empty()));
    let (ok, out) = app.cli(&["import", &file]);
    assert!(ok, "{out}");
    assert_eq!(count(&app).await, 2, "{out}");
    assert_eq!(
        contacts().await,
        before,
        "open data has no contacts: the sheets keep theirs"
    );
    let out_dir = dir.path().join("export");
    let (ok, out) = app.cli(&["export", "--out", out_dir.to_str().unwrap()]);
    assert!(ok, "{out}");
    let exported = out_dir.join("experiencias.csv");
    let (ok, out) = app.cli(&["import", exported.to_str().unwrap()]);
    assert!(ok, "{out}");
    assert_eq!(count(&app).await, 2, "{out}");
    // a column named twice was read without a word
    let twice = write(&dir, "dos.csv", b"title,country,title\nFeria,BO,Otra\n");
    let (ok, out) = app.cli(&["import", &twice, "--dry-run"]);
    assert!(!ok && out.contains("aparece dos veces"), "{out}");
}
