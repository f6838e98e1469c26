//! View models shared by the forum pages: post and topic cards, cited sheets, standing.

use super::*;

pub(super) async fn cited_sheets(
    state: &AppState,
    ctx: &Ctx,
    ids: Vec<i64>,
) -> AppResult<HashMap<i64, Cited>> {
    let ids: Vec<i64> = ids
        .into_iter()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let taxonomy = state.taxonomy().await?;
    Ok(crate::experiences::cards(&state.db, &ids)
        .await?
        .into_iter()
        .filter(|c| c.state == "published")
        .map(|c| {
            let cited = Cited {
                url: crate::experiences::sheet_url(c.id, &c.title),
                country: taxonomy.country_name(&c.country_code, ctx.lang),
                title: c.title,
            };
            (c.id, cited)
        })
        .collect())
}

pub(super) struct CardContext {
    pub(super) taxonomy: crate::taxonomy::Taxonomy,
    pub(super) sheets: HashMap<i64, Cited>,
    pub(super) reacted: HashSet<i64>,
    pub(super) edited: HashSet<i64>,
    pub(super) moderator: bool,
    pub(super) zone: String,
    pub(super) edit_window: i64,
    pub(super) kind: Kind,
    /// Names of the forum's members, for marking @mentions.
    pub(super) members: Vec<String>,
}

pub(super) async fn card_context(
    state: &AppState,
    ctx: &Ctx,
    forum: &Forum,
    kind: Kind,
    posts: &[&PostRow],
    moderator: bool,
) -> AppResult<CardContext> {
    let ids: Vec<i64> = posts.iter().map(|p| p.id).collect();
    let mut sheet_ids: Vec<i64> = posts.iter().filter_map(|p| p.experience_id).collect();
    for p in posts {
        sheet_ids.extend(crate::forums::linked_sheets(&p.body));
    }
    let reacted = match &ctx.user {
        Some(u) => store::mine_among(&state.db, Mark::Reactions, &ids, u.id).await?,
        None => HashSet::new(),
    };
    Ok(CardContext {
        taxonomy: state.taxonomy().await?,
        sheets: cited_sheets(state, ctx, sheet_ids).await?,
        reacted,
        edited: store::edited_among(&state.db, &ids).await?,
        moderator,
        zone: forum.time_zone.clone(),
        edit_window: state.settings.forum_edit_minutes * 60,
        kind,
        members: store::members(&state.db, forum.id)
            .await?
            .into_iter()
            .map(|m| m.1)
            .collect(),
    })
}

pub(super) fn post_card(ctx: &Ctx, cc: &CardContext, p: &PostRow) -> PostCard {
    let hidden = p.hidden != 0;
    let mut author_line: Vec<String> = vec![];
    if !p.author_org.is_empty() {
        author_line.push(p.author_org.clone());
    }
    if let Some(c) = &p.author_country {
        author_line.push(cc.taxonomy.country_name(c, ctx.lang));
    }
    PostCard {
        id: p.id,
        topic_id: p.topic_id.unwrap_or(p.id),
        author_name: p.author_name.clone(),
        author_line: author_line.join(" · "),
        html: if hidden && !cc.moderator {
            String::new()
        } else {
            // stored when written; posts from before the cache are rendered here
            p.body_html
                .clone()
                .unwrap_or_else(|| crate::markdown::render_with_mentions(&p.body, &cc.members))
        },
        hidden,
        lang: p.lang.clone(),
        when: crate::clock::local_time(p.created_at, &cc.zone),
        edited: cc.edited.contains(&p.id),
        reactions: p.reactions,
        reacted: cc.reacted.contains(&p.id),
        helpful: p.helpful_at.is_some(),
        mine: ctx.user.as_ref().is_some_and(|u| u.id == p.author_id),
        can_edit: ctx.user.as_ref().is_some_and(|u| {
            crate::forums::can_edit(u, p, cc.kind, p.topic_id.is_none(), cc.edit_window, ctx.now)
        }),
        practice: p
            .experience_id
            .filter(|_| !hidden || cc.moderator)
            .and_then(|id| cc.sheets.get(&id).cloned()),
        linked: if hidden && !cc.moderator {
            vec![]
        } else {
            crate::forums::linked_sheets(&p.body)
                .into_iter()
                .filter_map(|id| cc.sheets.get(&id).cloned())
                .collect()
        },
    }
}

pub(super) fn topic_card(
    ctx: &Ctx,
    cc: &CardContext,
    t: &TopicRow,
    voted: &HashSet<i64>,
) -> TopicCard {
    let show = t.post.hidden == 0 || cc.moderator;
    let md = |s: &str| {
        if show && !s.is_empty() {
            crate::markdown::render(s)
        } else {
            String::new()
        }
    };
    TopicCard {
        post: post_card(ctx, cc, &t.post),
        title: t.title.clone(),
        stance: t.stance,
        change_html: md(&t.change_text),
        learning_html: md(&t.learning_text),
        outcome_html: md(&t.outcome_text),
        audience: t.audience,
        votes: t.votes,
        voted: voted.contains(&t.post.id),
        replies: t.replies,
        answered: t.answered_at.is_some(),
        resolved: t.resolved_at.is_some(),
        closed: t.closed_at.is_some(),
    }
}

pub(super) async fn topic_cards(
    state: &AppState,
    ctx: &Ctx,
    forum: &Forum,
    kind: Kind,
    topics: &[TopicRow],
    moderator: bool,
) -> AppResult<Vec<(TopicCard, String)>> {
    let posts: Vec<&PostRow> = topics.iter().map(|t| &t.post).collect();
    let cc = card_context(state, ctx, forum, kind, &posts, moderator).await?;
    let ids: Vec<i64> = topics.iter().map(|t| t.post.id).collect();
    let voted = match &ctx.user {
        Some(u) if kind.has_votes() => {
            store::mine_among(&state.db, Mark::Votes, &ids, u.id).await?
        }
        _ => HashSet::new(),
    };
    Ok(topics
        .iter()
        .map(|t| {
            let card = topic_card(ctx, &cc, t, &voted);
            let heading = if t.post.hidden != 0 && !cc.moderator {
                ctx.t("forum-hidden-post")
            } else {
                card.heading(t)
            };
            (card, heading)
        })
        .collect())
}

pub(super) async fn standing(
    state: &AppState,
    ctx: &Ctx,
    forum: &Forum,
    space: &Space,
    follow: (&str, i64),
    can_moderate: bool,
) -> AppResult<Standing> {
    let (is_member, following) = match &ctx.user {
        Some(u) => (
            store::is_member(&state.db, forum.id, u.id).await?,
            store::is_following(&state.db, u.id, follow.0, follow.1).await?,
        ),
        None => (false, false),
    };
    Ok(Standing {
        signed_in: ctx.user.is_some(),
        is_member,
        closed: crate::forums::space_open(space, forum, ctx.now).err(),
        can_moderate,
        following,
    })
}

pub(super) async fn my_sheets(state: &AppState, ctx: &Ctx) -> AppResult<Vec<(i64, String)>> {
    Ok(match &ctx.user {
        Some(u) => crate::experiences::list_for_editor(&state.db, u.id)
            .await?
            .into_iter()
            .map(|s| (s.id, s.title))
            .collect(),
        None => vec![],
    })
}
