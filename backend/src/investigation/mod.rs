//! Investigation: incidents and the recording decision, crimes and their workflow, attachments through
//! the shared index, reclassification, cancellation, the plan and log, and the retail-theft path.
//!
//! Crimes are events of the shared index (`RecordKind::Event`): the same [`Visibility`] decides who
//! sees them, links join them to people, objects and locations, and every read is audited.

pub mod actions;
pub mod queries;
pub mod routes;
pub mod tasks;
pub mod victims;

pub use actions::*;
