//! Custody clocks: when the next PACE review is due, the current detention limit, the next cell
//! visit and the next dose of medication, all derived from recorded facts and never typed in.
//!
//! Every figure lives in one place as data ([`PaceRules`], [`CareRules`]) so a force (or a change in
//! the law) can correct it without a release; the functions here are pure arithmetic over those
//! figures and the facts. All arithmetic is on UTC instants: a 24-hour limit is 24 elapsed hours even
//! on the night the UK clocks change, and local time is only a matter of display.
//!
//! Sources: Police and Criminal Evidence Act 1984 ss.40–44 and Code C (see `docs/domain.md` §4).
//! Who may carry out a review or authorise an extension (rank, independence from the investigation)
//! is for the server's permission checks, not for these rules.

mod care;
mod pace;
#[cfg(test)]
mod tests;

pub use care::*;
pub use pace::*;

use crate::error::FieldError;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
