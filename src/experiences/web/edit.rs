//! Writing sheets: new, edit, publication state, history and restoring a revision.

use super::*;

pub(super) async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let taxonomy = state.taxonomy().await?;
    let form = ExperienceForm {
        language: ctx.lang.code().into(),
        country: user.country_code.clone().unwrap_or_default(),
        contact_name: user.name.clone(),
        ..Default::default()
    };
    render(FormPage::new(ctx, form, FieldErrors::new(), taxonomy))
}

pub(super) async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Submitted<ExperienceForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let taxonomy = state.taxonomy().await?;
    let saved = form
        .drive_once(
            &state.db,
            "/cuenta/fichas",
            |f| ExperienceContent::parse(f, &taxonomy, this_year()),
            async |content| Ok(crate::experiences::create(&state.db, &user, &content).await?),
            |id| crate::web::page::with_notice(&format!("/experiencias/{id}/editar"), "creada"),
        )
        .await?;
    match saved {
        // this sending, or an earlier one of the same form: the sheet it created
        Driven::Saved(url) => Ok(crate::web::see_other(&url)),
        Driven::Again(Filled {
            form,
            errors,
            status,
        }) => render_status(status, FormPage::new(ctx, form, errors, taxonomy)),
    }
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Params(q): Params<PageQuery>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    let taxonomy = state.taxonomy().await?;
    let attachments = crate::experiences::attachments(&state.db, e.id).await?;
    let upload_error = match q.aviso.as_deref() {
        Some(
            k @ ("upload-empty"
            | "upload-too-large"
            | "upload-unreadable"
            | "upload-unsupported"
            | "upload-disguised"
            | "upload-quota"
            | "upload-too-many-pixels"
            | "error-csrf"),
        ) => Some(ctx.t(k)),
        _ => None,
    };
    let notice = ctx.notice(q.aviso.as_deref(), NOTICES);
    let form = e.content.to_form(e.version);
    let mut page = FormPage::new(ctx, form, FieldErrors::new(), taxonomy).of(e, attachments);
    page.upload_error = upload_error;
    page.notice = notice;
    render(page)
}

pub(super) async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Submitted<ExperienceForm>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    let user = ctx.require_user()?.clone();
    let taxonomy = state.taxonomy().await?;
    // the version comes back from a hidden field: anything but a number is a forged form
    let base_version: i64 = form
        .data
        .version
        .parse()
        .map_err(|_| AppError::BadRequest)?;
    let mut collided = None;
    let saved = form
        .drive(
            |f| {
                let parsed = ExperienceContent::parse(f, &taxonomy, this_year());
                let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
                let note = crate::web::form::bounded(&mut errors, "note", &f.note, 300);
                errors.into_result(())?;
                let content = parsed?;
                // a published sheet keeps meeting the publication rules
                let missing = content.publication_errors();
                if e.state == SheetState::Published && !missing.is_empty() {
                    return Err(missing);
                }
                Ok((content, note))
            },
            async |(content, note): (ExperienceContent, String)| match crate::experiences::update(
                &state.db,
                &user,
                e.id,
                base_version,
                &content,
                &note,
            )
            .await
            {
                // to the sheet at the address of its new title
                Ok(_) => Ok(content.title),
                // the same content saved twice (a double click): nothing is lost, nothing to do
                Err(SaveError::Conflict { current }) if current.content == content => {
                    Ok(content.title)
                }
                Err(SaveError::Conflict { current }) => {
                    collided = Some(current);
                    Err(Refusal::Conflict("error-conflict"))
                }
                Err(SaveError::Other(err)) => Err(err.into()),
            },
        )
        .await?;
    let (mut form, errors, status) = match saved {
        Driven::Saved(title) => {
            return Ok(crate::web::page::see_other_with_notice(
                &crate::experiences::sheet_url(e.id, &title),
                "guardada",
            ));
        }
        Driven::Again(Filled {
            form,
            errors,
            status,
        }) => (form, errors, status),
    };
    let mut conflict = vec![];
    if let Some(current) = collided {
        // Show which fields the other editor changed since this form was loaded.
        let base = crate::experiences::revision(&state.db, e.id, base_version)
            .await?
            .map(|r| r.parsed())
            .transpose()?
            .unwrap_or_default();
        conflict = crate::experiences::diff::changed_fields(&base, &current.content)
            .into_iter()
            .map(|f| ctx.t(&format!("field-{f}")))
            .collect();
        // What this editor changed stays; every field they did not touch takes the other
        // editor's value, and the version moves on, so saving again keeps both.
        form = form.merged(
            &base.to_form(base_version),
            &current.content.to_form(current.version),
        );
    }
    let attachments = crate::experiences::attachments(&state.db, e.id).await?;
    let mut page = FormPage::new(ctx, form, errors, taxonomy).of(e, attachments);
    page.conflict = conflict;
    render_status(status, page)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct StateForm {
    #[serde(rename = "accion")]
    action: String,
}

pub(super) async fn change_state(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Submitted<StateForm>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    form.require_csrf()?;
    let (target, aviso) = pick(
        &form.data.action,
        &[
            ("publicar", (SheetState::Published, "publicada")),
            ("archivar", (SheetState::Archived, "archivada")),
            ("borrador", (SheetState::Draft, "borrador")),
        ],
    )?;
    if target == SheetState::Published {
        if !crate::experiences::can_publish(ctx.user.as_ref(), &e) {
            return Ok(crate::web::page::see_other_with_notice(
                &e.url(),
                "confirmar-correo",
            ));
        }
        let missing = e.content.publication_errors();
        if !missing.is_empty() {
            let taxonomy = state.taxonomy().await?;
            let attachments = crate::experiences::attachments(&state.db, e.id).await?;
            let form = e.content.to_form(e.version);
            let page = FormPage::new(ctx, form, missing, taxonomy).of(e, attachments);
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, page);
        }
    }
    match crate::experiences::set_state(&state.db, e.id, target).await {
        Ok(()) => Ok(crate::web::page::see_other_with_notice(&e.url(), aviso)),
        Err(crate::experiences::StateError::AwaitingReview) => Ok(
            crate::web::page::see_other_with_notice(&e.url(), "en-revision"),
        ),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct HistoryQuery {
    de: Option<String>,
    a: Option<String>,
    aviso: Option<String>,
}

pub(super) async fn history(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Params(q): Params<HistoryQuery>,
) -> AppResult<Response> {
    let e = load_visible(&state, &ctx, &id).await?;
    let revisions = crate::experiences::revisions(&state.db, e.id).await?;
    let latest = revisions.first().map(|r| r.number).unwrap_or(1);
    let pick = |v: Option<String>, default: i64| {
        v.and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(default)
            .clamp(1, latest)
    };
    let to = pick(q.a, latest);
    let from = pick(q.de, (to - 1).max(1));
    let can_edit = crate::experiences::can_edit(ctx.user.as_ref(), &e);
    let parsed = revisions
        .iter()
        .map(|r| Ok((r.number, r.parsed()?)))
        .collect::<anyhow::Result<std::collections::HashMap<i64, ExperienceContent>>>()?;
    let content = |n: i64| {
        let c = parsed.get(&n).cloned().unwrap_or_default();
        if can_edit { c } else { c.public() }
    };
    let diffs = if from == to {
        vec![]
    } else {
        // CPU work with a time budget (diff::DIFF_BUDGET), off the async workers
        let (a, b) = (content(from), content(to));
        let (taxonomy, lang) = (state.taxonomy().await?, ctx.lang);
        // codes are shown by the names the sheet page uses
        let name = move |field: &str, code: &str| match field {
            "country" => taxonomy.country_name(code, lang),
            "status" => lang.t(code),
            "scale" => taxonomy.term_name("scale", code, lang),
            "themes" => taxonomy.term_name("theme", code, lang),
            "actor_types" => taxonomy.term_name("actor", code, lang),
            "modalities" => taxonomy.term_name("modality", code, lang),
            _ => code.to_string(),
        };
        tokio::task::spawn_blocking(move || crate::experiences::diff::diff_contents(&a, &b, name))
            .await
            .map_err(|e| AppError::Internal(e.into()))?
    };
    render(HistoryPage {
        notice: ctx.notice(q.aviso.as_deref(), super::NOTICES),
        ctx,
        e,
        revisions,
        from,
        to,
        diffs,
        can_edit,
    })
}

pub(super) async fn restore(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, number)): Path<(String, i64)>,
    form: Submitted<RestoreForm>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    form.require_csrf()?;
    let user = ctx.require_user()?.clone();
    let old = crate::experiences::revision(&state.db, e.id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let content = old.parsed()?;
    // already what it holds (a double click, or the current version): no empty revision
    if content == e.content {
        return Ok(crate::web::page::see_other_with_notice(
            &e.url(),
            "restaurada",
        ));
    }
    // the version the page showed: a save since (another editor, another tab) is never
    // undone by a restore chosen without seeing it; a form without one is as stale
    let changed = || {
        let history = format!("/experiencias/{}/historial", e.id);
        Ok(crate::web::page::see_other_with_notice(
            &history, "cambiada",
        ))
    };
    let Ok(base) = form.data.version.trim().parse::<i64>() else {
        return changed();
    };
    if base != e.version {
        return changed();
    }
    let note = ctx.t_with("history-restored-note", "number", number);
    match crate::experiences::update(&state.db, &user, e.id, base, &content, &note).await {
        Ok(_) => Ok(crate::web::page::see_other_with_notice(
            &e.url(),
            "restaurada",
        )),
        // someone saved meanwhile: show the history again, nothing was lost
        Err(SaveError::Conflict { .. }) => changed(),
        Err(SaveError::Other(err)) => Err(err.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct RestoreForm {
    /// The sheet's version when the history page was opened.
    version: String,
}
