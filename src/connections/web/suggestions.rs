//! The top suggested pairings for each of my published sheets, explained, for `/cuenta`:
//! complementary sheets (its problems meet their keys, or the other way round) and matched
//! offers and needs, without the ones I dismissed. Each has "Proponer un intercambio"
//! (pre-filled with the reason) and "No me interesa".

use super::super::offers;
use super::super::suggestions;
use super::propose_url;
use crate::state::AppState;
use crate::web::{AppResult, Ctx};
use std::collections::HashSet;

/// Sheets of mine considered, and suggestions shown for each.
const SHEETS: usize = 5;
const PER_SHEET: usize = 3;

pub struct Suggestion {
    pub suggested: i64,
    pub title: String,
    pub url: String,
    pub reason: String,
    pub propose: String,
}

pub struct SuggestionGroup {
    pub sheet: i64,
    pub title: String,
    pub items: Vec<Suggestion>,
}

pub async fn for_account(state: &AppState, ctx: &Ctx) -> AppResult<Vec<SuggestionGroup>> {
    let Some(user) = &ctx.user else {
        return Ok(vec![]);
    };
    let dismissed = suggestions::dismissed(&state.db, user.id).await?;
    let editable = crate::experiences::list_for_editor(&state.db, user.id).await?;
    // the sheets they edit are never suggested to them: they cannot ask their own team
    let own: HashSet<i64> = editable.iter().map(|s| s.id).collect();
    let mine: Vec<i64> = editable
        .into_iter()
        .filter(|s| s.state == "published")
        .take(SHEETS)
        .map(|s| s.id)
        .collect();
    let taxonomy = state.taxonomy().await?;
    let mut groups = Vec::new();
    for e in crate::experiences::load_many(&state.db, &mine).await? {
        // (suggested sheet, reason), the strongest first
        let mut found: Vec<(i64, String)> = Vec::new();
        for m in offers::matches(&state.db, e.id, PER_SHEET).await? {
            let why = super::match_reason(ctx, &taxonomy, &m.reason);
            found.push((
                m.theirs.experience_id,
                format!("{why}: «{}»", m.theirs.body),
            ));
        }
        let (_, learn, share) = state.catalogue.linked(&e, PER_SHEET)?;
        found.extend(
            learn
                .into_iter()
                .map(|id| (id, ctx.t("complementary-learn"))),
        );
        found.extend(
            share
                .into_iter()
                .map(|id| (id, ctx.t("complementary-share"))),
        );
        let mut seen = HashSet::new();
        found.retain(|(id, _)| {
            !own.contains(id) && !dismissed.contains(&(e.id, *id)) && seen.insert(*id)
        });
        found.truncate(PER_SHEET);
        let ids: Vec<i64> = found.iter().map(|(id, _)| *id).collect();
        let cards = crate::experiences::cards(&state.db, &ids).await?;
        let items = found
            .into_iter()
            .filter_map(|(id, reason)| {
                let card = cards.iter().find(|c| c.id == id)?;
                Some(Suggestion {
                    suggested: id,
                    url: crate::experiences::sheet_url(id, &card.title),
                    title: card.title.clone(),
                    propose: propose_url(id, Some(e.id), &reason),
                    reason,
                })
            })
            .collect();
        groups.push(SuggestionGroup {
            sheet: e.id,
            title: e.content.title.clone(),
            items,
        });
    }
    Ok(groups)
}
