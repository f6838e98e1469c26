//! Background jobs in the database, so they survive restarts and any instance may run them.
//! A worker claims one due job by a lease (`locked_until`): a conditional update that only
//! one instance can win. A job that fails is retried later (up to five attempts); a worker
//! that dies mid-job loses its lease and another picks the job up.
//!
//! Kinds: `mail` (one message, payload = JSON `mail::Mail`, written in the transaction of
//! what causes it), `email` (one immediate notification e-mail, payload = notification id)
//! `digest` (the daily digest; one per day, made unique by its key `digest:YYYY-MM-DD`) and
//! `reset` (a password-reset request: the job looks the account up, so the request does the
//! same work whether or not it exists), `prune` (the daily clean-up of tables that only grow, `prune:YYYY-MM-DD`, 03:00 UTC).
//! A job that fails `MAX_ATTEMPTS` times is given up: logged as an error and listed by
//! `ayni jobs` for operators.

use crate::db::Db;
use sqlx::AnyConnection;

/// What the job worker needs: its own handles on the database, the mailer and the settings
/// (cheap clones), never the whole application state.
#[derive(Clone)]
pub struct Runner {
    pub db: Db,
    pub mailer: crate::mail::Mailer,
    pub settings: std::sync::Arc<crate::config::Settings>,
}

impl Runner {
    /// What sending e-mails needs.
    pub fn outgoing(&self) -> crate::mail::Outgoing<'_> {
        crate::mail::Outgoing {
            db: &self.db,
            mailer: &self.mailer,
            base_url: &self.settings.base_url,
        }
    }
}

const LEASE_SECS: i64 = 120;
const MAX_ATTEMPTS: i64 = 5;

pub async fn enqueue(
    conn: &mut AnyConnection,
    kind: &str,
    unique_key: Option<&str>,
    payload: &str,
    run_at: i64,
) -> anyhow::Result<()> {
    crate::db::query(
        "INSERT INTO jobs (kind, unique_key, payload, run_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (unique_key) DO NOTHING",
        (kind, unique_key, payload, run_at),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Queues one e-mail, on the caller's connection or transaction.
pub async fn enqueue_mail(
    conn: &mut AnyConnection,
    mail: &crate::mail::Mail,
) -> anyhow::Result<()> {
    enqueue(
        conn,
        "mail",
        None,
        &serde_json::to_string(mail)?,
        crate::now(),
    )
    .await
}

/// A job that failed for good, or is still waiting: what operators look at.
#[derive(Debug)]
pub struct JobReport {
    pub id: i64,
    pub kind: String,
    pub attempts: i64,
    pub last_error: String,
    pub payload: String,
}

/// Jobs given up after their last attempt (newest first).
pub async fn failed(db: &Db, limit: i64) -> anyhow::Result<Vec<JobReport>> {
    let rows: Vec<(i64, String, i64, String, String)> = db.all(
        "SELECT id, kind, attempts, last_error, payload FROM jobs \
         WHERE done_at IS NOT NULL AND last_error <> '' AND attempts >= $1 ORDER BY id DESC LIMIT $2",
        (MAX_ATTEMPTS, limit),
    ).await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, attempts, last_error, payload)| JobReport {
            id,
            kind,
            attempts,
            last_error,
            payload,
        })
        .collect())
}

/// How many jobs wait to run.
pub async fn pending(db: &Db) -> anyhow::Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM jobs WHERE done_at IS NULL")
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}

#[derive(Debug)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
}

/// Claims the oldest job due by `due_by`, or `None`. Leases run on the real clock.
pub async fn claim(db: &Db, worker: &str, due_by: i64) -> anyhow::Result<Option<Job>> {
    let clock = crate::now();
    let row: Option<(i64, String, String, i64)> = db
        .optional(
            "UPDATE jobs SET locked_until = $1, locked_by = $2, attempts = attempts + 1 \
         WHERE id = (SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $3 \
                     AND (locked_until IS NULL OR locked_until < $4) ORDER BY run_at, id LIMIT 1) \
         AND done_at IS NULL AND (locked_until IS NULL OR locked_until < $4) \
         RETURNING id, kind, payload, attempts",
            (clock + LEASE_SECS, worker, due_by, clock),
        )
        .await?;
    Ok(row.map(|(id, kind, payload, attempts)| Job {
        id,
        kind,
        payload,
        attempts,
    }))
}

async fn finish(db: &Db, job: &Job, error: Option<String>, now: i64) -> anyhow::Result<()> {
    match error {
        None => {
            crate::db::query(
                "UPDATE jobs SET done_at = $2, locked_until = NULL WHERE id = $1",
                (job.id, now),
            )
            .execute(&db.pool)
            .await?;
        }
        Some(e) => {
            let give_up = job.attempts >= MAX_ATTEMPTS;
            if give_up {
                tracing::error!(job = job.id, kind = %job.kind, attempts = job.attempts, error = %e, "job given up (see `ayni jobs`)");
            }
            crate::db::query(
                "UPDATE jobs SET last_error = $2, locked_until = NULL, run_at = $3, done_at = $4 WHERE id = $1",
                (job.id, e, now + 60 * job.attempts * job.attempts, give_up.then_some(now)),
            )
            .execute(&db.pool)
            .await?;
        }
    }
    Ok(())
}

/// The next digest: today's at `hour` UTC if still ahead, else tomorrow's.
pub fn next_digest(now: i64, hour: i64) -> (String, i64) {
    let day = now.div_euclid(86_400);
    let at = |d: i64| d * 86_400 + hour.clamp(0, 23) * 3600;
    let d = if at(day) > now { day } else { day + 1 };
    let date = jiff::Timestamp::from_second(at(d))
        .map(|t| t.strftime("%Y-%m-%d").to_string())
        .unwrap_or_default();
    (format!("digest:{date}"), at(d))
}

/// Deletes finished jobs: done ones after a week, given-up ones after 90 days (operators
/// see them with `ayni jobs` meanwhile).
async fn prune_finished(db: &Db, now: i64) -> anyhow::Result<u64> {
    Ok(crate::db::query(
        "DELETE FROM jobs WHERE done_at IS NOT NULL AND \
         ((last_error = '' AND done_at < $1) OR done_at < $2)",
        (now - 7 * 86_400, now - 90 * 86_400),
    )
    .execute(&db.pool)
    .await?
    .rows_affected())
}

/// The daily clean-up (one instance runs it, by its lease): tables that only grow.
pub async fn prune(db: &Db, now: i64) -> anyhow::Result<u64> {
    let mut n = crate::db::prune_change_log(db, now - 7 * 86_400).await?;
    n += crate::web::rate_limit::prune(db, now - 86_400).await?;
    n += crate::web::once::prune(db, now - 86_400).await?;
    n += crate::accounts::prune(db, now).await?;
    n += prune_finished(db, now).await?;
    tracing::info!(rows = n, "daily clean-up done");
    Ok(n)
}

/// Schedules the next daily clean-up (03:00 UTC), once whichever instance asks first.
pub async fn schedule_prune(db: &Db, now: i64) -> anyhow::Result<()> {
    let (key, at) = next_digest(now, 3);
    let key = key.replace("digest:", "prune:");
    let mut conn = db.pool.acquire().await?;
    enqueue(&mut conn, "prune", Some(&key), "", at).await
}

/// Makes sure the next digest is scheduled (once, whichever instance asks first).
pub async fn schedule_digest(db: &Db, hour_utc: i64, now: i64) -> anyhow::Result<()> {
    let (key, at) = next_digest(now, hour_utc);
    let mut conn = db.pool.acquire().await?;
    enqueue(&mut conn, "digest", Some(&key), "", at).await
}

async fn run(runner: &Runner, job: &Job) -> anyhow::Result<()> {
    match job.kind.as_str() {
        "mail" => {
            let mail: crate::mail::Mail = serde_json::from_str(&job.payload)?;
            runner.mailer.send(&mail.to, &mail.subject, mail.body).await
        }
        "email" => crate::notifications::send_one(runner.outgoing(), job.payload.parse()?).await,
        "digest" => crate::notifications::send_digests(runner.outgoing())
            .await
            .map(|_| ()),
        "prune" => prune(&runner.db, crate::now()).await.map(|_| ()),
        "reset" => {
            crate::accounts::send_reset(&runner.db, &runner.settings.base_url, &job.payload).await
        }
        other => anyhow::bail!("unknown job kind {other}"),
    }
}

/// Runs every job due at `now`, including those the jobs queue meanwhile (a reset request
/// queues its e-mail). Returns how many ran.
pub async fn run_due(runner: &Runner, worker: &str, now: i64) -> anyhow::Result<usize> {
    let mut n = 0;
    while let Some(job) = claim(&runner.db, worker, now.max(crate::now())).await? {
        let outcome = run(runner, &job).await;
        if let Err(e) = &outcome {
            tracing::warn!(job = job.id, kind = %job.kind, error = %e, "job failed");
        }
        let done_at = crate::now().max(now);
        finish(
            &runner.db,
            &job,
            outcome.err().map(|e| e.to_string()),
            done_at,
        )
        .await?;
        n += 1;
    }
    Ok(n)
}

/// Gives back the leases of `worker` (at shutdown), so another instance takes its jobs at
/// once instead of after the lease runs out.
pub async fn release_leases(db: &Db, worker: &str) -> anyhow::Result<u64> {
    Ok(crate::db::query(
        "UPDATE jobs SET locked_until = NULL WHERE locked_by = $1 AND done_at IS NULL",
        (worker,),
    )
    .execute(&db.pool)
    .await?
    .rows_affected())
}

/// The worker of this instance: every few seconds, schedules the digest and runs due jobs.
/// Returns the worker's name (its leases carry it).
pub fn spawn(runner: Runner) -> String {
    let worker = format!("{}-{}", std::process::id(), crate::web::random_token(4));
    let name = worker.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
        loop {
            tick.tick().await;
            let now = crate::now();
            if let Err(e) = schedule_digest(&runner.db, runner.settings.digest_hour_utc, now).await
            {
                tracing::error!(error = ?e, "digest scheduling failed");
            }
            if let Err(e) = schedule_prune(&runner.db, now).await {
                tracing::error!(error = ?e, "clean-up scheduling failed");
            }
            if let Err(e) = run_due(&runner, &worker, now).await {
                tracing::error!(error = ?e, "job worker failed");
            }
        }
    });
    name
}

#[cfg(test)]
mod tests {
    use super::next_digest;

    #[test]
    fn the_next_digest_is_today_or_tomorrow() {
        // 2026-11-25 10:00 UTC
        let now = 1_795_600_800 - 1_795_600_800 % 86_400 + 10 * 3600;
        let (key, at) = next_digest(now, 11);
        assert_eq!(at - now, 3600);
        assert!(key.starts_with("digest:"));
        let (key2, at2) = next_digest(now, 9);
        assert_eq!(at2 - now, 23 * 3600);
        assert_ne!(key, key2);
    }
}
