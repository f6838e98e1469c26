//! What a sheet says: `ExperienceForm` (raw strings, as typed) is parsed into
//! `ExperienceContent` (valid by construction). The content is also the JSON snapshot stored
//! in each revision, so history, diff and restore all speak this one type.

use super::form::ExperienceForm;
use super::sections::{Narrative, Section};
use crate::taxonomy::Taxonomy;
use crate::web::FieldErrors;
use crate::web::form::bounded;
use serde::{Deserialize, Serialize};

/// Every field compared by the revision diff, in display order: the facts, the narrative
/// sections (from their table), then contact and links.
pub fn diff_fields() -> Vec<&'static str> {
    let head = [
        "title",
        "summary",
        "country",
        "place",
        "coordinates",
        "scale",
        "status",
        "years",
        "themes",
        "actor_types",
        "modalities",
        "partners",
    ];
    let sections = Section::ALL.iter().map(|s| s.code());
    head.into_iter()
        .chain(sections)
        .chain(["contact", "links"])
        .collect()
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExperienceContent {
    pub language: String,
    pub title: String,
    pub summary: String,
    pub country: String,
    pub place: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub scale: String,
    pub status: String,
    pub year_start: Option<i64>,
    pub year_end: Option<i64>,
    pub themes: Vec<String>,
    pub actor_types: Vec<String>,
    pub modalities: Vec<String>,
    pub partners: String,
    /// The narrative sections, each a key of its own in the stored JSON.
    #[serde(flatten)]
    pub narrative: Narrative,
    pub contact_name: String,
    pub contact_email: String,
    pub links: Vec<String>,
}

impl ExperienceContent {
    /// A narrative section by its code (`""` for anything else).
    pub fn section(&self, field: &str) -> &str {
        Section::parse(field).map_or("", |s| self.narrative.get(s))
    }

    /// What anyone may see: the content without the fields only editors see (the contact
    /// e-mail). Every public view of a sheet or of its revisions (page, history, diffs,
    /// feeds, open data) goes through this.
    pub fn public(&self) -> ExperienceContent {
        ExperienceContent {
            contact_email: String::new(),
            ..self.clone()
        }
    }

    /// Any field rendered as plain text, for diffs.
    pub fn field_text(&self, field: &str) -> String {
        let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        match field {
            "title" => self.title.clone(),
            "summary" => self.summary.clone(),
            "country" => self.country.clone(),
            "place" => self.place.clone(),
            "coordinates" => match (self.latitude, self.longitude) {
                (Some(a), Some(b)) => format!("{a}, {b}"),
                _ => String::new(),
            },
            "scale" => self.scale.clone(),
            "status" => self.status.clone(),
            "years" => format!("{} – {}", opt(self.year_start), opt(self.year_end)),
            "themes" => self.themes.join(", "),
            "actor_types" => self.actor_types.join(", "),
            "modalities" => self.modalities.join(", "),
            "partners" => self.partners.clone(),
            "contact" if self.contact_email.is_empty() => self.contact_name.clone(),
            "contact" => format!("{} <{}>", self.contact_name, self.contact_email),
            "links" => self.links.join("\n"),
            other => self.section(other).to_string(),
        }
    }

    /// The form pre-filled with this content.
    pub fn to_form(&self, version: i64) -> ExperienceForm {
        let num = |v: Option<f64>| v.map(|n| n.to_string()).unwrap_or_default();
        let int = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        ExperienceForm {
            language: self.language.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            country: self.country.clone(),
            place: self.place.clone(),
            latitude: num(self.latitude),
            longitude: num(self.longitude),
            scale: self.scale.clone(),
            status: self.status.clone(),
            year_start: int(self.year_start),
            year_end: int(self.year_end),
            themes: self.themes.clone(),
            actor_types: self.actor_types.clone(),
            modalities: self.modalities.clone(),
            partners: self.partners.clone(),
            narrative: self.narrative.clone(),
            contact_name: self.contact_name.clone(),
            contact_email: self.contact_email.clone(),
            links: self.links.join("\n"),
            version: version.to_string(),
            note: String::new(),
        }
    }
}

const MAX_SECTION: usize = 20_000;
const MAX_LINKS: usize = 10;

/// A number in `range`, or the field's own message (`wrong`): a year is answered with a
/// year's example, a coordinate with a coordinate's.
fn number<T: std::str::FromStr + PartialOrd>(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    range: (T, T),
    wrong: &'static str,
) -> Option<T> {
    let v = value.trim().replace(',', ".");
    if v.is_empty() {
        return None;
    }
    match v.parse::<T>() {
        Ok(n) if n >= range.0 && n <= range.1 => Some(n),
        _ => {
            errors.add(field, wrong);
            None
        }
    }
}

fn codes(
    errors: &mut FieldErrors,
    field: &'static str,
    values: &[String],
    vocabulary: &str,
    taxonomy: &Taxonomy,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        if taxonomy.term(vocabulary, v).is_none() {
            errors.add(field, "error-choice-unknown");
        } else if !out.contains(v) {
            out.push(v.clone());
        }
    }
    // the taxonomy's own order, whatever order the boxes were sent in: the same choices are
    // the same sheet (no new version, no false change in the history)
    let order = taxonomy.all_of(vocabulary);
    out.sort_by_key(|c| order.iter().position(|t| t.code == *c));
    out
}

impl ExperienceContent {
    /// Checks a submitted form. `for_publication` adds the rules a published sheet must meet.
    pub fn parse(
        f: &ExperienceForm,
        taxonomy: &Taxonomy,
        this_year: i64,
    ) -> Result<ExperienceContent, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = bounded(&mut e, "title", &f.title, 200);
        if title.is_empty() {
            e.add("title", "error-title-required");
        } else if title.chars().count() < 5 {
            e.add("title", "error-title-short");
        }
        let country = f.country.trim().to_string();
        if country.is_empty() {
            e.add("country", "error-country-required");
        } else if taxonomy.country(&country).is_none() {
            e.add("country", "error-country-unknown");
        }
        let scale = f.scale.trim().to_string();
        if !scale.is_empty() && taxonomy.term("scale", &scale).is_none() {
            e.add("scale", "error-choice-unknown");
        }
        let status = match f.status.trim() {
            "" | "ongoing" => "ongoing",
            "finished" => "finished",
            _ => {
                e.add("status", "error-choice-unknown");
                "ongoing"
            }
        };
        let latitude = number(
            &mut e,
            "latitude",
            &f.latitude,
            (-90.0, 90.0),
            "error-latitude",
        );
        let longitude = number(
            &mut e,
            "longitude",
            &f.longitude,
            (-180.0, 180.0),
            "error-longitude",
        );
        if latitude.is_some() != longitude.is_some()
            && e.get("latitude").is_none()
            && e.get("longitude").is_none()
        {
            e.add("latitude", "error-coordinates-pair");
        }
        if let (Some(lat), Some(lon)) = (latitude, longitude) {
            if lat == 0.0 && lon == 0.0 {
                e.add("latitude", "error-coordinates-zero");
            } else if !crate::taxonomy::bounds::plausible(&country, lat, lon) {
                e.add("latitude", "error-coordinates-country");
            }
        }
        let year_start = number(
            &mut e,
            "year_start",
            &f.year_start,
            (1950, this_year + 1),
            "error-year",
        );
        let year_end = number(
            &mut e,
            "year_end",
            &f.year_end,
            (1950, this_year + 5),
            "error-year",
        );
        if let (Some(a), Some(b)) = (year_start, year_end)
            && b < a
        {
            e.add("year_end", "error-years-order");
        }
        let contact_email = f.contact_email.trim().to_lowercase();
        if !contact_email.is_empty() && crate::accounts::Email::parse(&contact_email).is_err() {
            e.add("contact_email", "error-email-invalid");
        }
        let links: Vec<String> = f
            .links
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        if links.len() > MAX_LINKS {
            e.add("links", "error-too-many-links");
        }
        if links.iter().any(|l| {
            url::Url::parse(l)
                .map(|u| !matches!(u.scheme(), "http" | "https"))
                .unwrap_or(true)
        }) {
            e.add("links", "error-link-invalid");
        }
        // empty means the site's first language; anything else must be one we speak
        let language = match f.language.trim() {
            "" => crate::i18n::Lang::default(),
            code => crate::i18n::Lang::parse(code).unwrap_or_else(|| {
                e.add("language", "error-language");
                crate::i18n::Lang::default()
            }),
        }
        .code()
        .to_string();
        let mut narrative = Narrative::default();
        for (section, typed) in f.narrative.iter() {
            narrative.set(section, bounded(&mut e, section.code(), typed, MAX_SECTION));
        }
        let content = ExperienceContent {
            language,
            narrative,
            summary: bounded(&mut e, "summary", &f.summary, 1000),
            place: bounded(&mut e, "place", &f.place, 200),
            partners: bounded(&mut e, "partners", &f.partners, 2000),
            contact_name: bounded(&mut e, "contact_name", &f.contact_name, 200),
            themes: codes(&mut e, "themes", &f.themes, "theme", taxonomy),
            actor_types: codes(&mut e, "actor_types", &f.actor_types, "actor", taxonomy),
            modalities: codes(&mut e, "modalities", &f.modalities, "modality", taxonomy),
            title,
            country,
            latitude: latitude.filter(|_| longitude.is_some()),
            longitude: longitude.filter(|_| latitude.is_some()),
            scale,
            status: status.to_string(),
            year_start,
            year_end,
            contact_email,
            links,
        };
        if e.is_empty() { Ok(content) } else { Err(e) }
    }

    /// What a sheet needs before it can be published (drafts may be incomplete).
    pub fn publication_errors(&self) -> FieldErrors {
        let mut e = FieldErrors::new();
        if self.summary.is_empty() {
            e.add("summary", "error-required-to-publish");
        }
        if self.themes.is_empty() {
            e.add("themes", "error-required-to-publish");
        }
        for s in [Section::Objectives, Section::Problems] {
            if self.narrative.get(s).is_empty() {
                e.add(s.code(), "error-required-to-publish");
            }
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taxonomy() -> Taxonomy {
        Taxonomy::for_tests()
    }

    fn form() -> ExperienceForm {
        ExperienceForm {
            title: "Turismo comunitario".into(),
            country: "BO".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_title_and_country_make_a_valid_draft() {
        let c = ExperienceContent::parse(&form(), &taxonomy(), 2026).unwrap();
        assert_eq!(c.status, "ongoing");
        assert!(!c.publication_errors().is_empty());
    }

    #[test]
    fn bad_values_are_reported_per_field() {
        let f = ExperienceForm {
            title: "".into(),
            country: "XX".into(),
            latitude: "abc".into(),
            year_start: "2015".into(),
            year_end: "2010".into(),
            themes: vec!["nope".into()],
            links: "ftp://x.org".into(),
            contact_email: "no-at-sign".into(),
            ..Default::default()
        };
        let e = ExperienceContent::parse(&f, &taxonomy(), 2026).unwrap_err();
        assert_eq!(e.get("title"), Some("error-title-required"));
        assert_eq!(e.get("country"), Some("error-country-unknown"));
        assert_eq!(e.get("latitude"), Some("error-latitude"));
        assert_eq!(e.get("year_end"), Some("error-years-order"));
        assert_eq!(e.get("themes"), Some("error-choice-unknown"));
        assert_eq!(e.get("links"), Some("error-link-invalid"));
        assert_eq!(e.get("contact_email"), Some("error-email-invalid"));
    }

    #[test]
    fn coordinates_come_in_pairs_and_accept_decimal_commas() {
        let mut f = form();
        f.latitude = "-16,5".into();
        assert_eq!(
            ExperienceContent::parse(&f, &taxonomy(), 2026)
                .unwrap_err()
                .get("latitude"),
            Some("error-coordinates-pair")
        );
        f.longitude = "-68.15".into();
        let c = ExperienceContent::parse(&f, &taxonomy(), 2026).unwrap();
        assert_eq!((c.latitude, c.longitude), (Some(-16.5), Some(-68.15)));
    }

    #[test]
    fn form_round_trips_through_content() {
        let mut f = form();
        f.themes = vec!["turismo".into()];
        f.links = "https://example.org/a\n\nhttps://example.org/b".into();
        let c = ExperienceContent::parse(&f, &taxonomy(), 2026).unwrap();
        let again = ExperienceContent::parse(&c.to_form(1), &taxonomy(), 2026).unwrap();
        assert_eq!(c, again);
        assert_eq!(again.links.len(), 2);
    }
}

/// Property tests: whatever a browser (or a hostile client) sends as the sheet form, parsing
/// never panics, and what it accepts respects the limits.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn taxonomy() -> Taxonomy {
        Taxonomy::for_tests()
    }

    const FIELDS: [&str; 14] = [
        "title",
        "summary",
        "country",
        "latitude",
        "longitude",
        "year_start",
        "year_end",
        "themes",
        "status",
        "scale",
        "contact_email",
        "links",
        "lessons",
        "language",
    ];

    fn body() -> impl Strategy<Value = String> {
        let value = prop_oneof![
            "\\PC{0,40}",
            Just("BO".to_string()),
            Just("-16,5".to_string()),
            Just("2005-03-01".to_string()),
            Just("turismo".to_string()),
            Just("x".repeat(30_000)),
            Just("%FF%00".to_string()),
        ];
        proptest::collection::vec((prop::sample::select(FIELDS.to_vec()), value), 0..30).prop_map(
            |pairs| {
                url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(pairs)
                    .finish()
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_form_parses_or_explains(raw in body()) {
            let Ok(form) = serde_html_form::from_str::<ExperienceForm>(&raw) else {
                return Ok(());
            };
            match ExperienceContent::parse(&form, &taxonomy(), 2026) {
                Ok(c) => {
                    prop_assert!(c.title.chars().count() <= 300);
                    prop_assert!(!c.title.trim().is_empty());
                    prop_assert_eq!(c.country.as_str(), "BO");
                    if let (Some(a), Some(b)) = (c.latitude, c.longitude) {
                        prop_assert!((-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&b));
                    }
                }
                Err(errors) => prop_assert!(!errors.is_empty()),
            }
        }
    }
}
