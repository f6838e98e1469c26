//! Ayni: the software of a Centro Virtual de Excelencia for territorial development.
//!
//! This file is the table of contents. Shared plumbing first, then one module per domain.
//! A request crosses `routes` → domain operation → `store` (SQL) and back; see ARCHITECTURE.md.

pub mod app;
pub mod config;
pub mod db;
pub mod files;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod markdown;
pub mod refusal;
pub mod state;
pub mod web;

pub mod accounts;
pub mod calls;
pub mod catalogue;
pub mod demo;
pub mod experiences;
pub mod forums;
pub mod notifications;
pub mod taxonomy;

/// Current time as UTC unix seconds: the only timestamp representation stored by Ayni.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
