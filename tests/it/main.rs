//! Integration tests: one binary, folders mirror the product's parts. Each behaviour runs on
//! SQLite and on PostgreSQL (`on_both_backends!`).

mod common;

mod accounts;
mod admin;
mod authorization;
mod backup;
mod calls;
mod calls_edit;
mod catalogue;
mod connections;
mod connections_trial;
mod crawler;
mod cross_trial;
mod demo;
mod experiences;
mod fifth_trial;
mod forums;
mod i18n;
mod mail;
mod outside_trial;
mod permissions;
mod regressions;
mod schema;
mod seventh_trial;
mod site;
mod sixth_trial;
mod third_trial;
mod transfer;
mod vocabulary;
