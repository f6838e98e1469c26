//! Exchange forums: a forum holds spaces of five kinds (conference, debate, contribution,
//! innovation, workshop). All five share one model — a *topic* (its first post plus the
//! kind's own fields in `topics`) and its *replies* (`posts`) — and differ only in the rules
//! `Kind` declares: who may reply, what a topic must carry, how topics are ordered.
//!
//! `mod.rs`: kinds and their rules, forms as typed → drafts that passed the rules,
//! permission functions, and the operations (each one transaction that also records the
//! change for live updates and creates the notifications it causes).

pub mod live;
pub mod routes;
pub mod store;
pub mod views;

use crate::accounts::{Role, User};
use crate::db::Db;
use crate::web::FieldErrors;
use serde::Deserialize;

pub use store::{Forum, PostRow, Space, TopicRow};

/// The five kinds of exchange space the 2016 report asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An invited speaker's talk: participants ask, vote questions up; speakers answer.
    Conference,
    /// A question under debate: one position per person (favor / contra / matices).
    Debate,
    /// Aportes: what someone learned on the space's theme, citing their experience.
    Contribution,
    /// Innovaciones: what changed in a practice, which learning motivated it, what came of it.
    Innovation,
    /// Taller de mejora: a doubt or dilemma for peers and/or facilitators; helpful replies.
    Workshop,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Conference,
        Kind::Debate,
        Kind::Contribution,
        Kind::Innovation,
        Kind::Workshop,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Kind::Conference => "conference",
            Kind::Debate => "debate",
            Kind::Contribution => "contribution",
            Kind::Innovation => "innovation",
            Kind::Workshop => "workshop",
        }
    }
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }
    /// Topics carry a title (questions and positions do not).
    pub fn topic_has_title(self) -> bool {
        matches!(self, Kind::Contribution | Kind::Innovation | Kind::Workshop)
    }
    /// Only the conference's speakers reply (their replies are the answers).
    pub fn replies_by_speakers_only(self) -> bool {
        self == Kind::Conference
    }
    /// One topic per person, revised rather than repeated.
    pub fn one_topic_per_person(self) -> bool {
        self == Kind::Debate
    }
    pub fn has_votes(self) -> bool {
        self == Kind::Conference
    }
    /// The topic's author marks helpful replies and closes it as resolved.
    pub fn has_helpful_marks(self) -> bool {
        self == Kind::Workshop
    }
    /// Topics may cite one of the author's experience sheets.
    pub fn cites_experience(self) -> bool {
        !matches!(self, Kind::Conference)
    }
}

pub const STANCES: [&str; 3] = ["favor", "contra", "matices"];
pub const AUDIENCES: [&str; 3] = ["peers", "facilitators", "both"];
pub const FLAG_REASONS: [&str; 3] = ["spam", "offensive", "offtopic"];
const MAX_BODY: usize = 20_000;
/// Longest title of a topic, in characters.
const MAX_TITLE: usize = 200;

// ---- forms and drafts ----

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

fn text(v: &str) -> String {
    crate::web::form::clean_text(v)
}

/// Optional local date-time: empty is `Ok(None)`, unreadable is an error.
fn optional_time(v: &str, zone: &str) -> Result<Option<i64>, ()> {
    if v.trim().is_empty() {
        return Ok(None);
    }
    crate::calls::parse_local(v, zone).map(Some).ok_or(())
}

fn check_order(e: &mut FieldErrors, field: &'static str, from: Option<i64>, to: Option<i64>) {
    if let (Some(a), Some(b)) = (from, to)
        && b <= a
    {
        e.add(field, "error-forum-dates-order");
    }
}

impl ForumDraft {
    pub fn parse(f: &ForumForm) -> Result<ForumDraft, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = text(&f.title);
        if title.chars().count() < 5 {
            e.add("title", "error-forum-title");
        }
        let time_zone = if crate::calls::TIME_ZONES.contains(&f.time_zone.as_str()) {
            f.time_zone.clone()
        } else {
            crate::calls::TIME_ZONES[0].to_string()
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
            description: text(&f.description),
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
fn valid_url(v: &str) -> bool {
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
        let title = text(&f.title);
        if title.chars().count() < 5 {
            e.add("title", "error-forum-title");
        }
        let video_url = f.video_url.trim().to_string();
        if !video_url.is_empty() && !valid_url(&video_url) {
            e.add("video_url", "error-video-url");
        }
        let question = text(&f.question);
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
                description: text(&f.description),
                question,
                video_url,
                speaker_emails,
                speaker_bio: text(&f.speaker_bio),
                speaker_affiliation: text(&f.speaker_affiliation),
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
    pub accion: String,
    /// `1`: the person joins the forum with this post.
    pub unirse: String,
    /// The language the post is written in (`es`, `pt`, `en`).
    pub lang: String,
}

/// A topic that passed its kind's rules.
#[derive(Debug, Clone, Default)]
pub struct TopicDraft {
    pub title: String,
    pub body: String,
    pub stance: String,
    pub change_text: String,
    pub learning_text: String,
    pub outcome_text: String,
    pub audience: String,
    pub experience_id: Option<i64>,
    /// The language of the text (pages mark it, so screen readers read it right).
    pub lang: String,
}

fn check_body(e: &mut FieldErrors, field: &'static str, v: &str, empty_key: &'static str) {
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
            lang: post_lang(&f.lang),
            ..Default::default()
        };
        match kind {
            Kind::Debate => {
                if !STANCES.contains(&f.stance.as_str()) {
                    e.add("stance", "error-stance-missing");
                }
                d.stance = f.stance.clone();
            }
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
            Kind::Workshop => {
                if !AUDIENCES.contains(&f.audience.as_str()) {
                    e.add("audience", "error-audience-missing");
                }
                d.audience = f.audience.clone();
            }
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
    pub accion: String,
    pub unirse: String,
    pub lang: String,
}

/// A reply as a draft (only its text and language).
pub fn parse_reply(f: &ReplyForm) -> Result<TopicDraft, FieldErrors> {
    let mut e = FieldErrors::new();
    let body = text(&f.body);
    check_body(&mut e, "body", &body, "error-body-empty");
    if e.is_empty() {
        Ok(TopicDraft {
            body,
            lang: post_lang(&f.lang),
            ..Default::default()
        })
    } else {
        Err(e)
    }
}

/// The language a post is written in: one of ours, Spanish when unknown.
pub fn post_lang(code: &str) -> String {
    crate::i18n::Lang::parse(code)
        .unwrap_or_default()
        .code()
        .to_string()
}

// ---- permissions (always checked on the server) ----

pub fn can_create_forums(user: Option<&User>) -> bool {
    user.is_some_and(|u| matches!(u.role, Role::Facilitator | Role::Admin))
}

/// Facilitators of this forum (and administrators) configure spaces and moderate.
pub fn can_moderate(user: Option<&User>, facilitators: &[i64]) -> bool {
    user.is_some_and(|u| u.role == Role::Admin || facilitators.contains(&u.id))
}

/// Only a conference's speakers answer its questions; anyone who joined replies elsewhere.
pub fn can_reply(kind: Kind, user: &User, speakers: &[i64]) -> bool {
    !kind.replies_by_speakers_only() || speakers.contains(&user.id)
}

/// Authors edit within the window; a debate position may be revised while the space is open.
pub fn can_edit(
    user: &User,
    post: &PostRow,
    kind: Kind,
    is_topic: bool,
    window_secs: i64,
    now: i64,
) -> bool {
    user.id == post.author_id
        && ((kind.one_topic_per_person() && is_topic) || now - post.created_at <= window_secs)
}

/// Is the space taking posts now? `Err(message key)` says why not.
pub fn space_open(space: &Space, forum: &Forum, now: i64) -> Result<(), &'static str> {
    if space.opens_at.is_some_and(|o| now < o) || forum.starts_at.is_some_and(|s| now < s) {
        return Err("error-space-not-open");
    }
    if space.closes_at.is_some_and(|c| now >= c) || forum.ends_at.is_some_and(|e| now >= e) {
        return Err("error-space-closed");
    }
    Ok(())
}

// ---- operations ----

/// Why a write was refused: a message for the person (their text is kept) or a failure.
#[derive(Debug)]
pub enum Refusal {
    Rule(&'static str),
    Failed(anyhow::Error),
}

impl From<anyhow::Error> for Refusal {
    fn from(e: anyhow::Error) -> Self {
        Refusal::Failed(e)
    }
}

impl From<sqlx::Error> for Refusal {
    fn from(e: sqlx::Error) -> Self {
        Refusal::Failed(e.into())
    }
}

pub async fn create_forum(db: &Db, by: &User, d: &ForumDraft) -> anyhow::Result<i64> {
    let mut ids = crate::accounts::ids_for_emails(db, &d.facilitator_emails).await?;
    ids.push(by.id);
    store::insert_forum(db, by.id, d, &ids).await
}

/// Saves a forum's new settings. Whoever created it always stays among its facilitators.
pub async fn update_forum(db: &Db, forum: &Forum, d: &ForumDraft) -> anyhow::Result<()> {
    let mut ids = crate::accounts::ids_for_emails(db, &d.facilitator_emails).await?;
    ids.push(forum.created_by);
    store::update_forum(db, forum.id, d, &ids).await
}

pub async fn create_space(db: &Db, forum: &Forum, d: &SpaceDraft) -> anyhow::Result<i64> {
    let speakers = crate::accounts::ids_for_emails(db, &d.speaker_emails).await?;
    store::insert_space(db, forum.id, d, &speakers).await
}

/// Saves a space's new settings (its kind never changes: its topics follow that kind).
pub async fn update_space(
    state: &crate::app::AppState,
    forum: &Forum,
    space: i64,
    d: &SpaceDraft,
) -> anyhow::Result<()> {
    let speakers = crate::accounts::ids_for_emails(&state.db, &d.speaker_emails).await?;
    store::update_space(&state.db, forum.id, space, d, &speakers).await?;
    state.live.local(space);
    Ok(())
}

/// A UTC timestamp as a `datetime-local` value in `zone` (`2026-12-01T09:00`).
pub fn local_input(ts: i64, zone: &str) -> String {
    let (Ok(tz), Ok(t)) = (
        jiff::tz::TimeZone::get(zone),
        jiff::Timestamp::from_second(ts),
    ) else {
        return String::new();
    };
    tz.to_datetime(t).strftime("%Y-%m-%dT%H:%M").to_string()
}

/// Posting checks shared by topics and replies: joined, space open, within the rate limit.
async fn may_post(
    state: &crate::app::AppState,
    user: &User,
    forum: &Forum,
    space: &Space,
) -> Result<(), Refusal> {
    // a throwaway account cannot write in public: the e-mail must be confirmed first
    if !user.email_confirmed {
        return Err(Refusal::Rule("error-confirm-to-post"));
    }
    if !store::is_member(&state.db, forum.id, user.id).await? {
        return Err(Refusal::Rule("error-not-member"));
    }
    space_open(space, forum, crate::now()).map_err(Refusal::Rule)?;
    let bucket = format!("forum-post:{}", user.id);
    let limit = state.settings.forum_posts_per_window;
    if !crate::web::store::rate_limit_hit(&state.db, &bucket, limit, 600).await? {
        return Err(Refusal::Rule("error-rate-posts"));
    }
    Ok(())
}

async fn check_experience(db: &Db, user: &User, id: Option<i64>) -> Result<(), Refusal> {
    if let Some(id) = id {
        let mine = crate::experiences::list_for_editor(db, user.id).await?;
        if !mine.iter().any(|s| s.id == id) {
            return Err(Refusal::Rule("error-experience-not-yours"));
        }
    }
    Ok(())
}

/// A new topic. In a debate, a second position by the same person revises the first.
pub async fn post_topic(
    state: &crate::app::AppState,
    user: &User,
    forum: &Forum,
    space: &Space,
    d: &TopicDraft,
) -> Result<i64, Refusal> {
    let kind = space.kind();
    may_post(state, user, forum, space).await?;
    check_experience(&state.db, user, d.experience_id).await?;
    let rendered = render_post(&d.body, &store::members(&state.db, forum.id).await?).await?;
    if kind.one_topic_per_person()
        && let Some(existing) = store::position_of(&state.db, space.id, user.id).await?
    {
        store::revise_post(&state.db, existing, space.id, d, &rendered).await?;
        return Ok(existing);
    }
    let id = match store::insert_topic(&state.db, user, space, d, &rendered).await {
        Ok(id) => id,
        // a second submit of a first position raced the first one: revise instead
        Err(e) => match kind.one_topic_per_person() {
            true => match store::position_of(&state.db, space.id, user.id).await? {
                Some(existing) => {
                    store::revise_post(&state.db, existing, space.id, d, &rendered).await?;
                    existing
                }
                None => return Err(e.into()),
            },
            false => return Err(e.into()),
        },
    };
    state.live.local(space.id);
    Ok(id)
}

pub async fn reply(
    state: &crate::app::AppState,
    user: &User,
    forum: &Forum,
    space: &Space,
    topic: &TopicRow,
    d: &TopicDraft,
) -> Result<i64, Refusal> {
    let kind = space.kind();
    if !can_reply(kind, user, &store::speakers(&state.db, space.id).await?) {
        return Err(Refusal::Rule("error-speakers-only"));
    }
    if topic.post.hidden != 0 {
        return Err(Refusal::Rule("error-topic-hidden"));
    }
    if topic.closed_at.is_some() {
        return Err(Refusal::Rule("error-topic-closed"));
    }
    may_post(state, user, forum, space).await?;
    let rendered = render_post(&d.body, &store::members(&state.db, forum.id).await?).await?;
    let id = store::insert_reply(&state.db, user, space, topic, d, &rendered).await?;
    state.live.local(space.id);
    Ok(id)
}

/// Edits a post (author, within the window), keeping the earlier version in its history.
pub async fn edit(
    state: &crate::app::AppState,
    user: &User,
    post: &PostRow,
    space: &Space,
    forum: &Forum,
    d: &TopicDraft,
) -> Result<(), Refusal> {
    let is_topic = post.topic_id.is_none();
    let window = state.settings.forum_edit_minutes * 60;
    if !can_edit(user, post, space.kind(), is_topic, window, crate::now()) {
        return Err(Refusal::Rule("error-edit-window"));
    }
    if space.kind().one_topic_per_person() && is_topic {
        space_open(space, forum, crate::now()).map_err(Refusal::Rule)?;
    }
    check_experience(&state.db, user, d.experience_id).await?;
    let rendered = render_post(&d.body, &store::members(&state.db, forum.id).await?).await?;
    store::revise_post(&state.db, post.id, space.id, d, &rendered).await?;
    state.live.local(space.id);
    Ok(())
}

/// A flag from one person (once per post). Enough flags hide the post until a facilitator
/// looks at it; that automatic action is logged like the others.
pub async fn flag(
    state: &crate::app::AppState,
    user: &User,
    forum: &Forum,
    post: &PostRow,
    reason: &str,
) -> Result<bool, Refusal> {
    if !FLAG_REASONS.contains(&reason) {
        return Err(Refusal::Rule("error-flag-reason"));
    }
    // only people who joined flag (fresh accounts cannot hide posts from outside)
    if !store::is_member(&state.db, forum.id, user.id).await? {
        return Err(Refusal::Rule("error-not-member"));
    }
    let bucket = format!("forum-flag:{}", user.id);
    let limit = state.settings.forum_flags_per_hour;
    if !crate::web::store::rate_limit_hit(&state.db, &bucket, limit, 3600).await? {
        return Err(Refusal::Rule("error-rate-flags"));
    }
    let (joined_at, posts) = store::standing(&state.db, forum.id, user.id).await?;
    let counts = flag_counts_toward_hiding(user, joined_at, posts, crate::now());
    let hidden = store::add_flag(
        &state.db,
        forum.id,
        post,
        user.id,
        reason,
        state.settings.forum_flags_to_hide,
        counts,
    )
    .await?;
    Ok(hidden)
}

/// Whether a flag counts towards hiding a post before a facilitator looks: only from a
/// confirmed member with some standing in the forum (a day since joining, or a post of
/// their own). Other flags are still recorded for the facilitators' queue.
pub fn flag_counts_toward_hiding(
    user: &User,
    joined_at: Option<i64>,
    posts: i64,
    now: i64,
) -> bool {
    user.email_confirmed && (posts > 0 || joined_at.is_some_and(|t| now - t >= 86_400))
}

/// The author of a dilemma marks a reply as helpful (or takes the mark back).
pub async fn mark_helpful(
    state: &crate::app::AppState,
    user: &User,
    space: &Space,
    topic: &TopicRow,
    reply: &PostRow,
) -> Result<(), Refusal> {
    if !space.kind().has_helpful_marks() || reply.topic_id != Some(topic.post.id) {
        return Err(Refusal::Rule("error-not-allowed"));
    }
    if topic.post.author_id != user.id {
        return Err(Refusal::Rule("error-author-only"));
    }
    store::toggle_helpful(&state.db, topic.post.id, reply, user.id).await?;
    state.live.local(space.id);
    Ok(())
}

/// Only the author closes a dilemma as resolved (and may reopen it).
pub async fn resolve(
    state: &crate::app::AppState,
    user: &User,
    space: &Space,
    topic: &TopicRow,
) -> Result<(), Refusal> {
    if !space.kind().has_helpful_marks() {
        return Err(Refusal::Rule("error-not-allowed"));
    }
    if topic.post.author_id != user.id {
        return Err(Refusal::Rule("error-author-only"));
    }
    store::set_resolved(
        &state.db,
        topic.post.id,
        space.id,
        topic.resolved_at.is_none(),
    )
    .await?;
    state.live.local(space.id);
    Ok(())
}

/// Facilitators' moderation actions: hide, restore (clears the flags), close, reopen.
pub async fn moderate(
    state: &crate::app::AppState,
    user: &User,
    forum: &Forum,
    facilitators: &[i64],
    post: &PostRow,
    action: &str,
) -> Result<(), Refusal> {
    if !can_moderate(Some(user), facilitators) {
        return Err(Refusal::Rule("error-facilitators-only"));
    }
    if !["hide", "restore", "close", "reopen"].contains(&action) {
        return Err(Refusal::Rule("error-not-allowed"));
    }
    if matches!(action, "close" | "reopen") && post.topic_id.is_some() {
        return Err(Refusal::Rule("error-not-allowed"));
    }
    store::moderate(&state.db, forum.id, post, user.id, action).await?;
    state.live.local(post.space_id);
    Ok(())
}

/// A post body made ready to store: rendered once, when written, and who that rendering
/// mentions. Pages show the stored HTML; notifications go to exactly those it marks.
pub struct Rendered {
    pub html: String,
    pub mentioned: Vec<i64>,
}

/// Renders a body off the async workers (rendering is bounded, but the costliest step).
pub async fn render_post(body: &str, members: &[(i64, String)]) -> anyhow::Result<Rendered> {
    let body = body.to_string();
    let members = members.to_vec();
    Ok(tokio::task::spawn_blocking(move || {
        let names: Vec<String> = members.iter().map(|(_, n)| n.trim().to_string()).collect();
        let html = crate::markdown::render_with_mentions(&body, &names);
        let mentioned = mentioned_in(&html, &members);
        Rendered { html, mentioned }
    })
    .await?)
}

/// Who is mentioned: exactly the members the rendered post marks as mentioned (never a name
/// inside a link or code), so a notification always matches what the page shows.
pub fn mentioned(body: &str, members: &[(i64, String)]) -> Vec<i64> {
    let names: Vec<String> = members.iter().map(|(_, n)| n.trim().to_string()).collect();
    mentioned_in(
        &crate::markdown::render_with_mentions(body, &names),
        members,
    )
}

fn mentioned_in(html: &str, members: &[(i64, String)]) -> Vec<i64> {
    members
        .iter()
        .filter(|(_, name)| !name.trim().is_empty())
        .filter(|(_, name)| {
            let shown = name
                .trim()
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            html.contains(&format!("<strong class=\"mention\">@{shown}</strong>"))
        })
        .map(|(id, _)| *id)
        .collect()
}

/// Sheet ids linked from a text (`/experiencias/12-…`), in order, without repeats.
pub fn linked_sheets(body: &str) -> Vec<i64> {
    let mut out = Vec::new();
    for part in body.split("/experiencias/").skip(1) {
        let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(id) = digits.parse::<i64>()
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}

/// The text of a post quoted for a reply: each line prefixed with `> `, then the author.
pub fn quote(body: &str, author: &str) -> String {
    let mut out: String = body.lines().map(|l| format!("> {l}\n")).collect();
    out.push_str(&format!("> — {author}\n\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_match_what_the_page_shows() {
        let members = vec![(1, "Marta Rodríguez".to_string()), (2, "Jorge".to_string())];
        assert_eq!(
            mentioned("Gracias @Marta Rodríguez por el dato", &members),
            vec![1]
        );
        assert!(mentioned("sin menciones", &members).is_empty());
        // inside a link or code, a name is not a mention (found in a hostile trial)
        assert!(mentioned("ver [@Jorge](https://x.y) y `@Marta Rodríguez`", &members).is_empty());
    }

    #[test]
    fn linked_sheets_are_found_once() {
        let t = "ver /experiencias/12-sajama y https://x.org/experiencias/7 y /experiencias/12";
        assert_eq!(linked_sheets(t), vec![12, 7]);
    }

    #[test]
    fn a_position_needs_a_stance_and_an_argument() {
        let f = TopicForm::default();
        let e = TopicDraft::parse(Kind::Debate, &f).unwrap_err();
        assert_eq!(e.get("stance"), Some("error-stance-missing"));
        assert_eq!(e.get("body"), Some("error-argument-empty"));
    }

    #[test]
    fn local_inputs_read_back_as_the_same_time() {
        let ts = crate::calls::parse_local("2026-12-01T09:30", "America/Lima").unwrap();
        assert_eq!(local_input(ts, "America/Lima"), "2026-12-01T09:30");
    }

    #[test]
    fn quotes_keep_lines() {
        assert_eq!(quote("a\nb", "Ana"), "> a\n> b\n> — Ana\n\n");
    }
}

/// Property tests: any topic form, in any kind of space, parses into a draft or into field
/// errors; it never panics, and accepted text respects the limits.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,60}",
            Just("favor".to_string()),
            Just("matices".to_string()),
            Just("peers".to_string()),
            Just("12".to_string()),
            Just("x".repeat(40_000)),
            Just(">".repeat(5_000)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_topic_form_parses_or_explains(
            kind in prop::sample::select(Kind::ALL.to_vec()),
            title in value(), body in value(), stance in value(), audience in value(),
            change in value(), experience in value(), lang in value(),
        ) {
            let form = TopicForm {
                title,
                body,
                stance,
                audience,
                change_text: change,
                experience,
                lang,
                ..Default::default()
            };
            match TopicDraft::parse(kind, &form) {
                Ok(d) => prop_assert!(d.body.chars().count() <= 20_000 && d.title.chars().count() <= 300),
                Err(e) => prop_assert!(!e.is_empty()),
            }
        }
    }
}
