//! The sheet form as typed: every value a string, so nothing typed is ever lost; built from
//! the submitted pairs (narrative sections found through their table), turned back into
//! pairs, and merged after a concurrent save.

use super::sections::{Narrative, Section};
use serde::Deserialize;

/// The sheet form as typed (every value a string, so nothing typed is ever lost).
#[derive(Debug, Clone, Default)]
pub struct ExperienceForm {
    pub language: String,
    pub title: String,
    pub summary: String,
    pub country: String,
    pub place: String,
    pub latitude: String,
    pub longitude: String,
    pub scale: String,
    pub status: String,
    pub year_start: String,
    pub year_end: String,
    pub themes: Vec<String>,
    pub actor_types: Vec<String>,
    pub modalities: Vec<String>,
    pub partners: String,
    pub narrative: Narrative,
    pub contact_name: String,
    pub contact_email: String,
    pub links: String,
    pub version: String,
    /// Optional description of this change, kept with the revision.
    pub note: String,
}

impl ExperienceForm {
    pub fn section(&self, field: &str) -> &str {
        Section::parse(field).map_or("", |s| self.narrative.get(s))
    }
    /// The form as pairs, as a browser would submit it (the inverse of `from_pairs`).
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut out: Vec<(&str, &str)> = vec![
            ("language", &self.language),
            ("title", &self.title),
            ("summary", &self.summary),
            ("country", &self.country),
            ("place", &self.place),
            ("latitude", &self.latitude),
            ("longitude", &self.longitude),
            ("scale", &self.scale),
            ("status", &self.status),
            ("year_start", &self.year_start),
            ("year_end", &self.year_end),
            ("partners", &self.partners),
            ("contact_name", &self.contact_name),
            ("contact_email", &self.contact_email),
            ("links", &self.links),
            ("version", &self.version),
            ("note", &self.note),
        ];
        out.extend(self.themes.iter().map(|v| ("themes", v.as_str())));
        out.extend(self.actor_types.iter().map(|v| ("actor_types", v.as_str())));
        out.extend(self.modalities.iter().map(|v| ("modalities", v.as_str())));
        out.extend(self.narrative.iter().map(|(s, t)| (s.code(), t)));
        out.into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// After a concurrent save: what this editor typed where they changed something since
    /// `base` (the version their form was loaded from), and `current` (the other editor's
    /// save) everywhere else, so saving again keeps both people's work.
    pub fn merged(&self, base: &ExperienceForm, current: &ExperienceForm) -> ExperienceForm {
        let (mine, base, current) = (self.to_pairs(), base.to_pairs(), current.to_pairs());
        let values = |pairs: &[(String, String)], key: &str| -> Vec<String> {
            pairs
                .iter()
                .filter(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let mut keys: Vec<&String> = Vec::new();
        for (k, _) in current.iter().chain(&mine) {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        let mut pairs = Vec::new();
        for key in keys {
            let typed = values(&mine, key);
            let chosen = if key != "note" && typed == values(&base, key) {
                values(&current, key)
            } else {
                typed
            };
            pairs.extend(chosen.into_iter().map(|v| (key.clone(), v)));
        }
        let version = values(&current, "version").pop().unwrap_or_default();
        let mut merged = ExperienceForm::from_pairs(pairs);
        merged.version = version;
        merged
    }

    /// The form from the submitted pairs, as typed: lists collect repeated keys, every
    /// narrative section is found through its table, unknown keys are ignored.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> ExperienceForm {
        let mut f = ExperienceForm::default();
        for (key, value) in pairs {
            let slot = match key.as_str() {
                "language" => &mut f.language,
                "title" => &mut f.title,
                "summary" => &mut f.summary,
                "country" => &mut f.country,
                "place" => &mut f.place,
                "latitude" => &mut f.latitude,
                "longitude" => &mut f.longitude,
                "scale" => &mut f.scale,
                "status" => &mut f.status,
                "year_start" => &mut f.year_start,
                "year_end" => &mut f.year_end,
                "partners" => &mut f.partners,
                "contact_name" => &mut f.contact_name,
                "contact_email" => &mut f.contact_email,
                "links" => &mut f.links,
                "version" => &mut f.version,
                "note" => &mut f.note,
                "themes" => {
                    f.themes.push(value);
                    continue;
                }
                "actor_types" => {
                    f.actor_types.push(value);
                    continue;
                }
                "modalities" => {
                    f.modalities.push(value);
                    continue;
                }
                other => {
                    f.narrative.take(other, value);
                    continue;
                }
            };
            *slot = value;
        }
        f
    }
    pub fn has(&self, list: &str, code: &str) -> bool {
        let v = match list {
            "themes" => &self.themes,
            "actor_types" => &self.actor_types,
            "scale" => return self.scale == code,
            _ => &self.modalities,
        };
        v.iter().any(|c| c == code)
    }
}

impl<'de> Deserialize<'de> for ExperienceForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<(String, String)>::deserialize(d).map(ExperienceForm::from_pairs)
    }
}
