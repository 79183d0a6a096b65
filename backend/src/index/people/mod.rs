//! People: create (with duplicate checks left to the officer), read (audited, with purpose for
//! restricted records), update (optimistic concurrency), merge and unmerge (reversible, audited).

pub mod actions;
pub mod queries;
pub mod routes;

pub use actions::*;
