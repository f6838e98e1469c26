//! Typed settings. Sources, strongest first: environment (`AYNI_*`, `DATABASE_URL`), then an
//! optional `ayni.toml` in the working directory, then defaults good for a demo on a laptop.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// `sqlite://data/ayni.db` (default) or `postgres://user@host/db`.
    pub database_url: String,
    /// Address the HTTP server listens on.
    pub bind: String,
    /// Public base URL, used in e-mailed links.
    pub base_url: String,
    /// Folder for uploads and the e-mail outbox.
    pub data_dir: PathBuf,
    /// `smtp://user:pass@host:port`; when empty, e-mails are written to `data_dir/outbox`.
    pub smtp_url: String,
    /// Sender address of outgoing e-mail.
    pub mail_from: String,
    /// Mark cookies `Secure` (set when served over TLS).
    pub secure_cookies: bool,
    /// Largest accepted upload, in bytes.
    pub max_upload_bytes: usize,
    /// Total bytes of attachments one person may keep (deleting frees space).
    pub upload_quota_bytes: i64,
    /// Sign-in and registration attempts allowed per client address in 10 minutes.
    pub auth_attempts_per_window: i64,
    /// Log as JSON lines instead of human-readable text.
    pub json_logs: bool,
    /// Forum posts (topics and replies) one person may write in 10 minutes.
    pub forum_posts_per_window: i64,
    /// Conversation messages one person may send in 10 minutes.
    pub messages_per_window: i64,
    /// Flags one person may raise in an hour.
    pub forum_flags_per_hour: i64,
    /// Flags from different people that hide a post until a facilitator looks at it.
    pub forum_flags_to_hide: i64,
    /// Minutes during which an author may edit what they wrote.
    pub forum_edit_minutes: i64,
    /// UTC hour (0-23) at which the daily digest of notifications is sent.
    pub digest_hour_utc: i64,
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed (comma-separated in
    /// `AYNI_TRUSTED_PROXIES`). Empty: the connection's peer is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Live-update streams (Server-Sent Events) one client address may hold open at once.
    pub live_streams_per_client: usize,
    /// Live-update streams one instance holds open at most (beyond: 429, pages still work).
    pub live_streams_max: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            database_url: "sqlite://data/ayni.db".into(),
            bind: "127.0.0.1:8080".into(),
            base_url: "http://127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data"),
            smtp_url: String::new(),
            mail_from: "Ayni <no-reply@ayni.local>".into(),
            secure_cookies: false,
            max_upload_bytes: 10 * 1024 * 1024,
            upload_quota_bytes: 200 * 1024 * 1024,
            auth_attempts_per_window: 20,
            json_logs: false,
            forum_posts_per_window: 20,
            messages_per_window: 60,
            forum_flags_per_hour: 20,
            forum_flags_to_hide: 3,
            forum_edit_minutes: 30,
            digest_hour_utc: 11,
            trusted_proxies: Vec::new(),
            live_streams_per_client: 8,
            live_streams_max: 2000,
        }
    }
}

impl Settings {
    /// Reads `ayni.toml` (if present) and then the environment over it.
    pub fn load() -> anyhow::Result<Settings> {
        let mut s = match std::fs::read_to_string("ayni.toml") {
            Ok(text) => toml::from_str(&text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
            Err(e) => return Err(e.into()),
        };
        s.apply_env(|k| std::env::var(k).ok())?;
        Ok(s)
    }

    /// Overrides fields from environment-like lookups (a function, so tests need no globals).
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(v) = get("DATABASE_URL") {
            self.database_url = v;
        }
        if let Some(v) = get("AYNI_BIND") {
            self.bind = v;
        }
        if let Some(v) = get("AYNI_BASE_URL") {
            self.base_url = v;
        }
        if let Some(v) = get("AYNI_DATA_DIR") {
            self.data_dir = v.into();
        }
        if let Some(v) = get("AYNI_SMTP_URL") {
            self.smtp_url = v;
        }
        if let Some(v) = get("AYNI_MAIL_FROM") {
            self.mail_from = v;
        }
        if let Some(v) = get("AYNI_SECURE_COOKIES") {
            self.secure_cookies = parse_bool(&v)?;
        }
        if let Some(v) = get("AYNI_MAX_UPLOAD_BYTES") {
            self.max_upload_bytes = v.parse()?;
        }
        if let Some(v) = get("AYNI_UPLOAD_QUOTA_BYTES") {
            self.upload_quota_bytes = v.parse()?;
        }
        if let Some(v) = get("AYNI_AUTH_ATTEMPTS") {
            self.auth_attempts_per_window = v.parse()?;
        }
        if let Some(v) = get("AYNI_JSON_LOGS") {
            self.json_logs = parse_bool(&v)?;
        }
        if let Some(v) = get("AYNI_FORUM_POSTS_PER_WINDOW") {
            self.forum_posts_per_window = v.parse()?;
        }
        if let Some(v) = get("AYNI_MESSAGES_PER_WINDOW") {
            self.messages_per_window = v.parse()?;
        }
        if let Some(v) = get("AYNI_FORUM_FLAGS_PER_HOUR") {
            self.forum_flags_per_hour = v.parse()?;
        }
        if let Some(v) = get("AYNI_FORUM_FLAGS_TO_HIDE") {
            self.forum_flags_to_hide = v.parse()?;
        }
        if let Some(v) = get("AYNI_FORUM_EDIT_MINUTES") {
            self.forum_edit_minutes = v.parse()?;
        }
        if let Some(v) = get("AYNI_DIGEST_HOUR_UTC") {
            self.digest_hour_utc = v.parse()?;
        }
        if let Some(v) = get("AYNI_LIVE_STREAMS_PER_CLIENT") {
            self.live_streams_per_client = v.parse()?;
        }
        if let Some(v) = get("AYNI_LIVE_STREAMS_MAX") {
            self.live_streams_max = v.parse()?;
        }
        if let Some(v) = get("AYNI_TRUSTED_PROXIES") {
            self.trusted_proxies = v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| s.parse())
                .collect::<Result<_, _>>()
                .map_err(|e| anyhow::anyhow!("AYNI_TRUSTED_PROXIES: {e}"))?;
        }
        self.base_url = self.base_url.trim_end_matches('/').to_string();
        // links in e-mails and open data follow the address served, unless one is given
        let default = Settings::default();
        if self.base_url == default.base_url && self.bind != default.bind {
            self.base_url = format!("http://{}", self.bind.replace("0.0.0.0", "127.0.0.1"));
        }
        Ok(())
    }
}

fn parse_bool(v: &str) -> anyhow::Result<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" | "" => Ok(false),
        other => anyhow::bail!("not a boolean: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_defaults() {
        let mut s = Settings::default();
        s.apply_env(|k| match k {
            "DATABASE_URL" => Some("postgres://x@y/z".into()),
            "AYNI_BASE_URL" => Some("https://ayni.example/".into()),
            "AYNI_SECURE_COOKIES" => Some("yes".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(s.database_url, "postgres://x@y/z");
        assert_eq!(s.base_url, "https://ayni.example");
        assert!(s.secure_cookies);
    }

    #[test]
    fn links_follow_the_address_served_unless_one_is_given() {
        let mut s = Settings::default();
        s.apply_env(|k| (k == "AYNI_BIND").then(|| "0.0.0.0:8731".into()))
            .unwrap();
        assert_eq!(s.base_url, "http://127.0.0.1:8731");
        let mut s = Settings::default();
        s.apply_env(|k| match k {
            "AYNI_BIND" => Some("0.0.0.0:8731".into()),
            "AYNI_BASE_URL" => Some("https://ayni.example".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(s.base_url, "https://ayni.example");
    }

    #[test]
    fn example_config_parses_and_names_every_setting() {
        let text = include_str!("../ayni.example.toml");
        let parsed: Settings = toml::from_str(text).expect("ayni.example.toml is valid");
        assert_eq!(parsed.bind, Settings::default().bind);
        let defaults = toml::to_string(&Settings::default());
        // every field of Settings appears in the example file
        for line in defaults.unwrap_or_default().lines() {
            if let Some((key, _)) = line.split_once(" = ") {
                assert!(
                    text.contains(&format!("{key} =")),
                    "{key} missing from ayni.example.toml"
                );
            }
        }
    }
}
