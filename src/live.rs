//! Live updates of forum spaces and conversations. Every write to one records a change
//! (`space` or `conversation`) in `change_log`; each instance polls the log every second and
//! tells its open Server-Sent-Event streams what changed. Changes made by this instance are
//! also announced at once. The page itself stays the source of truth: a stream only says
//! "reload this part" (`static/ayni.js` refreshes the page's `data-live` region).

use crate::db::Db;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use tokio::sync::{broadcast, watch};

/// How long one stream stays open; the browser's `EventSource` reconnects by itself.
pub const STREAM_SECS: u64 = 600;

/// What a stream follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feed {
    Space,
    Conversation,
    /// The site settings or the taxonomies changed: every instance drops its cached copy
    /// (`AppState::start_background`).
    Settings,
}

impl Feed {
    fn of_entity(entity: &str) -> Option<Feed> {
        match entity {
            "space" => Some(Feed::Space),
            "conversation" => Some(Feed::Conversation),
            "site" | "taxonomy" | "reindex" => Some(Feed::Settings),
            _ => None,
        }
    }
}

#[derive(Clone)]
pub struct Live {
    tx: broadcast::Sender<(Feed, i64)>,
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

    /// What changes, as it changes.
    pub fn subscribe(&self) -> broadcast::Receiver<(Feed, i64)> {
        self.tx.subscribe()
    }

    /// A change to a space made by this instance (announced without waiting for the poll).
    pub fn local(&self, space: i64) {
        self.announce(Feed::Space, space);
    }

    /// A change made by this instance (announced without waiting for the poll).
    pub fn announce(&self, feed: Feed, id: i64) {
        let _ = self.tx.send((feed, id));
    }

    /// The Server-Sent-Event stream of one space or conversation: an `update` event whenever
    /// it changes. It ends at shutdown or after `STREAM_SECS` (the browser reconnects).
    pub fn stream(&self, slot: StreamSlot, feed: Feed, id: i64) -> axum::response::Response {
        use axum::response::IntoResponse;
        use axum::response::sse::{Event, KeepAlive, Sse};
        let rx = self.subscribe();
        let end = Box::pin(tokio::time::timeout(
            std::time::Duration::from_secs(STREAM_SECS),
            self.stopped(),
        ));
        let stream = futures_util::stream::unfold(
            (rx, end, slot),
            move |(mut rx, mut end, slot)| async move {
                use tokio::sync::broadcast::error::RecvError;
                loop {
                    tokio::select! {
                        _ = &mut end => return None,
                        got = rx.recv() => match got {
                            Ok(change) if change != (feed, id) => continue,
                            Ok(_) | Err(RecvError::Lagged(_)) => {
                                let event = Event::default().event("update").data(id.to_string());
                                return Some((Ok::<_, std::convert::Infallible>(event), (rx, end, slot)));
                            }
                            Err(RecvError::Closed) => return None,
                        },
                    }
                }
            },
        );
        Sse::new(stream)
            .keep_alive(KeepAlive::default())
            .into_response()
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
        for (_, entity, id) in &rows {
            if let Some(feed) = Feed::of_entity(entity)
                && !seen.contains(&(feed, *id))
            {
                seen.push((feed, *id));
                let _ = self.tx.send((feed, *id));
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
