//! Reviewing a call's submissions: the queue, one submission with its decisions, deciding
//! (approve or ask for changes) and the owner's resubmission.

use super::Call;
use super::routes::load;
use super::views::*;
use crate::experiences;
use crate::refusal::Refusal;
use crate::state::AppState;
use crate::web::Path;
use crate::web::form::{Driven, Filled, pick};
use crate::web::{
    AppError, AppResult, Ctx, FieldErrors, Submitted, render, render_status, see_other,
};
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
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

/// Submission `sid`, if it was sent to `call` (any other is not found here).
async fn submission_to(
    state: &AppState,
    call: &Call,
    sid: i64,
) -> AppResult<super::SubmissionView> {
    super::submission(&state.db, sid)
        .await?
        .filter(|s| s.call_id == call.id)
        .ok_or(AppError::NotFound)
}

async fn sheet_of(
    state: &AppState,
    submission: &super::SubmissionView,
) -> AppResult<experiences::Experience> {
    experiences::load(&state.db, submission.experience_id)
        .await?
        .ok_or(AppError::NotFound)
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
    filled: Filled<DecisionForm>,
) -> AppResult<Response> {
    let submission = submission_to(state, &call, sid).await?;
    let sheet = sheet_of(state, &submission).await?;
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
    render_status(
        filled.status,
        SubmissionPage {
            ctx,
            call,
            submission,
            answers,
            decisions,
            can_review,
            is_owner,
            errors: filled.errors,
            comment: filled.form.comment,
        },
    )
}

async fn submission(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, sid)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let call = load(&state, id).await?;
    submission_page(&state, ctx, call, sid, Filled::default()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DecisionForm {
    #[serde(rename = "accion")]
    action: String,
    #[serde(rename = "comentario")]
    comment: String,
    /// The submission's state on the page the reviewer decided from.
    #[serde(rename = "estado")]
    seen: String,
}

async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, sid)): Path<(i64, i64)>,
    form: Submitted<DecisionForm>,
) -> AppResult<Response> {
    let call = reviewer_call(&state, &ctx, id).await?;
    let reviewer = ctx.require_user()?.clone();
    let sub = submission_to(&state, &call, sid).await?;
    let (decision, new_state) = pick(
        &form.data.action,
        &[
            ("aprobar", ("approve", "approved")),
            ("cambios", ("request_changes", "changes_requested")),
        ],
    )?;
    let sheet = experiences::load(&state.db, sub.experience_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // the page the decision was taken on showed another state: someone decided meanwhile
    let stale = !form.data.seen.is_empty() && form.data.seen != sub.state;
    let checked = form
        .drive(
            |f| {
                let mut errors = FieldErrors::new();
                let comment =
                    crate::web::form::bounded(&mut errors, "comentario", &f.comment, 2000);
                if decision == "request_changes" && crate::web::form::is_blank(&comment) {
                    errors.add("comentario", "error-call-comment-required");
                }
                // (a stale page is said as a conflict by `save`, with the comment kept)
                let pending = sub.state == "changes_requested" && decision == "request_changes";
                let approved = sub.state == "approved" && decision == "approve";
                if !stale && pending {
                    // changes already asked for: the owner resubmits before anyone asks again
                    errors.add("_form", "error-call-changes-pending");
                } else if !stale && approved {
                    errors.add("_form", "error-call-already-approved");
                } else if !stale && sub.state == "withdrawn" {
                    errors.add("_form", "error-call-withdrawn");
                }
                // approval publishes: it checks the same rules as "Publicar"
                if decision == "approve" && !sheet.content.publication_errors().is_empty() {
                    errors.add("_form", "error-call-approve-incomplete");
                }
                errors.into_result(comment)
            },
            async |comment| {
                if stale {
                    return Err(Refusal::Conflict("error-call-changed"));
                }
                let mail = decision_mail(&state, &ctx, &call, &sub, decision, &comment).await?;
                let step = super::Decision {
                    submission: sid,
                    experience: sub.experience_id,
                    by: reviewer.id,
                    decision,
                    from: &sub.state,
                    state: new_state,
                    comment: &comment,
                };
                if !super::decide(&state.db, &step, Some(&mail)).await? {
                    return Err(Refusal::Conflict("error-call-changed"));
                }
                Ok(())
            },
        )
        .await?;
    match checked {
        Driven::Saved(()) => {}
        Driven::Again(filled) => return submission_page(&state, ctx, call, sid, filled).await,
    }
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
    let sub = submission_to(&state, &call, sid).await?;
    let sheet = sheet_of(&state, &sub).await?;
    if !experiences::can_edit(Some(&user), &sheet) {
        return Err(AppError::Forbidden);
    }
    form.require_csrf()?;
    let nothing = async |ctx, call| {
        let mut errors = FieldErrors::new();
        errors.add("_form", "error-call-nothing-to-resubmit");
        let filled = Filled::invalid(DecisionForm::default(), errors);
        submission_page(&state, ctx, call, sid, filled).await
    };
    if sub.state != "changes_requested" {
        return nothing(ctx, call).await;
    }
    let step = super::Decision {
        submission: sid,
        experience: sheet.id,
        by: user.id,
        decision: "resubmitted",
        from: "changes_requested",
        state: "submitted",
        comment: "",
    };
    if !super::decide(&state.db, &step, None).await? {
        return nothing(ctx, call).await;
    }
    Ok(see_other(&format!(
        "/convocatorias/{}/postulaciones/{sid}",
        call.id
    )))
}

/// The e-mail that tells the sheet's owner about a decision, in their language.
async fn decision_mail(
    state: &AppState,
    ctx: &Ctx,
    call: &Call,
    sub: &super::SubmissionView,
    decision: &str,
    comment: &str,
) -> anyhow::Result<crate::mail::Mail> {
    // tell the owner, in their language (queued with the decision, in one transaction)
    let owner = crate::accounts::find_by_email(&state.db, &sub.owner_email).await?;
    let lang = owner
        .as_ref()
        .and_then(|u| crate::i18n::Lang::parse(&u.lang))
        .unwrap_or(ctx.lang);
    let link = format!(
        "{}/convocatorias/{}/postulaciones/{}",
        state.settings.base_url, call.id, sub.id
    );
    let (subject, body_key) = if decision == "approve" {
        ("mail-review-approved-subject", "mail-review-approved-body")
    } else {
        ("mail-review-changes-subject", "mail-review-changes-body")
    };
    Ok(crate::mail::Mail {
        to: sub.owner_email.clone(),
        subject: lang.t(subject),
        body: lang.t_args(
            body_key,
            &[
                ("title", sub.title.clone()),
                ("call", call.title.clone()),
                ("comment", comment.to_string()),
                ("link", link),
            ],
        ),
    })
}
