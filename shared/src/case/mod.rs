//! Case: the prosecution file for the CPS, built from what the investigation and custody recorded.
//!
//! What each file type needs is data ([`FILE_RULES`]); [`readiness`] checks a file against it and
//! lists exactly what is still missing. The browser shows that list beside the documents as they are
//! built, and the server refuses a submission with the same list. [`charging_route`] works out who may
//! charge (the Director's Guidance on Charging, 6th edition), and [`render`] lays out each MG form the
//! same way for the screen and for the PDF bundle.

mod charging;
mod decisions;
mod documents;
mod file;
mod on_crime;
mod readiness;
mod render;
mod rules;

pub use charging::*;
pub use decisions::*;
pub use documents::*;
pub use file::*;
pub use on_crime::*;
pub use readiness::*;
pub use render::*;
pub use rules::*;

use crate::error::FieldError;
use crate::records::RecordMeta;
use crate::reference::{ModeOfTrial, Offence};
use crate::users::UserRef;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[cfg(test)]
mod tests;
