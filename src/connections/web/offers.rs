//! A sheet's offers and needs and the cooperation it seeks (`/experiencias/{id}/intercambio`,
//! its team only), the matches and suggestions shown on the sheet page, and "no me interesa".

use super::super::offers::{self, Match, Offer, OfferForm};
use super::super::{Cooperation, Direction};
use super::NOTICES;
use crate::experiences::web::load_editable;
use crate::experiences::{Experience, Section};
use crate::state::AppState;
use crate::taxonomy::Taxonomy;
use crate::web::Path;
use crate::web::form::{Driven, Filled, Params};
use crate::web::page::NoticeQuery;
use crate::web::{AppError, AppResult, Ctx, FieldErrors, Submitted, render_status};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "connections/offers.html")]
struct OffersPage {
    ctx: Ctx,
    e: Experience,
    items: Vec<Offer>,
    cooperation: Vec<Cooperation>,
    form: OfferForm,
    errors: FieldErrors,
    notice: Option<String>,
    taxonomy: Taxonomy,
}

impl OffersPage {
    fn directions(&self) -> &'static [Direction] {
        Direction::ALL
    }
    fn sections(&self) -> &'static [Section] {
        Section::ALL
    }
    fn kinds(&self) -> &'static [Cooperation] {
        Cooperation::ALL
    }
    fn seeks(&self, c: &Cooperation) -> bool {
        self.cooperation.contains(c)
    }
    fn of(&self, d: &Direction) -> Vec<&Offer> {
        self.items.iter().filter(|o| o.direction == *d).collect()
    }
}

async fn offers_page(
    state: &AppState,
    ctx: Ctx,
    e: Experience,
    filled: Filled<OfferForm>,
    notice: Option<String>,
) -> AppResult<Response> {
    let (form, errors, status) = filled.into_parts();
    render_status(
        status,
        OffersPage {
            items: offers::list(&state.db, e.id).await?,
            cooperation: offers::cooperation(&state.db, e.id).await?,
            taxonomy: state.taxonomy().await?,
            ctx,
            e,
            form,
            errors,
            notice,
        },
    )
}

pub(super) async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Params(q): Params<NoticeQuery>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    let notice = ctx.notice(q.aviso.as_deref(), NOTICES);
    let form = OfferForm {
        direction: Direction::Offer.code().into(),
        ..Default::default()
    };
    offers_page(&state, ctx, e, Filled::new(form), notice).await
}

pub(super) async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Submitted<OfferForm>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    let themes: Vec<String> = state
        .taxonomy()
        .await?
        .vocabulary("theme")
        .iter()
        .map(|t| t.code.clone())
        .collect();
    let (db, now, sheet) = (state.db.clone(), ctx.now, e.id);
    let back = format!("/experiencias/{}/intercambio", e.id);
    match form
        .drive_once(
            &state.db,
            &back,
            |f| f.parse(&themes),
            async |d| offers::add(&db, sheet, &d, now).await,
            |_| crate::web::page::with_notice(&back, "agregado"),
        )
        .await?
    {
        Driven::Saved(url) => Ok(crate::web::see_other(&url)),
        Driven::Again(filled) => offers_page(&state, ctx, e, filled, None).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CsrfOnly {
    csrf: String,
}

pub(super) async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, offer)): Path<(String, i64)>,
    form: Submitted<CsrfOnly>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    let _ = &form.data.csrf;
    form.require_csrf()?;
    if !offers::remove(&state.db, e.id, offer).await? {
        return Err(AppError::NotFound);
    }
    Ok(crate::web::page::see_other_with_notice(
        &format!("/experiencias/{}/intercambio", e.id),
        "quitado",
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CooperationForm {
    kinds: Vec<String>,
}

pub(super) async fn set_cooperation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Submitted<CooperationForm>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    form.require_csrf()?;
    // the boxes send known codes only: anything else is a forged form
    let mut kinds: Vec<Cooperation> = form
        .data
        .kinds
        .iter()
        .map(|k| Cooperation::parse(k))
        .collect::<Option<_>>()
        .ok_or(AppError::BadRequest)?;
    kinds.sort_by_key(|k| k.code());
    kinds.dedup();
    offers::set_cooperation(&state.db, e.id, &kinds).await?;
    Ok(crate::web::page::see_other_with_notice(
        &format!("/experiencias/{}/intercambio", e.id),
        "cooperacion",
    ))
}

/// A match as the sheet page shows it: the other sheet, both items, the reason in words, and
/// the pre-filled request link.
pub struct MatchView {
    pub title: String,
    pub url: String,
    pub mine: String,
    pub theirs: String,
    pub they_offer: bool,
    pub reason: String,
    pub propose: String,
}

/// The link that opens a pre-filled request to `target`, naming `mine` and the reason.
pub fn propose_url(target: i64, mine: Option<i64>, reason: &str) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    if let Some(m) = mine {
        s.append_pair("desde", &m.to_string());
    }
    let short: String = reason.chars().take(300).collect();
    s.append_pair("motivo", &short);
    format!("/experiencias/{target}/solicitar?{}", s.finish())
}

/// The sheet's offers and needs with what answers them elsewhere, for its page.
pub async fn sheet_matches(
    state: &AppState,
    ctx: &Ctx,
    e: &Experience,
    taxonomy: &Taxonomy,
) -> AppResult<(Vec<Offer>, Vec<Cooperation>, Vec<MatchView>)> {
    let items = offers::list(&state.db, e.id).await?;
    let cooperation = offers::cooperation(&state.db, e.id).await?;
    let found: Vec<Match> = offers::matches(&state.db, e.id, 6).await?;
    let ids: Vec<i64> = found.iter().map(|m| m.theirs.experience_id).collect();
    let cards = crate::experiences::cards(&state.db, &ids).await?;
    let is_team = ctx
        .user
        .as_ref()
        .is_some_and(|u| super::super::in_team(u, e));
    let views = found
        .into_iter()
        .filter_map(|m| {
            let card = cards.iter().find(|c| c.id == m.theirs.experience_id)?;
            let why = super::match_reason(ctx, taxonomy, &m.reason);
            let they_offer = m.theirs.direction == Direction::Offer;
            // the team proposes from its own sheet; a visitor asks the sheet they look at
            let propose = if is_team {
                propose_url(card.id, Some(e.id), &format!("{why}: {}", m.theirs.body))
            } else {
                propose_url(e.id, None, &format!("{why}: {}", m.mine.body))
            };
            Some(MatchView {
                title: card.title.clone(),
                url: crate::experiences::sheet_url(card.id, &card.title),
                mine: m.mine.body.clone(),
                theirs: m.theirs.body.clone(),
                they_offer,
                reason: why,
                propose,
            })
        })
        .collect();
    Ok((items, cooperation, views))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct DismissForm {
    sheet: i64,
    suggested: i64,
    volver: String,
}

/// "No me interesa": a suggestion for one of my sheets is not shown to me again.
pub(super) async fn dismiss_suggestion(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<DismissForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    form.require_csrf()?;
    let e = super::sheet(&state, form.data.sheet).await?;
    if !super::super::in_team(&user, &e) {
        return Err(AppError::Forbidden);
    }
    super::sheet(&state, form.data.suggested).await?;
    super::super::suggestions::dismiss(&state.db, user.id, e.id, form.data.suggested, ctx.now)
        .await?;
    let back = crate::web::safe_return_path(Some(&form.data.volver));
    Ok(crate::web::page::see_other_with_notice(&back, "descartada"))
}
