//! Experience sheets (fichas): the structured record of a local development experience, its
//! revisions (every save is one, with history and diff), co-editors and attachments.
//! Owns tables `experiences`, `experience_terms`, `revisions`, `coeditors`, `invitations`,
//! `attachments`. Permission rules live here, one function each; handlers call them.

mod content;
pub mod diff;
mod form;
pub mod guidance;
pub mod sections;
mod store;
pub mod transfer;
pub mod views;
pub mod web;

use crate::accounts::{Role, User};
use crate::db::Db;

pub use content::{ExperienceContent, diff_fields};
pub use form::ExperienceForm;
pub use sections::{Narrative, SearchGroup, Section};
pub use store::{
    Attachment, CardRow, ExperienceRow, MapPoint, Revision, Summary, published_points,
};

crate::text_enum! {
    /// Where a sheet stands: only published sheets are public.
    pub enum State {
        Draft = "draft",
        Published = "published",
        Archived = "archived",
    }
}

/// A sheet as loaded for reading or editing.
#[derive(Debug, Clone)]
pub struct Experience {
    pub id: i64,
    pub owner_id: i64,
    pub owner_name: String,
    pub state: State,
    pub version: i64,
    pub content: ExperienceContent,
    pub created_at: i64,
    pub updated_at: i64,
    pub coeditor_ids: Vec<i64>,
}

impl Experience {
    /// `/experiencias/12-turismo-comunitario-en-sajama`
    pub fn is_published(&self) -> bool {
        self.state == State::Published
    }
    pub fn url(&self) -> String {
        sheet_url(self.id, &self.content.title)
    }
}

/// A sheet's address: its id and its title's slug (`/experiencias/12-turismo-en-sajama`).
/// An address with an older title's slug is sent here for good (`show`).
pub fn sheet_url(id: i64, title: &str) -> String {
    format!("/experiencias/{id}-{}", slug(title))
}

/// A URL slug of a title: lowercase ASCII words joined by hyphens.
pub fn slug(title: &str) -> String {
    let folded = crate::web::fold_for_sort(title);
    let mut out = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

// ---- permissions: one function per rule ----

pub fn is_editor(user: Option<&User>, e: &Experience) -> bool {
    user.is_some_and(|u| {
        u.id == e.owner_id || e.coeditor_ids.contains(&u.id) || u.role == Role::Admin
    })
}

pub fn can_view(user: Option<&User>, e: &Experience) -> bool {
    e.state != State::Draft || is_editor(user, e)
}

pub fn can_edit(user: Option<&User>, e: &Experience) -> bool {
    is_editor(user, e)
}

/// An invitation to co-edit is for the address it was sent to: only the account with that
/// e-mail may accept it (a forwarded link is not enough).
pub fn may_accept_invitation(user: &User, invited: &str) -> bool {
    user.email.trim().eq_ignore_ascii_case(invited.trim())
}

pub fn can_manage_coeditors(user: Option<&User>, e: &Experience) -> bool {
    user.is_some_and(|u| u.id == e.owner_id || u.role == Role::Admin)
}

/// Publishing needs an editor whose e-mail is confirmed (a brake on throwaway spam accounts).
pub fn can_publish(user: Option<&User>, e: &Experience) -> bool {
    is_editor(user, e) && user.is_some_and(|u| u.email_confirmed())
}

// ---- operations ----

#[derive(Debug)]
pub enum SaveError {
    /// Someone saved a newer version since the editor loaded the form.
    Conflict {
        current: Box<Experience>,
    },
    Other(anyhow::Error),
}

impl From<anyhow::Error> for SaveError {
    fn from(e: anyhow::Error) -> Self {
        SaveError::Other(e)
    }
}

pub async fn create(db: &Db, author: &User, content: &ExperienceContent) -> anyhow::Result<i64> {
    store::insert(db, author.id, content, None).await
}

/// Saves a new revision if `base_version` is still the current one.
pub async fn update(
    db: &Db,
    author: &User,
    id: i64,
    base_version: i64,
    content: &ExperienceContent,
    note: &str,
) -> Result<i64, SaveError> {
    // what the sheet already says, saved again: no new version
    if let Some(current) = store::load(db, id).await?
        && current.version == base_version
        && current.content == *content
    {
        return Ok(current.version);
    }
    match store::update(db, author.id, id, base_version, content, note).await? {
        Some(v) => Ok(v),
        None => {
            let current = store::load(db, id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("sheet {id} vanished"))?;
            Err(SaveError::Conflict {
                current: Box::new(current),
            })
        }
    }
}

pub async fn load(db: &Db, id: i64) -> anyhow::Result<Option<Experience>> {
    store::load(db, id).await
}

pub async fn load_many(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<Experience>> {
    store::load_many(db, ids).await
}

pub async fn published_ids_after(db: &Db, after: i64, limit: i64) -> anyhow::Result<Vec<i64>> {
    store::published_ids_after(db, after, limit).await
}

/// Light rows for result lists, in the order of `ids`.
pub async fn cards(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<CardRow>> {
    store::cards(db, ids).await
}

/// Every sheet's id, any state (for operators' exports).
pub async fn all_ids(db: &Db) -> anyhow::Result<Vec<i64>> {
    store::all_ids(db).await
}

/// Why a sheet's state did not change.
#[derive(Debug)]
pub enum StateError {
    /// Submitted to a call that reviews first: only the facilitators' approval publishes it.
    AwaitingReview,
    Other(anyhow::Error),
}

impl From<anyhow::Error> for StateError {
    fn from(e: anyhow::Error) -> Self {
        StateError::Other(e)
    }
}

impl From<StateError> for crate::refusal::Refusal {
    fn from(e: StateError) -> Self {
        match e {
            StateError::AwaitingReview => crate::refusal::Refusal::Forbidden("error-forbidden"),
            StateError::Other(e) => crate::refusal::Refusal::Failed(e),
        }
    }
}

impl From<StateError> for crate::web::AppError {
    fn from(e: StateError) -> Self {
        match e {
            StateError::AwaitingReview => crate::web::AppError::Forbidden,
            StateError::Other(e) => crate::web::AppError::Internal(e),
        }
    }
}

/// Moves a sheet to `state`. Publishing or archiving (both public) is refused while a
/// review-first call has not approved it (the rule lives here, so every page and operation
/// obeys it).
pub async fn set_state(db: &Db, id: i64, state: State) -> Result<(), StateError> {
    // archived sheets are public too: neither way out of review skips the facilitators
    if state != State::Draft && crate::calls::awaiting_review(db, id).await? {
        return Err(StateError::AwaitingReview);
    }
    Ok(store::set_state(db, id, state).await?)
}

pub async fn list_published(
    db: &Db,
    page: i64,
    per_page: i64,
) -> anyhow::Result<(Vec<Summary>, i64)> {
    store::list_published(db, page, per_page).await
}

pub async fn list_for_editor(db: &Db, user_id: i64) -> anyhow::Result<Vec<Summary>> {
    store::list_for_editor(db, user_id).await
}

pub async fn revisions(db: &Db, id: i64) -> anyhow::Result<Vec<Revision>> {
    store::revisions(db, id).await
}

pub async fn revision(db: &Db, id: i64, number: i64) -> anyhow::Result<Option<Revision>> {
    store::revision(db, id, number).await
}

pub async fn count_published(db: &Db) -> anyhow::Result<i64> {
    Ok(store::published_counts(db).await?.0)
}

pub async fn counts(db: &Db) -> anyhow::Result<(i64, i64)> {
    store::published_counts(db).await
}

pub use store::{
    accept_invitation, add_attachment, add_coeditor, attachment, attachments, coeditors,
    create_invitation, ended_invitation, import_keys, invitation_email, pending_invitations,
    remove_coeditor, uploaded_bytes,
};

/// Deletes an attachment and its stored file (no orphan stays on disk).
pub async fn delete_attachment(
    db: &Db,
    storage: &crate::files::Storage,
    id: i64,
    attachment_id: i64,
) -> anyhow::Result<()> {
    if let Some(key) = store::delete_attachment(db, id, attachment_id).await? {
        storage.delete(&key).await?;
    }
    Ok(())
}

/// Demo loading: inserts a sheet under a stable key unless it exists; returns its id.
/// The id of the demonstration sheet with this key.
pub async fn find_demo(db: &Db, key: &str) -> anyhow::Result<Option<i64>> {
    store::find_demo(db, key).await
}

pub async fn insert_demo(
    db: &Db,
    key: &str,
    owner: i64,
    content: &ExperienceContent,
    earlier: Option<&ExperienceContent>,
    publish: bool,
) -> anyhow::Result<Option<i64>> {
    if store::find_demo(db, key).await?.is_some() {
        return Ok(None);
    }
    let first = earlier.unwrap_or(content);
    let id = store::insert(db, owner, first, Some(key)).await?;
    if earlier.is_some() {
        store::update(db, owner, id, 1, content, "").await?;
    }
    if publish {
        store::set_state(db, id, State::Published).await?;
    }
    Ok(Some(id))
}

/// Whether a sheet documents its lessons learned: a developed section, not a token sentence
/// (see `guidance::measure`). The catalogue's filter "documenta sus aprendizajes" uses it.
pub fn documents_lessons(c: &ExperienceContent) -> bool {
    guidance::measure(c.narrative.get(Section::Lessons)) == guidance::Level::Developed
}
