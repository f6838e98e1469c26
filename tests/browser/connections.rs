//! The connections journey: Rosa finds a sheet that offers what she seeks, proposes an
//! exchange, Jorge accepts, they write to each other (one message carries a file), and Rosa
//! sees Jorge's contact only once he has accepted. Every page goes through axe.

use super::Journey;
use fantoccini::Locator;

const JORGE: &str = "jorge.quispe@demo.ayni";

pub async fn exchange(j: &mut Journey, dir: &std::path::Path) {
    let password = ayni::demo::DEMO_PASSWORD;
    j.sign_in("rosa.mamani@demo.ayni", password).await;
    j.go("/personas").await;
    j.go("/cuenta/perfil").await;
    // the catalogue's facet finds sheets that offer something; Jorge's quinua is one
    j.go("/experiencias?intercambio=ofrece&q=quinua").await;
    let sheet =
        j.c.find(Locator::Css(
            "a[href*='produccion-y-comercializacion-asociativa-de-quinua']",
        ))
        .await;
    let Ok(sheet) = sheet else {
        j.expect(false, "the offers facet lists Jorge's quinua sheet");
        return;
    };
    j.click_and_wait(sheet).await;
    let body = j.body().await;
    j.expect(
        body.contains("Qué podemos compartir"),
        "the sheet shows what it offers",
    );
    let propose =
        j.c.find(Locator::Css("a.button[href$='/solicitar']"))
            .await
            .unwrap();
    j.click_and_wait(propose).await;
    j.fill(
        "purpose",
        "En Sajama queremos aprender cómo venden juntos y cómo consiguieron la certificación.",
    )
    .await;
    j.submit("form[action$='/solicitar']").await;
    let body = j.body().await;
    j.expect(
        body.contains("Propuesta enviada") && !body.contains(JORGE),
        "the request is sent and Jorge's address is not shown before he accepts",
    );
    let request = j.c.current_url().await.unwrap().path().to_string();
    j.sign_out().await;

    // Jorge accepts from his list
    j.sign_in(JORGE, password).await;
    j.go("/notificaciones").await;
    j.go("/intercambios").await;
    j.go(&request).await;
    let accept =
        j.c.find(Locator::Css("button[name='decision'][value='aceptar']"))
            .await
            .unwrap();
    j.click_and_wait(accept).await;
    let body = j.body().await;
    j.expect(
        body.contains("rosa.mamani@demo.ayni") || body.contains("turismo@curahuara.demo"),
        "after accepting, Jorge sees Rosa's chosen contact",
    );
    let open =
        j.c.find(Locator::LinkText("Ir a la conversación"))
            .await
            .unwrap();
    j.click_and_wait(open).await;
    let conversation = j.c.current_url().await.unwrap().path().to_string();
    let file = dir.join("acta-asamblea.pdf");
    std::fs::write(&file, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").unwrap();
    j.fill(
        "body",
        "Les mando el acta de la asamblea donde acordamos los precios.",
    )
    .await;
    j.c.find(Locator::Css("input[type='file']"))
        .await
        .unwrap()
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    j.submit("form[enctype='multipart/form-data']").await;
    let body = j.body().await;
    j.expect(
        body.contains("acta-asamblea.pdf"),
        "Jorge's message carries the file",
    );
    j.sign_out().await;

    // Rosa sees Jorge's contact now, reads, and answers
    j.sign_in("rosa.mamani@demo.ayni", password).await;
    j.go(&request).await;
    let body = j.body().await;
    j.expect(
        body.contains(JORGE),
        "after acceptance Rosa sees Jorge's contact",
    );
    j.go("/mensajes").await;
    j.go(&conversation).await;
    j.fill("body", "¡Gracias, Jorge! Lo leemos en la próxima asamblea.")
        .await;
    j.submit("form[enctype='multipart/form-data']").await;
    let body = j.body().await;
    j.expect(
        body.contains("acta-asamblea.pdf") && body.contains("Lo leemos en la próxima asamblea"),
        "both messages are in the conversation",
    );
    j.sign_out().await;
}
