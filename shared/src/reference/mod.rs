//! Controlled vocabularies (reference data kept in the database, changeable without a release).

pub mod lists;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The vocabularies the index uses.
pub mod vocab {
    /// Warning markers on people (violent, weapons, self-harm...).
    pub const MARKER_TYPE: &str = "marker_type";
    /// Vulnerability flags.
    pub const VULNERABILITY: &str = "vulnerability";
    /// Self-defined ethnicity (18+1 census categories).
    pub const ETHNICITY: &str = "ethnicity";
    /// Gender.
    pub const GENDER: &str = "gender";
    /// Nationality.
    pub const NATIONALITY: &str = "nationality";
    /// Organisation kinds.
    pub const ORGANISATION_KIND: &str = "organisation_kind";
}

/// One code of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReferenceCode {
    /// The vocabulary.
    pub vocabulary: String,
    /// The stored code.
    pub code: String,
    /// What users see.
    pub label: String,
    /// Whether it may be chosen for new data.
    pub active: bool,
    /// The force whose local value it is (absent for a national value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force: Option<String>,
}

/// A link reason: a typed relation between two kinds of record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LinkReason {
    /// The code, e.g. `home_address`.
    pub code: String,
    /// What users see from the `from` side, e.g. "Home address".
    pub label: String,
    /// The kind of record the link starts from.
    pub from_kind: crate::records::RecordKind,
    /// The kind of record the link points to.
    pub to_kind: crate::records::RecordKind,
    /// What users see from the `to` side, e.g. "Home of".
    pub inverse_label: String,
}

/// All reference data, for forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReferenceData {
    /// Codes of every vocabulary.
    pub codes: Vec<ReferenceCode>,
    /// Link reasons.
    pub link_reasons: Vec<LinkReason>,
    /// Offences that may be recorded.
    #[serde(default)]
    pub offences: Vec<Offence>,
    /// Outcome types for finalising crimes.
    #[serde(default)]
    pub outcome_types: Vec<OutcomeType>,
    /// The DASH risk-assessment questions in force.
    #[serde(default)]
    pub dash_questions: Vec<DashQuestion>,
    /// The custody risk-assessment questions in force.
    #[serde(default)]
    pub custody_risk_questions: Vec<crate::custody::RiskQuestion>,
    /// Every force's custody suites.
    #[serde(default)]
    pub custody_suites: Vec<crate::custody::CustodySuite>,
}

/// How an offence may be tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ModeOfTrial {
    /// Magistrates' court only.
    Summary,
    /// Either magistrates' or Crown Court.
    EitherWay,
    /// Crown Court only.
    Indictable,
}

/// An offence (reference data: a force can add or correct offences without a release).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Offence {
    /// Code.
    pub code: String,
    /// Wording users see.
    pub label: String,
    /// The legislation.
    pub legislation: String,
    /// The Home Office classification it counts under.
    pub classification: String,
    /// How it may be tried.
    pub mode_of_trial: ModeOfTrial,
    /// Why a charge must be referred to the CPS whatever the plea (GBH/ABH, harassment, stalking,
    /// a death...), when the Director's Guidance says so.
    #[serde(default)]
    pub cps_referral: Option<String>,
}

/// An outcome type (Home Office outcomes framework).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OutcomeType {
    /// Code (the outcome number, e.g. `1` charged/summonsed).
    pub code: String,
    /// What users see.
    pub label: String,
    /// Whether it needs an identified suspect or offender on the crime.
    pub requires_suspect: bool,
}

/// A DASH question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DashQuestion {
    /// Number (answers are keyed by it).
    pub number: u32,
    /// The question.
    pub text: String,
}
