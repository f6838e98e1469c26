//! A topic's page: replies, votes, resolving a dilemma, following.

use super::*;

pub(super) async fn topic_page(
    state: &AppState,
    ctx: Ctx,
    (topic, space, forum): (TopicRow, Space, Forum),
    q: PageQuery,
    filled: Filled<Composer<ReplyForm>>,
) -> AppResult<Response> {
    let (composer, errors, status) = filled.into_parts();
    let ReplyForm {
        mut body,
        lang: reply_lang,
        ..
    } = composer.form;
    let kind = space.kind();
    let total = topic.replies;
    let base = format!("/foros/temas/{}", topic.post.id);
    let page = Page::new(q.page(), total, REPLIES_PER_PAGE, base);
    let replies = store::replies(
        &state.db,
        topic.post.id,
        REPLIES_PER_PAGE,
        page.offset(REPLIES_PER_PAGE),
    )
    .await?;
    let mut posts: Vec<&PostRow> = replies.iter().collect();
    posts.push(&topic.post);
    let can_moderate = moderator(state, &ctx, &forum).await?;
    let cc = card_context(state, &ctx, &forum, kind, &posts, can_moderate).await?;
    let voted = match &ctx.user {
        Some(u) if kind.has_votes() => {
            store::mine_among(&state.db, Mark::Votes, &[topic.post.id], u.id).await?
        }
        _ => HashSet::new(),
    };
    let card = topic_card(&ctx, &cc, &topic, &voted);
    let heading = if topic.post.hidden != 0 && !cc.moderator {
        ctx.t("forum-hidden-post")
    } else {
        card.heading(&topic)
    };
    let reply_cards = replies.iter().map(|p| post_card(&ctx, &cc, p)).collect();
    if let Some(quoted) = q.quoted()
        && body.is_empty()
        && let Some(p) = store::load_post(&state.db, quoted).await?
        && p.hidden == 0
        && p.topic_id.unwrap_or(p.id) == topic.post.id
    {
        body = crate::forums::quote(&p.body, &p.author_name);
    }
    let standing = standing(
        state,
        &ctx,
        &forum,
        &space,
        ("topic", topic.post.id),
        can_moderate,
    )
    .await?;
    let speakers = store::speakers(&state.db, space.id).await?;
    let can_reply = ctx
        .user
        .as_ref()
        .is_some_and(|u| crate::forums::can_reply(kind, u, &speakers));
    let is_author = ctx
        .user
        .as_ref()
        .is_some_and(|u| u.id == topic.post.author_id);
    if q.vivo.is_none() {
        count_read(state, &ctx, &forum).await;
    }
    render_status(
        status,
        TopicPage {
            notice: ctx.notice(q.aviso.as_deref(), NOTICES),
            kind,
            topic: card,
            heading,
            replies: reply_cards,
            page,
            standing,
            can_reply,
            is_author,
            body,
            reply_lang,
            preview: composer.preview,
            errors,
            forum,
            space,
            ctx,
        },
    )
}

pub(super) async fn topic(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Params(q): Params<PageQuery>,
) -> AppResult<Response> {
    let found = topic_of(&state, id).await?;
    topic_page(&state, ctx, found, q, Filled::default()).await
}

pub(super) async fn reply(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ReplyForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let (topic, space, forum) = topic_of(&state, id).await?;
    join_to_post(&state, &user, &forum, form.csrf_ok, &form.data.join).await?;
    let last = (topic.replies / REPLIES_PER_PAGE) + 1;
    let url_of = |pid: &i64| {
        crate::web::page::with_notice(
            &format!("/foros/temas/{id}?pagina={last}#m{pid}"),
            "respondido",
        )
    };
    let topic_url = format!("/foros/temas/{id}");
    let outcome = submit(
        &state.db,
        &user,
        form,
        crate::forums::parse_reply,
        async |d| crate::forums::reply(state.forums(), &user, &forum, &space, &topic, &d).await,
        (&topic_url, url_of),
    )
    .await?;
    match outcome {
        Submission::Saved(url) => Ok(crate::web::see_other(&url)),
        Submission::Again(filled) => {
            let found = (topic, space, forum);
            topic_page(&state, ctx, found, PageQuery::default(), filled).await
        }
    }
}

/// A refused small action: the topic page again, with the message, under its own address.
pub(super) async fn refused_on_topic(
    state: &AppState,
    mut ctx: Ctx,
    topic_id: i64,
    e: Refusal,
) -> AppResult<Response> {
    let filled = Filled::refused(Composer::default(), e)?;
    let found = topic_of(state, topic_id).await?;
    ctx.here = format!("/foros/temas/{topic_id}");
    topic_page(state, ctx, found, PageQuery::default(), filled).await
}

pub(super) async fn vote(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let on = form.data.wanted()?;
    let deps = state.forums();
    let found = topic_of(&state, id);
    let r = small_action(
        &state,
        ctx,
        form.csrf_ok,
        found,
        |user, topic, space, forum| async move {
            crate::forums::vote(deps, &user, (&forum, &space), &topic, on).await?;
            Ok("")
        },
    )
    .await?;
    Ok(redirect_back(r, &form.data.volver))
}

/// After a successful small action, go back where the button was (a space list, say).
pub(super) fn redirect_back(r: Response, back: &str) -> Response {
    if r.status() == StatusCode::SEE_OTHER && back.starts_with("/foros/") {
        see_other(&without_notice(&crate::web::safe_return_path(Some(back))))
    } else {
        r
    }
}

pub(super) async fn resolve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let deps = state.forums();
    let found = topic_of(&state, id);
    small_action(
        &state,
        ctx,
        form.csrf_ok,
        found,
        |user, topic, space, _| async move {
            crate::forums::resolve(deps, &user, &space, &topic).await?;
            Ok("")
        },
    )
    .await
}

pub(super) async fn follow_topic(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let (topic, _, _) = topic_of(&state, id).await?;
    form.require_csrf()?;
    let on = form.data.wanted()?;
    store::set_follow(&state.db, user.id, "topic", topic.post.id, on).await?;
    let code = if on { "siguiendo" } else { "sin-seguir" };
    Ok(see_other(&with_notice(&format!("/foros/temas/{id}"), code)))
}
