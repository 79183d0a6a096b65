//! Typed links between records, with a controlled vocabulary of reasons and validity dates.

use crate::error::FieldError;
use crate::records::{RecordRef, RecordSummary};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Link two records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CreateLinkRequest {
    /// The record the link starts from (its kind must match the reason's `from_kind`).
    pub from: RecordRef,
    /// The record it points to.
    pub to: RecordRef,
    /// Link reason code, e.g. `home_address`, `owner_of`, `associate`.
    pub reason: String,
    /// Valid from.
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    /// Valid to.
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
    /// The record the link was created from (e.g. the crime it was recorded on).
    #[serde(default)]
    pub source: Option<RecordRef>,
}

/// Checks what can be checked without the database.
pub fn check_link(l: &CreateLinkRequest) -> Vec<FieldError> {
    let mut e = Vec::new();
    if l.reason.trim().is_empty() {
        e.push(FieldError::new("reason", "required", "Choose the link reason"));
    }
    if l.from == l.to {
        e.push(FieldError::new(
            "to",
            "self_link",
            "A record cannot be linked to itself",
        ));
    }
    if let (Some(f), Some(t)) = (l.valid_from, l.valid_to) {
        if t < f {
            e.push(FieldError::new(
                "valid_to",
                "before_start",
                "The end is before the start",
            ));
        }
    }
    e
}

/// A link seen from one of its records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LinkView {
    /// The link's id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Reason code.
    pub reason: String,
    /// The reason as seen from this record ("Home address", or "Home of" from the other side).
    pub label: String,
    /// The record at the other end.
    pub other: RecordSummary,
    /// Valid from.
    pub valid_from: Option<NaiveDate>,
    /// Valid to.
    pub valid_to: Option<NaiveDate>,
    /// The record the link was created from.
    pub source: Option<RecordRef>,
}

/// A link as created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LinkDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// From.
    pub from: RecordRef,
    /// To.
    pub to: RecordRef,
    /// Reason.
    pub reason: String,
    /// Valid from.
    pub valid_from: Option<NaiveDate>,
    /// Valid to.
    pub valid_to: Option<NaiveDate>,
    /// Source record.
    pub source: Option<RecordRef>,
}
