//! Connection pages: people (`/personas`, `/cuenta/perfil`), a sheet's offers and needs
//! (`/experiencias/{id}/intercambio`), exchange requests (`/experiencias/{id}/solicitar`,
//! `/intercambios`) and conversations (`/mensajes`). Loaders here apply the rules of
//! `super`: a request or a conversation that is not the reader's is a 404.

use super::conversations::{self, Conversation, Member};
use super::requests::{self, Request};
use crate::experiences::Experience;
use crate::state::AppState;
use crate::web::{AppError, AppResult, Ctx};
use axum::Router;
use axum::routing::{get, post};

mod exchanges;
mod messages;
mod offers;
mod people;

mod suggestions;

pub use offers::{MatchView, propose_url, sheet_matches};
pub use suggestions::{SuggestionGroup, for_account};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/personas", get(people::directory))
        .route("/personas/{id}", get(people::profile))
        .route("/cuenta/perfil", get(people::edit_form).post(people::save))
        .route(
            "/cuenta/sugerencias/descartar",
            post(offers::dismiss_suggestion),
        )
        .route(
            "/experiencias/{id}/intercambio",
            get(offers::page).post(offers::add),
        )
        .route(
            "/experiencias/{id}/intercambio/{offer}/quitar",
            post(offers::remove),
        )
        .route(
            "/experiencias/{id}/cooperacion",
            post(offers::set_cooperation),
        )
        .route(
            "/experiencias/{id}/solicitar",
            get(exchanges::ask_form).post(exchanges::ask),
        )
        .route("/intercambios", get(exchanges::list))
        .route("/intercambios/denuncias", get(exchanges::reports))
        .route(
            "/intercambios/denuncias/{id}/atendida",
            post(exchanges::handle_report),
        )
        .route("/intercambios/{id}", get(exchanges::show))
        .route("/intercambios/{id}/responder", post(exchanges::answer))
        .route("/intercambios/{id}/resolver", post(exchanges::settle))
        .route("/intercambios/{id}/bloquear", post(exchanges::block))
        .route("/intercambios/{id}/denunciar", post(exchanges::report))
        .route("/mensajes", get(messages::list))
        .route("/mensajes/{id}", get(messages::show).post(messages::send))
        .route("/mensajes/{id}/eventos", get(messages::events))
        .route(
            "/mensajes/{id}/archivos/{message}/{name}",
            get(messages::download),
        )
        .route("/mensajes/{id}/salir", post(messages::leave))
        .route("/mensajes/{id}/bloquear", post(messages::block))
        .route("/mensajes/{id}/personas", post(messages::add_member))
}

/// `?aviso=` codes of these pages and their messages.
const NOTICES: &[(&str, &str)] = &[
    ("perfil", "notice-public-profile-saved"),
    ("agregado", "notice-offer-added"),
    ("quitado", "notice-offer-removed"),
    ("cooperacion", "notice-cooperation-saved"),
    ("enviada", "notice-request-sent"),
    ("respondida", "notice-request-answered"),
    ("aceptada", "notice-request-accepted"),
    ("retirada", "notice-request-withdrawn"),
    ("bloqueado", "notice-request-blocked"),
    ("denunciada", "notice-request-reported"),
    ("atendida", "notice-report-handled"),
    ("descartada", "notice-suggestion-dismissed"),
    ("persona", "notice-member-added"),
    ("cerrada", "notice-conversation-closed"),
    ("salio", "notice-conversation-left"),
];

/// A sheet by id (404 when missing).
async fn sheet(state: &AppState, id: i64) -> AppResult<Experience> {
    crate::experiences::load(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A request with both sheets and both sides; 404 unless the reader is one of its people.
struct Party {
    request: Request,
    from: Option<Experience>,
    to: Experience,
    asking: Vec<i64>,
    receiving: Vec<i64>,
}

impl Party {
    fn receives(&self, user: i64) -> bool {
        self.receiving.contains(&user)
    }
    fn between(&self) -> requests::Between<'_> {
        requests::Between {
            request: &self.request,
            from: self.from.as_ref(),
            to: &self.to,
        }
    }
}

async fn party(state: &AppState, ctx: &Ctx, id: i64) -> AppResult<Party> {
    let user = ctx.require_user()?;
    let request = requests::load(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let to = sheet(state, request.to_experience).await?;
    let from = match request.from_experience {
        Some(f) => crate::experiences::load(&state.db, f).await?,
        None => None,
    };
    let (asking, receiving) = requests::sides(&request, from.as_ref(), &to);
    if !asking.contains(&user.id) && !receiving.contains(&user.id) {
        return Err(AppError::NotFound);
    }
    Ok(Party {
        request,
        from,
        to,
        asking,
        receiving,
    })
}

/// A conversation the reader is an active member of (404 for anyone else, and for a member
/// who left), with its members and the reader's own membership.
async fn membership(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
) -> AppResult<(Conversation, Vec<Member>, Member)> {
    let user = ctx.require_user()?;
    let c = conversations::load(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let members = conversations::members(&state.db, id).await?;
    let me = conversations::active(&members, user)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok((c, members, me))
}

/// Why a need meets an offer, said to the reader.
pub(super) fn match_reason(
    ctx: &Ctx,
    taxonomy: &crate::taxonomy::Taxonomy,
    reason: &super::offers::MatchReason,
) -> String {
    match reason {
        super::offers::MatchReason::Theme(t) => ctx.t_with(
            "match-reason-theme",
            "theme",
            taxonomy.term_name("theme", t, ctx.lang),
        ),
        super::offers::MatchReason::Words(w) => {
            ctx.t_with("match-reason-words", "words", w.join(", "))
        }
    }
}
