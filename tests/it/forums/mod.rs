//! Exchange forums through the real router: the five kinds of space, their rules and
//! permissions, bad input that keeps the text, moderation, notifications, live updates.
//! Set-up goes through the builders in `common::builders`.

mod facilitation;
mod following;
mod kinds;
mod moderation;
mod posting;
