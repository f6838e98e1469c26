//! SQL for calls, their facilitators and questions, submissions, answers and decisions.

use super::{CallDraft, CallKind, QuestionKind, ReviewPolicy};
use crate::db::Db;
use crate::record;

record! {
    pub struct Call {
        pub id: i64,
        pub title: String,
        pub description: String,
        pub instructions: String,
        pub kind: CallKind,
        pub opens_at: Option<i64>,
        pub closes_at: Option<i64>,
        pub time_zone: String,
        pub review_policy: ReviewPolicy,
        pub eligible_countries: String,
        pub eligible_themes: String,
        pub created_by: i64,
        /// Raised by every save of its settings (a stale form is refused).
        pub revision: i64,
    }
}

record! {
    pub struct Question {
        pub id: i64,
        pub kind: QuestionKind,
        pub label: String,
        pub options: String,
        pub required: i64,
    }
}

record! {
    /// A submission with its sheet's title and owner, for queues and lists.
    pub struct SubmissionView {
        pub id: i64,
        pub call_id: i64,
        pub experience_id: i64,
        pub title: String,
        pub owner_name: String,
        pub owner_email: String,
        pub state: String,
        pub updated_at: i64,
    }
}

impl Question {
    pub fn option_list(&self) -> Vec<String> {
        self.options.lines().map(str::to_string).collect()
    }
    pub fn field(&self) -> String {
        format!("q{}", self.id)
    }
}

impl Call {
    pub fn countries(&self) -> Vec<String> {
        codes(&self.eligible_countries)
    }
    pub fn themes(&self) -> Vec<String> {
        codes(&self.eligible_themes)
    }
}

/// The codes of a stored comma-separated list.
fn codes(list: &str) -> Vec<String> {
    list.split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

const CALL_COLUMNS: &str = "id, title, description, instructions, kind, opens_at, closes_at, time_zone, review_policy, eligible_countries, eligible_themes, created_by, revision";

pub async fn insert(db: &Db, by: i64, d: &CallDraft, facilitators: &[i64]) -> anyhow::Result<i64> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let (id,): (i64,) = crate::db::query_as(
        "INSERT INTO calls (title, description, instructions, kind, opens_at, closes_at, time_zone, review_policy, \
         eligible_countries, eligible_themes, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        (&d.title, &d.description, &d.instructions, d.kind, d.opens_at, d.closes_at, &d.time_zone, d.review_policy, d.eligible_countries.join(","), d.eligible_themes.join(","), by, now),
    )
    .fetch_one(&mut *tx)
    .await?;
    set_facilitators(&mut tx, id, facilitators).await?;
    for (i, q) in d.questions.iter().enumerate() {
        crate::db::query("INSERT INTO call_questions (call_id, position, kind, label, options, required) VALUES ($1, $2, $3, $4, $5, $6)", (id, i as i64, q.kind, &q.label, q.options.join("\n"), q.required as i64))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Makes `users` the call's facilitators (inside the caller's transaction).
pub async fn set_facilitators(
    conn: &mut sqlx::AnyConnection,
    call: i64,
    users: &[i64],
) -> anyhow::Result<()> {
    crate::db::query("DELETE FROM call_facilitators WHERE call_id = $1", (call,))
        .execute(&mut *conn)
        .await?;
    for user in users {
        crate::db::query("INSERT INTO call_facilitators (call_id, user_id) VALUES ($1, $2) ON CONFLICT (call_id, user_id) DO NOTHING", (call, *user))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn load(db: &Db, id: i64) -> anyhow::Result<Option<Call>> {
    let sql = format!("SELECT {CALL_COLUMNS} FROM calls WHERE id = $1");
    db.optional(sqlx::AssertSqlSafe(sql), (id,)).await
}

pub async fn list(db: &Db) -> anyhow::Result<Vec<Call>> {
    let sql = format!(
        "SELECT {CALL_COLUMNS} FROM calls ORDER BY COALESCE(closes_at, 9999999999) DESC, id DESC"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(&db.pool)
        .await?)
}

pub async fn facilitators(db: &Db, call: i64) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = db
        .all(
            "SELECT user_id FROM call_facilitators WHERE call_id = $1",
            (call,),
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn questions(db: &Db, call: i64) -> anyhow::Result<Vec<Question>> {
    db.all("SELECT id, kind, label, options, required FROM call_questions WHERE call_id = $1 ORDER BY position", (call,)).await
}

/// The submissions matching `condition` (on `$1`), with their sheet and its owner.
async fn submissions_where(
    db: &Db,
    condition: &'static str,
    value: i64,
) -> anyhow::Result<Vec<SubmissionView>> {
    let sql = format!(
        "SELECT s.id, s.call_id, s.experience_id, e.title, u.name AS owner_name, u.email AS owner_email, \
         s.state, s.updated_at FROM submissions s JOIN experiences e ON e.id = s.experience_id \
         JOIN users u ON u.id = e.owner_id WHERE {condition}"
    );
    db.all(sqlx::AssertSqlSafe(sql), (value,)).await
}

pub async fn submissions_of(db: &Db, call: i64) -> anyhow::Result<Vec<SubmissionView>> {
    submissions_where(db, "s.call_id = $1 ORDER BY s.updated_at", call).await
}

pub async fn submissions_of_sheet(db: &Db, experience: i64) -> anyhow::Result<Vec<SubmissionView>> {
    let condition = "s.experience_id = $1 ORDER BY s.updated_at DESC";
    submissions_where(db, condition, experience).await
}

pub async fn submission(db: &Db, id: i64) -> anyhow::Result<Option<SubmissionView>> {
    Ok(submissions_where(db, "s.id = $1", id).await?.pop())
}

/// Tells the call's facilitators (and its creator), in the app and by e-mail as each chose,
/// that a submission arrived or came back; inside the caller's transaction.
async fn tell_reviewers(
    conn: &mut sqlx::AnyConnection,
    call: i64,
    submission: i64,
    actor: i64,
) -> anyhow::Result<()> {
    let reviewers: Vec<(i64,)> = crate::db::query_as(
        "SELECT created_by FROM calls WHERE id = $1 UNION SELECT user_id FROM call_facilitators WHERE call_id = $1",
        (call,),
    )
    .fetch_all(&mut *conn)
    .await?;
    for (user,) in reviewers {
        if user != actor {
            crate::notifications::add_about(
                conn,
                user,
                "submission",
                crate::notifications::About::Submission(submission),
                Some(actor),
            )
            .await?;
        }
    }
    Ok(())
}

/// Whether `user` created or facilitates a call to which the sheet was submitted: such
/// reviewers may read it (drafts included) and its revisions.
pub async fn reviews_sheet(db: &Db, user: i64, experience: i64) -> anyhow::Result<bool> {
    let row: Option<(i64,)> = db.optional(
        "SELECT s.id FROM submissions s JOIN calls c ON c.id = s.call_id WHERE s.experience_id = $1 \
         AND (c.created_by = $2 OR EXISTS (SELECT 1 FROM call_facilitators f WHERE f.call_id = c.id AND f.user_id = $2)) \
         LIMIT 1",
        (experience, user),
    ).await?;
    Ok(row.is_some())
}

/// Whether the sheet waits for a decision in a call that reviews before publishing
/// (submitted, or sent back for changes): until approved, it cannot be published.
pub async fn awaiting_review(db: &Db, experience: i64) -> anyhow::Result<bool> {
    let row: Option<(i64,)> = db.optional(
        "SELECT s.id FROM submissions s JOIN calls c ON c.id = s.call_id WHERE s.experience_id = $1 \
         AND c.review_policy = 'review' AND s.state IN ('submitted', 'changes_requested') LIMIT 1",
        (experience,),
    ).await?;
    Ok(row.is_some())
}

/// Approved calls of each sheet in `ids` (batched, for the search index).
pub async fn approved_calls(
    db: &Db,
    ids: &[i64],
) -> anyhow::Result<std::collections::HashMap<i64, Vec<i64>>> {
    let mut out: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT experience_id, call_id FROM submissions WHERE state = 'approved' AND experience_id IN ({})",
        crate::db::placeholders(1, ids.len())
    );
    let mut q = sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(*id);
    }
    for (e, c) in q.fetch_all(&db.pool).await? {
        out.entry(e).or_default().push(c);
    }
    Ok(out)
}

/// Creates or re-sends the submission of a sheet to a call with its answers; returns its id.
/// Sending again what already waits in that state (a reload, a second click, a stale page)
/// only updates the answers: no new entry in its history, no new notice to the reviewers.
/// What became of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// A first application, one after a withdrawal, or one sent back after changes were
    /// asked for (it waits for review again).
    Sent(i64),
    /// The sheet had applied and still waits for review: its answers are the new ones.
    Updated(i64),
    /// The sheet's application was already decided: nothing changed.
    AlreadyDecided(i64),
}

impl Applied {
    /// The submission's id, whatever became of it.
    pub fn id(self) -> i64 {
        match self {
            Applied::Sent(id) | Applied::Updated(id) | Applied::AlreadyDecided(id) => id,
        }
    }
}

pub async fn upsert_submission(
    db: &Db,
    call: i64,
    experience: i64,
    by: i64,
    state: &str,
    answers: &[(i64, String)],
) -> anyhow::Result<Applied> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let before: Option<(i64, String)> = crate::db::query_as(
        "SELECT id, state FROM submissions WHERE call_id = $1 AND experience_id = $2",
        (call, experience),
    )
    .fetch_optional(&mut *tx)
    .await?;
    // a decision stands: applying again from a fresh form never undoes it
    if let Some((id, b)) = &before
        && matches!(b.as_str(), "approved" | "rejected")
    {
        return Ok(Applied::AlreadyDecided(*id));
    }
    let again = before.as_ref().is_some_and(|(_, b)| b == state);
    let (id,): (i64,) = crate::db::query_as(
        "INSERT INTO submissions (call_id, experience_id, submitted_by, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) \
         ON CONFLICT (call_id, experience_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, \
         submitted_by = excluded.submitted_by RETURNING id",
        (call, experience, by, state, now),
    )
    .fetch_one(&mut *tx)
    .await?;
    for (question, value) in answers {
        crate::db::query(
            "INSERT INTO submission_answers (submission_id, question_id, value) VALUES ($1, $2, $3) \
             ON CONFLICT (submission_id, question_id) DO UPDATE SET value = excluded.value",
            (id, *question, value),
        )
        .execute(&mut *tx)
        .await?;
    }
    if !again {
        crate::db::query("INSERT INTO review_decisions (submission_id, reviewer_id, decision, comment, created_at) VALUES ($1, $2, 'submitted', '', $3)", (id, by, now))
            .execute(&mut *tx)
            .await?;
        if state == "submitted" {
            tell_reviewers(&mut tx, call, id, by).await?;
        }
    }
    crate::db::record_change(&mut tx, "experience", experience).await?;
    tx.commit().await?;
    Ok(if again {
        Applied::Updated(id)
    } else {
        Applied::Sent(id)
    })
}

pub async fn answers_of(db: &Db, submission: i64) -> anyhow::Result<Vec<(String, String)>> {
    db.all(
        "SELECT q.label, a.value FROM submission_answers a JOIN call_questions q ON q.id = a.question_id \
         WHERE a.submission_id = $1 ORDER BY q.position",
        (submission,),
    ).await
}

/// (decision, reviewer name, comment, when) — the record of who decided what and when.
pub async fn decisions_of(
    db: &Db,
    submission: i64,
) -> anyhow::Result<Vec<(String, String, String, i64)>> {
    db.all(
        "SELECT d.decision, u.name, d.comment, d.created_at FROM review_decisions d JOIN users u ON u.id = d.reviewer_id \
         WHERE d.submission_id = $1 ORDER BY d.id",
        (submission,),
    ).await
}

/// Records a facilitator's decision and moves the submission to `state`.
/// A review step recorded on a submission: who, what, and the state it leaves.
pub struct Decision<'a> {
    pub submission: i64,
    pub experience: i64,
    pub by: i64,
    /// `approve`, `request_changes`, `resubmitted`
    pub decision: &'a str,
    /// the state the decision was taken on: if another step moved the submission since, it
    /// is not recorded (two reviewers at once, a page opened before a change)
    pub from: &'a str,
    /// the submission's new state
    pub state: &'a str,
    pub comment: &'a str,
}

/// Records a decision, and queues the e-mail that tells about it in the same transaction.
/// Returns false, recording nothing, when the submission is no longer in `d.from`.
pub async fn decide(
    db: &Db,
    d: &Decision<'_>,
    mail: Option<&crate::mail::Mail>,
) -> anyhow::Result<bool> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let moved = crate::db::query(
        "UPDATE submissions SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4",
        (d.state, now, d.submission, d.from),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if moved == 0 {
        return Ok(false);
    }
    if let Some(mail) = mail {
        crate::jobs::enqueue_mail(&mut tx, mail).await?;
    }
    crate::db::query("INSERT INTO review_decisions (submission_id, reviewer_id, decision, comment, created_at) VALUES ($1, $2, $3, $4, $5)", (d.submission, d.by, d.decision, d.comment, now))
        .execute(&mut *tx)
        .await?;
    if d.state == "submitted" {
        let (call,): (i64,) = crate::db::query_as(
            "SELECT call_id FROM submissions WHERE id = $1",
            (d.submission,),
        )
        .fetch_one(&mut *tx)
        .await?;
        tell_reviewers(&mut tx, call, d.submission, d.by).await?;
    }
    crate::db::record_change(&mut tx, "experience", d.experience).await?;
    // reviewers' decisions go to the audit log (an applicant's resubmission is not one)
    if d.decision != "resubmitted" {
        let detail = format!("{} #{}", d.decision, d.submission);
        crate::admin::audit(&mut tx, Some(d.by), "decision", None, &detail).await?;
    }
    tx.commit().await?;
    Ok(true)
}
