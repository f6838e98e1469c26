//! A sheet's public page, with its related and complementary sheets.

use super::*;

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    client: crate::web::ClientIp,
    Path(id): Path<String>,
    Params(q): Params<PageQuery>,
    uri: axum::http::Uri,
) -> AppResult<Response> {
    let e = load_visible(&state, &ctx, &id).await?;
    // an older title's address (a link or bookmark from before a rename) moves for good;
    // the bare id (`/experiencias/12`) is served as it is
    let canonical = e.url();
    if id.contains('-') && canonical.rsplit('/').next() != Some(id.as_str()) {
        let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
        return Ok(axum::response::IntoResponse::into_response(
            axum::response::Redirect::permanent(&format!("{canonical}{query}")),
        ));
    }
    let taxonomy = state.taxonomy().await?;
    let lang = ctx.lang;
    let names = |voc: &str, codes: &[String]| {
        codes
            .iter()
            .map(|c| taxonomy.term_name(voc, c, lang))
            .collect::<Vec<_>>()
    };
    let sections = e
        .content
        .narrative
        .iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(s, text)| Section {
            field: s.code(),
            html: crate::markdown::render(text),
        })
        .collect();
    let (related, learn_from, share_with) = linked_sheets(&state, &e, &taxonomy, &ctx).await?;
    let (offers, cooperation, matches) =
        crate::connections::web::sheet_matches(&state, &ctx, &e, &taxonomy).await?;
    let is_team = ctx
        .user
        .as_ref()
        .is_some_and(|u| crate::connections::in_team(u, &e));
    // an anonymous count of readers (not editors, not crawlers) for "por descubrir"
    let crawler = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ua| {
            ["bot", "crawl", "spider", "slurp"]
                .iter()
                .any(|w| ua.to_ascii_lowercase().contains(w))
        });
    if e.is_published() && !crawler && !crate::experiences::can_edit(ctx.user.as_ref(), &e) {
        // one view per reader and sheet a day: reloads and going back count once
        let reader = crate::web::hash_token(&format!("{}:{}", e.id, client.0));
        let bucket = format!("view:{}", &reader[..16]);
        let counted = match crate::web::rate_limit::hit(&state.db, &bucket, 1, 86_400).await {
            Ok(true) => crate::catalogue::record_view(&state.db, e.id)
                .await
                .map(|_| ()),
            Ok(false) => Ok(()),
            Err(err) => Err(err),
        };
        if let Err(err) = counted {
            tracing::warn!(error = ?err, "view not counted");
        }
    }
    let page = ShowPage {
        related,
        learn_from,
        share_with,
        offers,
        matches,
        cooperation,
        is_team,
        country: taxonomy.country_name(&e.content.country, lang),
        scale: if e.content.scale.is_empty() {
            String::new()
        } else {
            taxonomy.term_name("scale", &e.content.scale, lang)
        },
        themes: names("theme", &e.content.themes),
        actor_types: names("actor", &e.content.actor_types),
        modalities: names("modality", &e.content.modalities),
        sections,
        attachments: crate::experiences::attachments(&state.db, e.id).await?,
        can_edit: crate::experiences::can_edit(ctx.user.as_ref(), &e),
        notice: ctx.notice(q.aviso.as_deref(), NOTICES),
        updated: crate::clock::utc(e.updated_at),
        json_ld: e
            .is_published()
            .then(|| crate::catalogue::open_data::json_ld(&e, &taxonomy, &state.settings.base_url)),
        ctx,
        e,
    };
    render(page)
}

pub(super) fn excerpt(text: &str, n: usize) -> String {
    let plain: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['*', '#', '_'], "");
    let cut: String = plain.chars().take(n).collect();
    if cut.len() < plain.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// Related sheets (similar themes and text) and complementary ones (one has the problem the
/// other learned to solve), each with a one-line reason.
pub(super) async fn linked_sheets(
    state: &AppState,
    e: &Experience,
    taxonomy: &Taxonomy,
    ctx: &Ctx,
) -> AppResult<(Vec<Linked>, Vec<Linked>, Vec<Linked>)> {
    let (related_ids, learn_ids, share_ids) = state.catalogue.linked(e, 3)?;
    let all: Vec<i64> = related_ids
        .iter()
        .chain(&learn_ids)
        .chain(&share_ids)
        .copied()
        .collect();
    let sheets = crate::experiences::load_many(&state.db, &all).await?;
    let lang = ctx.lang;
    let link = |id: &i64, reason: &dyn Fn(&Experience) -> String| {
        sheets
            .iter()
            .find(|s| s.id == *id && s.is_published())
            .map(|s| {
                let reason = reason(s);
                Linked {
                    url: s.url(),
                    title: s.content.title.clone(),
                    country: taxonomy.country_name(&s.content.country, lang),
                    propose: (!ctx
                        .user
                        .as_ref()
                        .is_some_and(|u| crate::connections::in_team(u, s)))
                    .then(|| crate::connections::web::propose_url(s.id, Some(e.id), &reason)),
                    reason,
                }
            })
    };
    let related = related_ids
        .iter()
        .filter_map(|id| {
            link(id, &|s: &Experience| {
                let shared: Vec<String> = s
                    .content
                    .themes
                    .iter()
                    .filter(|t| e.content.themes.contains(t))
                    .map(|t| taxonomy.term_name("theme", t, lang))
                    .collect();
                if shared.is_empty() {
                    ctx.t("related-similar-text")
                } else {
                    ctx.t_with("related-shared-themes", "themes", shared.join(", "))
                }
            })
        })
        .collect();
    let learn_from = learn_ids
        .iter()
        .filter_map(|id| {
            link(id, &|s: &Experience| {
                let n = &s.content.narrative;
                let source = match n.get(crate::experiences::Section::KeysText) {
                    "" => n.get(crate::experiences::Section::Lessons),
                    keys => keys,
                };
                ctx.t_with(
                    "complementary-learn-reason",
                    "excerpt",
                    excerpt(source, 110),
                )
            })
        })
        .collect();
    let share_with = share_ids
        .iter()
        .filter_map(|id| {
            link(id, &|s: &Experience| {
                ctx.t_with(
                    "complementary-share-reason",
                    "excerpt",
                    excerpt(
                        s.content
                            .narrative
                            .get(crate::experiences::Section::Problems),
                        110,
                    ),
                )
            })
        })
        .collect();
    Ok((related, learn_from, share_with))
}
