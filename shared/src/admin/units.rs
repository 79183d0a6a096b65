//! A force's structure as its administrator manages it: police stations, and the teams and units
//! (response teams, investigation and intelligence units) that work from them. Users belong to one.

use crate::error::FieldError;
use crate::ids::ForceCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a part of the force is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A police station (teams and units work from it).
    Station,
    /// A team (a response or neighbourhood team, a shift).
    Team,
    /// A unit (investigation, intelligence, safeguarding...).
    Unit,
}

impl UnitKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Station => "station",
            UnitKind::Team => "team",
            UnitKind::Unit => "unit",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [UnitKind::Station, UnitKind::Team, UnitKind::Unit]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A station, team or unit of a force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UnitDto {
    /// Id.
    pub id: uuid::Uuid,
    /// The force it belongs to.
    pub force: ForceCode,
    /// Short code, unique in the consortium (`NS-CID`).
    pub code: String,
    /// Name users see.
    pub name: String,
    /// What it is.
    pub kind: UnitKind,
    /// The station a team or unit works from, if any.
    pub station: Option<uuid::Uuid>,
    /// Whether it is in use (a closed one keeps its history).
    pub active: bool,
    /// Active users who belong to it.
    pub members: i64,
    /// Version for optimistic concurrency (also sent as the `ETag`).
    pub version: i64,
}

/// Add a station, team or unit to your force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreateUnitRequest {
    /// Your force's code, a hyphen and 2 to 12 capital letters, digits or hyphens (`NS-CID`).
    #[serde(default)]
    #[schema(example = "NS-CID")]
    pub code: String,
    /// Name users see: 3 to 100 characters.
    #[serde(default)]
    #[schema(example = "Criminal Investigation Department")]
    pub name: String,
    /// What it is.
    pub kind: UnitKind,
    /// The station a team or unit works from (a station has none).
    #[serde(default)]
    pub station: Option<uuid::Uuid>,
}

/// Change a station, team or unit. Absent fields stay as they are. Send the `ETag` you read as `If-Match`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UpdateUnitRequest {
    /// New name: 3 to 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The station a team or unit works from now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub station: Option<uuid::Uuid>,
    /// `false` closes it (not while users belong to it, or teams and units work from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

/// Longest name.
pub const NAME_MAX: usize = 100;
/// Shortest name.
pub const NAME_MIN: usize = 3;
/// Shortest part of a code after the force's code and its hyphen (capital letters, digits or hyphens).
pub const CODE_SUFFIX_MIN: usize = 2;
/// Longest part of a code after the force's code and its hyphen (capital letters, digits or hyphens).
pub const CODE_SUFFIX_MAX: usize = 12;

/// Whether `code` is `force`, a hyphen and 2 to 12 capital letters, digits or hyphens.
pub fn valid_code(code: &str, force: &str) -> bool {
    code.strip_prefix(force)
        .and_then(|s| s.strip_prefix('-'))
        .is_some_and(|s| {
            (CODE_SUFFIX_MIN..=CODE_SUFFIX_MAX).contains(&s.len())
                && s.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        })
}

fn check_name(errors: &mut Vec<FieldError>, name: &str) {
    let n = name.trim().chars().count();
    if n == 0 {
        errors.push(FieldError::new("name", "required", "Enter the name"));
    } else if !(NAME_MIN..=NAME_MAX).contains(&n) || name.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "name",
            "length",
            format!("A name is {NAME_MIN} to {NAME_MAX} characters"),
        ));
    }
}

/// Checks a new station, team or unit of `force` (a taken code and the station are the server's).
pub fn check_new_unit(r: &CreateUnitRequest, force: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let code = r.code.trim();
    if code.is_empty() {
        errors.push(FieldError::new("code", "required", "Enter the code"));
    } else if !valid_code(code, force) {
        errors.push(FieldError::new(
            "code",
            "format",
            format!("A code is {force}, a hyphen and 2 to 12 capital letters, digits or hyphens, such as {force}-CID"),
        ));
    }
    check_name(&mut errors, &r.name);
    if r.kind == UnitKind::Station && r.station.is_some() {
        errors.push(FieldError::new(
            "station",
            "station_of_station",
            "A station does not work from another station",
        ));
    }
    errors
}

/// Checks a change to a station, team or unit of `kind`.
pub fn check_unit_update(r: &UpdateUnitRequest, kind: UnitKind) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(n) = &r.name {
        check_name(&mut errors, n);
    }
    if kind == UnitKind::Station && r.station.is_some() {
        errors.push(FieldError::new(
            "station",
            "station_of_station",
            "A station does not work from another station",
        ));
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

    fn unit(code: &str, name: &str, kind: UnitKind, station: bool) -> CreateUnitRequest {
        CreateUnitRequest {
            code: code.into(),
            name: name.into(),
            kind,
            station: station.then(uuid::Uuid::nil),
        }
    }

    #[test]
    fn codes_carry_the_force_and_are_checked_at_their_limits() {
        assert!(valid_code("NS-CI", "NS"));
        assert!(valid_code("NS-CID-EAST-01", "NS"));
        assert!(valid_code(&format!("NS-{}", "A".repeat(12)), "NS"));
        assert!(!valid_code(&format!("NS-{}", "A".repeat(13)), "NS"));
        assert!(!valid_code("NS-C", "NS"));
        assert!(!valid_code("WV-CID", "NS"));
        assert!(!valid_code("NS-cid", "NS"));
    }

    #[test]
    fn names_and_stations_are_checked() {
        let ok = |n: &str| check_new_unit(&unit("NS-CID", n, UnitKind::Unit, true), "NS");
        assert!(ok("CID").is_empty());
        assert!(ok(&"n".repeat(NAME_MAX)).is_empty());
        assert_eq!(paths(ok("ID")), ["name:length"]);
        assert_eq!(paths(ok(&"n".repeat(NAME_MAX + 1))), ["name:length"]);
        assert_eq!(
            paths(check_new_unit(&unit("", " ", UnitKind::Station, true), "NS")),
            ["code:required", "name:required", "station:station_of_station"]
        );
        let moved = UpdateUnitRequest {
            station: Some(uuid::Uuid::nil()),
            ..UpdateUnitRequest::default()
        };
        assert_eq!(
            paths(check_unit_update(&moved, UnitKind::Station)),
            ["station:station_of_station"]
        );
        assert!(check_unit_update(&moved, UnitKind::Team).is_empty());
    }
}
