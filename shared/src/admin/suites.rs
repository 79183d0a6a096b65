//! Custody suites as a force administrator manages them: code, name, station and cells. A suite with
//! detainees in it keeps the cells they occupy and cannot be closed (the server checks occupancy).

use crate::error::FieldError;
use crate::ids::ForceCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Most cells in one suite.
pub const MAX_CELLS: usize = 200;
/// Longest cell name, in characters.
pub const MAX_CELL_CHARS: usize = 10;
/// Longest suite or station name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Shortest suite name, in characters (surrounding spaces not counted).
pub const MIN_NAME_CHARS: usize = 3;
/// Shortest part of a suite code after the force's code and its hyphen (capital letters or digits).
pub const CODE_SUFFIX_MIN: usize = 2;
/// Longest part of a suite code after the force's code and its hyphen (capital letters or digits).
pub const CODE_SUFFIX_MAX: usize = 8;

/// A custody suite with what its administrator manages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SuiteDto {
    /// Id (the custody board's and booking's `suite_id`).
    pub id: uuid::Uuid,
    /// The force that runs it.
    pub force: ForceCode,
    /// Short code, unique in the consortium (`NS-CEN`).
    pub code: String,
    /// Name users see.
    pub name: String,
    /// The police station it is in, if recorded.
    pub station: Option<String>,
    /// Its cells, in the order staff walk them.
    pub cells: Vec<String>,
    /// Whether detainees can be booked into it.
    pub active: bool,
    /// Open custody records in it now.
    pub open_records: i64,
    /// Version for optimistic concurrency (also sent as the `ETag`).
    pub version: i64,
}

/// Open a custody suite in the administrator's force.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreateSuiteRequest {
    /// Your force's code, a hyphen and 2 to 8 capital letters or digits (`NS-EAST`).
    #[serde(default)]
    #[schema(example = "NS-EAST")]
    pub code: String,
    /// Name users see: 3 to 100 characters.
    #[serde(default)]
    #[schema(example = "Northshire East custody")]
    pub name: String,
    /// The police station it is in (at most 100 characters).
    #[serde(default)]
    pub station: Option<String>,
    /// Its cells in walking order: 1 to 200, each 1 to 10 letters, digits or hyphens, each once.
    #[serde(default)]
    pub cells: Vec<String>,
}

/// Change a suite. Absent fields stay as they are. Send the `ETag` you read as `If-Match`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UpdateSuiteRequest {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New station (an empty string clears it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub station: Option<String>,
    /// The new list of cells (a cell with a detainee in it cannot be removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cells: Option<Vec<String>>,
    /// Open or close the suite to new bookings (it cannot close with detainees in it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

fn check_name(errors: &mut Vec<FieldError>, name: &str) {
    let n = name.trim().chars().count();
    if n == 0 {
        errors.push(FieldError::new("name", "required", "Enter the suite's name"));
    } else if !(MIN_NAME_CHARS..=MAX_NAME_CHARS).contains(&n) {
        errors.push(FieldError::new(
            "name",
            "length",
            "A suite name is 3 to 100 characters",
        ));
    }
}

fn check_station(errors: &mut Vec<FieldError>, station: Option<&str>) {
    if station.is_some_and(|s| s.trim().chars().count() > MAX_NAME_CHARS) {
        errors.push(FieldError::new("station", "length", "At most 100 characters"));
    }
}

fn check_cells(errors: &mut Vec<FieldError>, cells: &[String]) {
    if cells.is_empty() {
        errors.push(FieldError::new(
            "cells",
            "required",
            "A suite has at least one cell",
        ));
    } else if cells.len() > MAX_CELLS {
        errors.push(FieldError::new(
            "cells",
            "too_many",
            "At most 200 cells in one suite",
        ));
    }
    for (i, c) in cells.iter().enumerate() {
        let c = c.trim();
        let n = c.chars().count();
        if n == 0 || n > MAX_CELL_CHARS || !c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-') {
            errors.push(FieldError::new(
                format!("cells.{i}"),
                "format",
                "A cell is 1 to 10 letters, digits or hyphens (C1, DRY-2)",
            ));
        } else if cells[..i].iter().any(|o| o.trim() == c) {
            errors.push(FieldError::new(
                format!("cells.{i}"),
                "duplicate",
                "Each cell once",
            ));
        }
    }
}

/// Checks a new suite of `force`: every field at fault at once (a taken code is the server's to check).
pub fn check_new_suite(r: &CreateSuiteRequest, force: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let code = r.code.trim();
    let rest = code.strip_prefix(force).and_then(|s| s.strip_prefix('-'));
    if code.is_empty() {
        errors.push(FieldError::new("code", "required", "Enter the suite's code"));
    } else if !rest.is_some_and(|s| {
        (CODE_SUFFIX_MIN..=CODE_SUFFIX_MAX).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    }) {
        errors.push(FieldError::new(
            "code",
            "format",
            "A suite code is your force's code, a hyphen and 2 to 8 capital letters or digits, such as NS-EAST",
        ));
    }
    check_name(&mut errors, &r.name);
    check_station(&mut errors, r.station.as_deref());
    check_cells(&mut errors, &r.cells);
    errors
}

/// Checks a change to a suite: the rules of a new one for each field sent.
pub fn check_suite_update(r: &UpdateSuiteRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(n) = &r.name {
        check_name(&mut errors, n);
    }
    check_station(&mut errors, r.station.as_deref());
    if let Some(c) = &r.cells {
        check_cells(&mut errors, c);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suite(code: &str, name: &str, cells: &[&str]) -> CreateSuiteRequest {
        CreateSuiteRequest {
            code: code.into(),
            name: name.into(),
            station: None,
            cells: cells.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    fn faults(r: &CreateSuiteRequest) -> Vec<(String, String)> {
        check_new_suite(r, "NS")
            .into_iter()
            .map(|e| (e.path, e.code))
            .collect()
    }

    fn one(p: &str, c: &str) -> Vec<(String, String)> {
        vec![(p.to_owned(), c.to_owned())]
    }

    #[test]
    fn a_good_suite_passes() {
        assert!(faults(&suite("NS-EAST", "East custody", &["C1", "C2"])).is_empty());
        assert!(faults(&suite("NS-AB", "Abc", &["1"])).is_empty());
        assert!(faults(&suite("NS-ABCDEFG8", "Abc", &["DRY-2"])).is_empty());
    }

    #[test]
    fn codes_carry_the_force_and_2_to_8_characters() {
        assert_eq!(faults(&suite("NS-A", "East", &["C1"])), one("code", "format"));
        assert_eq!(
            faults(&suite("NS-ABCDEFGHI", "East", &["C1"])),
            one("code", "format")
        );
        assert_eq!(faults(&suite("WV-EAST", "East", &["C1"])), one("code", "format"));
        assert_eq!(faults(&suite("NS-east", "East", &["C1"])), one("code", "format"));
        assert_eq!(faults(&suite("NSEAST", "East", &["C1"])), one("code", "format"));
        assert_eq!(faults(&suite("", "East", &["C1"])), one("code", "required"));
    }

    #[test]
    fn names_3_to_100() {
        assert_eq!(faults(&suite("NS-EAST", "Ea", &["C1"])), one("name", "length"));
        assert!(faults(&suite("NS-EAST", &"é".repeat(100), &["C1"])).is_empty());
        assert_eq!(
            faults(&suite("NS-EAST", &"é".repeat(101), &["C1"])),
            one("name", "length")
        );
        let mut s = suite("NS-EAST", "East", &["C1"]);
        s.station = Some("x".repeat(100));
        assert!(faults(&s).is_empty());
        s.station = Some("x".repeat(101));
        assert_eq!(faults(&s), one("station", "length"));
    }

    #[test]
    fn cells_1_to_200_each_once_and_well_formed() {
        assert_eq!(faults(&suite("NS-EAST", "East", &[])), one("cells", "required"));
        let many: Vec<String> = (1..=200).map(|n| format!("C{n}")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(faults(&suite("NS-EAST", "East", &refs)).is_empty());
        let too_many: Vec<String> = (1..=201).map(|n| format!("C{n}")).collect();
        let refs: Vec<&str> = too_many.iter().map(String::as_str).collect();
        assert_eq!(faults(&suite("NS-EAST", "East", &refs)), one("cells", "too_many"));
        assert_eq!(
            faults(&suite("NS-EAST", "East", &["C1", "C1"])),
            one("cells.1", "duplicate")
        );
        assert_eq!(
            faults(&suite("NS-EAST", "East", &["C 1"])),
            one("cells.0", "format")
        );
        assert!(faults(&suite("NS-EAST", "East", &["ABCDEFGHIJ"])).is_empty());
        assert_eq!(
            faults(&suite("NS-EAST", "East", &["ABCDEFGHIJK"])),
            one("cells.0", "format")
        );
        assert_eq!(faults(&suite("NS-EAST", "East", &[""])), one("cells.0", "format"));
    }

    #[test]
    fn an_update_checks_only_what_it_sends() {
        assert!(check_suite_update(&UpdateSuiteRequest::default()).is_empty());
        let r = UpdateSuiteRequest {
            name: Some("x".into()),
            cells: Some(vec![]),
            ..UpdateSuiteRequest::default()
        };
        let got: Vec<String> = check_suite_update(&r).into_iter().map(|e| e.path).collect();
        assert_eq!(got, ["name", "cells"]);
    }
}
