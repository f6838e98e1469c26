//! Forum pages: forums, spaces of the five kinds, topics and replies, editing and history,
//! reactions, votes, flags, follows, helpful marks, moderation, open dilemmas,
//! participation, and the live-update stream of a space.

use crate::accounts::User;
use crate::forums::store::{Mark, Order, TopicFilter};
use crate::forums::views::*;
use crate::forums::{
    FlagReason, Forum, ForumDraft, ForumForm, Kind, ModerationAction, PostRow, Refusal, ReplyForm,
    Space, SpaceDraft, SpaceForm, TopicDraft, TopicForm, TopicRow, store,
};
use crate::state::AppState;
use crate::web::Path;
use crate::web::form::{Driven, Params};
use crate::web::page::{with_notice, without_notice};
use crate::web::{
    AppError, AppResult, Ctx, FieldErrors, Filled, Submitted, render_status, see_other,
};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;

use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

mod cards;
mod facilitators;
mod forum;
mod posts;
mod spaces;
mod topics;
use cards::*;
use facilitators::*;
use forum::*;
use posts::*;
use spaces::*;
use topics::*;

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
    /// Any text: a page number that cannot be read is the first page.
    pagina: String,
    citar: String,
    /// Set by the live-update script when it re-fetches the page (not a read by a person).
    vivo: Option<String>,
}

impl PageQuery {
    fn page(&self) -> i64 {
        crate::web::page::number(&self.pagina)
    }
    fn quoted(&self) -> Option<i64> {
        self.citar.trim().parse().ok()
    }
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
    Ok(crate::forums::can_moderate(ctx.user.as_ref(), &ids))
}

/// Whether every address belongs to an account (speakers and facilitators must exist).
async fn all_known(state: &AppState, emails: &[String]) -> anyhow::Result<bool> {
    Ok(crate::accounts::ids_for_emails(&state.db, emails)
        .await?
        .len()
        == emails.len())
}

/// A forum asked for by one of its facilitators (or an administrator): the forum from the
/// path and who asks. An unknown forum is 404, a signed-out visitor goes to sign-in, anyone
/// else gets 403 — in that order, as `forum_of` and `require_moderator` decide.
pub(super) struct Facilitated {
    pub(super) forum: Forum,
    pub(super) user: User,
}

impl axum::extract::FromRequestParts<AppState> for Facilitated {
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, AppError> {
        let Path(id) = Path::<i64>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::BadRequest)?;
        let ctx = Ctx::from_request_parts(parts, state).await?;
        let forum = forum_of(state, id).await?;
        let user = require_moderator(state, &ctx, &forum).await?;
        Ok(Facilitated { forum, user })
    }
}

async fn require_moderator(state: &AppState, ctx: &Ctx, forum: &Forum) -> AppResult<User> {
    let user = ctx.require_user()?.clone();
    if !moderator(state, ctx, forum).await? {
        return Err(AppError::Forbidden);
    }
    Ok(user)
}

/// What became of a composer's submission (a topic, a reply, an edit).
enum Submission<F> {
    /// Saved (now, or by an earlier sending of the same form): where to go.
    Saved(String),
    /// Shown again: what was typed, with its errors or its preview.
    Again(Filled<Composer<F>>),
}

/// The composers' step before the one submit driver: "Vista previa" shows the rendered
/// text (bounded per person, like posting) with what was typed; anything else goes through
/// `Submitted::drive` (parse, CSRF, save or show again).
async fn submit<F: TextForm, D, T>(
    db: &crate::db::Db,
    user: &User,
    form: Submitted<F>,
    parse: impl FnOnce(&F) -> Result<D, FieldErrors>,
    save: impl AsyncFnOnce(D) -> Result<T, Refusal>,
    (fallback, url_of): (&str, impl FnOnce(&T) -> String),
) -> AppResult<Submission<F>> {
    if form.data.action() != "vista-previa" {
        return Ok(
            match form.drive_once(db, fallback, parse, save, url_of).await? {
                Driven::Saved(url) => Submission::Saved(url),
                Driven::Again(filled) => Submission::Again(filled.map(Composer::from)),
            },
        );
    }
    let mut errors = parse(&form.data).err().unwrap_or_default();
    errors.check_csrf(form.csrf_ok);
    let bucket = format!("preview:{}", user.id);
    if !crate::web::rate_limit::hit(db, &bucket, PREVIEWS_PER_WINDOW, 600).await? {
        errors.add("_form", "error-rate-previews");
        return Ok(Submission::Again(Filled {
            form: Composer::from(form.data),
            status: StatusCode::TOO_MANY_REQUESTS,
            errors,
        }));
    }
    // rendering is CPU work: off the async workers
    let body = form.data.body().to_string();
    let preview = tokio::task::spawn_blocking(move || crate::markdown::render(&body))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(Submission::Again(Filled {
        form: Composer::typed(form.data, preview),
        status: errors.status(),
        errors,
    }))
}

/// Previews one person may ask for in 10 minutes.
const PREVIEWS_PER_WINDOW: i64 = 60;

/// A form with a text and a submit action (publish or preview).
trait TextForm {
    fn body(&self) -> &str;
    fn action(&self) -> &str;
}

impl TextForm for TopicForm {
    fn body(&self) -> &str {
        &self.body
    }
    fn action(&self) -> &str {
        &self.action
    }
}

impl TextForm for ReplyForm {
    fn body(&self) -> &str {
        &self.body
    }
    fn action(&self) -> &str {
        &self.action
    }
}

/// "Unirme y publicar": a person who has not joined yet joins with their first post (one
/// click, and what they typed is never lost to a separate join step).
async fn join_to_post(
    state: &AppState,
    user: &User,
    forum: &Forum,
    csrf_ok: bool,
    join: &str,
) -> AppResult<()> {
    if csrf_ok && join == "1" {
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
