//! Forum pages: the list, creating and editing a forum, its page, joining, and its spaces' settings.

use super::*;

pub(super) async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let forums = store::list_forums(&state.db).await?;
    let can_create = crate::forums::can_create_forums(ctx.user.as_ref());
    crate::web::render(ForumsPage {
        ctx,
        forums,
        can_create,
    })
}

pub(super) async fn forum_form(
    state: &AppState,
    ctx: Ctx,
    Filled {
        form,
        errors,
        status,
    }: Filled<ForumForm>,
    editing: Option<i64>,
) -> AppResult<Response> {
    let calls = crate::calls::list(&state.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    render_status(
        status,
        ForumFormPage {
            ctx,
            form,
            errors,
            calls,
            editing,
        },
    )
}

pub(super) async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    if !crate::forums::can_create_forums(ctx.user.as_ref()) {
        return Err(AppError::Forbidden);
    }
    let form = ForumForm {
        time_zone: crate::clock::TIME_ZONES[0].into(),
        ..Default::default()
    };
    forum_form(&state, ctx, Filled::new(form), None).await
}

pub(super) async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<ForumForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    if !crate::forums::can_create_forums(Some(&user)) {
        return Err(AppError::Forbidden);
    }
    save_forum(&state, ctx, &user, None, form).await
}

pub(super) async fn edit_forum_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Facilitated { forum, .. }: Facilitated,
) -> AppResult<Response> {
    let input = |t: Option<i64>| {
        t.map(|t| crate::clock::local_input(t, &forum.time_zone))
            .unwrap_or_default()
    };
    let form = ForumForm {
        title: forum.title.clone(),
        description: forum.description.clone(),
        starts_at: input(forum.starts_at),
        ends_at: input(forum.ends_at),
        time_zone: forum.time_zone.clone(),
        call_id: forum.call_id.map(|c| c.to_string()).unwrap_or_default(),
        facilitators: store::facilitator_emails(&state.db, forum.id)
            .await?
            .join(", "),
        revision: forum.revision.to_string(),
    };
    forum_form(&state, ctx, Filled::new(form), Some(forum.id)).await
}

pub(super) async fn update_forum(
    State(state): State<AppState>,
    ctx: Ctx,
    Facilitated { forum, user }: Facilitated,
    form: Submitted<ForumForm>,
) -> AppResult<Response> {
    save_forum(&state, ctx, &user, Some(forum), form).await
}

pub(super) async fn save_forum(
    state: &AppState,
    ctx: Ctx,
    user: &User,
    editing: Option<Forum>,
    form: Submitted<ForumForm>,
) -> AppResult<Response> {
    let url_of = |(id, code): &(i64, &str)| with_notice(&format!("/foros/{id}"), code);
    // a form without the revision it was filled from is as stale as an old one
    let revision = form.data.revision.parse().unwrap_or(-1);
    let saved = form
        .drive_once(
            &state.db,
            "/foros",
            ForumDraft::parse,
            async |draft| {
                if !all_known(state, &draft.facilitator_emails).await? {
                    return Err(Refusal::Field("facilitators", "error-people-unknown"));
                }
                if let Some(call) = draft.call_id
                    && crate::calls::load(&state.db, call).await?.is_none()
                {
                    return Err(Refusal::Field("call_id", "error-choice-unknown"));
                }
                Ok(match &editing {
                    Some(forum) => {
                        crate::forums::update_forum(&state.db, forum, revision, &draft).await?;
                        (forum.id, "guardado")
                    }
                    None => (
                        crate::forums::create_forum(&state.db, user, &draft).await?,
                        "creado",
                    ),
                })
            },
            url_of,
        )
        .await?;
    match saved {
        // this sending, or an earlier one of the same form (a double click)
        Driven::Saved(url) => Ok(see_other(&url)),
        Driven::Again(filled) => forum_form(state, ctx, filled, editing.map(|f| f.id)).await,
    }
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Params(q): Params<PageQuery>,
) -> AppResult<Response> {
    let forum = forum_of(&state, id).await?;
    count_read(&state, &ctx, &forum).await;
    let spaces = store::spaces_of(&state.db, id).await?;
    let groups = Kind::ALL
        .iter()
        .copied()
        .map(|k| SpaceGroup {
            kind: k,
            spaces: spaces.iter().filter(|s| s.kind() == k).cloned().collect(),
        })
        .filter(|g| !g.spaces.is_empty())
        .collect();
    let members = store::members(&state.db, id).await?;
    let is_member = ctx
        .user
        .as_ref()
        .is_some_and(|u| members.iter().any(|m| m.0 == u.id));
    let call = match forum.call_id {
        Some(c) => crate::calls::load(&state.db, c)
            .await?
            .map(|c| (c.url(), c.title)),
        None => None,
    };
    let can_moderate = moderator(&state, &ctx, &forum).await?;
    crate::web::render(ForumPage {
        notice: ctx.notice(q.aviso.as_deref(), NOTICES),
        description_html: crate::markdown::render(&forum.description),
        dates: date_range(forum.starts_at, forum.ends_at, &forum.time_zone),
        call,
        groups,
        facilitators: store::facilitators(&state.db, id)
            .await?
            .into_iter()
            .map(|f| f.1)
            .collect(),
        member_count: members.len(),
        members: members.into_iter().take(60).map(|m| m.1).collect(),
        is_member,
        can_moderate,
        forum,
        ctx,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ReturnForm {
    volver: String,
}

pub(super) async fn join(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ReturnForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let forum = forum_of(&state, id).await?;
    form.require_csrf()?;
    store::join(&state.db, forum.id, user.id).await?;
    let back = crate::web::safe_return_path(Some(&form.data.volver));
    let to = if back == "/" {
        format!("/foros/{id}")
    } else {
        back
    };
    Ok(see_other(&with_notice(&to, "unido")))
}

pub(super) async fn space_form_page(
    ctx: Ctx,
    forum: Forum,
    form: SpaceForm,
    errors: FieldErrors,
    editing: Option<i64>,
) -> AppResult<Response> {
    let status = errors.status();
    render_status(
        status,
        SpaceFormPage {
            ctx,
            forum,
            form,
            errors,
            editing,
        },
    )
}

pub(super) async fn new_space(
    ctx: Ctx,
    Facilitated { forum, .. }: Facilitated,
) -> AppResult<Response> {
    let form = SpaceForm {
        kind: "contribution".into(),
        ..Default::default()
    };
    space_form_page(ctx, forum, form, FieldErrors::new(), None).await
}

pub(super) async fn create_space(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<SpaceForm>,
) -> AppResult<Response> {
    let forum = forum_of(&state, id).await?;
    save_space(&state, ctx, forum, None, form).await
}

/// The space form as it was saved (dates in the forum's zone), for editing.
pub(super) async fn edit_space_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (space, forum) = space_of(&state, id).await?;
    require_moderator(&state, &ctx, &forum).await?;
    let input = |t: Option<i64>| {
        t.map(|t| crate::clock::local_input(t, &forum.time_zone))
            .unwrap_or_default()
    };
    let form = SpaceForm {
        kind: space.kind.code().to_string(),
        title: space.title.clone(),
        description: space.description.clone(),
        question: space.question.clone(),
        video_url: space.video_url.clone(),
        speakers: store::speaker_emails(&state.db, space.id).await?.join(", "),
        speaker_bio: space.speaker_bio.clone(),
        speaker_affiliation: space.speaker_affiliation.clone(),
        session_at: input(space.session_at),
        opens_at: input(space.opens_at),
        closes_at: input(space.closes_at),
        revision: space.revision.to_string(),
    };
    space_form_page(ctx, forum, form, FieldErrors::new(), Some(space.id)).await
}

pub(super) async fn update_space(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    mut form: Submitted<SpaceForm>,
) -> AppResult<Response> {
    let (space, forum) = space_of(&state, id).await?;
    // a space keeps its kind: its topics follow that kind's rules
    form.data.kind = space.kind.code().to_string();
    // a form without the revision it was filled from is as stale as an old one
    let revision = form.data.revision.parse().unwrap_or(-1);
    save_space(&state, ctx, forum, Some((space.id, revision)), form).await
}

pub(super) async fn save_space(
    state: &AppState,
    ctx: Ctx,
    forum: Forum,
    editing: Option<(i64, i64)>,
    form: Submitted<SpaceForm>,
) -> AppResult<Response> {
    require_moderator(state, &ctx, &forum).await?;
    let zone = forum.time_zone.clone();
    let url_of = |sid: &i64| with_notice(&format!("/foros/espacios/{sid}"), "espacio");
    let saved = form
        .drive_once(
            &state.db,
            &format!("/foros/{}", forum.id),
            |f| SpaceDraft::parse(f, &zone),
            async |draft| {
                if !all_known(state, &draft.speaker_emails).await? {
                    return Err(Refusal::Field("speakers", "error-people-unknown"));
                }
                Ok(match editing {
                    Some((sid, revision)) => {
                        let deps = state.forums();
                        crate::forums::update_space(deps, &forum, (sid, revision), &draft).await?;
                        sid
                    }
                    None => crate::forums::create_space(&state.db, &forum, &draft).await?,
                })
            },
            url_of,
        )
        .await?;
    match saved {
        Driven::Saved(url) => Ok(see_other(&url)),
        Driven::Again(Filled {
            form,
            errors,
            status,
        }) => {
            let editing = editing.map(|e| e.0);
            let mut page = space_form_page(ctx, forum, form, errors, editing).await?;
            *page.status_mut() = status;
            Ok(page)
        }
    }
}
