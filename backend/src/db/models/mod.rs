//! Row types and their queries, one file per table family.

pub mod audit_events;
pub mod case;
pub mod custody;
pub mod forces;
pub mod idempotency;
pub mod index;
pub mod intelligence;
pub mod investigation;
pub mod people;
pub mod secrets;
pub mod sessions;
pub mod users;

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

/// The current UTC time at microsecond precision (what both databases store).
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// A stored UTC timestamp as an API timestamp.
pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(t, Utc)
}
