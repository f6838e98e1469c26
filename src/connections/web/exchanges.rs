//! Exchange requests: the form (`/experiencias/{id}/solicitar`, pre-filled from a suggestion),
//! the lists (`/intercambios`), one request (`/intercambios/{id}`, its people only) with the
//! team's answer, the asker's settlement, blocking, abuse reports and the facilitators' list.

use super::super::requests::{self, Answer, Ask, Report, Request, RequestForm};
use super::super::{RequestState, Way};
use super::{NOTICES, Party, party};
use crate::experiences::Summary;
use crate::experiences::web::load_visible;
use crate::refusal::Refusal;
use crate::state::AppState;
use crate::web::Path;
use crate::web::form::{Driven, Filled, Params, pick};
use crate::web::page::NoticeQuery;
use crate::web::{AppError, AppResult, Ctx, FieldErrors, Submitted, render, render_status};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "connections/ask.html")]
struct AskPage {
    ctx: Ctx,
    target_id: i64,
    target_title: String,
    target_url: String,
    mine: Vec<Summary>,
    form: RequestForm,
    errors: FieldErrors,
    /// Why this person cannot ask (instead of the form).
    refusal: Option<String>,
    /// Their request already waiting with this team.
    waiting: Option<i64>,
}

impl AskPage {
    fn ways(&self) -> &'static [Way] {
        Way::ALL
    }
    fn picked(&self, id: &i64) -> bool {
        self.form.desde == id.to_string()
    }
}

async fn ask_page(
    state: &AppState,
    ctx: Ctx,
    raw_id: &str,
    filled: Filled<RequestForm>,
) -> AppResult<Response> {
    let (form, errors, status) = filled.into_parts();
    let user = ctx.require_user()?.clone();
    let e = load_visible(state, &ctx, raw_id).await?;
    let (open, blocked) = requests::standing(&state.db, user.id, e.id).await?;
    let refusal = super::super::may_ask(&user, &e, blocked, open.is_some())
        .err()
        .and_then(|r| r.key())
        .map(|k| ctx.t(k));
    let mine = published_of(state, user.id).await?;
    render_status(
        if refusal.is_some() && status == StatusCode::OK {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            status
        },
        AskPage {
            target_id: e.id,
            target_title: e.content.title.clone(),
            target_url: e.url(),
            mine,
            form,
            errors,
            refusal,
            waiting: open,
            ctx,
        },
    )
}

/// The sheets a person may ask from: published ones of their team (the other team can open
/// them).
async fn published_of(state: &AppState, user: i64) -> AppResult<Vec<Summary>> {
    Ok(crate::experiences::list_for_editor(&state.db, user)
        .await?
        .into_iter()
        .filter(|s| s.state == crate::experiences::State::Published.code())
        .collect())
}

pub(super) async fn ask_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Params(mut q): Params<RequestForm>,
) -> AppResult<Response> {
    if q.ways.is_empty() {
        q.ways = vec![Way::Conversation.code().to_string()];
    }
    q.motivo = q.motivo.chars().take(300).collect();
    ask_page(&state, ctx, &id, Filled::new(q)).await
}

pub(super) async fn ask(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Submitted<RequestForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let e = load_visible(&state, &ctx, &id).await?;
    let mine: Vec<i64> = published_of(&state, user.id)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let (db, now) = (state.db.clone(), ctx.now);
    let target = e.clone();
    let save = async |a: Ask| -> Result<i64, Refusal> {
        let bucket = format!("exchange:{}", user.id);
        if !crate::web::rate_limit::hit(&db, &bucket, requests::PER_DAY, 86_400).await? {
            return Err(Refusal::Limited("exchange-error-too-many"));
        }
        requests::ask(&db, now, &user, &target, &a).await
    };
    match form
        .drive_once(
            &state.db,
            "/intercambios",
            |f| f.parse(&mine),
            save,
            |id| crate::web::page::with_notice(&format!("/intercambios/{id}"), "enviada"),
        )
        .await?
    {
        Driven::Saved(url) => Ok(crate::web::see_other(&url)),
        Driven::Again(filled) => ask_page(&state, ctx, &id, filled).await,
    }
}

#[derive(Template)]
#[template(path = "connections/requests.html")]
struct ListPage {
    ctx: Ctx,
    incoming: Vec<Request>,
    outgoing: Vec<Request>,
    reads_reports: bool,
}

pub(super) async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    render(ListPage {
        incoming: requests::incoming(&state.db, user.id).await?,
        outgoing: requests::outgoing(&state.db, user.id).await?,
        reads_reports: super::super::reads_reports(&user),
        ctx,
    })
}

/// (name, how to reach them) of one person.
type Contact = (String, String);

#[derive(Template)]
#[template(path = "connections/request.html")]
struct ShowPage {
    ctx: Ctx,
    r: Request,
    to_url: String,
    from_url: Option<String>,
    /// The reader is in the receiving team (they answer).
    receives: bool,
    /// The reader asked (they settle a proposal or withdraw).
    asked: bool,
    /// The other side's contact details: only once the request is accepted.
    contacts: Vec<Contact>,
    /// The reader is (still) in the request's conversation.
    in_conversation: bool,
    form: AnswerForm,
    errors: FieldErrors,
    notice: Option<String>,
}

impl ShowPage {
    fn state_key(&self) -> String {
        format!("exchange-state-{}", self.r.state.code())
    }
    fn is_pending(&self) -> bool {
        self.r.state == RequestState::Pending
    }
    fn is_proposed(&self) -> bool {
        self.r.state == RequestState::Proposed
    }
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub(super) struct AnswerForm {
    decision: String,
    answer: String,
    /// The report form's reason (the page's other form).
    reason: String,
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    p: Party,
    filled: Filled<AnswerForm>,
    notice: Option<String>,
) -> AppResult<Response> {
    let (form, errors, status) = filled.into_parts();
    let me = ctx.require_user()?.id;
    let receives = p.receives(me);
    let mut contacts = vec![];
    if p.request.state == RequestState::Accepted {
        let others = if receives { &p.asking } else { &p.receiving };
        for id in others {
            if let Some(c) = super::super::profiles::contact_of(&state.db, *id).await? {
                contacts.push(c);
            }
        }
    }
    let in_conversation = match p.request.conversation_id {
        Some(c) => super::super::conversations::members(&state.db, c)
            .await?
            .iter()
            .any(|m| m.user_id == me && m.left_at.is_none()),
        None => false,
    };
    render_status(
        status,
        ShowPage {
            in_conversation,
            to_url: p.to.url(),
            from_url: p.from.as_ref().map(|f| f.url()),
            receives,
            asked: p.request.from_user == me,
            contacts,
            r: p.request,
            form,
            errors,
            notice,
            ctx,
        },
    )
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Params(q): Params<NoticeQuery>,
) -> AppResult<Response> {
    let p = party(&state, &ctx, id).await?;
    let notice = ctx.notice(q.aviso.as_deref(), NOTICES);
    show_page(&state, ctx, p, Filled::new(AnswerForm::default()), notice).await
}

pub(super) async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<AnswerForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let p = party(&state, &ctx, id).await?;
    if !p.receives(user.id) {
        return Err(AppError::Forbidden);
    }
    let (db, now) = (state.db.clone(), ctx.now);
    let parse = |f: &AnswerForm| {
        let mut errors = FieldErrors::new();
        let decision = Answer::parse(&f.decision);
        if decision.is_none() {
            errors.add("decision", "error-choice-unknown");
        }
        let text =
            crate::web::form::bounded(&mut errors, "answer", &f.answer, requests::ANSWER_MAX);
        match decision {
            Some(d) if errors.is_empty() => Ok((d, text)),
            _ => Err(errors),
        }
    };
    let between = p.between();
    let save = async |(d, text): (Answer, String)| {
        requests::answer(&db, now, &user, between, d, &text).await?;
        Ok(d)
    };
    match form.drive(parse, save).await? {
        Driven::Saved(d) => Ok(crate::web::page::see_other_with_notice(
            &format!("/intercambios/{id}"),
            if d == Answer::Accept {
                "aceptada"
            } else {
                "respondida"
            },
        )),
        // shown as it stands now (another answer may have come first), with the text kept
        Driven::Again(filled) => {
            let p = party(&state, &ctx, id).await?;
            show_page(&state, ctx, p, filled, None).await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct SettleForm {
    accion: String,
}

pub(super) async fn settle(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<SettleForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let p = party(&state, &ctx, id).await?;
    let accept = pick(&form.data.accion, &[("aceptar", true), ("retirar", false)])?;
    form.require_csrf()?;
    let result = requests::settle(&state.db, ctx.now, &user, p.between(), accept).await;
    refused_or(result, id, if accept { "aceptada" } else { "retirada" })
}

/// After a one-button action: back to the request with a notice, or the refusal's page.
fn refused_or(result: Result<(), Refusal>, id: i64, notice: &str) -> AppResult<Response> {
    crate::web::page::after(result, &format!("/intercambios/{id}"), notice)
}

pub(super) async fn block(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<SettleForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let p = party(&state, &ctx, id).await?;
    form.require_csrf()?;
    let result = requests::block(&state.db, ctx.now, &user, &p.request, &p.to).await;
    refused_or(result, id, "bloqueado")
}

pub(super) async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<AnswerForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let p = party(&state, &ctx, id).await?;
    let back = format!("/intercambios/{id}");
    // a report sent twice (a double click, a reload) is one report
    let sent = form
        .drive_once(
            &state.db,
            &back,
            |f| {
                let mut errors = FieldErrors::new();
                let reason = crate::web::form::bounded(
                    &mut errors,
                    "reason",
                    &f.reason,
                    requests::REPORT_MAX,
                );
                errors.into_result(reason)
            },
            async |reason| requests::report(&state.db, ctx.now, &user, &p.request, &reason).await,
            |_| crate::web::page::with_notice(&back, "denunciada"),
        )
        .await?;
    match sent {
        Driven::Saved(url) => Ok(crate::web::see_other(&url)),
        Driven::Again(filled) => show_page(&state, ctx, p, filled, None).await,
    }
}

#[derive(Template)]
#[template(path = "connections/reports.html")]
struct ReportsPage {
    ctx: Ctx,
    reports: Vec<Report>,
    notice: Option<String>,
}

impl ReportsPage {
    fn when(&self, t: &i64) -> String {
        crate::clock::utc(*t)
    }
}

fn require_reader(ctx: &Ctx) -> AppResult<()> {
    if super::super::reads_reports(ctx.require_user()?) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(super) async fn reports(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(q): Params<NoticeQuery>,
) -> AppResult<Response> {
    require_reader(&ctx)?;
    render(ReportsPage {
        reports: requests::reports(&state.db).await?,
        notice: ctx.notice(q.aviso.as_deref(), NOTICES),
        ctx,
    })
}

pub(super) async fn handle_report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<SettleForm>,
) -> AppResult<Response> {
    require_reader(&ctx)?;
    form.require_csrf()?;
    let user = ctx.require_user()?.clone();
    if !requests::handle_report(&state.db, ctx.now, &user, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(crate::web::page::see_other_with_notice(
        "/intercambios/denuncias",
        "atendida",
    ))
}
