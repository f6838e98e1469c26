//! `/mensajes`: my conversations, one conversation (its members only), writing a message
//! (Markdown and an optional attachment, one multipart form that works without JavaScript),
//! its live stream, attachments, leaving, blocking and adding a person to one's side.

use super::super::conversations::{self, Attached, Conversation, Listed, Member, Message};
use super::{NOTICES, membership};
use crate::live::Feed;
use crate::refusal::Refusal;
use crate::state::AppState;
use crate::web::Path;
use crate::web::form::{Driven, Filled, Params};
use crate::web::page::Page;
use crate::web::{AppError, AppResult, Ctx, FieldErrors, Submitted, render, render_status};
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "connections/messages.html")]
struct ListPage {
    ctx: Ctx,
    items: Vec<Listed>,
}

impl ListPage {
    fn when(&self, t: &i64) -> String {
        crate::clock::utc(*t)
    }
}

pub(super) async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require_user()?.id;
    render(ListPage {
        items: conversations::list_for(&state.db, user).await?,
        ctx,
    })
}

/// The message form as typed (kept on every refusal).
#[derive(Default)]
pub(super) struct MessageForm {
    csrf: String,
    envio: String,
    body: String,
    file: Option<(String, axum::body::Bytes)>,
}

#[derive(Template)]
#[template(path = "connections/conversation.html")]
struct ShowPage {
    ctx: Ctx,
    c: Conversation,
    members: Vec<Member>,
    me: Member,
    messages: Vec<Message>,
    page: Page,
    typed: Typed,
    errors: FieldErrors,
    notice: Option<String>,
}

impl ShowPage {
    fn when(&self, t: &i64) -> String {
        crate::clock::utc(*t)
    }
    /// The attachment's address (its name percent-encoded).
    fn file_url(&self, m: &Message) -> String {
        format!(
            "/mensajes/{}/archivos/{}/{}",
            self.c.id,
            m.id,
            crate::web::percent_encode(&m.file_name, b"-_.")
        )
    }
    fn mine(&self, m: &Message) -> bool {
        m.author_id == Some(self.me.user_id)
    }
    fn side(&self, side: i64) -> Vec<&Member> {
        self.members
            .iter()
            .filter(|m| m.side == side && m.left_at.is_none())
            .collect()
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ShowQuery {
    aviso: Option<String>,
    pagina: Option<String>,
    /// A refresh by the live script: not a reading by the person.
    vivo: Option<String>,
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    (id, page_no): (i64, i64),
    filled: Filled<Typed>,
    notice: Option<String>,
) -> AppResult<Response> {
    let (typed, errors, status) = filled.into_parts();
    let (c, members, me) = membership(state, &ctx, id).await?;
    let (messages, pages) = conversations::messages(&state.db, id, page_no).await?;
    let page = Page::new(page_no, pages, 1, c.url());
    render_status(
        status,
        ShowPage {
            c,
            members,
            me,
            messages,
            page,
            typed,
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
    Params(q): Params<ShowQuery>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.id;
    let page_no = crate::web::page::number(q.pagina.as_deref().unwrap_or_default());
    let notice = ctx.notice(q.aviso.as_deref(), NOTICES);
    let (c, _, _) = membership(&state, &ctx, id).await?;
    if q.vivo.is_none() {
        conversations::mark_read(&state.db, c.id, user, ctx.now).await?;
    }
    show_page(&state, ctx, (id, page_no), Filled::default(), notice).await
}

/// Reads the multipart message form. An unreadable or oversized body is a form error, and
/// the text read so far is kept.
async fn read_form(multipart: &mut Multipart) -> (MessageForm, Option<&'static str>) {
    let mut form = MessageForm::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return (form, None),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return (form, Some("upload-too-large"));
            }
            Err(_) => return (form, Some("upload-unreadable")),
        };
        let name = field.name().unwrap_or("").to_string();
        // no file chosen: browsers send the part with an empty name
        let file_name = field
            .file_name()
            .filter(|n| !n.is_empty())
            .map(crate::files::clean_file_name);
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return (form, Some("upload-too-large"));
            }
            Err(_) => return (form, Some("upload-unreadable")),
        };
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "csrf" => form.csrf = text(),
            "envio" => form.envio = text(),
            "body" => form.body = text(),
            "file" => match file_name {
                Some(_) if bytes.is_empty() => return (form, Some("upload-empty-file")),
                Some(name) => form.file = Some((name, bytes.clone())),
                None => {}
            },
            _ => {}
        }
    }
}

pub(super) async fn send(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let (c, _, _) = membership(&state, &ctx, id).await?;
    let (form, unreadable) = read_form(&mut multipart).await;
    let mut errors = FieldErrors::new();
    if let Some(key) = unreadable {
        errors.add("file", key);
    }
    errors.check_csrf(crate::web::form::constant_eq(&form.csrf, &ctx.csrf));
    let body = crate::web::form::bounded(&mut errors, "body", &form.body, conversations::BODY_MAX);
    if crate::web::form::is_blank(&body) && form.file.is_none() {
        errors.add("body", "error-required");
    }
    let content_type = match &form.file {
        Some((name, bytes)) => {
            match crate::files::check_upload(name, bytes, state.settings.max_upload_bytes) {
                Ok(t) => Some(t),
                Err(e) => {
                    errors.add("file", e.message_key());
                    None
                }
            }
        }
        None => None,
    };
    let again = |errors: FieldErrors, body: String| {
        let typed = Typed {
            body,
            ..Default::default()
        };
        show_page(
            &state,
            ctx.clone(),
            (id, 1),
            Filled::invalid(typed, errors),
            None,
        )
    };
    // a person writes at a person's pace: a flood of messages (and of the files and e-mails
    // they bring) stops here, with what was typed kept
    if errors.is_empty()
        && !crate::web::rate_limit::hit(
            &state.db,
            &format!("message:{}", user.id),
            state.settings.messages_per_window,
            600,
        )
        .await?
    {
        errors.add("_form", "messages-error-too-many");
        let status = axum::http::StatusCode::TOO_MANY_REQUESTS;
        let filled = Filled {
            form: Typed {
                body: form.body,
                ..Default::default()
            },
            errors,
            status,
        };
        return show_page(&state, ctx, (id, 1), filled, None).await;
    }
    if !errors.is_empty() {
        return again(errors, form.body).await;
    }
    // a second sending of the same form (double click, reload) leads to the first message;
    // the same page sent again with other words is a message of its own
    let sent = match &form.file {
        Some((name, bytes)) => format!("{body}\0{name}\0{}", bytes.len()),
        None => body.clone(),
    };
    let token = Some(form.envio.clone())
        .filter(|t| !t.is_empty() && t.len() <= 64)
        .map(|t| crate::web::once::token(&t, sent.as_bytes()));
    if let Some(t) = &token
        && !crate::web::once::claim(&state.db, t).await?
    {
        let url = crate::web::once::result(&state.db, t, &c.url()).await?;
        return Ok(crate::web::see_other(&url));
    }
    let attached = match (&form.file, content_type) {
        (Some((name, bytes)), Some(t)) => Some(Attached {
            key: state.storage.put(bytes).await?,
            name: name.clone(),
            content_type: t.to_string(),
            size: bytes.len() as i64,
        }),
        _ => None,
    };
    let source = body.clone();
    let html = tokio::task::spawn_blocking(move || crate::markdown::render(&source))
        .await
        .map_err(anyhow::Error::from)?;
    match conversations::post(
        &state.db,
        ctx.now,
        &c,
        &user,
        &body,
        &html,
        attached.as_ref(),
    )
    .await
    {
        Ok(mid) => {
            state.live.announce(Feed::Conversation, c.id);
            let url = format!("{}#m{mid}", c.url());
            if let Some(t) = &token {
                crate::web::once::remember(&state.db, t, &url).await?;
            }
            Ok(crate::web::see_other(&url))
        }
        Err(refusal) => {
            if let Some(t) = &token {
                crate::web::once::release(&state.db, t).await?;
            }
            if let Some(a) = &attached {
                let _ = state.storage.delete(&a.key).await;
            }
            match refusal {
                Refusal::Failed(e) => Err(AppError::Internal(e)),
                r => {
                    let mut errors = FieldErrors::new();
                    errors.add(r.field(), r.key().unwrap_or("error-internal"));
                    again(errors, form.body).await
                }
            }
        }
    }
}

pub(super) async fn events(
    State(state): State<AppState>,
    ctx: Ctx,
    client: crate::web::ClientIp,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (c, _, _) = membership(&state, &ctx, id).await?;
    crate::web::live_stream(&state, &client, Feed::Conversation, c.id)
}

pub(super) async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, message, _name)): Path<(i64, i64, String)>,
) -> AppResult<Response> {
    let (c, _, _) = membership(&state, &ctx, id).await?;
    let (key, name, content_type) = conversations::attachment(&state.db, c.id, message)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = state.storage.find(&key).await?.ok_or(AppError::NotFound)?;
    let inline = content_type.starts_with("image/");
    Ok(crate::web::file_response(
        bytes,
        &content_type,
        &name,
        inline,
        false,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct Typed {
    /// The message being written.
    body: String,
    /// The address of a person being added.
    email: String,
}

pub(super) async fn leave(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<Typed>,
) -> AppResult<Response> {
    let (c, _, me) = membership(&state, &ctx, id).await?;
    form.require_csrf()?;
    conversations::leave(&state.db, c.id, me.user_id, ctx.now).await?;
    Ok(crate::web::page::see_other_with_notice(
        "/mensajes",
        "salio",
    ))
}

pub(super) async fn block(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<Typed>,
) -> AppResult<Response> {
    let (c, members, me) = membership(&state, &ctx, id).await?;
    form.require_csrf()?;
    let request = super::super::requests::load(&state.db, c.request_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // the blocker's side's sheets stop taking requests from the other side
    let sheets: Vec<i64> = if me.side == 1 {
        vec![request.to_experience]
    } else {
        request.from_experience.into_iter().collect()
    };
    let others: Vec<i64> = members
        .iter()
        .filter(|m| m.side != me.side)
        .map(|m| m.user_id)
        .collect();
    conversations::block(&state.db, ctx.now, &c, &me, &others, &sheets).await?;
    state.live.announce(Feed::Conversation, c.id);
    Ok(crate::web::page::see_other_with_notice(&c.url(), "cerrada"))
}

/// A member adds a person with an account to their own side, by e-mail.
pub(super) async fn add_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Submitted<Typed>,
) -> AppResult<Response> {
    let (c, _, me) = membership(&state, &ctx, id).await?;
    let parse = |f: &Typed| {
        crate::accounts::Email::parse(&f.email).map_err(|key| {
            let mut errors = FieldErrors::new();
            errors.add("email", key);
            errors
        })
    };
    let save = async |email: crate::accounts::Email| {
        if c.is_closed() {
            return Err(Refusal::Field("email", "messages-error-closed"));
        }
        // an unknown address and one outside the team get the same answer
        match crate::accounts::find_confirmed_by_email(&state.db, email.as_str()).await? {
            Some(user) => conversations::add_member(&state.db, c.id, &me, user, ctx.now).await,
            None => Err(Refusal::Field("email", "messages-error-not-team")),
        }
    };
    match form.drive(parse, save).await? {
        Driven::Saved(()) => Ok(crate::web::page::see_other_with_notice(&c.url(), "persona")),
        Driven::Again(filled) => show_page(&state, ctx, (id, 1), filled, None).await,
    }
}
