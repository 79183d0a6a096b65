//! MoPI reviews: a record's retention assessment (its group, why, when it is due for review), a
//! reviewer's override of the group with a justification, and the reviewer's decision against the
//! National Retention Assessment Criteria (NRAC).
//!
//! Source of the NRAC questions: College of Policing, Authorised Professional Practice "Information
//! management: Management of Police Information", review (the National Retention Assessment Criteria).

use super::{MopiGroup, ReviewDue};
use crate::error::FieldError;
use crate::users::UserRef;
use crate::validation::check_length;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Shortest justification of an override or a decision, in characters (a reason says why).
pub const JUSTIFICATION_MIN: usize = 20;
/// Longest justification, in characters.
pub const JUSTIFICATION_MAX: usize = 2_000;

/// A reviewer's override of the group the rules gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct GroupOverride {
    /// The group the reviewer set.
    pub group: MopiGroup,
    /// Why.
    pub justification: String,
    /// Who set it.
    pub by: UserRef,
    /// When.
    pub at: DateTime<Utc>,
}

/// The National Retention Assessment Criteria: a "yes" to any question is a reason to keep the record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NracAnswers {
    /// Is there evidence of a capacity to inflict serious harm?
    pub serious_harm: bool,
    /// Are there any concerns in relation to children or vulnerable adults?
    pub children_or_vulnerable_adults: bool,
    /// Did the behaviour involve a breach of trust?
    pub breach_of_trust: bool,
    /// Is there evidence of established links or associations which might increase the risk of harm?
    pub links_increasing_risk: bool,
    /// Are there concerns in relation to substance misuse?
    pub substance_misuse: bool,
    /// Are there concerns that the individual's mental state might exacerbate risk?
    pub mental_state: bool,
}

impl NracAnswers {
    /// The questions, in the order the APP asks them, with the answers.
    pub fn questions(&self) -> [(&'static str, bool); 6] {
        [
            ("Is there evidence of a capacity to inflict serious harm?", self.serious_harm),
            (
                "Are there any concerns in relation to children or vulnerable adults?",
                self.children_or_vulnerable_adults,
            ),
            ("Did the behaviour involve a breach of trust?", self.breach_of_trust),
            (
                "Is there evidence of established links or associations which might increase the risk of harm?",
                self.links_increasing_risk,
            ),
            ("Are there concerns in relation to substance misuse?", self.substance_misuse),
            (
                "Are there concerns that the individual's mental state might exacerbate risk?",
                self.mental_state,
            ),
        ]
    }

    /// Whether any answer is "yes".
    pub fn any(&self) -> bool {
        self.questions().iter().any(|(_, yes)| *yes)
    }
}

/// What a reviewer decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RetentionOutcome {
    /// Keep the record until its next review.
    Retain,
}

/// A retention decision as recorded (every decision is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RetentionDecisionDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// What was decided.
    pub outcome: RetentionOutcome,
    /// The NRAC answers.
    pub nrac: NracAnswers,
    /// Why.
    pub justification: String,
    /// The next review.
    pub next_review_on: NaiveDate,
    /// Who decided.
    pub by: UserRef,
    /// When.
    pub at: DateTime<Utc>,
}

/// A record's retention assessment, as a reviewer reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReviewDto {
    /// The record (`crime` for now).
    pub record_kind: String,
    /// Its id.
    #[schema(value_type = String, format = Uuid)]
    pub record_id: Uuid,
    /// Its reference (the crime reference number), or its id when it has none.
    pub reference: String,
    /// What it is about (the offence or classification), in words.
    pub summary: String,
    /// The group the rules gave.
    pub derived_group: MopiGroup,
    /// The offence group whose figures apply to an undetected crime or to intelligence.
    pub seriousness: MopiGroup,
    /// Why the rules gave that group, naming the rule.
    pub derived_reason: String,
    /// A reviewer's override, if any.
    pub overridden: Option<GroupOverride>,
    /// The group that applies: the override's, or the rules'.
    pub group: MopiGroup,
    /// When the review falls due, and why then.
    pub review_due: ReviewDue,
    /// Whether it is due today.
    pub due: bool,
    /// Every decision on the record, newest first.
    pub decisions: Vec<RetentionDecisionDto>,
    /// Version, for `If-Match`.
    pub version: i64,
}

/// Set the group of a record by hand, with a justification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OverrideGroupRequest {
    /// The group that applies.
    pub group: MopiGroup,
    /// Why the rules' group is wrong for this record.
    pub justification: String,
}

/// Decide a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RetentionDecisionRequest {
    /// What is decided.
    pub outcome: RetentionOutcome,
    /// The NRAC answers.
    pub nrac: NracAnswers,
    /// Why.
    pub justification: String,
    /// The next review: after today, and no later than the group's review period from today.
    pub next_review_on: NaiveDate,
}

/// Filters of the review queue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewQuery {
    /// Only the records due on or before this date (default: today).
    #[serde(default)]
    pub due_by: Option<NaiveDate>,
    /// Page size (1 to 100, default 50).
    #[serde(default)]
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// The cursor of the next page.
    #[serde(default)]
    pub cursor: Option<String>,
}

fn check_justification(errors: &mut Vec<FieldError>, value: &str) {
    check_length(
        errors,
        "justification",
        value,
        JUSTIFICATION_MIN,
        JUSTIFICATION_MAX,
        "justification",
    );
}

/// Checks an override: an offence group or one of the separate groups, and a justification.
pub fn check_override(r: &OverrideGroupRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_justification(&mut errors, &r.justification);
    errors
}

/// Checks a decision made on `today`: a justification; a retained record needs a "yes" to at least one
/// NRAC question; the next review after `today` and on or before `latest` (the group's period from
/// today).
pub fn check_decision(r: &RetentionDecisionRequest, today: NaiveDate, latest: NaiveDate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_justification(&mut errors, &r.justification);
    if r.outcome == RetentionOutcome::Retain && !r.nrac.any() {
        errors.push(FieldError::new(
            "nrac",
            "no_concern",
            "A record is retained only for a concern: answer yes to at least one question, or dispose of it",
        ));
    }
    if r.next_review_on <= today {
        errors.push(FieldError::new(
            "next_review_on",
            "not_after_today",
            "The next review must be after today",
        ));
    } else if r.next_review_on > latest {
        errors.push(FieldError::new(
            "next_review_on",
            "too_late",
            format!(
                "The next review must be on or before {} (the group's review period)",
                latest.format("%d/%m/%Y")
            ),
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn decision(next: &str, justification: &str, nrac: NracAnswers) -> RetentionDecisionRequest {
        RetentionDecisionRequest {
            outcome: RetentionOutcome::Retain,
            nrac,
            justification: justification.into(),
            next_review_on: d(next),
        }
    }

    fn codes(errors: Vec<FieldError>) -> Vec<String> {
        errors
            .into_iter()
            .map(|e| format!("{}:{}", e.path, e.code))
            .collect()
    }

    const WHY: &str = "Repeat offender with links to organised supply";

    #[test]
    fn the_next_review_is_after_today_and_within_the_period() {
        let concern = NracAnswers {
            links_increasing_risk: true,
            ..Default::default()
        };
        let (today, latest) = (d("2026-12-07"), d("2032-12-07"));
        let at = |next| codes(check_decision(&decision(next, WHY, concern), today, latest));
        assert_eq!(at("2026-12-06"), ["next_review_on:not_after_today"]);
        assert_eq!(at("2026-12-07"), ["next_review_on:not_after_today"]);
        assert!(at("2026-12-08").is_empty());
        assert!(at("2032-12-06").is_empty());
        assert!(at("2032-12-07").is_empty());
        assert_eq!(at("2032-12-08"), ["next_review_on:too_late"]);
    }

    #[test]
    fn retaining_needs_a_concern_and_a_justification() {
        let (today, latest) = (d("2026-12-07"), d("2036-12-07"));
        let none = codes(check_decision(
            &decision("2030-01-01", WHY, NracAnswers::default()),
            today,
            latest,
        ));
        assert_eq!(none, ["nrac:no_concern"]);
        for q in 0..6 {
            let mut a = NracAnswers::default();
            let flags = [
                &mut a.serious_harm,
                &mut a.children_or_vulnerable_adults,
                &mut a.breach_of_trust,
                &mut a.links_increasing_risk,
                &mut a.substance_misuse,
                &mut a.mental_state,
            ];
            *flags.into_iter().nth(q).unwrap() = true;
            assert!(a.any());
            assert!(
                check_decision(&decision("2030-01-01", WHY, a), today, latest).is_empty(),
                "{q}"
            );
        }
        let concern = NracAnswers {
            serious_harm: true,
            ..Default::default()
        };
        let short = "x".repeat(JUSTIFICATION_MIN - 1);
        let just = "x".repeat(JUSTIFICATION_MIN);
        let longest = "x".repeat(JUSTIFICATION_MAX);
        let over = "x".repeat(JUSTIFICATION_MAX + 1);
        let with = |j: &str| codes(check_decision(&decision("2030-01-01", j, concern), today, latest));
        assert_eq!(with(""), ["justification:required"]);
        assert_eq!(with(&short), ["justification:length"]);
        assert!(with(&just).is_empty());
        assert!(with(&longest).is_empty());
        assert_eq!(with(&over), ["justification:length"]);
    }

    #[test]
    fn an_override_needs_a_justification() {
        let r = |j: &str| {
            codes(check_override(&OverrideGroupRequest {
                group: MopiGroup::PublicProtection,
                justification: j.into(),
            }))
        };
        assert_eq!(r("  "), ["justification:required"]);
        assert_eq!(r("too short"), ["justification:length"]);
        assert!(r("Intelligence shows the suspect poses a high risk of harm to children").is_empty());
    }
}
