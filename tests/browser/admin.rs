//! The administration journey: the admin appoints Elena as facilitator; Elena creates a
//! call, moves its dates and closes it; the admin retires a theme and merges two actor
//! types; Rosa downloads her data and asks to change her e-mail; Jorge deletes his account
//! and the sheet he co-edited stays with Rosa. Every page goes through axe.

use super::Journey;
use fantoccini::Locator;

pub async fn administration(j: &mut Journey) {
    let password = ayni::demo::DEMO_PASSWORD;
    j.sign_in("admin@demo.ayni", password).await;
    j.go("/admin").await;
    j.go("/admin/personas?q=elena").await;
    let elena = j.c.find(Locator::LinkText("Elena Torres")).await.unwrap();
    j.click_and_wait(elena).await;
    j.c.find(Locator::Css("input[name='role'][value='facilitator']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    j.submit("form[action$='/rol']").await;
    let body = j.body().await;
    j.expect(body.contains("Rol guardado"), "the admin appoints Elena");
    // taxonomies: retire a theme, merge two actor types
    j.go("/admin/taxonomias").await;
    j.c.find(Locator::Css("#voc-theme + ul li:last-child summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let retire =
        j.c.find(Locator::Css(
            "#voc-theme + ul li:last-child button[value='retirar']",
        ))
        .await
        .unwrap();
    j.click_and_wait(retire).await;
    let body = j.body().await;
    j.expect(
        body.contains("Término retirado"),
        "the admin retires a theme",
    );
    let summary =
        j.c.find(Locator::Css("#voc-actor + ul li:first-child summary"))
            .await
            .unwrap();
    summary.click().await.unwrap();
    let option =
        j.c.find(Locator::Css(
            "#voc-actor + ul li:first-child form[action$='/fusionar'] option:nth-child(2)",
        ))
        .await
        .unwrap();
    option.click().await.unwrap();
    j.submit("#voc-actor + ul li:first-child form[action$='/fusionar']")
        .await;
    let body = j.body().await;
    j.expect(
        body.contains("Términos fusionados"),
        "the admin merges two actor types",
    );
    j.go("/admin/registro").await;
    j.sign_out().await;

    // Elena, now a facilitator, creates a call, moves its dates and closes it
    j.sign_in("elena.torres@demo.ayni", password).await;
    j.go("/convocatorias/nueva").await;
    j.fill("title", "Convocatoria de movilidad urbana 2027")
        .await;
    let date = |days: i64| ayni::clock::local_input(ayni::now() + days * 86_400, "America/La_Paz");
    for (field, value) in [("opens_at", date(1)), ("closes_at", date(20))] {
        j.c.execute(
            &format!("document.getElementById('{field}').value = arguments[0];"),
            vec![serde_json::json!(value)],
        )
        .await
        .unwrap();
    }
    j.submit("form[action='/convocatorias/nueva']").await;
    let call = j.c.current_url().await.unwrap().path().to_string();
    j.expect(call.starts_with("/convocatorias/"), "Elena created a call");
    j.go(&format!("{call}/editar")).await;
    j.c.execute(
        "document.getElementById('opens_at').value = arguments[0];",
        vec![serde_json::json!(date(-1))],
    )
    .await
    .unwrap();
    j.submit(&format!("form[action='{call}/editar']")).await;
    let body = j.body().await;
    j.expect(
        body.contains("Abierta"),
        "the call opened once its dates moved",
    );
    j.submit(&format!("form[action='{call}/cerrar']")).await;
    let body = j.body().await;
    j.expect(body.contains("Cerrada"), "Elena closed the call");
    j.sign_out().await;

    // Rosa: her data, then a new e-mail address (confirmed from the new mailbox)
    j.sign_in("rosa.mamani@demo.ayni", password).await;
    j.go("/cuenta/privacidad").await;
    let status = j
        .c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch('/cuenta/datos', {credentials: 'same-origin'}).then(r => r.text()).then(t => done(t.includes('rosa.mamani@demo.ayni')));",
            vec![],
        )
        .await
        .unwrap();
    j.expect(status == serde_json::json!(true), "Rosa downloads her data");
    j.fill("email", "rosa.nueva@demo.ayni").await;
    j.c.find(Locator::Css(
        "form[action='/cuenta/correo'] input[name='current']",
    ))
    .await
    .unwrap()
    .send_keys(password)
    .await
    .unwrap();
    j.submit("form[action='/cuenta/correo']").await;
    let body = j.body().await;
    j.expect(
        body.contains("Le enviamos un enlace a la nueva dirección"),
        "Rosa asks to change her e-mail",
    );
    j.sign_out().await;

    // Jorge deletes his account; Sajama (he co-edited it) stays Rosa's
    j.sign_in("jorge.quispe@demo.ayni", password).await;
    j.go("/cuenta/privacidad").await;
    j.c.find(Locator::Css("input[name='confirm']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let current =
        j.c.find(Locator::Css(
            "form[action='/cuenta/borrar'] input[name='current']",
        ))
        .await
        .unwrap();
    current.send_keys(password).await.unwrap();
    j.submit("form[action='/cuenta/borrar']").await;
    let body = j.body().await;
    j.expect(body.contains("Cuenta borrada"), "Jorge deleted his account");
    j.go("/experiencias?q=Sajama").await;
    let body = j.body().await;
    j.expect(
        body.contains("Turismo comunitario en el Parque Nacional Sajama"),
        "the sheet Jorge co-edited stays",
    );
}
