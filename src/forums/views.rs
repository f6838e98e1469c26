//! Template structs for forum pages and the view models of posts and topics.

use super::store::{ForumListRow, LogEntry, Participation};
use super::{Forum, ForumForm, Kind, PostRow, Space, SpaceForm, TopicForm, TopicRow};
use crate::web::{Ctx, FieldErrors};
use askama::Template;

/// A sheet cited by a post: link, title, country.
#[derive(Debug, Clone)]
pub struct Cited {
    pub url: String,
    pub title: String,
    pub country: String,
}

/// A post as shown.
#[derive(Debug, Clone)]
pub struct PostCard {
    pub id: i64,
    pub topic_id: i64,
    pub author_name: String,
    pub author_line: String,
    /// Sanitized HTML of the text; empty when hidden from this reader.
    pub html: String,
    pub hidden: bool,
    /// The language the text is written in (marked on the page).
    pub lang: String,
    pub when: String,
    pub edited: bool,
    pub reactions: i64,
    pub reacted: bool,
    pub helpful: bool,
    /// Written by the reader.
    pub mine: bool,
    pub can_edit: bool,
    /// "Desde mi práctica": the sheet chosen on the form.
    pub practice: Option<Cited>,
    /// Sheets linked from the text.
    pub linked: Vec<Cited>,
}

/// A topic as shown: its first post and its kind's fields.
#[derive(Debug, Clone)]
pub struct TopicCard {
    pub post: PostCard,
    pub title: String,
    pub stance: super::Stance,
    pub change_html: String,
    pub learning_html: String,
    pub outcome_html: String,
    pub audience: super::Audience,
    pub votes: i64,
    pub voted: bool,
    pub replies: i64,
    pub answered: bool,
    pub resolved: bool,
    pub closed: bool,
}

impl TopicCard {
    pub fn url(&self) -> String {
        format!("/foros/temas/{}", self.post.id)
    }
    /// What a list shows as the topic's name: its title, or the first words of its text.
    pub fn heading(&self, raw: &TopicRow) -> String {
        if !self.title.is_empty() {
            return self.title.clone();
        }
        let flat: String = raw
            .post
            .body
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if flat.chars().count() > 90 {
            format!("{}…", flat.chars().take(90).collect::<String>())
        } else {
            flat
        }
    }
}

pub use crate::web::page::Page;

#[derive(Template)]
#[template(path = "forums/list.html")]
pub struct ForumsPage {
    pub ctx: Ctx,
    pub forums: Vec<ForumListRow>,
    pub can_create: bool,
}

impl ForumsPage {
    pub fn dates(&self, f: &ForumListRow) -> String {
        date_range(f.starts_at, f.ends_at, &f.time_zone)
    }
}

pub fn date_range(from: Option<i64>, to: Option<i64>, zone: &str) -> String {
    let d = |t: Option<i64>| t.map(|t| crate::clock::local_time(t, zone));
    match (d(from), d(to)) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        (Some(a), None) => a,
        (None, Some(b)) => format!("– {b}"),
        (None, None) => String::new(),
    }
}

#[derive(Template)]
#[template(path = "forums/form.html")]
pub struct ForumFormPage {
    pub ctx: Ctx,
    pub form: ForumForm,
    pub errors: FieldErrors,
    pub calls: Vec<(i64, String)>,
    /// The forum being edited (None: a new one).
    pub editing: Option<i64>,
}

impl ForumFormPage {
    pub fn action(&self) -> String {
        match self.editing {
            Some(id) => format!("/foros/{id}/editar"),
            None => "/foros/nuevo".into(),
        }
    }
    pub fn zones(&self) -> [&'static str; 16] {
        crate::clock::TIME_ZONES
    }
}

pub struct SpaceGroup {
    pub kind: Kind,
    pub spaces: Vec<Space>,
}

#[derive(Template)]
#[template(path = "forums/show.html")]
pub struct ForumPage {
    pub ctx: Ctx,
    pub forum: Forum,
    pub notice: Option<String>,
    pub description_html: String,
    pub dates: String,
    pub call: Option<(String, String)>,
    pub groups: Vec<SpaceGroup>,
    pub facilitators: Vec<String>,
    pub members: Vec<String>,
    pub member_count: usize,
    pub is_member: bool,
    pub can_moderate: bool,
}

impl ForumPage {
    pub fn topic_count(&self, kind: &Kind, n: &i64) -> String {
        self.ctx.lang.t_args(
            &format!("space-topic-count-{}", kind.code()),
            &[("count", n.to_string())],
        )
    }
    pub fn last_activity(&self, s: &Space) -> String {
        s.last_post_at
            .map(|t| crate::clock::local_time(t, &self.forum.time_zone))
            .unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "forums/space_form.html")]
pub struct SpaceFormPage {
    pub ctx: Ctx,
    pub forum: Forum,
    pub form: SpaceForm,
    pub errors: FieldErrors,
    /// The space being edited (None: a new one).
    pub editing: Option<i64>,
}

impl SpaceFormPage {
    pub fn action(&self) -> String {
        match self.editing {
            Some(id) => format!("/foros/espacios/{id}/editar"),
            None => format!("/foros/{}/espacios/nuevo", self.forum.id),
        }
    }
    pub fn kinds(&self) -> Vec<&'static str> {
        Kind::ALL.iter().map(|k| k.code()).collect()
    }
}

/// What the reader may do in a space (and why not).
pub struct Standing {
    pub signed_in: bool,
    pub is_member: bool,
    /// Message key when the space takes no posts now.
    pub closed: Option<&'static str>,
    pub can_moderate: bool,
    pub following: bool,
}

impl Standing {
    pub fn can_post(&self) -> bool {
        self.is_member && self.closed.is_none()
    }
    /// The "me sirve" and flag buttons on a post ([`super::may_mark`]).
    pub fn may_mark(&self, p: &PostCard) -> bool {
        super::may_mark(self.is_member, p.hidden, p.mine).is_ok()
    }
    /// The vote button on a topic ([`super::may_vote`]).
    pub fn may_vote(&self, kind: &Kind, p: &PostCard) -> bool {
        let open = self.closed.map_or(Ok(()), Err);
        super::may_vote(*kind, (self.is_member, p.hidden, p.mine), open).is_ok()
    }
}

/// A composer (topic, reply or edit form) with what was typed and its preview.
#[derive(Default)]
pub struct Composer<F = TopicForm> {
    pub form: F,
    pub preview: String,
    /// (id, title) of the reader's sheets (topic forms only).
    pub my_sheets: Vec<(i64, String)>,
}

impl<F> Composer<F> {
    pub fn typed(form: F, preview: String) -> Self {
        Composer {
            form,
            preview,
            my_sheets: vec![],
        }
    }
}

impl<F> From<F> for Composer<F> {
    fn from(form: F) -> Self {
        Composer::typed(form, String::new())
    }
}

impl Composer {
    pub fn is_sheet(&self, id: &i64) -> bool {
        self.form.experience == id.to_string()
    }
    /// Whether `code` is the post's language: as chosen, or else the reader's own.
    pub fn is_lang(&self, code: &str, ctx: &Ctx) -> bool {
        match self.form.lang.as_str() {
            "" => ctx.lang.code() == code,
            chosen => chosen == code,
        }
    }
}

#[derive(Template)]
#[template(path = "forums/space.html")]
pub struct SpacePage {
    pub ctx: Ctx,
    pub forum: Forum,
    pub space: Space,
    pub kind: Kind,
    pub notice: Option<String>,
    pub description_html: String,
    pub session: String,
    pub window: String,
    pub speakers: Vec<String>,
    pub topics: Vec<(TopicCard, String)>,
    pub total: i64,
    pub spread: Vec<(&'static str, i64, i64)>,
    /// Current filter code (`''`, `respondidas`, `sin-responder`, a stance, `abiertos`, `resueltos`).
    pub filter: String,
    pub order: String,
    pub page: Page,
    pub standing: Standing,
    pub composer: Composer,
    pub has_position: bool,
    pub errors: FieldErrors,
}

impl SpacePage {
    /// The label of the main text field, which names it for the space's kind.
    pub fn body_label(&self) -> String {
        format!("topic-body-{}", self.kind)
    }
    pub fn filters(&self) -> &'static [&'static str] {
        self.kind.filters()
    }
    pub fn filter_label(&self, f: &str) -> String {
        if f.is_empty() {
            self.ctx.t_code("filter-all-", self.kind.code())
        } else {
            self.ctx.t_code("filter-", f)
        }
    }
    pub fn filter_url(&self, f: &str) -> String {
        if f.is_empty() {
            self.space.url()
        } else {
            format!("{}?filtro={f}", self.space.url())
        }
    }
    pub fn stances(&self) -> Vec<&'static str> {
        super::Stance::choices().map(|s| s.code()).collect()
    }
    pub fn audiences(&self) -> Vec<&'static str> {
        super::Audience::choices().map(|a| a.code()).collect()
    }
    pub fn live_url(&self) -> String {
        format!("{}/eventos", self.space.url())
    }
    /// All visible positions (the spread does not depend on the filter).
    /// The preview's heading sits under the form's h2.
    pub fn preview_level(&self) -> u8 {
        3
    }
    pub fn spread_total(&self) -> i64 {
        self.spread.iter().map(|s| s.1).sum()
    }
}

#[derive(Template)]
#[template(path = "forums/topic.html")]
pub struct TopicPage {
    pub ctx: Ctx,
    pub forum: Forum,
    pub space: Space,
    pub kind: Kind,
    pub notice: Option<String>,
    pub topic: TopicCard,
    pub heading: String,
    pub replies: Vec<PostCard>,
    pub page: Page,
    pub standing: Standing,
    pub can_reply: bool,
    pub is_author: bool,
    pub body: String,
    /// The reply's language as chosen (empty: the reader's own).
    pub reply_lang: String,
    pub preview: String,
    pub errors: FieldErrors,
}

impl TopicPage {
    pub fn reply_lang_is(&self, code: &str) -> bool {
        match self.reply_lang.as_str() {
            "" => self.ctx.lang.code() == code,
            chosen => chosen == code,
        }
    }
    pub fn live_url(&self) -> String {
        format!("{}/eventos", self.space.url())
    }
}

#[derive(Template)]
#[template(path = "forums/edit.html")]
pub struct EditPage {
    pub ctx: Ctx,
    pub space: Space,
    pub kind: Kind,
    pub post_id: i64,
    pub topic_id: i64,
    pub is_topic: bool,
    pub composer: Composer,
    pub errors: FieldErrors,
}

impl EditPage {
    /// The preview's heading sits right under the page's h1.
    pub fn preview_level(&self) -> u8 {
        2
    }
    /// The label of the main text field, which names it for the space's kind.
    pub fn body_label(&self) -> String {
        format!("topic-body-{}", self.kind)
    }
    pub fn stances(&self) -> Vec<&'static str> {
        super::Stance::choices().map(|s| s.code()).collect()
    }
    pub fn audiences(&self) -> Vec<&'static str> {
        super::Audience::choices().map(|a| a.code()).collect()
    }
}

pub struct RevisionView {
    pub when: String,
    pub title: String,
    pub stance: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "forums/history.html")]
pub struct HistoryPage {
    pub ctx: Ctx,
    pub space: Space,
    pub topic_id: i64,
    pub current: PostCard,
    pub revisions: Vec<RevisionView>,
}

pub struct QueueItem {
    pub post: PostCard,
    pub raw: PostRow,
    pub is_topic: bool,
    pub closed: bool,
    pub reasons: Vec<(String, i64)>,
}

#[derive(Template)]
#[template(path = "forums/moderation.html")]
pub struct ModerationPage {
    pub ctx: Ctx,
    pub forum: Forum,
    pub notice: Option<String>,
    pub queue: Vec<QueueItem>,
    pub log: Vec<LogEntry>,
}

impl ModerationPage {
    pub fn when(&self, t: &i64) -> String {
        crate::clock::local_time(*t, &self.forum.time_zone)
    }
}

#[derive(Template)]
#[template(path = "forums/dilemmas.html")]
pub struct DilemmasPage {
    pub ctx: Ctx,
    pub forum: Forum,
    pub dilemmas: Vec<(TopicCard, String)>,
}

#[derive(Template)]
#[template(path = "forums/participation.html")]
pub struct ParticipationPage {
    pub ctx: Ctx,
    pub forum: Forum,
    pub rows: Vec<Participation>,
}

impl ParticipationPage {
    pub fn when(&self, t: &i64) -> String {
        crate::clock::local_time(*t, &self.forum.time_zone)
    }
    pub fn when_opt(&self, t: &Option<i64>) -> String {
        t.map(|t| crate::clock::local_time(t, &self.forum.time_zone))
            .unwrap_or_default()
    }
}
