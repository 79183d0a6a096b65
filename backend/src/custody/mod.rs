//! Custody (PACE 1984 and Code C): booking in, the append-only entries of a custody record, the
//! PACE rules on reviews, extensions and warrants, care (risk, visits, medication), disposal, and
//! the custody-suite board.
//!
//! A custody record is an event of the shared index linked to the detainee, so it appears on the
//! person page. It holds health information, so it is restricted to the police roles of the owning
//! force (the one [`Visibility`] keeps it from every other force and from administrators); every
//! read is audited. Every clock is computed from the entries with `custody_clocks`, never stored.

pub mod actions;
pub mod queries;
pub mod routes;

pub use actions::*;
