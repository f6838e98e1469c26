//! A space's page: its topics with filters and order, posting a topic, live updates, files, following.

use super::*;

pub(super) fn parse_filter(kind: Kind, code: &str) -> (TopicFilter, String) {
    let mut f = TopicFilter::default();
    let ok = match (kind, code) {
        (Kind::Conference, "respondidas") => {
            f.answered = Some(true);
            true
        }
        (Kind::Conference, "sin-responder") => {
            f.answered = Some(false);
            true
        }
        (Kind::Debate, s) if crate::forums::Stance::chosen(s).is_some() => {
            f.stance = Some(s.to_string());
            true
        }
        (Kind::Workshop, "abiertos") => {
            f.resolved = Some(false);
            true
        }
        (Kind::Workshop, "resueltos") => {
            f.resolved = Some(true);
            true
        }
        _ => false,
    };
    (f, if ok { code.to_string() } else { String::new() })
}

pub(super) async fn space_page(
    state: &AppState,
    ctx: Ctx,
    space: Space,
    forum: Forum,
    q: PageQuery,
    filled: Filled<Composer>,
) -> AppResult<Response> {
    let (mut composer, errors, status) = filled.into_parts();
    let kind = space.kind();
    let (filter, filter_code) = parse_filter(kind, &q.filtro);
    let order = match (kind, q.orden.as_str()) {
        (Kind::Conference, "recientes") => Order::Activity,
        (Kind::Conference, _) => Order::Votes,
        (Kind::Workshop, "antiguos") => Order::Oldest,
        _ => Order::Activity,
    };
    let total = store::count_topics(&state.db, space.id, &filter).await?;
    // the list's address keeps its filter and order (only known ones, encoded)
    let order_code = match order {
        Order::Votes if kind == Kind::Conference && !q.orden.is_empty() => "votos",
        Order::Activity if kind == Kind::Conference => "recientes",
        Order::Oldest => "antiguos",
        _ => "",
    };
    let base = crate::web::page::with_param(&space.url(), "filtro", &filter_code);
    let base = crate::web::page::with_param(&base, "orden", order_code);
    let page = Page::new(q.page(), total, TOPICS_PER_PAGE, base);
    let rows = store::topics_of(
        &state.db,
        space.id,
        &filter,
        order,
        TOPICS_PER_PAGE,
        page.offset(TOPICS_PER_PAGE),
    )
    .await?;
    let can_moderate = moderator(state, &ctx, &forum).await?;
    let topics = topic_cards(state, &ctx, &forum, kind, &rows, can_moderate).await?;
    let spread = if kind == Kind::Debate {
        let counts = store::stance_spread(&state.db, space.id).await?;
        let stances: Vec<&str> = crate::forums::Stance::choices().map(|s| s.code()).collect();
        let ns: Vec<i64> = stances
            .iter()
            .map(|s| counts.iter().find(|c| c.0 == *s).map(|c| c.1).unwrap_or(0))
            .collect();
        let shares = crate::web::whole_percentages(&ns);
        stances
            .into_iter()
            .zip(ns.into_iter().zip(shares))
            .map(|(s, (n, share))| (s, n, share))
            .collect()
    } else {
        vec![]
    };
    let standing = standing(
        state,
        &ctx,
        &forum,
        &space,
        ("space", space.id),
        can_moderate,
    )
    .await?;
    let mut has_position = false;
    if let (Some(u), true) = (&ctx.user, kind.one_topic_per_person())
        && let Some(pid) = store::position_of(&state.db, space.id, u.id).await?
    {
        has_position = true;
        if composer.form.body.is_empty()
            && errors.is_empty()
            && let Some(t) = store::load_topic(&state.db, pid).await?
        {
            composer.form.body = t.post.body;
            composer.form.revision = t.post.revision.to_string();
            composer.form.stance = t.stance.code().to_string();
            composer.form.experience = t
                .post
                .experience_id
                .map(|i| i.to_string())
                .unwrap_or_default();
        }
    }
    composer.my_sheets = my_sheets(state, &ctx).await?;
    if q.vivo.is_none() {
        count_read(state, &ctx, &forum).await;
    }
    let window = match (space.opens_at, space.closes_at) {
        (None, None) => String::new(),
        (o, c) => date_range(o, c, &forum.time_zone),
    };
    render_status(
        status,
        SpacePage {
            notice: ctx.notice(q.aviso.as_deref(), NOTICES),
            kind,
            description_html: crate::markdown::render(&space.description),
            session: space
                .session_at
                .map(|t| crate::clock::local_time(t, &forum.time_zone))
                .unwrap_or_default(),
            window,
            speakers: store::speaker_names(&state.db, space.id).await?,
            topics,
            total,
            spread,
            filter: filter_code,
            order: order_code.to_string(),
            page,
            standing,
            composer,
            has_position,
            errors,
            forum,
            space,
            ctx,
        },
    )
}

pub(super) async fn space(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Params(q): Params<PageQuery>,
) -> AppResult<Response> {
    let (space, forum) = space_of(&state, id).await?;
    space_page(&state, ctx, space, forum, q, Filled::default()).await
}

pub(super) async fn new_topic(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<TopicForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let (space, forum) = space_of(&state, id).await?;
    join_to_post(&state, &user, &forum, form.csrf_ok, &form.data.join).await?;
    let kind = space.kind();
    let code = if kind.one_topic_per_person() {
        "posicion"
    } else {
        "publicado"
    };
    let url_of = |tid: &i64| crate::web::page::with_notice(&format!("/foros/temas/{tid}"), code);
    let outcome = submit(
        &state.db,
        &user,
        form,
        |f| TopicDraft::parse(kind, f),
        async |d| crate::forums::post_topic(state.forums(), &user, &forum, &space, &d).await,
        (&space.url(), url_of),
    )
    .await?;
    match outcome {
        Submission::Saved(url) => Ok(crate::web::see_other(&url)),
        Submission::Again(filled) => {
            space_page(&state, ctx, space, forum, PageQuery::default(), filled).await
        }
    }
}

pub(super) async fn events(
    State(state): State<AppState>,
    client: crate::web::ClientIp,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (space, _) = space_of(&state, id).await?;
    crate::web::live_stream(&state, &client, crate::live::Feed::Space, space.id)
}

/// A facilitator attaches the talk's video or audio, or the reference document.
pub(super) async fn upload_file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    mut multipart: axum::extract::Multipart,
) -> AppResult<Response> {
    let (space, forum) = space_of(&state, id).await?;
    require_moderator(&state, &ctx, &forum).await?;
    let back = |code: &str| Ok(crate::web::page::see_other_with_notice(&space.url(), code));
    let (name, bytes) = match crate::web::form::single_upload(&mut multipart, &ctx.csrf).await {
        Ok(file) => file,
        Err(code) => return back(code),
    };
    let max = state.settings.max_upload_bytes;
    match crate::files::check_upload_in(&name, &bytes, max, crate::files::SPACE_MEDIA) {
        Ok(content_type) => {
            let key = state.storage.put(&bytes).await?;
            store::set_space_file(&state.db, space.id, &key, &name, content_type).await?;
            back("archivo")
        }
        Err(e) => back(e.message_key()),
    }
}

pub(super) async fn download_file(
    State(state): State<AppState>,
    Path((id, _name)): Path<(i64, String)>,
) -> AppResult<Response> {
    let (space, _) = space_of(&state, id).await?;
    if space.file_key.is_empty() {
        return Err(AppError::NotFound);
    }
    let bytes = state
        .storage
        .find(&space.file_key)
        .await?
        .ok_or(AppError::NotFound)?;
    let inline = space.has_video() || space.has_audio();
    Ok(crate::web::file_response(
        bytes,
        &space.file_type,
        &space.file_name,
        inline,
        true,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ActionForm {
    pub(super) volver: String,
    pub(super) reason: String,
    pub(super) action: String,
    /// What a mark's button asks for (`poner`/`quitar`, `seguir`/`dejar`): see `wanted`.
    #[serde(rename = "accion")]
    pub(super) intent: String,
}

impl ActionForm {
    /// Whether the person wants the mark (a vote, a "me sirve", a helpful mark, following)
    /// on or off. The form says so; a form that does not is refused, never read as "the
    /// opposite of now", which a reload or a double click would undo.
    pub(super) fn wanted(&self) -> Result<bool, AppError> {
        let choices = [
            ("poner", true),
            ("seguir", true),
            ("quitar", false),
            ("dejar", false),
        ];
        crate::web::form::pick(&self.intent, &choices)
    }
}

pub(super) fn back_to(form: &ActionForm, fallback: String) -> String {
    if form.volver.starts_with("/foros/") {
        crate::web::safe_return_path(Some(&form.volver))
    } else {
        fallback
    }
}

pub(super) async fn follow_space(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let (space, _) = space_of(&state, id).await?;
    form.require_csrf()?;
    let on = form.data.wanted()?;
    store::set_follow(&state.db, user.id, "space", space.id, on).await?;
    let code = if on { "siguiendo" } else { "sin-seguir" };
    Ok(see_other(&with_notice(&space.url(), code)))
}
