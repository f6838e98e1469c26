//! Ayni: the software of a Centro Virtual de Excelencia for territorial development.
//!
//! This file is the table of contents. Shared plumbing first, then one module per domain.
//! A request crosses `routes` → domain operation → `store` (SQL) and back; see ARCHITECTURE.md.

pub mod admin;
pub mod app;
pub mod backup;
pub mod clock;
pub mod config;
pub mod db;
pub mod files;
pub mod i18n;
pub mod jobs;
pub mod live;
pub mod mail;
pub mod markdown;
pub mod refusal;
pub mod state;
pub mod web;

pub mod accounts;
pub mod calls;
pub mod catalogue;
pub mod connections;
pub mod demo;
pub mod experiences;
pub mod forums;
pub mod notifications;
pub mod taxonomy;

pub use clock::now;
