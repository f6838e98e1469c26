//! Single posts: editing, history, reactions, flags, helpful marks, moderation.

use super::*;

pub(super) async fn edit_page(
    state: &AppState,
    ctx: Ctx,
    post: &PostRow,
    space: Space,
    filled: Filled<Composer>,
) -> AppResult<Response> {
    let (mut composer, errors, status) = filled.into_parts();
    composer.my_sheets = my_sheets(state, &ctx).await?;
    render_status(
        status,
        EditPage {
            errors,
            ctx,
            kind: space.kind(),
            space,
            post_id: post.id,
            topic_id: post.topic_id.unwrap_or(post.id),
            is_topic: post.topic_id.is_none(),
            composer,
        },
    )
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let (post, space, _) = post_of(&state, id).await?;
    if user.id != post.author_id {
        return Err(AppError::Forbidden);
    }
    let mut form = TopicForm {
        body: post.body.clone(),
        lang: post.lang.clone(),
        experience: post
            .experience_id
            .map(|i| i.to_string())
            .unwrap_or_default(),
        revision: post.revision.to_string(),
        ..Default::default()
    };
    if post.topic_id.is_none()
        && let Some(t) = store::load_topic(&state.db, post.id).await?
    {
        form.title = t.title;
        form.stance = t.stance.code().to_string();
        form.change_text = t.change_text;
        form.learning_text = t.learning_text;
        form.outcome_text = t.outcome_text;
        form.audience = t.audience.code().to_string();
    }
    edit_page(&state, ctx, &post, space, Filled::new(Composer::from(form))).await
}

pub(super) async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<TopicForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let (post, space, forum) = post_of(&state, id).await?;
    if user.id != post.author_id {
        return Err(AppError::Forbidden);
    }
    let is_topic = post.topic_id.is_none();
    let kind = space.kind();
    // a form without the revision it was filled from is as stale as an old one
    let revision = form.data.revision.parse().unwrap_or(-1);
    let parse = |f: &TopicForm| {
        if is_topic {
            TopicDraft::parse(kind, f)
        } else {
            crate::forums::parse_reply(&ReplyForm {
                body: f.body.clone(),
                lang: f.lang.clone(),
                ..Default::default()
            })
        }
    };
    let topic = post.topic_id.unwrap_or(post.id);
    let url_of = |_: &()| {
        crate::web::page::with_notice(&format!("/foros/temas/{topic}#m{}", post.id), "editado")
    };
    let save = async |d| {
        let post = (&post, revision);
        crate::forums::edit(state.forums(), &user, post, &space, &forum, &d).await
    };
    let outcome = submit(&state.db, &user, form, parse, save, (&space.url(), url_of)).await?;
    match outcome {
        Submission::Saved(url) => Ok(crate::web::see_other(&url)),
        Submission::Again(filled) => edit_page(&state, ctx, &post, space, filled).await,
    }
}

pub(super) async fn history(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (post, space, forum) = post_of(&state, id).await?;
    let can_moderate = moderator(&state, &ctx, &forum).await?;
    let cc = card_context(&state, &ctx, &forum, space.kind(), &[&post], can_moderate).await?;
    if post.hidden != 0 && !cc.moderator {
        return Err(AppError::NotFound);
    }
    let revisions = store::revisions(&state.db, id)
        .await?
        .into_iter()
        .map(|r| RevisionView {
            when: crate::clock::local_time(r.written_at, &forum.time_zone),
            title: r.title,
            stance: r.stance.code().to_string(),
            html: crate::markdown::render(&r.body),
        })
        .collect();
    crate::web::render(HistoryPage {
        current: post_card(&ctx, &cc, &post),
        topic_id: post.topic_id.unwrap_or(post.id),
        ctx,
        space,
        revisions,
    })
}

/// Runs a small action (a button) on a topic or one of its posts, found by `found`, then
/// goes back to the topic at that post; a refusal shows the topic page with its message.
pub(super) async fn small_action<T, F, Fut>(
    state: &AppState,
    ctx: Ctx,
    csrf_ok: bool,
    found: impl std::future::Future<Output = AppResult<(T, Space, Forum)>>,
    act: F,
) -> AppResult<Response>
where
    T: AsRef<PostRow>,
    F: FnOnce(User, T, Space, Forum) -> Fut,
    Fut: std::future::Future<Output = Result<&'static str, Refusal>>,
{
    let user = ctx.require_user()?.clone();
    let (target, space, forum) = found.await?;
    crate::web::form::require_csrf(csrf_ok)?;
    let post = target.as_ref();
    let (id, topic_id) = (post.id, post.topic_id.unwrap_or(post.id));
    match act(user, target, space, forum).await {
        Ok(code) => Ok(see_other(&with_notice(
            &format!("/foros/temas/{topic_id}#m{id}"),
            code,
        ))),
        Err(e) => refused_on_topic(state, ctx, topic_id, e).await,
    }
}

pub(super) async fn react(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let on = form.data.wanted()?;
    let deps = state.forums();
    let found = post_of(&state, id);
    let r = small_action(
        &state,
        ctx,
        form.csrf_ok,
        found,
        |user, post, _, forum| async move {
            crate::forums::react(deps, &user, &forum, &post, on).await?;
            Ok("")
        },
    )
    .await?;
    Ok(redirect_back(r, &form.data.volver))
}

pub(super) async fn flag(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let deps = state.forums();
    let reason = FlagReason::parse(&form.data.reason);
    let found = post_of(&state, id);
    small_action(
        &state,
        ctx,
        form.csrf_ok,
        found,
        |user, post, _, forum| async move {
            let reason = reason.ok_or(Refusal::Invalid("error-flag-reason"))?;
            let hidden = crate::forums::flag(deps, &user, &forum, &post, reason).await?;
            Ok(if hidden { "oculto" } else { "senalado" })
        },
    )
    .await
}

pub(super) async fn helpful(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let on = form.data.wanted()?;
    let deps = state.forums();
    let found = post_of(&state, id);
    small_action(
        &state,
        ctx,
        form.csrf_ok,
        found,
        |user, post, space, _| async move {
            crate::forums::mark_helpful(deps, &user, &space, &post, on).await?;
            Ok("")
        },
    )
    .await
}

pub(super) async fn moderate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let deps = state.forums();
    let action = ModerationAction::parse(&form.data.action);
    let found = post_of(&state, id);
    let r = small_action(
        &state,
        ctx,
        form.csrf_ok,
        found,
        |user, post, _, forum| async move {
            let action = action.ok_or(Refusal::Forbidden("error-not-allowed"))?;
            crate::forums::moderate(deps, &user, &forum, &post, action).await?;
            Ok("moderado")
        },
    )
    .await?;
    Ok(redirect_back(r, &back_to(&form.data, String::new())))
}
