//! Account pages: register, sign in/out, confirm e-mail, reset password, profile, language.

use super::views::*;
use super::{AccountForm, NewAccount, Profile, Registered, TokenPurpose};
use crate::mail::Mail;
use crate::refusal::Refusal;
use crate::state::AppState;
use crate::web::Path;
use crate::web::context::{LANG_COOKIE, SESSION_COOKIE};
use crate::web::form::Params;
use crate::web::form::{Driven, Filled};
use crate::web::page::NoticeQuery;
use crate::web::{
    AppError, AppResult, ClientIp, Ctx, FieldErrors, Submitted, cookie, render, render_status,
    see_other, with_cookie,
};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cuenta/registro", get(register_form).post(register))
        .route("/cuenta/registro/enviado", get(register_sent))
        .route("/cuenta/entrar", get(login_form).post(login))
        .route("/cuenta/salir", post(logout))
        .route("/cuenta", get(profile_form).post(update_profile))
        .route("/cuenta/confirmar/reenviar", post(resend_confirmation))
        .route("/cuenta/confirmar/{token}", get(confirm))
        .route(
            "/cuenta/recuperar",
            get(super::recovery::forgot_form).post(super::recovery::forgot),
        )
        .route(
            "/cuenta/restablecer/{token}",
            get(super::recovery::reset_form).post(super::recovery::reset),
        )
        .route("/idioma/{code}", get(switch_language))
        .route("/guia", post(toggle_guide))
}

/// Counts an attempt against the sign-in/registration limit of this client. Over the limit,
/// the form comes back (with what was typed) saying to wait.
pub(super) async fn auth_rate_limit(
    state: &AppState,
    client: &ClientIp,
    what: &str,
) -> Result<(), Refusal> {
    let client = &client.0;
    let ok = crate::web::rate_limit::hit(
        &state.db,
        &format!("{what}:{client}"),
        state.settings.auth_attempts_per_window,
        600,
    )
    .await?;
    if ok {
        Ok(())
    } else {
        Err(Refusal::Limited("error-too-many"))
    }
}

async fn register_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let taxonomy = state.taxonomy().await?;
    let form = AccountForm {
        lang: ctx.lang.code().into(),
        ..Default::default()
    };
    render(RegisterPage {
        ctx,
        form,
        errors: FieldErrors::new(),
        taxonomy,
    })
}

async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    client: ClientIp,
    form: Submitted<AccountForm>,
) -> AppResult<Response> {
    let taxonomy = state.taxonomy().await?;
    let saved = form
        .drive(
            |f| NewAccount::parse(f, &taxonomy),
            async |account| {
                auth_rate_limit(&state, &client, "register").await?;
                let email = account.email.as_str().to_string();
                match super::register(&state.db, account, super::Role::Participant).await? {
                    Registered::New { id, password_hash } => {
                        let sent =
                            send_confirmation(&state, ctx.lang, id, &email, Some(&password_hash))
                                .await;
                        if let Err(e) = sent {
                            // the account stands; signed in, they can ask again from /cuenta
                            tracing::error!(error = ?e, "confirmation e-mail not queued");
                        }
                    }
                    Registered::Unconfirmed {
                        user,
                        password_hash,
                    } => {
                        send_confirmation(&state, ctx.lang, user.id, &email, Some(&password_hash))
                            .await?
                    }
                    Registered::Confirmed(holder) => tell_holder(&state, &holder).await?,
                }
                Ok(())
            },
        )
        .await?;
    match saved {
        // The same answer whether the address was free or not (no account discovery): the
        // e-mailed link confirms the address and signs the person in.
        Driven::Saved(()) => Ok(see_other("/cuenta/registro/enviado")),
        Driven::Again(Filled {
            mut form,
            errors,
            status,
        }) => {
            form.password.clear(); // never echo a password back
            render_status(
                status,
                RegisterPage {
                    ctx,
                    form,
                    errors,
                    taxonomy,
                },
            )
        }
    }
}

async fn register_sent(ctx: Ctx) -> AppResult<Response> {
    render(NoticePage {
        ctx,
        title_key: "register-sent-title",
        body_key: "register-sent-body",
    })
}

/// Tells the holder of an address that someone tried to register it again, in their own
/// language, with the ways back into their account.
async fn tell_holder(state: &AppState, holder: &super::User) -> anyhow::Result<()> {
    let base = &state.settings.base_url;
    let lang = crate::i18n::Lang::parse(&holder.lang).unwrap_or_default();
    let mail = Mail {
        to: holder.email.clone(),
        subject: lang.t("mail-account-exists-subject"),
        body: lang.t_args(
            "mail-account-exists-body",
            &[
                ("login", format!("{base}/cuenta/entrar")),
                ("reset", format!("{base}/cuenta/recuperar")),
            ],
        ),
    };
    let mut conn = state.db.pool.acquire().await?;
    crate::jobs::enqueue_mail(&mut conn, &mail).await
}

/// Queues the confirmation e-mail (with a fresh token) in `lang`.
pub(crate) async fn send_confirmation(
    state: &AppState,
    lang: crate::i18n::Lang,
    user_id: i64,
    email: &str,
    password_hash: Option<&str>,
) -> anyhow::Result<()> {
    let base = &state.settings.base_url;
    let purpose = TokenPurpose::Confirm;
    super::issue_email_token(&state.db, user_id, purpose, password_hash, |token| Mail {
        to: email.to_string(),
        subject: lang.t("mail-confirm-subject"),
        body: lang.t_args(
            "mail-confirm-body",
            &[("link", format!("{base}/cuenta/confirmar/{token}"))],
        ),
    })
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginQuery {
    volver: Option<String>,
    aviso: Option<String>,
}

async fn login_form(ctx: Ctx, Params(q): Params<LoginQuery>) -> AppResult<Response> {
    let notice = match q.aviso.as_deref() {
        Some("clave-cambiada") => Some(ctx.t("notice-password-changed")),
        Some("correo-cambiado") => Some(ctx.t("notice-email-changed")),
        _ => None,
    };
    let return_to = crate::web::safe_return_path(q.volver.as_deref());
    render(LoginPage {
        ctx,
        email: String::new(),
        return_to,
        errors: FieldErrors::new(),
        notice,
        kept: String::new(),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    email: String,
    password: String,
    volver: String,
    /// A form that was sent without a session (`resend`).
    #[serde(rename = "reenvio")]
    kept: String,
}

async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    client: ClientIp,
    headers: HeaderMap,
    form: Submitted<LoginForm>,
) -> AppResult<Response> {
    let return_to = crate::web::safe_return_path(Some(&form.data.volver));
    // a form to send again only from a sign-in page of this site: another site's POST to
    // the sign-in form cannot plant one
    let kept = if form.csrf_ok {
        form.data.kept.clone()
    } else {
        String::new()
    };
    let signed_in = form
        .drive(
            |f| {
                let mut errors = FieldErrors::new();
                if f.email.trim().is_empty() {
                    errors.add("email", "error-email-required");
                }
                if f.password.is_empty() {
                    errors.add("password", "error-password-required");
                }
                errors.into_result((f.email.clone(), f.password.clone()))
            },
            async |(email, password)| {
                auth_rate_limit(&state, &client, "login").await?;
                let user = super::authenticate(&state.db, &email, &password).await?;
                if let Some(old) = crate::web::read_cookie(&headers, SESSION_COOKIE) {
                    super::end_session(&state.db, old).await?;
                }
                Ok((super::start_session(&state.db, user.id).await?, user))
            },
        )
        .await?;
    match signed_in {
        Driven::Saved((token, user)) => {
            let secure = state.settings.secure_cookies;
            let c = cookie(SESSION_COOKIE, &token, super::SESSION_DAYS * 86400, secure);
            let lang = cookie(LANG_COOKIE, &user.lang, 365 * 86400, secure);
            let next = if kept.is_empty() {
                see_other(&return_to)
            } else {
                // the page is the signed-in person's, in their language
                let mut ctx = ctx;
                ctx.lang = crate::i18n::Lang::parse(&user.lang).unwrap_or(ctx.lang);
                ctx.user = Some(user);
                super::resend::resend_page(ctx, return_to, &kept)?
            };
            Ok(with_cookie(with_cookie(next, c), lang))
        }
        Driven::Again(Filled {
            form,
            errors,
            status,
        }) => {
            let notice = (!kept.is_empty()).then(|| ctx.t("login-to-send"));
            render_status(
                status,
                LoginPage {
                    ctx,
                    email: form.email,
                    return_to,
                    errors,
                    notice,
                    kept,
                },
            )
        }
    }
}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    form.require_csrf()?;
    if let Some(token) = crate::web::read_cookie(&headers, SESSION_COOKIE) {
        super::end_session(&state.db, token).await?;
    }
    Ok(with_cookie(
        see_other("/"),
        cookie(SESSION_COOKIE, "", 0, state.settings.secure_cookies),
    ))
}

/// `?aviso=` codes of these pages and their messages.
const PROFILE_NOTICES: &[(&str, &str)] = &[
    ("bienvenida", "notice-welcome"),
    ("guardado", "notice-profile-saved"),
    ("confirmado", "notice-email-confirmed"),
    ("reenviado", "notice-confirmation-sent"),
];

async fn profile_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(q): Params<NoticeQuery>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let taxonomy = state.taxonomy().await?;
    let form = AccountForm {
        name: user.name,
        email: user.email,
        country: user.country_code.unwrap_or_default(),
        organisation: user.organisation,
        actor_type: user.actor_type,
        lang: user.lang,
        password: String::new(),
    };
    let notice = ctx.notice(q.aviso.as_deref(), PROFILE_NOTICES);
    render(ProfilePage {
        suggestions: crate::connections::web::for_account(&state, &ctx).await?,
        ctx,
        form,
        errors: FieldErrors::new(),
        taxonomy,
        notice,
    })
}

async fn update_profile(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<AccountForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let taxonomy = state.taxonomy().await?;
    let saved = form
        .drive(
            |f| {
                let mut errors = FieldErrors::new();
                Profile::parse(f, &taxonomy, &mut errors).ok_or(errors)
            },
            async |p| {
                super::update_profile(&state.db, user.id, &p).await?;
                Ok(p.lang)
            },
        )
        .await?;
    match saved {
        Driven::Saved(lang) => {
            let lang = cookie(
                LANG_COOKIE,
                &lang,
                365 * 86400,
                state.settings.secure_cookies,
            );
            Ok(with_cookie(
                crate::web::page::see_other_with_notice("/cuenta", "guardado"),
                lang,
            ))
        }
        Driven::Again(Filled {
            mut form,
            errors,
            status,
        }) => {
            form.email = user.email.clone();
            render_status(
                status,
                ProfilePage {
                    suggestions: crate::connections::web::for_account(&state, &ctx).await?,
                    ctx,
                    form,
                    errors,
                    taxonomy,
                    notice: None,
                },
            )
        }
    }
}

async fn resend_confirmation(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    form.require_csrf()?;
    if !crate::web::rate_limit::hit(&state.db, &format!("confirm:{}", user.id), 5, 3600).await? {
        return Err(AppError::TooManyRequests);
    }
    send_confirmation(&state, ctx.lang, user.id, &user.email, None).await?;
    Ok(crate::web::page::see_other_with_notice(
        "/cuenta",
        "reenviado",
    ))
}

async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    match super::confirm_through_link(&state.db, &token).await? {
        Some(user_id) => {
            // the link came to the person's mailbox: it signs them in, in a new session (every
            // earlier session of the account has just ended)
            let notice = if ctx.user.is_some() {
                "confirmado"
            } else {
                "bienvenida"
            };
            let token = super::start_session(&state.db, user_id).await?;
            let c = cookie(
                SESSION_COOKIE,
                &token,
                super::SESSION_DAYS * 86400,
                state.settings.secure_cookies,
            );
            Ok(with_cookie(
                crate::web::page::see_other_with_notice("/cuenta", notice),
                c,
            ))
        }
        None => render_status(
            StatusCode::NOT_FOUND,
            NoticePage {
                ctx,
                title_key: "token-invalid-title",
                body_key: "token-invalid-body",
            },
        ),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ReturnQuery {
    volver: Option<String>,
}

async fn switch_language(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Params(q): Params<ReturnQuery>,
) -> AppResult<Response> {
    let lang = crate::i18n::Lang::parse(&code).ok_or(AppError::NotFound)?;
    if let Some(user) = &ctx.user {
        super::set_lang(&state.db, user.id, lang.code()).await?;
    }
    let to = crate::web::safe_return_path(q.volver.as_deref());
    Ok(with_cookie(
        see_other(&to),
        cookie(
            LANG_COOKIE,
            lang.code(),
            365 * 86400,
            state.settings.secure_cookies,
        ),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct GuideForm {
    volver: String,
    mostrar: String,
}

/// Hides or shows again the first-steps guide (a preference kept in a cookie).
async fn toggle_guide(
    State(state): State<AppState>,
    form: Submitted<GuideForm>,
) -> AppResult<Response> {
    form.require_csrf()?;
    let to = crate::web::safe_return_path(Some(&form.data.volver));
    let (value, age) = if form.data.mostrar.is_empty() {
        ("oculta", 365 * 86400)
    } else {
        ("", 0)
    };
    let c = cookie(
        crate::web::context::GUIDE_COOKIE,
        value,
        age,
        state.settings.secure_cookies,
    );
    Ok(with_cookie(see_other(&to), c))
}
