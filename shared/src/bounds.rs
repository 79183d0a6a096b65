//! The bounds the shared rules enforce on request bodies, in one table that the OpenAPI document is
//! written from (`backend/src/openapi.rs` copies each entry into the named component schema's
//! property), so the document cannot drift from the rules.
//!
//! Each entry names a component schema and a property as they appear in `openapi/openapi.json`, and
//! gives each bound as the constant the rule itself uses. An entry says only what a rule really
//! refuses:
//!
//! - `minLength` is declared only where the rule always checks the field and refuses shorter non-empty
//!   input (a rule that only refuses an empty value declares no `minLength`, except where the rule
//!   itself is written with an explicit minimum of 1);
//! - lengths are in characters (Unicode scalar values), as JSON Schema counts them; where the rule
//!   counts after trimming surrounding white space the entry is marked [`Bound::trimmed`] (the
//!   declared bound then applies to the text without its surrounding spaces: a client keeping to the
//!   document is never refused for length);
//! - where a rule counts bytes of a value that must be ASCII anyway (codes, collar numbers) bytes and
//!   characters agree;
//! - a bound on an optional (nullable) property applies when it is sent.
//!
//! A rename of a schema or property in the code makes the document's generation panic, naming the
//! entry, so a bound cannot silently fall out of the document.

use crate::admin::{agreements, partners, suites, units};
use crate::case;
use crate::custody;
use crate::forces;
use crate::index::{corrections, locations, objects, organisations, people};
use crate::intelligence;
use crate::investigation::{self as inv, tasks};
use crate::reference::lists;
use crate::retention::reviews;
use crate::sso;
use crate::validation as v;

/// The smallest number of items of a list the rule refuses when empty (`is_empty()`, or the
/// validator's `length(min = 1)`).
pub const AT_LEAST_ONE: usize = 1;

/// A numeric bound: whole or fractional, kept as written so the document shows `120`, not `120.0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// A whole number.
    Int(i64),
    /// A fractional number.
    Float(f64),
}

impl Num {
    /// The value as a float (for comparisons).
    pub fn as_f64(self) -> f64 {
        match self {
            // Bounds are far below 2^53: exact.
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }
}

/// The bounds a rule enforces on one property of a request schema.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// The component schema, as named in the document (`CrimeInput`).
    pub schema: &'static str,
    /// The property, as named in the document (`modus_operandi`).
    pub property: &'static str,
    /// Fewest characters (`minLength`).
    pub min_length: Option<usize>,
    /// Most characters (`maxLength`).
    pub max_length: Option<usize>,
    /// Fewest items of a list (`minItems`).
    pub min_items: Option<usize>,
    /// Most items of a list (`maxItems`).
    pub max_items: Option<usize>,
    /// Smallest number (`minimum`).
    pub minimum: Option<Num>,
    /// Largest number (`maximum`).
    pub maximum: Option<Num>,
    /// The rule counts characters after trimming surrounding white space (for at least one of the
    /// length bounds): the document's bound is then on the trimmed text.
    pub trimmed: bool,
}

impl Bound {
    /// An entry for `schema.property`, with no bound yet.
    pub const fn of(schema: &'static str, property: &'static str) -> Self {
        Bound {
            schema,
            property,
            min_length: None,
            max_length: None,
            min_items: None,
            max_items: None,
            minimum: None,
            maximum: None,
            trimmed: false,
        }
    }

    /// Fewest characters.
    pub const fn min_chars(mut self, n: usize) -> Self {
        self.min_length = Some(n);
        self
    }

    /// Most characters.
    pub const fn max_chars(mut self, n: usize) -> Self {
        self.max_length = Some(n);
        self
    }

    /// `min..=max` characters.
    pub const fn chars(self, min: usize, max: usize) -> Self {
        self.min_chars(min).max_chars(max)
    }

    /// The rule trims surrounding white space before counting.
    pub const fn trim(mut self) -> Self {
        self.trimmed = true;
        self
    }

    /// Fewest items.
    pub const fn min_items(mut self, n: usize) -> Self {
        self.min_items = Some(n);
        self
    }

    /// Most items.
    pub const fn max_items(mut self, n: usize) -> Self {
        self.max_items = Some(n);
        self
    }

    /// `min..=max` as whole numbers.
    pub const fn int_range(mut self, min: i64, max: i64) -> Self {
        self.minimum = Some(Num::Int(min));
        self.maximum = Some(Num::Int(max));
        self
    }

    /// At least `min`, as a whole number.
    pub const fn int_min(mut self, min: i64) -> Self {
        self.minimum = Some(Num::Int(min));
        self
    }

    /// At most `max`, as a whole number.
    pub const fn int_max(mut self, max: i64) -> Self {
        self.maximum = Some(Num::Int(max));
        self
    }

    /// `min..=max` as fractional numbers.
    pub const fn float_range(mut self, min: f64, max: f64) -> Self {
        self.minimum = Some(Num::Float(min));
        self.maximum = Some(Num::Float(max));
        self
    }
}

/// The `-` between a force's code and the rest of a suite's or unit's code.
const HYPHEN: usize = "-".len();

/// Every bound the shared rules enforce on a request schema's property.
pub const BOUNDS: &[Bound] = &[
    // Users (`validation`): create, update, and a partner organisation's account (made through the
    // same rules; its `reference` is checked as a collar number).
    Bound::of("CreateUserRequest", "username").chars(v::USERNAME_MIN_CHARS, v::USERNAME_MAX_CHARS),
    Bound::of("CreateUserRequest", "display_name")
        .chars(v::DISPLAY_NAME_MIN_CHARS, v::DISPLAY_NAME_MAX_CHARS)
        .trim(),
    Bound::of("CreateUserRequest", "collar_number").chars(v::COLLAR_NUMBER_MIN, v::COLLAR_NUMBER_MAX),
    Bound::of("CreateUserRequest", "rank")
        .chars(v::RANK_MIN_CHARS, v::RANK_MAX_CHARS)
        .trim(),
    Bound::of("CreateUserRequest", "password").chars(v::MIN_PASSWORD_LEN, v::MAX_PASSWORD_LEN),
    Bound::of("CreateUserRequest", "roles").min_items(AT_LEAST_ONE),
    Bound::of("UpdateUserRequest", "display_name")
        .chars(v::DISPLAY_NAME_MIN_CHARS, v::DISPLAY_NAME_MAX_CHARS)
        .trim(),
    Bound::of("UpdateUserRequest", "rank")
        .chars(v::RANK_MIN_CHARS, v::RANK_MAX_CHARS)
        .trim(),
    Bound::of("UpdateUserRequest", "password").chars(v::MIN_PASSWORD_LEN, v::MAX_PASSWORD_LEN),
    Bound::of("UpdateUserRequest", "roles").min_items(AT_LEAST_ONE),
    Bound::of("CreatePartnerAccountRequest", "username").chars(v::USERNAME_MIN_CHARS, v::USERNAME_MAX_CHARS),
    Bound::of("CreatePartnerAccountRequest", "display_name")
        .chars(v::DISPLAY_NAME_MIN_CHARS, v::DISPLAY_NAME_MAX_CHARS)
        .trim(),
    Bound::of("CreatePartnerAccountRequest", "reference").chars(v::COLLAR_NUMBER_MIN, v::COLLAR_NUMBER_MAX),
    Bound::of("CreatePartnerAccountRequest", "password").chars(v::MIN_PASSWORD_LEN, v::MAX_PASSWORD_LEN),
    // Forces, custody suites, units, partner organisations, agreements.
    Bound::of("CreateForceRequest", "code")
        .chars(forces::MIN_FORCE_CODE_LEN, forces::MAX_FORCE_CODE_LEN)
        .trim(),
    Bound::of("CreateForceRequest", "name")
        .chars(forces::MIN_FORCE_NAME_CHARS, forces::MAX_FORCE_NAME_CHARS)
        .trim(),
    Bound::of("CreateSuiteRequest", "code")
        .chars(
            forces::MIN_FORCE_CODE_LEN + HYPHEN + suites::CODE_SUFFIX_MIN,
            forces::MAX_FORCE_CODE_LEN + HYPHEN + suites::CODE_SUFFIX_MAX,
        )
        .trim(),
    Bound::of("CreateSuiteRequest", "name")
        .chars(suites::MIN_NAME_CHARS, suites::MAX_NAME_CHARS)
        .trim(),
    Bound::of("CreateSuiteRequest", "station")
        .max_chars(suites::MAX_NAME_CHARS)
        .trim(),
    Bound::of("CreateSuiteRequest", "cells")
        .min_items(AT_LEAST_ONE)
        .max_items(suites::MAX_CELLS),
    Bound::of("UpdateSuiteRequest", "name")
        .chars(suites::MIN_NAME_CHARS, suites::MAX_NAME_CHARS)
        .trim(),
    Bound::of("UpdateSuiteRequest", "station")
        .max_chars(suites::MAX_NAME_CHARS)
        .trim(),
    Bound::of("UpdateSuiteRequest", "cells")
        .min_items(AT_LEAST_ONE)
        .max_items(suites::MAX_CELLS),
    Bound::of("CreateUnitRequest", "code")
        .chars(
            forces::MIN_FORCE_CODE_LEN + HYPHEN + units::CODE_SUFFIX_MIN,
            forces::MAX_FORCE_CODE_LEN + HYPHEN + units::CODE_SUFFIX_MAX,
        )
        .trim(),
    Bound::of("CreateUnitRequest", "name")
        .chars(units::NAME_MIN, units::NAME_MAX)
        .trim(),
    Bound::of("UpdateUnitRequest", "name")
        .chars(units::NAME_MIN, units::NAME_MAX)
        .trim(),
    Bound::of("CreatePartnerOrganisationRequest", "code")
        .chars(partners::CODE_MIN, partners::CODE_MAX)
        .trim(),
    Bound::of("CreatePartnerOrganisationRequest", "name")
        .chars(partners::NAME_MIN, partners::NAME_MAX)
        .trim(),
    Bound::of("UpdatePartnerOrganisationRequest", "name")
        .chars(partners::NAME_MIN, partners::NAME_MAX)
        .trim(),
    Bound::of("ProposeAgreementRequest", "scopes").min_items(AT_LEAST_ONE),
    Bound::of("ProposeAgreementRequest", "purpose")
        .chars(agreements::MIN_PURPOSE_CHARS, agreements::MAX_PURPOSE_CHARS)
        .trim(),
    Bound::of("AgreementStepRequest", "reason").max_chars(agreements::MAX_PURPOSE_CHARS),
    // The identity provider.
    Bound::of("IdentityProviderRequest", "issuer")
        .max_chars(sso::URL_MAX)
        .trim(),
    Bound::of("IdentityProviderRequest", "client_id")
        .chars(sso::CLIENT_ID_MIN, sso::CLIENT_ID_MAX)
        .trim(),
    Bound::of("IdentityProviderRequest", "client_secret")
        .chars(sso::SECRET_MIN, sso::SECRET_MAX)
        .trim(),
    Bound::of("IdentityProviderRequest", "redirect_uri")
        .max_chars(sso::URL_MAX)
        .trim(),
    Bound::of("IdentityProviderRequest", "username_domain")
        .max_chars(sso::DOMAIN_MAX)
        .trim(),
    Bound::of("IdentityProviderRequest", "label")
        .chars(sso::LABEL_MIN, sso::LABEL_MAX)
        .trim(),
    // Reference lists.
    Bound::of("ReferenceListEdition", "title")
        .max_chars(lists::TITLE_MAX)
        .trim(),
    Bound::of("ReferenceListEdition", "source")
        .max_chars(lists::SOURCE_MAX)
        .trim(),
    Bound::of("ReferenceListEdition", "values").min_items(AT_LEAST_ONE),
    Bound::of("ReferenceValue", "code").max_chars(lists::CODE_MAX),
    Bound::of("ReferenceValue", "label")
        .max_chars(lists::LABEL_MAX)
        .trim(),
    Bound::of("NewLocalValue", "code")
        .max_chars(lists::LOCAL_CODE_MAX)
        .trim(),
    Bound::of("NewLocalValue", "label")
        .max_chars(lists::LABEL_MAX)
        .trim(),
    // The shared index.
    Bound::of("PersonName", "forename")
        .max_chars(v::MAX_NAME_PART_CHARS)
        .trim(),
    Bound::of("PersonName", "surname")
        .max_chars(v::MAX_NAME_PART_CHARS)
        .trim(),
    Bound::of("AgeRange", "max").int_max(people::MAX_ESTIMATED_AGE as i64),
    Bound::of("EndMarkerRequest", "reason").max_chars(people::MAX_END_REASON_CHARS),
    Bound::of("OrganisationInput", "name")
        .max_chars(organisations::MAX_NAME_CHARS)
        .trim(),
    Bound::of("ObjectInput", "value_pence").int_min(objects::MIN_VALUE_PENCE),
    Bound::of("LocationInput", "uprn").max_chars(locations::MAX_UPRN_DIGITS),
    Bound::of("LocationInput", "latitude").float_range(locations::MIN_LATITUDE, locations::MAX_LATITUDE),
    Bound::of("LocationInput", "longitude").float_range(locations::MIN_LONGITUDE, locations::MAX_LONGITUDE),
    Bound::of("CreateCorrectionRequest", "field")
        .chars(corrections::FIELD_MIN, corrections::FIELD_MAX)
        .trim(),
    Bound::of("CreateCorrectionRequest", "current_value").max_chars(corrections::VALUE_MAX),
    Bound::of("CreateCorrectionRequest", "proposed_value")
        .chars(corrections::VALUE_MIN, corrections::VALUE_MAX)
        .trim(),
    Bound::of("CreateCorrectionRequest", "reason")
        .chars(corrections::REASON_MIN, corrections::REASON_MAX)
        .trim(),
    Bound::of("DecideCorrectionRequest", "reason")
        .chars(corrections::REASON_MIN, corrections::REASON_MAX)
        .trim(),
    Bound::of("AddNoteRequest", "text")
        .max_chars(people::notes::NOTE_MAX_CHARS)
        .trim(),
    // Retention reviews.
    Bound::of("OverrideGroupRequest", "justification")
        .chars(reviews::JUSTIFICATION_MIN, reviews::JUSTIFICATION_MAX)
        .trim(),
    Bound::of("RetentionDecisionRequest", "justification")
        .chars(reviews::JUSTIFICATION_MIN, reviews::JUSTIFICATION_MAX)
        .trim(),
    // Investigation. A crime's modus operandi may be short while it is investigated (the minimum is
    // checked when it is submitted for review); the retail-theft path records it at once.
    Bound::of("IncidentInput", "summary")
        .max_chars(inv::MAX_SUMMARY_CHARS)
        .trim(),
    Bound::of("NoCrimeRequest", "rationale")
        .min_chars(inv::MIN_RATIONALE_CHARS)
        .trim(),
    Bound::of("CrimeInput", "modus_operandi").max_chars(inv::MAX_MO_CHARS),
    Bound::of("RetailTheftRequest", "modus_operandi")
        .chars(inv::MIN_MO_CHARS, inv::MAX_MO_CHARS)
        .trim(),
    Bound::of("RetailTheftRequest", "items").min_items(AT_LEAST_ONE),
    Bound::of("StolenItem", "value_pence").int_range(inv::MIN_ITEM_VALUE_PENCE, inv::MAX_ITEM_VALUE_PENCE),
    Bound::of("CancellationRequest", "additional_information")
        .min_chars(inv::MIN_RATIONALE_CHARS)
        .trim(),
    Bound::of("AddLogEntry", "text")
        .max_chars(inv::MAX_LOG_CHARS)
        .trim(),
    Bound::of("AddExhibitRequest", "reference")
        .max_chars(inv::MAX_EXHIBIT_REFERENCE_CHARS)
        .trim(),
    Bound::of("CreateTaskRequest", "title")
        .max_chars(tasks::MAX_TITLE_CHARS)
        .trim(),
    Bound::of("CreateTaskRequest", "details").max_chars(tasks::MAX_DETAILS_CHARS),
    // Intelligence.
    Bound::of("SubmitReportRequest", "text")
        .max_chars(intelligence::MAX_REPORT_TEXT_CHARS)
        .trim(),
    Bound::of("SubmitReportRequest", "subjects").min_items(AT_LEAST_ONE),
    Bound::of("LegacyImportRequest", "subjects").min_items(AT_LEAST_ONE),
    // Custody: the free texts every entry of its kind needs (a text needed only in some cases, such as
    // a missed dose's notes, is bounded only then, and not declared).
    Bound::of("BookInRequest", "decision_reason").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("BookInRequest", "nationality").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("ArrestDetails", "place").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("ArrestDetails", "officer").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("ArrestDetails", "grounds").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("ArrestDetails", "necessity").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("ArrestDetails", "offences").min_items(AT_LEAST_ONE),
    Bound::of("Prescription", "medicine").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("Prescription", "dose").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("Prescription", "prescriber").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("Prescription", "every_minutes").int_range(
        custody::MIN_DOSE_INTERVAL_MINUTES,
        custody::MAX_DOSE_INTERVAL_MINUTES,
    ),
    Bound::of("RiskAssessmentEntry", "observation_level").int_range(
        custody::MIN_OBSERVATION_LEVEL as i64,
        custody::MAX_OBSERVATION_LEVEL as i64,
    ),
    Bound::of("VisitEntry", "response").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("HealthcareEntry", "professional").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("HealthcareEntry", "notes").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("PropertyEntry", "items").min_items(AT_LEAST_ONE),
    Bound::of("PropertyItem", "description").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("ReviewEntry", "grounds").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("ExtensionEntry", "grounds").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("WarrantEntry", "court").max_chars(custody::MAX_TEXT_CHARS),
    Bound::of("ChargeEntry", "offences").min_items(AT_LEAST_ONE),
    Bound::of("AnnotationEntry", "text").max_chars(custody::MAX_TEXT_CHARS),
    // Case files: statements, unused material, the forms' narratives and the prosecutor's decision.
    Bound::of("StatementRequest", "text")
        .chars(case::MIN_NARRATIVE_CHARS, case::MAX_NARRATIVE_CHARS)
        .trim(),
    Bound::of("StatementRequest", "occupation").max_chars(case::MAX_OCCUPATION_CHARS),
    Bound::of("UnusedMaterialRequest", "description").max_chars(case::MAX_UNUSED_DESCRIPTION_CHARS),
    Bound::of("Mg3", "grounds").max_chars(case::MAX_NARRATIVE_CHARS),
    Bound::of("Mg3", "advice_sought").max_chars(case::MAX_NARRATIVE_CHARS),
    Bound::of("Mg5", "summary").max_chars(case::MAX_NARRATIVE_CHARS),
    Bound::of("Mg6", "information").max_chars(case::MAX_NARRATIVE_CHARS),
    Bound::of("Mg6", "victim_wishes").max_chars(case::MAX_NARRATIVE_CHARS),
    Bound::of("Disclosure", "note").max_chars(case::MAX_NARRATIVE_CHARS),
    Bound::of("Mg15", "account").max_chars(case::MAX_NARRATIVE_CHARS),
    Bound::of("DecisionRequest", "comments").max_chars(case::MAX_NARRATIVE_CHARS),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_property_is_bounded_once() {
        let mut seen = std::collections::HashSet::new();
        for b in BOUNDS {
            assert!(
                seen.insert((b.schema, b.property)),
                "{}.{} is in the table twice",
                b.schema,
                b.property
            );
        }
    }

    #[test]
    fn every_entry_bounds_something_and_its_minimum_is_at_most_its_maximum() {
        for b in BOUNDS {
            let at = format!("{}.{}", b.schema, b.property);
            assert!(
                b.min_length.is_some()
                    || b.max_length.is_some()
                    || b.min_items.is_some()
                    || b.max_items.is_some()
                    || b.minimum.is_some()
                    || b.maximum.is_some(),
                "{at} declares no bound"
            );
            if let (Some(lo), Some(hi)) = (b.min_length, b.max_length) {
                assert!(lo <= hi, "{at}: minLength {lo} > maxLength {hi}");
            }
            if let (Some(lo), Some(hi)) = (b.min_items, b.max_items) {
                assert!(lo <= hi, "{at}: minItems {lo} > maxItems {hi}");
            }
            if let (Some(lo), Some(hi)) = (b.minimum, b.maximum) {
                assert!(
                    lo.as_f64() <= hi.as_f64(),
                    "{at}: minimum {lo:?} > maximum {hi:?}"
                );
            }
            let lengths = b.min_length.is_some() || b.max_length.is_some();
            let items = b.min_items.is_some() || b.max_items.is_some();
            let numbers = b.minimum.is_some() || b.maximum.is_some();
            assert!(
                [lengths, items, numbers].iter().filter(|x| **x).count() == 1,
                "{at} mixes string, list and number bounds"
            );
            assert!(
                !b.trimmed || lengths,
                "{at} is marked trimmed but has no length bound"
            );
        }
    }

    #[test]
    fn the_table_says_what_the_rules_do_at_the_edges() {
        // A few entries checked against their rules at the bound and one past it.
        let crime = |mo: String| crate::investigation::CrimeInput {
            modus_operandi: mo,
            ..Default::default()
        };
        let mo_faults = |mo: String| {
            crate::investigation::check_crime(&crime(mo), chrono::Utc::now())
                .into_iter()
                .filter(|e| e.path == "modus_operandi")
                .count()
        };
        let b = BOUNDS
            .iter()
            .find(|b| b.schema == "CrimeInput" && b.property == "modus_operandi")
            .expect("entry");
        let max = b.max_length.expect("maxLength");
        assert_eq!(mo_faults("m".repeat(max)), 0);
        assert_eq!(mo_faults("m".repeat(max + 1)), 1);
        let rank = BOUNDS
            .iter()
            .find(|b| b.schema == "CreateUserRequest" && b.property == "rank")
            .expect("entry");
        let (lo, hi) = (rank.min_length.expect("min"), rank.max_length.expect("max"));
        assert!(v::rank(&"r".repeat(lo)).is_ok() && v::rank(&"r".repeat(hi)).is_ok());
        assert!(v::rank(&"r".repeat(lo - 1)).is_err() && v::rank(&"r".repeat(hi + 1)).is_err());
    }
}
