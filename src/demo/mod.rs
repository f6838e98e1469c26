//! Demonstration data written for Ayni: people with each role and 63 sheets whose countries
//! follow the 2016 forum report (31 Bolivia, 15 Perú, 2 México, 1 Uruguay, 2 each of seven more), with lessons-learned sections that
//! range from rich to nearly empty, as the report observed. Loading twice changes nothing.

pub mod calls;
pub mod connections;
pub mod forum;

use crate::accounts::{self, Profile, Role};
use crate::db::Db;
use crate::experiences::{self, ExperienceContent, Narrative, Section};
use serde::Deserialize;

/// Every demo account uses this password (documented in the README).
pub const DEMO_PASSWORD: &str = "ayni-demo-2026";

/// (e-mail, name, role, country, organisation, actor type)
const PEOPLE: &[(&str, &str, Role, &str, &str, &str)] = &[
    (
        "rosa.mamani@demo.ayni",
        "Rosa Mamani",
        Role::Participant,
        "BO",
        "Gobierno Autónomo Municipal de Curahuara de Carangas",
        "autoridades-locales",
    ),
    (
        "jorge.quispe@demo.ayni",
        "Jorge Quispe",
        Role::Participant,
        "PE",
        "Asociación de Productores de Quinua de Puno",
        "pequenos-productores",
    ),
    (
        "lucia.fernandez@demo.ayni",
        "Lucía Fernández",
        Role::Participant,
        "BO",
        "Fundación Tierra Viva",
        "organizaciones-sociales",
    ),
    (
        "ana.souza@demo.ayni",
        "Ana Souza",
        Role::Participant,
        "BR",
        "Consórcio Intermunicipal do Vale",
        "autoridades-locales",
    ),
    (
        "carlos.ramirez@demo.ayni",
        "Carlos Ramírez",
        Role::Participant,
        "CO",
        "Universidad del Territorio",
        "universidades",
    ),
    (
        "elena.torres@demo.ayni",
        "Elena Torres",
        Role::Participant,
        "MX",
        "Comisariado de Bienes Comunales",
        "lideres-comunitarios",
    ),
    (
        "marta.rodriguez@demo.ayni",
        "Marta Rodríguez",
        Role::Facilitator,
        "UY",
        "Centro Latinoamericano de Economía Humana",
        "organizaciones-sociales",
    ),
    (
        "pablo.vargas@demo.ayni",
        "Pablo Vargas",
        Role::Facilitator,
        "BO",
        "Centro Boliviano de Estudios Multidisciplinarios",
        "organizaciones-sociales",
    ),
    (
        "admin@demo.ayni",
        "Administración Ayni",
        Role::Admin,
        "BO",
        "Centro Virtual de Excelencia",
        "",
    ),
];

#[derive(Deserialize)]
struct DemoSheet {
    key: String,
    title: String,
    summary: String,
    country: String,
    place: String,
    lat: Option<f64>,
    lon: Option<f64>,
    scale: String,
    status: String,
    year_start: Option<i64>,
    year_end: Option<i64>,
    themes: Vec<String>,
    actor_types: Vec<String>,
    modalities: Vec<String>,
    partners: String,
    #[serde(flatten)]
    narrative: Narrative,
    contact_name: String,
    contact_email: String,
    links: Vec<String>,
    language: String,
    owner: usize,
    earlier: Option<serde_json::Map<String, serde_json::Value>>,
}

impl DemoSheet {
    fn content(&self) -> ExperienceContent {
        ExperienceContent {
            language: self.language.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            country: self.country.clone(),
            place: self.place.clone(),
            latitude: self.lat,
            longitude: self.lon,
            scale: self.scale.clone(),
            status: self.status.clone(),
            year_start: self.year_start,
            year_end: self.year_end,
            themes: self.themes.clone(),
            actor_types: self.actor_types.clone(),
            modalities: self.modalities.clone(),
            partners: self.partners.clone(),
            narrative: self.narrative.clone(),
            contact_name: self.contact_name.clone(),
            contact_email: self.contact_email.clone(),
            links: self.links.clone(),
        }
    }

    /// The first version of a sheet that was later improved.
    fn earlier_content(&self) -> Option<ExperienceContent> {
        let earlier = self.earlier.as_ref()?;
        let mut c = self.content();
        for (field, value) in earlier {
            let text = value.as_str().unwrap_or("").to_string();
            c.narrative.take(field, text);
        }
        Some(c)
    }
}

const SHEETS: &str = include_str!("experiences.json");

/// Loads the demonstration people and sheets; returns a one-line report.
pub async fn load(db: &Db) -> anyhow::Result<String> {
    let mut user_ids = Vec::new();
    let mut new_people = 0;
    for (email, name, role, country, organisation, actor) in PEOPLE {
        let id = match accounts::find_by_email(db, email).await? {
            Some(u) => u.id,
            None => {
                new_people += 1;
                let profile = Profile {
                    name: name.to_string(),
                    country: Some(country.to_string()),
                    organisation: organisation.to_string(),
                    actor_type: actor.to_string(),
                    lang: if *country == "BR" {
                        "pt".into()
                    } else {
                        "es".into()
                    },
                };
                let account = accounts::NewAccount {
                    email: accounts::Email::parse(email).map_err(anyhow::Error::msg)?,
                    password: DEMO_PASSWORD.into(),
                    profile,
                };
                let id = match accounts::register(db, account, *role).await? {
                    accounts::Registered::New { id, .. } => id,
                    accounts::Registered::Unconfirmed { user, .. }
                    | accounts::Registered::Confirmed(user) => user.id,
                };
                accounts::confirm_email(db, id).await?;
                id
            }
        };
        user_ids.push(id);
    }
    let sheets: Vec<DemoSheet> = serde_json::from_str(SHEETS)?;
    let mut new_sheets = 0;
    for s in &sheets {
        let owner = user_ids[s.owner.min(5)];
        let earlier = s.earlier_content();
        if experiences::insert_demo(db, &s.key, owner, &s.content(), earlier.as_ref(), true)
            .await?
            .is_some()
        {
            new_sheets += 1;
        }
    }
    // Jorge co-edits Rosa's first sheet (the co-editor role, ready to try)
    if let Some(first) = sheets.iter().find(|s| s.owner == 0)
        && let Some(id) = experiences::find_demo(db, &first.key).await?
    {
        experiences::add_coeditor(db, id, user_ids[1]).await?;
    }
    let keys: Vec<String> = sheets.iter().map(|s| s.key.clone()).collect();
    let call_2016 = calls::load(db, &keys).await?;
    let forum = forum::load(db, Some(call_2016)).await?;
    let exchanges = connections::load(db, crate::now()).await?;
    Ok(format!(
        "demo data: {new_people} new people, {new_sheets} new sheets, {forum}, {exchanges} new exchanges ({} people and {} sheets in the demo set; password for all: {DEMO_PASSWORD})",
        PEOPLE.len(),
        sheets.len()
    ))
}

/// Adds `count` synthetic published sheets (for benchmarks): the demo sheets recombined with
/// other places, years and partners, keeping the report's country proportions. Idempotent:
/// sheet `n` has the key `syn-n`, so asking for more later only adds the missing ones.
pub async fn load_synthetic(
    db: &Db,
    count: usize,
    mut progress: impl FnMut(usize),
) -> anyhow::Result<usize> {
    load(db).await?;
    let sheets: Vec<DemoSheet> = serde_json::from_str(SHEETS)?;
    let owners: Vec<i64> = {
        let mut v = Vec::new();
        for (email, ..) in PEOPLE.iter().take(6) {
            if let Some(u) = accounts::find_by_email(db, email).await? {
                v.push(u.id);
            }
        }
        v
    };
    const SUFFIXES: [&str; 12] = [
        "fase II",
        "réplica comunitaria",
        "segunda etapa",
        "ampliación regional",
        "con jóvenes",
        "con mujeres lideresas",
        "en comunidades rurales",
        "red de municipios",
        "piloto urbano",
        "con escuelas",
        "en zonas de frontera",
        "ciclo 2016",
    ];
    let mut added = 0;
    for n in 0..count {
        let base = &sheets[n % sheets.len()];
        let mut c = base.content();
        let round = n / sheets.len();
        c.title = format!(
            "{} — {} {}",
            base.title,
            SUFFIXES[round % SUFFIXES.len()],
            round + 1
        );
        c.year_start = base.year_start.map(|y| 2005 + (y + round as i64) % 12);
        c.latitude = base
            .lat
            .map(|v| v + ((n * 7919) % 100) as f64 / 100.0 - 0.5);
        c.longitude = base
            .lon
            .map(|v| v + ((n * 104729) % 100) as f64 / 100.0 - 0.5);
        if round % 3 == 1 {
            c.narrative.set(Section::Lessons, "");
        }
        if experiences::insert_demo(
            db,
            &format!("syn-{n}"),
            owners[n % owners.len()],
            &c,
            None,
            true,
        )
        .await?
        .is_some()
        {
            added += 1;
        }
        if n % 500 == 0 {
            progress(n);
        }
    }
    progress(count);
    Ok(added)
}
