//! `/personas` (the directory of people who chose to be listed), `/personas/{id}` (a public
//! profile) and `/cuenta/perfil` (what I show, with a preview of what others see).

use super::super::Language;
use super::super::profiles::{self, DirectoryQuery, Person, Profile, ProfileForm, SheetRole};
use super::NOTICES;
use crate::state::AppState;
use crate::taxonomy::Taxonomy;
use crate::web::Path;
use crate::web::form::{Driven, Filled, Params};
use crate::web::page::NoticeQuery;
use crate::web::page::Page;
use crate::web::{AppError, AppResult, Ctx, FieldErrors, Submitted, render, render_status};
use askama::Template;
use axum::extract::State;
use axum::response::Response;

pub const PER_PAGE: i64 = 24;

/// What a profile shows: the person, their sheets and activity when they chose to show them.
pub struct Shown {
    pub person: Person,
    pub sheets: Vec<SheetRole>,
    pub posts: i64,
    pub topics: Vec<(i64, String)>,
}

async fn shown(state: &AppState, person: Person) -> AppResult<Shown> {
    let sheets = if person.show_sheets == 1 {
        profiles::sheets_of(&state.db, person.id).await?
    } else {
        vec![]
    };
    let (posts, topics) = if person.show_activity == 1 {
        profiles::activity(&state.db, person.id).await?
    } else {
        (0, vec![])
    };
    Ok(Shown {
        person,
        sheets,
        posts,
        topics,
    })
}

#[derive(Template)]
#[template(path = "connections/directory.html")]
struct DirectoryPage {
    ctx: Ctx,
    q: DirectoryQuery,
    people: Vec<Person>,
    total: i64,
    page: Page,
    taxonomy: Taxonomy,
}

impl DirectoryPage {
    fn languages(&self) -> &'static [Language] {
        Language::ALL
    }
}

/// The directory's address with its filters (no page).
fn directory_url(q: &DirectoryQuery) -> String {
    let mut base = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in [
        ("pais", &q.pais),
        ("tema", &q.tema),
        ("actor", &q.actor),
        ("idioma", &q.idioma),
    ] {
        if !v.is_empty() {
            base.append_pair(k, v);
        }
    }
    match base.finish() {
        s if s.is_empty() => "/personas".to_string(),
        s => format!("/personas?{s}"),
    }
}

pub(super) async fn directory(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(q): Params<DirectoryQuery>,
) -> AppResult<Response> {
    let current = crate::web::page::number(q.pagina.as_deref().unwrap_or_default());
    let base = directory_url(&q);
    // the page number is clamped once the total is known
    let total = profiles::directory_count(&state.db, &q).await?;
    let page = Page::new(current, total, PER_PAGE, base);
    let people = profiles::directory(&state.db, &q, page.offset(PER_PAGE), PER_PAGE).await?;
    render(DirectoryPage {
        taxonomy: state.taxonomy().await?,
        ctx,
        q,
        people,
        total,
        page,
    })
}

#[derive(Template)]
#[template(path = "connections/profile.html")]
struct ProfilePage {
    ctx: Ctx,
    shown: Shown,
    taxonomy: Taxonomy,
    /// The reader's own profile (they see the link to edit it).
    own: bool,
}

pub(super) async fn profile(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let person = profiles::person(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    render(ProfilePage {
        own: ctx.user.as_ref().is_some_and(|u| u.id == id),
        shown: shown(&state, person).await?,
        taxonomy: state.taxonomy().await?,
        ctx,
    })
}

#[derive(Template)]
#[template(path = "connections/profile_form.html")]
struct FormPage {
    ctx: Ctx,
    form: ProfileForm,
    errors: FieldErrors,
    notice: Option<String>,
    /// What others see, as saved.
    preview: Option<Shown>,
    taxonomy: Taxonomy,
}

impl FormPage {
    fn languages(&self) -> &'static [Language] {
        Language::ALL
    }
}

async fn form_page(
    state: &AppState,
    ctx: Ctx,
    filled: Filled<ProfileForm>,
    notice: Option<String>,
) -> AppResult<Response> {
    let (form, errors, status) = filled.into_parts();
    let user = ctx.require_user()?.id;
    let preview = match profiles::person(&state.db, user).await? {
        Some(p) => Some(shown(state, p).await?),
        None => None,
    };
    render_status(
        status,
        FormPage {
            taxonomy: state.taxonomy().await?,
            ctx,
            form,
            errors,
            notice,
            preview,
        },
    )
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(q): Params<NoticeQuery>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.id;
    let profile: Profile = profiles::load(&state.db, user).await?;
    let notice = ctx.notice(q.aviso.as_deref(), NOTICES);
    form_page(&state, ctx, Filled::new(ProfileForm::of(&profile)), notice).await
}

pub(super) async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<ProfileForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.id;
    let now = ctx.now;
    let db = state.db.clone();
    match form
        .drive(ProfileForm::parse, async |p| {
            profiles::save(&db, user, &p, now).await
        })
        .await?
    {
        Driven::Saved(()) => Ok(crate::web::page::see_other_with_notice(
            "/cuenta/perfil",
            "perfil",
        )),
        Driven::Again(filled) => form_page(&state, ctx, filled, None).await,
    }
}
