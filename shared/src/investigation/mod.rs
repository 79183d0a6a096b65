//! Investigation: incidents, the crime-recording decision, the crime workflow and what each state
//! needs, attachments through the shared index, and the retail-theft (shoplifting) path.
//!
//! The workflow rules live here so that the browser shows exactly the requirements the server
//! enforces: [`CrimeAction::next_state`] says which moves exist, [`check_action`] says what a move
//! still needs.

mod attachments;
mod crime;
mod incident;
mod retail_theft;
pub mod tasks;
#[cfg(test)]
mod tests;
pub mod victims;
mod workflow;

pub use attachments::*;
pub use crime::*;
pub use incident::*;
pub use retail_theft::*;
pub use workflow::*;

use crate::auth::{Capability, Role};
use crate::error::FieldError;
use crate::ids::UserId;
use crate::index::locations::LocationInput;
use crate::index::objects::ObjectInput;
use crate::index::organisations::OrganisationInput;
use crate::index::people::CreatePersonRequest;
use crate::investigation::victims::VictimDto;
use crate::records::{RecordMeta, RecordSummary, Restriction};
use crate::users::UserRef;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
