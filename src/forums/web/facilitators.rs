//! Facilitators' pages: moderation queue, open dilemmas, participation.

use super::*;

pub(super) async fn moderation(
    State(state): State<AppState>,
    ctx: Ctx,
    Facilitated { forum, .. }: Facilitated,
    Params(q): Params<PageQuery>,
) -> AppResult<Response> {
    let rows = store::moderation_queue(&state.db, forum.id).await?;
    let reasons = store::flag_reasons(&state.db, forum.id).await?;
    let refs: Vec<&PostRow> = rows.iter().collect();
    let cc = card_context(&state, &ctx, &forum, Kind::Contribution, &refs, true).await?;
    let mut queue = Vec::new();
    for p in &rows {
        let closed = match p.topic_id {
            None => store::load_topic(&state.db, p.id)
                .await?
                .is_some_and(|t| t.closed_at.is_some()),
            Some(_) => false,
        };
        queue.push(QueueItem {
            post: post_card(&ctx, &cc, p),
            raw: p.clone(),
            is_topic: p.topic_id.is_none(),
            closed,
            reasons: reasons
                .iter()
                .filter(|r| r.0 == p.id)
                .map(|r| (r.1.clone(), r.2))
                .collect(),
        });
    }
    crate::web::render(ModerationPage {
        notice: ctx.notice(q.aviso.as_deref(), NOTICES),
        queue,
        log: store::moderation_log(&state.db, forum.id).await?,
        forum,
        ctx,
    })
}

pub(super) async fn dilemmas(
    State(state): State<AppState>,
    ctx: Ctx,
    Facilitated { forum, .. }: Facilitated,
) -> AppResult<Response> {
    let rows = store::open_dilemmas(&state.db, forum.id).await?;
    let dilemmas = topic_cards(&state, &ctx, &forum, Kind::Workshop, &rows, true).await?;
    crate::web::render(DilemmasPage {
        ctx,
        forum,
        dilemmas,
    })
}

pub(super) async fn participation(
    State(state): State<AppState>,
    ctx: Ctx,
    Facilitated { forum, .. }: Facilitated,
) -> AppResult<Response> {
    let rows = store::participation(&state.db, forum.id).await?;
    crate::web::render(ParticipationPage { ctx, forum, rows })
}
