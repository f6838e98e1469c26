//! Facilitators build forums and spaces, attach documents, and see participation.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::StatusCode;

on_both_backends!(
    a_facilitator_builds_a_forum_and_people_join,
    participation_is_recorded,
    facilitators_attach_a_reference_document_or_a_video,
);

async fn a_facilitator_builds_a_forum_and_people_join(app: TestApp) {
    let f = app.facilitator("Marta Rodríguez").await;
    // bad input: a short title; the description typed stays
    let page = f
        .post(
            "/foros/nuevo",
            &[("title", "Foro"), ("description", "Texto que no se pierde")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Escriba un título de al menos 5 caracteres")
        .assert_contains("Texto que no se pierde");
    let forum = f.new_forum().await;
    // speakers must have an account; the addresses typed are kept
    let page = f
        .post(
            &format!("/foros/{forum}/espacios/nuevo"),
            &[
                ("kind", "conference"),
                ("title", "Conferencia inaugural"),
                ("speakers", "nadie@example.org"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("no corresponde a una cuenta")
        .assert_contains("nadie@example.org");
    // a conference needs its speakers
    let page = f
        .post(
            &format!("/foros/{forum}/espacios/nuevo"),
            &[("kind", "conference"), ("title", "Conferencia inaugural")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("al menos una persona que presenta")
        .assert_contains("Conferencia inaugural");
    let speaker = app.client().register_confirmed("Pablo Vargas").await;
    for kind in [
        "conference",
        "debate",
        "contribution",
        "innovation",
        "workshop",
    ] {
        f.new_space(
            forum,
            kind,
            &[
                ("speakers", &speaker),
                ("question", "¿Debe el plan partir del territorio vivido?"),
            ],
        )
        .await;
    }
    // a participant cannot create forums nor spaces
    let (p, _) = app.member("Rosa Mamani", forum).await;
    assert_eq!(p.get("/foros/nuevo").await.status, StatusCode::FORBIDDEN);
    let page = p
        .post(
            &format!("/foros/{forum}/espacios/nuevo"),
            &[("kind", "contribution"), ("title", "Un espacio más")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // facilitators edit a space (its kind stays); bad input keeps what was typed
    let spaces = app.get(&format!("/foros/{forum}")).await;
    let first = spaces.body[spaces.body.find("/foros/espacios/").unwrap() + 16..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>();
    let edit = f.get(&format!("/foros/espacios/{first}/editar")).await;
    assert_eq!(edit.status, StatusCode::OK);
    edit.assert_contains(&speaker);
    let page = f
        .post(
            &format!("/foros/espacios/{first}/editar"),
            &[("title", "Sí"), ("speakers", &speaker), ("kind", "debate")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Escriba un título de al menos 5 caracteres");
    let page = f
        .post(
            &format!("/foros/espacios/{first}/editar"),
            &[
                ("title", "Conferencia de apertura"),
                ("speakers", &speaker),
                ("kind", "debate"),
                ("revision", "0"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    // a second facilitator's form, filled before that save, would undo it: refused, kept
    let page = f
        .post(
            &format!("/foros/espacios/{first}/editar"),
            &[
                ("title", "Conferencia inaugural"),
                ("speakers", &speaker),
                ("revision", "0"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    page.assert_contains("Alguien guardó cambios")
        .assert_contains("Conferencia inaugural");
    app.get(&format!("/foros/espacios/{first}"))
        .await
        .assert_contains("Conferencia de apertura")
        .assert_contains("· Conferencia</p>");
    let page = app.get(&format!("/foros/{forum}")).await;
    page.assert_contains("Conferencias")
        .assert_contains("Mesas de debate")
        .assert_contains("Aportes")
        .assert_contains("Innovaciones")
        .assert_contains("Talleres de mejora")
        .assert_contains("Marta Rodríguez")
        .assert_contains("Rosa Mamani")
        .assert_contains("Participan 3 personas");
    app.get("/foros")
        .await
        .assert_contains("Foro de intercambio 2026");
    // the forum's settings can be corrected by its facilitators only
    assert_eq!(
        p.get(&format!("/foros/{forum}/editar")).await.status,
        StatusCode::FORBIDDEN
    );
    f.get(&format!("/foros/{forum}/editar"))
        .await
        .assert_contains("Foro de intercambio 2026")
        .assert_contains(r#"name="revision" value="0""#);
    let settings = |title: &'static str| {
        [
            ("title", title),
            ("description", "Nueva presentación"),
            ("time_zone", "America/Lima"),
            ("revision", "0"),
        ]
    };
    let page = f
        .post(&format!("/foros/{forum}/editar"), &settings("F"))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Nueva presentación");
    let page = f
        .post(
            &format!("/foros/{forum}/editar"),
            &settings("Foro de intercambio 2026-2027"),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    // a second facilitator's settings form, filled before that save, would undo it: refused,
    // with what they typed kept; so is a form that names no revision at all
    let co = app.facilitator("Elena Torres").await;
    let co_email = "elena.torres@example.org";
    let page = f
        .post(
            &format!("/foros/{forum}/editar"),
            &[
                ("title", "Foro de intercambio 2026-2027"),
                ("description", "Nueva presentación"),
                ("time_zone", "America/Lima"),
                ("facilitators", co_email),
                ("revision", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = co
        .post(
            &format!("/foros/{forum}/editar"),
            &settings("Foro regional 2026"),
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    page.assert_contains("Alguien guardó cambios")
        .assert_contains("Foro regional 2026");
    let mut stale = settings("Foro regional 2026").to_vec();
    stale.pop();
    let page = co.post(&format!("/foros/{forum}/editar"), &stale).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    app.get(&format!("/foros/{forum}"))
        .await
        .assert_contains("Foro de intercambio 2026-2027")
        .assert_contains("Marta Rodríguez");
}

async fn participation_is_recorded(app: TestApp) {
    let (f, forum, space) = app.forum_with_space("contribution", &[]).await;
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let (jorge, _) = app.member("Jorge Quispe", forum).await;
    rosa.post_topic(space, &[("title", "Un aporte"), ("body", "Texto.")])
        .await;
    for _ in 0..3 {
        jorge.get(&format!("/foros/espacios/{space}")).await;
    }
    // live refreshes of an open page are not reads
    jorge.get(&format!("/foros/espacios/{space}?vivo=1")).await;
    let page = f.get(&format!("/foros/{forum}/participacion")).await;
    assert_eq!(page.status, StatusCode::OK);
    let row = |name: &str| {
        let i = page.body.find(name).unwrap();
        page.body[i..i + page.body[i..].find("</tr>").unwrap()].to_string()
    };
    assert!(
        row("Jorge Quispe").contains("<td>0</td><td>3</td>"),
        "{}",
        row("Jorge Quispe")
    );
    assert!(row("Rosa Mamani").contains("<td>1</td>"));
    assert_eq!(
        rosa.get(&format!("/foros/{forum}/participacion"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

async fn facilitators_attach_a_reference_document_or_a_video(app: TestApp) {
    let (f, forum, space) = app
        .forum_with_space(
            "debate",
            &[("question", "¿Debe el plan partir del territorio vivido?")],
        )
        .await;
    let pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n";
    // a participant may not attach
    let (rosa, _) = app.member("Rosa Mamani", forum).await;
    let page = rosa
        .upload(&format!("/foros/espacios/{space}/archivo"), "doc.pdf", pdf)
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // a disguised file is refused with a clear message
    let page = f
        .upload(
            &format!("/foros/espacios/{space}/archivo"),
            "doc.pdf",
            b"MZ\x90\x00 not a pdf",
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    f.get(&page.location())
        .await
        .assert_contains("no corresponde a su nombre");
    let png = [
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
    ];
    let page = f
        .upload(
            &format!("/foros/espacios/{space}/archivo"),
            "foto.png",
            &png,
        )
        .await;
    f.get(&page.location())
        .await
        .assert_contains("Solo se aceptan archivos PDF, MP4, WebM o MP3");
    let page = f
        .upload(
            &format!("/foros/espacios/{space}/archivo"),
            "Documento de referencia.pdf",
            pdf,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/foros/espacios/{space}")).await;
    // the link is a valid address (sixth trial: a raw space in the href)
    page.assert_contains("Descargar el documento")
        .assert_contains("Documento de referencia.pdf")
        .assert_contains(&format!(
            r#"href="/foros/espacios/{space}/archivo/Documento%20de%20referencia.pdf""#
        ));
    let file = app
        .get(&format!(
            "/foros/espacios/{space}/archivo/Documento%20de%20referencia.pdf"
        ))
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.headers["content-type"], "application/pdf");
    assert!(file.body.starts_with("%PDF"));
}
