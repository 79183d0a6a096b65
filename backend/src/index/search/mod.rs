//! The one search box and duplicate matching. Candidates come from indexed keys (phonetic name keys,
//! surname prefixes, dates of birth, identifiers, phone numbers, postcodes, VRMs); ranking happens
//! here, identically on SQLite and PostgreSQL. Only records the caller may see are returned.

pub mod actions;
pub mod routes;

pub use actions::*;
