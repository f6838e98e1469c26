//! Permissions and kind rules, pure: operations and pages both call them.

use super::*;

pub fn can_create_forums(user: Option<&User>) -> bool {
    user.is_some_and(|u| matches!(u.role, Role::Facilitator | Role::Admin))
}

/// Facilitators of this forum (and administrators) configure spaces and moderate.
/// Admins, and the forum's facilitators while they hold the facilitator role (taking the
/// role away at /admin takes their forums' moderation with it).
pub fn can_moderate(user: Option<&User>, facilitators: &[i64]) -> bool {
    user.is_some_and(|u| {
        u.role == Role::Admin || (u.role == Role::Facilitator && facilitators.contains(&u.id))
    })
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

/// Reacting to a post, voting for it and flagging it are for people who joined the forum,
/// never on a hidden post, and never on one's own (votes rank the questions for the
/// speakers; "me sirve" tells the author it helped someone else).
pub fn may_mark(is_member: bool, hidden: bool, own: bool) -> Result<(), Refusal> {
    if !is_member {
        return Err(Refusal::Invalid("error-not-member"));
    }
    if hidden {
        return Err(Refusal::Invalid("error-topic-hidden"));
    }
    if own {
        return Err(Refusal::Invalid("error-own-post"));
    }
    Ok(())
}

/// Votes go to a conference's questions, from members, never on a hidden topic, while the
/// space takes posts (a conference's questions are voted while it takes questions).
/// `open` is [`space_open`]'s verdict.
pub fn may_vote(
    kind: Kind,
    (is_member, hidden, own): (bool, bool, bool),
    open: Result<(), &'static str>,
) -> Result<(), Refusal> {
    if !kind.has_votes() {
        return Err(Refusal::Forbidden("error-not-allowed"));
    }
    may_mark(is_member, hidden, own)?;
    open.map_err(Refusal::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_need_a_conference_a_member_a_visible_topic_of_someone_else_and_an_open_space() {
        let open = Ok(());
        let fine = (true, false, false);
        assert!(may_vote(Kind::Conference, fine, open).is_ok());
        let refused = |r: Result<(), Refusal>| r.unwrap_err().key().unwrap();
        assert_eq!(
            refused(may_vote(Kind::Debate, fine, open)),
            "error-not-allowed"
        );
        let cases = [
            ((false, false, false), "error-not-member"),
            ((true, true, false), "error-topic-hidden"),
            ((true, false, true), "error-own-post"),
        ];
        for (who, key) in cases {
            assert_eq!(refused(may_vote(Kind::Conference, who, open)), key);
            assert_eq!(refused(may_mark(who.0, who.1, who.2)), key);
        }
        let closed = Err("error-space-closed");
        assert_eq!(
            refused(may_vote(Kind::Conference, fine, closed)),
            "error-space-closed"
        );
        assert!(may_mark(true, false, false).is_ok());
    }
}
