//! Demonstration calls, so a newcomer can try the whole review cycle: the 2016 call that
//! gathered the report's experiences (closed; every demo sheet approved; linked to the demo
//! forum), and an open continuous call with one submission waiting for the facilitators.
//! Idempotent by title.

use crate::accounts;
use crate::calls::{self, CallDraft, CallKind, NewQuestion, QuestionKind, ReviewPolicy};
use crate::db::Db;
use crate::experiences::{self, ExperienceContent, Section};

pub const CALL_2016: &str =
    "Foro Virtual 2016: experiencias de cooperación para el desarrollo territorial";
pub const CALL_OPEN: &str = "Convocatoria permanente: cooperación sur-sur entre territorios";
/// Demo key of the sheet waiting for review in the open call.
const WAITING_KEY: &str = "pendiente-huertas-bh";

async fn call_by_title(db: &Db, title: &str) -> anyhow::Result<Option<i64>> {
    Ok(calls::list(db)
        .await?
        .into_iter()
        .find(|c| c.title == title)
        .map(|c| c.id))
}

async fn person(db: &Db, email: &str) -> anyhow::Result<accounts::User> {
    accounts::find_by_email(db, email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo person {email} missing"))
}

/// Loads both calls; returns the 2016 call's id (the demo forum links to it).
pub async fn load(db: &Db, sheet_keys: &[String]) -> anyhow::Result<i64> {
    let marta = person(db, "marta.rodriguez@demo.ayni").await?;
    let pablo = person(db, "pablo.vargas@demo.ayni").await?;
    let facilitators = [
        "marta.rodriguez@demo.ayni".to_string(),
        "pablo.vargas@demo.ayni".to_string(),
    ];
    let call_2016 = match call_by_title(db, CALL_2016).await? {
        Some(id) => id,
        None => {
            let draft = CallDraft {
                title: CALL_2016.into(),
                description: "Convocatoria del Foro Virtual de intercambio de experiencias de cooperación para el desarrollo territorial en América Latina y el Caribe (noviembre de 2016). Se inscribieron 63 experiencias de once países.".into(),
                instructions: "Inscriba su experiencia **finalizada o en proceso** completando la ficha: objetivos, acciones, actores y alianzas, problemas abordados, claves para superarlos, resultados y aprendizajes.".into(),
                kind: CallKind::Periodic,
                opens_at: crate::clock::parse_local("2016-10-01T00:00", "America/La_Paz"),
                closes_at: crate::clock::parse_local("2016-11-01T00:00", "America/La_Paz"),
                time_zone: "America/La_Paz".into(),
                review_policy: ReviewPolicy::Review,
                eligible_countries: vec![],
                eligible_themes: vec![],
                facilitator_emails: facilitators.to_vec(),
                questions: vec![NewQuestion {
                    kind: QuestionKind::Single,
                    label: "¿La experiencia está finalizada o en proceso?".into(),
                    options: vec!["Finalizada".into(), "En proceso".into()],
                    required: false,
                }],
            };
            let call = calls::create(db, &pablo, &draft)
                .await
                .map_err(|r| anyhow::anyhow!("demo call refused: {r:?}"))?;
            for key in sheet_keys {
                let Some(sheet) = experiences::find_demo(db, key).await? else {
                    continue;
                };
                let Some(e) = experiences::load(db, sheet).await? else {
                    continue;
                };
                // history: submitted in 2016, approved; nobody needs telling today
                let sid = calls::upsert_submission(db, call, sheet, e.owner_id, "approved", &[])
                    .await?
                    .id();
                let step = calls::Decision {
                    submission: sid,
                    experience: sheet,
                    by: pablo.id,
                    decision: "approve",
                    from: "approved",
                    state: "approved",
                    comment: "",
                };
                calls::decide(db, &step, None).await?;
            }
            call
        }
    };
    if call_by_title(db, CALL_OPEN).await?.is_none() {
        let draft = CallDraft {
            title: CALL_OPEN.into(),
            description: "Recibimos en todo momento experiencias que cooperan con otros territorios de la región (sur-sur, triangular, descentralizada) o que buscan hacerlo.".into(),
            instructions: "Complete la ficha con especial cuidado en las **claves**, los **resultados** y los **aprendizajes**: son lo que otro territorio necesita para replicarla. El equipo facilitador la revisa antes de publicarla.".into(),
            kind: CallKind::Continuous,
            opens_at: None,
            closes_at: None,
            time_zone: "America/Lima".into(),
            review_policy: ReviewPolicy::Review,
            eligible_countries: vec![],
            eligible_themes: vec![],
            facilitator_emails: vec!["marta.rodriguez@demo.ayni".into()],
            questions: vec![NewQuestion {
                kind: QuestionKind::Long,
                label: "¿Con qué territorio le gustaría intercambiar, y para qué?".into(),
                options: vec![],
                required: true,
            }],
        };
        let call = calls::create(db, &marta, &draft)
            .await
            .map_err(|r| anyhow::anyhow!("demo call refused: {r:?}"))?;
        let ana = person(db, "ana.souza@demo.ayni").await?.id;
        let sheet = match experiences::find_demo(db, WAITING_KEY).await? {
            Some(id) => id,
            None => experiences::insert_demo(db, WAITING_KEY, ana, &waiting_sheet(), None, false)
                .await?
                .ok_or_else(|| anyhow::anyhow!("waiting sheet"))?,
        };
        let question = calls::questions(db, call).await?;
        let answers: Vec<(i64, String)> = question
            .iter()
            .map(|q| (q.id, "Com municípios do altiplano boliviano que trabalham com feiras de sementes, para trocar o que aprendemos sobre gestão comunitária das hortas.".to_string()))
            .collect();
        calls::upsert_submission(db, call, sheet, ana, "submitted", &answers).await?;
    }
    Ok(call_2016)
}

/// A draft in Portuguese, complete enough to be approved, waiting in the open call.
fn waiting_sheet() -> ExperienceContent {
    let mut c = ExperienceContent {
        language: "pt".into(),
        title: "Hortas comunitárias nas periferias de Belo Horizonte".into(),
        summary: "Quarenta famílias cultivam hortas em terrenos públicos ociosos, com apoio da prefeitura e de uma rede de agricultura urbana.".into(),
        country: "BR".into(),
        place: "Minas Gerais / Belo Horizonte".into(),
        latitude: Some(-19.92),
        longitude: Some(-43.94),
        scale: "municipal".into(),
        status: "ongoing".into(),
        year_start: Some(2019),
        year_end: None,
        themes: vec!["medio-ambiente".into(), "economia-social".into()],
        actor_types: vec!["organizaciones-sociales".into(), "autoridades-locales".into()],
        modalities: vec!["sur-sur".into()],
        partners: "Prefeitura de Belo Horizonte; Rede de Agricultura Urbana".into(),
        contact_name: "Ana Souza".into(),
        contact_email: "hortas.bh@demo.ayni".into(),
        links: vec![],
        ..Default::default()
    };
    for (section, text) in [
        (
            Section::Objectives,
            "Produzir alimentos saudáveis perto de casa e transformar terrenos abandonados em espaços de encontro.",
        ),
        (
            Section::Actions,
            "Cessão de terrenos por cinco anos, oficinas de compostagem, feira mensal de excedentes.",
        ),
        (
            Section::ActorsText,
            "Famílias dos bairros, a secretaria municipal de segurança alimentar e a rede de agricultura urbana.",
        ),
        (
            Section::Problems,
            "Terrenos públicos ociosos acumulavam lixo e as famílias gastavam metade da renda com alimentos.",
        ),
        (
            Section::KeysText,
            "Um acordo escrito de uso dos terrenos e uma coordenação rotativa entre as famílias.",
        ),
        (
            Section::Results,
            "Em 2023, as 40 famílias reduziram em 30% o gasto com verduras e a feira mensal vende 400 kg.",
        ),
        (
            Section::Lessons,
            "A coordenação rotativa evitou que o projeto dependesse de uma só liderança; o acordo escrito deu segurança para investir no solo.",
        ),
        (
            Section::Replication,
            "Terrenos públicos disponíveis, uma secretaria disposta a assinar acordos de uso e um grupo inicial de dez famílias.",
        ),
    ] {
        c.narrative.set(section, text);
    }
    c
}
