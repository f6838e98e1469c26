//! Exchange requests: a person asks a sheet's team for an exchange; the team accepts,
//! declines (with an optional kind message) or proposes something else; the asker accepts a
//! proposal or withdraws. Acceptance opens the conversation, in the same transaction. Every
//! step notifies the other side inside its transaction (in the app, and by e-mail as each
//! person chose).

use super::{RequestState, Way, join_codes, split_codes};
use crate::accounts::User;
use crate::db::Db;
use crate::experiences::Experience;
use crate::notifications::{About, add_about};
use crate::record;
use crate::refusal::Refusal;
use crate::web::FieldErrors;
use serde::Deserialize;
use sqlx::AnyConnection;

pub const PURPOSE_MAX: usize = 1000;
pub const ANSWER_MAX: usize = 1000;
/// Requests one person may send in a day (every instance shares the count).
pub const PER_DAY: i64 = 10;

record! {
    pub struct Request {
        pub id: i64,
        pub from_user: i64,
        pub from_name: String,
        pub from_experience: Option<i64>,
        pub from_title: Option<String>,
        pub to_experience: i64,
        pub to_title: String,
        pub purpose: String,
        pub ways: String,
        pub reason: String,
        pub state: RequestState,
        pub answer: String,
        pub answered_at: Option<i64>,
        pub accepted_at: Option<i64>,
        pub created_at: i64,
        pub conversation_id: Option<i64>,
    }
}

impl Request {
    pub fn url(&self) -> String {
        format!("/intercambios/{}", self.id)
    }
    pub fn ways(&self) -> Vec<Way> {
        split_codes(&self.ways, Way::parse)
    }
    pub fn when(&self) -> String {
        crate::clock::utc(self.created_at)
    }
    pub fn is_open(&self) -> bool {
        matches!(self.state, RequestState::Pending | RequestState::Proposed)
    }
}

const SELECT: &str = "SELECT r.id, r.from_user, u.name AS from_name, r.from_experience, \
    fe.title AS from_title, r.to_experience, te.title AS to_title, r.purpose, r.ways, r.reason, \
    r.state, r.answer, r.answered_at, r.accepted_at, r.created_at, cv.id AS conversation_id \
    FROM exchange_requests r JOIN users u ON u.id = r.from_user \
    JOIN experiences te ON te.id = r.to_experience \
    LEFT JOIN experiences fe ON fe.id = r.from_experience \
    LEFT JOIN conversations cv ON cv.request_id = r.id";

pub async fn load(db: &Db, id: i64) -> anyhow::Result<Option<Request>> {
    let sql = format!("{SELECT} WHERE r.id = $1");
    db.optional(sqlx::AssertSqlSafe(sql), (id,)).await
}

/// Requests to sheets `user` is in the team of, newest first.
pub async fn incoming(db: &Db, user: i64) -> anyhow::Result<Vec<Request>> {
    let sql = format!(
        "{SELECT} WHERE te.owner_id = $1 OR EXISTS (SELECT 1 FROM coeditors c \
         WHERE c.experience_id = r.to_experience AND c.user_id = $1) ORDER BY r.id DESC LIMIT 200"
    );
    db.all(sqlx::AssertSqlSafe(sql), (user,)).await
}

/// Requests `user` sent, newest first.
pub async fn outgoing(db: &Db, user: i64) -> anyhow::Result<Vec<Request>> {
    let sql = format!("{SELECT} WHERE r.from_user = $1 ORDER BY r.id DESC LIMIT 200");
    db.all(sqlx::AssertSqlSafe(sql), (user,)).await
}

/// The request `user` has waiting with `experience`, if any, and whether its team blocked
/// them.
pub async fn standing(db: &Db, user: i64, experience: i64) -> anyhow::Result<(Option<i64>, bool)> {
    let open: Option<(i64,)> = db
        .optional(
            "SELECT MIN(id) FROM exchange_requests WHERE from_user = $1 AND to_experience = $2 \
         AND state IN ('pending', 'proposed') HAVING COUNT(*) > 0",
            (user, experience),
        )
        .await?;
    let (blocked,): (i64,) = db
        .one(
            "SELECT COUNT(*) FROM exchange_blocks WHERE user_id = $1 AND experience_id = $2",
            (user, experience),
        )
        .await?;
    Ok((open.map(|o| o.0), blocked > 0))
}

/// The request form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RequestForm {
    /// The asker's own sheet (its id), or empty.
    pub desde: String,
    pub purpose: String,
    pub ways: Vec<String>,
    /// Why the pairing was suggested (pre-filled from a suggestion).
    pub motivo: String,
}

pub struct Ask {
    pub from_experience: Option<i64>,
    pub purpose: String,
    pub ways: Vec<Way>,
    pub reason: String,
}

impl RequestForm {
    /// `mine`: the ids of the sheets the asker may name.
    pub fn parse(&self, mine: &[i64]) -> Result<Ask, FieldErrors> {
        let mut errors = FieldErrors::new();
        let from_experience = match self.desde.trim() {
            "" => None,
            id => match id.parse::<i64>().ok().filter(|i| mine.contains(i)) {
                Some(i) => Some(i),
                None => {
                    errors.add("desde", "error-choice-unknown");
                    None
                }
            },
        };
        let purpose = crate::web::form::bounded(&mut errors, "purpose", &self.purpose, PURPOSE_MAX);
        if crate::web::form::is_blank(&purpose) {
            errors.add("purpose", "error-required");
        }
        let mut ways = Vec::new();
        for code in &self.ways {
            match Way::parse(code) {
                Some(w) if !ways.contains(&w) => ways.push(w),
                Some(_) => {}
                None => errors.add("ways", "error-choice-unknown"),
            }
        }
        if ways.is_empty() && errors.get("ways").is_none() {
            errors.add("ways", "exchange-error-ways");
        }
        // the suggestion's reason travels in a link: cut, never refused (it cannot be edited)
        let reason: String = crate::web::form::clean_text(&self.motivo)
            .chars()
            .take(300)
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Ask {
            from_experience,
            purpose,
            ways,
            reason,
        })
    }
    pub fn has_way(&self, code: &str) -> bool {
        self.ways.iter().any(|w| w == code)
    }
}

/// The people of a sheet's team (owner first).
pub fn team(e: &Experience) -> Vec<i64> {
    let mut ids = vec![e.owner_id];
    ids.extend(e.coeditor_ids.iter().filter(|i| **i != e.owner_id));
    ids
}

async fn notify_all(
    conn: &mut AnyConnection,
    people: &[i64],
    except: i64,
    request: i64,
) -> anyhow::Result<()> {
    for user in people.iter().filter(|u| **u != except) {
        add_about(
            conn,
            *user,
            "exchange",
            About::Request(request),
            Some(except),
        )
        .await?;
    }
    Ok(())
}

/// Sends a request. The rules are `super::may_ask`; the daily limit is the caller's.
pub async fn ask(
    db: &Db,
    now: i64,
    asker: &User,
    target: &Experience,
    ask: &Ask,
) -> Result<i64, Refusal> {
    let (open, blocked) = standing(db, asker.id, target.id).await?;
    super::may_ask(asker, target, blocked, open.is_some())?;
    if let Some(from) = ask.from_experience
        && let Some(from) = crate::experiences::load(db, from).await?
        && super::teams_overlap(&from, target)
    {
        return Err(Refusal::Field("desde", "exchange-error-own-sheet"));
    }
    if !answerable(db, target).await? {
        return Err(Refusal::Invalid("exchange-error-no-team"));
    }
    let mut tx = db.pool.begin().await?;
    // the database holds one waiting proposal per person and team: two sent at once (two
    // tabs, two instances) make one, and the other is told it is waiting
    let inserted: Option<(i64,)> = crate::db::query_as(
        "INSERT INTO exchange_requests (from_user, from_experience, to_experience, purpose, ways, \
         reason, state, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) \
         ON CONFLICT DO NOTHING RETURNING id",
        (
            asker.id,
            ask.from_experience,
            target.id,
            &ask.purpose,
            join_codes(ask.ways.iter().map(|w| w.code())),
            &ask.reason,
            now,
        ),
    )
    .fetch_optional(&mut *tx)
    .await?;
    let (id,) = inserted.ok_or(Refusal::Conflict("exchange-error-open"))?;
    notify_all(&mut tx, &team(target), asker.id, id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Whether anyone can answer for `sheet`: an active owner or co-editor (a sheet whose only
/// person deleted or lost their account stays readable, but takes no requests).
pub async fn answerable(db: &Db, sheet: &Experience) -> anyhow::Result<bool> {
    for user in team(sheet) {
        if crate::accounts::is_active(db, user).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The receiving team's answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    Accept,
    Decline,
    /// Propose something else (the message says what).
    Propose,
}

impl Answer {
    pub fn parse(code: &str) -> Option<Answer> {
        match code {
            "aceptar" => Some(Answer::Accept),
            "declinar" => Some(Answer::Decline),
            "proponer" => Some(Answer::Propose),
            _ => None,
        }
    }
}

/// Everyone on each side of a request: the asker with their sheet's team, and the receiving
/// sheet's team. `from` is the asker's sheet, when the request names one.
pub fn sides(r: &Request, from: Option<&Experience>, to: &Experience) -> (Vec<i64>, Vec<i64>) {
    let mut asking = vec![r.from_user];
    if let Some(f) = from {
        asking.extend(team(f).into_iter().filter(|u| *u != r.from_user));
    }
    let receiving: Vec<i64> = team(to)
        .into_iter()
        .filter(|u| !asking.contains(u))
        .collect();
    (asking, receiving)
}

/// Moves a request from one of `from_states` to `to`, only if it is still there (two team
/// members answering at once: one wins, the other is told it was answered).
async fn transition(
    conn: &mut AnyConnection,
    r: &Request,
    to: RequestState,
    answer: Option<(&str, i64)>,
    now: i64,
) -> Result<(), Refusal> {
    let accepted = (to == RequestState::Accepted).then_some(now);
    let done = match answer {
        Some((text, by)) => crate::db::query(
            "UPDATE exchange_requests SET state = $1, answer = $2, answered_by = $3, answered_at = $4, \
             accepted_at = $5 WHERE id = $6 AND state = $7",
            (to, text, by, now, accepted, r.id, r.state),
        ),
        None => crate::db::query(
            "UPDATE exchange_requests SET state = $1, answered_at = COALESCE(answered_at, $2), \
             accepted_at = $3 WHERE id = $4 AND state = $5",
            (to, now, accepted, r.id, r.state),
        ),
    }
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(Refusal::Conflict("exchange-error-answered"));
    }
    Ok(())
}

/// A request with the sheets on both of its sides: what answering and settling act on.
#[derive(Clone, Copy)]
pub struct Between<'a> {
    pub request: &'a Request,
    /// The asker's sheet, when they asked for one.
    pub from: Option<&'a Experience>,
    pub to: &'a Experience,
}

/// Which side a step tells: the other one.
enum Tell {
    Asking,
    Receiving,
}

/// Moves the request to `state` in one transaction (with the answer's text, if any): an
/// acceptance opens the conversation between both sides, and the other side is told.
async fn step(
    db: &Db,
    (now, user): (i64, &User),
    b: Between<'_>,
    (state, text): (RequestState, Option<&str>),
    tell: Tell,
) -> Result<(), Refusal> {
    let mut tx = db.pool.begin().await?;
    transition(&mut tx, b.request, state, text.map(|t| (t, user.id)), now).await?;
    let (asking, receiving) = sides(b.request, b.from, b.to);
    if state == RequestState::Accepted {
        super::conversations::open_in(&mut tx, b.request.id, &asking, &receiving, now).await?;
    }
    let told = match tell {
        Tell::Asking => &asking,
        Tell::Receiving => &receiving,
    };
    notify_all(&mut tx, told, user.id, b.request.id).await?;
    tx.commit().await?;
    Ok(())
}

/// The receiving team answers. Accepting opens the conversation between both sides.
pub async fn answer(
    db: &Db,
    now: i64,
    user: &User,
    b: Between<'_>,
    answer: Answer,
    message: &str,
) -> Result<(), Refusal> {
    let Between { request: r, to, .. } = b;
    super::may_answer(user, to, r.state)?;
    if answer == Answer::Accept && !crate::accounts::is_active(db, r.from_user).await? {
        return Err(Refusal::Invalid("exchange-error-asker-gone"));
    }
    if answer == Answer::Propose && crate::web::form::is_blank(message) {
        return Err(Refusal::Field("answer", "exchange-error-proposal"));
    }
    let state = match answer {
        Answer::Accept => RequestState::Accepted,
        Answer::Decline => RequestState::Declined,
        Answer::Propose => RequestState::Proposed,
    };
    step(db, (now, user), b, (state, Some(message)), Tell::Asking).await
}

/// The asker accepts a proposal (which opens the conversation) or withdraws.
pub async fn settle(
    db: &Db,
    now: i64,
    user: &User,
    b: Between<'_>,
    accept: bool,
) -> Result<(), Refusal> {
    super::may_settle(user, b.request.from_user, b.request.state, accept)?;
    let state = if accept {
        RequestState::Accepted
    } else {
        RequestState::Withdrawn
    };
    step(db, (now, user), b, (state, None), Tell::Receiving).await
}

/// The receiving team blocks the asker: the request is declined if it was waiting, and they
/// cannot ask this sheet again.
pub async fn block(
    db: &Db,
    now: i64,
    user: &User,
    r: &Request,
    to: &Experience,
) -> Result<(), Refusal> {
    if !super::in_team(user, to) {
        return Err(Refusal::Forbidden("error-forbidden"));
    }
    let mut tx = db.pool.begin().await?;
    crate::db::query(
        "INSERT INTO exchange_blocks (experience_id, user_id, blocked_by, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (experience_id, user_id) DO NOTHING",
        (to.id, r.from_user, user.id, now),
    )
    .execute(&mut *tx)
    .await?;
    if r.is_open() {
        transition(&mut tx, r, RequestState::Declined, Some(("", user.id)), now).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub const REPORT_MAX: usize = 1000;

/// A party reports abuse; facilitators see it.
pub async fn report(
    db: &Db,
    now: i64,
    user: &User,
    r: &Request,
    reason: &str,
) -> Result<(), Refusal> {
    if crate::web::form::is_blank(reason) {
        return Err(Refusal::Field("reason", "error-required"));
    }
    crate::db::query(
        "INSERT INTO exchange_reports (request_id, reporter, reason, created_at) VALUES ($1, $2, $3, $4)",
        (r.id, user.id, reason, now),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}

record! {
    pub struct Report {
        pub id: i64,
        pub request_id: i64,
        pub reporter_name: String,
        pub reason: String,
        pub created_at: i64,
        pub handled_at: Option<i64>,
        pub from_name: String,
        pub to_title: String,
        pub purpose: String,
    }
}

/// Abuse reports, open ones first.
pub async fn reports(db: &Db) -> anyhow::Result<Vec<Report>> {
    Ok(sqlx::query_as(
        "SELECT x.id, x.request_id, rp.name AS reporter_name, x.reason, x.created_at, x.handled_at, \
         u.name AS from_name, te.title AS to_title, r.purpose FROM exchange_reports x \
         JOIN exchange_requests r ON r.id = x.request_id JOIN users rp ON rp.id = x.reporter \
         JOIN users u ON u.id = r.from_user JOIN experiences te ON te.id = r.to_experience \
         ORDER BY CASE WHEN x.handled_at IS NULL THEN 0 ELSE 1 END, x.id DESC LIMIT 200",
    )
    .fetch_all(&db.pool)
    .await?)
}

/// A facilitator marks a report handled (false: there is no such report).
pub async fn handle_report(db: &Db, now: i64, user: &User, id: i64) -> anyhow::Result<bool> {
    Ok(crate::db::query(
        "UPDATE exchange_reports SET handled_at = COALESCE(handled_at, $1), \
         handled_by = COALESCE(handled_by, $2) WHERE id = $3",
        (now, user.id, id),
    )
    .execute(&db.pool)
    .await?
    .rows_affected()
        > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever is typed, the form either gives a bounded request or says what is wrong.
        #[test]
        fn any_request_form_is_bounded_or_refused(
            desde in "\\PC{0,20}",
            purpose in "\\PC{0,1500}",
            ways in proptest::collection::vec("\\PC{0,15}", 0..6),
            motivo in "\\PC{0,600}",
        ) {
            let form = RequestForm { desde, purpose, ways, motivo };
            if let Ok(ask) = form.parse(&[1, 2]) {
                prop_assert!(ask.purpose.chars().count() <= PURPOSE_MAX);
                prop_assert!(!ask.purpose.trim().is_empty());
                prop_assert!(!ask.ways.is_empty());
                prop_assert!(ask.reason.chars().count() <= 300);
                prop_assert!(ask.from_experience.is_none_or(|i| i == 1 || i == 2));
            }
        }
    }
}
