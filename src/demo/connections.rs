//! Demonstration connections: public profiles with opted-in fields, offers and needs on the
//! first twenty published sheets (taken from their own keys and problems), cooperation wishes,
//! two accepted exchanges with their conversations and one request waiting for an answer.
//! Loaded once (skipped when any exchange request exists); its notifications are shown in the
//! app but never e-mailed. Goes through the same operations as the pages.

use crate::accounts::{self, User};
use crate::connections::offers::{self, OfferDraft};
use crate::connections::profiles::{self, Profile};
use crate::connections::requests::{self, Answer, Ask};
use crate::connections::{Cooperation, Direction, Language, Way, conversations};
use crate::db::Db;
use crate::experiences::{self, Section};

async fn person(db: &Db, email: &str) -> anyhow::Result<User> {
    accounts::find_by_email(db, email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo person {email} missing"))
}

/// (e-mail, bio, languages, contact)
const PROFILES: [(&str, &str, &[Language], &str); 7] = [
    (
        "rosa.mamani@demo.ayni",
        "Técnica de turismo del municipio de Curahuara de Carangas. Trabajo con las comunidades del Sajama en turismo comunitario y cuidado del parque. Me interesa aprender de otros municipios cómo reparten los ingresos del turismo entre las familias.",
        &[Language::Spanish, Language::Aymara],
        "WhatsApp +591 7000 0001 · turismo@curahuara.demo",
    ),
    (
        "jorge.quispe@demo.ayni",
        "Dirigente de una asociación de productores de quinua. Acompaño procesos de comercialización asociativa y certificación orgánica.",
        &[Language::Spanish, Language::Quechua],
        "",
    ),
    (
        "lucia.fernandez@demo.ayni",
        "Planificadora territorial. He acompañado mancomunidades y planes municipales en la Chiquitanía y en el Cusco.",
        &[Language::Spanish, Language::English],
        "lucia.planificacion@demo.ayni",
    ),
    (
        "ana.souza@demo.ayni",
        "Coordenadora de hortas urbanas em Belo Horizonte. Gosto de trocar experiências sobre agricultura urbana e participação.",
        &[Language::Portuguese, Language::Spanish],
        "",
    ),
    (
        "carlos.ramirez@demo.ayni",
        "Equipo técnico de ordenamiento territorial. Compartimos con gusto cómo hicimos nuestro plan con apoyo de otros municipios.",
        &[Language::Spanish],
        "",
    ),
    (
        "elena.torres@demo.ayni",
        "Movilidad urbana y espacio público en El Alto.",
        &[Language::Spanish],
        "",
    ),
    (
        "marta.rodriguez@demo.ayni",
        "Facilitadora de la red de cooperación sur-sur del Centro. Ayudo a que las experiencias pequeñas encuentren pares y cooperación.",
        &[Language::Spanish, Language::Portuguese, Language::English],
        "",
    ),
];

/// The first sentence of a text, at most `max` characters.
fn first_sentence(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = flat.replace(['*', '#', '_'], "");
    let end = flat.find(". ").map(|i| i + 1).unwrap_or(flat.len());
    let cut: String = flat[..end].chars().take(max).collect();
    if cut.chars().count() < flat[..end].chars().count() {
        format!("{}…", cut.trim_end())
    } else {
        cut
    }
}

/// Loads the demo connections; returns how many requests were created.
pub async fn load(db: &Db, now: i64) -> anyhow::Result<usize> {
    let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM exchange_requests")
        .fetch_one(&db.pool)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    for (email, bio, languages, contact) in PROFILES {
        let u = person(db, email).await?;
        let p = Profile {
            listed: true,
            bio: bio.into(),
            languages: languages.to_vec(),
            show_organisation: true,
            show_actor: true,
            show_sheets: true,
            show_activity: email != "elena.torres@demo.ayni",
            contact: contact.into(),
        };
        profiles::save(db, u.id, &p, now)
            .await
            .map_err(|e| anyhow::anyhow!("profile: {:?}", e.key()))?;
    }
    // offers (from each sheet's keys) and needs (from its problems) on twenty sheets
    let ids = experiences::published_ids_after(db, 0, 20).await?;
    for (i, e) in experiences::load_many(db, &ids).await?.iter().enumerate() {
        let c = &e.content;
        let Some(first) = c.themes.first() else {
            continue;
        };
        let keys = c.narrative.get(Section::KeysText);
        let problems = c.narrative.get(Section::Problems);
        if !keys.is_empty() {
            let d = OfferDraft {
                direction: Direction::Offer,
                theme: first.clone(),
                body: first_sentence(keys, 200),
                section: Some(Section::KeysText),
            };
            add(db, e.id, &d, now).await?;
        }
        if !problems.is_empty() {
            let d = OfferDraft {
                direction: Direction::Need,
                theme: c.themes.last().unwrap_or(first).clone(),
                body: first_sentence(problems, 200),
                section: Some(Section::Problems),
            };
            add(db, e.id, &d, now).await?;
        }
        let coop: &[Cooperation] = match i % 5 {
            0 => &[Cooperation::Technical],
            2 => &[Cooperation::SouthSouth],
            4 => &[Cooperation::Financial, Cooperation::Technical],
            _ => &[],
        };
        if !coop.is_empty() {
            offers::set_cooperation(db, e.id, coop).await?;
        }
    }
    let sheet = async |key: &str| -> anyhow::Result<experiences::Experience> {
        let id = experiences::find_demo(db, key)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo sheet {key} missing"))?;
        experiences::load(db, id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo sheet {key} missing"))
    };
    let sajama = sheet("bo-01-turismo-comunitario-sajama").await?;
    let ollantaytambo = sheet("pe-02-centro-historico-vivo-ollantaytambo").await?;
    let tiquipaya = sheet("bo-04-ptdi-tiquipaya").await?;
    let sucre = sheet("bo-05-pmot-sucre-aprendizaje-colombia").await?;
    let el_alto = sheet("bo-06-movilidad-urbana-el-alto").await?;
    let plan_3000 = sheet("bo-25-espacios-publicos-plan-3000").await?;
    let lucia = person(db, "lucia.fernandez@demo.ayni").await?;
    let jorge = person(db, "jorge.quispe@demo.ayni").await?;
    let rosa = person(db, "rosa.mamani@demo.ayni").await?;
    let ana = person(db, "ana.souza@demo.ayni").await?;
    let carlos = person(db, "carlos.ramirez@demo.ayni").await?;
    let elena = person(db, "elena.torres@demo.ayni").await?;
    let day = 86_400;
    let start = now - 20 * day;

    // 1. Lucía (Ollantaytambo) ↔ Sajama: accepted by Jorge, a conversation under way
    let a = exchange(
        db,
        start,
        &lucia,
        Some(&ollantaytambo),
        &sajama,
        "En Ollantaytambo el turismo creció más rápido que nuestras reglas. Queremos conocer cómo en Sajama las comunidades deciden cuántos visitantes reciben y cómo reparten los ingresos.",
        &[Way::Conversation, Way::Video],
    )
    .await?;
    let r = loaded(db, a).await?;
    requests::answer(
        db,
        start + day,
        &jorge,
        requests::Between {
            request: &r,
            from: Some(&ollantaytambo),
            to: &sajama,
        },
        Answer::Accept,
        "Con gusto. Rosa lleva el registro de visitantes; podemos contarles cómo lo acordamos en asamblea.",
    )
    .await
    .map_err(refusal)?;
    let talk = [
        (
            &lucia,
            "Gracias por aceptar. ¿Cómo fijaron el número de visitantes por día? ¿Lo decidió la asamblea o el municipio?",
        ),
        (
            &rosa,
            "Lo decidió la asamblea de las cuatro comunidades, con datos de dos temporadas. El municipio lo puso en una ordenanza para que tenga respaldo.",
        ),
        (
            &jorge,
            "Un detalle que nos sirvió: el fondo comunal recibe un porcentaje fijo de cada entrada, y se rinde cuentas cada seis meses.",
        ),
        (
            &lucia,
            "Muy útil. ¿Podríamos tener una videollamada con la asamblea en marzo? Nosotros podemos contar cómo ordenamos el centro histórico.",
        ),
    ];
    converse(db, a, start + 2 * day, &talk).await?;

    // 2. Ana (Tiquipaya) ↔ Sucre: accepted by Carlos
    let b = exchange(
        db,
        start + 3 * day,
        &ana,
        Some(&tiquipaya),
        &sucre,
        "Queremos aprender cómo Sucre aprovechó el acompañamiento de municipios colombianos para su plan de ordenamiento, y compartir cómo hicimos los talleres distritales del PTDI.",
        &[Way::Video, Way::Documents],
    )
    .await?;
    let r = loaded(db, b).await?;
    requests::answer(
        db,
        start + 4 * day,
        &carlos,
        requests::Between {
            request: &r,
            from: Some(&tiquipaya),
            to: &sucre,
        },
        Answer::Accept,
        "",
    )
    .await
    .map_err(refusal)?;
    let talk = [
        (
            &carlos,
            "Bienvenidas. Les compartimos la guía que usamos con los equipos de Medellín. ¿Qué etapa del plan les interesa más?",
        ),
        (
            &ana,
            "Sobre todo la zonificación con participación de barrios. Obrigada!",
        ),
    ];
    converse(db, b, start + 5 * day, &talk).await?;

    // 3. Elena (El Alto) → Plan 3000 (Rosa): waiting for an answer
    exchange(
        db,
        now - 2 * day,
        &elena,
        Some(&el_alto),
        &plan_3000,
        "En El Alto estamos recuperando plazas con juntas vecinales. Nos gustaría saber cómo organizaron el mantenimiento con los vecinos.",
        &[Way::Conversation, Way::Visit],
    )
    .await?;
    // demo notifications are shown in the app, never e-mailed
    sqlx::query(
        "UPDATE notifications SET email = 'none' WHERE request_id IS NOT NULL OR message_id IS NOT NULL",
    )
    .execute(&db.pool)
    .await?;
    sqlx::query("DELETE FROM jobs WHERE kind = 'email' AND done_at IS NULL AND payload IN (SELECT CAST(id AS TEXT) FROM notifications WHERE email = 'none')")
        .execute(&db.pool)
        .await?;
    Ok(3)
}

fn refusal(r: crate::refusal::Refusal) -> anyhow::Error {
    anyhow::anyhow!("demo refused: {:?}", r.key())
}

async fn add(db: &Db, sheet: i64, d: &OfferDraft, now: i64) -> anyhow::Result<()> {
    offers::add(db, sheet, d, now).await.map_err(refusal)?;
    Ok(())
}

async fn loaded(db: &Db, id: i64) -> anyhow::Result<requests::Request> {
    requests::load(db, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("request {id} missing"))
}

async fn exchange(
    db: &Db,
    at: i64,
    asker: &User,
    from: Option<&experiences::Experience>,
    to: &experiences::Experience,
    purpose: &str,
    ways: &[Way],
) -> anyhow::Result<i64> {
    let ask = Ask {
        from_experience: from.map(|f| f.id),
        purpose: purpose.into(),
        ways: ways.to_vec(),
        reason: String::new(),
    };
    requests::ask(db, at, asker, to, &ask)
        .await
        .map_err(refusal)
}

async fn converse(db: &Db, request: i64, at: i64, talk: &[(&User, &str)]) -> anyhow::Result<()> {
    let r = loaded(db, request).await?;
    let id = r
        .conversation_id
        .ok_or_else(|| anyhow::anyhow!("no conversation"))?;
    let c = conversations::load(db, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no conversation"))?;
    for (i, (who, text)) in talk.iter().enumerate() {
        let html = crate::markdown::render(text);
        conversations::post(db, at + i as i64 * 3600, &c, who, text, &html, None)
            .await
            .map_err(refusal)?;
    }
    Ok(())
}
