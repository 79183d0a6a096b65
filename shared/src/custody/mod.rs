//! Custody records (PACE 1984 and Code C): booking in, the entries of the record (rights, care,
//! visits, medication, reviews, extensions, disposal), the record as read, and the custody-suite
//! board. The clocks themselves are in [`crate::custody_clocks`]; the checks here are the ones the
//! browser and the server both run on a form before it is sent.

mod board;
mod booking;
mod entries;
#[cfg(test)]
mod tests;
mod view;

pub use board::*;
pub use booking::*;
pub use entries::*;
pub use view::*;

use crate::custody_clocks::Clocks;
use crate::error::FieldError;
use crate::records::RecordMeta;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
