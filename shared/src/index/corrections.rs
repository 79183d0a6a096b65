//! Corrections to a record of the index, asked of the force that owns it: by another force that sees
//! the record (it may link to and annotate a shared record, never change it), or by the owner's own
//! staff on behalf of the person the data are about (rectification, Data Protection Act 2018 s.46).
//! The owner accepts or refuses each, with its reason; both are kept, with the value as it read and
//! the value proposed, and a refused correction stays listed with the record.

use crate::error::FieldError;
use crate::ids::ForceCode;
use crate::records::RecordRef;
use crate::users::UserRef;
use crate::validation::check_length;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Shortest field description, in characters (it is required).
pub const FIELD_MIN: usize = 1;
/// Longest field description, in characters.
pub const FIELD_MAX: usize = 100;
/// Shortest proposed value, in characters (it is required).
pub const VALUE_MIN: usize = 1;
/// Longest value (as it reads, or as proposed), in characters.
pub const VALUE_MAX: usize = 1_000;
/// Shortest reason, in characters (a reason says why, not just "wrong").
pub const REASON_MIN: usize = 10;
/// Longest reason, in characters.
pub const REASON_MAX: usize = 1_000;

/// Who a correction is asked for by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionSource {
    /// Another force that sees the record and believes it wrong.
    PartnerForce,
    /// The person the data are about, through the owning force (rectification).
    DataSubject,
}

impl CorrectionSource {
    /// The wire and stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PartnerForce => "partner_force",
            Self::DataSubject => "data_subject",
        }
    }

    /// The stored name read back.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::PartnerForce, Self::DataSubject]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// Where a correction stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionState {
    /// Waiting for the owning force's decision.
    Open,
    /// The owner agreed: the record is to read as proposed (the owner changes it).
    Accepted,
    /// The owner refused, saying why; the correction stays listed with the record.
    Refused,
}

impl CorrectionState {
    /// The wire and stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Accepted => "accepted",
            Self::Refused => "refused",
        }
    }

    /// The stored name read back.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Accepted, Self::Refused]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// Ask the owning force to correct a record (`POST /corrections`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CreateCorrectionRequest {
    /// The record to correct (a person, organisation, object or location the caller sees).
    pub record: RecordRef,
    /// What is wrong, in words or as the field's name (`date of birth`, `names.0.surname`).
    #[schema(example = "date of birth")]
    pub field: String,
    /// What the record says now.
    #[serde(default)]
    #[schema(example = "1990-04-02")]
    pub current_value: String,
    /// What it should say.
    #[schema(example = "1990-02-04")]
    pub proposed_value: String,
    /// Why, and on what evidence.
    #[schema(example = "Passport seen on arrest, 2026-11-20: day and month were transposed")]
    pub reason: String,
    /// Who asks: another force (the default when the caller's force does not own the record) or the
    /// data subject through the owning force (only the owner records those).
    #[serde(default)]
    pub source: Option<CorrectionSource>,
}

/// The owner's decision (`POST /corrections/{id}/decision`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionDecision {
    /// Agree: the owner changes the record as proposed.
    Accept,
    /// Refuse, saying why.
    Refuse,
}

/// Decide a correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DecideCorrectionRequest {
    /// Accept or refuse.
    pub decision: CorrectionDecision,
    /// Why (told to whoever asked; for a data subject, what to tell them).
    pub reason: String,
}

/// A correction asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CorrectionDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The record.
    pub record: RecordRef,
    /// The force that owns the record and decides.
    pub owner: ForceCode,
    /// Who asked for it.
    pub source: CorrectionSource,
    /// The user who asked (or recorded the data subject's request).
    pub requested_by: UserRef,
    /// Their force.
    pub requested_by_force: ForceCode,
    /// When.
    pub requested_at: DateTime<Utc>,
    /// What is wrong.
    pub field: String,
    /// What the record said when asked.
    pub current_value: String,
    /// What it should say.
    pub proposed_value: String,
    /// Why.
    pub reason: String,
    /// Where it stands.
    pub state: CorrectionState,
    /// Who decided.
    pub decided_by: Option<UserRef>,
    /// When.
    pub decided_at: Option<DateTime<Utc>>,
    /// Why.
    pub decision_reason: Option<String>,
    /// Version, for `If-Match` on the decision.
    pub version: i64,
}

/// Filters of `GET /corrections`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CorrectionQuery {
    /// Only those in this state (`open` for the owner's queue).
    #[serde(default)]
    pub state: Option<CorrectionState>,
    /// Only those about this record (its id).
    #[serde(default)]
    #[param(value_type = Option<String>, format = Uuid)]
    pub record_id: Option<Uuid>,
    /// Opaque cursor from the previous page's `next_cursor`; omit for the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// How many to return (1 to 100, default 50).
    #[serde(default)]
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

impl CorrectionQuery {
    /// The paging part of the query.
    pub fn page(&self) -> crate::paging::PageQuery {
        crate::paging::PageQuery {
            cursor: self.cursor.clone(),
            limit: self.limit,
        }
    }
}

/// Checks a correction request.
pub fn check_correction(r: &CreateCorrectionRequest) -> Vec<FieldError> {
    let mut e = Vec::new();
    check_length(
        &mut e,
        "field",
        &r.field,
        FIELD_MIN,
        FIELD_MAX,
        "description of what is wrong",
    );
    if r.current_value.chars().count() > VALUE_MAX {
        e.push(FieldError::new(
            "current_value",
            "length",
            "At most 1,000 characters",
        ));
    }
    check_length(
        &mut e,
        "proposed_value",
        &r.proposed_value,
        VALUE_MIN,
        VALUE_MAX,
        "proposed value",
    );
    if e.iter().all(|f| f.path != "proposed_value") && r.proposed_value.trim() == r.current_value.trim() {
        e.push(FieldError::new(
            "proposed_value",
            "unchanged",
            "The proposed value is what the record says now",
        ));
    }
    check_length(&mut e, "reason", &r.reason, REASON_MIN, REASON_MAX, "reason");
    e
}

/// Checks a decision: both say why.
pub fn check_decision(r: &DecideCorrectionRequest) -> Vec<FieldError> {
    let mut e = Vec::new();
    check_length(&mut e, "reason", &r.reason, REASON_MIN, REASON_MAX, "reason");
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::RecordKind;

    fn request(field: &str, current: &str, proposed: &str, reason: &str) -> CreateCorrectionRequest {
        CreateCorrectionRequest {
            record: RecordRef {
                kind: RecordKind::Person,
                id: Uuid::nil(),
            },
            field: field.into(),
            current_value: current.into(),
            proposed_value: proposed.into(),
            reason: reason.into(),
            source: None,
        }
    }

    fn faults(e: Vec<FieldError>) -> Vec<String> {
        e.into_iter().map(|f| format!("{}:{}", f.path, f.code)).collect()
    }

    const WHY: &str = "Passport seen";

    #[test]
    fn a_correction_says_what_why_and_something_new() {
        assert!(check_correction(&request("date of birth", "1990-04-02", "1990-02-04", WHY)).is_empty());
        assert_eq!(
            faults(check_correction(&request(" ", "", "", ""))),
            ["field:required", "proposed_value:required", "reason:required"]
        );
        assert_eq!(
            faults(check_correction(&request("surname", "Marsh", " Marsh ", WHY))),
            ["proposed_value:unchanged"]
        );
        // The current value may be empty (a field the record leaves blank).
        assert!(check_correction(&request("date of birth", "", "1990-02-04", WHY)).is_empty());
    }

    #[test]
    fn lengths_are_checked_at_their_limits() {
        let x = |n: usize| "x".repeat(n);
        assert!(check_correction(&request(&x(FIELD_MAX), "a", "b", WHY)).is_empty());
        assert_eq!(
            faults(check_correction(&request(&x(FIELD_MAX + 1), "a", "b", WHY))),
            ["field:length"]
        );
        assert!(check_correction(&request("f", &x(VALUE_MAX), &x(VALUE_MAX - 1), WHY)).is_empty());
        assert_eq!(
            faults(check_correction(&request(
                "f",
                &x(VALUE_MAX + 1),
                &x(VALUE_MAX + 1),
                WHY
            ))),
            ["current_value:length", "proposed_value:length"]
        );
        assert_eq!(
            faults(check_correction(&request("f", "a", "b", &x(REASON_MIN - 1)))),
            ["reason:length"]
        );
        assert!(check_correction(&request("f", "a", "b", &x(REASON_MIN))).is_empty());
        assert!(check_correction(&request("f", "a", "b", &x(REASON_MAX))).is_empty());
        assert_eq!(
            faults(check_correction(&request("f", "a", "b", &x(REASON_MAX + 1)))),
            ["reason:length"]
        );
    }

    #[test]
    fn a_decision_says_why() {
        let d = |reason: &str| DecideCorrectionRequest {
            decision: CorrectionDecision::Refuse,
            reason: reason.into(),
        };
        assert_eq!(faults(check_decision(&d(""))), ["reason:required"]);
        assert_eq!(
            faults(check_decision(&d(&"x".repeat(REASON_MIN - 1)))),
            ["reason:length"]
        );
        assert!(check_decision(&d(&"x".repeat(REASON_MIN))).is_empty());
    }

    #[test]
    fn names_read_back() {
        for s in [
            CorrectionState::Open,
            CorrectionState::Accepted,
            CorrectionState::Refused,
        ] {
            assert_eq!(CorrectionState::parse(s.as_str()), Some(s));
        }
        for s in [CorrectionSource::PartnerForce, CorrectionSource::DataSubject] {
            assert_eq!(CorrectionSource::parse(s.as_str()), Some(s));
        }
        assert_eq!(CorrectionState::parse("closed"), None);
    }
}
