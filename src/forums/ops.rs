//! Operations: each write is one transaction that also records the change for live updates and creates the notifications it causes.

use super::*;

/// What forum operations need, and nothing more: the database, this instance's live feed,
/// and the forum limits.
#[derive(Clone, Copy)]
pub struct Deps<'a> {
    pub db: &'a Db,
    pub live: &'a crate::live::Live,
    pub limits: Limits,
    /// The time of this request (`AppState::clock`).
    pub now: i64,
}

/// The forum limits from the settings.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub posts_per_window: i64,
    pub flags_per_hour: i64,
    pub flags_to_hide: i64,
    pub edit_minutes: i64,
}

impl From<&crate::config::Settings> for Limits {
    fn from(s: &crate::config::Settings) -> Limits {
        Limits {
            posts_per_window: s.forum_posts_per_window,
            flags_per_hour: s.forum_flags_per_hour,
            flags_to_hide: s.forum_flags_to_hide,
            edit_minutes: s.forum_edit_minutes,
        }
    }
}

pub use crate::refusal::Refusal;

pub async fn create_forum(db: &Db, by: &User, d: &ForumDraft) -> anyhow::Result<i64> {
    let mut ids = crate::accounts::ids_for_emails(db, &d.facilitator_emails).await?;
    ids.push(by.id);
    store::insert_forum(db, by.id, d, &ids).await
}

/// Saves a forum's new settings over `revision`, the one its form showed (refused if
/// someone saved meanwhile). Whoever created it always stays among its facilitators.
pub async fn update_forum(
    db: &Db,
    forum: &Forum,
    revision: i64,
    d: &ForumDraft,
) -> Result<(), Refusal> {
    let mut ids = crate::accounts::ids_for_emails(db, &d.facilitator_emails).await?;
    ids.push(forum.created_by);
    if !store::update_forum(db, (forum.id, revision), d, &ids).await? {
        return Err(Refusal::Conflict("error-edited-meanwhile"));
    }
    Ok(())
}

pub async fn create_space(db: &Db, forum: &Forum, d: &SpaceDraft) -> anyhow::Result<i64> {
    let speakers = crate::accounts::ids_for_emails(db, &d.speaker_emails).await?;
    store::insert_space(db, forum.id, d, &speakers).await
}

/// Saves a space's new settings over `revision`, the one its form showed (its kind never
/// changes: its topics follow that kind). A save on a stale form is refused.
pub async fn update_space(
    deps: Deps<'_>,
    forum: &Forum,
    (space, revision): (i64, i64),
    d: &SpaceDraft,
) -> Result<(), Refusal> {
    let speakers = crate::accounts::ids_for_emails(deps.db, &d.speaker_emails).await?;
    if !store::update_space(deps.db, forum.id, (space, revision), d, &speakers).await? {
        return Err(Refusal::Conflict("error-edited-meanwhile"));
    }
    deps.live.local(space);
    Ok(())
}

/// Posting checks shared by topics and replies: joined, space open, within the rate limit.
pub(super) async fn may_post(
    deps: Deps<'_>,
    user: &User,
    forum: &Forum,
    space: &Space,
) -> Result<(), Refusal> {
    // a throwaway account cannot write in public: the e-mail must be confirmed first
    if !user.email_confirmed() {
        return Err(Refusal::Invalid("error-confirm-to-post"));
    }
    if !store::is_member(deps.db, forum.id, user.id).await? {
        return Err(Refusal::Invalid("error-not-member"));
    }
    space_open(space, forum, deps.now).map_err(Refusal::Invalid)?;
    let bucket = format!("forum-post:{}", user.id);
    let limit = deps.limits.posts_per_window;
    if !crate::web::rate_limit::hit(deps.db, &bucket, limit, 600).await? {
        return Err(Refusal::Limited("error-rate-posts"));
    }
    Ok(())
}

pub(super) async fn check_experience(db: &Db, user: &User, id: Option<i64>) -> Result<(), Refusal> {
    if let Some(id) = id {
        let mine = crate::experiences::list_for_editor(db, user.id).await?;
        if !mine.iter().any(|s| s.id == id) {
            return Err(Refusal::Invalid("error-experience-not-yours"));
        }
    }
    Ok(())
}

/// A new topic. In a debate, a second position by the same person revises the first, if
/// the form was filled from its current revision (else someone, maybe they in another tab,
/// saved meanwhile: refused, nothing undone).
pub async fn post_topic(
    deps: Deps<'_>,
    user: &User,
    forum: &Forum,
    space: &Space,
    d: &TopicDraft,
) -> Result<i64, Refusal> {
    let kind = space.kind();
    may_post(deps, user, forum, space).await?;
    check_experience(deps.db, user, d.experience_id).await?;
    let rendered = render_post(&d.body, &store::members(deps.db, forum.id).await?).await?;
    if kind.one_topic_per_person()
        && let Some(existing) = store::position_of(deps.db, space.id, user.id).await?
    {
        let revision = Some(d.revision.unwrap_or(-1));
        if !store::revise_post(deps.db, (existing, revision), space.id, d, &rendered).await? {
            return Err(Refusal::Conflict("error-edited-meanwhile"));
        }
        deps.live.local(space.id);
        return Ok(existing);
    }
    let id = match store::insert_topic(deps.db, user, space, d, &rendered).await {
        Ok(id) => id,
        // a second submit of a first position raced the first one: revise instead
        Err(e) => match kind.one_topic_per_person() {
            true => match store::position_of(deps.db, space.id, user.id).await? {
                Some(existing) => {
                    store::revise_post(deps.db, (existing, None), space.id, d, &rendered).await?;
                    existing
                }
                None => return Err(e.into()),
            },
            false => return Err(e.into()),
        },
    };
    deps.live.local(space.id);
    Ok(id)
}

pub async fn reply(
    deps: Deps<'_>,
    user: &User,
    forum: &Forum,
    space: &Space,
    topic: &TopicRow,
    d: &TopicDraft,
) -> Result<i64, Refusal> {
    let kind = space.kind();
    if !can_reply(kind, user, &store::speakers(deps.db, space.id).await?) {
        return Err(Refusal::Forbidden("error-speakers-only"));
    }
    if topic.post.hidden != 0 {
        return Err(Refusal::Invalid("error-topic-hidden"));
    }
    if topic.closed_at.is_some() {
        return Err(Refusal::Invalid("error-topic-closed"));
    }
    may_post(deps, user, forum, space).await?;
    let rendered = render_post(&d.body, &store::members(deps.db, forum.id).await?).await?;
    let id = store::insert_reply(deps.db, user, space, topic, d, &rendered).await?;
    deps.live.local(space.id);
    Ok(id)
}

/// Edits a post (author, within the window), keeping the earlier version in its history.
/// An author's edit of a post, from a form filled at `revision` (refused if the post
/// changed since: another tab or device saved first).
pub async fn edit(
    deps: Deps<'_>,
    user: &User,
    (post, revision): (&PostRow, i64),
    space: &Space,
    forum: &Forum,
    d: &TopicDraft,
) -> Result<(), Refusal> {
    let is_topic = post.topic_id.is_none();
    let window = deps.limits.edit_minutes * 60;
    if !can_edit(user, post, space.kind(), is_topic, window, deps.now) {
        return Err(Refusal::Invalid("error-edit-window"));
    }
    if space.kind().one_topic_per_person() && is_topic {
        space_open(space, forum, deps.now).map_err(Refusal::Invalid)?;
    }
    check_experience(deps.db, user, d.experience_id).await?;
    let rendered = render_post(&d.body, &store::members(deps.db, forum.id).await?).await?;
    if !store::revise_post(deps.db, (post.id, Some(revision)), space.id, d, &rendered).await? {
        return Err(Refusal::Conflict("error-edited-meanwhile"));
    }
    deps.live.local(space.id);
    Ok(())
}

/// A flag from one person (once per post). Enough flags hide the post until a facilitator
/// looks at it; that automatic action is logged like the others.
pub async fn flag(
    deps: Deps<'_>,
    user: &User,
    forum: &Forum,
    post: &PostRow,
    reason: FlagReason,
) -> Result<bool, Refusal> {
    // only people who joined flag (fresh accounts cannot hide posts from outside)
    may_mark(
        store::is_member(deps.db, forum.id, user.id).await?,
        post.hidden != 0,
        post.author_id == user.id,
    )?;
    let bucket = format!("forum-flag:{}", user.id);
    let limit = deps.limits.flags_per_hour;
    if !crate::web::rate_limit::hit(deps.db, &bucket, limit, 3600).await? {
        return Err(Refusal::Limited("error-rate-flags"));
    }
    let (joined_at, posts) = store::standing(deps.db, forum.id, user.id).await?;
    let counts = flag_counts_toward_hiding(user, joined_at, posts, deps.now);
    let hidden = store::add_flag(
        deps.db,
        forum.id,
        post,
        user.id,
        reason,
        deps.limits.flags_to_hide,
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
    user.email_confirmed() && (posts > 0 || joined_at.is_some_and(|t| now - t >= 86_400))
}

/// "Me sirve" on a post, or taking it back.
pub async fn react(
    deps: Deps<'_>,
    user: &User,
    forum: &Forum,
    post: &PostRow,
    on: bool,
) -> Result<(), Refusal> {
    may_mark(
        store::is_member(deps.db, forum.id, user.id).await?,
        post.hidden != 0,
        post.author_id == user.id,
    )?;
    store::set_mark(deps.db, store::Mark::Reactions, post, user.id, on).await?;
    deps.live.local(post.space_id);
    Ok(())
}

/// A vote for a conference question, or taking it back.
pub async fn vote(
    deps: Deps<'_>,
    user: &User,
    (forum, space): (&Forum, &Space),
    topic: &TopicRow,
    on: bool,
) -> Result<(), Refusal> {
    let is_member = store::is_member(deps.db, forum.id, user.id).await?;
    let open = space_open(space, forum, deps.now);
    let post = &topic.post;
    let who = (is_member, post.hidden != 0, post.author_id == user.id);
    may_vote(space.kind(), who, open)?;
    store::set_mark(deps.db, store::Mark::Votes, &topic.post, user.id, on).await?;
    deps.live.local(space.id);
    Ok(())
}

/// The author of a dilemma marks a reply as helpful (or takes the mark back).
pub async fn mark_helpful(
    deps: Deps<'_>,
    user: &User,
    space: &Space,
    reply: &PostRow,
    on: bool,
) -> Result<(), Refusal> {
    let not_allowed = Refusal::Forbidden("error-not-allowed");
    let topic = match reply.topic_id {
        Some(id) if space.kind().has_helpful_marks() => store::load_topic(deps.db, id).await?,
        _ => None,
    };
    let topic = topic.ok_or(not_allowed)?;
    if topic.post.author_id != user.id {
        return Err(Refusal::Forbidden("error-author-only"));
    }
    store::set_helpful(deps.db, topic.post.id, reply, user.id, on).await?;
    deps.live.local(space.id);
    Ok(())
}

/// Only the author closes a dilemma as resolved (and may reopen it).
pub async fn resolve(
    deps: Deps<'_>,
    user: &User,
    space: &Space,
    topic: &TopicRow,
) -> Result<(), Refusal> {
    if !space.kind().has_helpful_marks() {
        return Err(Refusal::Forbidden("error-not-allowed"));
    }
    if topic.post.author_id != user.id {
        return Err(Refusal::Forbidden("error-author-only"));
    }
    store::set_resolved(
        deps.db,
        topic.post.id,
        space.id,
        topic.resolved_at.is_none(),
    )
    .await?;
    deps.live.local(space.id);
    Ok(())
}

/// Facilitators' moderation actions: hide, restore (clears the flags), close, reopen. Each
/// that changes something is logged in the forum and in the administration's audit log.
pub async fn moderate(
    deps: Deps<'_>,
    user: &User,
    forum: &Forum,
    post: &PostRow,
    action: ModerationAction,
) -> Result<(), Refusal> {
    let facilitators: Vec<i64> = store::facilitators(deps.db, forum.id)
        .await?
        .into_iter()
        .map(|f| f.0)
        .collect();
    if !can_moderate(Some(user), &facilitators) {
        return Err(Refusal::Forbidden("error-facilitators-only"));
    }
    if action.topics_only() && post.topic_id.is_some() {
        return Err(Refusal::Forbidden("error-not-allowed"));
    }
    if store::moderate(deps.db, forum.id, post, user.id, action).await? {
        deps.live.local(post.space_id);
    }
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

pub(super) fn mentioned_in(html: &str, members: &[(i64, String)]) -> Vec<i64> {
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
