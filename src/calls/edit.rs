//! Editing and closing a call (its creator, or an admin). Questions stay as they were (answers
//! already given refer to them); dates, texts, eligibility, policy and facilitators change;
//! decisions already taken are kept. Closing ends the call now. Both go to the audit log.

use super::{Call, CallDraft, CallForm};
use crate::accounts::{Role, User};
use crate::db::Db;

/// The admins, and the call's creator while a facilitator, manage it (its facilitators
/// review its submissions).
pub fn can_manage(user: Option<&User>, call: &Call) -> bool {
    user.is_some_and(|u| {
        u.role == Role::Admin || (u.role == Role::Facilitator && u.id == call.created_by)
    })
}

impl CallForm {
    /// The form of an existing call, as it was entered.
    pub fn of(call: &Call, facilitator_emails: &[String]) -> CallForm {
        let local = |t: Option<i64>| {
            t.map(|t| crate::clock::local_input(t, &call.time_zone))
                .unwrap_or_default()
        };
        CallForm {
            title: call.title.clone(),
            description: call.description.clone(),
            instructions: call.instructions.clone(),
            kind: call.kind.code().into(),
            opens_at: local(call.opens_at),
            closes_at: local(call.closes_at),
            time_zone: call.time_zone.clone(),
            review_policy: call.review_policy.code().into(),
            eligible_countries: call.countries(),
            eligible_themes: call.themes(),
            facilitators: facilitator_emails.join(", "),
            revision: call.revision.to_string(),
            ..Default::default()
        }
    }
}

/// E-mails of the call's facilitators (for the form).
pub async fn facilitator_emails(db: &Db, call: i64) -> anyhow::Result<Vec<String>> {
    let rows: Vec<(String,)> = db.all(
        "SELECT u.email FROM call_facilitators f JOIN users u ON u.id = f.user_id WHERE f.call_id = $1 ORDER BY u.email",
        (call,),
    ).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Saves the call's settings over `revision`, the one its form showed: a save made on a
/// stale form (someone saved or closed it meanwhile) is refused, nothing overwritten.
pub async fn update(
    db: &Db,
    by: &User,
    (id, revision): (i64, i64),
    d: &CallDraft,
) -> Result<(), crate::refusal::Refusal> {
    let facilitators = super::reviewers(db, &d.facilitator_emails).await?;
    let mut tx = db.pool.begin().await?;
    let saved = crate::db::query(
        "UPDATE calls SET title = $1, description = $2, instructions = $3, kind = $4, opens_at = $5, \
         closes_at = $6, time_zone = $7, review_policy = $8, eligible_countries = $9, eligible_themes = $10, \
         updated_at = $11, revision = revision + 1 WHERE id = $12 AND revision = $13",
        (&d.title, &d.description, &d.instructions, d.kind, d.opens_at, d.closes_at, &d.time_zone, d.review_policy, d.eligible_countries.join(","), d.eligible_themes.join(","), crate::now(), id, revision),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if saved == 0 {
        return Err(crate::refusal::Refusal::Conflict("error-edited-meanwhile"));
    }
    super::store::set_facilitators(&mut tx, id, &facilitators).await?;
    crate::admin::audit(
        &mut tx,
        Some(by.id),
        "call",
        None,
        &format!("{id}: {}", d.title),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends the call now: it becomes periodic, closed from this moment (its opening kept).
pub async fn close(db: &Db, by: &User, call: &Call) -> anyhow::Result<()> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    crate::db::query(
        "UPDATE calls SET kind = 'periodic', opens_at = COALESCE(opens_at, created_at), \
         closes_at = CASE WHEN closes_at IS NOT NULL AND closes_at < $1 THEN closes_at ELSE $1 END, \
         updated_at = $1, revision = revision + 1 WHERE id = $2",
        (now, call.id),
    )
    .execute(&mut *tx)
    .await?;
    let detail = format!("{}: closed", call.id);
    crate::admin::audit(&mut tx, Some(by.id), "call", None, &detail).await?;
    tx.commit().await?;
    Ok(())
}

/// (id, title) of the forums that belong to the call.
pub async fn forums_of(db: &Db, call: i64) -> anyhow::Result<Vec<(i64, String)>> {
    db.all(
        "SELECT id, title FROM forums WHERE call_id = $1 ORDER BY id",
        (call,),
    )
    .await
}
