//! The app's commands, grouped by domain. Each is a thin adapter: take the state, call one core function,
//! map the error.

pub mod app;
pub mod catalogue;
pub mod diary;
pub mod download;
pub mod films;
pub mod library;
pub mod lists;
pub mod stats;
pub mod sync;
pub mod tags;
pub mod takes;
pub mod tonight;
pub mod transfer;
