//! Connections: people and experiences find each other, ask for an exchange, and talk.
//!
//! - `profiles`: public profiles at `/personas/{id}` (name and country always; everything
//!   else opt-in) and the `/personas` directory of people who chose to be listed.
//! - `offers`: "qué podemos compartir / qué buscamos aprender" on each sheet, the sheet's
//!   cooperation wishes, and the matching of a need with an offer (with its reason).
//! - `requests`: exchange requests from a person to a sheet's team: ask, accept, decline,
//!   propose something else, withdraw, block, report. Contact details are shown only to the
//!   parties of an accepted request.
//! - `conversations`: the private conversation an accepted request opens (`/mensajes`).
//!
//! The rules (who may ask, answer, read, write) are the pure functions below; operations and
//! pages both call them. Owns tables `profiles`, `sheet_offers`, `sheet_cooperation`,
//! `exchange_requests`, `exchange_blocks`, `exchange_reports`, `conversations`,
//! `conversation_members`, `messages`, `suggestion_dismissals`.

pub mod conversations;
pub mod offers;
pub mod profiles;
pub mod requests;
pub mod suggestions;
pub mod web;

use crate::accounts::{Role, User};
use crate::experiences::Experience;
use crate::refusal::Refusal;

crate::text_enum! {
    /// An item a sheet offers to share, or one it seeks to learn.
    pub enum Direction {
        Offer = "offer",
        Need = "need",
    }
}

crate::text_enum! {
    /// How two teams would like to exchange.
    pub enum Way {
        Conversation = "conversation",
        Video = "video",
        Visit = "visit",
        Documents = "documents",
    }
}

crate::text_enum! {
    /// Where an exchange request stands.
    pub enum RequestState {
        /// Waiting for the receiving team.
        Pending = "pending",
        /// The receiving team proposed something else; the asker may accept it.
        Proposed = "proposed",
        Accepted = "accepted",
        Declined = "declined",
        Withdrawn = "withdrawn",
    }
}

crate::text_enum! {
    /// The cooperation a sheet seeks.
    pub enum Cooperation {
        Technical = "technical",
        Financial = "financial",
        SouthSouth = "south_south",
    }
}

crate::text_enum! {
    /// Languages a person can hold an exchange in: the region's official languages and the
    /// most spoken native ones.
    pub enum Language {
        Spanish = "es",
        Portuguese = "pt",
        English = "en",
        French = "fr",
        Quechua = "qu",
        Aymara = "ay",
        Guarani = "gn",
        Creole = "ht",
        Dutch = "nl",
    }
}

/// Codes stored as one text, each between commas (",es,qu,"), so `LIKE '%,es,%'` finds one.
pub fn join_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    let list: Vec<&str> = codes.into_iter().collect();
    if list.is_empty() {
        String::new()
    } else {
        format!(",{},", list.join(","))
    }
}

/// The codes of a text written by `join_codes` that `parse` knows, in order, without repeats.
pub fn split_codes<T: Copy + PartialEq>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    let mut out = Vec::new();
    for v in text.split(',').filter_map(parse) {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

// ---- rules: one function each ----

/// The sheet's own team: its owner and co-editors (not admins acting as editors).
pub fn in_team(user: &User, e: &Experience) -> bool {
    user.id == e.owner_id || e.coeditor_ids.contains(&user.id)
}

/// Whether two sheets' teams share a person (an exchange between them would have that person
/// on both sides: nobody could answer it).
pub fn teams_overlap(a: &Experience, b: &Experience) -> bool {
    let theirs = requests::team(b);
    requests::team(a).iter().any(|id| theirs.contains(id))
}

/// May `asker` ask `target`'s team for an exchange? `blocked`: the team blocked them;
/// `open`: they already have a request waiting with this sheet.
pub fn may_ask(
    asker: &User,
    target: &Experience,
    blocked: bool,
    open: bool,
) -> Result<(), Refusal> {
    if !target.is_published() {
        return Err(Refusal::Invalid("exchange-error-not-published"));
    }
    if in_team(asker, target) {
        return Err(Refusal::Invalid("exchange-error-own-sheet"));
    }
    if blocked {
        return Err(Refusal::Forbidden("exchange-error-blocked"));
    }
    if open {
        return Err(Refusal::Conflict("exchange-error-open"));
    }
    Ok(())
}

/// May `user` accept, decline, or propose something else? Only the receiving team, and only
/// while the request waits for them.
pub fn may_answer(user: &User, target: &Experience, state: RequestState) -> Result<(), Refusal> {
    if !in_team(user, target) {
        return Err(Refusal::Forbidden("error-forbidden"));
    }
    match state {
        RequestState::Pending => Ok(()),
        RequestState::Withdrawn => Err(Refusal::Conflict("exchange-error-withdrawn")),
        _ => Err(Refusal::Conflict("exchange-error-answered")),
    }
}

/// May `user` (the asker) accept a proposal or withdraw? Only while it is still open.
pub fn may_settle(
    user: &User,
    asker: i64,
    state: RequestState,
    accept: bool,
) -> Result<(), Refusal> {
    if user.id != asker {
        return Err(Refusal::Forbidden("error-forbidden"));
    }
    match (state, accept) {
        (RequestState::Proposed, _) | (RequestState::Pending, false) => Ok(()),
        (RequestState::Pending, true) => Err(Refusal::Invalid("exchange-error-not-proposed")),
        (RequestState::Withdrawn, _) => Err(Refusal::Conflict("exchange-error-withdrawn")),
        _ => Err(Refusal::Conflict("exchange-error-answered")),
    }
}

/// Facilitators and admins read abuse reports.
pub fn reads_reports(user: &User) -> bool {
    matches!(user.role, Role::Facilitator | Role::Admin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn codes_round_trip_and_never_repeat(text in "[a-z,]{0,40}") {
            let langs = split_codes(&text, Language::parse);
            let joined = join_codes(langs.iter().map(|l| l.code()));
            prop_assert_eq!(split_codes(&joined, Language::parse), langs.clone());
            let mut dedup = langs.clone();
            dedup.dedup();
            prop_assert_eq!(dedup.len(), langs.len());
        }
    }
}
