//! Partner organisations (the prosecutor, victim services, safeguarding hubs, youth offending teams) as
//! a force or the consortium registers them, and the accounts of their staff. A partner account holds
//! the one role its organisation's kind gives, never a police role.

use crate::auth::Role;
use crate::error::FieldError;
use crate::ids::ForceCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a partner organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartnerKind {
    /// The Crown Prosecution Service (or another prosecutor).
    Prosecutor,
    /// A victim-services provider (Victim Support, a commissioned service).
    VictimServices,
    /// A multi-agency safeguarding hub.
    SafeguardingHub,
    /// A youth offending (youth justice) team.
    YouthOffendingTeam,
}

impl PartnerKind {
    /// Every kind.
    pub const ALL: [PartnerKind; 4] = [
        PartnerKind::Prosecutor,
        PartnerKind::VictimServices,
        PartnerKind::SafeguardingHub,
        PartnerKind::YouthOffendingTeam,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            PartnerKind::Prosecutor => "prosecutor",
            PartnerKind::VictimServices => "victim_services",
            PartnerKind::SafeguardingHub => "safeguarding_hub",
            PartnerKind::YouthOffendingTeam => "youth_offending_team",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            PartnerKind::Prosecutor => "Prosecutor",
            PartnerKind::VictimServices => "Victim services",
            PartnerKind::SafeguardingHub => "Safeguarding hub",
            PartnerKind::YouthOffendingTeam => "Youth offending team",
        }
    }

    /// The role its staff's accounts hold, if its staff sign in to Bluelamp as people. Victim
    /// services, safeguarding hubs and youth offending teams exchange with Bluelamp system to system
    /// (referrals through the partner API), so they have no person accounts.
    pub fn account_role(self) -> Option<Role> {
        match self {
            PartnerKind::Prosecutor => Some(Role::Prosecutor),
            _ => None,
        }
    }
}

/// A partner organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PartnerOrganisationDto {
    /// Id.
    pub id: uuid::Uuid,
    /// Short code, unique in the consortium (`CPS-MERCIA`).
    pub code: String,
    /// Name users see.
    pub name: String,
    /// What it is.
    pub kind: PartnerKind,
    /// The force that registered it and manages its accounts.
    pub force: ForceCode,
    /// Whether its accounts may sign in.
    pub active: bool,
    /// Its active accounts.
    pub accounts: i64,
    /// Version for optimistic concurrency (also sent as the `ETag`).
    pub version: i64,
}

/// Register a partner organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreatePartnerOrganisationRequest {
    /// 2 to 16 capital letters, digits or hyphens, starting with a letter (`CPS-MERCIA`).
    #[serde(default)]
    #[schema(example = "CPS-MERCIA")]
    pub code: String,
    /// Name users see: 3 to 100 characters.
    #[serde(default)]
    #[schema(example = "CPS West Midlands")]
    pub name: String,
    /// What it is.
    pub kind: PartnerKind,
    /// The force that manages it: your own (the default) for a force administrator; required of a
    /// consortium administrator.
    #[serde(default)]
    pub force: Option<String>,
}

/// Change a partner organisation. Absent fields stay as they are. Send the `ETag` you read as `If-Match`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UpdatePartnerOrganisationRequest {
    /// New name: 3 to 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `false` closes it: its accounts are deactivated and their sessions end. `true` reopens it (its
    /// accounts stay deactivated until an administrator reactivates each).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

/// An account for a member of a partner organisation's staff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreatePartnerAccountRequest {
    /// Sign-in name: 3 to 64 lower-case letters, digits, dots, hyphens or underscores.
    #[serde(default)]
    #[schema(example = "cps.okoro")]
    pub username: String,
    /// Full name as shown to others.
    #[serde(default)]
    #[schema(example = "Tunde Okoro")]
    pub display_name: String,
    /// The organisation's own reference for them (kept where officers have a collar number): 2 to 8
    /// letters or digits, unique in the force.
    #[serde(default)]
    #[schema(example = "CPS07")]
    pub reference: String,
    /// Initial password: at least 12 characters and not a commonly used password.
    #[serde(default)]
    pub password: String,
}

/// Longest partner organisation name.
pub const NAME_MAX: usize = 100;
/// Shortest partner organisation name.
pub const NAME_MIN: usize = 3;
/// Shortest partner organisation code (capital letters, digits or hyphens, so bytes and characters agree).
pub const CODE_MIN: usize = 2;
/// Longest partner organisation code (capital letters, digits or hyphens, so bytes and characters agree).
pub const CODE_MAX: usize = 16;

/// Whether a partner organisation code is 2 to 16 capital letters, digits or hyphens, starting with a letter.
pub fn valid_code(code: &str) -> bool {
    (CODE_MIN..=CODE_MAX).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

fn check_name(errors: &mut Vec<FieldError>, name: &str) {
    let n = name.trim().chars().count();
    if n == 0 {
        errors.push(FieldError::new(
            "name",
            "required",
            "Enter the organisation's name",
        ));
    } else if !(NAME_MIN..=NAME_MAX).contains(&n) || name.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "name",
            "length",
            format!("A name is {NAME_MIN} to {NAME_MAX} characters"),
        ));
    }
}

/// Checks a new partner organisation (a taken code and the force are the server's to check).
pub fn check_new_partner(r: &CreatePartnerOrganisationRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let code = r.code.trim();
    if code.is_empty() {
        errors.push(FieldError::new(
            "code",
            "required",
            "Enter the organisation's code",
        ));
    } else if !valid_code(code) {
        errors.push(FieldError::new(
            "code",
            "format",
            "A code is 2 to 16 capital letters, digits or hyphens, starting with a letter, such as CPS-MERCIA",
        ));
    }
    check_name(&mut errors, &r.name);
    errors
}

/// Checks a change to a partner organisation.
pub fn check_partner_update(r: &UpdatePartnerOrganisationRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(n) = &r.name {
        check_name(&mut errors, n);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(errors: Vec<FieldError>) -> Vec<String> {
        errors
            .into_iter()
            .map(|e| format!("{}:{}", e.path, e.code))
            .collect()
    }

    fn org(code: &str, name: &str) -> CreatePartnerOrganisationRequest {
        CreatePartnerOrganisationRequest {
            code: code.into(),
            name: name.into(),
            kind: PartnerKind::Prosecutor,
            force: None,
        }
    }

    #[test]
    fn codes_are_checked_at_their_limits() {
        assert!(valid_code("CP"));
        assert!(valid_code("CPS-MERCIA-01234"));
        assert!(!valid_code("C"));
        assert!(!valid_code("CPS-MERCIA-012345"));
        assert!(!valid_code("1CPS"));
        assert!(!valid_code("cps"));
        assert!(!valid_code("CPS MERCIA"));
    }

    #[test]
    fn names_are_checked_at_their_limits() {
        assert!(check_new_partner(&org("CPS", "CPS")).is_empty());
        assert!(check_new_partner(&org("CPS", &"n".repeat(NAME_MAX))).is_empty());
        assert_eq!(paths(check_new_partner(&org("CPS", "CP"))), ["name:length"]);
        assert_eq!(
            paths(check_new_partner(&org("CPS", &"n".repeat(NAME_MAX + 1)))),
            ["name:length"]
        );
        assert_eq!(
            paths(check_new_partner(&org("", " "))),
            ["code:required", "name:required"]
        );
        let update = UpdatePartnerOrganisationRequest {
            name: Some("x".into()),
            active: None,
        };
        assert_eq!(paths(check_partner_update(&update)), ["name:length"]);
    }

    #[test]
    fn only_the_prosecutor_has_person_accounts_and_never_a_police_role() {
        for k in PartnerKind::ALL {
            assert_eq!(PartnerKind::parse(k.as_str()), Some(k));
            if let Some(role) = k.account_role() {
                assert!(!role.granted_by_force(), "{role:?} is a partner role");
            }
        }
        assert_eq!(PartnerKind::Prosecutor.account_role(), Some(Role::Prosecutor));
        assert_eq!(PartnerKind::VictimServices.account_role(), None);
    }
}
