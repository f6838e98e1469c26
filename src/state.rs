//! The shared state of one instance: the database, the search catalogue, settings, mailer,
//! file storage and the live-update feed. Handlers extract it; domain operations never take
//! it whole, only the pieces they need.

use crate::config::Settings;
use crate::db::Db;
use crate::files::Storage;
use crate::mail::Mailer;
use std::sync::Arc;
use std::time::Duration;

/// A value re-read from the database when older than a minute.
type Cached<T> = Arc<std::sync::Mutex<Option<(std::time::Instant, T)>>>;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// Taxonomies change rarely (administrators): read at most once a minute per instance.
    taxonomy: Cached<crate::taxonomy::Taxonomy>,
    /// The site's settings (name, contact…), re-read at most once a minute.
    site: Cached<Arc<crate::admin::Site>>,
    pub catalogue: Arc<crate::catalogue::Catalogue>,
    pub settings: Arc<Settings>,
    pub mailer: Mailer,
    pub storage: Storage,
    /// This instance's clock (tests move it).
    pub clock: crate::clock::Clock,
    /// Tells open live-update streams which forum spaces changed.
    pub live: crate::live::Live,
}

impl AppState {
    /// Builds the state; the caller fills the search index (`catalogue.rebuild`) and starts
    /// following the change log (`catalogue.follow`).
    pub fn new(db: Db, settings: Settings) -> anyhow::Result<AppState> {
        let mailer = Mailer::new(
            &settings.smtp_url,
            &settings.mail_from,
            settings.data_dir.join("outbox"),
        )?;
        let storage = Storage::new(settings.data_dir.join("files"), db.clone())?;
        let catalogue = Arc::new(crate::catalogue::Catalogue::new()?);
        Ok(AppState {
            db,
            taxonomy: Arc::default(),
            site: Arc::default(),
            catalogue,
            settings: Arc::new(settings),
            mailer,
            storage,
            live: crate::live::Live::new(),
            clock: crate::clock::Clock::default(),
        })
    }
}

impl AppState {
    /// Starts this instance's background work: following the change log (search index and
    /// live updates) and the job worker (notification e-mails, daily digest).
    /// Returns the job worker's name, whose leases `jobs::release_leases` gives back at
    /// shutdown.
    pub fn start_background(&self) -> String {
        self.catalogue.follow(self.db.clone());
        self.live.follow(self.db.clone());
        // settings and taxonomies saved through another instance: read them again here too
        let (me, mut changes) = (self.clone(), self.live.subscribe());
        tokio::spawn(async move {
            use tokio::sync::broadcast::error::RecvError;
            loop {
                match changes.recv().await {
                    Ok((crate::live::Feed::Settings, _)) | Err(RecvError::Lagged(_)) => {
                        me.forget_site();
                        me.forget_taxonomy();
                    }
                    Ok(_) => {}
                    Err(RecvError::Closed) => break,
                }
            }
        });
        crate::jobs::spawn(self.jobs())
    }

    /// The job worker's handles.
    pub fn jobs(&self) -> crate::jobs::Runner {
        crate::jobs::Runner {
            db: self.db.clone(),
            mailer: self.mailer.clone(),
            settings: self.settings.clone(),
        }
    }

    /// What the forum operations need (not the whole state).
    pub fn forums(&self) -> crate::forums::Deps<'_> {
        crate::forums::Deps {
            db: &self.db,
            live: &self.live,
            limits: self.settings.as_ref().into(),
            now: self.clock.now(),
        }
    }

    /// The taxonomies, from a copy at most a minute old.
    pub async fn taxonomy(&self) -> anyhow::Result<crate::taxonomy::Taxonomy> {
        if let Ok(guard) = self.taxonomy.lock()
            && let Some((at, t)) = guard.as_ref()
            && at.elapsed() < Duration::from_secs(60)
        {
            return Ok(t.clone());
        }
        let fresh = crate::taxonomy::Taxonomy::load(&self.db).await?;
        if let Ok(mut guard) = self.taxonomy.lock() {
            *guard = Some((std::time::Instant::now(), fresh.clone()));
        }
        Ok(fresh)
    }

    /// The site settings, from a copy at most a minute old (defaults if they cannot be read).
    pub async fn site(&self) -> Arc<crate::admin::Site> {
        if let Ok(guard) = self.site.lock()
            && let Some((at, s)) = guard.as_ref()
            && at.elapsed() < Duration::from_secs(60)
        {
            return s.clone();
        }
        let fresh = Arc::new(
            crate::admin::Site::load(&self.db)
                .await
                .unwrap_or_else(|e| {
                    tracing::error!(error = ?e, "site settings unreadable");
                    crate::admin::Site::default()
                }),
        );
        if let Ok(mut guard) = self.site.lock() {
            *guard = Some((std::time::Instant::now(), fresh.clone()));
        }
        fresh
    }

    /// After the settings are saved: this instance reads them again at once.
    pub fn forget_site(&self) {
        if let Ok(mut guard) = self.site.lock() {
            *guard = None;
        }
    }

    /// After an edit of the taxonomies: this instance reads them again at once (others within
    /// the minute).
    pub fn forget_taxonomy(&self) {
        if let Ok(mut guard) = self.taxonomy.lock() {
            *guard = None;
        }
    }
}
