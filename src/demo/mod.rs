//! Demonstration data written for Ayni: people with each role and 63 sheets whose countries
//! follow the 2016 forum report (31 Bolivia, 15 Perú, 2 México, 1 Uruguay, 2 each of seven more), with lessons-learned sections that
//! range from rich to nearly empty, as the report observed. Loading twice changes nothing.

pub mod calls;
pub mod connections;
pub mod forum;

use crate::accounts::{self, Profile, Role};
use crate::db::Db;
use crate::experiences::{self, ExperienceContent, Section};
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

/// A demonstration sheet: its content as stored, with its stable key, its owner (an index
/// into `PEOPLE`) and, for a sheet that was improved later, the sections of its first version.
#[derive(Deserialize)]
struct DemoSheet {
    key: String,
    owner: usize,
    earlier: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(flatten)]
    content: ExperienceContent,
}

impl DemoSheet {
    /// The first version of a sheet that was later improved.
    fn earlier_content(&self) -> Option<ExperienceContent> {
        let earlier = self.earlier.as_ref()?;
        let mut c = self.content.clone();
        for (field, value) in earlier {
            let text = value.as_str().unwrap_or("").to_string();
            c.narrative.take(field, text);
        }
        Some(c)
    }
}

const SHEETS: &str = include_str!("experiences.json");

/// Loads the demonstration people and sheets; returns a one-line report. Instances started
/// together with `--demo` on one PostgreSQL database take turns (an advisory lock): the
/// second finds everything there.
pub async fn load(db: &Db) -> anyhow::Result<String> {
    use sqlx::Executor;
    // one load at a time in this process, and across instances on PostgreSQL
    static IN_PROCESS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _turn = IN_PROCESS.lock().await;
    if db.backend != crate::db::Backend::Postgres {
        return load_once(db).await;
    }
    let mut lock = db.pool.acquire().await?;
    lock.execute("SELECT pg_advisory_lock(72617)").await?;
    let result = load_once(db).await;
    lock.execute("SELECT pg_advisory_unlock(72617)").await?;
    result
}

async fn load_once(db: &Db) -> anyhow::Result<String> {
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
        if experiences::insert_demo(db, &s.key, owner, &s.content, earlier.as_ref(), true)
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
        let mut c = base.content.clone();
        let round = n / sheets.len();
        c.title = format!(
            "{} — {} {}",
            base.content.title,
            SUFFIXES[round % SUFFIXES.len()],
            round + 1
        );
        c.year_start = c.year_start.map(|y| 2005 + (y + round as i64) % 12);
        c.latitude = c
            .latitude
            .map(|v| v + ((n * 7919) % 100) as f64 / 100.0 - 0.5);
        c.longitude = c
            .longitude
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
