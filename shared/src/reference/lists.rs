//! Versioned reference lists: which lists exist, what each value may carry, and the rules an edition
//! (a whole new version of a list) and a force-local value must meet. The format is documented in
//! `docs/reference-data.md`; the lists themselves are data files in `backend/reference/`.

use crate::error::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use utoipa::ToSchema;

/// The type of an attribute a list's values carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeType {
    /// Text of 1 to 1,000 characters.
    Text,
    /// `true` or `false`.
    Bool,
    /// A whole number from 0 to 1,000.
    Integer,
    /// One of a fixed set of words.
    OneOf(&'static [&'static str]),
    /// An active code of another list.
    CodeOf(&'static str),
}

/// One attribute a list declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributeSpec {
    /// Its name in the file and the API.
    pub name: &'static str,
    /// Its type.
    pub kind: AttributeType,
    /// Whether every value must carry it.
    pub required: bool,
}

/// Where a list's values are kept (the typed lists have their own tables, read by the modules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// A vocabulary of codes and labels (`reference_codes`).
    Vocabulary,
    /// Offences (`offences`).
    Offence,
    /// Home Office outcome types (`outcome_types`).
    OutcomeType,
    /// Link reasons (`link_reasons`).
    LinkReason,
}

/// A list Bluelamp knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListSpec {
    /// The list's name.
    pub name: &'static str,
    /// Where it is kept.
    pub storage: Storage,
    /// The attributes its values carry.
    pub attributes: &'static [AttributeSpec],
}

const fn attr(name: &'static str, kind: AttributeType, required: bool) -> AttributeSpec {
    AttributeSpec { name, kind, required }
}

const fn vocabulary(name: &'static str) -> ListSpec {
    ListSpec {
        name,
        storage: Storage::Vocabulary,
        attributes: &[],
    }
}

use AttributeType::{Bool, CodeOf, Integer, OneOf, Text};

/// The record kinds a link reason may join.
pub const RECORD_KINDS: &[&str] = &["person", "organisation", "object", "location", "event"];

/// Every list, in the order they are applied (a list another refers to comes first).
pub const LISTS: &[ListSpec] = &[
    ListSpec {
        name: "ho_classification",
        storage: Storage::Vocabulary,
        attributes: &[attr("group", Text, true)],
    },
    ListSpec {
        name: "offence",
        storage: Storage::Offence,
        attributes: &[
            attr("legislation", Text, true),
            attr("classification", CodeOf("ho_classification"), true),
            attr(
                "mode_of_trial",
                OneOf(&["summary", "either_way", "indictable"]),
                true,
            ),
            attr("cps_referral", Text, false),
        ],
    },
    ListSpec {
        name: "outcome_type",
        storage: Storage::OutcomeType,
        attributes: &[attr("requires_suspect", Bool, true)],
    },
    ListSpec {
        name: "mopi_group",
        storage: Storage::Vocabulary,
        attributes: &[
            attr("description", Text, true),
            attr("review_period_years", Integer, false),
            attr("clear_period_years", Integer, false),
            attr("review_until_age", Integer, false),
        ],
    },
    ListSpec {
        name: "mopi_rule",
        storage: Storage::Vocabulary,
        attributes: &[
            attr("group", OneOf(&["1", "2", "3"]), true),
            attr("reason", Text, true),
            attr("classifications", Text, false),
            attr("offence_groups", Text, false),
            attr("markers", Text, false),
        ],
    },
    ListSpec {
        name: "handling_code",
        storage: Storage::Vocabulary,
        attributes: &[attr("description", Text, true)],
    },
    ListSpec {
        name: "mg_form",
        storage: Storage::Vocabulary,
        attributes: &[attr("purpose", Text, false)],
    },
    ListSpec {
        name: "ethnicity",
        storage: Storage::Vocabulary,
        attributes: &[attr("group", Text, true)],
    },
    vocabulary("officer_ethnicity"),
    vocabulary("nationality"),
    ListSpec {
        name: "link_reason",
        storage: Storage::LinkReason,
        attributes: &[
            attr("inverse_label", Text, true),
            attr("from_kind", OneOf(RECORD_KINDS), true),
            attr("to_kind", OneOf(RECORD_KINDS), true),
        ],
    },
    vocabulary("marker_type"),
    vocabulary("vulnerability"),
    vocabulary("gender"),
    vocabulary("organisation_kind"),
    vocabulary("incident_channel"),
    vocabulary("incident_opening"),
    vocabulary("incident_qualifier"),
    vocabulary("incident_closing"),
    vocabulary("investigation_unit"),
    vocabulary("hate_strand"),
    vocabulary("victim_need"),
    vocabulary("enhanced_reason"),
    vocabulary("contact_method"),
    vocabulary("update_frequency"),
];

/// The list of that name.
pub fn spec(name: &str) -> Option<&'static ListSpec> {
    LISTS.iter().find(|l| l.name == name)
}

/// A whole edition of a list: what `backend/reference/<list>.toml` holds and what
/// `PUT /reference-data/lists/{list}` takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReferenceListEdition {
    /// The list's name, e.g. `outcome_type`.
    pub list: String,
    /// What the list is, e.g. "Home Office crime outcome types".
    pub title: String,
    /// Where it was taken from: the publication and its edition.
    pub source: String,
    /// The edition, `YYYY-MM-DD` or `YYYY-MM-DD.N`; it must be newer than the one in force.
    pub version: String,
    /// Whether a force may add its own values to the list.
    #[serde(default)]
    pub force_local: bool,
    /// The values, in the order forms offer them. A value of the edition in force that is left out is
    /// retired: readable on the records that use it, no longer offered or accepted for new ones.
    pub values: Vec<ReferenceValue>,
}

/// One value of an edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReferenceValue {
    /// The stored code: 1 to 40 letters, digits, `_`, `-` or `.`.
    pub code: String,
    /// What users see: 1 to 200 characters.
    pub label: String,
    /// What the list declares beyond code and label (see `docs/reference-data.md`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(value_type = Object)]
    pub attributes: BTreeMap<String, serde_json::Value>,
}

/// An edition's version: a date and a number for a second edition that day. Versions order by date,
/// then by number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// The date of the edition.
    pub date: NaiveDate,
    /// Which edition of that day (0 for the first).
    pub n: u32,
}

impl Version {
    /// Parses `YYYY-MM-DD` or `YYYY-MM-DD.N`.
    pub fn parse(s: &str) -> Option<Self> {
        let (date, n) = match s.split_once('.') {
            Some((d, n)) if !n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()) => {
                (d, n.parse().ok()?)
            }
            Some(_) => return None,
            None => (s, 0),
        };
        if date.len() != 10 {
            return None;
        }
        Some(Self {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?,
            n,
        })
    }
}

/// The longest code.
pub const CODE_MAX: usize = 40;
/// The longest label.
pub const LABEL_MAX: usize = 200;
/// The longest title.
pub const TITLE_MAX: usize = 200;
/// The longest source.
pub const SOURCE_MAX: usize = 1_000;
/// The longest text attribute.
pub const TEXT_MAX: usize = 1_000;
/// The largest whole-number attribute.
pub const INTEGER_MAX: i64 = 1_000;

/// Whether a code is 1 to 40 letters, digits, `_`, `-` or `.` (a force-local code adds its force
/// and a colon in front, so the two can never collide).
pub fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= CODE_MAX
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

fn check_text(errors: &mut Vec<FieldError>, path: &str, v: &str, max: usize, what: &str) {
    let n = v.trim().chars().count();
    if n == 0 {
        errors.push(FieldError::new(path, "required", format!("Enter the {what}")));
    } else if n > max {
        errors.push(FieldError::new(
            path,
            "length",
            format!("The {what} must be {max} characters or fewer"),
        ));
    } else if v.chars().any(char::is_control) {
        errors.push(FieldError::new(
            path,
            "format",
            format!("The {what} must not contain control characters"),
        ));
    }
}

/// What checking an edition needs to know of the database.
pub struct EditionContext<'a> {
    /// The version of the edition in force, if the list has one.
    pub in_force: Option<&'a str>,
    /// Whether `code` is an active value of `list` (for attributes that name another list's code).
    pub is_code_of: &'a dyn Fn(&str, &str) -> bool,
}

/// Checks a whole edition of `list` (the list named in the address): every fault at once, with the
/// path of each (`values.<index>.<field>`). Nothing may change unless this is empty.
pub fn check_edition(list: &str, e: &ReferenceListEdition, ctx: &EditionContext<'_>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let Some(spec) = spec(list) else {
        errors.push(FieldError::new(
            "list",
            "unknown_list",
            format!("Bluelamp has no list called `{list}`"),
        ));
        return errors;
    };
    if e.list != list {
        errors.push(FieldError::new(
            "list",
            "mismatch",
            format!("This edition is of `{}`, not `{list}`", e.list),
        ));
    }
    check_text(&mut errors, "title", &e.title, TITLE_MAX, "title");
    check_text(&mut errors, "source", &e.source, SOURCE_MAX, "source");
    match Version::parse(&e.version) {
        None => errors.push(FieldError::new(
            "version",
            "format",
            "The version is the edition's date, YYYY-MM-DD, optionally followed by .N",
        )),
        Some(v) => {
            if let Some(current) = ctx.in_force.and_then(Version::parse) {
                if v <= current {
                    errors.push(FieldError::new(
                        "version",
                        "not_newer",
                        format!(
                            "Version {} is in force: an edition must be newer",
                            ctx.in_force.unwrap_or_default()
                        ),
                    ));
                }
            }
        }
    }
    if e.values.is_empty() {
        errors.push(FieldError::new(
            "values",
            "required",
            "A list needs at least one value",
        ));
    }
    let mut seen = HashSet::new();
    for (i, v) in e.values.iter().enumerate() {
        let at = |f: &str| format!("values.{i}.{f}");
        if v.code.is_empty() {
            errors.push(FieldError::new(at("code"), "required", "Enter the code"));
        } else if v.code.len() > CODE_MAX {
            errors.push(FieldError::new(
                at("code"),
                "length",
                format!("A code is {CODE_MAX} characters or fewer"),
            ));
        } else if !valid_code(&v.code) {
            errors.push(FieldError::new(
                at("code"),
                "format",
                "A code is letters, digits, `_`, `-` or `.`, with no spaces",
            ));
        } else if !seen.insert(v.code.as_str()) {
            errors.push(FieldError::new(
                at("code"),
                "duplicate",
                format!("`{}` is already in this edition", v.code),
            ));
        }
        check_text(&mut errors, &at("label"), &v.label, LABEL_MAX, "label");
        check_attributes(&mut errors, i, spec, &v.attributes, ctx);
    }
    errors
}

fn check_attributes(
    errors: &mut Vec<FieldError>,
    i: usize,
    spec: &ListSpec,
    attributes: &BTreeMap<String, serde_json::Value>,
    ctx: &EditionContext<'_>,
) {
    for name in attributes.keys() {
        if !spec.attributes.iter().any(|a| a.name == name) {
            errors.push(FieldError::new(
                format!("values.{i}.attributes.{name}"),
                "unknown_attribute",
                format!("The list `{}` takes no attribute `{name}`", spec.name),
            ));
        }
    }
    for a in spec.attributes {
        let path = format!("values.{i}.attributes.{}", a.name);
        let Some(value) = attributes.get(a.name).filter(|v| !v.is_null()) else {
            if a.required {
                errors.push(FieldError::new(path, "required", format!("Give the {}", a.name)));
            }
            continue;
        };
        let fault = match (a.kind, value) {
            (Text, serde_json::Value::String(s)) => {
                check_text(errors, &path, s, TEXT_MAX, a.name);
                None
            }
            (Bool, serde_json::Value::Bool(_)) => None,
            (Integer, serde_json::Value::Number(n)) => match n.as_i64() {
                Some(n) if (0..=INTEGER_MAX).contains(&n) => None,
                _ => Some(("range", format!("A whole number from 0 to {INTEGER_MAX}"))),
            },
            (OneOf(words), serde_json::Value::String(s)) if words.contains(&s.as_str()) => None,
            (OneOf(words), serde_json::Value::String(_)) => {
                Some(("unknown_code", format!("One of {}", words.join(", "))))
            }
            (CodeOf(list), serde_json::Value::String(s)) if (ctx.is_code_of)(list, s) => None,
            (CodeOf(list), serde_json::Value::String(s)) => {
                Some(("unknown_code", format!("`{s}` is not an active code of `{list}`")))
            }
            (kind, _) => Some((
                "type",
                format!(
                    "Must be {}",
                    match kind {
                        Bool => "true or false",
                        Integer => "a whole number",
                        _ => "text",
                    }
                ),
            )),
        };
        if let Some((code, message)) = fault {
            errors.push(FieldError::new(path, code, message));
        }
    }
}

/// A force-local value a force administrator adds to a list that allows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NewLocalValue {
    /// The code within the force: 1 to 36 letters, digits, `_`, `-` or `.`; it is stored with the
    /// force's code and a colon in front (`NS:shopwatch`), so it never collides with a national code.
    pub code: String,
    /// What users see: 1 to 200 characters.
    pub label: String,
}

/// The longest force-local code (before the force's code and colon are put in front).
pub const LOCAL_CODE_MAX: usize = 36;

/// The stored code of a force's local value.
pub fn local_code(force: &str, code: &str) -> String {
    format!("{force}:{}", code.trim())
}

/// The force whose local value `code` is (`None` for a national value).
pub fn local_force(code: &str) -> Option<&str> {
    code.split_once(':').map(|(f, _)| f)
}

/// Checks a force-local value for a list that allows them (or not: `allowed`).
pub fn check_local_value(allowed: bool, v: &NewLocalValue) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !allowed {
        errors.push(FieldError::new(
            "list",
            "no_force_values",
            "This national list does not take force-local values",
        ));
    }
    let code = v.code.trim();
    if code.is_empty() {
        errors.push(FieldError::new("code", "required", "Enter a code"));
    } else if code.len() > LOCAL_CODE_MAX {
        errors.push(FieldError::new(
            "code",
            "length",
            format!("A local code is {LOCAL_CODE_MAX} characters or fewer"),
        ));
    } else if !valid_code(code) {
        errors.push(FieldError::new(
            "code",
            "format",
            "A code is letters, digits, `_`, `-` or `.`, with no spaces",
        ));
    }
    check_text(&mut errors, "label", &v.label, LABEL_MAX, "label");
    errors
}

/// A list and the edition in force, as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReferenceListSummary {
    /// The list's name.
    pub list: String,
    /// What the list is.
    pub title: String,
    /// Where the edition in force was taken from.
    pub source: String,
    /// The edition in force.
    pub version: String,
    /// Whether forces may add their own values.
    pub force_local: bool,
    /// Values that may be chosen (national and every force's own).
    pub active: u32,
    /// Values retired by a later edition (or by their force), kept for the records that use them.
    pub retired: u32,
    /// When the edition in force was applied.
    pub applied_at: chrono::DateTime<chrono::Utc>,
    /// Changes so far (editions and local values); the list's `ETag`.
    pub revision: i64,
}

/// One value as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReferenceValueDto {
    /// The stored code.
    pub code: String,
    /// What users see.
    pub label: String,
    /// What the list declares beyond code and label.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(value_type = Object)]
    pub attributes: BTreeMap<String, serde_json::Value>,
    /// Whether it may be chosen for new records.
    pub active: bool,
    /// The force whose local value it is (absent for a national value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force: Option<String>,
}

/// A list with every value it has had: active, retired, national and force-local.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReferenceListDetail {
    /// The list and its edition in force.
    #[serde(flatten)]
    pub summary: ReferenceListSummary,
    /// Every value, national first in the edition's order, then force-local ones.
    pub values: Vec<ReferenceValueDto>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn value(code: &str, label: &str, attributes: serde_json::Value) -> ReferenceValue {
        ReferenceValue {
            code: code.into(),
            label: label.into(),
            attributes: serde_json::from_value(attributes).unwrap(),
        }
    }

    fn edition(list: &str, version: &str, values: Vec<ReferenceValue>) -> ReferenceListEdition {
        ReferenceListEdition {
            list: list.into(),
            title: "A list".into(),
            source: "A publication".into(),
            version: version.into(),
            force_local: false,
            values,
        }
    }

    fn faults(list: &str, e: &ReferenceListEdition, in_force: Option<&str>) -> Vec<String> {
        let is_code = |l: &str, c: &str| l == "ho_classification" && c == "46";
        let ctx = EditionContext {
            in_force,
            is_code_of: &is_code,
        };
        check_edition(list, e, &ctx)
            .into_iter()
            .map(|f| format!("{}:{}", f.path, f.code))
            .collect()
    }

    #[test]
    fn versions_order_by_date_then_edition_number() {
        let v = |s| Version::parse(s).unwrap();
        assert!(v("2024-04-01") < v("2024-04-01.1"));
        assert!(v("2024-04-01.9") < v("2024-04-01.10"));
        assert!(v("2024-03-31.99") < v("2024-04-01"));
        for bad in [
            "2024-4-1",
            "2024-04-31",
            "2024-04-01.",
            "2024-04-01.x",
            "20240401",
            "",
            "2024-04-01.12345",
        ] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_edition_must_be_newer_than_the_one_in_force() {
        let e = |v: &str| edition("gender", v, vec![value("male", "Male", json!({}))]);
        assert_eq!(
            faults("gender", &e("2024-03-31"), Some("2024-04-01")),
            ["version:not_newer"]
        );
        assert_eq!(
            faults("gender", &e("2024-04-01"), Some("2024-04-01")),
            ["version:not_newer"]
        );
        assert!(faults("gender", &e("2024-04-01.1"), Some("2024-04-01")).is_empty());
        assert!(faults("gender", &e("2024-04-02"), Some("2024-04-01")).is_empty());
        assert!(faults("gender", &e("2020-01-01"), None).is_empty());
        assert_eq!(faults("gender", &e("April"), None), ["version:format"]);
    }

    #[test]
    fn every_bad_value_is_named_at_once() {
        let e = edition(
            "offence",
            "2024-04-01",
            vec![
                value(
                    "theft_shop",
                    "Theft from a shop",
                    json!({"legislation": "Theft Act 1968 s.1", "classification": "46", "mode_of_trial": "either_way"}),
                ),
                value(
                    "theft_shop",
                    "",
                    json!({"legislation": "x", "classification": "99Z", "mode_of_trial": "either"}),
                ),
                value(
                    "has space",
                    "x",
                    json!({"legislation": 3, "classification": "46", "mode_of_trial": "summary", "colour": "red"}),
                ),
            ],
        );
        let mut got = faults("offence", &e, None);
        got.sort();
        assert_eq!(
            got,
            [
                "values.1.attributes.classification:unknown_code",
                "values.1.attributes.mode_of_trial:unknown_code",
                "values.1.code:duplicate",
                "values.1.label:required",
                "values.2.attributes.colour:unknown_attribute",
                "values.2.attributes.legislation:type",
                "values.2.code:format",
            ]
        );
    }

    #[test]
    fn codes_and_labels_are_checked_at_their_limits() {
        let at = |code_len: usize, label_len: usize| {
            let e = edition(
                "gender",
                "2024-04-01",
                vec![value(&"c".repeat(code_len), &"l".repeat(label_len), json!({}))],
            );
            faults("gender", &e, None)
        };
        assert!(at(CODE_MAX - 1, LABEL_MAX - 1).is_empty());
        assert!(at(CODE_MAX, LABEL_MAX).is_empty());
        assert_eq!(
            at(CODE_MAX + 1, LABEL_MAX + 1),
            ["values.0.code:length", "values.0.label:length"]
        );
        assert_eq!(at(0, 1), ["values.0.code:required"]);
    }

    #[test]
    fn integers_required_attributes_and_the_list_name_are_checked() {
        let e = edition(
            "mopi_group",
            "2024-01-01",
            vec![
                value(
                    "1",
                    "Group 1",
                    json!({"description": "d", "review_period_years": 1000}),
                ),
                value(
                    "2",
                    "Group 2",
                    json!({"description": "d", "clear_period_years": 1001}),
                ),
                value("3", "Group 3", json!({"clear_period_years": -1})),
                value(
                    "4",
                    "Group 4",
                    json!({"description": "d", "clear_period_years": 6.5}),
                ),
            ],
        );
        assert_eq!(
            faults("mopi_group", &e, None),
            [
                "values.1.attributes.clear_period_years:range",
                "values.2.attributes.description:required",
                "values.2.attributes.clear_period_years:range",
                "values.3.attributes.clear_period_years:range",
            ]
        );
        assert_eq!(faults("handling_code", &e, None)[0], "list:mismatch");
        assert_eq!(faults("colours", &e, None), ["list:unknown_list"]);
        let empty = edition("gender", "2024-01-01", vec![]);
        assert_eq!(faults("gender", &empty, None), ["values:required"]);
    }

    #[test]
    fn local_values_are_checked_and_carry_their_force() {
        let v = |code: &str, label: &str| NewLocalValue {
            code: code.into(),
            label: label.into(),
        };
        assert!(check_local_value(true, &v(&"a".repeat(LOCAL_CODE_MAX), "Shopwatch")).is_empty());
        let codes = |allowed, v: &NewLocalValue| {
            check_local_value(allowed, v)
                .into_iter()
                .map(|f| format!("{}:{}", f.path, f.code))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(true, &v(&"a".repeat(LOCAL_CODE_MAX + 1), "x")),
            ["code:length"]
        );
        assert_eq!(codes(true, &v("NS:x", "x")), ["code:format"]);
        assert_eq!(
            codes(false, &v("x", " ")),
            ["list:no_force_values", "label:required"]
        );
        assert_eq!(local_code("NS", " shopwatch "), "NS:shopwatch");
        assert_eq!(local_force("NS:shopwatch"), Some("NS"));
        assert_eq!(local_force("theft_shop"), None);
    }

    #[test]
    fn every_list_is_named_once_and_referred_lists_come_first() {
        let mut seen = HashSet::new();
        for l in LISTS {
            assert!(seen.insert(l.name), "{} twice", l.name);
            for a in l.attributes {
                if let CodeOf(other) = a.kind {
                    assert!(seen.contains(other), "{} refers to {other} before it", l.name);
                }
            }
        }
    }
}
