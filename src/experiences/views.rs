//! Template structs for sheet pages, and the small read models they display.

use super::diff::FieldDiff;
use super::{Attachment, Experience, ExperienceForm, Revision, Summary};
use crate::i18n::Lang;
use crate::taxonomy::Taxonomy;
use crate::web::{Ctx, FieldErrors};
use askama::Template;

/// A sheet in a list, with names resolved in the reader's language.
pub struct Card {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub country: String,
    pub place: String,
    pub state: String,
    pub status: String,
}

impl Card {
    pub fn new(s: &Summary, taxonomy: &Taxonomy, lang: Lang) -> Card {
        let summary: String = s.summary.chars().take(240).collect();
        Card {
            url: s.url(),
            summary: if summary.len() < s.summary.len() {
                format!("{summary}…")
            } else {
                summary
            },
            title: s.title.clone(),
            country: taxonomy.country_name(&s.country_code, lang),
            place: s.place.clone(),
            state: s.state.clone(),
            status: s.status.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub ctx: Ctx,
    /// (link, title, closing date or empty for continuous calls)
    pub open_calls: Vec<(String, String, String)>,
    pub latest: Vec<Card>,
    pub discover: Vec<Card>,
    pub total: i64,
    pub countries: i64,
}

#[derive(Template)]
#[template(path = "experiences/mine.html")]
pub struct MinePage {
    pub ctx: Ctx,
    pub latest: Vec<Card>,
    /// (link, sheet title, call title, state) of my sheets' submissions to calls
    pub submissions: Vec<(String, String, String, String)>,
}

/// A sheet linked from another, with a one-line reason.
pub struct Linked {
    pub url: String,
    pub title: String,
    pub country: String,
    pub reason: String,
    /// A request to that sheet from this one, pre-filled with the reason (for this team;
    /// `None` when the reader is on that sheet's team too: they cannot ask themselves).
    pub propose: Option<String>,
}

pub struct Section {
    pub field: &'static str,
    pub html: String,
}

#[derive(Template)]
#[template(path = "experiences/show.html")]
pub struct ShowPage {
    pub ctx: Ctx,
    pub e: Experience,
    pub country: String,
    pub scale: String,
    pub themes: Vec<String>,
    pub actor_types: Vec<String>,
    pub modalities: Vec<String>,
    pub sections: Vec<Section>,
    pub attachments: Vec<Attachment>,
    pub can_edit: bool,
    pub notice: Option<String>,
    pub updated: String,
    /// schema.org JSON-LD (published sheets only).
    pub json_ld: Option<String>,
    pub related: Vec<Linked>,
    pub learn_from: Vec<Linked>,
    pub share_with: Vec<Linked>,
    /// What the sheet offers and seeks, what answers it elsewhere, the cooperation it seeks.
    pub offers: Vec<crate::connections::offers::Offer>,
    pub matches: Vec<crate::connections::web::MatchView>,
    pub cooperation: Vec<crate::connections::Cooperation>,
    /// The reader is in the sheet's own team (they propose from it; others ask it).
    pub is_team: bool,
}

impl ShowPage {
    pub fn offered(&self, d: &str) -> Vec<&crate::connections::offers::Offer> {
        self.offers
            .iter()
            .filter(|o| o.direction.code() == d)
            .collect()
    }
    pub fn images(&self) -> Vec<&Attachment> {
        self.attachments
            .iter()
            .filter(|a| a.content_type.starts_with("image/"))
            .collect()
    }
}

#[derive(Template)]
#[template(path = "experiences/form.html")]
pub struct FormPage {
    pub ctx: Ctx,
    pub form: ExperienceForm,
    pub errors: FieldErrors,
    pub taxonomy: Taxonomy,
    /// `None` for a new sheet.
    pub experience: Option<Experience>,
    /// Labels of the fields another editor changed, when a save collided.
    pub conflict: Vec<String>,
    pub attachments: Vec<Attachment>,
    pub upload_error: Option<String>,
    pub notice: Option<String>,
}

impl FormPage {
    /// The sheet form showing `form` with `errors`; the other parts start empty.
    pub fn new(ctx: Ctx, form: ExperienceForm, errors: FieldErrors, taxonomy: Taxonomy) -> Self {
        FormPage {
            ctx,
            form,
            errors,
            taxonomy,
            experience: None,
            conflict: vec![],
            attachments: vec![],
            upload_error: None,
            notice: None,
        }
    }
    /// The same page for an existing sheet, with its attachments.
    pub fn of(mut self, e: Experience, attachments: Vec<Attachment>) -> Self {
        self.experience = Some(e);
        self.attachments = attachments;
        self
    }
    pub fn action(&self) -> String {
        match &self.experience {
            Some(e) => format!("/experiencias/{}/editar", e.id),
            None => "/experiencias/nueva".into(),
        }
    }
    pub fn err(&self, field: &str) -> Option<String> {
        self.errors.get(field).map(|k| self.ctx.t(k))
    }
    pub fn described_by(&self, field: &str) -> String {
        if self.errors.get(field).is_some() {
            format!("{field}-help {field}-error")
        } else {
            format!("{field}-help")
        }
    }
    pub fn country_options(&self) -> Vec<(String, String)> {
        self.taxonomy
            .countries_sorted(self.ctx.lang)
            .into_iter()
            .map(|c| (c.code.clone(), c.names.get(self.ctx.lang).to_string()))
            .collect()
    }
    /// The terms to offer for `list`: the active ones, and retired ones the sheet already has.
    pub fn terms(&self, list: &str, vocabulary: &str) -> Vec<(String, String)> {
        self.taxonomy
            .vocabulary_keeping(vocabulary, |code| self.form.has(list, code))
            .into_iter()
            .map(|t| (t.code.clone(), t.names.get(self.ctx.lang).to_string()))
            .collect()
    }
    pub fn sections(&self) -> Vec<&'static str> {
        super::Section::ALL.iter().map(|s| s.code()).collect()
    }
    /// `empty`, `thin` or `developed`, measured on the text as it stands in the form.
    pub fn level(&self, section: &str) -> &'static str {
        super::guidance::measure(self.form.section(section)).code()
    }
    pub fn needs_work(&self, section: &str) -> bool {
        self.level(section) != "developed"
    }
    pub fn questions(&self, section: &str) -> Vec<String> {
        (1..=super::guidance::QUESTIONS_PER_SECTION)
            .map(|n| self.ctx.t(&format!("guide-q-{section}-{n}")))
            .collect()
    }
    /// The reflective sections (keys, results, lessons) that are not developed yet.
    pub fn thin_reflective(&self) -> Vec<&'static str> {
        super::Section::ALL
            .iter()
            .filter(|s| s.is_reflective())
            .map(|s| s.code())
            .filter(|s| self.needs_work(s))
            .collect()
    }
}

#[derive(Template)]
#[template(path = "experiences/history.html")]
pub struct HistoryPage {
    pub ctx: Ctx,
    pub e: Experience,
    pub revisions: Vec<Revision>,
    pub from: i64,
    pub to: i64,
    pub diffs: Vec<FieldDiff>,
    pub can_edit: bool,
    pub notice: Option<String>,
}

impl HistoryPage {
    pub fn when(&self, ts: &i64) -> String {
        crate::clock::utc(*ts)
    }
}

#[derive(Template)]
#[template(path = "experiences/coeditors.html")]
pub struct CoeditorsPage {
    pub ctx: Ctx,
    pub e: Experience,
    pub coeditors: Vec<(i64, String, String)>,
    /// Invitations sent and not accepted yet: (address, when sent).
    pub pending: Vec<(String, String)>,
    pub email: String,
    pub errors: FieldErrors,
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "experiences/invitation.html")]
pub struct InvitationPage {
    pub ctx: Ctx,
    pub token: String,
    /// Signed in with another account than the invited one: its masked address.
    pub wrong_account: Option<String>,
    /// Why an invitation can no longer be accepted (used by someone else, or expired).
    pub ended: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "experiences/import.html")]
pub struct ImportPage {
    pub ctx: Ctx,
    pub problems: Vec<super::transfer::Problem>,
    pub summary: String,
    pub result: Option<String>,
}
