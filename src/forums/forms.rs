//! Forms as typed, and the drafts that passed their rules (text kept on refusal).

use super::*;

/// The forum form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ForumForm {
    pub title: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: String,
    pub time_zone: String,
    pub call_id: String,
    pub facilitators: String,
    /// The forum's revision the form was filled from (edits only).
    pub revision: String,
}

#[derive(Debug, Clone)]
pub struct ForumDraft {
    pub title: String,
    pub description: String,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub time_zone: String,
    pub call_id: Option<i64>,
    pub facilitator_emails: Vec<String>,
}

use crate::web::form::bounded;

pub(super) fn text(v: &str) -> String {
    crate::web::form::clean_text(v)
}

/// Optional local date-time: empty is `Ok(None)`, unreadable is an error.
pub(super) fn optional_time(v: &str, zone: &str) -> Result<Option<i64>, ()> {
    if v.trim().is_empty() {
        return Ok(None);
    }
    crate::clock::parse_local(v, zone).map(Some).ok_or(())
}

pub(super) fn check_order(
    e: &mut FieldErrors,
    field: &'static str,
    from: Option<i64>,
    to: Option<i64>,
) {
    if let (Some(a), Some(b)) = (from, to)
        && b <= a
    {
        e.add(field, "error-forum-dates-order");
    }
}

impl ForumDraft {
    pub fn parse(f: &ForumForm) -> Result<ForumDraft, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = bounded(&mut e, "title", &f.title, 200);
        if title.chars().count() < 5 {
            e.add("title", "error-forum-title");
        }
        let description = bounded(&mut e, "description", &f.description, 20_000);
        let time_zone = match f.time_zone.trim() {
            "" => crate::clock::TIME_ZONES[0].to_string(),
            z if crate::clock::TIME_ZONES.contains(&z) => z.to_string(),
            _ => {
                e.add("time_zone", "error-choice-unknown");
                crate::clock::TIME_ZONES[0].to_string()
            }
        };
        let starts_at = optional_time(&f.starts_at, &time_zone).unwrap_or_else(|_| {
            e.add("starts_at", "error-forum-date");
            None
        });
        let ends_at = optional_time(&f.ends_at, &time_zone).unwrap_or_else(|_| {
            e.add("ends_at", "error-forum-date");
            None
        });
        check_order(&mut e, "ends_at", starts_at, ends_at);
        let call_id = match f.call_id.trim() {
            "" => None,
            v => match v.parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    e.add("call_id", "error-choice-unknown");
                    None
                }
            },
        };
        let facilitator_emails =
            crate::accounts::parse_email_list(&f.facilitators).unwrap_or_else(|k| {
                e.add("facilitators", k);
                vec![]
            });
        if !e.is_empty() {
            return Err(e);
        }
        Ok(ForumDraft {
            title,
            description,
            starts_at,
            ends_at,
            time_zone,
            call_id,
            facilitator_emails,
        })
    }
}

/// The space form as typed (fields of every kind; each kind reads its own).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SpaceForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub question: String,
    pub video_url: String,
    pub speakers: String,
    pub speaker_bio: String,
    pub speaker_affiliation: String,
    pub session_at: String,
    pub opens_at: String,
    pub closes_at: String,
    /// The space's revision the form was filled from (edits only).
    pub revision: String,
}

#[derive(Debug, Clone)]
pub struct SpaceDraft {
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub question: String,
    pub video_url: String,
    pub speaker_emails: Vec<String>,
    pub speaker_bio: String,
    pub speaker_affiliation: String,
    pub session_at: Option<i64>,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
}

/// A video link must be an http(s) address (it is shown as a link, never embedded).
pub(super) fn valid_url(v: &str) -> bool {
    (v.starts_with("https://") || v.starts_with("http://"))
        && v.len() > 10
        && !v.contains(char::is_whitespace)
}

impl SpaceDraft {
    pub fn parse(f: &SpaceForm, zone: &str) -> Result<SpaceDraft, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = Kind::parse(&f.kind);
        if kind.is_none() {
            e.add("kind", "error-space-kind");
        }
        let title = bounded(&mut e, "title", &f.title, 200);
        if title.chars().count() < 5 {
            e.add("title", "error-forum-title");
        }
        let description = bounded(&mut e, "description", &f.description, 20_000);
        let speaker_bio = bounded(&mut e, "speaker_bio", &f.speaker_bio, 2000);
        let speaker_affiliation =
            bounded(&mut e, "speaker_affiliation", &f.speaker_affiliation, 200);
        let video_url = f.video_url.trim().to_string();
        if !video_url.is_empty() && !valid_url(&video_url) {
            e.add("video_url", "error-video-url");
        }
        let question = bounded(&mut e, "question", &f.question, 1000);
        if kind == Some(Kind::Debate) && question.chars().count() < 10 {
            e.add("question", "error-debate-question");
        }
        let speaker_emails = crate::accounts::parse_email_list(&f.speakers).unwrap_or_else(|k| {
            e.add("speakers", k);
            vec![]
        });
        if kind == Some(Kind::Conference)
            && speaker_emails.is_empty()
            && e.get("speakers").is_none()
        {
            e.add("speakers", "error-speakers-missing");
        }
        let mut time = |field: &'static str, v: &str| {
            optional_time(v, zone).unwrap_or_else(|_| {
                e.add(field, "error-forum-date");
                None
            })
        };
        let session_at = time("session_at", &f.session_at);
        let opens_at = time("opens_at", &f.opens_at);
        let closes_at = time("closes_at", &f.closes_at);
        check_order(&mut e, "closes_at", opens_at, closes_at);
        match kind {
            Some(kind) if e.is_empty() => Ok(SpaceDraft {
                kind,
                title,
                description,
                question,
                video_url,
                speaker_emails,
                speaker_bio,
                speaker_affiliation,
                session_at,
                opens_at,
                closes_at,
            }),
            _ => Err(e),
        }
    }
}

/// A topic (question, position, contribution, innovation, dilemma) as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TopicForm {
    pub title: String,
    pub body: String,
    pub stance: String,
    pub change_text: String,
    pub learning_text: String,
    pub outcome_text: String,
    pub audience: String,
    pub experience: String,
    /// `vista-previa` shows the rendered text without saving.
    #[serde(rename = "accion")]
    pub action: String,
    /// `1`: the person joins the forum with this post.
    /// "1" when the person joins the forum with this post ("Unirme y publicar").
    #[serde(rename = "unirse")]
    pub join: String,
    /// The language the post is written in (`es`, `pt`, `en`).
    pub lang: String,
    /// The post's revision an edit form was filled from.
    pub revision: String,
}

/// A topic that passed its kind's rules.
#[derive(Debug, Clone, Default)]
pub struct TopicDraft {
    pub title: String,
    pub body: String,
    pub stance: Stance,
    pub change_text: String,
    pub learning_text: String,
    pub outcome_text: String,
    pub audience: Audience,
    pub experience_id: Option<i64>,
    /// The language of the text (pages mark it, so screen readers read it right).
    pub lang: String,
    /// The revision of the person's debate position the form was filled from (`None`: the
    /// form was opened before they took one).
    pub revision: Option<i64>,
}

pub(super) fn check_body(
    e: &mut FieldErrors,
    field: &'static str,
    v: &str,
    empty_key: &'static str,
) {
    if crate::web::form::is_blank(v) {
        e.add(field, empty_key);
    } else if v.chars().count() > MAX_BODY {
        e.add(field, "error-body-long");
    }
}

impl TopicDraft {
    pub fn parse(kind: Kind, f: &TopicForm) -> Result<TopicDraft, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = text(&f.title);
        if kind.topic_has_title() && title.chars().count() < 5 {
            e.add("title", "error-topic-title");
        } else if kind.topic_has_title() && title.chars().count() > MAX_TITLE {
            e.add("title", "error-topic-title-long");
        }
        let body = text(&f.body);
        let empty_key = match kind {
            Kind::Debate => "error-argument-empty",
            Kind::Conference => "error-question-empty",
            _ => "error-body-empty",
        };
        check_body(&mut e, "body", &body, empty_key);
        let mut d = TopicDraft {
            title: if kind.topic_has_title() {
                title
            } else {
                String::new()
            },
            body,
            lang: post_lang(&mut e, &f.lang),
            revision: f.revision.trim().parse().ok(),
            ..Default::default()
        };
        match kind {
            Kind::Debate => match Stance::chosen(&f.stance) {
                Some(s) => d.stance = s,
                None => e.add("stance", "error-stance-missing"),
            },
            Kind::Innovation => {
                d.change_text = text(&f.change_text);
                d.learning_text = text(&f.learning_text);
                d.outcome_text = text(&f.outcome_text);
                check_body(
                    &mut e,
                    "change_text",
                    &d.change_text,
                    "error-innovation-part",
                );
                check_body(
                    &mut e,
                    "learning_text",
                    &d.learning_text,
                    "error-innovation-part",
                );
                check_body(
                    &mut e,
                    "outcome_text",
                    &d.outcome_text,
                    "error-innovation-part",
                );
            }
            Kind::Workshop => match Audience::chosen(&f.audience) {
                Some(a) => d.audience = a,
                None => e.add("audience", "error-audience-missing"),
            },
            Kind::Conference | Kind::Contribution => {}
        }
        if kind.cites_experience() {
            d.experience_id = match f.experience.trim() {
                "" => None,
                v => match v.parse::<i64>() {
                    Ok(id) => Some(id),
                    Err(_) => {
                        e.add("experience", "error-experience-not-yours");
                        None
                    }
                },
            };
        }
        if e.is_empty() { Ok(d) } else { Err(e) }
    }
}

/// A reply as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReplyForm {
    pub body: String,
    #[serde(rename = "accion")]
    pub action: String,
    /// "1" when the person joins the forum with this post ("Unirme y publicar").
    #[serde(rename = "unirse")]
    pub join: String,
    pub lang: String,
}

/// A reply as a draft (only its text and language).
pub fn parse_reply(f: &ReplyForm) -> Result<TopicDraft, FieldErrors> {
    let mut e = FieldErrors::new();
    let body = text(&f.body);
    check_body(&mut e, "body", &body, "error-body-empty");
    let lang = post_lang(&mut e, &f.lang);
    e.into_result(TopicDraft {
        body,
        lang,
        ..Default::default()
    })
}

/// The language a post is written in: one of ours, Spanish when none was chosen; an
/// unknown one is refused, never replaced.
pub fn post_lang(e: &mut FieldErrors, code: &str) -> String {
    match code.trim() {
        "" => crate::i18n::Lang::default(),
        code => crate::i18n::Lang::parse(code).unwrap_or_else(|| {
            e.add("lang", "error-choice-unknown");
            crate::i18n::Lang::default()
        }),
    }
    .code()
    .to_string()
}
