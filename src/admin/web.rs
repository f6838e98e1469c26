//! `/admin`: the administrators' pages. Every handler starts with `admin_only` (sign-in,
//! then the admin role); the rules of what an admin may do to whom are in `super`.

use super::{AuditEntry, PersonRow};
use crate::accounts::Role;
use crate::refusal::Refusal;
use crate::state::AppState;
use crate::web::Path;
use crate::web::form::{Driven, Params, pick};
use crate::web::page::NoticeQuery;
use crate::web::{AppError, AppResult, Ctx, FieldErrors, Filled, Submitted, render, render_status};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(home))
        .route("/admin/personas", get(people))
        .route("/admin/personas/{id}", get(person))
        .route("/admin/personas/{id}/rol", post(set_role))
        .route("/admin/personas/{id}/suspender", post(suspend))
        .route("/admin/personas/{id}/reactivar", post(unsuspend))
        .route("/admin/personas/{id}/confirmacion", post(resend))
        .route("/admin/registro", get(audit_log))
        .route("/admin/ajustes", get(settings).post(save_settings))
        .merge(super::terms::routes())
}

const NOTICES: &[(&str, &str)] = &[
    ("rol", "notice-admin-role"),
    ("suspendida", "notice-admin-suspended"),
    ("reactivada", "notice-admin-unsuspended"),
    ("confirmacion", "notice-confirmation-sent"),
    ("ajustes", "notice-admin-settings"),
];

pub(super) fn admin_only(ctx: &Ctx) -> AppResult<crate::accounts::User> {
    let user = ctx.require_user()?;
    if super::administers(user) {
        Ok(user.clone())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The admin acting on person `id` (who must exist and not be deleted).
async fn acting_on(state: &AppState, ctx: &Ctx, id: i64) -> AppResult<crate::accounts::User> {
    let actor = admin_only(ctx)?;
    super::person(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(actor)
}

#[derive(Template)]
#[template(path = "admin/home.html")]
struct HomePage {
    ctx: Ctx,
}

async fn home(ctx: Ctx) -> AppResult<Response> {
    admin_only(&ctx)?;
    render(HomePage { ctx })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PeopleQuery {
    q: String,
}

#[derive(Template)]
#[template(path = "admin/people.html")]
struct PeoplePage {
    ctx: Ctx,
    q: String,
    people: Vec<PersonRow>,
}

async fn people(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(q): Params<PeopleQuery>,
) -> AppResult<Response> {
    admin_only(&ctx)?;
    let text: String = q.q.chars().take(100).collect();
    render(PeoplePage {
        people: super::search(&state.db, &text, 100).await?,
        q: text,
        ctx,
    })
}

#[derive(Template)]
#[template(path = "admin/person.html")]
struct PersonPage {
    ctx: Ctx,
    p: PersonRow,
    sheets: Vec<crate::experiences::Summary>,
    log: Vec<AuditEntry>,
    reason: String,
    errors: FieldErrors,
    notice: Option<String>,
}

impl PersonPage {
    /// Whether the forms for role and standing apply (never to one's own account).
    fn manageable(&self) -> bool {
        let me = self.ctx.user.as_ref();
        me.is_some_and(|actor| super::may_manage(actor, self.p.id).is_ok())
    }
    fn detail(&self, e: &AuditEntry) -> String {
        e.detail_in(self.ctx.lang)
    }
    fn roles(&self) -> [Role; 3] {
        [Role::Participant, Role::Facilitator, Role::Admin]
    }
    fn when(&self, t: &i64) -> String {
        crate::clock::utc(*t)
    }
}

async fn person_page(
    state: &AppState,
    ctx: Ctx,
    id: i64,
    filled: Filled<SuspendForm>,
    notice: Option<String>,
) -> AppResult<Response> {
    let p = super::person(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let log = super::audit_entries(&state.db, "", 500)
        .await?
        .into_iter()
        .filter(|e| e.target_id == Some(id))
        .take(20)
        .collect();
    render_status(
        filled.status,
        PersonPage {
            sheets: crate::experiences::list_for_editor(&state.db, id).await?,
            p,
            log,
            reason: filled.form.reason,
            errors: filled.errors,
            notice,
            ctx,
        },
    )
}

async fn person(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Params(q): Params<NoticeQuery>,
) -> AppResult<Response> {
    admin_only(&ctx)?;
    let notice = ctx.notice(q.aviso.as_deref(), NOTICES);
    person_page(&state, ctx, id, Filled::default(), notice).await
}

/// After a one-button action: back to the person with a notice, or the refusal.
fn back(result: Result<(), Refusal>, id: i64, notice: &str) -> AppResult<Response> {
    crate::web::page::after(result, &format!("/admin/personas/{id}"), notice)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RoleForm {
    role: String,
}

async fn set_role(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<RoleForm>,
) -> AppResult<Response> {
    let actor = acting_on(&state, &ctx, id).await?;
    let roles = [Role::Participant, Role::Facilitator, Role::Admin];
    let role = pick(&form.data.role, &roles.map(|r| (r.code(), r)))?;
    form.require_csrf()?;
    back(
        super::set_role(&state.db, &actor, id, role).await,
        id,
        "rol",
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SuspendForm {
    reason: String,
}

async fn suspend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<SuspendForm>,
) -> AppResult<Response> {
    let actor = acting_on(&state, &ctx, id).await?;
    let db = state.db.clone();
    let parse = |f: &SuspendForm| {
        let mut errors = FieldErrors::new();
        let reason = crate::web::form::bounded(&mut errors, "reason", &f.reason, super::REASON_MAX);
        errors.into_result(reason)
    };
    match form
        .drive(parse, async |reason: String| {
            super::suspend(&db, &actor, id, &reason).await
        })
        .await?
    {
        Driven::Saved(()) => back(Ok(()), id, "suspendida"),
        Driven::Again(filled) => person_page(&state, ctx, id, filled, None).await,
    }
}

async fn unsuspend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let actor = acting_on(&state, &ctx, id).await?;
    form.require_csrf()?;
    back(
        super::unsuspend(&state.db, &actor, id).await,
        id,
        "reactivada",
    )
}

async fn resend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let actor = admin_only(&ctx)?;
    let user = crate::accounts::find_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    form.require_csrf()?;
    if !user.email_confirmed() {
        let lang = crate::i18n::Lang::parse(&user.lang).unwrap_or_default();
        crate::accounts::routes::send_confirmation(&state, lang, user.id, &user.email, None)
            .await?;
        let mut conn = state.db.pool.acquire().await?;
        super::audit(&mut conn, Some(actor.id), "confirmation", Some(id), "").await?;
    }
    back(Ok(()), id, "confirmacion")
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AuditQuery {
    accion: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    ctx: Ctx,
    action: String,
    actions: Vec<String>,
    entries: Vec<AuditEntry>,
}

impl AuditPage {
    fn when(&self, t: &i64) -> String {
        crate::clock::utc(*t)
    }
    fn detail(&self, e: &AuditEntry) -> String {
        e.detail_in(self.ctx.lang)
    }
}

async fn audit_log(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(q): Params<AuditQuery>,
) -> AppResult<Response> {
    admin_only(&ctx)?;
    let action: String = q.accion.chars().take(40).collect();
    render(AuditPage {
        entries: super::audit_entries(&state.db, &action, 300).await?,
        actions: super::audit_actions(&state.db).await?,
        action,
        ctx,
    })
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
struct SettingsPage {
    ctx: Ctx,
    /// The typed or saved values, and `revision`: the one the form was filled from.
    values: HashMap<String, String>,
    errors: FieldErrors,
    notice: Option<String>,
}

impl SettingsPage {
    fn value(&self, key: &str) -> String {
        self.values.get(key).cloned().unwrap_or_default()
    }
}

async fn settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(q): Params<NoticeQuery>,
) -> AppResult<Response> {
    admin_only(&ctx)?;
    let mut values: HashMap<String, String> = super::settings(&state.db)
        .await?
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let revision = super::settings_revision(&state.db).await?;
    values.insert("revision".into(), revision.to_string());
    render(SettingsPage {
        notice: ctx.notice(q.aviso.as_deref(), NOTICES),
        ctx,
        values,
        errors: FieldErrors::new(),
    })
}

async fn save_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<HashMap<String, String>>,
) -> AppResult<Response> {
    let actor = admin_only(&ctx)?;
    let db = state.db.clone();
    // a form without the revision it was filled from is as stale as an old one
    let revision = form
        .data
        .get("revision")
        .and_then(|r| r.trim().parse().ok())
        .unwrap_or(-1);
    let parse = |typed: &HashMap<String, String>| {
        let mut errors = FieldErrors::new();
        let mut values = Vec::new();
        for (key, _) in super::SETTINGS {
            let raw = typed.get(key).map(String::as_str).unwrap_or("");
            let v = match key {
                "open_communities" => (if raw == "1" { "1" } else { "0" }).to_string(),
                "description" => crate::web::form::bounded(&mut errors, key, raw, 1000),
                _ => crate::web::form::bounded(&mut errors, key, raw, 200),
            };
            if key == "name" && crate::web::form::is_blank(&v) {
                errors.add(key, "error-required");
            }
            if key == "contact" && !v.is_empty() && crate::accounts::Email::parse(&v).is_err() {
                errors.add(key, "error-email-invalid");
            }
            values.push((key.to_string(), v));
        }
        errors.into_result(values)
    };
    match form
        .drive(parse, async |values: Vec<(String, String)>| {
            super::save_settings(&db, &actor, revision, &values).await
        })
        .await?
    {
        Driven::Saved(()) => {
            state.forget_site();
            Ok(crate::web::page::see_other_with_notice(
                "/admin/ajustes",
                "ajustes",
            ))
        }
        Driven::Again(filled) => render_status(
            filled.status,
            SettingsPage {
                ctx,
                values: filled.form,
                errors: filled.errors,
                notice: None,
            },
        ),
    }
}
