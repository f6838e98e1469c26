//! Call pages: list, create, read and submit, review queue, submission and decisions.

use super::views::*;
use super::{Call, CallDraft, CallForm, Window};
use crate::experiences;
use crate::state::AppState;
use crate::web::form::Driven;
use crate::web::{
    AppError, AppResult, Ctx, FieldErrors, Submitted, render, render_status, see_other,
};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/convocatorias", get(list))
        .route("/convocatorias/nueva", get(new_form).post(create))
        .route("/convocatorias/{id}", get(show))
        .merge(super::edit_routes::routes())
        .route("/convocatorias/{id}/postular", post(submit))
        .route("/convocatorias/{id}/revision", get(review))
        .route("/convocatorias/{id}/postulaciones/{sid}", get(submission))
        .route(
            "/convocatorias/{id}/postulaciones/{sid}/decision",
            post(decide),
        )
        .route(
            "/convocatorias/{id}/postulaciones/{sid}/reenviar",
            post(resubmit),
        )
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
    let saved = form
        .drive(
            |f| CallDraft::parse(f, &taxonomy),
            async |draft| Ok(super::create(&state.db, &user, &draft).await?),
        )
        .await?;
    match saved {
        Driven::Saved(id) => Ok(crate::web::page::see_other_with_notice(
            &format!("/convocatorias/{id}"),
            "creada",
        )),
        Driven::Again { form, errors, .. } => form_page(&state, ctx, form, errors, None).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NoticeQuery {
    aviso: Option<String>,
}

struct Attempt {
    errors: FieldErrors,
    bad_questions: Vec<i64>,
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
    ("publicada", "notice-submission-published"),
];

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
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
    let checked = form.drive(parse, async |ok| Ok(ok)).await?;
    let (answers, e) = match checked {
        Driven::Saved(ok) => ok,
        Driven::Again { form, errors, .. } => {
            let attempt = Attempt {
                errors,
                bad_questions,
                answers: form,
                chosen,
            };
            return call_page(&state, ctx, call, attempt, None).await;
        }
    };
    if call.reviews_first() {
        super::upsert_submission(&state.db, call.id, e.id, user.id, "submitted", &answers).await?;
        Ok(crate::web::page::see_other_with_notice(
            &format!("/convocatorias/{}", call.id),
            "enviada",
        ))
    } else {
        if !experiences::can_publish(Some(&user), &e) || !e.content.publication_errors().is_empty()
        {
            return Ok(crate::web::page::see_other_with_notice(
                &format!("/experiencias/{}/editar", e.id),
                "confirmar-correo",
            ));
        }
        super::upsert_submission(&state.db, call.id, e.id, user.id, "approved", &answers).await?;
        experiences::set_state(&state.db, e.id, experiences::State::Published).await?;
        Ok(crate::web::page::see_other_with_notice(
            &format!("/convocatorias/{}", call.id),
            "publicada",
        ))
    }
}

async fn reviewer_call(state: &AppState, ctx: &Ctx, id: i64) -> AppResult<Call> {
    ctx.require_user()?;
    let call = load(state, id).await?;
    let facilitators = super::facilitators(&state.db, call.id).await?;
    if super::can_review(ctx.user.as_ref(), &call, &facilitators) {
        Ok(call)
    } else {
        Err(AppError::Forbidden)
    }
}

async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let call = reviewer_call(&state, &ctx, id).await?;
    let submissions = super::submissions_of(&state.db, call.id).await?;
    let sheets = experiences::load_many(
        &state.db,
        &submissions
            .iter()
            .map(|s| s.experience_id)
            .collect::<Vec<_>>(),
    )
    .await?;
    let developed = experiences::Section::ALL
        .iter()
        .filter(|s| s.is_reflective())
        .map(|section| {
            let n = sheets
                .iter()
                .filter(|e| {
                    experiences::guidance::measure(e.content.narrative.get(*section))
                        == experiences::guidance::Level::Developed
                })
                .count();
            (section.code(), n, sheets.len())
        })
        .collect();
    render(ReviewPage {
        ctx,
        call,
        submissions,
        developed,
    })
}

async fn submission_page(
    state: &AppState,
    ctx: Ctx,
    call: Call,
    sid: i64,
    errors: FieldErrors,
    comment: String,
) -> AppResult<Response> {
    let submission = super::submission(&state.db, sid)
        .await?
        .filter(|s| s.call_id == call.id)
        .ok_or(AppError::NotFound)?;
    let sheet = experiences::load(&state.db, submission.experience_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let facilitators = super::facilitators(&state.db, call.id).await?;
    let can_review = super::can_review(ctx.user.as_ref(), &call, &facilitators);
    let is_owner = experiences::can_edit(ctx.user.as_ref(), &sheet);
    if !can_review && !is_owner {
        return Err(if ctx.user.is_none() {
            AppError::SignInRequired(ctx.here.clone())
        } else {
            AppError::Forbidden
        });
    }
    let answers = super::answers_of(&state.db, sid).await?;
    let decisions = super::decisions_of(&state.db, sid)
        .await?
        .into_iter()
        .map(|(d, who, c, at)| (d, who, c, crate::clock::local_time(at, &call.time_zone)))
        .collect();
    let status = errors.status();
    render_status(
        status,
        SubmissionPage {
            ctx,
            call,
            submission,
            answers,
            decisions,
            can_review,
            is_owner,
            errors,
            comment,
        },
    )
}

async fn submission(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, sid)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let call = load(&state, id).await?;
    submission_page(&state, ctx, call, sid, FieldErrors::new(), String::new()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DecisionForm {
    #[serde(rename = "accion")]
    action: String,
    #[serde(rename = "comentario")]
    comment: String,
}

async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, sid)): Path<(i64, i64)>,
    form: Submitted<DecisionForm>,
) -> AppResult<Response> {
    let call = reviewer_call(&state, &ctx, id).await?;
    let reviewer = ctx.require_user()?.clone();
    let sub = super::submission(&state.db, sid)
        .await?
        .filter(|s| s.call_id == call.id)
        .ok_or(AppError::NotFound)?;
    let (decision, new_state) = match form.data.action.as_str() {
        "aprobar" => ("approve", "approved"),
        "cambios" => ("request_changes", "changes_requested"),
        _ => return Err(AppError::BadRequest),
    };
    let sheet = experiences::load(&state.db, sub.experience_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let checked = form
        .drive(
            |f| {
                let mut errors = FieldErrors::new();
                let comment =
                    crate::web::form::bounded(&mut errors, "comentario", &f.comment, 2000);
                if decision == "request_changes" && crate::web::form::is_blank(&comment) {
                    errors.add("comentario", "error-call-comment-required");
                }
                // changes already asked for: the owner resubmits before anyone asks again
                if sub.state == "changes_requested" && decision == "request_changes" {
                    errors.add("_form", "error-call-changes-pending");
                }
                if sub.state == "approved" && decision == "approve" {
                    errors.add("_form", "error-call-already-approved");
                }
                if sub.state == "withdrawn" {
                    errors.add("_form", "error-call-withdrawn");
                }
                // approval publishes: it checks the same rules as "Publicar"
                if decision == "approve" && !sheet.content.publication_errors().is_empty() {
                    errors.add("_form", "error-call-approve-incomplete");
                }
                if errors.is_empty() {
                    Ok(comment)
                } else {
                    Err(errors)
                }
            },
            async |comment| Ok(comment),
        )
        .await?;
    let comment = match checked {
        Driven::Saved(comment) => comment,
        Driven::Again { form, errors, .. } => {
            return submission_page(&state, ctx, call, sid, errors, form.comment).await;
        }
    };
    // tell the owner, in their language (queued with the decision, in one transaction)
    let owner = crate::accounts::find_by_email(&state.db, &sub.owner_email).await?;
    let lang = owner
        .as_ref()
        .and_then(|u| crate::i18n::Lang::parse(&u.lang))
        .unwrap_or(ctx.lang);
    let link = format!(
        "{}/convocatorias/{}/postulaciones/{sid}",
        state.settings.base_url, call.id
    );
    let (subject, body_key) = if decision == "approve" {
        ("mail-review-approved-subject", "mail-review-approved-body")
    } else {
        ("mail-review-changes-subject", "mail-review-changes-body")
    };
    let mail = crate::mail::Mail {
        to: sub.owner_email.clone(),
        subject: lang.t(subject),
        body: lang.t_args(
            body_key,
            &[
                ("title", sub.title.clone()),
                ("call", call.title.clone()),
                ("comment", comment.clone()),
                ("link", link),
            ],
        ),
    };
    let step = super::Decision {
        submission: sid,
        experience: sub.experience_id,
        by: reviewer.id,
        decision,
        state: new_state,
        comment: &comment,
    };
    super::decide(&state.db, &step, Some(&mail)).await?;
    if decision == "approve" {
        experiences::set_state(&state.db, sub.experience_id, experiences::State::Published).await?;
    }
    Ok(see_other(&format!("/convocatorias/{}/revision", call.id)))
}

async fn resubmit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, sid)): Path<(i64, i64)>,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let call = load(&state, id).await?;
    let sub = super::submission(&state.db, sid)
        .await?
        .filter(|s| s.call_id == call.id)
        .ok_or(AppError::NotFound)?;
    let sheet = experiences::load(&state.db, sub.experience_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !experiences::can_edit(Some(&user), &sheet) {
        return Err(AppError::Forbidden);
    }
    if !form.csrf_ok {
        return Err(AppError::BadRequest);
    }
    if sub.state != "changes_requested" {
        let mut errors = FieldErrors::new();
        errors.add("_form", "error-call-nothing-to-resubmit");
        return submission_page(&state, ctx, call, sid, errors, String::new()).await;
    }
    let step = super::Decision {
        submission: sid,
        experience: sheet.id,
        by: user.id,
        decision: "resubmitted",
        state: "submitted",
        comment: "",
    };
    super::decide(&state.db, &step, None).await?;
    Ok(see_other(&format!(
        "/convocatorias/{}/postulaciones/{sid}",
        call.id
    )))
}
