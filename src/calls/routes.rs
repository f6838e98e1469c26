//! Call pages: list, create, read and submit (the review is in `review_routes`).

use super::views::*;
use super::{Call, CallDraft, CallForm, Window};
use crate::experiences;
use crate::state::AppState;
use crate::web::Path;
use crate::web::form::Params;
use crate::web::form::{Driven, Filled};
use crate::web::page::NoticeQuery;
use crate::web::{AppError, AppResult, Ctx, FieldErrors, Submitted, render, render_status};
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/convocatorias", get(list))
        .route("/convocatorias/nueva", get(new_form).post(create))
        .route("/convocatorias/{id}", get(show))
        .merge(super::edit_routes::routes())
        .route("/convocatorias/{id}/postular", post(submit))
        .merge(super::review_routes::routes())
}

fn window_code(w: Window) -> &'static str {
    match w {
        Window::Upcoming => "upcoming",
        Window::Open => "open",
        Window::Closed => "closed",
    }
}

pub(super) async fn load(state: &AppState, id: i64) -> AppResult<Call> {
    super::load(&state.db, id).await?.ok_or(AppError::NotFound)
}

async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let now = crate::now();
    let calls = super::list(&state.db)
        .await?
        .into_iter()
        .map(|call| CallCard {
            window: window_code(call.window(now)),
            closes: call
                .closes_at
                .map(|c| crate::clock::local_time(c, &call.time_zone))
                .unwrap_or_default(),
            call,
        })
        .collect();
    let can_create = super::can_create_calls(ctx.user.as_ref());
    render(CallsPage {
        ctx,
        calls,
        can_create,
    })
}

pub(super) async fn form_page(
    state: &AppState,
    ctx: Ctx,
    form: CallForm,
    errors: FieldErrors,
    editing: Option<i64>,
) -> AppResult<Response> {
    let taxonomy = state.taxonomy().await?;
    let countries = taxonomy
        .countries_sorted(ctx.lang)
        .into_iter()
        .map(|c| (c.code.clone(), c.names.get(ctx.lang).to_string()))
        .collect();
    let themes = taxonomy
        .vocabulary("theme")
        .into_iter()
        .map(|t| (t.code.clone(), t.names.get(ctx.lang).to_string()))
        .collect();
    let status = errors.status();
    render_status(
        status,
        CallFormPage {
            ctx,
            action: editing
                .map(|id| format!("/convocatorias/{id}/editar"))
                .unwrap_or_else(|| "/convocatorias/nueva".into()),
            editing: editing.is_some(),
            form,
            errors,
            countries,
            themes,
        },
    )
}

async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    if !super::can_create_calls(ctx.user.as_ref()) {
        return Err(AppError::Forbidden);
    }
    let form = CallForm {
        time_zone: crate::clock::TIME_ZONES[0].into(),
        kind: "periodic".into(),
        review_policy: "review".into(),
        ..Default::default()
    };
    form_page(&state, ctx, form, FieldErrors::new(), None).await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<CallForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    if !super::can_create_calls(Some(&user)) {
        return Err(AppError::Forbidden);
    }
    let taxonomy = state.taxonomy().await?;
    // a form sent twice (a double click, a reload) creates one call
    let saved = form
        .drive_once(
            &state.db,
            "/convocatorias",
            |f| CallDraft::parse(f, &taxonomy),
            async |draft| super::create(&state.db, &user, &draft).await,
            |id| crate::web::page::with_notice(&format!("/convocatorias/{id}"), "creada"),
        )
        .await?;
    match saved {
        Driven::Saved(url) => Ok(crate::web::see_other(&url)),
        Driven::Again(Filled { form, errors, .. }) => {
            form_page(&state, ctx, form, errors, None).await
        }
    }
}

struct Attempt {
    errors: FieldErrors,
    bad_questions: Vec<(i64, &'static str)>,
    answers: HashMap<String, Vec<String>>,
    chosen: String,
}

async fn call_page(
    state: &AppState,
    ctx: Ctx,
    call: Call,
    attempt: Attempt,
    notice: Option<String>,
) -> AppResult<Response> {
    let now = crate::now();
    let questions = super::questions(&state.db, call.id).await?;
    let facilitators = super::facilitators(&state.db, call.id).await?;
    let (mut my_sheets, mut my_submissions) = (vec![], vec![]);
    if let Some(user) = &ctx.user {
        for s in experiences::list_for_editor(&state.db, user.id).await? {
            my_submissions.extend(
                super::submissions_of_sheet(&state.db, s.id)
                    .await?
                    .into_iter()
                    .filter(|x| x.call_id == call.id),
            );
            my_sheets.push((s.id, s.title));
        }
    }
    let taxonomy = state.taxonomy().await?;
    let countries = call
        .countries()
        .iter()
        .map(|c| taxonomy.country_name(c, ctx.lang))
        .collect();
    let themes = call
        .themes()
        .iter()
        .map(|t| taxonomy.term_name("theme", t, ctx.lang))
        .collect();
    let status = attempt.errors.status();
    let page = CallPage {
        window: window_code(call.window(now)),
        opens: call
            .opens_at
            .map(|t| crate::clock::local_time(t, &call.time_zone))
            .unwrap_or_default(),
        closes: call
            .closes_at
            .map(|t| crate::clock::local_time(t, &call.time_zone))
            .unwrap_or_default(),
        instructions_html: crate::markdown::render(&call.instructions),
        description_html: crate::markdown::render(&call.description),
        can_review: super::can_review(ctx.user.as_ref(), &call, &facilitators),
        can_manage: super::edit::can_manage(ctx.user.as_ref(), &call),
        forums: super::edit::forums_of(&state.db, call.id).await?,
        questions,
        my_sheets,
        my_submissions,
        errors: attempt.errors,
        bad_questions: attempt.bad_questions,
        answers: attempt.answers,
        chosen: attempt.chosen,
        notice,
        countries,
        themes,
        call,
        ctx,
    };
    render_status(status, page)
}

/// `?aviso=` codes of these pages and their messages.
const NOTICES: &[(&str, &str)] = &[
    ("creada", "notice-call-created"),
    ("editada", "notice-call-edited"),
    ("cerrada", "notice-call-closed"),
    ("enviada", "notice-submission-sent"),
    ("actualizada", "notice-submission-updated"),
    ("publicada", "notice-submission-published"),
];

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Params(q): Params<NoticeQuery>,
) -> AppResult<Response> {
    let call = load(&state, id).await?;
    let notice = ctx.notice(q.aviso.as_deref(), NOTICES);
    let attempt = Attempt {
        errors: FieldErrors::new(),
        bad_questions: vec![],
        answers: HashMap::new(),
        chosen: String::new(),
    };
    call_page(&state, ctx, call, attempt, notice).await
}

async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<HashMap<String, Vec<String>>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let call = load(&state, id).await?;
    let chosen = form
        .data
        .get("experience")
        .and_then(|v| v.first())
        .cloned()
        .unwrap_or_default();
    // someone else's sheet is answered like one that does not exist (nothing revealed), and
    // the answers stay
    let sheet = match chosen.parse::<i64>() {
        Ok(sid) => experiences::load(&state.db, sid)
            .await?
            .filter(|e| experiences::can_edit(Some(&user), e)),
        Err(_) => None,
    };
    let questions = super::questions(&state.db, call.id).await?;
    let mut bad_questions = vec![];
    let parse = |raw: &HashMap<String, Vec<String>>| {
        let mut errors = FieldErrors::new();
        match call.window(crate::now()) {
            Window::Upcoming => errors.add("_form", "error-call-not-open"),
            Window::Closed => errors.add("_form", "error-call-closed"),
            Window::Open => {}
        }
        match &sheet {
            None => errors.add("experience", "error-call-choose-sheet"),
            Some(e)
                if !call.countries().is_empty()
                    && !call.countries().contains(&e.content.country) =>
            {
                errors.add("experience", "error-call-country")
            }
            Some(e)
                if !call.themes().is_empty()
                    && !e.content.themes.iter().any(|t| call.themes().contains(t)) =>
            {
                errors.add("experience", "error-call-theme")
            }
            // a call that publishes at once needs what "Publicar" needs, said here, where
            // the answers are kept
            Some(e) if !call.reviews_first() && !experiences::can_publish(Some(&user), e) => {
                errors.add("experience", "error-call-confirm-email")
            }
            Some(e) if !call.reviews_first() && !e.content.publication_errors().is_empty() => {
                errors.add("experience", "error-call-sheet-incomplete")
            }
            Some(_) => {}
        }
        let answers = super::check_answers(&questions, raw).map_err(|bad| {
            bad_questions = bad;
            errors.add("questions", "error-call-answers");
        });
        match (answers, &sheet) {
            (Ok(answers), Some(e)) if errors.is_empty() => Ok((answers, e.clone())),
            _ => Err(errors),
        }
    };
    let call_url = format!("/convocatorias/{}", call.id);
    let save = async |(answers, e): (Vec<(i64, String)>, experiences::Experience)| {
        let state_asked = if call.reviews_first() {
            "submitted"
        } else {
            "approved"
        };
        let applied =
            super::upsert_submission(&state.db, call.id, e.id, user.id, state_asked, &answers)
                .await?;
        match applied {
            super::Applied::AlreadyDecided(_) => Err(crate::refusal::Refusal::Field(
                "experience",
                "error-call-already-decided",
            )),
            _ if !call.reviews_first() => {
                experiences::set_state(&state.db, e.id, experiences::State::Published).await?;
                Ok("publicada")
            }
            // said, never silent: the answers waiting for review are now these
            super::Applied::Updated(_) => Ok("actualizada"),
            super::Applied::Sent(_) => Ok("enviada"),
        }
    };
    // sent twice (a double click, a reload): one application, led where the first one led
    let url_of = |code: &&str| crate::web::page::with_notice(&call_url, code);
    match form
        .drive_once(&state.db, &call_url, parse, save, url_of)
        .await?
    {
        Driven::Saved(url) => Ok(crate::web::see_other(&url)),
        Driven::Again(Filled { form, errors, .. }) => {
            let attempt = Attempt {
                errors,
                bad_questions,
                answers: form,
                chosen,
            };
            call_page(&state, ctx, call, attempt, None).await
        }
    }
}
