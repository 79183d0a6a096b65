//! Sharing agreements: one force (the owner) shares kinds of its records with another (the partner),
//! for a purpose, between two dates. The owner proposes; the partner accepts or declines; either may
//! suspend or end it. Only an accepted agreement that is not suspended and is within its dates opens
//! anything, and it opens only the owner's records to the partner, never the other way.

use crate::error::FieldError;
use crate::forces::ForceDto;
use crate::ids::ForceCode;
use crate::intelligence::HandlingCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Which of the owner's records an agreement opens to the partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SharingScope {
    /// The shared index: people, organisations, objects and locations.
    Index,
    /// Crimes.
    Crimes,
    /// Intelligence reports that their handling code lets be shared (never restricted ones).
    Intelligence,
}

impl SharingScope {
    /// Every scope, in display order.
    pub const ALL: [SharingScope; 3] = [
        SharingScope::Index,
        SharingScope::Crimes,
        SharingScope::Intelligence,
    ];

    /// The wire and stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            SharingScope::Index => "index",
            SharingScope::Crimes => "crimes",
            SharingScope::Intelligence => "intelligence",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What users see.
    pub fn label(self) -> &'static str {
        match self {
            SharingScope::Index => "People, organisations, objects and locations",
            SharingScope::Crimes => "Crimes",
            SharingScope::Intelligence => "Intelligence reports",
        }
    }
}

/// What the partner may do with what it sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementAccess {
    /// See the records.
    #[default]
    Read,
    /// See them and link its own records to them (never change them).
    ReadAndLink,
}

impl AgreementAccess {
    /// The wire and stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementAccess::Read => "read",
            AgreementAccess::ReadAndLink => "read_and_link",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [AgreementAccess::Read, AgreementAccess::ReadAndLink]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

/// Where an agreement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementState {
    /// Proposed by the owner; the partner has not answered.
    Proposed,
    /// Accepted: in force between its dates.
    Active,
    /// Suspended by one of the two forces: opens nothing until that force resumes it.
    Suspended,
    /// Ended (or withdrawn before acceptance): final, kept as history.
    Ended,
    /// Declined by the partner: final, kept as history.
    Declined,
}

impl AgreementState {
    /// Every state.
    pub const ALL: [AgreementState; 5] = [
        AgreementState::Proposed,
        AgreementState::Active,
        AgreementState::Suspended,
        AgreementState::Ended,
        AgreementState::Declined,
    ];

    /// The wire and stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementState::Proposed => "proposed",
            AgreementState::Active => "active",
            AgreementState::Suspended => "suspended",
            AgreementState::Ended => "ended",
            AgreementState::Declined => "declined",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A step in an agreement's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementAction {
    /// The partner accepts a proposal.
    Accept,
    /// The partner declines a proposal.
    Decline,
    /// Either force suspends an accepted agreement.
    Suspend,
    /// The force that suspended it lifts the suspension.
    Resume,
    /// Either force ends it (the owner may also withdraw a proposal).
    End,
}

impl AgreementAction {
    /// The wire and stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementAction::Accept => "accept",
            AgreementAction::Decline => "decline",
            AgreementAction::Suspend => "suspend",
            AgreementAction::Resume => "resume",
            AgreementAction::End => "end",
        }
    }
}

/// Which side of an agreement a force is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The force whose records are shared.
    Owner,
    /// The force that sees them.
    Partner,
}

/// The state an action moves an agreement to, or why it cannot: `side` is the acting force's side,
/// `suspended_by` the side that suspended it (when suspended).
pub fn next_state(
    state: AgreementState,
    action: AgreementAction,
    side: Side,
    suspended_by: Option<Side>,
) -> Result<AgreementState, &'static str> {
    use AgreementAction as A;
    use AgreementState as S;
    match (state, action) {
        (S::Ended | S::Declined, _) => Err("This agreement has ended; propose a new one"),
        (S::Proposed, A::Accept | A::Decline) if side == Side::Owner => {
            Err("Only the partner force accepts or declines a proposal")
        }
        (S::Proposed, A::Accept) => Ok(S::Active),
        (S::Proposed, A::Decline) => Ok(S::Declined),
        (S::Proposed, A::End) if side == Side::Partner => {
            Err("The partner declines a proposal; only the owner withdraws it")
        }
        (S::Proposed, A::End) => Ok(S::Ended),
        (S::Proposed, _) => Err("A proposal is accepted, declined or withdrawn first"),
        (S::Active, A::Suspend) => Ok(S::Suspended),
        (S::Active | S::Suspended, A::End) => Ok(S::Ended),
        (S::Active, _) => Err("An agreement in force can be suspended or ended"),
        (S::Suspended, A::Resume) if suspended_by == Some(side) => Ok(S::Active),
        (S::Suspended, A::Resume) => Err("Only the force that suspended the agreement can resume it"),
        (S::Suspended, _) => Err("A suspended agreement can be resumed or ended"),
    }
}

/// Whether an agreement in `state` opens records on `day`: accepted, not suspended, within its dates
/// (both days included).
pub fn in_force(
    state: AgreementState,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    day: NaiveDate,
) -> bool {
    state == AgreementState::Active && starts_on <= day && ends_on.is_none_or(|end| day <= end)
}

/// Propose an agreement: the caller's force shares its records with `partner_force`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProposeAgreementRequest {
    /// The force that will see the records.
    #[serde(default)]
    pub partner_force: ForceCode,
    /// What the agreement opens: at least one scope, each once.
    #[serde(default)]
    pub scopes: Vec<SharingScope>,
    /// What the partner may do with what it sees.
    #[serde(default)]
    pub access: AgreementAccess,
    /// First day in force (today or later).
    pub starts_on: Option<NaiveDate>,
    /// Last day in force, if it has one (on or after the first day).
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    /// Why the forces share: 10 to 1,000 characters.
    #[serde(default)]
    pub purpose: String,
    /// With the `intelligence` scope: the 3x5x2 handling codes whose disseminated reports are shared
    /// (`P`, lawful sharing permitted; `C`, permitted subject to conditions). Both when absent.
    #[serde(default = "every_handling_code")]
    pub intelligence_handling: Vec<HandlingCode>,
}

/// Both handling codes (what an agreement shares unless it says otherwise).
pub fn every_handling_code() -> Vec<HandlingCode> {
    vec![HandlingCode::P, HandlingCode::C]
}

/// Shortest purpose, in characters.
pub const MIN_PURPOSE_CHARS: usize = 10;
/// Longest purpose (and longest reason for a step), in characters.
pub const MAX_PURPOSE_CHARS: usize = 1_000;

/// Checks a proposal made by `own_force` on `today`: every field at fault at once (that the partner
/// force exists is the server's to check).
pub fn check_proposal(r: &ProposeAgreementRequest, own_force: &str, today: NaiveDate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let partner = r.partner_force.0.trim();
    if partner.is_empty() {
        errors.push(FieldError::new(
            "partner_force",
            "required",
            "Choose the force you will share with",
        ));
    } else if partner == own_force {
        errors.push(FieldError::new(
            "partner_force",
            "own_force",
            "Your force sees its own records already: choose another force",
        ));
    }
    if r.scopes.is_empty() {
        errors.push(FieldError::new(
            "scopes",
            "required",
            "Choose at least one kind of record to share",
        ));
    }
    for (i, s) in r.scopes.iter().enumerate() {
        if r.scopes[..i].contains(s) {
            errors.push(FieldError::new(
                format!("scopes.{i}"),
                "duplicate",
                "Each kind of record once",
            ));
        }
    }
    if r.scopes.contains(&SharingScope::Intelligence) {
        if r.intelligence_handling.is_empty() {
            errors.push(FieldError::new(
                "intelligence_handling",
                "required",
                "Choose the handling codes of the intelligence to share",
            ));
        }
        for (i, h) in r.intelligence_handling.iter().enumerate() {
            if r.intelligence_handling[..i].contains(h) {
                errors.push(FieldError::new(
                    format!("intelligence_handling.{i}"),
                    "duplicate",
                    "Each handling code once",
                ));
            }
        }
    }
    match r.starts_on {
        None => errors.push(FieldError::new(
            "starts_on",
            "required",
            "Enter the first day the agreement is in force",
        )),
        Some(d) if d < today => errors.push(FieldError::new(
            "starts_on",
            "past",
            "An agreement starts today or later",
        )),
        Some(_) => {}
    }
    if let (Some(start), Some(end)) = (r.starts_on, r.ends_on) {
        if end < start {
            errors.push(FieldError::new(
                "ends_on",
                "before_start",
                "The last day must be on or after the first day",
            ));
        }
    }
    let n = r.purpose.trim().chars().count();
    if n == 0 {
        errors.push(FieldError::new(
            "purpose",
            "required",
            "Say why the forces share these records",
        ));
    } else if !(MIN_PURPOSE_CHARS..=MAX_PURPOSE_CHARS).contains(&n) {
        errors.push(FieldError::new(
            "purpose",
            "length",
            "The purpose is 10 to 1,000 characters",
        ));
    }
    errors
}

/// Take a step in an agreement's life. Send the `ETag` you read as `If-Match`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AgreementStepRequest {
    /// The step.
    pub action: AgreementAction,
    /// Why (required to decline, suspend or end; at most 1,000 characters).
    #[serde(default)]
    pub reason: Option<String>,
}

/// Checks a step's reason: declining, suspending and ending say why.
pub fn check_step(r: &AgreementStepRequest) -> Vec<FieldError> {
    let n = r.reason.as_deref().map(|s| s.trim().chars().count()).unwrap_or(0);
    let needs_reason = matches!(
        r.action,
        AgreementAction::Decline | AgreementAction::Suspend | AgreementAction::End
    );
    if needs_reason && n == 0 {
        vec![FieldError::new(
            "reason",
            "required",
            "Say why, for the other force and the audit",
        )]
    } else if r
        .reason
        .as_deref()
        .is_some_and(|s| s.chars().count() > MAX_PURPOSE_CHARS)
    {
        vec![FieldError::new("reason", "length", "At most 1,000 characters")]
    } else {
        Vec::new()
    }
}

/// One step in an agreement's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AgreementEventDto {
    /// When.
    pub at: DateTime<Utc>,
    /// What happened: `proposed`, or the step's action.
    pub action: String,
    /// The acting force.
    pub by_force: ForceCode,
    /// The acting user's name.
    pub by_user: String,
    /// Why, if given.
    pub reason: Option<String>,
}

/// A sharing agreement with its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AgreementDto {
    /// Its id.
    pub id: uuid::Uuid,
    /// The force whose records are shared.
    pub owner: ForceDto,
    /// The force that sees them.
    pub partner: ForceDto,
    /// What it opens.
    pub scopes: Vec<SharingScope>,
    /// What the partner may do with them.
    pub access: AgreementAccess,
    /// The handling codes of the intelligence it shares (empty without the `intelligence` scope).
    #[serde(default)]
    pub intelligence_handling: Vec<HandlingCode>,
    /// First day in force.
    pub starts_on: NaiveDate,
    /// Last day in force, if any.
    pub ends_on: Option<NaiveDate>,
    /// Why the forces share.
    pub purpose: String,
    /// Where it stands.
    pub state: AgreementState,
    /// Whether it opens records today (accepted, not suspended, within its dates).
    pub in_force: bool,
    /// Which side suspended it (when suspended).
    pub suspended_by: Option<Side>,
    /// Every step, oldest first.
    pub history: Vec<AgreementEventDto>,
    /// Version for optimistic concurrency (also sent as the `ETag`).
    pub version: i64,
}

/// Query of the agreement list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgreementListQuery {
    /// Only agreements in this state.
    #[serde(default)]
    pub state: Option<AgreementState>,
}

#[cfg(test)]
mod tests;
