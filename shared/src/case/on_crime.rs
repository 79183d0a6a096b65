//! Witness statements and the unused-material register, kept on the crime.

use super::*;

/// A witness statement (MG11), or a victim personal statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StatementDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The crime it was made for.
    #[schema(value_type = String, format = Uuid)]
    pub crime_id: Uuid,
    /// The witness as a person of the index (none for an officer writing as witness).
    #[schema(value_type = Option<String>, format = Uuid)]
    pub witness_person_id: Option<Uuid>,
    /// The witness's name (an officer's with collar number).
    pub witness_name: String,
    /// The witness is a police officer making the statement themselves.
    pub officer_witness: bool,
    /// Occupation.
    pub occupation: String,
    /// Whether the witness is over 18.
    pub over_18: bool,
    /// The statement.
    pub text: String,
    /// A victim personal statement (the victim's own account of the effect on them).
    pub personal_statement: bool,
    /// When it was made and signed with the declaration.
    pub made_at: DateTime<Utc>,
    /// Who took it.
    pub recorded_by: UserRef,
    /// The force of whoever took it (another force may add a statement where sharing allows).
    pub force: crate::ids::ForceCode,
}

/// Taking a statement (MG11): from a witness of the crime, or the officer as witness.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StatementRequest {
    /// The witness (a victim or witness of the crime). Leave empty with `myself` for the officer.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub witness_person_id: Option<Uuid>,
    /// The officer signed in is the witness (also to another force's case, where sharing allows).
    #[serde(default)]
    pub myself: bool,
    /// Occupation (default for an officer: police officer).
    #[serde(default)]
    pub occupation: String,
    /// Whether the witness is over 18.
    #[serde(default = "yes")]
    pub over_18: bool,
    /// The statement.
    #[serde(default)]
    pub text: String,
    /// The witness made the declaration (s.9 Criminal Justice Act 1967) and signed.
    #[serde(default)]
    pub declaration: bool,
    /// A victim personal statement.
    #[serde(default)]
    pub personal_statement: bool,
    /// When it was made (default: now).
    #[serde(default)]
    pub made_at: Option<DateTime<Utc>>,
}

pub(super) fn yes() -> bool {
    true
}

pub(super) fn narrative(e: &mut Vec<FieldError>, path: &str, text: &str, what: &str) {
    let n = text.trim().chars().count();
    if n < MIN_NARRATIVE_CHARS {
        e.push(FieldError::new(
            path,
            "too_short",
            format!("Write {what} (at least {MIN_NARRATIVE_CHARS} characters)"),
        ));
    } else if n > MAX_NARRATIVE_CHARS {
        e.push(FieldError::new(path, "length", "At most 50,000 characters"));
    }
}

/// Longest witness occupation, in characters.
pub const MAX_OCCUPATION_CHARS: usize = 200;

/// Every rule on a statement that needs no database.
pub fn check_statement(s: &StatementRequest, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    if s.myself == s.witness_person_id.is_some() {
        e.push(FieldError::new(
            "witness_person_id",
            "one_of",
            "Choose the witness, or say you are the witness",
        ));
    }
    narrative(&mut e, "text", &s.text, "the statement");
    if !s.declaration {
        e.push(FieldError::new(
            "declaration",
            "required",
            "The witness must make the declaration before the statement can be used",
        ));
    }
    if s.myself && s.personal_statement {
        e.push(FieldError::new(
            "personal_statement",
            "victims_only",
            "A victim personal statement is the victim's own",
        ));
    }
    if s.made_at.is_some_and(|t| t > now + chrono::Duration::minutes(5)) {
        e.push(FieldError::new("made_at", "future", "Cannot be in the future"));
    }
    if s.occupation.chars().count() > MAX_OCCUPATION_CHARS {
        e.push(FieldError::new("occupation", "length", "At most 200 characters"));
    }
    e
}

/// Adding an item to the unused-material register of a crime (kept during the investigation; it
/// becomes the MG6C and MG6D schedules).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UnusedMaterialRequest {
    /// What it is (e.g. "CCTV from the car park, 14:00-15:00, nothing relevant seen").
    #[serde(default)]
    pub description: String,
    /// Where it is kept.
    #[serde(default)]
    pub location: String,
    /// Sensitive material (listed on MG6D, never disclosed to the defence without a ruling).
    #[serde(default)]
    pub sensitive: bool,
    /// Why it is sensitive (required for sensitive material).
    #[serde(default)]
    pub sensitivity_reason: String,
}

/// Longest description of an unused-material item, in characters.
pub const MAX_UNUSED_DESCRIPTION_CHARS: usize = 2_000;

/// Every rule on an unused-material item.
pub fn check_unused(u: &UnusedMaterialRequest) -> Vec<FieldError> {
    let mut e = Vec::new();
    if u.description.trim().is_empty() {
        e.push(FieldError::new(
            "description",
            "required",
            "Describe the material",
        ));
    } else if u.description.chars().count() > MAX_UNUSED_DESCRIPTION_CHARS {
        e.push(FieldError::new(
            "description",
            "length",
            "At most 2,000 characters",
        ));
    }
    if u.location.trim().is_empty() {
        e.push(FieldError::new("location", "required", "Say where it is kept"));
    }
    if u.sensitive && u.sensitivity_reason.trim().is_empty() {
        e.push(FieldError::new(
            "sensitivity_reason",
            "required",
            "Say why the material is sensitive",
        ));
    }
    if !u.sensitive && !u.sensitivity_reason.trim().is_empty() {
        e.push(FieldError::new(
            "sensitivity_reason",
            "sensitive_only",
            "Only sensitive material has a sensitivity reason",
        ));
    }
    e
}

/// An item of the unused-material register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UnusedMaterialDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Schedule number.
    pub number: i64,
    /// What it is.
    pub description: String,
    /// Where it is kept.
    pub location: String,
    /// Sensitive (MG6D) or not (MG6C).
    pub sensitive: bool,
    /// Why it is sensitive.
    pub sensitivity_reason: String,
    /// Who added it.
    pub recorded_by: UserRef,
    /// When.
    pub recorded_at: DateTime<Utc>,
}
