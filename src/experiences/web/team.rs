//! Co-editors: the list, invitations bound to the invited address, removal.

use super::*;

pub(super) async fn coeditors_page(
    state: &AppState,
    ctx: Ctx,
    e: Experience,
    email: String,
    errors: FieldErrors,
    notice: Option<String>,
) -> AppResult<Response> {
    let coeditors = crate::experiences::coeditors(&state.db, e.id).await?;
    let pending = crate::experiences::pending_invitations(&state.db, e.id)
        .await?
        .into_iter()
        .map(|(email, at)| (email, crate::clock::utc(at)))
        .collect();
    let status = errors.status();
    render_status(
        status,
        CoeditorsPage {
            ctx,
            e,
            coeditors,
            pending,
            email,
            errors,
            notice,
        },
    )
}

pub(super) async fn coeditors(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Params(q): Params<PageQuery>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    if !crate::experiences::can_manage_coeditors(ctx.user.as_ref(), &e) {
        return Err(AppError::Forbidden);
    }
    let notice = ctx.notice(q.aviso.as_deref(), NOTICES);
    coeditors_page(&state, ctx, e, String::new(), FieldErrors::new(), notice).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct InviteForm {
    email: String,
}

pub(super) async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Submitted<InviteForm>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    let user = ctx.require_user()?.clone();
    if !crate::experiences::can_manage_coeditors(Some(&user), &e) {
        return Err(AppError::Forbidden);
    }
    let parse = |f: &InviteForm| {
        let mut errors = FieldErrors::new();
        match crate::accounts::Email::parse(&f.email) {
            Ok(m) if m.as_str() == user.email => errors.add("email", "error-invite-self"),
            Ok(m) => return Ok(m),
            Err(k) => errors.add("email", k),
        }
        Err(errors)
    };
    let sent = form
        .drive(parse, async |email| {
            let invitee = crate::accounts::find_by_email(&state.db, email.as_str()).await?;
            // someone who already edits the sheet needs no invitation
            if let Some(i) = &invitee
                && (i.id == e.owner_id || e.coeditor_ids.contains(&i.id))
            {
                return Err(Refusal::Field("email", "error-invite-already"));
            }
            // written in the invitee's language when they have an account
            let lang = invitee
                .as_ref()
                .and_then(|i| crate::i18n::Lang::parse(&i.lang))
                .unwrap_or(ctx.lang);
            let bucket = format!("invite:{}", user.id);
            if !crate::web::rate_limit::hit(&state.db, &bucket, 30, 3600).await? {
                return Err(Refusal::Limited("error-rate-invitations"));
            }
            let token = random_token(32);
            let link = format!("{}/invitaciones/{token}", state.settings.base_url);
            let mail = crate::mail::Mail {
                to: email.as_str().to_string(),
                subject: lang.t("mail-invite-subject"),
                body: lang.t_args(
                    "mail-invite-body",
                    &[
                        ("name", user.name.clone()),
                        ("title", e.content.title.clone()),
                        ("link", link),
                    ],
                ),
            };
            crate::experiences::create_invitation(
                &state.db,
                e.id,
                email.as_str(),
                &hash_token(&token),
                user.id,
                &mail,
            )
            .await?;
            Ok(())
        })
        .await?;
    match sent {
        Driven::Saved(()) => Ok(crate::web::page::see_other_with_notice(
            &format!("/experiencias/{}/coeditores", e.id),
            "invitacion",
        )),
        Driven::Again(Filled { form, errors, .. }) => {
            coeditors_page(&state, ctx, e, form.email, errors, None).await
        }
    }
}

pub(super) async fn remove_coeditor(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, user_id)): Path<(String, i64)>,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    if !crate::experiences::can_manage_coeditors(ctx.user.as_ref(), &e) {
        return Err(AppError::Forbidden);
    }
    form.require_csrf()?;
    crate::experiences::remove_coeditor(&state.db, e.id, user_id).await?;
    // off the team, off its exchanges' conversations
    crate::connections::conversations::leave_team(&state.db, e.id, user_id, ctx.now).await?;
    Ok(see_other(&format!("/experiencias/{}/coeditores", e.id)))
}

/// The invitation page: accept, or, signed in with another account, sign in as the invitee.
pub(super) async fn invitation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let hash = hash_token(&token);
    let Some(invited) = crate::experiences::invitation_email(&state.db, &hash).await? else {
        return invitation_ended(&state, ctx, &user, &hash, token).await;
    };
    let wrong_account =
        (!crate::experiences::may_accept_invitation(&user, &invited)).then(|| mask_email(&invited));
    let status = if wrong_account.is_some() {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::OK
    };
    render_status(
        status,
        InvitationPage {
            ctx,
            token,
            wrong_account,
            ended: None,
        },
    )
}

/// An invitation that is no longer open. Its own co-editor (a second click, a reload) is led
/// to the sheet; anyone else is told it was used or expired (and to ask for a new one).
async fn invitation_ended(
    state: &AppState,
    ctx: Ctx,
    user: &crate::accounts::User,
    hash: &str,
    token: String,
) -> AppResult<Response> {
    let (sheet, accepted) = crate::experiences::ended_invitation(&state.db, hash)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(e) = crate::experiences::load(&state.db, sheet).await?
        && crate::experiences::is_editor(Some(user), &e)
    {
        return Ok(crate::web::page::see_other_with_notice(
            &format!("/experiencias/{sheet}/editar"),
            "coeditor",
        ));
    }
    let ended = if accepted {
        "invitation-used"
    } else {
        "invitation-expired"
    };
    render_status(
        StatusCode::GONE,
        InvitationPage {
            ctx,
            token,
            wrong_account: None,
            ended: Some(ended),
        },
    )
}

/// `rosa@example.org` → `r•••@example.org`: enough to recognise one's own address.
pub(super) fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".into(),
    }
}

pub(super) async fn accept_invitation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    form.require_csrf()?;
    let hash = hash_token(&token);
    let Some(invited) = crate::experiences::invitation_email(&state.db, &hash).await? else {
        return invitation_ended(&state, ctx, &user, &hash, token).await;
    };
    if !crate::experiences::may_accept_invitation(&user, &invited) {
        return Ok(see_other(&format!("/invitaciones/{token}")));
    }
    match crate::experiences::accept_invitation(&state.db, &hash, user.id).await? {
        Some(id) => Ok(crate::web::page::see_other_with_notice(
            &format!("/experiencias/{id}/editar"),
            "coeditor",
        )),
        // accepted meanwhile (two clicks at once): where the first one led
        None => invitation_ended(&state, ctx, &user, &hash, token).await,
    }
}
