//! Attachments, and the administrators' CSV import.

use super::*;

pub(super) async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    let user = ctx.require_user()?.clone();
    let back = |k: &str| {
        Ok(crate::web::page::see_other_with_notice(
            &format!("/experiencias/{}/editar#adjuntos", e.id),
            k,
        ))
    };
    let (name, bytes) = match crate::web::form::single_upload(&mut multipart, &ctx.csrf).await {
        Ok(file) => file,
        Err(code) => return back(code),
    };
    let used = crate::experiences::uploaded_bytes(&state.db, user.id).await?;
    if used + bytes.len() as i64 > state.settings.upload_quota_bytes {
        return back("upload-quota");
    }
    match crate::files::check_upload(&name, &bytes, state.settings.max_upload_bytes) {
        Ok(content_type) => {
            // the same file sent again (a double click, a reload): it is attached already
            for a in crate::experiences::attachments(&state.db, e.id).await? {
                if a.file_name == name
                    && a.size_bytes == bytes.len() as i64
                    && state.storage.find(&a.storage_key).await?.as_deref() == Some(&bytes[..])
                {
                    return back("adjunto");
                }
            }
            let key = state.storage.put(&bytes).await?;
            crate::experiences::add_attachment(
                &state.db,
                e.id,
                &name,
                content_type,
                bytes.len() as i64,
                &key,
                user.id,
            )
            .await?;
            back("adjunto")
        }
        Err(err) => back(err.message_key()),
    }
}

pub(super) async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, attachment, _name)): Path<(String, i64, String)>,
) -> AppResult<Response> {
    let e = load_visible(&state, &ctx, &id).await?;
    let a = crate::experiences::attachment(&state.db, e.id, attachment)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = state
        .storage
        .find(&a.storage_key)
        .await?
        .ok_or(AppError::NotFound)?;
    let inline = a.content_type.starts_with("image/");
    Ok(crate::web::file_response(
        bytes,
        &a.content_type,
        &a.file_name,
        inline,
        false,
    ))
}

pub(super) async fn delete_attachment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, attachment)): Path<(String, i64)>,
    form: Submitted<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let e = load_editable(&state, &ctx, &id).await?;
    form.require_csrf()?;
    crate::experiences::delete_attachment(&state.db, &state.storage, e.id, attachment).await?;
    Ok(crate::web::page::see_other_with_notice(
        &format!("/experiencias/{}/editar#adjuntos", e.id),
        "adjunto-borrado",
    ))
}

pub(super) fn require_admin(ctx: &Ctx) -> AppResult<()> {
    ctx.require_user()?;
    if ctx.is_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(super) async fn import_form(ctx: Ctx) -> AppResult<Response> {
    require_admin(&ctx)?;
    render(ImportPage {
        ctx,
        problems: vec![],
        summary: String::new(),
        result: None,
    })
}

/// The administrators' import: the same checks and report as `ayni import`.
pub(super) async fn import_upload(
    State(state): State<AppState>,
    ctx: Ctx,
    mut multipart: Multipart,
) -> AppResult<Response> {
    require_admin(&ctx)?;
    let admin = ctx.require_user()?.clone();
    let (mut csrf, mut bytes, mut dry_run, mut publish, mut too_large) =
        (String::new(), None, false, false, false);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("csrf") => csrf = field.text().await.unwrap_or_default(),
                Some("dry_run") => dry_run = true,
                Some("publish") => publish = true,
                Some("file") => match field.bytes().await {
                    Ok(b) => bytes = Some(b),
                    Err(_) => too_large = true,
                },
                _ => {}
            },
            Ok(None) => break,
            Err(_) => {
                too_large = true;
                break;
            }
        }
    }
    let problem = |key: &str| crate::experiences::transfer::Problem {
        row: 0,
        column: "-".into(),
        message: ctx.t(key),
    };
    let problems = if too_large {
        vec![problem("import-too-large")]
    } else if !crate::web::form::constant_eq(&csrf, &ctx.csrf) {
        vec![problem("error-csrf")]
    } else if bytes.as_ref().is_none_or(|b| b.is_empty()) {
        vec![problem("upload-empty")]
    } else {
        vec![]
    };
    let page = |problems: Vec<crate::experiences::transfer::Problem>, result: Option<String>| {
        let summary = ctx.t_with("import-report-problems", "count", problems.len());
        ImportPage {
            ctx: ctx.clone(),
            problems,
            summary,
            result,
        }
    };
    if !problems.is_empty() {
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, page(problems, None));
    }
    let taxonomy = state.taxonomy().await?;
    let rows = match crate::experiences::transfer::parse_csv(
        &bytes.unwrap_or_default(),
        &taxonomy,
        ctx.lang,
        this_year(),
        publish,
    ) {
        Ok(rows) => rows,
        Err(problems) => {
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, page(problems, None));
        }
    };
    let result = if dry_run {
        ctx.t_with("import-report-valid", "count", rows.len())
    } else {
        let done = crate::experiences::transfer::import(
            &state.db,
            &rows,
            (admin.id, &state.settings.base_url),
            publish,
            |_| {},
        )
        .await?;
        ctx.lang.t_args(
            "import-report-done",
            &[
                ("imported", done.new.to_string()),
                ("updated", done.updated.to_string()),
                ("existing", done.unchanged.to_string()),
            ],
        )
    };
    render(page(vec![], Some(result)))
}
