//! Police forces of the consortium, and the rules for adding one.

use crate::error::FieldError;
use crate::ids::ForceCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A police force in the consortium.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ForceDto {
    /// Short code, used in crime reference numbers and URNs.
    pub code: ForceCode,
    /// Full name.
    #[schema(example = "Northshire Constabulary")]
    pub name: String,
}

/// A force as its administrators see it: with its Police National Computer force code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ForceDetailDto {
    /// Short code, used in crime reference numbers and URNs.
    pub code: ForceCode,
    /// Full name.
    pub name: String,
    /// The force's two-digit PNC force code (absent for forces added before it was recorded).
    pub pnc_code: Option<String>,
    /// When the force joined the consortium.
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// Add a force to the consortium (consortium administrators).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreateForceRequest {
    /// Short code: 2 to 4 capital letters, unique in the consortium.
    #[serde(default)]
    #[schema(example = "MR", pattern = "^[A-Z]{2,4}$")]
    pub code: String,
    /// Full name: 3 to 100 characters.
    #[serde(default)]
    #[schema(example = "Mercia Regional Police")]
    pub name: String,
    /// Two-digit Police National Computer force code, 01 to 99, unique in the consortium.
    #[serde(default)]
    #[schema(example = "23", pattern = "^[0-9]{2}$")]
    pub pnc_code: String,
}

/// Shortest force code (capital letters, so bytes and characters agree).
pub const MIN_FORCE_CODE_LEN: usize = 2;
/// Longest force code (capital letters, so bytes and characters agree).
pub const MAX_FORCE_CODE_LEN: usize = 4;
/// Shortest force name, in characters.
pub const MIN_FORCE_NAME_CHARS: usize = 3;
/// Longest force name, in characters.
pub const MAX_FORCE_NAME_CHARS: usize = 100;

/// Checks a new force: every field at fault at once (uniqueness is the server's to check).
pub fn check_new_force(r: &CreateForceRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let code = r.code.trim();
    if code.is_empty() {
        errors.push(FieldError::new(
            "code",
            "required",
            "Enter the force's short code",
        ));
    } else if !(MIN_FORCE_CODE_LEN..=MAX_FORCE_CODE_LEN).contains(&code.len())
        || !code.bytes().all(|b| b.is_ascii_uppercase())
    {
        errors.push(FieldError::new(
            "code",
            "format",
            "A force code is 2 to 4 capital letters, such as NS",
        ));
    }
    let name = r.name.trim().chars().count();
    if name == 0 {
        errors.push(FieldError::new("name", "required", "Enter the force's name"));
    } else if !(MIN_FORCE_NAME_CHARS..=MAX_FORCE_NAME_CHARS).contains(&name) {
        errors.push(FieldError::new(
            "name",
            "length",
            "A force name is 3 to 100 characters",
        ));
    }
    let pnc = r.pnc_code.trim();
    if pnc.is_empty() {
        errors.push(FieldError::new(
            "pnc_code",
            "required",
            "Enter the force's two-digit PNC force code",
        ));
    } else if pnc.len() != 2 || !pnc.bytes().all(|b| b.is_ascii_digit()) || pnc == "00" {
        errors.push(FieldError::new(
            "pnc_code",
            "format",
            "A PNC force code is two digits, 01 to 99",
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(code: &str, name: &str, pnc: &str) -> CreateForceRequest {
        CreateForceRequest {
            code: code.into(),
            name: name.into(),
            pnc_code: pnc.into(),
        }
    }

    fn codes(r: &CreateForceRequest) -> Vec<(String, String)> {
        check_new_force(r).into_iter().map(|e| (e.path, e.code)).collect()
    }

    #[test]
    fn a_good_force_passes() {
        assert!(check_new_force(&req("MR", "Mercia Regional Police", "23")).is_empty());
        assert!(check_new_force(&req("ABCD", "Abc", "01")).is_empty());
        assert!(check_new_force(&req("AB", &"x".repeat(100), "99")).is_empty());
    }

    #[test]
    fn code_length_and_letters() {
        assert_eq!(
            codes(&req("A", "Force", "23")),
            [("code".into(), "format".into())]
        );
        assert_eq!(
            codes(&req("ABCDE", "Force", "23")),
            [("code".into(), "format".into())]
        );
        assert_eq!(
            codes(&req("ns", "Force", "23")),
            [("code".into(), "format".into())]
        );
        assert_eq!(
            codes(&req("N1", "Force", "23")),
            [("code".into(), "format".into())]
        );
        assert_eq!(
            codes(&req(" ", "Force", "23")),
            [("code".into(), "required".into())]
        );
    }

    #[test]
    fn name_length_boundaries() {
        assert_eq!(codes(&req("MR", "Ab", "23")), [("name".into(), "length".into())]);
        assert!(codes(&req("MR", "Abc", "23")).is_empty());
        assert!(codes(&req("MR", &"é".repeat(100), "23")).is_empty());
        assert_eq!(
            codes(&req("MR", &"é".repeat(101), "23")),
            [("name".into(), "length".into())]
        );
        assert_eq!(
            codes(&req("MR", "  ", "23")),
            [("name".into(), "required".into())]
        );
    }

    #[test]
    fn pnc_codes() {
        assert_eq!(
            codes(&req("MR", "Force", "00")),
            [("pnc_code".into(), "format".into())]
        );
        assert!(codes(&req("MR", "Force", "01")).is_empty());
        assert_eq!(
            codes(&req("MR", "Force", "1")),
            [("pnc_code".into(), "format".into())]
        );
        assert_eq!(
            codes(&req("MR", "Force", "123")),
            [("pnc_code".into(), "format".into())]
        );
        assert_eq!(
            codes(&req("MR", "Force", "2a")),
            [("pnc_code".into(), "format".into())]
        );
        assert_eq!(
            codes(&req("MR", "Force", "")),
            [("pnc_code".into(), "required".into())]
        );
    }

    #[test]
    fn every_fault_at_once() {
        assert_eq!(check_new_force(&req("", "", "")).len(), 3);
    }
}
