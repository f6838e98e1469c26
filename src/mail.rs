//! Outgoing e-mail with lettre: SMTP when `smtp_url` is set, otherwise each message is written
//! as an `.eml` file to `data/outbox/` and logged, so a demo never fails to "send".
//! Sending failures are logged and returned; callers decide whether they matter.
//!
//! Requests never send: they write a `Mail` as a job (`jobs::enqueue_mail`) in the same
//! transaction as what causes it, and the job worker sends it, retrying with backoff.

use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;

/// One message to send, as stored in a `mail` job.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(PathBuf),
    /// Kept in memory, in the order sent (for tests: they read what was sent, as sent).
    Memory(std::sync::Arc<std::sync::Mutex<Vec<Mail>>>),
}

#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

impl Mailer {
    /// `smtp_url` like `smtp://user:pass@host:2525` (plain SMTP: point it at a local relay that
    /// handles TLS); empty for the outbox folder.
    pub fn new(smtp_url: &str, from: &str, outbox: PathBuf) -> anyhow::Result<Mailer> {
        let from: Mailbox = from.parse()?;
        let transport = if smtp_url.trim().is_empty() {
            std::fs::create_dir_all(&outbox)?;
            Transport::Outbox(outbox)
        } else {
            let url = url::Url::parse(smtp_url)?;
            anyhow::ensure!(
                url.scheme() == "smtp",
                "AYNI_SMTP_URL must start with smtp://"
            );
            let host = url.host_str().unwrap_or("localhost").to_string();
            let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                .port(url.port().unwrap_or(25));
            if !url.username().is_empty() {
                builder = builder.credentials(Credentials::new(
                    url.username().to_string(),
                    url.password().unwrap_or("").to_string(),
                ));
            }
            Transport::Smtp(builder.build())
        };
        Ok(Mailer { from, transport })
    }

    /// A mailer that keeps every message in memory (`sent()` lists them).
    pub fn in_memory(from: &str) -> anyhow::Result<Mailer> {
        Ok(Mailer {
            from: from.parse()?,
            transport: Transport::Memory(Default::default()),
        })
    }

    /// The messages an in-memory mailer sent, oldest first (none for the other transports).
    pub fn sent(&self) -> Vec<Mail> {
        match &self.transport {
            Transport::Memory(sent) => sent.lock().map(|s| s.clone()).unwrap_or_default(),
            _ => vec![],
        }
    }

    pub async fn send(&self, to: &str, subject: &str, body: String) -> anyhow::Result<()> {
        // a deleted account's placeholder address (reserved `.invalid`): nobody to tell
        if to.trim().to_ascii_lowercase().ends_with(".invalid") {
            return Ok(());
        }
        let kept = Mail {
            to: to.to_string(),
            subject: subject.to_string(),
            body: body.clone(),
        };
        let message = Message::builder()
            .from(self.from.clone())
            .to(to.parse()?)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)?;
        let result = match &self.transport {
            Transport::Memory(sent) => {
                sent.lock()
                    .map_err(|_| anyhow::anyhow!("in-memory outbox poisoned"))?
                    .push(kept);
                Ok(())
            }
            Transport::Smtp(t) => t.send(message).await.map(|_| ()).map_err(anyhow::Error::from),
            Transport::Outbox(dir) => AsyncFileTransport::<Tokio1Executor>::new(dir)
                .send(message)
                .await
                .map(|id| tracing::info!(to, subject, file = %dir.join(format!("{id}.eml")).display(), "e-mail written to outbox"))
                .map_err(anyhow::Error::from),
        };
        if let Err(e) = &result {
            tracing::error!(to, subject, error = %e, "e-mail not sent");
        }
        result
    }
}

/// What sending e-mails about the site needs: the database (recipients, what to say), the
/// mailer, and the site's address for links.
#[derive(Clone, Copy)]
pub struct Outgoing<'a> {
    pub db: &'a crate::db::Db,
    pub mailer: &'a Mailer,
    pub base_url: &'a str,
}
