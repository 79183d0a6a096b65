//! Rules and permission checks, one file per area. No actix types here beyond the state handle.

pub mod access;
pub mod audit;
pub mod auth;
pub mod case;
pub mod case_pdf;
pub mod custody;
pub mod idempotency;
pub mod intelligence;
pub mod investigation;
pub mod links;
pub mod names;
pub mod people;
pub mod records;
pub mod reference;
pub mod search;
pub mod summaries;
pub mod tasks;
pub mod users;
pub mod victims;
