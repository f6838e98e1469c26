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
    let save =
        async |d| crate::forums::edit(state.forums(), &user, &post, &space, &forum, &d).await;
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

/// Runs a small action on one post, then goes back to its topic (refusals shown there).
pub(super) async fn post_action<F, Fut>(
    state: &AppState,
    ctx: Ctx,
    id: i64,
    csrf_ok: bool,
    act: F,
) -> AppResult<Response>
where
    F: FnOnce(User, PostRow, Space, Forum) -> Fut,
    Fut: std::future::Future<Output = Result<&'static str, Refusal>>,
{
    let user = ctx.require_user()?.clone();
    let (post, space, forum) = post_of(state, id).await?;
    crate::web::form::require_csrf(csrf_ok)?;
    let topic_id = post.topic_id.unwrap_or(post.id);
    match act(user, post, space, forum).await {
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
    let st = state.clone();
    let back = form.data.volver.clone();
    let r = post_action(
        &state,
        ctx,
        id,
        form.csrf_ok,
        |user, post, space, forum| async move {
            if !store::is_member(&st.db, forum.id, user.id).await? {
                return Err(Refusal::Invalid("error-not-member"));
            }
            if post.hidden != 0 {
                return Err(Refusal::Invalid("error-topic-hidden"));
            }
            store::set_mark(&st.db, Mark::Reactions, &post, user.id, on).await?;
            st.live.local(space.id);
            Ok("")
        },
    )
    .await?;
    Ok(redirect_back(r, &back))
}

pub(super) async fn flag(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let st = state.clone();
    let reason = form.data.reason.clone();
    post_action(
        &state,
        ctx,
        id,
        form.csrf_ok,
        |user, post, _, forum| async move {
            let reason = FlagReason::parse(&reason).ok_or(Refusal::Invalid("error-flag-reason"))?;
            let hidden = crate::forums::flag(st.forums(), &user, &forum, &post, reason).await?;
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
    let st = state.clone();
    post_action(
        &state,
        ctx,
        id,
        form.csrf_ok,
        |user, post, space, _| async move {
            let topic_id = post
                .topic_id
                .ok_or(Refusal::Forbidden("error-not-allowed"))?;
            let topic = store::load_topic(&st.db, topic_id)
                .await?
                .ok_or(Refusal::Forbidden("error-not-allowed"))?;
            crate::forums::mark_helpful(st.forums(), &user, &space, &topic, &post, on).await?;
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
    let st = state.clone();
    let action = form.data.action.clone();
    let back = back_to(&form.data, String::new());
    let r = post_action(
        &state,
        ctx,
        id,
        form.csrf_ok,
        |user, post, _, forum| async move {
            let facilitators: Vec<i64> = store::facilitators(&st.db, forum.id)
                .await?
                .into_iter()
                .map(|f| f.0)
                .collect();
            let action =
                ModerationAction::parse(&action).ok_or(Refusal::Forbidden("error-not-allowed"))?;
            crate::forums::moderate(st.forums(), &user, &forum, &facilitators, &post, action)
                .await?;
            let detail = format!("{} #{}", action.code(), post.id);
            crate::admin::audit(
                &st.db,
                Some(user.id),
                "moderation",
                Some(post.author_id),
                &detail,
            )
            .await?;
            Ok("moderado")
        },
    )
    .await?;
    Ok(redirect_back(r, &back))
}
