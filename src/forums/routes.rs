//! Forum pages: forums, spaces of the five kinds, topics and replies, editing and history,
//! reactions, votes, flags, follows, helpful marks, moderation, open dilemmas,
//! participation, and the live-update stream of a space.

use super::store::{Mine, Order, TopicFilter};
use super::views::*;
use super::{
    Forum, ForumDraft, ForumForm, Kind, PostRow, Refusal, ReplyForm, Space, SpaceDraft, SpaceForm,
    TopicDraft, TopicForm, TopicRow, store,
};
use crate::accounts::User;
use crate::app::AppState;
use crate::web::{AppError, AppResult, Ctx, FieldErrors, Submitted, render_status, see_other};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/foros", get(list))
        .route("/foros/nuevo", get(new_form).post(create))
        .route("/foros/{id}", get(show))
        .route("/foros/{id}/unirse", post(join))
        .route(
            "/foros/{id}/editar",
            get(edit_forum_form).post(update_forum),
        )
        .route(
            "/foros/{id}/espacios/nuevo",
            get(new_space).post(create_space),
        )
        .route("/foros/{id}/moderacion", get(moderation))
        .route("/foros/{id}/dilemas", get(dilemmas))
        .route("/foros/{id}/participacion", get(participation))
        .route("/foros/espacios/{id}", get(space).post(new_topic))
        .route("/foros/espacios/{id}/eventos", get(events))
        .route(
            "/foros/espacios/{id}/editar",
            get(edit_space_form).post(update_space),
        )
        .route("/foros/espacios/{id}/archivo", post(upload_file))
        .route("/foros/espacios/{id}/archivo/{name}", get(download_file))
        .route("/foros/espacios/{id}/seguir", post(follow_space))
        .route("/foros/temas/{id}", get(topic).post(reply))
        .route("/foros/temas/{id}/votar", post(vote))
        .route("/foros/temas/{id}/resolver", post(resolve))
        .route("/foros/temas/{id}/seguir", post(follow_topic))
        .route("/foros/mensajes/{id}/editar", get(edit_form).post(edit))
        .route("/foros/mensajes/{id}/historial", get(history))
        .route("/foros/mensajes/{id}/me-sirve", post(react))
        .route("/foros/mensajes/{id}/senalar", post(flag))
        .route("/foros/mensajes/{id}/util", post(helpful))
        .route("/foros/mensajes/{id}/moderar", post(moderate))
}

const TOPICS_PER_PAGE: i64 = 20;
const REPLIES_PER_PAGE: i64 = 50;

const NOTICES: &[(&str, &str)] = &[
    ("creado", "forum-notice-created"),
    ("guardado", "forum-notice-saved"),
    ("unido", "forum-notice-joined"),
    ("espacio", "forum-notice-space"),
    ("publicado", "forum-notice-posted"),
    ("posicion", "forum-notice-position"),
    ("respondido", "forum-notice-replied"),
    ("editado", "forum-notice-edited"),
    ("senalado", "forum-notice-flagged"),
    ("oculto", "forum-notice-hidden"),
    ("moderado", "forum-notice-moderated"),
    ("siguiendo", "forum-notice-following"),
    ("sin-seguir", "forum-notice-unfollowed"),
    ("archivo", "forum-notice-file"),
    ("upload-empty", "upload-empty"),
    ("upload-too-large", "upload-too-large"),
    ("upload-unreadable", "upload-unreadable"),
    ("upload-unsupported", "space-file-unsupported"),
    ("upload-disguised", "upload-disguised"),
    ("error-csrf", "error-csrf"),
];

#[derive(Deserialize, Default)]
#[serde(default)]
struct PageQuery {
    aviso: Option<String>,
    filtro: String,
    orden: String,
    pagina: Option<i64>,
    citar: Option<i64>,
    /// Set by the live-update script when it re-fetches the page (not a read by a person).
    vivo: Option<String>,
}

async fn forum_of(state: &AppState, id: i64) -> AppResult<Forum> {
    store::load_forum(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn space_of(state: &AppState, id: i64) -> AppResult<(Space, Forum)> {
    let space = store::load_space(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let forum = forum_of(state, space.forum_id).await?;
    Ok((space, forum))
}

async fn topic_of(state: &AppState, id: i64) -> AppResult<(TopicRow, Space, Forum)> {
    let topic = store::load_topic(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (space, forum) = space_of(state, topic.post.space_id).await?;
    Ok((topic, space, forum))
}

async fn post_of(state: &AppState, id: i64) -> AppResult<(PostRow, Space, Forum)> {
    let post = store::load_post(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (space, forum) = space_of(state, post.space_id).await?;
    Ok((post, space, forum))
}

async fn moderator(state: &AppState, ctx: &Ctx, forum: &Forum) -> AppResult<bool> {
    let ids: Vec<i64> = store::facilitators(&state.db, forum.id)
        .await?
        .into_iter()
        .map(|f| f.0)
        .collect();
    Ok(super::can_moderate(ctx.user.as_ref(), &ids))
}

/// Whether every address belongs to an account (speakers and facilitators must exist).
async fn all_known(state: &AppState, emails: &[String]) -> AppResult<bool> {
    Ok(crate::accounts::ids_for_emails(&state.db, emails)
        .await?
        .len()
        == emails.len())
}

async fn require_moderator(state: &AppState, ctx: &Ctx, forum: &Forum) -> AppResult<User> {
    let user = ctx.require_user()?.clone();
    if !moderator(state, ctx, forum).await? {
        return Err(AppError::Forbidden);
    }
    Ok(user)
}

/// What became of a composer's submission (a topic, a reply, an edit).
enum Submission<T> {
    Saved(T),
    /// Shown again, with its errors or as a preview, answered with `status`.
    Again {
        status: StatusCode,
        errors: FieldErrors,
        preview: String,
    },
}

/// What every composer does with a submission: parsing and CSRF errors, the preview, and
/// refusals all show the form again with the text; `save` runs only for a valid submission
/// that is not a preview.
async fn submit<D, T>(
    db: &crate::db::Db,
    user: &User,
    parsed: Result<D, FieldErrors>,
    csrf_ok: bool,
    typed: &impl Composed,
    save: impl AsyncFnOnce(&D) -> Result<T, Refusal>,
) -> AppResult<Submission<T>> {
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    errors.check_csrf(csrf_ok);
    let preview = typed.action() == "vista-previa";
    // previews render Markdown like posts do: bounded per person like posting
    if preview
        && !crate::web::store::rate_limit_hit(
            db,
            &format!("preview:{}", user.id),
            PREVIEWS_PER_WINDOW,
            600,
        )
        .await?
    {
        errors.add("_form", "error-rate-previews");
        return Ok(Submission::Again {
            status: StatusCode::TOO_MANY_REQUESTS,
            errors,
            preview: String::new(),
        });
    }
    if let (true, false, Ok(draft)) = (errors.is_empty(), preview, &parsed) {
        return match save(draft).await {
            Ok(saved) => Ok(Submission::Saved(saved)),
            Err(e) => {
                let (status, errors) = refused(e)?;
                Ok(Submission::Again {
                    status,
                    errors,
                    preview: String::new(),
                })
            }
        };
    }
    Ok(Submission::Again {
        status: errors.status(),
        errors,
        preview: if preview {
            // rendering is CPU work: off the async workers
            let body = typed.body().to_string();
            tokio::task::spawn_blocking(move || crate::markdown::render(&body))
                .await
                .map_err(|e| AppError::Internal(e.into()))?
        } else {
            String::new()
        },
    })
}

/// Previews one person may ask for in 10 minutes.
const PREVIEWS_PER_WINDOW: i64 = 60;

/// A form with a text and a submit action (publish or preview).
trait Composed {
    fn body(&self) -> &str;
    fn action(&self) -> &str;
}

impl Composed for TopicForm {
    fn body(&self) -> &str {
        &self.body
    }
    fn action(&self) -> &str {
        &self.accion
    }
}

impl Composed for ReplyForm {
    fn body(&self) -> &str {
        &self.body
    }
    fn action(&self) -> &str {
        &self.accion
    }
}

/// "Unirme y publicar": a person who has not joined yet joins with their first post (one
/// click, and what they typed is never lost to a separate join step).
async fn join_to_post(
    state: &AppState,
    user: &User,
    forum: &Forum,
    csrf_ok: bool,
    unirse: &str,
) -> AppResult<()> {
    if csrf_ok && unirse == "1" {
        store::join(&state.db, forum.id, user.id).await?;
    }
    Ok(())
}

async fn count_read(state: &AppState, ctx: &Ctx, forum: &Forum) {
    if let Some(u) = &ctx.user
        && let Err(e) = store::record_read(&state.db, forum.id, u.id).await
    {
        tracing::error!(error = ?e, "read not recorded");
    }
}

/// The HTTP status of a refused write: permissions 403, limits 429, the rest 422.
fn refusal_status(key: &str) -> StatusCode {
    match key {
        "error-speakers-only"
        | "error-author-only"
        | "error-facilitators-only"
        | "error-not-allowed" => StatusCode::FORBIDDEN,
        "error-rate-posts" | "error-rate-flags" => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

fn refused(e: Refusal) -> AppResult<(StatusCode, FieldErrors)> {
    match e {
        Refusal::Rule(key) => {
            let mut errors = FieldErrors::new();
            errors.add("_form", key);
            Ok((refusal_status(key), errors))
        }
        Refusal::Failed(e) => Err(AppError::Internal(e)),
    }
}

// ---- view models ----

async fn cited_sheets(
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
                url: format!(
                    "/experiencias/{}-{}",
                    c.id,
                    crate::experiences::slug(&c.title)
                ),
                country: taxonomy.country_name(&c.country_code, ctx.lang),
                title: c.title,
            };
            (c.id, cited)
        })
        .collect())
}

struct CardContext {
    taxonomy: crate::taxonomy::Taxonomy,
    sheets: HashMap<i64, Cited>,
    reacted: HashSet<i64>,
    edited: HashSet<i64>,
    moderator: bool,
    zone: String,
    edit_window: i64,
    kind: Kind,
    /// Names of the forum's members, for marking @mentions.
    members: Vec<String>,
}

async fn card_context(
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
        sheet_ids.extend(super::linked_sheets(&p.body));
    }
    let reacted = match &ctx.user {
        Some(u) => store::mine_among(&state.db, Mine::Reactions, &ids, u.id).await?,
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

fn post_card(ctx: &Ctx, cc: &CardContext, p: &PostRow) -> PostCard {
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
        when: crate::calls::local_time(p.created_at, &cc.zone),
        edited: cc.edited.contains(&p.id),
        reactions: p.reactions,
        reacted: cc.reacted.contains(&p.id),
        helpful: p.helpful_at.is_some(),
        can_edit: ctx.user.as_ref().is_some_and(|u| {
            super::can_edit(
                u,
                p,
                cc.kind,
                p.topic_id.is_none(),
                cc.edit_window,
                crate::now(),
            )
        }),
        practice: p
            .experience_id
            .filter(|_| !hidden || cc.moderator)
            .and_then(|id| cc.sheets.get(&id).cloned()),
        linked: if hidden && !cc.moderator {
            vec![]
        } else {
            super::linked_sheets(&p.body)
                .into_iter()
                .filter_map(|id| cc.sheets.get(&id).cloned())
                .collect()
        },
    }
}

fn topic_card(ctx: &Ctx, cc: &CardContext, t: &TopicRow, voted: &HashSet<i64>) -> TopicCard {
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
        stance: t.stance.clone(),
        change_html: md(&t.change_text),
        learning_html: md(&t.learning_text),
        outcome_html: md(&t.outcome_text),
        audience: t.audience.clone(),
        votes: t.votes,
        voted: voted.contains(&t.post.id),
        replies: t.replies,
        answered: t.answered_at.is_some(),
        resolved: t.resolved_at.is_some(),
        closed: t.closed_at.is_some(),
    }
}

async fn topic_cards(
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
            store::mine_among(&state.db, Mine::Votes, &ids, u.id).await?
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

async fn standing(
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
        closed: super::space_open(space, forum, crate::now()).err(),
        can_moderate,
        following,
    })
}

async fn my_sheets(state: &AppState, ctx: &Ctx) -> AppResult<Vec<(i64, String)>> {
    Ok(match &ctx.user {
        Some(u) => crate::experiences::list_for_editor(&state.db, u.id)
            .await?
            .into_iter()
            .map(|s| (s.id, s.title))
            .collect(),
        None => vec![],
    })
}

// ---- forums ----

async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let forums = store::list_forums(&state.db).await?;
    let can_create = super::can_create_forums(ctx.user.as_ref());
    crate::web::render(ForumsPage {
        ctx,
        forums,
        can_create,
    })
}

async fn forum_form(
    state: &AppState,
    ctx: Ctx,
    form: ForumForm,
    errors: FieldErrors,
    editing: Option<i64>,
) -> AppResult<Response> {
    let calls = crate::calls::list(&state.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let status = errors.status();
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

async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    if !super::can_create_forums(ctx.user.as_ref()) {
        return Err(AppError::Forbidden);
    }
    let form = ForumForm {
        time_zone: crate::calls::TIME_ZONES[0].into(),
        ..Default::default()
    };
    forum_form(&state, ctx, form, FieldErrors::new(), None).await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<ForumForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    if !super::can_create_forums(Some(&user)) {
        return Err(AppError::Forbidden);
    }
    save_forum(&state, ctx, &user, None, form).await
}

async fn edit_forum_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let forum = forum_of(&state, id).await?;
    require_moderator(&state, &ctx, &forum).await?;
    let input = |t: Option<i64>| {
        t.map(|t| super::local_input(t, &forum.time_zone))
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
    };
    forum_form(&state, ctx, form, FieldErrors::new(), Some(forum.id)).await
}

async fn update_forum(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ForumForm>,
) -> AppResult<Response> {
    let forum = forum_of(&state, id).await?;
    let user = require_moderator(&state, &ctx, &forum).await?;
    save_forum(&state, ctx, &user, Some(forum), form).await
}

async fn save_forum(
    state: &AppState,
    ctx: Ctx,
    user: &User,
    editing: Option<Forum>,
    form: Submitted<ForumForm>,
) -> AppResult<Response> {
    let parsed = ForumDraft::parse(&form.data);
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    errors.check_csrf(form.csrf_ok);
    if let Ok(d) = &parsed {
        if !all_known(state, &d.facilitator_emails).await? {
            errors.add("facilitators", "error-people-unknown");
        }
        if let Some(call) = d.call_id
            && crate::calls::load(&state.db, call).await?.is_none()
        {
            errors.add("call_id", "error-choice-unknown");
        }
    }
    if let (true, Ok(draft)) = (errors.is_empty(), parsed) {
        let (id, code) = match &editing {
            Some(forum) => {
                super::update_forum(&state.db, forum, &draft).await?;
                (forum.id, "guardado")
            }
            None => (
                super::create_forum(&state.db, user, &draft).await?,
                "creado",
            ),
        };
        return Ok(see_other(&format!("/foros/{id}?aviso={code}")));
    }
    forum_form(state, ctx, form.data, errors, editing.map(|f| f.id)).await
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let forum = forum_of(&state, id).await?;
    count_read(&state, &ctx, &forum).await;
    let spaces = store::spaces_of(&state.db, id).await?;
    let groups = Kind::ALL
        .into_iter()
        .map(|k| SpaceGroup {
            kind: k.code(),
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
struct Plain {
    volver: String,
}

async fn join(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<Plain>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let forum = forum_of(&state, id).await?;
    if !form.csrf_ok {
        return Err(AppError::BadRequest);
    }
    store::join(&state.db, forum.id, user.id).await?;
    let back = crate::web::safe_return_path(Some(&form.data.volver));
    let to = if back == "/" {
        format!("/foros/{id}")
    } else {
        back
    };
    Ok(see_other(&with_notice(&to, "unido")))
}

fn with_notice(path: &str, code: &str) -> String {
    if code.is_empty() {
        return path.to_string();
    }
    let (base, anchor) = match path.split_once('#') {
        Some((b, a)) => (b, format!("#{a}")),
        None => (path, String::new()),
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}aviso={code}{anchor}")
}

async fn space_form_page(
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

async fn new_space(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let forum = forum_of(&state, id).await?;
    require_moderator(&state, &ctx, &forum).await?;
    let form = SpaceForm {
        kind: "contribution".into(),
        ..Default::default()
    };
    space_form_page(ctx, forum, form, FieldErrors::new(), None).await
}

async fn create_space(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<SpaceForm>,
) -> AppResult<Response> {
    let forum = forum_of(&state, id).await?;
    save_space(&state, ctx, forum, None, form).await
}

/// The space form as it was saved (dates in the forum's zone), for editing.
async fn edit_space_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (space, forum) = space_of(&state, id).await?;
    require_moderator(&state, &ctx, &forum).await?;
    let input = |t: Option<i64>| {
        t.map(|t| super::local_input(t, &forum.time_zone))
            .unwrap_or_default()
    };
    let form = SpaceForm {
        kind: space.kind.clone(),
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
    };
    space_form_page(ctx, forum, form, FieldErrors::new(), Some(space.id)).await
}

async fn update_space(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    mut form: Submitted<SpaceForm>,
) -> AppResult<Response> {
    let (space, forum) = space_of(&state, id).await?;
    // a space keeps its kind: its topics follow that kind's rules
    form.data.kind = space.kind.clone();
    save_space(&state, ctx, forum, Some(space.id), form).await
}

async fn save_space(
    state: &AppState,
    ctx: Ctx,
    forum: Forum,
    editing: Option<i64>,
    form: Submitted<SpaceForm>,
) -> AppResult<Response> {
    require_moderator(state, &ctx, &forum).await?;
    let parsed = SpaceDraft::parse(&form.data, &forum.time_zone);
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    errors.check_csrf(form.csrf_ok);
    if let Ok(d) = &parsed
        && !all_known(state, &d.speaker_emails).await?
    {
        errors.add("speakers", "error-people-unknown");
    }
    if let (true, Ok(draft)) = (errors.is_empty(), parsed) {
        let sid = match editing {
            Some(sid) => {
                super::update_space(state, &forum, sid, &draft).await?;
                sid
            }
            None => super::create_space(&state.db, &forum, &draft).await?,
        };
        return Ok(see_other(&format!("/foros/espacios/{sid}?aviso=espacio")));
    }
    space_form_page(ctx, forum, form.data, errors, editing).await
}

// ---- spaces ----

fn parse_filter(kind: Kind, code: &str) -> (TopicFilter, String) {
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
        (Kind::Debate, s) if super::STANCES.contains(&s) => {
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

#[allow(clippy::too_many_arguments)]
async fn space_page(
    state: &AppState,
    ctx: Ctx,
    space: Space,
    forum: Forum,
    q: PageQuery,
    mut composer: Composer,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let kind = space.kind();
    let (filter, filter_code) = parse_filter(kind, &q.filtro);
    let order = match (kind, q.orden.as_str()) {
        (Kind::Conference, "recientes") => Order::Activity,
        (Kind::Conference, _) => Order::Votes,
        (Kind::Workshop, "antiguos") => Order::Oldest,
        _ => Order::Activity,
    };
    let total = store::count_topics(&state.db, space.id, &filter).await?;
    let mut base = format!("{}?", space.url());
    if !filter_code.is_empty() {
        base.push_str(&format!("filtro={filter_code}&"));
    }
    if !q.orden.is_empty() {
        base.push_str(&format!("orden={}&", q.orden));
    }
    base.push_str("pagina=");
    let page = Page::new(q.pagina.unwrap_or(1), total, TOPICS_PER_PAGE, base);
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
        let ns: Vec<i64> = super::STANCES
            .iter()
            .map(|s| counts.iter().find(|c| c.0 == *s).map(|c| c.1).unwrap_or(0))
            .collect();
        let shares = crate::web::whole_percentages(&ns);
        super::STANCES
            .iter()
            .zip(ns.into_iter().zip(shares))
            .map(|(s, (n, share))| (*s, n, share))
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
            composer.form.stance = t.stance;
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
            kind: kind.code(),
            description_html: crate::markdown::render(&space.description),
            session: space
                .session_at
                .map(|t| crate::calls::local_time(t, &forum.time_zone))
                .unwrap_or_default(),
            window,
            speakers: store::speaker_names(&state.db, space.id).await?,
            topics,
            total,
            spread,
            filter: filter_code,
            order: q.orden,
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

fn empty_composer() -> Composer {
    Composer {
        form: TopicForm::default(),
        preview: String::new(),
        my_sheets: vec![],
    }
}

async fn space(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let (space, forum) = space_of(&state, id).await?;
    space_page(
        &state,
        ctx,
        space,
        forum,
        q,
        empty_composer(),
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

async fn new_topic(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<TopicForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let (space, forum) = space_of(&state, id).await?;
    join_to_post(&state, &user, &forum, form.csrf_ok, &form.data.unirse).await?;
    let kind = space.kind();
    let parsed = TopicDraft::parse(kind, &form.data);
    let outcome = submit(
        &state.db,
        &user,
        parsed,
        form.csrf_ok,
        &form.data,
        async |d| super::post_topic(&state, &user, &forum, &space, d).await,
    )
    .await?;
    let (status, errors, preview) = match outcome {
        Submission::Saved(tid) => {
            let code = if kind.one_topic_per_person() {
                "posicion"
            } else {
                "publicado"
            };
            return Ok(see_other(&format!("/foros/temas/{tid}?aviso={code}")));
        }
        Submission::Again {
            status,
            errors,
            preview,
        } => (status, errors, preview),
    };
    let composer = Composer {
        preview,
        form: form.data,
        my_sheets: vec![],
    };
    space_page(
        &state,
        ctx,
        space,
        forum,
        PageQuery::default(),
        composer,
        errors,
        status,
    )
    .await
}

async fn events(
    State(state): State<AppState>,
    client: crate::web::ClientIp,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    // bounded: a few streams per client, a ceiling per instance (pages work without them)
    let Some(slot) = state.live.open_stream(
        &client.0,
        state.settings.live_streams_per_client,
        state.settings.live_streams_max,
    ) else {
        return Err(AppError::TooManyRequests);
    };
    let (space, _) = space_of(&state, id).await?;
    let id = space.id;
    let rx = state.live.subscribe();
    // the stream ends at shutdown or after a while (the browser reconnects by itself)
    let end = Box::pin(tokio::time::timeout(
        std::time::Duration::from_secs(super::live::STREAM_SECS),
        state.live.stopped(),
    ));
    let stream = futures_util::stream::unfold(
        (rx, end, slot),
        move |(mut rx, mut end, slot)| async move {
            use tokio::sync::broadcast::error::RecvError;
            loop {
                tokio::select! {
                    _ = &mut end => return None,
                    got = rx.recv() => match got {
                        Ok(s) if s != id => continue,
                        Ok(_) | Err(RecvError::Lagged(_)) => {
                            let event = Event::default().event("update").data(id.to_string());
                            return Some((Ok::<_, std::convert::Infallible>(event), (rx, end, slot)));
                        }
                        Err(RecvError::Closed) => return None,
                    },
                }
            }
        },
    );
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response())
}

/// A facilitator attaches the talk's video or audio, or the reference document.
async fn upload_file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    mut multipart: axum::extract::Multipart,
) -> AppResult<Response> {
    let (space, forum) = space_of(&state, id).await?;
    require_moderator(&state, &ctx, &forum).await?;
    let back = |code: &str| Ok(see_other(&format!("{}?aviso={code}", space.url())));
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

async fn download_file(
    State(state): State<AppState>,
    Path((id, _name)): Path<(i64, String)>,
) -> AppResult<Response> {
    let (space, _) = space_of(&state, id).await?;
    if space.file_key.is_empty() {
        return Err(AppError::NotFound);
    }
    let bytes = state.storage.get(&space.file_key).await?;
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
struct ActionForm {
    volver: String,
    reason: String,
    action: String,
}

fn back_to(form: &ActionForm, fallback: String) -> String {
    if form.volver.starts_with("/foros/") {
        crate::web::safe_return_path(Some(&form.volver))
    } else {
        fallback
    }
}

async fn follow_space(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let (space, _) = space_of(&state, id).await?;
    if !form.csrf_ok {
        return Err(AppError::BadRequest);
    }
    let on = store::toggle_follow(&state.db, user.id, "space", space.id).await?;
    let code = if on { "siguiendo" } else { "sin-seguir" };
    Ok(see_other(&with_notice(&space.url(), code)))
}

// ---- topics ----

#[allow(clippy::too_many_arguments)]
async fn topic_page(
    state: &AppState,
    ctx: Ctx,
    topic: TopicRow,
    space: Space,
    forum: Forum,
    q: PageQuery,
    mut body: String,
    reply_lang: String,
    preview: String,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let kind = space.kind();
    let total = topic.replies;
    let base = format!("/foros/temas/{}?pagina=", topic.post.id);
    let page = Page::new(q.pagina.unwrap_or(1), total, REPLIES_PER_PAGE, base);
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
            store::mine_among(&state.db, Mine::Votes, &[topic.post.id], u.id).await?
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
    if let Some(quoted) = q.citar
        && body.is_empty()
        && let Some(p) = store::load_post(&state.db, quoted).await?
        && p.hidden == 0
        && p.topic_id.unwrap_or(p.id) == topic.post.id
    {
        body = super::quote(&p.body, &p.author_name);
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
        .is_some_and(|u| super::can_reply(kind, u, &speakers));
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
            kind: kind.code(),
            topic: card,
            heading,
            replies: reply_cards,
            page,
            standing,
            can_reply,
            is_author,
            body,
            reply_lang,
            preview,
            errors,
            forum,
            space,
            ctx,
        },
    )
}

async fn topic(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let (topic, space, forum) = topic_of(&state, id).await?;
    topic_page(
        &state,
        ctx,
        topic,
        space,
        forum,
        q,
        String::new(),
        String::new(),
        String::new(),
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

async fn reply(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ReplyForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let (topic, space, forum) = topic_of(&state, id).await?;
    join_to_post(&state, &user, &forum, form.csrf_ok, &form.data.unirse).await?;
    let parsed = super::parse_reply(&form.data);
    let outcome = submit(
        &state.db,
        &user,
        parsed,
        form.csrf_ok,
        &form.data,
        async |d| super::reply(&state, &user, &forum, &space, &topic, d).await,
    )
    .await?;
    let (status, errors, preview) = match outcome {
        Submission::Saved(pid) => {
            let last = (topic.replies / REPLIES_PER_PAGE) + 1;
            return Ok(see_other(&format!(
                "/foros/temas/{id}?pagina={last}&aviso=respondido#m{pid}"
            )));
        }
        Submission::Again {
            status,
            errors,
            preview,
        } => (status, errors, preview),
    };
    topic_page(
        &state,
        ctx,
        topic,
        space,
        forum,
        PageQuery::default(),
        form.data.body,
        form.data.lang,
        preview,
        errors,
        status,
    )
    .await
}

/// A refused small action: the topic page again, with the message, under its own address.
async fn refused_on_topic(
    state: &AppState,
    mut ctx: Ctx,
    topic_id: i64,
    e: Refusal,
) -> AppResult<Response> {
    let (status, errors) = refused(e)?;
    let (topic, space, forum) = topic_of(state, topic_id).await?;
    ctx.here = format!("/foros/temas/{topic_id}");
    topic_page(
        state,
        ctx,
        topic,
        space,
        forum,
        PageQuery::default(),
        String::new(),
        String::new(),
        String::new(),
        errors,
        status,
    )
    .await
}

/// Runs a small action on a topic; a refusal re-renders the topic page with its message.
async fn topic_action<F, Fut>(
    state: &AppState,
    ctx: Ctx,
    id: i64,
    csrf_ok: bool,
    notice: &str,
    act: F,
) -> AppResult<Response>
where
    F: FnOnce(User, TopicRow, Space, Forum) -> Fut,
    Fut: std::future::Future<Output = Result<(), Refusal>>,
{
    let user = ctx.require_user()?.clone();
    let (topic, space, forum) = topic_of(state, id).await?;
    if !csrf_ok {
        return Err(AppError::BadRequest);
    }
    match act(user, topic, space, forum).await {
        Ok(()) => Ok(see_other(&with_notice(
            &format!("/foros/temas/{id}"),
            notice,
        ))),
        Err(e) => refused_on_topic(state, ctx, id, e).await,
    }
}

async fn vote(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let db = state.db.clone();
    let st = state.clone();
    let back = form.data.volver.clone();
    let r = topic_action(
        &state,
        ctx,
        id,
        form.csrf_ok,
        "",
        |user, topic, space, forum| async move {
            if !space.kind().has_votes() {
                return Err(Refusal::Rule("error-not-allowed"));
            }
            if !store::is_member(&db, forum.id, user.id).await? {
                return Err(Refusal::Rule("error-not-member"));
            }
            if topic.post.hidden != 0 {
                return Err(Refusal::Rule("error-topic-hidden"));
            }
            // questions are voted while the conference takes questions
            super::space_open(&space, &forum, crate::now()).map_err(Refusal::Rule)?;
            store::toggle(&db, Mine::Votes, &topic.post, user.id).await?;
            st.live.local(space.id);
            Ok(())
        },
    )
    .await?;
    Ok(redirect_back(r, &back))
}

/// After a successful small action, go back where the button was (a space list, say).
fn redirect_back(r: Response, back: &str) -> Response {
    if r.status() == StatusCode::SEE_OTHER && back.starts_with("/foros/") {
        see_other(&without_notice(&crate::web::safe_return_path(Some(back))))
    } else {
        r
    }
}

/// The path without its `aviso=` parameter (an old notice is not shown again).
fn without_notice(path: &str) -> String {
    let (path, anchor) = match path.split_once('#') {
        Some((p, a)) => (p, format!("#{a}")),
        None => (path, String::new()),
    };
    let Some((base, query)) = path.split_once('?') else {
        return format!("{path}{anchor}");
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.starts_with("aviso=") && !p.is_empty())
        .collect();
    if kept.is_empty() {
        format!("{base}{anchor}")
    } else {
        format!("{base}?{}{anchor}", kept.join("&"))
    }
}

async fn resolve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let st = state.clone();
    topic_action(
        &state,
        ctx,
        id,
        form.csrf_ok,
        "",
        |user, topic, space, _| async move { super::resolve(&st, &user, &space, &topic).await },
    )
    .await
}

async fn follow_topic(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let (topic, _, _) = topic_of(&state, id).await?;
    if !form.csrf_ok {
        return Err(AppError::BadRequest);
    }
    let on = store::toggle_follow(&state.db, user.id, "topic", topic.post.id).await?;
    let code = if on { "siguiendo" } else { "sin-seguir" };
    Ok(see_other(&with_notice(&format!("/foros/temas/{id}"), code)))
}

// ---- single posts ----

async fn edit_page(
    state: &AppState,
    ctx: Ctx,
    post: &PostRow,
    space: Space,
    mut composer: Composer,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    composer.my_sheets = my_sheets(state, &ctx).await?;
    render_status(
        status,
        EditPage {
            errors,
            ctx,
            kind: space.kind().code(),
            space,
            post_id: post.id,
            topic_id: post.topic_id.unwrap_or(post.id),
            is_topic: post.topic_id.is_none(),
            composer,
        },
    )
}

async fn edit_form(
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
        form.stance = t.stance;
        form.change_text = t.change_text;
        form.learning_text = t.learning_text;
        form.outcome_text = t.outcome_text;
        form.audience = t.audience;
    }
    let composer = Composer {
        form,
        preview: String::new(),
        my_sheets: vec![],
    };
    edit_page(
        &state,
        ctx,
        &post,
        space,
        composer,
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

async fn edit(
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
    let parsed = if is_topic {
        TopicDraft::parse(space.kind(), &form.data)
    } else {
        super::parse_reply(&ReplyForm {
            body: form.data.body.clone(),
            lang: form.data.lang.clone(),
            ..Default::default()
        })
    };
    let outcome = submit(
        &state.db,
        &user,
        parsed,
        form.csrf_ok,
        &form.data,
        async |d| super::edit(&state, &user, &post, &space, &forum, d).await,
    )
    .await?;
    let (status, errors, preview) = match outcome {
        Submission::Saved(()) => {
            let topic = post.topic_id.unwrap_or(post.id);
            return Ok(see_other(&format!(
                "/foros/temas/{topic}?aviso=editado#m{}",
                post.id
            )));
        }
        Submission::Again {
            status,
            errors,
            preview,
        } => (status, errors, preview),
    };
    let composer = Composer {
        preview,
        form: form.data,
        my_sheets: vec![],
    };
    edit_page(&state, ctx, &post, space, composer, errors, status).await
}

async fn history(
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
            when: crate::calls::local_time(r.written_at, &forum.time_zone),
            title: r.title,
            stance: r.stance,
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
async fn post_action<F, Fut>(
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
    if !csrf_ok {
        return Err(AppError::BadRequest);
    }
    let topic_id = post.topic_id.unwrap_or(post.id);
    match act(user, post, space, forum).await {
        Ok(code) => Ok(see_other(&with_notice(
            &format!("/foros/temas/{topic_id}#m{id}"),
            code,
        ))),
        Err(e) => refused_on_topic(state, ctx, topic_id, e).await,
    }
}

async fn react(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let st = state.clone();
    let back = form.data.volver.clone();
    let r = post_action(
        &state,
        ctx,
        id,
        form.csrf_ok,
        |user, post, space, forum| async move {
            if !store::is_member(&st.db, forum.id, user.id).await? {
                return Err(Refusal::Rule("error-not-member"));
            }
            if post.hidden != 0 {
                return Err(Refusal::Rule("error-topic-hidden"));
            }
            store::toggle(&st.db, Mine::Reactions, &post, user.id).await?;
            st.live.local(space.id);
            Ok("")
        },
    )
    .await?;
    Ok(redirect_back(r, &back))
}

async fn flag(
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
            let hidden = super::flag(&st, &user, &forum, &post, &reason).await?;
            Ok(if hidden { "oculto" } else { "senalado" })
        },
    )
    .await
}

async fn helpful(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<ActionForm>,
) -> AppResult<Response> {
    let st = state.clone();
    post_action(
        &state,
        ctx,
        id,
        form.csrf_ok,
        |user, post, space, _| async move {
            let topic_id = post.topic_id.ok_or(Refusal::Rule("error-not-allowed"))?;
            let topic = store::load_topic(&st.db, topic_id)
                .await?
                .ok_or(Refusal::Rule("error-not-allowed"))?;
            super::mark_helpful(&st, &user, &space, &topic, &post).await?;
            Ok("")
        },
    )
    .await
}

async fn moderate(
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
            super::moderate(&st, &user, &forum, &facilitators, &post, &action).await?;
            Ok("moderado")
        },
    )
    .await?;
    Ok(redirect_back(r, &back))
}

// ---- facilitators' pages ----

async fn moderation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let forum = forum_of(&state, id).await?;
    require_moderator(&state, &ctx, &forum).await?;
    let rows = store::moderation_queue(&state.db, id).await?;
    let reasons = store::flag_reasons(&state.db, id).await?;
    let refs: Vec<&PostRow> = rows.iter().collect();
    let cc = card_context(&state, &ctx, &forum, Kind::Contribution, &refs, true).await?;
    let mut queue = Vec::new();
    for p in &rows {
        let closed = match p.topic_id {
            None => store::load_topic(&state.db, p.id)
                .await?
                .is_some_and(|t| t.closed_at.is_some()),
            Some(_) => false,
        };
        queue.push(QueueItem {
            post: post_card(&ctx, &cc, p),
            raw: p.clone(),
            is_topic: p.topic_id.is_none(),
            closed,
            reasons: reasons
                .iter()
                .filter(|r| r.0 == p.id)
                .map(|r| (r.1.clone(), r.2))
                .collect(),
        });
    }
    crate::web::render(ModerationPage {
        notice: ctx.notice(q.aviso.as_deref(), NOTICES),
        queue,
        log: store::moderation_log(&state.db, id).await?,
        forum,
        ctx,
    })
}

async fn dilemmas(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let forum = forum_of(&state, id).await?;
    require_moderator(&state, &ctx, &forum).await?;
    let rows = store::open_dilemmas(&state.db, id).await?;
    let dilemmas = topic_cards(&state, &ctx, &forum, Kind::Workshop, &rows, true).await?;
    crate::web::render(DilemmasPage {
        ctx,
        forum,
        dilemmas,
    })
}

async fn participation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let forum = forum_of(&state, id).await?;
    require_moderator(&state, &ctx, &forum).await?;
    let rows = store::participation(&state.db, id).await?;
    crate::web::render(ParticipationPage { ctx, forum, rows })
}
