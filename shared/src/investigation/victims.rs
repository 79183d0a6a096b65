//! Victims: care under the Victims' Code, update deadlines on working-day clocks, referrals to victim
//! services, and the DASH risk assessment.
//!
//! Deadline rules and the bank-holiday calendar are reference data (the server reads them from the
//! database); the arithmetic on them lives here.

use crate::error::FieldError;
use crate::records::RecordSummary;
use crate::users::UserRef;
use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Vocabularies of victim care (reference data).
pub mod vocab {
    /// Needs found by the needs assessment (e.g. `safety`, `health`, `interpreter`).
    pub const VICTIM_NEED: &str = "victim_need";
    /// Why a victim is entitled to enhanced services.
    pub const ENHANCED_REASON: &str = "enhanced_reason";
    /// How a victim wants to be contacted (`phone`, `text`, `email`, `letter`, `visit`).
    pub const CONTACT_METHOD: &str = "contact_method";
    /// How often a victim wants updates.
    pub const UPDATE_FREQUENCY: &str = "update_frequency";
}

/// Contact methods that need a telephone number.
pub const PHONE_METHODS: [&str; 2] = ["phone", "text"];

/// A victim's care details, as the officer records them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct VictimCare {
    /// When the needs assessment was done (none: not yet done).
    #[serde(default)]
    pub needs_assessed_on: Option<NaiveDate>,
    /// Needs found (codes of `victim_need`); empty with a date means none found.
    #[serde(default)]
    pub needs: Vec<String>,
    /// Why the victim is entitled to enhanced services (codes of `enhanced_reason`).
    #[serde(default)]
    pub enhanced_reasons: Vec<String>,
    /// How the victim wants updates (code of `contact_method`).
    #[serde(default)]
    pub update_method: Option<String>,
    /// How often (code of `update_frequency`).
    #[serde(default)]
    pub update_frequency: Option<String>,
    /// Whether it is safe to contact the victim (none: not yet asked).
    #[serde(default)]
    pub safe_to_contact: Option<bool>,
    /// The safe way to contact them (code of `contact_method`).
    #[serde(default)]
    pub safe_contact_method: Option<String>,
    /// The safe number to call or text.
    #[serde(default)]
    pub safe_contact_number: Option<String>,
    /// Whether the victim consents to referral to victim services (none: not yet asked).
    #[serde(default)]
    pub consent_to_referral: Option<bool>,
    /// Vulnerabilities noticed (codes of `vulnerability`); they are also recorded on the person.
    #[serde(default)]
    pub vulnerabilities: Vec<String>,
}

impl VictimCare {
    /// Whether the victim is entitled to enhanced services.
    pub fn enhanced(&self) -> bool {
        !self.enhanced_reasons.is_empty()
    }
}

/// Rules on victim care that hold whenever it is saved.
pub fn check_care(c: &VictimCare, today: NaiveDate) -> Vec<FieldError> {
    let mut e = Vec::new();
    if c.needs_assessed_on.is_some_and(|d| d > today) {
        e.push(FieldError::new(
            "needs_assessed_on",
            "future",
            "Cannot be in the future",
        ));
    }
    if !c.needs.is_empty() && c.needs_assessed_on.is_none() {
        e.push(FieldError::new(
            "needs_assessed_on",
            "required",
            "Enter when the needs were assessed",
        ));
    }
    if let Some(n) = c.safe_contact_number.as_deref().filter(|n| !n.trim().is_empty()) {
        crate::validation::push_rule(&mut e, "safe_contact_number", crate::validation::phone(n));
    }
    if c.safe_to_contact == Some(false)
        && (c.safe_contact_method.is_some()
            || c.safe_contact_number.as_deref().is_some_and(|n| !n.is_empty()))
    {
        e.push(FieldError::new(
            "safe_contact_method",
            "contradiction",
            "The victim is recorded as not safe to contact: remove the safe contact details or change that answer",
        ));
    }
    e
}

/// What a referral to victim services still needs, all at once (empty: it can be sent). A referral
/// for a domestic-abuse crime always needs a safe contact number.
pub fn referral_missing(c: &VictimCare, domestic_abuse: bool) -> Vec<FieldError> {
    let mut e = Vec::new();
    match c.consent_to_referral {
        None => e.push(FieldError::new(
            "consent_to_referral",
            "required",
            "Ask whether the victim consents to a referral",
        )),
        Some(false) => e.push(FieldError::new(
            "consent_to_referral",
            "refused",
            "The victim has not consented to a referral",
        )),
        Some(true) => {}
    }
    match c.safe_to_contact {
        None => e.push(FieldError::new(
            "safe_to_contact",
            "required",
            "Ask whether it is safe to contact the victim",
        )),
        Some(false) => e.push(FieldError::new(
            "safe_to_contact",
            "unsafe",
            "It is not safe to contact the victim: victim services cannot be sent a referral",
        )),
        Some(true) => {
            let method = c.safe_contact_method.as_deref().filter(|m| !m.trim().is_empty());
            if method.is_none() {
                e.push(FieldError::new(
                    "safe_contact_method",
                    "required",
                    "Enter the safe way to contact the victim",
                ));
            }
            let number = c.safe_contact_number.as_deref().filter(|n| !n.trim().is_empty());
            let needs_number = domestic_abuse || method.is_some_and(|m| PHONE_METHODS.contains(&m));
            if needs_number && number.is_none() {
                e.push(FieldError::new(
                    "safe_contact_number",
                    "required",
                    if domestic_abuse {
                        "A domestic-abuse referral needs a safe contact number"
                    } else {
                        "Enter the safe number to call or text"
                    },
                ));
            }
        }
    }
    if c.needs_assessed_on.is_none() {
        e.push(FieldError::new(
            "needs_assessed_on",
            "required",
            "Complete the needs assessment",
        ));
    }
    e
}

/// A contact with the victim (the contact log).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ContactInput {
    /// When (defaults to now).
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
    /// How (code of `contact_method`).
    #[serde(default)]
    pub method: String,
    /// What was said.
    #[serde(default)]
    pub summary: String,
    /// The update this contact gave, which completes its open deadline task.
    #[serde(default)]
    pub update: Option<UpdateEvent>,
}

/// A logged contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ContactDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// What was logged.
    pub contact: ContactInput,
    /// By whom.
    pub by: UserRef,
}

/// The events a victim must be told about, each with a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UpdateEvent {
    /// The crime was recorded: offer a referral and a needs assessment.
    Recorded,
    /// A suspect was arrested.
    Arrest,
    /// A suspect was bailed (or had bail conditions changed).
    Bail,
    /// A suspect was charged.
    Charge,
    /// No further action against a suspect.
    NoFurtherAction,
    /// The crime was finalised with an outcome.
    Outcome,
}

impl UpdateEvent {
    /// Every event.
    pub const ALL: [UpdateEvent; 6] = [
        UpdateEvent::Recorded,
        UpdateEvent::Arrest,
        UpdateEvent::Bail,
        UpdateEvent::Charge,
        UpdateEvent::NoFurtherAction,
        UpdateEvent::Outcome,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            UpdateEvent::Recorded => "recorded",
            UpdateEvent::Arrest => "arrest",
            UpdateEvent::Bail => "bail",
            UpdateEvent::Charge => "charge",
            UpdateEvent::NoFurtherAction => "no_further_action",
            UpdateEvent::Outcome => "outcome",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The task title for a victim.
    pub fn task_title(self, victim: &str) -> String {
        match self {
            UpdateEvent::Recorded => {
                format!("Offer {victim} a needs assessment and referral to victim services")
            }
            UpdateEvent::Arrest => format!("Tell {victim} about the arrest"),
            UpdateEvent::Bail => format!("Tell {victim} about the bail and its conditions"),
            UpdateEvent::Charge => format!("Tell {victim} about the charge"),
            UpdateEvent::NoFurtherAction => format!("Tell {victim} there will be no further action"),
            UpdateEvent::Outcome => format!("Tell {victim} the outcome of the investigation"),
        }
    }
}

/// One deadline rule: tell a (non-)enhanced victim of `event` within `working_days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DeadlineRule {
    /// The event.
    pub event: UpdateEvent,
    /// Whether the rule is for enhanced-entitlement victims.
    pub enhanced: bool,
    /// Working days allowed (0: the same day).
    pub working_days: u32,
}

/// Whether `d` is a working day: not Saturday, Sunday or a bank holiday.
pub fn is_working_day(d: NaiveDate, is_holiday: &impl Fn(NaiveDate) -> bool) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !is_holiday(d)
}

/// The date `n` working days after `start` (an event on a non-working day counts from the next
/// working day; `n = 0` is the first working day on or after `start`).
pub fn add_working_days(start: NaiveDate, n: u32, is_holiday: &impl Fn(NaiveDate) -> bool) -> NaiveDate {
    let mut d = start;
    while !is_working_day(d, is_holiday) {
        d = d.succ_opt().unwrap_or(d);
    }
    let mut left = n;
    while left > 0 {
        d = d.succ_opt().unwrap_or(d);
        if is_working_day(d, is_holiday) {
            left -= 1;
        }
    }
    d
}

/// The deadline for telling a victim of `event` that happened on `on`, from the rules; `None` when
/// no rule covers it.
pub fn update_deadline(
    rules: &[DeadlineRule],
    event: UpdateEvent,
    enhanced: bool,
    on: NaiveDate,
    is_holiday: &impl Fn(NaiveDate) -> bool,
) -> Option<NaiveDate> {
    rules
        .iter()
        .find(|r| r.event == event && r.enhanced == enhanced)
        .map(|r| add_working_days(on, r.working_days, is_holiday))
}

/// Recording an event the victims must be told about (`POST /crimes/{id}/victim-updates`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UpdateEventRequest {
    /// The event.
    pub event: UpdateEvent,
    /// When it happened (defaults to today).
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

/// A referral to victim services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReferralDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// `sent`, then `accepted` or `declined` by victim services.
    pub status: String,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// Who sent it.
    pub sent_by: UserRef,
    /// What was sent (generated from the record, never re-keyed).
    pub payload: serde_json::Value,
}

/// DASH risk levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    /// Standard.
    Standard,
    /// Medium.
    Medium,
    /// High: a MARAC referral follows.
    High,
}

impl RiskLevel {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::Standard => "standard",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [RiskLevel::Standard, RiskLevel::Medium, RiskLevel::High]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// The lowest score of a medium DASH result (1–9 standard, 10–13 medium, 14+ high).
pub const DASH_MEDIUM_FROM: u32 = 10;
/// The lowest score of a high DASH result.
pub const DASH_HIGH_FROM: u32 = 14;

/// The level a DASH score gives.
pub fn dash_level(score: u32) -> RiskLevel {
    if score >= DASH_HIGH_FROM {
        RiskLevel::High
    } else if score >= DASH_MEDIUM_FROM {
        RiskLevel::Medium
    } else {
        RiskLevel::Standard
    }
}

/// One answer of a DASH assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DashAnswer {
    /// Yes (scores one).
    Yes,
    /// No.
    No,
    /// Not known.
    NotKnown,
}

/// A DASH assessment as completed with the victim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DashRequest {
    /// Answers by question number (from the `dash_questions` reference data).
    #[serde(default)]
    pub answers: std::collections::BTreeMap<u32, DashAnswer>,
    /// Professional judgement: a level higher than the score gives.
    #[serde(default)]
    pub professional_judgement: Option<RiskLevel>,
    /// Why (required with a professional judgement).
    #[serde(default)]
    pub judgement_reason: Option<String>,
}

/// The score of an assessment: the number of "yes" answers.
pub fn dash_score(req: &DashRequest) -> u32 {
    req.answers.values().filter(|a| **a == DashAnswer::Yes).count() as u32
}

/// Scores an assessment against the questions in force, checking every rule at once: each question
/// answered once, only known questions, a reason with a judgement, and a judgement that raises the
/// level (judgement may raise, never lower). Returns the score, the scored level and the final level.
pub fn check_dash(
    req: &DashRequest,
    questions: &[u32],
) -> Result<(u32, RiskLevel, RiskLevel), Vec<FieldError>> {
    let mut e = Vec::new();
    for q in req.answers.keys() {
        if !questions.contains(q) {
            e.push(FieldError::new(
                format!("answers.{q}"),
                "unknown_question",
                format!("There is no question {q}"),
            ));
        }
    }
    for q in questions {
        if !req.answers.contains_key(q) {
            e.push(FieldError::new(
                format!("answers.{q}"),
                "required",
                format!("Answer question {q}"),
            ));
        }
    }
    let score = dash_score(req);
    let scored = dash_level(score);
    let level = match req.professional_judgement {
        None => scored,
        Some(j) => {
            if req
                .judgement_reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
            {
                e.push(FieldError::new(
                    "judgement_reason",
                    "required",
                    "Give the reason for the professional judgement",
                ));
            }
            if j <= scored {
                e.push(FieldError::new(
                    "professional_judgement",
                    "not_higher",
                    format!(
                        "The score already gives {}: professional judgement may only raise the level",
                        scored.as_str()
                    ),
                ));
            }
            j.max(scored)
        }
    };
    if e.is_empty() {
        Ok((score, scored, level))
    } else {
        Err(e)
    }
}

/// A completed DASH assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DashDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The answers.
    pub assessment: DashRequest,
    /// Number of "yes" answers.
    pub score: u32,
    /// The level the score gives.
    pub scored_level: RiskLevel,
    /// The level after professional judgement.
    pub level: RiskLevel,
    /// The MARAC referral task created for a high result.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub marac_task_id: Option<Uuid>,
    /// Who assessed.
    pub by: UserRef,
    /// When.
    pub at: DateTime<Utc>,
}

/// A victim of a crime with their care record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct VictimDto {
    /// Id of the victim record (one per victim per crime).
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The crime.
    #[schema(value_type = String, format = Uuid)]
    pub crime_id: Uuid,
    /// The person or organisation.
    pub party: RecordSummary,
    /// Care details.
    pub care: VictimCare,
    /// Entitled to enhanced services.
    pub enhanced: bool,
    /// What a referral still needs (empty: it can be sent).
    pub referral_missing: Vec<FieldError>,
    /// The referral, once sent.
    pub referral: Option<ReferralDto>,
    /// Contact log, oldest first.
    pub contacts: Vec<ContactDto>,
    /// DASH assessments, newest first.
    pub dash: Vec<DashDto>,
    /// Version (`ETag`) of the care record.
    pub version: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// England and Wales bank holidays at the end of 2026 (Boxing Day falls on a Saturday, so the
    /// substitute day is Monday 28 December).
    fn holidays(day: NaiveDate) -> bool {
        [
            d(2026, 12, 25),
            d(2026, 12, 28),
            d(2027, 1, 1),
            d(2026, 4, 3),
            d(2026, 4, 6),
        ]
        .contains(&day)
    }

    #[test]
    fn working_days_skip_weekends_and_bank_holidays() {
        // Thursday 24 December 2026 + 1 working day: Fri 25 (holiday), Sat, Sun, Mon 28 (substitute
        // holiday) → Tuesday 29 December.
        assert_eq!(add_working_days(d(2026, 12, 24), 1, &holidays), d(2026, 12, 29));
        // + 5 from Thursday 24 Dec: 29, 30, 31 Dec, (1 Jan holiday, weekend), 4, 5 Jan.
        assert_eq!(add_working_days(d(2026, 12, 24), 5, &holidays), d(2027, 1, 5));
        // Maundy Thursday 2 April 2026 + 1: Good Friday and Easter Monday are holidays.
        assert_eq!(add_working_days(d(2026, 4, 2), 1, &holidays), d(2026, 4, 7));
        // An event on a Saturday counts from Monday.
        assert_eq!(add_working_days(d(2026, 11, 21), 0, &holidays), d(2026, 11, 23));
        assert_eq!(add_working_days(d(2026, 11, 21), 1, &holidays), d(2026, 11, 24));
        // An ordinary Monday + 2.
        assert_eq!(add_working_days(d(2026, 11, 23), 2, &holidays), d(2026, 11, 25));
    }

    #[test]
    fn deadlines_come_from_the_rules_for_the_victims_entitlement() {
        let rules = [
            DeadlineRule {
                event: UpdateEvent::Bail,
                enhanced: true,
                working_days: 1,
            },
            DeadlineRule {
                event: UpdateEvent::Bail,
                enhanced: false,
                working_days: 5,
            },
        ];
        assert_eq!(
            update_deadline(&rules, UpdateEvent::Bail, true, d(2026, 11, 23), &holidays),
            Some(d(2026, 11, 24))
        );
        assert_eq!(
            update_deadline(&rules, UpdateEvent::Bail, false, d(2026, 11, 23), &holidays),
            Some(d(2026, 11, 30))
        );
        assert_eq!(
            update_deadline(&rules, UpdateEvent::Charge, false, d(2026, 11, 23), &holidays),
            None
        );
    }

    proptest! {
        #[test]
        fn a_deadline_is_a_working_day_with_exactly_n_working_days_after_the_start(
            days_from_epoch in 0i64..3000, n in 0u32..30, hol in proptest::collection::btree_set(0i64..3100, 0..200)
        ) {
            let base = d(2025, 1, 1);
            let start = base + chrono::Duration::days(days_from_epoch);
            let is_hol = |x: NaiveDate| hol.contains(&(x - base).num_days());
            let end = add_working_days(start, n, &is_hol);
            prop_assert!(end >= start);
            prop_assert!(is_working_day(end, &is_hol));
            // Working days strictly after the first working day, up to and including the end, are n.
            let mut first = start;
            while !is_working_day(first, &is_hol) { first = first.succ_opt().unwrap(); }
            let mut count = 0;
            let mut x = first;
            while x < end { x = x.succ_opt().unwrap(); if is_working_day(x, &is_hol) { count += 1; } }
            prop_assert_eq!(count, n);
            // Monotonic in n.
            prop_assert!(add_working_days(start, n + 1, &is_hol) > end);
        }
    }

    #[test]
    fn dash_boundaries() {
        assert_eq!(dash_level(0), RiskLevel::Standard);
        assert_eq!(dash_level(1), RiskLevel::Standard);
        assert_eq!(dash_level(9), RiskLevel::Standard);
        assert_eq!(dash_level(10), RiskLevel::Medium);
        assert_eq!(dash_level(13), RiskLevel::Medium);
        assert_eq!(dash_level(14), RiskLevel::High);
        assert_eq!(dash_level(27), RiskLevel::High);
    }

    fn assessment(yes: u32, of: u32) -> DashRequest {
        DashRequest {
            answers: (1..=of)
                .map(|q| (q, if q <= yes { DashAnswer::Yes } else { DashAnswer::No }))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn dash_scores_yes_answers_and_judgement_only_raises() {
        let qs: Vec<u32> = (1..=27).collect();
        assert_eq!(
            check_dash(&assessment(9, 27), &qs),
            Ok((9, RiskLevel::Standard, RiskLevel::Standard))
        );
        assert_eq!(
            check_dash(&assessment(10, 27), &qs),
            Ok((10, RiskLevel::Medium, RiskLevel::Medium))
        );
        assert_eq!(
            check_dash(&assessment(13, 27), &qs),
            Ok((13, RiskLevel::Medium, RiskLevel::Medium))
        );
        assert_eq!(
            check_dash(&assessment(14, 27), &qs),
            Ok((14, RiskLevel::High, RiskLevel::High))
        );
        let raised = DashRequest {
            professional_judgement: Some(RiskLevel::High),
            judgement_reason: Some("Recent escalation and threats to kill".into()),
            ..assessment(5, 27)
        };
        assert_eq!(
            check_dash(&raised, &qs),
            Ok((5, RiskLevel::Standard, RiskLevel::High))
        );
        let lowered = DashRequest {
            professional_judgement: Some(RiskLevel::Medium),
            judgement_reason: None,
            ..assessment(20, 27)
        };
        let codes: Vec<String> = check_dash(&lowered, &qs)
            .unwrap_err()
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(codes, ["required", "not_higher"]);
        let mut missing = assessment(3, 26);
        missing.answers.insert(40, DashAnswer::No);
        let paths: Vec<String> = check_dash(&missing, &qs)
            .unwrap_err()
            .into_iter()
            .map(|e| e.path)
            .collect();
        assert_eq!(paths, ["answers.40", "answers.27"]);
    }

    #[test]
    fn referrals_name_everything_missing() {
        let codes = |c: &VictimCare, da| -> Vec<String> {
            referral_missing(c, da)
                .into_iter()
                .map(|e| format!("{}:{}", e.path, e.code))
                .collect()
        };
        assert_eq!(
            codes(&VictimCare::default(), false),
            [
                "consent_to_referral:required",
                "safe_to_contact:required",
                "needs_assessed_on:required"
            ]
        );
        let ready = VictimCare {
            consent_to_referral: Some(true),
            safe_to_contact: Some(true),
            safe_contact_method: Some("email".into()),
            needs_assessed_on: Some(d(2026, 11, 23)),
            ..Default::default()
        };
        assert!(codes(&ready, false).is_empty());
        // Domestic abuse always needs a safe number; so does a phone method.
        assert_eq!(codes(&ready, true), ["safe_contact_number:required"]);
        let phone = VictimCare {
            safe_contact_method: Some("phone".into()),
            ..ready.clone()
        };
        assert_eq!(codes(&phone, false), ["safe_contact_number:required"]);
        let unsafe_ = VictimCare {
            safe_to_contact: Some(false),
            safe_contact_method: None,
            ..ready.clone()
        };
        assert_eq!(codes(&unsafe_, false), ["safe_to_contact:unsafe"]);
        let refused = VictimCare {
            consent_to_referral: Some(false),
            ..ready
        };
        assert_eq!(codes(&refused, false), ["consent_to_referral:refused"]);
    }
}
