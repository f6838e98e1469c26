//! SQL for forums, spaces, posts and topics, reactions, votes, flags, follows, moderation and
//! participation. Every write that changes what a space shows records a `space` change in the
//! same transaction (live updates on every instance follow the change log).

use crate::accounts::User;
use crate::db::{Db, record_change};
use crate::forums::{
    Audience, FlagReason, ForumDraft, Kind, ModerationAction, Rendered, SpaceDraft, Stance,
    TopicDraft,
};
use crate::notifications;
use crate::record;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, FromRow, Row};
use std::collections::HashSet;

mod actions;
mod forum;
mod posts;
pub use actions::*;
pub use forum::*;
pub use posts::*;

record! {
    pub struct Forum {
        pub id: i64,
        pub title: String,
        pub description: String,
        pub starts_at: Option<i64>,
        pub ends_at: Option<i64>,
        pub time_zone: String,
        pub call_id: Option<i64>,
        pub created_by: i64,
        pub created_at: i64,
        /// Raised by each save of the settings (see `update_forum`).
        pub revision: i64,
    }
}

record! {
    pub struct ForumListRow {
        pub id: i64,
        pub title: String,
        pub description: String,
        pub starts_at: Option<i64>,
        pub ends_at: Option<i64>,
        pub time_zone: String,
        pub members: i64,
        pub spaces: i64,
    }
}

record! {
    pub struct Space {
        pub id: i64,
        pub forum_id: i64,
        pub kind: Kind,
        pub title: String,
        pub description: String,
        pub question: String,
        pub video_url: String,
        pub file_key: String,
        pub file_name: String,
        pub file_type: String,
        pub speaker_bio: String,
        pub speaker_affiliation: String,
        pub session_at: Option<i64>,
        pub opens_at: Option<i64>,
        pub closes_at: Option<i64>,
        pub topic_count: i64,
        pub post_count: i64,
        pub last_post_at: Option<i64>,
        pub created_at: i64,
        /// Raised by every save of its settings (a stale form is refused).
        pub revision: i64,
    }
}

impl Space {
    pub fn kind(&self) -> Kind {
        self.kind
    }
    pub fn url(&self) -> String {
        format!("/foros/espacios/{}", self.id)
    }
    pub fn file_url(&self) -> String {
        // the name percent-encoded, as attachments' are (a space, `#`, `?` stay in the name)
        let name = crate::web::percent_encode(&self.file_name, b"-._~");
        format!("/foros/espacios/{}/archivo/{name}", self.id)
    }
    pub fn has_video(&self) -> bool {
        self.file_type.starts_with("video/")
    }
    pub fn has_audio(&self) -> bool {
        self.file_type.starts_with("audio/")
    }
}

record! {
    /// A post with its author's name, country and organisation (if they show it) and its
    /// "me sirve" count.
    pub struct PostRow {
        pub id: i64,
        pub space_id: i64,
        pub topic_id: Option<i64>,
        pub author_id: i64,
        pub author_name: String,
        pub author_country: Option<String>,
        pub author_org: String,
        pub body: String,
        /// The body as rendered when it was written (`None` for older posts).
        pub body_html: Option<String>,
        pub experience_id: Option<i64>,
        pub lang: String,
        pub hidden: i64,
        pub flag_count: i64,
        pub helpful_at: Option<i64>,
        pub created_at: i64,
        pub edited_at: Option<i64>,
        /// Raised by every edit (an edit from a stale form is refused).
        pub revision: i64,
        pub reactions: i64,
    }
}

impl AsRef<PostRow> for PostRow {
    fn as_ref(&self) -> &PostRow {
        self
    }
}

impl AsRef<PostRow> for TopicRow {
    fn as_ref(&self) -> &PostRow {
        &self.post
    }
}

/// A topic: its first post and what its kind adds.
#[derive(Debug, Clone)]
pub struct TopicRow {
    pub post: PostRow,
    pub title: String,
    pub stance: Stance,
    pub change_text: String,
    pub learning_text: String,
    pub outcome_text: String,
    pub audience: Audience,
    pub votes: i64,
    pub replies: i64,
    pub helpful_replies: i64,
    pub answered_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub last_activity_at: i64,
}

impl<'r> FromRow<'r, AnyRow> for TopicRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        Ok(TopicRow {
            post: PostRow::from_row(row)?,
            title: row.try_get("title")?,
            stance: row.try_get("stance")?,
            change_text: row.try_get("change_text")?,
            learning_text: row.try_get("learning_text")?,
            outcome_text: row.try_get("outcome_text")?,
            audience: row.try_get("audience")?,
            votes: row.try_get("votes")?,
            replies: row.try_get("replies")?,
            helpful_replies: row.try_get("helpful_replies")?,
            answered_at: row.try_get("answered_at")?,
            resolved_at: row.try_get("resolved_at")?,
            closed_at: row.try_get("closed_at")?,
            last_activity_at: row.try_get("last_activity_at")?,
        })
    }
}

record! {
    pub struct Revision {
        pub id: i64,
        pub body: String,
        pub title: String,
        pub stance: Stance,
        pub change_text: String,
        pub learning_text: String,
        pub outcome_text: String,
        pub written_at: i64,
    }
}

record! {
    pub struct LogEntry {
        pub id: i64,
        pub post_id: Option<i64>,
        pub actor_name: Option<String>,
        pub action: String,
        pub detail: String,
        pub created_at: i64,
    }
}

record! {
    pub struct Participation {
        pub user_id: i64,
        pub name: String,
        pub joined_at: i64,
        pub posts: i64,
        pub reads: i64,
        pub last_post_at: Option<i64>,
    }
}

// the organisation only of a person who chose to show it (their profile, as on /personas)
const POST_COLUMNS: &str = "p.id, p.space_id, p.topic_id, p.author_id, u.name AS author_name, \
    u.country_code AS author_country, \
    COALESCE((SELECT u.organisation FROM profiles pr WHERE pr.user_id = u.id AND pr.show_organisation = 1), '') AS author_org, \
    p.body, p.body_html, p.experience_id, p.lang, \
    p.hidden, p.flag_count, p.helpful_at, p.created_at, p.edited_at, p.revision, \
    (SELECT COUNT(*) FROM post_reactions r WHERE r.post_id = p.id) AS reactions";

const TOPIC_COLUMNS: &str = "t.title, t.stance, t.change_text, t.learning_text, t.outcome_text, \
    t.audience, t.votes, t.replies, t.helpful_replies, t.answered_at, t.resolved_at, t.closed_at, \
    t.last_activity_at";

const SPACE_COLUMNS: &str = "id, forum_id, kind, title, description, question, video_url, \
    file_key, file_name, file_type, speaker_bio, speaker_affiliation, session_at, opens_at, closes_at, topic_count, post_count, \
    last_post_at, created_at, revision";

fn topic_select(filter: &str) -> String {
    format!(
        "SELECT {POST_COLUMNS}, {TOPIC_COLUMNS} FROM topics t JOIN posts p ON p.id = t.post_id \
         JOIN users u ON u.id = p.author_id {filter}"
    )
}
