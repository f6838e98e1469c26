//! Calls (convocatorias): periodic (opening and closing date-times in a time zone) or
//! continuous; instructions, optional questions, a review policy, facilitators, and the
//! submissions with their review decisions. Owns tables `calls`, `call_facilitators`,
//! `call_questions`, `submissions`, `submission_answers`, `review_decisions`.
//! Times are stored as UTC seconds and shown in the call's time zone.

pub mod edit;
mod edit_routes;
mod review_routes;
pub mod routes;
mod store;
mod views;

use crate::accounts::{Role, User};
use crate::db::Db;
use crate::refusal::Refusal;
use crate::web::FieldErrors;
use serde::Deserialize;

pub use store::{Call, Decision, Question, SubmissionView};

crate::text_enum! {
    /// A periodic call opens and closes on dates; a continuous one is always open.
    pub enum CallKind {
        Periodic = "periodic",
        Continuous = "continuous",
    }
}

crate::text_enum! {
    /// Whether facilitators review a submission before it is published, or it is published
    /// at once and reviewed afterwards.
    pub enum ReviewPolicy {
        Review = "review",
        Publish = "publish",
    }
}

crate::text_enum! {
    /// What a call's question takes: a line, a paragraph, one option or several.
    pub enum QuestionKind {
        Short = "short",
        Long = "long",
        Single = "single",
        Multiple = "multiple",
    }
}

impl QuestionKind {
    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::Single | QuestionKind::Multiple)
    }
    pub fn one_choice(self) -> bool {
        self == QuestionKind::Single
    }
    pub fn is_long(self) -> bool {
        self == QuestionKind::Long
    }
}
/// Question slots in the call form (no JavaScript needed to add rows).
pub const QUESTION_SLOTS: usize = 5;

/// Whether a call accepts submissions at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Upcoming,
    Open,
    Closed,
}

impl Call {
    pub fn window(&self, now: i64) -> Window {
        match (self.opens_at, self.closes_at) {
            (Some(o), _) if now < o => Window::Upcoming,
            (_, Some(c)) if now >= c => Window::Closed,
            _ => Window::Open,
        }
    }
    pub fn reviews_first(&self) -> bool {
        self.review_policy == ReviewPolicy::Review
    }
    pub fn url(&self) -> String {
        format!("/convocatorias/{}", self.id)
    }
}

/// The call form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CallForm {
    pub title: String,
    pub description: String,
    pub instructions: String,
    pub kind: String,
    pub opens_at: String,
    pub closes_at: String,
    pub time_zone: String,
    pub review_policy: String,
    pub eligible_countries: Vec<String>,
    pub eligible_themes: Vec<String>,
    pub facilitators: String,
    pub q_label: Vec<String>,
    pub q_kind: Vec<String>,
    pub q_options: Vec<String>,
    pub q_required: Vec<String>,
    /// The call's revision the form was filled from (edits only).
    pub revision: String,
}

impl CallForm {
    pub fn is_continuous(&self) -> bool {
        CallKind::parse(&self.kind) == Some(CallKind::Continuous)
    }
    pub fn publishes_first(&self) -> bool {
        ReviewPolicy::parse(&self.review_policy) == Some(ReviewPolicy::Publish)
    }
}

/// A call that passed every rule.
#[derive(Debug, Clone)]
pub struct CallDraft {
    pub title: String,
    pub description: String,
    pub instructions: String,
    pub kind: CallKind,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub time_zone: String,
    pub review_policy: ReviewPolicy,
    pub eligible_countries: Vec<String>,
    pub eligible_themes: Vec<String>,
    pub facilitator_emails: Vec<String>,
    pub questions: Vec<NewQuestion>,
}

#[derive(Debug, Clone)]
pub struct NewQuestion {
    pub kind: QuestionKind,
    pub label: String,
    pub options: Vec<String>,
    pub required: bool,
}

impl CallDraft {
    pub fn parse(
        f: &CallForm,
        taxonomy: &crate::taxonomy::Taxonomy,
    ) -> Result<CallDraft, FieldErrors> {
        let mut e = FieldErrors::new();
        let bounded = crate::web::form::bounded;
        let title = bounded(&mut e, "title", &f.title, 200);
        if title.chars().count() < 5 {
            e.add("title", "error-title-short");
        }
        let description = bounded(&mut e, "description", &f.description, 20_000);
        let instructions = bounded(&mut e, "instructions", &f.instructions, 20_000);
        // the form always sends these: an unknown value is said, never replaced silently
        let time_zone = if crate::clock::TIME_ZONES.contains(&f.time_zone.as_str()) {
            f.time_zone.clone()
        } else {
            e.add("time_zone", "error-choice-unknown");
            crate::clock::TIME_ZONES[0].to_string()
        };
        let kind = CallKind::parse(&f.kind).unwrap_or_else(|| {
            e.add("kind", "error-choice-unknown");
            CallKind::Continuous
        });
        let (mut opens_at, mut closes_at) = (None, None);
        if kind == CallKind::Periodic {
            opens_at = crate::clock::parse_local(&f.opens_at, &time_zone);
            closes_at = crate::clock::parse_local(&f.closes_at, &time_zone);
            if opens_at.is_none() {
                e.add("opens_at", "error-call-date");
            }
            if closes_at.is_none() {
                e.add("closes_at", "error-call-date");
            }
            if let (Some(o), Some(c)) = (opens_at, closes_at)
                && c <= o
            {
                e.add("closes_at", "error-call-dates-order");
            }
        }
        let review_policy = ReviewPolicy::parse(&f.review_policy).unwrap_or_else(|| {
            e.add("review_policy", "error-choice-unknown");
            ReviewPolicy::Review
        });
        // the codes ticked (an empty one is the "any" choice), each a known one
        let ticked = |codes: &[String]| -> Vec<String> {
            codes.iter().filter(|c| !c.is_empty()).cloned().collect()
        };
        let eligible_countries = ticked(&f.eligible_countries);
        if eligible_countries
            .iter()
            .any(|c| taxonomy.country(c).is_none())
        {
            e.add("eligible_countries", "error-country-unknown");
        }
        let eligible_themes = ticked(&f.eligible_themes);
        if eligible_themes
            .iter()
            .any(|t| taxonomy.term("theme", t).is_none())
        {
            e.add("eligible_themes", "error-choice-unknown");
        }
        let facilitator_emails =
            crate::accounts::parse_email_list(&f.facilitators).unwrap_or_else(|k| {
                e.add("facilitators", k);
                vec![]
            });
        let mut questions = Vec::new();
        for (i, label) in f.q_label.iter().enumerate() {
            let label = bounded(&mut e, "questions", label, 200);
            if label.is_empty() {
                continue;
            }
            // an unknown kind is said, not silently made a short answer
            let kind = match f.q_kind.get(i).map(String::as_str) {
                None | Some("") => QuestionKind::Short,
                Some(k) => QuestionKind::parse(k).unwrap_or_else(|| {
                    e.add("questions", "error-question-kind");
                    QuestionKind::Short
                }),
            };
            let options: Vec<String> = f
                .q_options
                .get(i)
                .map(|o| {
                    bounded(&mut e, "questions", o, 2000)
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            if kind.has_options() && options.len() < 2 {
                e.add("questions", "error-question-options");
            }
            questions.push(NewQuestion {
                kind,
                label,
                options,
                required: f.q_required.iter().any(|r| r == &i.to_string()),
            });
        }
        if e.is_empty() {
            Ok(CallDraft {
                title,
                description,
                instructions,
                kind,
                opens_at,
                closes_at,
                time_zone,
                review_policy,
                eligible_countries,
                eligible_themes,
                facilitator_emails,
                questions,
            })
        } else {
            Err(e)
        }
    }
}

// ---- permissions ----

pub fn can_create_calls(user: Option<&User>) -> bool {
    user.is_some_and(|u| matches!(u.role, Role::Facilitator | Role::Admin))
}

/// Admins, and the call's creator and facilitators while they hold the facilitator role.
pub fn can_review(user: Option<&User>, call: &Call, facilitators: &[i64]) -> bool {
    user.is_some_and(|u| {
        u.role == Role::Admin
            || (u.role == Role::Facilitator
                && (u.id == call.created_by || facilitators.contains(&u.id)))
    })
}

// ---- operations ----

pub async fn create(db: &Db, by: &User, d: &CallDraft) -> Result<i64, Refusal> {
    let ids = reviewers(db, &d.facilitator_emails).await?;
    Ok(store::insert(db, by.id, d, &ids).await?)
}

/// The accounts a call's facilitators field names. Every address must belong to someone who
/// may review (a facilitator or an admin): an unknown address or a participant is said, not
/// silently dropped, since they could never review.
pub async fn reviewers(db: &Db, emails: &[String]) -> Result<Vec<i64>, Refusal> {
    let mut ids = Vec::new();
    for email in emails {
        let Some(u) = crate::accounts::find_by_email(db, email).await? else {
            return Err(Refusal::Field(
                "facilitators",
                "error-call-facilitator-unknown",
            ));
        };
        if !matches!(u.role, Role::Facilitator | Role::Admin) {
            return Err(Refusal::Field(
                "facilitators",
                "error-call-facilitator-role",
            ));
        }
        ids.push(u.id);
    }
    Ok(ids)
}

pub use store::{
    Applied, answers_of, approved_calls, awaiting_review, decide, decisions_of, facilitators, list,
    load, questions, reviews_sheet, submission, submissions_of, submissions_of_sheet,
    upsert_submission,
};

/// Answers checked against the call's questions: `Ok(answers)` or the questions' errors
/// (field names `q<id>`).
/// A question whose answer was refused, with the message key that says why.
pub type BadAnswer = (i64, &'static str);

pub fn check_answers(
    questions: &[Question],
    raw: &std::collections::HashMap<String, Vec<String>>,
) -> Result<Vec<(i64, String)>, Vec<BadAnswer>> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for q in questions {
        let mut values: Vec<String> = Vec::new();
        for v in raw.get(&q.field()).into_iter().flatten() {
            let v = v.trim().to_string();
            // a choice ticked twice (a hostile or broken client) counts once
            if !v.is_empty() && !values.contains(&v) {
                values.push(v);
            }
        }
        let options = q.option_list();
        let problem = match q.kind {
            QuestionKind::Single if values.len() > 1 => Some("error-call-answer-option"),
            QuestionKind::Single | QuestionKind::Multiple
                if !values.iter().all(|v| options.contains(v)) =>
            {
                Some("error-call-answer-option")
            }
            QuestionKind::Short | QuestionKind::Long
                if values.len() > 1 || values.iter().any(|v| v.chars().count() > 5000) =>
            {
                Some("error-call-answer-long")
            }
            _ if q.required != 0 && values.is_empty() => Some("error-call-answer"),
            _ => None,
        };
        match problem {
            Some(key) => bad.push((q.id, key)),
            None => out.push((q.id, values.join("\n"))),
        }
    }
    if bad.is_empty() { Ok(out) } else { Err(bad) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_kinds_zones_and_policies_are_refused() {
        let form = CallForm {
            title: "Convocatoria de prueba".into(),
            kind: "weird".into(),
            time_zone: "Mars/Olympus".into(),
            review_policy: "whatever".into(),
            ..Default::default()
        };
        let errors = CallDraft::parse(&form, &crate::taxonomy::Taxonomy::for_tests()).unwrap_err();
        for field in ["kind", "time_zone", "review_policy"] {
            assert_eq!(errors.get(field), Some("error-choice-unknown"), "{field}");
        }
    }
}
