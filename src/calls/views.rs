//! Template structs for call pages.

use super::{Call, Question, SubmissionView};
use crate::web::{Ctx, FieldErrors};
use askama::Template;

pub struct CallCard {
    pub call: Call,
    pub window: &'static str,
    pub closes: String,
}

#[derive(Template)]
#[template(path = "calls/list.html")]
pub struct CallsPage {
    pub ctx: Ctx,
    pub calls: Vec<CallCard>,
    pub can_create: bool,
}

#[derive(Template)]
#[template(path = "calls/form.html")]
pub struct CallFormPage {
    pub ctx: Ctx,
    /// Where the form goes: a new call, or an existing one (its questions then stay).
    pub action: String,
    pub editing: bool,
    pub form: super::CallForm,
    pub errors: FieldErrors,
    pub countries: Vec<(String, String)>,
    pub themes: Vec<(String, String)>,
}

impl CallFormPage {
    pub fn zones(&self) -> [&'static str; 16] {
        crate::clock::TIME_ZONES
    }
    pub fn slots(&self) -> Vec<usize> {
        (0..super::QUESTION_SLOTS).collect()
    }
    pub fn q_label(&self, i: &usize) -> String {
        self.form.q_label.get(*i).cloned().unwrap_or_default()
    }
    pub fn q_options(&self, i: &usize) -> String {
        self.form.q_options.get(*i).cloned().unwrap_or_default()
    }
    pub fn q_kind_is(&self, i: &usize, kind: &str) -> bool {
        self.form
            .q_kind
            .get(*i)
            .map(String::as_str)
            .unwrap_or("short")
            == kind
    }
    pub fn q_required(&self, i: &usize) -> bool {
        self.form.q_required.iter().any(|r| r == &i.to_string())
    }
    pub fn kinds(&self) -> Vec<&'static str> {
        super::QuestionKind::ALL.iter().map(|k| k.code()).collect()
    }
    pub fn country_checked(&self, code: &str) -> bool {
        self.form.eligible_countries.iter().any(|c| c == code)
    }
    pub fn theme_checked(&self, code: &str) -> bool {
        self.form.eligible_themes.iter().any(|c| c == code)
    }
}

#[derive(Template)]
#[template(path = "calls/show.html")]
pub struct CallPage {
    pub ctx: Ctx,
    pub call: Call,
    pub window: &'static str,
    pub opens: String,
    pub closes: String,
    pub instructions_html: String,
    pub description_html: String,
    pub questions: Vec<Question>,
    /// (id, title) of the sheets the reader can submit.
    pub my_sheets: Vec<(i64, String)>,
    pub my_submissions: Vec<SubmissionView>,
    pub can_review: bool,
    /// Its creator or an admin: edit and close.
    pub can_manage: bool,
    /// (id, title) of the call's forums.
    pub forums: Vec<(i64, String)>,
    pub errors: FieldErrors,
    /// questions whose answer is missing or invalid, with the message that says why
    pub bad_questions: Vec<(i64, &'static str)>,
    pub answers: std::collections::HashMap<String, Vec<String>>,
    pub chosen: String,
    pub notice: Option<String>,
    pub countries: Vec<String>,
    pub themes: Vec<String>,
}

impl CallPage {
    pub fn answer(&self, q: &Question) -> String {
        self.answers
            .get(&q.field())
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_default()
    }
    pub fn picked(&self, q: &Question, option: &str) -> bool {
        self.answers
            .get(&q.field())
            .is_some_and(|v| v.iter().any(|x| x == option))
    }
    pub fn is_bad(&self, q: &Question) -> bool {
        self.bad_questions.iter().any(|(id, _)| *id == q.id)
    }
    /// Why the answer to `q` was refused (a message key).
    pub fn bad_key(&self, q: &Question) -> &'static str {
        self.bad_questions
            .iter()
            .find(|(id, _)| *id == q.id)
            .map_or("error-call-answer", |(_, key)| key)
    }
    pub fn is_chosen(&self, id: &i64) -> bool {
        self.chosen == id.to_string()
    }
}

#[derive(Template)]
#[template(path = "calls/review.html")]
pub struct ReviewPage {
    pub ctx: Ctx,
    pub call: Call,
    pub submissions: Vec<SubmissionView>,
    /// (section, developed, total) over the submitted sheets
    pub developed: Vec<(&'static str, usize, usize)>,
}

#[derive(Template)]
#[template(path = "calls/submission.html")]
pub struct SubmissionPage {
    pub ctx: Ctx,
    pub call: Call,
    pub submission: SubmissionView,
    pub answers: Vec<(String, String)>,
    /// (decision, who, comment, when)
    pub decisions: Vec<(String, String, String, String)>,
    pub can_review: bool,
    pub is_owner: bool,
    pub errors: FieldErrors,
    pub comment: String,
}
