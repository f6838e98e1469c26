//! Sheet pages: home, list, create, read, edit, state changes, history, co-editors,
//! attachments. Each handler: extract → check permission → parse → operate → render.

use super::views::*;
use super::{Experience, ExperienceContent, ExperienceForm, SaveError, State as SheetState};
use crate::app::AppState;
use crate::taxonomy::Taxonomy;
use crate::web::{
    AppError, AppResult, Ctx, FieldErrors, Submitted, hash_token, random_token, render,
    render_status, see_other,
};
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/experiencias/nueva", get(new_form).post(create))
        .route("/experiencias/{id}", get(show))
        .route("/experiencias/{id}/editar", get(edit_form).post(update))
        .route("/experiencias/{id}/estado", post(change_state))
        .route("/experiencias/{id}/historial", get(history))
        .route(
            "/experiencias/{id}/historial/{number}/restaurar",
            post(restore),
        )
        .route("/experiencias/{id}/coeditores", get(coeditors).post(invite))
        .route(
            "/experiencias/{id}/coeditores/{user}/quitar",
            post(remove_coeditor),
        )
        .route("/experiencias/{id}/adjuntos", post(upload))
        .route(
            "/experiencias/{id}/adjuntos/{attachment}/borrar",
            post(delete_attachment),
        )
        .route(
            "/experiencias/{id}/adjuntos/{attachment}/{name}",
            get(download),
        )
        .route(
            "/invitaciones/{token}",
            get(invitation).post(accept_invitation),
        )
        .route("/cuenta/fichas", get(mine))
        .route(
            "/admin/importar",
            get(import_form)
                .post(import_upload)
                .layer(axum::extract::DefaultBodyLimit::max(
                    super::transfer::MAX_IMPORT_BYTES + 64 * 1024,
                )),
        )
}

fn this_year() -> i64 {
    time::OffsetDateTime::now_utc().year() as i64
}

/// `12` or `12-some-slug` → 12.
fn parse_id(raw: &str) -> AppResult<i64> {
    raw.split('-')
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or(AppError::NotFound)
}

async fn load(state: &AppState, raw_id: &str) -> AppResult<Experience> {
    super::load(&state.db, parse_id(raw_id)?)
        .await?
        .ok_or(AppError::NotFound)
}

/// Loads a sheet the reader may see (drafts only for editors; a 404 hides their existence).
async fn load_visible(state: &AppState, ctx: &Ctx, raw_id: &str) -> AppResult<Experience> {
    let e = load(state, raw_id).await?;
    if super::can_view(ctx.user.as_ref(), &e) {
        return Ok(e);
    }
    // facilitators of a call read the sheets submitted to it, drafts included
    if let Some(u) = &ctx.user
        && crate::calls::reviews_sheet(&state.db, u.id, e.id).await?
    {
        return Ok(e);
    }
    Err(AppError::NotFound)
}

/// Loads a sheet for editing: sign-in first, then editor rights.
async fn load_editable(state: &AppState, ctx: &Ctx, raw_id: &str) -> AppResult<Experience> {
    ctx.require_user()?;
    let e = load(state, raw_id).await?;
    if super::can_edit(ctx.user.as_ref(), &e) {
        Ok(e)
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PageQuery {
    pagina: Option<String>,
    aviso: Option<String>,
}

async fn home(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let taxonomy = state.taxonomy().await?;
    let (items, _) = super::list_published(&state.db, 1, 6).await?;
    let (total, countries) = super::counts(&state.db).await?;
    let latest = items
        .iter()
        .map(|s| Card::new(s, &taxonomy, ctx.lang))
        .collect();
    let discover_req = crate::catalogue::SearchRequest {
        sort: crate::catalogue::Sort::Discover,
        page: 1,
        per_page: 3,
        ..Default::default()
    };
    let ids = state.catalogue.search(&discover_req)?.ids;
    let discover = super::cards(&state.db, &ids)
        .await?
        .iter()
        .map(|e| Card::new(&e.summary(), &taxonomy, ctx.lang))
        .collect();
    let now = crate::now();
    let open_calls = crate::calls::list(&state.db)
        .await?
        .into_iter()
        .filter(|c| c.window(now) == crate::calls::Window::Open)
        .map(|c| {
            let closes = c
                .closes_at
                .map(|t| crate::calls::local_time(t, &c.time_zone))
                .unwrap_or_default();
            (c.url(), c.title, closes)
        })
        .collect();
    render(HomePage {
        open_calls,
        ctx,
        latest,
        discover,
        total,
        countries,
    })
}

async fn mine(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let taxonomy = state.taxonomy().await?;
    let items = super::list_for_editor(&state.db, user.id).await?;
    let cards = items
        .iter()
        .map(|s| Card::new(s, &taxonomy, ctx.lang))
        .collect();
    // where each of my sheets stands in the calls it was submitted to
    let calls: std::collections::HashMap<i64, String> = crate::calls::list(&state.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let mut submissions = Vec::new();
    for sheet in &items {
        for s in crate::calls::submissions_of_sheet(&state.db, sheet.id).await? {
            let link = format!("/convocatorias/{}/postulaciones/{}", s.call_id, s.id);
            let call = calls.get(&s.call_id).cloned().unwrap_or_default();
            submissions.push((link, s.title, call, s.state));
        }
    }
    render(MinePage {
        ctx,
        latest: cards,
        submissions,
    })
}

/// `?aviso=` codes of these pages and their messages.
const NOTICES: &[(&str, &str)] = &[
    ("creada", "notice-sheet-created"),
    ("guardada", "notice-sheet-saved"),
    ("publicada", "notice-sheet-published"),
    ("archivada", "notice-sheet-archived"),
    ("borrador", "notice-sheet-unpublished"),
    ("restaurada", "notice-sheet-restored"),
    ("adjunto", "notice-attachment-added"),
    ("adjunto-borrado", "notice-attachment-deleted"),
    ("invitacion", "notice-invitation-sent"),
    ("coeditor", "notice-coeditor-joined"),
    ("confirmar-correo", "notice-confirm-email-to-publish"),
    ("en-revision", "notice-sheet-awaiting-review"),
];

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let e = load_visible(&state, &ctx, &id).await?;
    let taxonomy = state.taxonomy().await?;
    let lang = ctx.lang;
    let names = |voc: &str, codes: &[String]| {
        codes
            .iter()
            .map(|c| taxonomy.term_name(voc, c, lang))
            .collect::<Vec<_>>()
    };
    let sections = super::NARRATIVE_SECTIONS
        .iter()
        .filter(|f| !e.content.section(f).is_empty())
        .map(|&field| Section {
            field,
            html: crate::markdown::render(e.content.section(field)),
        })
        .collect();
    let (related, learn_from, share_with) = linked_sheets(&state, &e, &taxonomy, &ctx).await?;
    // an anonymous count of readers (not editors, not crawlers) for "por descubrir"
    let crawler = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ua| {
            ["bot", "crawl", "spider", "slurp"]
                .iter()
                .any(|w| ua.to_ascii_lowercase().contains(w))
        });
    if e.is_published()
        && !crawler
        && !super::can_edit(ctx.user.as_ref(), &e)
        && let Err(err) = crate::catalogue::record_view(&state.db, e.id).await
    {
        tracing::warn!(error = ?err, "view not counted");
    }
    let page = ShowPage {
        related,
        learn_from,
        share_with,
        country: taxonomy.country_name(&e.content.country, lang),
        scale: if e.content.scale.is_empty() {
            String::new()
        } else {
            taxonomy.term_name("scale", &e.content.scale, lang)
        },
        themes: names("theme", &e.content.themes),
        actor_types: names("actor", &e.content.actor_types),
        modalities: names("modality", &e.content.modalities),
        sections,
        attachments: super::attachments(&state.db, e.id).await?,
        can_edit: super::can_edit(ctx.user.as_ref(), &e),
        notice: ctx.notice(q.aviso.as_deref(), NOTICES),
        updated: crate::web::format_time(e.updated_at),
        json_ld: e
            .is_published()
            .then(|| crate::catalogue::open_data::json_ld(&e, &taxonomy, &state.settings.base_url)),
        ctx,
        e,
    };
    render(page)
}

fn excerpt(text: &str, n: usize) -> String {
    let plain: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['*', '#', '_'], "");
    let cut: String = plain.chars().take(n).collect();
    if cut.len() < plain.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// Related sheets (similar themes and text) and complementary ones (one has the problem the
/// other learned to solve), each with a one-line reason.
async fn linked_sheets(
    state: &AppState,
    e: &Experience,
    taxonomy: &Taxonomy,
    ctx: &Ctx,
) -> AppResult<(Vec<Linked>, Vec<Linked>, Vec<Linked>)> {
    let (related_ids, learn_ids, share_ids) = state.catalogue.linked(e, 3)?;
    let all: Vec<i64> = related_ids
        .iter()
        .chain(&learn_ids)
        .chain(&share_ids)
        .copied()
        .collect();
    let sheets = super::load_many(&state.db, &all).await?;
    let lang = ctx.lang;
    let link = |id: &i64, reason: &dyn Fn(&Experience) -> String| {
        sheets
            .iter()
            .find(|s| s.id == *id && s.is_published())
            .map(|s| Linked {
                url: s.url(),
                title: s.content.title.clone(),
                country: taxonomy.country_name(&s.content.country, lang),
                reason: reason(s),
            })
    };
    let related = related_ids
        .iter()
        .filter_map(|id| {
            link(id, &|s: &Experience| {
                let shared: Vec<String> = s
                    .content
                    .themes
                    .iter()
                    .filter(|t| e.content.themes.contains(t))
                    .map(|t| taxonomy.term_name("theme", t, lang))
                    .collect();
                if shared.is_empty() {
                    ctx.t("related-similar-text")
                } else {
                    ctx.t1("related-shared-themes", "themes", shared.join(", "))
                }
            })
        })
        .collect();
    let learn_from = learn_ids
        .iter()
        .filter_map(|id| {
            link(id, &|s: &Experience| {
                let source = if s.content.keys_text.is_empty() {
                    &s.content.lessons
                } else {
                    &s.content.keys_text
                };
                ctx.t1(
                    "complementary-learn-reason",
                    "excerpt",
                    excerpt(source, 110),
                )
            })
        })
        .collect();
    let share_with = share_ids
        .iter()
        .filter_map(|id| {
            link(id, &|s: &Experience| {
                ctx.t1(
                    "complementary-share-reason",
                    "excerpt",
                    excerpt(&s.content.problems, 110),
                )
            })
        })
        .collect();
    Ok((related, learn_from, share_with))
}

async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let taxonomy = state.taxonomy().await?;
    let form = ExperienceForm {
        language: ctx.lang.code().into(),
        country: user.country_code.clone().unwrap_or_default(),
        contact_name: user.name.clone(),
        ..Default::default()
    };
    render(FormPage {
        ctx,
        form,
        errors: FieldErrors::new(),
        taxonomy,
        experience: None,
        conflict: vec![],
        attachments: vec![],
        upload_error: None,
        notice: None,
    })
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<ExperienceForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let taxonomy = state.taxonomy().await?;
    let parsed = ExperienceContent::parse(&form.data, &taxonomy, this_year());
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    errors.check_csrf(form.csrf_ok);
    if let (true, Ok(content)) = (errors.is_empty(), parsed) {
        let id = super::create(&state.db, &user, &content).await?;
        return Ok(see_other(&format!(
            "/experiencias/{id}/editar?aviso=creada"
        )));
    }
    let page = FormPage {
        ctx,
        form: form.data,
        errors,
        taxonomy,
        experience: None,
        conflict: vec![],
        attachments: vec![],
        upload_error: None,
        notice: None,
    };
    render_status(StatusCode::UNPROCESSABLE_ENTITY, page)
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    let taxonomy = state.taxonomy().await?;
    let attachments = super::attachments(&state.db, e.id).await?;
    let upload_error = match q.aviso.as_deref() {
        Some(
            k @ ("upload-empty"
            | "upload-too-large"
            | "upload-unreadable"
            | "upload-unsupported"
            | "upload-disguised"
            | "upload-quota"
            | "upload-too-many-pixels"
            | "error-csrf"),
        ) => Some(ctx.t(k)),
        _ => None,
    };
    let notice = ctx.notice(q.aviso.as_deref(), NOTICES);
    let form = e.content.to_form(e.version);
    render(FormPage {
        ctx,
        form,
        errors: FieldErrors::new(),
        taxonomy,
        experience: Some(e),
        conflict: vec![],
        attachments,
        upload_error,
        notice,
    })
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Submitted<ExperienceForm>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    let user = ctx.require_user()?.clone();
    let taxonomy = state.taxonomy().await?;
    let parsed = ExperienceContent::parse(&form.data, &taxonomy, this_year());
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    errors.check_csrf(form.csrf_ok);
    let base_version: i64 = form.data.version.parse().unwrap_or(0);
    let mut conflict = vec![];
    if let (true, Ok(content)) = (errors.is_empty(), &parsed) {
        if e.state == SheetState::Published && !content.publication_errors().is_empty() {
            errors = content.publication_errors();
        } else {
            let note: String = form.data.note.trim().chars().take(300).collect();
            match super::update(&state.db, &user, e.id, base_version, content, &note).await {
                Ok(_) => return Ok(see_other(&format!("{}?aviso=guardada", e.url()))),
                Err(SaveError::Conflict { current }) => {
                    // Show which fields the other editor changed since this form was loaded.
                    let base = super::revision(&state.db, e.id, base_version)
                        .await?
                        .map(|r| r.parsed())
                        .unwrap_or_default();
                    conflict = super::diff::changed_fields(&base, &current.content)
                        .into_iter()
                        .map(|f| ctx.t(&format!("field-{f}")))
                        .collect();
                    errors.add("_form", "error-conflict");
                }
                Err(SaveError::Other(err)) => return Err(err.into()),
            }
        }
    }
    let mut f = form.data;
    if !conflict.is_empty() || errors.get("_form") == Some("error-conflict") {
        // the typed text stays; the version moves on so a deliberate second save succeeds
        f.version = e.version.to_string();
        if let Some(cur) = super::load(&state.db, e.id).await? {
            f.version = cur.version.to_string();
        }
    }
    let attachments = super::attachments(&state.db, e.id).await?;
    let page = FormPage {
        ctx,
        form: f,
        errors,
        taxonomy,
        experience: Some(e),
        conflict,
        attachments,
        upload_error: None,
        notice: None,
    };
    render_status(
        if page.conflict.is_empty() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::CONFLICT
        },
        page,
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StateForm {
    accion: String,
}

async fn change_state(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Submitted<StateForm>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    if !form.csrf_ok {
        return Err(AppError::BadRequest);
    }
    let (target, aviso) = match form.data.accion.as_str() {
        "publicar" => (SheetState::Published, "publicada"),
        "archivar" => (SheetState::Archived, "archivada"),
        "borrador" => (SheetState::Draft, "borrador"),
        _ => return Err(AppError::BadRequest),
    };
    if target == SheetState::Published {
        if !super::can_publish(ctx.user.as_ref(), &e) {
            return Ok(see_other(&format!("{}?aviso=confirmar-correo", e.url())));
        }
        let missing = e.content.publication_errors();
        if !missing.is_empty() {
            let taxonomy = state.taxonomy().await?;
            let attachments = super::attachments(&state.db, e.id).await?;
            let form = e.content.to_form(e.version);
            let page = FormPage {
                ctx,
                form,
                errors: missing,
                taxonomy,
                experience: Some(e),
                conflict: vec![],
                attachments,
                upload_error: None,
                notice: None,
            };
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, page);
        }
    }
    match super::set_state(&state.db, e.id, target).await {
        Ok(()) => Ok(see_other(&format!("{}?aviso={aviso}", e.url()))),
        Err(super::StateError::AwaitingReview) => {
            Ok(see_other(&format!("{}?aviso=en-revision", e.url())))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HistoryQuery {
    de: Option<String>,
    a: Option<String>,
}

async fn history(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<HistoryQuery>,
) -> AppResult<Response> {
    let e = load_visible(&state, &ctx, &id).await?;
    let revisions = super::revisions(&state.db, e.id).await?;
    let latest = revisions.first().map(|r| r.number).unwrap_or(1);
    let pick = |v: Option<String>, default: i64| {
        v.and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(default)
            .clamp(1, latest)
    };
    let to = pick(q.a, latest);
    let from = pick(q.de, (to - 1).max(1));
    let can_edit = super::can_edit(ctx.user.as_ref(), &e);
    let content = |n: i64| {
        let c = revisions
            .iter()
            .find(|r| r.number == n)
            .map(|r| r.parsed())
            .unwrap_or_default();
        if can_edit { c } else { c.public() }
    };
    let diffs = if from == to {
        vec![]
    } else {
        // CPU work with a time budget (diff::DIFF_BUDGET), off the async workers
        let (a, b) = (content(from), content(to));
        tokio::task::spawn_blocking(move || super::diff::diff_contents(&a, &b))
            .await
            .map_err(|e| AppError::Internal(e.into()))?
    };
    render(HistoryPage {
        ctx,
        e,
        revisions,
        from,
        to,
        diffs,
        can_edit,
    })
}

async fn restore(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, number)): Path<(String, i64)>,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    if !form.csrf_ok {
        return Err(AppError::BadRequest);
    }
    let user = ctx.require_user()?.clone();
    let old = super::revision(&state.db, e.id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let note = ctx.t1("history-restored-note", "number", number);
    match super::update(&state.db, &user, e.id, e.version, &old.parsed(), &note).await {
        Ok(_) => Ok(see_other(&format!("{}?aviso=restaurada", e.url()))),
        // someone saved meanwhile: show the history again, nothing was lost
        Err(SaveError::Conflict { .. }) => {
            Ok(see_other(&format!("/experiencias/{}/historial", e.id)))
        }
        Err(SaveError::Other(err)) => Err(err.into()),
    }
}

async fn coeditors_page(
    state: &AppState,
    ctx: Ctx,
    e: Experience,
    email: String,
    errors: FieldErrors,
    notice: Option<String>,
) -> AppResult<Response> {
    let coeditors = super::coeditors(&state.db, e.id).await?;
    let status = errors.status();
    render_status(
        status,
        CoeditorsPage {
            ctx,
            e,
            coeditors,
            email,
            errors,
            notice,
        },
    )
}

async fn coeditors(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    if !super::can_manage_coeditors(ctx.user.as_ref(), &e) {
        return Err(AppError::Forbidden);
    }
    let notice = ctx.notice(q.aviso.as_deref(), NOTICES);
    coeditors_page(&state, ctx, e, String::new(), FieldErrors::new(), notice).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InviteForm {
    email: String,
}

async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Submitted<InviteForm>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    let user = ctx.require_user()?.clone();
    if !super::can_manage_coeditors(Some(&user), &e) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::new();
    errors.check_csrf(form.csrf_ok);
    let email = crate::accounts::Email::parse(&form.data.email)
        .map_err(|k| errors.add("email", k))
        .ok();
    if email.as_ref().is_some_and(|m| m.as_str() == user.email) {
        errors.add("email", "error-invite-self");
    }
    if let (true, Some(email)) = (errors.is_empty(), email) {
        if !crate::web::store::rate_limit_hit(&state.db, &format!("invite:{}", user.id), 30, 3600)
            .await?
        {
            return Err(AppError::TooManyRequests);
        }
        let token = random_token(32);
        let link = format!("{}/invitaciones/{token}", state.settings.base_url);
        let mail = crate::mail::Mail {
            to: email.as_str().to_string(),
            subject: ctx.t("mail-invite-subject"),
            body: ctx.lang.t_args(
                "mail-invite-body",
                &[
                    ("name", user.name.clone()),
                    ("title", e.content.title.clone()),
                    ("link", link),
                ],
            ),
        };
        super::create_invitation(
            &state.db,
            e.id,
            email.as_str(),
            &hash_token(&token),
            user.id,
            &mail,
        )
        .await?;
        return Ok(see_other(&format!(
            "/experiencias/{}/coeditores?aviso=invitacion",
            e.id
        )));
    }
    coeditors_page(&state, ctx, e, form.data.email, errors, None).await
}

async fn remove_coeditor(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, user_id)): Path<(String, i64)>,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    if !super::can_manage_coeditors(ctx.user.as_ref(), &e) {
        return Err(AppError::Forbidden);
    }
    if !form.csrf_ok {
        return Err(AppError::BadRequest);
    }
    super::remove_coeditor(&state.db, e.id, user_id).await?;
    Ok(see_other(&format!("/experiencias/{}/coeditores", e.id)))
}

/// The invitation page: accept, or, signed in with another account, sign in as the invitee.
async fn invitation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let invited = super::invitation_email(&state.db, &hash_token(&token))
        .await?
        .ok_or(AppError::NotFound)?;
    let wrong_account =
        (!super::may_accept_invitation(&user, &invited)).then(|| mask_email(&invited));
    let status = if wrong_account.is_some() {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::OK
    };
    render_status(
        status,
        InvitationPage {
            ctx,
            token,
            wrong_account,
        },
    )
}

/// `rosa@example.org` → `r•••@example.org`: enough to recognise one's own address.
fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".into(),
    }
}

async fn accept_invitation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    if !form.csrf_ok {
        return Err(AppError::BadRequest);
    }
    let hash = hash_token(&token);
    let invited = super::invitation_email(&state.db, &hash)
        .await?
        .ok_or(AppError::NotFound)?;
    if !super::may_accept_invitation(&user, &invited) {
        return Ok(see_other(&format!("/invitaciones/{token}")));
    }
    match super::accept_invitation(&state.db, &hash, user.id).await? {
        Some(id) => Ok(see_other(&format!(
            "/experiencias/{id}/editar?aviso=coeditor"
        ))),
        None => Err(AppError::NotFound),
    }
}

async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    let user = ctx.require_user()?.clone();
    let back = |k: &str| {
        Ok(see_other(&format!(
            "/experiencias/{}/editar?aviso={k}#adjuntos",
            e.id
        )))
    };
    let (name, bytes) = match crate::web::form::single_upload(&mut multipart, &ctx.csrf).await {
        Ok(file) => file,
        Err(code) => return back(code),
    };
    let used = super::uploaded_bytes(&state.db, user.id).await?;
    if used + bytes.len() as i64 > state.settings.upload_quota_bytes {
        return back("upload-quota");
    }
    match crate::files::check_upload(&name, &bytes, state.settings.max_upload_bytes) {
        Ok(content_type) => {
            let key = state.storage.put(&bytes).await?;
            super::add_attachment(
                &state.db,
                e.id,
                &name,
                content_type,
                bytes.len() as i64,
                &key,
                user.id,
            )
            .await?;
            back("adjunto")
        }
        Err(err) => back(err.message_key()),
    }
}

async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, attachment, _name)): Path<(String, i64, String)>,
) -> AppResult<Response> {
    let e = load_visible(&state, &ctx, &id).await?;
    let a = super::attachment(&state.db, e.id, attachment)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = state.storage.get(&a.storage_key).await?;
    let inline = a.content_type.starts_with("image/");
    Ok(crate::web::file_response(
        bytes,
        &a.content_type,
        &a.file_name,
        inline,
        false,
    ))
}

async fn delete_attachment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, attachment)): Path<(String, i64)>,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    if !form.csrf_ok {
        return Err(AppError::BadRequest);
    }
    super::delete_attachment(&state.db, &state.storage, e.id, attachment).await?;
    Ok(see_other(&format!(
        "/experiencias/{}/editar?aviso=adjunto-borrado#adjuntos",
        e.id
    )))
}

fn require_admin(ctx: &Ctx) -> AppResult<()> {
    ctx.require_user()?;
    if ctx.is_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn import_form(ctx: Ctx) -> AppResult<Response> {
    require_admin(&ctx)?;
    render(ImportPage {
        ctx,
        problems: vec![],
        summary: String::new(),
        result: None,
    })
}

/// The administrators' import: the same checks and report as `ayni import`.
async fn import_upload(
    State(state): State<AppState>,
    ctx: Ctx,
    mut multipart: Multipart,
) -> AppResult<Response> {
    require_admin(&ctx)?;
    let admin = ctx.require_user()?.clone();
    let (mut csrf, mut bytes, mut dry_run, mut publish, mut too_large) =
        (String::new(), None, false, false, false);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("csrf") => csrf = field.text().await.unwrap_or_default(),
                Some("dry_run") => dry_run = true,
                Some("publish") => publish = true,
                Some("file") => match field.bytes().await {
                    Ok(b) => bytes = Some(b),
                    Err(_) => too_large = true,
                },
                _ => {}
            },
            Ok(None) => break,
            Err(_) => {
                too_large = true;
                break;
            }
        }
    }
    let problem = |key: &str| super::transfer::Problem {
        row: 0,
        column: "-".into(),
        message: ctx.t(key),
    };
    let problems = if too_large {
        vec![problem("import-too-large")]
    } else if !crate::web::form::constant_eq(&csrf, &ctx.csrf) {
        vec![problem("error-csrf")]
    } else if bytes.as_ref().is_none_or(|b| b.is_empty()) {
        vec![problem("upload-empty")]
    } else {
        vec![]
    };
    let page = |problems: Vec<super::transfer::Problem>, result: Option<String>| {
        let summary = ctx.t1("import-report-problems", "count", problems.len());
        ImportPage {
            ctx: ctx.clone(),
            problems,
            summary,
            result,
        }
    };
    if !problems.is_empty() {
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, page(problems, None));
    }
    let taxonomy = state.taxonomy().await?;
    let rows = match super::transfer::parse_csv(
        &bytes.unwrap_or_default(),
        &taxonomy,
        ctx.lang,
        this_year(),
        publish,
    ) {
        Ok(rows) => rows,
        Err(problems) => {
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, page(problems, None));
        }
    };
    let result = if dry_run {
        ctx.t1("import-report-valid", "count", rows.len())
    } else {
        let done = super::transfer::import(&state.db, &rows, admin.id, publish, |_| {}).await?;
        ctx.lang.t_args(
            "import-report-done",
            &[
                ("imported", done.new.to_string()),
                ("updated", done.updated.to_string()),
                ("existing", done.unchanged.to_string()),
            ],
        )
    };
    render(page(vec![], Some(result)))
}
