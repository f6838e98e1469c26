//! Live updates of spaces. Every write to a space records a `space` change in `change_log`;
//! each instance polls the log every second and tells its open Server-Sent-Event streams
//! which spaces changed. Changes made by this instance are also announced at once. The page
//! itself stays the source of truth: a stream only says "reload this part".

use crate::db::Db;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use tokio::sync::{broadcast, watch};

/// How long one stream stays open; the browser's `EventSource` reconnects by itself.
pub const STREAM_SECS: u64 = 600;

#[derive(Clone)]
pub struct Live {
    tx: broadcast::Sender<i64>,
    last_change: Arc<AtomicI64>,
    stopping: Arc<watch::Sender<bool>>,
    /// Open streams by client address (and their total), so no one client and no flood of
    /// clients can hold an unbounded number of connections.
    open: Arc<std::sync::Mutex<std::collections::HashMap<String, usize>>>,
}

/// A place among the open streams; freed when the stream ends or the client goes away.
pub struct StreamSlot {
    open: Arc<std::sync::Mutex<std::collections::HashMap<String, usize>>>,
    client: String,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        if let Ok(mut open) = self.open.lock()
            && let Some(n) = open.get_mut(&self.client)
        {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.client);
            }
        }
    }
}

impl Default for Live {
    fn default() -> Self {
        Self::new()
    }
}

impl Live {
    pub fn new() -> Live {
        let (tx, _) = broadcast::channel(1024);
        Live {
            tx,
            last_change: Arc::new(AtomicI64::new(-1)),
            stopping: Arc::new(watch::channel(false).0),
            open: Arc::default(),
        }
    }

    /// A slot for one more stream of `client`, or `None` when that client already holds
    /// `per_client` streams or the instance holds `total`.
    pub fn open_stream(&self, client: &str, per_client: usize, total: usize) -> Option<StreamSlot> {
        let mut open = self.open.lock().ok()?;
        let all: usize = open.values().sum();
        let mine = open.get(client).copied().unwrap_or(0);
        if mine >= per_client || all >= total {
            return None;
        }
        *open.entry(client.to_string()).or_default() += 1;
        Some(StreamSlot {
            open: self.open.clone(),
            client: client.to_string(),
        })
    }

    /// How many streams are open on this instance.
    pub fn open_streams(&self) -> usize {
        self.open.lock().map(|o| o.values().sum()).unwrap_or(0)
    }

    /// Ends every open stream (the server is shutting down).
    pub fn stop(&self) {
        self.stopping.send_replace(true);
    }

    /// Resolves when the server starts shutting down.
    pub fn stopped(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut rx = self.stopping.subscribe();
        async move {
            let _ = rx.wait_for(|s| *s).await;
        }
    }

    /// Space ids as they change.
    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.tx.subscribe()
    }

    /// A change made by this instance (announced without waiting for the poll).
    pub fn local(&self, space: i64) {
        let _ = self.tx.send(space);
    }

    /// Announces the spaces changed since the last call (the first call only sets the mark).
    pub async fn catch_up(&self, db: &Db) -> anyhow::Result<usize> {
        let since = self.last_change.load(Ordering::SeqCst);
        if since < 0 {
            let last = crate::catalogue::store::last_change_id(db).await?;
            self.last_change.store(last, Ordering::SeqCst);
            return Ok(0);
        }
        let rows = crate::catalogue::store::changes_after(db, since, 1000).await?;
        let mut seen = Vec::new();
        for (_, entity, space) in &rows {
            if entity == "space" && !seen.contains(space) {
                seen.push(*space);
                let _ = self.tx.send(*space);
            }
        }
        if let Some((last, _, _)) = rows.last() {
            self.last_change.store(*last, Ordering::SeqCst);
        }
        Ok(seen.len())
    }

    /// Polls the change log every second for as long as the process runs.
    pub fn follow(&self, db: Db) {
        let me = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
            loop {
                tick.tick().await;
                if let Err(e) = me.catch_up(&db).await {
                    tracing::error!(error = ?e, "live updates catch-up failed");
                }
            }
        });
    }
}
