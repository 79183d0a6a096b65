//! Custody clocks: when the next PACE review is due, the current detention limit, the next cell
//! visit and the next dose of medication, all derived from recorded facts and never typed in.
//!
//! Every figure lives in one place as data ([`PaceRules`], [`CareRules`]) so a force (or a change in
//! the law) can correct it without a release; the functions here are pure arithmetic over those
//! figures and the facts. All arithmetic is on UTC instants: a 24-hour limit is 24 elapsed hours even
//! on the night the UK clocks change, and local time is only a matter of display.
//!
//! Sources: Police and Criminal Evidence Act 1984 ss.40–44 and Code C (see `docs/domain.md` §4).
//! Who may carry out a review or authorise an extension (rank, independence from the investigation)
//! is for the server's permission checks, not for these rules.

use crate::error::FieldError;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The PACE detention figures, in minutes. [`PaceRules::default`] gives the statutory figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct PaceRules {
    /// The first review is due no later than this after detention was first authorised
    /// (s.40(3)(a): 6 hours).
    pub first_review_minutes: i64,
    /// Each later review is due no later than this after the previous one (s.40(3)(b)–(c): 9 hours).
    pub review_interval_minutes: i64,
    /// Detention without charge may last this long from the relevant time (s.41(1): 24 hours).
    pub basic_limit_minutes: i64,
    /// A superintendent may extend detention to end no later than this after the relevant time
    /// (s.42(1): 36 hours).
    pub superintendent_limit_minutes: i64,
    /// A first superintendent's extension may not be authorised later than this after the relevant
    /// time (s.42(4)(a): 24 hours).
    pub superintendent_latest_minutes: i64,
    /// A superintendent's extension may not be authorised before this many reviews have been carried
    /// out (s.42(4)(b): the second review).
    pub superintendent_reviews_required: u32,
    /// A warrant of further detention, or its extension, may authorise at most this long from when it
    /// is issued (s.43(12), s.44(3)(a): 36 hours).
    pub warrant_period_minutes: i64,
    /// No warrant may authorise detention beyond this after the relevant time (s.44(3)(b): 96 hours).
    pub maximum_limit_minutes: i64,
    /// A first warrant may be issued this long after a 36-hour limit when no court could sit before
    /// it expired (s.43(5)(b): 6 hours).
    pub warrant_late_application_minutes: i64,
}

impl Default for PaceRules {
    fn default() -> Self {
        Self {
            first_review_minutes: 6 * 60,
            review_interval_minutes: 9 * 60,
            basic_limit_minutes: 24 * 60,
            superintendent_limit_minutes: 36 * 60,
            superintendent_latest_minutes: 24 * 60,
            superintendent_reviews_required: 2,
            warrant_period_minutes: 36 * 60,
            maximum_limit_minutes: 96 * 60,
            warrant_late_application_minutes: 6 * 60,
        }
    }
}

/// Checks a force's PACE figures, all at once: every period positive and the limits in order
/// (basic ≤ superintendent ≤ maximum).
pub fn check_pace_rules(r: &PaceRules) -> Vec<FieldError> {
    let mut e = Vec::new();
    for (path, v) in [
        ("first_review_minutes", r.first_review_minutes),
        ("review_interval_minutes", r.review_interval_minutes),
        ("basic_limit_minutes", r.basic_limit_minutes),
        ("superintendent_limit_minutes", r.superintendent_limit_minutes),
        ("superintendent_latest_minutes", r.superintendent_latest_minutes),
        ("warrant_period_minutes", r.warrant_period_minutes),
        ("maximum_limit_minutes", r.maximum_limit_minutes),
    ] {
        if v <= 0 {
            e.push(FieldError::new(path, "positive", "Must be more than 0 minutes"));
        }
    }
    if r.warrant_late_application_minutes < 0 {
        e.push(FieldError::new(
            "warrant_late_application_minutes",
            "not_negative",
            "Cannot be negative",
        ));
    }
    if r.superintendent_limit_minutes < r.basic_limit_minutes {
        e.push(FieldError::new(
            "superintendent_limit_minutes",
            "order",
            "The superintendent's limit cannot be shorter than the basic limit",
        ));
    }
    if r.maximum_limit_minutes < r.superintendent_limit_minutes {
        e.push(FieldError::new(
            "maximum_limit_minutes",
            "order",
            "The maximum cannot be shorter than the superintendent's limit",
        ));
    }
    e
}

/// A review of detention (s.40), as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReviewFact {
    /// When the review was carried out.
    pub at: DateTime<Utc>,
    /// The review was postponed under s.40(4) (with a recorded reason) and carried out after its
    /// latest time. A postponed review does not move the schedule (s.40(8)): the next one is due
    /// counting from the latest time this one should have been done.
    #[serde(default)]
    pub postponed: bool,
}

/// A superintendent's authorisation of continued detention (s.42).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ExtensionFact {
    /// When it was authorised.
    pub at: DateTime<Utc>,
    /// When the authorised period ends.
    pub until: DateTime<Utc>,
}

/// A warrant of further detention issued by magistrates (s.43), or its extension (s.44).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WarrantFact {
    /// When the court issued it.
    pub at: DateTime<Utc>,
    /// When the period it authorises ends.
    pub until: DateTime<Utc>,
}

/// What is recorded about one detention, from which every PACE clock is derived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DetentionFacts {
    /// The relevant time (s.41(2)): when the detention clock started, normally arrival at the first
    /// police station.
    pub relevant_time: DateTime<Utc>,
    /// When the custody officer first authorised detention; the review clock runs from here.
    pub detention_authorised_at: DateTime<Utc>,
    /// Reviews carried out (any order; they are sorted by time).
    #[serde(default)]
    pub reviews: Vec<ReviewFact>,
    /// When the detainee was charged (none: not charged). The detention limits govern detention
    /// without charge only; reviews continue after charge (s.40(1)(a)).
    #[serde(default)]
    pub charged_at: Option<DateTime<Utc>>,
    /// Whether an offence for which the detainee is under arrest is indictable (including
    /// either-way offences); extensions and warrants need one.
    #[serde(default)]
    pub indictable: bool,
    /// Superintendents' extensions (s.42(1), and further ones under s.42(2) while the first ends
    /// before the 36-hour maximum).
    #[serde(default)]
    pub extensions: Vec<ExtensionFact>,
    /// Warrants of further detention and their extensions.
    #[serde(default)]
    pub warrants: Vec<WarrantFact>,
    /// When the detainee left police detention (none: still detained). Every clock stops here.
    #[serde(default)]
    pub released_at: Option<DateTime<Utc>>,
}

/// What the current detention limit rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LimitBasis {
    /// The basic limit from the relevant time (s.41).
    Basic24h,
    /// A superintendent's extension (s.42).
    Superintendent,
    /// A warrant of further detention or its extension (ss.43–44).
    Warrant,
}

impl LimitBasis {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            LimitBasis::Basic24h => "basic24h",
            LimitBasis::Superintendent => "superintendent",
            LimitBasis::Warrant => "warrant",
        }
    }
}

/// The PACE clocks of one detention at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Clocks {
    /// The latest time for the next review (none once the detainee is released).
    pub next_review_due: Option<DateTime<Utc>>,
    /// Which review that is (1 for the first).
    pub next_review_number: u32,
    /// The next review's latest time has passed.
    pub review_overdue: bool,
    /// Whole minutes (rounded down) until the next review is due; negative when overdue; none once
    /// released.
    pub minutes_to_review: Option<i64>,
    /// Reviews carried out after their latest time without being recorded as postponed.
    pub late_reviews: u32,
    /// The time by which the detainee must be charged or released, given the extensions and
    /// warrants recorded.
    pub limit: DateTime<Utc>,
    /// What the limit rests on.
    pub limit_basis: LimitBasis,
    /// Detention without charge is still running (not charged, not released), so the limit applies.
    pub limit_applies: bool,
    /// Detention without charge ran past the limit: now, or before charge or release.
    pub limit_exceeded: bool,
    /// Whole minutes (rounded down) until the limit; negative when exceeded; none once charged or
    /// released.
    pub minutes_to_limit: Option<i64>,
    /// Whole minutes from the relevant time to release (or to now while detained); never negative.
    pub time_in_custody_minutes: i64,
}

fn mins(m: i64) -> Duration {
    Duration::minutes(m)
}

/// Whole minutes from `from` to `to`, rounded down (so 30 seconds late is −1, not 0).
fn minutes_between(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (to - from).num_seconds().div_euclid(60)
}

fn sorted_reviews(facts: &DetentionFacts) -> Vec<ReviewFact> {
    let mut r = facts.reviews.clone();
    r.sort_by_key(|x| x.at);
    r
}

/// Walks the review schedule: the next review's latest time and how many reviews were late without
/// a postponement.
fn review_schedule(
    reviews: &[ReviewFact],
    authorised: DateTime<Utc>,
    rules: &PaceRules,
) -> (DateTime<Utc>, u32) {
    let mut due = authorised + mins(rules.first_review_minutes);
    let mut late = 0;
    for r in reviews {
        let anchor = if r.postponed {
            // s.40(8): a postponed review is counted at its latest time.
            r.at.min(due)
        } else {
            if r.at > due {
                late += 1;
            }
            r.at
        };
        due = anchor + mins(rules.review_interval_minutes);
    }
    (due, late)
}

/// The latest time for the next review after the reviews recorded (ignoring release).
pub fn next_review_due(facts: &DetentionFacts, rules: &PaceRules) -> DateTime<Utc> {
    review_schedule(&sorted_reviews(facts), facts.detention_authorised_at, rules).0
}

/// The detention limit from the extensions and warrants authorised at or before `upto` (all of
/// them when none). Each is capped at its statutory ceiling, so a bad record can never show a limit
/// the law does not allow.
fn limit_at(
    facts: &DetentionFacts,
    rules: &PaceRules,
    upto: Option<DateTime<Utc>>,
) -> (DateTime<Utc>, LimitBasis) {
    let rel = facts.relevant_time;
    let counts = |at: DateTime<Utc>| upto.is_none_or(|u| at <= u);
    let ceiling36 = rel + mins(rules.superintendent_limit_minutes);
    let ceiling96 = rel + mins(rules.maximum_limit_minutes);
    let mut limit = rel + mins(rules.basic_limit_minutes);
    let mut basis = LimitBasis::Basic24h;
    for e in facts.extensions.iter().filter(|e| counts(e.at)) {
        let u = e.until.min(ceiling36);
        if u > limit {
            limit = u;
            basis = LimitBasis::Superintendent;
        }
    }
    for w in facts.warrants.iter().filter(|w| counts(w.at)) {
        let u = w.until.min(ceiling96);
        if u > limit {
            limit = u;
            basis = LimitBasis::Warrant;
        }
    }
    (limit.min(ceiling96), basis)
}

/// Computes every PACE clock of a detention at `now`.
pub fn clocks(facts: &DetentionFacts, rules: &PaceRules, now: DateTime<Utc>) -> Clocks {
    let reviews = sorted_reviews(facts);
    let (due, late_reviews) = review_schedule(&reviews, facts.detention_authorised_at, rules);
    let released = facts.released_at.is_some();
    let (limit, limit_basis) = limit_at(facts, rules, None);
    let limit_applies = facts.charged_at.is_none() && !released;
    let end_without_charge = [Some(now), facts.charged_at, facts.released_at]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(now);
    let custody_end = facts.released_at.unwrap_or(now);
    Clocks {
        next_review_due: (!released).then_some(due),
        next_review_number: reviews.len() as u32 + 1,
        review_overdue: !released && now > due,
        minutes_to_review: (!released).then(|| minutes_between(now, due)),
        late_reviews,
        limit,
        limit_basis,
        limit_applies,
        limit_exceeded: end_without_charge > limit,
        minutes_to_limit: limit_applies.then(|| minutes_between(now, limit)),
        time_in_custody_minutes: minutes_between(facts.relevant_time, custody_end).max(0),
    }
}

/// Which rule refused a review, extension or warrant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The detainee had been charged or released by then: there is no detention without charge to
    /// extend.
    NotDetainedWithoutCharge,
    /// No offence for which the detainee is under arrest is indictable (s.42(1)(b), s.43(4)(b)).
    NotIndictable,
    /// The reviews a superintendent's extension needs have not all been carried out (s.42(4)(b)).
    ReviewsNotDone {
        /// How many reviews are needed.
        required: u32,
        /// How many had been carried out by then.
        done: u32,
    },
    /// A first superintendent's extension given too long after the relevant time (s.42(4)(a)).
    ExtensionTooLate {
        /// The figure, in minutes from the relevant time.
        latest_minutes: i64,
    },
    /// A superintendent's extension ending beyond what a superintendent may authorise (s.42(1)).
    BeyondSuperintendentMaximum {
        /// The figure, in minutes from the relevant time.
        maximum_minutes: i64,
    },
    /// Detention has already been extended to the most a superintendent may authorise (s.42(2)).
    AlreadyExtended {
        /// The figure, in minutes from the relevant time.
        maximum_minutes: i64,
    },
    /// A warrant authorising longer than a court may grant at once (s.43(12), s.44(3)(a)).
    WarrantTooLong {
        /// The figure, in minutes from the warrant's issue.
        maximum_minutes: i64,
    },
    /// Detention beyond the overall maximum (s.44(3)(b)).
    BeyondMaximum {
        /// The figure, in minutes from the relevant time.
        maximum_minutes: i64,
    },
    /// The detention limit had already passed: the detainee should have been released.
    LimitPassed,
    /// The new period ends no later than the current limit (or than its own start).
    NotLater,
    /// Recorded before an earlier one of the same kind.
    BeforePrevious,
    /// A review recorded before detention was authorised.
    BeforeAuthorised,
    /// A review recorded after the detainee was released.
    AfterRelease,
    /// A review marked postponed although it was carried out by its latest time.
    PostponementNotNeeded,
}

fn span(minutes: i64) -> String {
    match (minutes % 60, minutes / 60) {
        (0, 1) => "1 hour".into(),
        (0, h) => format!("{h} hours"),
        _ => format!("{minutes} minutes"),
    }
}

impl Refusal {
    /// The stable code of the rule (what the browser and partner systems match on).
    pub fn rule(self) -> &'static str {
        match self {
            Refusal::NotDetainedWithoutCharge => "not_detained_without_charge",
            Refusal::NotIndictable => "not_indictable",
            Refusal::ReviewsNotDone { .. } => "reviews_not_done",
            Refusal::ExtensionTooLate { .. } => "extension_too_late",
            Refusal::BeyondSuperintendentMaximum { .. } => "beyond_superintendent_maximum",
            Refusal::AlreadyExtended { .. } => "already_extended",
            Refusal::WarrantTooLong { .. } => "warrant_too_long",
            Refusal::BeyondMaximum { .. } => "beyond_maximum",
            Refusal::LimitPassed => "limit_passed",
            Refusal::NotLater => "not_later",
            Refusal::BeforePrevious => "before_previous",
            Refusal::BeforeAuthorised => "before_authorised",
            Refusal::AfterRelease => "after_release",
            Refusal::PostponementNotNeeded => "postponement_not_needed",
        }
    }

    /// A sentence a user can act on.
    pub fn message(self) -> String {
        match self {
            Refusal::NotDetainedWithoutCharge => {
                "The detainee had been charged or released by then".into()
            }
            Refusal::NotIndictable => {
                "Only detention for an indictable offence can be extended".into()
            }
            Refusal::ReviewsNotDone { required, done } => format!(
                "An extension needs review {required} to have been carried out first ({done} done)"
            ),
            Refusal::ExtensionTooLate { latest_minutes } => format!(
                "A superintendent's extension must be authorised within {} of the relevant time",
                span(latest_minutes)
            ),
            Refusal::BeyondSuperintendentMaximum { maximum_minutes } => format!(
                "A superintendent may extend detention to at most {} after the relevant time",
                span(maximum_minutes)
            ),
            Refusal::AlreadyExtended { maximum_minutes } => format!(
                "Detention has already been extended to {} after the relevant time, the most a superintendent may authorise",
                span(maximum_minutes)
            ),
            Refusal::WarrantTooLong { maximum_minutes } => format!(
                "A warrant may authorise at most {} from when it is issued",
                span(maximum_minutes)
            ),
            Refusal::BeyondMaximum { maximum_minutes } => format!(
                "Detention without charge cannot go beyond {} after the relevant time",
                span(maximum_minutes)
            ),
            Refusal::LimitPassed => {
                "The detention limit had already passed: the detainee should have been released".into()
            }
            Refusal::NotLater => "The new period must end after the current limit".into(),
            Refusal::BeforePrevious => "This is earlier than the one recorded before it".into(),
            Refusal::BeforeAuthorised => {
                "A review cannot be before detention was authorised".into()
            }
            Refusal::AfterRelease => "The detainee had been released by then".into(),
            Refusal::PostponementNotNeeded => {
                "The review was carried out in time: it was not postponed".into()
            }
        }
    }

    /// The field the refusal is about (`at` or `until` of the request).
    pub fn path(self) -> &'static str {
        match self {
            Refusal::BeyondSuperintendentMaximum { .. }
            | Refusal::WarrantTooLong { .. }
            | Refusal::BeyondMaximum { .. }
            | Refusal::NotLater => "until",
            Refusal::NotIndictable => "indictable",
            Refusal::PostponementNotNeeded => "postponed",
            _ => "at",
        }
    }

    /// The refusal as a field error for a problem-details body.
    pub fn field_error(self) -> FieldError {
        FieldError::new(self.path(), self.rule(), self.message())
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// Whether the detainee was charged or released at or before `at`.
fn no_longer_detained_without_charge(facts: &DetentionFacts, at: DateTime<Utc>) -> bool {
    facts.charged_at.is_some_and(|c| c <= at) || facts.released_at.is_some_and(|r| r <= at)
}

/// Checks a review carried out at `review.at` against the facts recorded before it. Who may review
/// is the server's business; this refuses a review before detention was authorised, before the
/// previous review or after release, and a postponement of a review that was in time.
pub fn check_review(facts: &DetentionFacts, rules: &PaceRules, review: &ReviewFact) -> Result<(), Refusal> {
    if review.at < facts.detention_authorised_at {
        return Err(Refusal::BeforeAuthorised);
    }
    if facts.released_at.is_some_and(|r| r <= review.at) {
        return Err(Refusal::AfterRelease);
    }
    if facts.reviews.iter().any(|r| r.at > review.at) {
        return Err(Refusal::BeforePrevious);
    }
    if review.postponed && review.at <= next_review_due(facts, rules) {
        return Err(Refusal::PostponementNotNeeded);
    }
    Ok(())
}

/// Checks a superintendent's extension authorised at `at` to end at `until` (s.42). A first
/// extension needs an indictable offence, the second review done and `at` within 24 hours of the
/// relevant time; a further one (s.42(2)) is possible while the current one ends before the
/// 36-hour maximum and has not yet expired. No extension may end beyond 36 hours.
pub fn check_extension(
    facts: &DetentionFacts,
    rules: &PaceRules,
    at: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<(), Refusal> {
    let rel = facts.relevant_time;
    let ceiling = rel + mins(rules.superintendent_limit_minutes);
    if no_longer_detained_without_charge(facts, at) {
        return Err(Refusal::NotDetainedWithoutCharge);
    }
    if !facts.indictable {
        return Err(Refusal::NotIndictable);
    }
    if facts.extensions.iter().any(|e| e.until >= ceiling) {
        return Err(Refusal::AlreadyExtended {
            maximum_minutes: rules.superintendent_limit_minutes,
        });
    }
    let (current, _) = limit_at(facts, rules, Some(at));
    if facts.extensions.is_empty() {
        if at > rel + mins(rules.superintendent_latest_minutes) {
            return Err(Refusal::ExtensionTooLate {
                latest_minutes: rules.superintendent_latest_minutes,
            });
        }
    } else if at > current {
        return Err(Refusal::LimitPassed);
    }
    let done = facts.reviews.iter().filter(|r| r.at <= at).count() as u32;
    if done < rules.superintendent_reviews_required {
        return Err(Refusal::ReviewsNotDone {
            required: rules.superintendent_reviews_required,
            done,
        });
    }
    if until > ceiling {
        return Err(Refusal::BeyondSuperintendentMaximum {
            maximum_minutes: rules.superintendent_limit_minutes,
        });
    }
    if until <= current || until <= at {
        return Err(Refusal::NotLater);
    }
    Ok(())
}

/// Checks a warrant of further detention (or its extension) issued at `at` to end at `until`
/// (ss.43–44): an indictable offence, detention without charge still lawful when it was issued (a
/// first warrant may follow a 36-hour limit by [`PaceRules::warrant_late_application_minutes`]),
/// at most 36 hours from issue and never beyond 96 hours from the relevant time.
pub fn check_warrant(
    facts: &DetentionFacts,
    rules: &PaceRules,
    at: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<(), Refusal> {
    let rel = facts.relevant_time;
    if no_longer_detained_without_charge(facts, at) {
        return Err(Refusal::NotDetainedWithoutCharge);
    }
    if !facts.indictable {
        return Err(Refusal::NotIndictable);
    }
    if facts.warrants.iter().any(|w| w.at > at) {
        return Err(Refusal::BeforePrevious);
    }
    let (current, _) = limit_at(facts, rules, Some(at));
    let grace = if facts.warrants.is_empty() && current >= rel + mins(rules.superintendent_limit_minutes) {
        mins(rules.warrant_late_application_minutes)
    } else {
        Duration::zero()
    };
    if at > current + grace {
        return Err(Refusal::LimitPassed);
    }
    if until > rel + mins(rules.maximum_limit_minutes) {
        return Err(Refusal::BeyondMaximum {
            maximum_minutes: rules.maximum_limit_minutes,
        });
    }
    if until > at + mins(rules.warrant_period_minutes) {
        return Err(Refusal::WarrantTooLong {
            maximum_minutes: rules.warrant_period_minutes,
        });
    }
    if until <= current || until <= at {
        return Err(Refusal::NotLater);
    }
    Ok(())
}

/// Replays every recorded review, extension and warrant against what was recorded before it and
/// lists every refusal at once (paths such as `reviews.2.at`, `extensions.0.until`), plus detention
/// authorised before the relevant time. Empty: the record is consistent with the rules.
pub fn check_facts(facts: &DetentionFacts, rules: &PaceRules) -> Vec<FieldError> {
    let mut e = Vec::new();
    if facts.detention_authorised_at < facts.relevant_time {
        e.push(FieldError::new(
            "detention_authorised_at",
            "before_relevant_time",
            "Detention cannot be authorised before the relevant time",
        ));
    }
    let with_path = |kind: &str, i: usize, r: Refusal| {
        let f = r.field_error();
        FieldError::new(format!("{kind}.{i}.{}", f.path), f.code, f.message)
    };
    for (i, r) in facts.reviews.iter().enumerate() {
        let before = DetentionFacts {
            reviews: facts.reviews[..i].to_vec(),
            ..facts.clone()
        };
        if let Err(x) = check_review(&before, rules, r) {
            e.push(with_path("reviews", i, x));
        }
    }
    for (i, x) in facts.extensions.iter().enumerate() {
        let before = DetentionFacts {
            extensions: facts.extensions[..i].to_vec(),
            warrants: facts.warrants.iter().filter(|w| w.at <= x.at).copied().collect(),
            ..facts.clone()
        };
        if let Err(r) = check_extension(&before, rules, x.at, x.until) {
            e.push(with_path("extensions", i, r));
        }
    }
    for (i, w) in facts.warrants.iter().enumerate() {
        let before = DetentionFacts {
            warrants: facts.warrants[..i].to_vec(),
            extensions: facts
                .extensions
                .iter()
                .filter(|x| x.at <= w.at)
                .copied()
                .collect(),
            ..facts.clone()
        };
        if let Err(r) = check_warrant(&before, rules, w.at, w.until) {
            e.push(with_path("warrants", i, r));
        }
    }
    e
}

/// How often a detainee at one observation level is visited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ObservationLevelRule {
    /// The level (1 general, 2 intermittent, 3 constant, 4 close proximity; the wording of levels
    /// 2–4 is **[unverified]**).
    pub level: u8,
    /// Minutes between visits; none: continuous observation (an officer watches or stays with the
    /// detainee), so no visit is ever "next".
    pub visit_every_minutes: Option<i64>,
}

/// The figures for cell visits. **[unverified]**: the intervals below come from the domain brief
/// and are not confirmed against Code C or the College of Policing's APP; a force corrects them as
/// data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CareRules {
    /// Visit intervals by observation level.
    pub levels: Vec<ObservationLevelRule>,
    /// A detainee who must be roused (intoxicated) is visited and roused at least this often, or
    /// more often if the level says so (30 minutes, **[unverified]**).
    pub rousing_visit_minutes: i64,
}

impl Default for CareRules {
    /// Level 1 hourly (**[unverified]**), level 2 half-hourly (**[unverified]**), levels 3 and 4
    /// continuous, rousing half-hourly (**[unverified]**).
    fn default() -> Self {
        Self {
            levels: vec![
                ObservationLevelRule {
                    level: 1,
                    visit_every_minutes: Some(60),
                },
                ObservationLevelRule {
                    level: 2,
                    visit_every_minutes: Some(30),
                },
                ObservationLevelRule {
                    level: 3,
                    visit_every_minutes: None,
                },
                ObservationLevelRule {
                    level: 4,
                    visit_every_minutes: None,
                },
            ],
            rousing_visit_minutes: 30,
        }
    }
}

/// Checks a force's care figures: intervals positive, each level once.
pub fn check_care_rules(r: &CareRules) -> Vec<FieldError> {
    let mut e = Vec::new();
    for (i, l) in r.levels.iter().enumerate() {
        if l.visit_every_minutes.is_some_and(|m| m <= 0) {
            e.push(FieldError::new(
                format!("levels.{i}.visit_every_minutes"),
                "positive",
                "Must be more than 0 minutes (leave empty for continuous observation)",
            ));
        }
        if r.levels[..i].iter().any(|p| p.level == l.level) {
            e.push(FieldError::new(
                format!("levels.{i}.level"),
                "duplicate",
                format!("Level {} is listed more than once", l.level),
            ));
        }
    }
    if r.rousing_visit_minutes <= 0 {
        e.push(FieldError::new(
            "rousing_visit_minutes",
            "positive",
            "Must be more than 0 minutes",
        ));
    }
    e
}

/// When the next cell visit is due: the interval of the observation level (shortened to the rousing
/// interval when the detainee must be roused) after the last visit, or after booking in when there
/// has been none. `None` means continuous observation: levels 3 and 4, and any level the rules do
/// not know (the safe reading of a level nobody configured).
pub fn next_visit_due(
    last_visit: Option<DateTime<Utc>>,
    booked_in: DateTime<Utc>,
    observation_level: u8,
    rousing: bool,
    rules: &CareRules,
) -> Option<DateTime<Utc>> {
    let every = rules
        .levels
        .iter()
        .find(|l| l.level == observation_level)?
        .visit_every_minutes?;
    let every = if rousing {
        every.min(rules.rousing_visit_minutes)
    } else {
        every
    };
    let from = last_visit.map_or(booked_in, |v| v.max(booked_in));
    Some(from + mins(every))
}

/// How a medicine is to be given, as instructed by the prescriber or healthcare professional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DoseSchedule {
    /// At fixed times each day, from `from`. The times are UTC times of day: the server converts a
    /// prescription's local times (which shift by an hour across a clock change) before calling.
    Times {
        /// Times of day (UTC), in any order.
        times: Vec<NaiveTime>,
        /// When the schedule started (booking in, or when the instruction was recorded).
        from: DateTime<Utc>,
    },
    /// Every so many minutes after the last dose given, the first at `first_at`.
    Interval {
        /// Minutes between doses.
        every_minutes: i64,
        /// When the first dose is due.
        first_at: DateTime<Utc>,
    },
}

/// The scheduled times of a daily schedule from the day before `t` to the day after, in order.
fn slots_around(times: &[NaiveTime], t: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let day = t.date_naive();
    let mut v: Vec<DateTime<Utc>> = [day.pred_opt(), Some(day), day.succ_opt()]
        .into_iter()
        .flatten()
        .flat_map(|d| times.iter().map(move |tm| d.and_time(*tm).and_utc()))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// When the next dose is due (it may be in the past: the dose is overdue).
///
/// - `Interval`: the interval after the last dose given, or `first_at` when none has been given.
/// - `Times`: each dose given counts against the scheduled time nearest it (halfway between two,
///   the earlier). The next dose is the first scheduled time after the last one covered; of the
///   doses missed before `now`, only the most recent is reported as due, since a missed dose is
///   not simply given late (the healthcare professional decides).
///
/// `None` when the schedule has no times or a non-positive interval.
pub fn next_dose_due(
    schedule: &DoseSchedule,
    administrations: &[DateTime<Utc>],
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let last = administrations.iter().max().copied();
    match schedule {
        DoseSchedule::Interval {
            every_minutes,
            first_at,
        } => {
            if *every_minutes <= 0 {
                return None;
            }
            Some(last.map_or(*first_at, |l| l + mins(*every_minutes)))
        }
        DoseSchedule::Times { times, from } => {
            if times.is_empty() {
                return None;
            }
            let first_after = |t: DateTime<Utc>, strictly: bool| {
                slots_around(times, t)
                    .into_iter()
                    .find(|s| if strictly { *s > t } else { *s >= t })
            };
            let covered = last.and_then(|l| {
                slots_around(times, l)
                    .into_iter()
                    .min_by_key(|s| ((*s - l).num_seconds().abs(), *s))
            });
            let next = match covered {
                Some(c) => first_after(c.max(*from - Duration::seconds(1)), true)?,
                None => first_after(*from, false)?,
            };
            let latest_passed = slots_around(times, now)
                .into_iter()
                .filter(|s| *s <= now && *s >= *from)
                .max();
            Some(match latest_passed {
                Some(p) if p > next => p,
                _ => next,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn t(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn facts(rel: DateTime<Utc>, authorised: DateTime<Utc>) -> DetentionFacts {
        DetentionFacts {
            relevant_time: rel,
            detention_authorised_at: authorised,
            reviews: vec![],
            charged_at: None,
            indictable: true,
            extensions: vec![],
            warrants: vec![],
            released_at: None,
        }
    }

    fn review(at: DateTime<Utc>) -> ReviewFact {
        ReviewFact { at, postponed: false }
    }

    const R: PaceRules = PaceRules {
        first_review_minutes: 360,
        review_interval_minutes: 540,
        basic_limit_minutes: 1440,
        superintendent_limit_minutes: 2160,
        superintendent_latest_minutes: 1440,
        superintendent_reviews_required: 2,
        warrant_period_minutes: 2160,
        maximum_limit_minutes: 5760,
        warrant_late_application_minutes: 360,
    };

    #[test]
    fn the_default_figures_are_the_statutory_ones_and_serialise_as_minutes() {
        assert_eq!(PaceRules::default(), R);
        assert!(check_pace_rules(&R).is_empty());
        let json = serde_json::to_value(R).unwrap();
        assert_eq!(json["first_review_minutes"], 360);
        assert_eq!(json["maximum_limit_minutes"], 5760);
        // A force's partial configuration keeps the statutory figures for the rest.
        let partial: PaceRules = serde_json::from_str(r#"{"review_interval_minutes": 480}"#).unwrap();
        assert_eq!(partial.review_interval_minutes, 480);
        assert_eq!(partial.basic_limit_minutes, 1440);
        let bad = PaceRules {
            basic_limit_minutes: 0,
            maximum_limit_minutes: 1000,
            ..R
        };
        let codes: Vec<String> = check_pace_rules(&bad)
            .into_iter()
            .map(|e| format!("{}:{}", e.path, e.code))
            .collect();
        assert_eq!(
            codes,
            ["basic_limit_minutes:positive", "maximum_limit_minutes:order"]
        );
    }

    #[test]
    fn hand_worked_review_schedule_and_limit() {
        // Relevant time 09:00, detention authorised 09:20 on Monday 12 January 2026.
        let mut f = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 9, 20));
        let c = clocks(&f, &R, t(2026, 1, 12, 10, 0));
        assert_eq!(c.next_review_due, Some(t(2026, 1, 12, 15, 20)));
        assert_eq!(c.next_review_number, 1);
        assert_eq!(c.minutes_to_review, Some(320));
        assert!(!c.review_overdue);
        assert_eq!(c.limit, t(2026, 1, 13, 9, 0));
        assert_eq!(c.limit_basis, LimitBasis::Basic24h);
        assert!(c.limit_applies);
        assert_eq!(c.minutes_to_limit, Some(23 * 60));
        assert_eq!(c.time_in_custody_minutes, 60);

        // First review early at 15:00: the second is due 9 hours later, at midnight.
        f.reviews.push(review(t(2026, 1, 12, 15, 0)));
        let c = clocks(&f, &R, t(2026, 1, 12, 16, 0));
        assert_eq!(c.next_review_due, Some(t(2026, 1, 13, 0, 0)));
        assert_eq!(c.next_review_number, 2);

        // Not done by 00:00: overdue, minutes negative.
        let c = clocks(&f, &R, t(2026, 1, 13, 0, 10));
        assert!(c.review_overdue);
        assert_eq!(c.minutes_to_review, Some(-10));

        // Half a minute late is already a minute overdue (rounded down).
        let c = clocks(&f, &R, t(2026, 1, 13, 0, 0) + Duration::seconds(30));
        assert!(c.review_overdue);
        assert_eq!(c.minutes_to_review, Some(-1));

        // Past the limit without charge.
        let c = clocks(&f, &R, t(2026, 1, 13, 9, 5));
        assert!(c.limit_exceeded);
        assert_eq!(c.minutes_to_limit, Some(-5));
    }

    #[test]
    fn a_postponed_review_does_not_move_the_schedule_but_a_late_one_is_counted() {
        let mut f = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 9, 20));
        // First review due 15:20; postponed (interview under way) and done at 16:00.
        f.reviews.push(ReviewFact {
            at: t(2026, 1, 12, 16, 0),
            postponed: true,
        });
        let c = clocks(&f, &R, t(2026, 1, 12, 16, 5));
        assert_eq!(c.next_review_due, Some(t(2026, 1, 13, 0, 20)));
        assert_eq!(c.late_reviews, 0);
        // Done late without a recorded postponement: a breach, counted; the next runs from 16:00.
        f.reviews[0].postponed = false;
        let c = clocks(&f, &R, t(2026, 1, 12, 16, 5));
        assert_eq!(c.next_review_due, Some(t(2026, 1, 13, 1, 0)));
        assert_eq!(c.late_reviews, 1);
    }

    #[test]
    fn reviews_are_refused_out_of_order_and_postponement_only_when_late() {
        let mut f = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 9, 20));
        assert_eq!(
            check_review(&f, &R, &review(t(2026, 1, 12, 9, 10))),
            Err(Refusal::BeforeAuthorised)
        );
        assert_eq!(check_review(&f, &R, &review(t(2026, 1, 12, 15, 0))), Ok(()));
        let early_postponed = ReviewFact {
            at: t(2026, 1, 12, 15, 0),
            postponed: true,
        };
        assert_eq!(
            check_review(&f, &R, &early_postponed),
            Err(Refusal::PostponementNotNeeded)
        );
        let late_postponed = ReviewFact {
            at: t(2026, 1, 12, 15, 40),
            postponed: true,
        };
        assert_eq!(check_review(&f, &R, &late_postponed), Ok(()));
        f.reviews.push(review(t(2026, 1, 12, 15, 0)));
        assert_eq!(
            check_review(&f, &R, &review(t(2026, 1, 12, 14, 0))),
            Err(Refusal::BeforePrevious)
        );
        f.released_at = Some(t(2026, 1, 12, 20, 0));
        assert_eq!(
            check_review(&f, &R, &review(t(2026, 1, 12, 21, 0))),
            Err(Refusal::AfterRelease)
        );
        let c = clocks(&f, &R, t(2026, 1, 13, 9, 0));
        assert_eq!(c.next_review_due, None);
        assert_eq!(c.minutes_to_review, None);
        assert!(!c.review_overdue);
        assert!(!c.limit_applies);
        assert!(!c.limit_exceeded);
        assert_eq!(c.time_in_custody_minutes, 11 * 60);
    }

    #[test]
    fn hand_worked_extension_and_warrants() {
        // Relevant 09:00 day 1; reviews 15:00 and 23:30.
        let mut f = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 9, 20));
        f.reviews.push(review(t(2026, 1, 12, 15, 0)));
        // Before the second review.
        assert_eq!(
            check_extension(&f, &R, t(2026, 1, 12, 20, 0), t(2026, 1, 13, 21, 0)),
            Err(Refusal::ReviewsNotDone { required: 2, done: 1 })
        );
        f.reviews.push(review(t(2026, 1, 12, 23, 30)));
        // A review recorded after the moment of the extension does not count for it.
        assert_eq!(
            check_extension(&f, &R, t(2026, 1, 12, 23, 0), t(2026, 1, 13, 21, 0)),
            Err(Refusal::ReviewsNotDone { required: 2, done: 1 })
        );
        // More than 24 h after the relevant time.
        assert_eq!(
            check_extension(&f, &R, t(2026, 1, 13, 9, 1), t(2026, 1, 13, 21, 0)),
            Err(Refusal::ExtensionTooLate { latest_minutes: 1440 })
        );
        // Beyond 36 h: at most 21:00 on day 2.
        assert_eq!(
            check_extension(&f, &R, t(2026, 1, 13, 8, 0), t(2026, 1, 13, 21, 1)),
            Err(Refusal::BeyondSuperintendentMaximum {
                maximum_minutes: 2160
            })
        );
        assert_eq!(
            check_extension(&f, &R, t(2026, 1, 13, 8, 0), t(2026, 1, 13, 21, 0)),
            Ok(())
        );
        // Exactly 24 h after the relevant time is still in time.
        assert_eq!(
            check_extension(&f, &R, t(2026, 1, 13, 9, 0), t(2026, 1, 13, 21, 0)),
            Ok(())
        );
        // Not indictable.
        let summary = DetentionFacts {
            indictable: false,
            ..f.clone()
        };
        assert_eq!(
            check_extension(&summary, &R, t(2026, 1, 13, 8, 0), t(2026, 1, 13, 21, 0)),
            Err(Refusal::NotIndictable)
        );
        // Charged before.
        let charged = DetentionFacts {
            charged_at: Some(t(2026, 1, 13, 7, 0)),
            ..f.clone()
        };
        assert_eq!(
            check_extension(&charged, &R, t(2026, 1, 13, 8, 0), t(2026, 1, 13, 21, 0)),
            Err(Refusal::NotDetainedWithoutCharge)
        );

        // A first extension to 17:00 day 2 (32 h); a further one (s.42(2)) to 21:00 is possible
        // before 17:00, even though that is more than 24 h after the relevant time.
        f.extensions.push(ExtensionFact {
            at: t(2026, 1, 13, 8, 0),
            until: t(2026, 1, 13, 17, 0),
        });
        let c = clocks(&f, &R, t(2026, 1, 13, 10, 0));
        assert_eq!(c.limit, t(2026, 1, 13, 17, 0));
        assert_eq!(c.limit_basis, LimitBasis::Superintendent);
        assert_eq!(
            check_extension(&f, &R, t(2026, 1, 13, 16, 0), t(2026, 1, 13, 21, 0)),
            Ok(())
        );
        assert_eq!(
            check_extension(&f, &R, t(2026, 1, 13, 17, 30), t(2026, 1, 13, 21, 0)),
            Err(Refusal::LimitPassed)
        );
        assert_eq!(
            check_extension(&f, &R, t(2026, 1, 13, 16, 0), t(2026, 1, 13, 16, 30)),
            Err(Refusal::NotLater)
        );
        f.extensions.push(ExtensionFact {
            at: t(2026, 1, 13, 16, 0),
            until: t(2026, 1, 13, 21, 0),
        });
        // Already at 36 h: no further superintendent's extension.
        assert_eq!(
            check_extension(&f, &R, t(2026, 1, 13, 18, 0), t(2026, 1, 13, 20, 0)),
            Err(Refusal::AlreadyExtended {
                maximum_minutes: 2160
            })
        );
        let c = clocks(&f, &R, t(2026, 1, 13, 18, 0));
        assert_eq!(c.limit, t(2026, 1, 13, 21, 0));
        assert_eq!(c.minutes_to_limit, Some(180));

        // A warrant at 20:00 day 2: at most 36 h from issue (08:00 day 4).
        assert_eq!(
            check_warrant(&f, &R, t(2026, 1, 13, 20, 0), t(2026, 1, 15, 8, 1)),
            Err(Refusal::WarrantTooLong {
                maximum_minutes: 2160
            })
        );
        assert_eq!(
            check_warrant(&f, &R, t(2026, 1, 13, 20, 0), t(2026, 1, 15, 8, 0)),
            Ok(())
        );
        f.warrants.push(WarrantFact {
            at: t(2026, 1, 13, 20, 0),
            until: t(2026, 1, 15, 8, 0),
        });
        let c = clocks(&f, &R, t(2026, 1, 14, 12, 0));
        assert_eq!(c.limit, t(2026, 1, 15, 8, 0));
        assert_eq!(c.limit_basis, LimitBasis::Warrant);
        // Extended (s.44) at 07:00 day 4: to 09:00 day 5 is exactly 96 h; a minute more is refused.
        assert_eq!(
            check_warrant(&f, &R, t(2026, 1, 15, 7, 0), t(2026, 1, 16, 9, 1)),
            Err(Refusal::BeyondMaximum {
                maximum_minutes: 5760
            })
        );
        assert_eq!(
            check_warrant(&f, &R, t(2026, 1, 15, 7, 0), t(2026, 1, 16, 9, 0)),
            Ok(())
        );
        // An extension of the warrant after it expired.
        assert_eq!(
            check_warrant(&f, &R, t(2026, 1, 15, 8, 30), t(2026, 1, 16, 9, 0)),
            Err(Refusal::LimitPassed)
        );
        f.warrants.push(WarrantFact {
            at: t(2026, 1, 15, 7, 0),
            until: t(2026, 1, 16, 9, 0),
        });
        assert!(check_facts(&f, &R).is_empty(), "{:?}", check_facts(&f, &R));
        let c = clocks(&f, &R, t(2026, 1, 16, 8, 0));
        assert_eq!(c.limit, t(2026, 1, 16, 9, 0));
        assert_eq!(c.time_in_custody_minutes, 95 * 60);
        // Charged at 08:00 day 5: the limit stops applying and was not exceeded.
        f.charged_at = Some(t(2026, 1, 16, 8, 0));
        let c = clocks(&f, &R, t(2026, 1, 16, 12, 0));
        assert!(!c.limit_applies);
        assert!(!c.limit_exceeded);
        assert_eq!(c.minutes_to_limit, None);
        // Reviews continue after charge.
        assert!(c.next_review_due.is_some());
    }

    #[test]
    fn a_first_warrant_may_follow_a_36_hour_limit_by_the_late_application_allowance() {
        let mut f = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 9, 20));
        f.reviews = vec![review(t(2026, 1, 12, 15, 0)), review(t(2026, 1, 12, 23, 30))];
        f.extensions.push(ExtensionFact {
            at: t(2026, 1, 13, 8, 0),
            until: t(2026, 1, 13, 21, 0),
        });
        // Court sits at 02:00 day 3, within 6 h of the 36 h limit.
        assert_eq!(
            check_warrant(&f, &R, t(2026, 1, 14, 2, 0), t(2026, 1, 15, 14, 0)),
            Ok(())
        );
        assert_eq!(
            check_warrant(&f, &R, t(2026, 1, 14, 3, 1), t(2026, 1, 15, 14, 0)),
            Err(Refusal::LimitPassed)
        );
        // With only the 24 h limit there is no allowance.
        let basic = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 9, 20));
        assert_eq!(
            check_warrant(&basic, &R, t(2026, 1, 13, 10, 0), t(2026, 1, 14, 9, 0)),
            Err(Refusal::LimitPassed)
        );
        assert_eq!(
            check_warrant(&basic, &R, t(2026, 1, 13, 8, 0), t(2026, 1, 14, 9, 0)),
            Ok(())
        );
    }

    #[test]
    fn check_facts_names_every_record_that_breaks_a_rule() {
        let mut f = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 8, 0));
        f.indictable = false;
        f.reviews = vec![review(t(2026, 1, 12, 7, 0))];
        f.extensions.push(ExtensionFact {
            at: t(2026, 1, 13, 8, 0),
            until: t(2026, 1, 13, 21, 0),
        });
        let codes: Vec<String> = check_facts(&f, &R)
            .into_iter()
            .map(|e| format!("{}:{}", e.path, e.code))
            .collect();
        assert_eq!(
            codes,
            [
                "detention_authorised_at:before_relevant_time",
                "reviews.0.at:before_authorised",
                "extensions.0.indictable:not_indictable"
            ]
        );
    }

    #[test]
    fn clocks_across_midnight_and_new_year() {
        let f = facts(t(2026, 12, 31, 23, 30), t(2026, 12, 31, 23, 45));
        let c = clocks(&f, &R, t(2027, 1, 1, 0, 15));
        assert_eq!(c.next_review_due, Some(t(2027, 1, 1, 5, 45)));
        assert_eq!(c.limit, t(2027, 1, 1, 23, 30));
        assert_eq!(c.time_in_custody_minutes, 45);
    }

    #[test]
    fn clocks_run_in_elapsed_time_across_the_uk_clock_changes() {
        // Clocks go forward at 01:00 UTC on Sunday 29 March 2026. Relevant time 20:00 UTC
        // (20:00 GMT) on the 28th: the limit is 24 elapsed hours later, 20:00 UTC on the 29th,
        // which a custody clock in the UK shows as 21:00 BST.
        let f = facts(t(2026, 3, 28, 20, 0), t(2026, 3, 28, 20, 10));
        let c = clocks(&f, &R, t(2026, 3, 29, 2, 0));
        assert_eq!(c.limit, t(2026, 3, 29, 20, 0));
        assert_eq!(c.next_review_due, Some(t(2026, 3, 29, 2, 10)));
        assert_eq!(c.time_in_custody_minutes, 6 * 60);
        assert_eq!(c.minutes_to_limit, Some(18 * 60));

        // Clocks go back at 01:00 UTC on Sunday 25 October 2026. Relevant time 20:00 UTC (21:00
        // BST) on the 24th: limit 20:00 UTC (20:00 GMT) on the 25th.
        let mut f = facts(t(2026, 10, 24, 20, 0), t(2026, 10, 24, 20, 0));
        f.reviews.push(review(t(2026, 10, 25, 0, 30)));
        let c = clocks(&f, &R, t(2026, 10, 25, 1, 30));
        assert_eq!(c.limit, t(2026, 10, 25, 20, 0));
        assert_eq!(c.next_review_due, Some(t(2026, 10, 25, 9, 30)));
        assert_eq!(c.time_in_custody_minutes, 5 * 60 + 30);
        // An extension: authorised by 20:00 UTC on the 25th, to at most 08:00 UTC on the 26th.
        f.reviews.push(review(t(2026, 10, 25, 9, 0)));
        assert_eq!(
            check_extension(&f, &R, t(2026, 10, 25, 20, 0), t(2026, 10, 26, 8, 0)),
            Ok(())
        );
        assert_eq!(
            check_extension(&f, &R, t(2026, 10, 25, 20, 1), t(2026, 10, 26, 8, 0)),
            Err(Refusal::ExtensionTooLate { latest_minutes: 1440 })
        );
    }

    #[test]
    fn refusals_have_codes_and_messages_from_the_figures() {
        let r = Refusal::BeyondMaximum {
            maximum_minutes: 5760,
        };
        assert_eq!(r.rule(), "beyond_maximum");
        assert_eq!(
            r.message(),
            "Detention without charge cannot go beyond 96 hours after the relevant time"
        );
        let fe = r.field_error();
        assert_eq!((fe.path.as_str(), fe.code.as_str()), ("until", "beyond_maximum"));
        assert_eq!(
            Refusal::WarrantTooLong { maximum_minutes: 90 }.message(),
            "A warrant may authorise at most 90 minutes from when it is issued"
        );
        assert_eq!(span(60), "1 hour");
    }

    #[test]
    fn visits_follow_the_observation_level_and_rousing() {
        let rules = CareRules::default();
        assert!(check_care_rules(&rules).is_empty());
        let booked = t(2026, 1, 12, 9, 0);
        assert_eq!(
            next_visit_due(None, booked, 1, false, &rules),
            Some(t(2026, 1, 12, 10, 0))
        );
        assert_eq!(
            next_visit_due(Some(t(2026, 1, 12, 9, 40)), booked, 1, false, &rules),
            Some(t(2026, 1, 12, 10, 40))
        );
        // Intoxicated: roused every 30 minutes.
        assert_eq!(
            next_visit_due(Some(t(2026, 1, 12, 9, 40)), booked, 1, true, &rules),
            Some(t(2026, 1, 12, 10, 10))
        );
        assert_eq!(
            next_visit_due(None, booked, 2, false, &rules),
            Some(t(2026, 1, 12, 9, 30))
        );
        // Constant and close-proximity observation, and an unknown level: continuous.
        assert_eq!(next_visit_due(None, booked, 3, true, &rules), None);
        assert_eq!(next_visit_due(None, booked, 4, false, &rules), None);
        assert_eq!(next_visit_due(None, booked, 9, false, &rules), None);
        // A visit recorded before booking in (a bad clock) counts from booking in.
        assert_eq!(
            next_visit_due(Some(t(2026, 1, 12, 8, 0)), booked, 1, false, &rules),
            Some(t(2026, 1, 12, 10, 0))
        );
        let bad = CareRules {
            levels: vec![
                ObservationLevelRule {
                    level: 1,
                    visit_every_minutes: Some(0),
                },
                ObservationLevelRule {
                    level: 1,
                    visit_every_minutes: None,
                },
            ],
            rousing_visit_minutes: 30,
        };
        let codes: Vec<String> = check_care_rules(&bad)
            .into_iter()
            .map(|e| format!("{}:{}", e.path, e.code))
            .collect();
        assert_eq!(
            codes,
            [
                "levels.0.visit_every_minutes:positive",
                "levels.1.level:duplicate"
            ]
        );
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn doses_by_interval() {
        let s = DoseSchedule::Interval {
            every_minutes: 240,
            first_at: t(2026, 1, 12, 10, 0),
        };
        let now = t(2026, 1, 12, 9, 0);
        assert_eq!(next_dose_due(&s, &[], now), Some(t(2026, 1, 12, 10, 0)));
        assert_eq!(
            next_dose_due(&s, &[t(2026, 1, 12, 14, 20), t(2026, 1, 12, 10, 5)], now),
            Some(t(2026, 1, 12, 18, 20))
        );
        let never = DoseSchedule::Interval {
            every_minutes: 0,
            first_at: now,
        };
        assert_eq!(next_dose_due(&never, &[], now), None);
    }

    #[test]
    fn doses_at_fixed_times() {
        let s = DoseSchedule::Times {
            times: vec![hm(20, 0), hm(8, 0)],
            from: t(2026, 1, 12, 9, 0),
        };
        // Booked in at 09:00: the first dose is 20:00.
        assert_eq!(
            next_dose_due(&s, &[], t(2026, 1, 12, 9, 30)),
            Some(t(2026, 1, 12, 20, 0))
        );
        // Given at 19:50 (covers 20:00): next 08:00 tomorrow.
        assert_eq!(
            next_dose_due(&s, &[t(2026, 1, 12, 19, 50)], t(2026, 1, 12, 21, 0)),
            Some(t(2026, 1, 13, 8, 0))
        );
        // Given late at 21:30 still covers 20:00.
        assert_eq!(
            next_dose_due(&s, &[t(2026, 1, 12, 21, 30)], t(2026, 1, 12, 22, 0)),
            Some(t(2026, 1, 13, 8, 0))
        );
        // Given early at 07:40 on the 13th covers 08:00 that day: next 20:00.
        assert_eq!(
            next_dose_due(
                &s,
                &[t(2026, 1, 12, 20, 0), t(2026, 1, 13, 7, 40)],
                t(2026, 1, 13, 9, 0)
            ),
            Some(t(2026, 1, 13, 20, 0))
        );
        // Nothing given: at 22:00 the 20:00 dose is due (overdue).
        assert_eq!(
            next_dose_due(&s, &[], t(2026, 1, 12, 22, 0)),
            Some(t(2026, 1, 12, 20, 0))
        );
        // Missed both 20:00 and 08:00: only the latest missed dose is reported.
        assert_eq!(
            next_dose_due(&s, &[], t(2026, 1, 13, 9, 0)),
            Some(t(2026, 1, 13, 8, 0))
        );
        // Across midnight: a single 00:30 dose.
        let night = DoseSchedule::Times {
            times: vec![hm(0, 30)],
            from: t(2026, 12, 31, 23, 0),
        };
        assert_eq!(
            next_dose_due(&night, &[], t(2026, 12, 31, 23, 10)),
            Some(t(2027, 1, 1, 0, 30))
        );
        assert_eq!(
            next_dose_due(&night, &[t(2027, 1, 1, 0, 25)], t(2027, 1, 1, 1, 0)),
            Some(t(2027, 1, 2, 0, 30))
        );
        let empty = DoseSchedule::Times {
            times: vec![],
            from: t(2026, 1, 12, 9, 0),
        };
        assert_eq!(next_dose_due(&empty, &[], t(2026, 1, 12, 9, 0)), None);
    }

    fn base() -> DateTime<Utc> {
        t(2026, 3, 28, 0, 0)
    }

    fn reviews_from(authorised: DateTime<Utc>, gaps: &[(i64, bool)]) -> Vec<ReviewFact> {
        let mut at = authorised;
        gaps.iter()
            .map(|(g, p)| {
                at += mins(*g);
                ReviewFact { at, postponed: *p }
            })
            .collect()
    }

    proptest! {
        #[test]
        fn the_next_review_is_never_later_than_the_statute_allows(
            rel_off in 0i64..20_000, auth_after in 0i64..180,
            gaps in proptest::collection::vec((0i64..900, any::<bool>()), 0..8),
            now_off in 0i64..6000,
        ) {
            let rel = base() + mins(rel_off);
            let auth = rel + mins(auth_after);
            let mut f = facts(rel, auth);
            f.reviews = reviews_from(auth, &gaps);
            let c = clocks(&f, &R, rel + mins(now_off));
            let due = c.next_review_due.unwrap();
            match f.reviews.last() {
                None => prop_assert!(due <= auth + mins(360)),
                Some(last) => prop_assert!(due <= last.at + mins(540)),
            }
            prop_assert_eq!(c.review_overdue, rel + mins(now_off) > due);
        }

        #[test]
        fn earlier_reviews_never_make_the_next_review_later(
            auth_off in 0i64..20_000,
            gaps in proptest::collection::vec((0i64..900, any::<bool>(), 0i64..900), 0..8),
        ) {
            let auth = base() + mins(auth_off);
            let later: Vec<(i64, bool)> = gaps.iter().map(|(g, p, _)| (*g, *p)).collect();
            // Each gap shortened by up to itself: every review is at or before its counterpart.
            let earlier: Vec<(i64, bool)> = gaps.iter().map(|(g, p, cut)| (g - cut.min(g), *p)).collect();
            let mut f = facts(auth, auth);
            f.reviews = reviews_from(auth, &later);
            let due_later = next_review_due(&f, &R);
            f.reviews = reviews_from(auth, &earlier);
            let due_earlier = next_review_due(&f, &R);
            prop_assert!(due_earlier <= due_later);
        }

        #[test]
        fn the_limit_never_exceeds_96_hours(
            exts in proptest::collection::vec((0i64..6000, 0i64..12_000), 0..3),
            warrants in proptest::collection::vec((0i64..8000, 0i64..12_000), 0..4),
        ) {
            let rel = base();
            let mut f = facts(rel, rel);
            f.extensions = exts.iter().map(|(a, u)| ExtensionFact { at: rel + mins(*a), until: rel + mins(*u) }).collect();
            f.warrants = warrants.iter().map(|(a, u)| WarrantFact { at: rel + mins(*a), until: rel + mins(*u) }).collect();
            let c = clocks(&f, &R, rel);
            prop_assert!(c.limit <= rel + mins(96 * 60));
            prop_assert!(c.limit >= rel + mins(24 * 60));
            if f.warrants.is_empty() {
                prop_assert!(c.limit <= rel + mins(36 * 60));
            }
        }

        #[test]
        fn an_accepted_extension_meets_every_condition(
            indictable in any::<bool>(),
            gaps in proptest::collection::vec((0i64..900, any::<bool>()), 0..4),
            at_off in 0i64..3000, until_off in 0i64..4000,
        ) {
            let rel = base();
            let mut f = facts(rel, rel + mins(10));
            f.indictable = indictable;
            f.reviews = reviews_from(rel + mins(10), &gaps);
            let at = rel + mins(at_off);
            let until = rel + mins(until_off);
            if check_extension(&f, &R, at, until).is_ok() {
                prop_assert!(indictable);
                prop_assert!(f.reviews.iter().filter(|r| r.at <= at).count() >= 2);
                prop_assert!(at <= rel + mins(24 * 60));
                prop_assert!(until <= rel + mins(36 * 60));
                prop_assert!(until > at);
            }
        }

        #[test]
        fn an_accepted_warrant_never_reaches_past_96_hours_or_36_from_issue(
            at_off in 0i64..7000, until_off in 0i64..8000, prior in proptest::option::of(0i64..5760),
        ) {
            let rel = base();
            let mut f = facts(rel, rel);
            if let Some(p) = prior {
                f.warrants.push(WarrantFact { at: rel, until: rel + mins(p) });
            }
            let at = rel + mins(at_off);
            let until = rel + mins(until_off);
            if check_warrant(&f, &R, at, until).is_ok() {
                prop_assert!(until <= rel + mins(96 * 60));
                prop_assert!(until <= at + mins(36 * 60));
                prop_assert!(until > at);
                f.warrants.push(WarrantFact { at, until });
                prop_assert!(check_facts(&f, &R).iter().all(|e| !e.path.starts_with("warrants.1")));
            }
        }

        #[test]
        fn a_visit_is_due_within_the_interval(
            last in proptest::option::of(0i64..600), level in 1u8..=2, rousing in any::<bool>(),
        ) {
            let rules = CareRules::default();
            let booked = base();
            let last_at = last.map(|m| booked + mins(m));
            let due = next_visit_due(last_at, booked, level, rousing, &rules).unwrap();
            let from = last_at.unwrap_or(booked);
            prop_assert!(due > from);
            prop_assert!(due <= from + mins(60));
            if rousing {
                prop_assert!(due <= from + mins(30));
            }
        }

        #[test]
        fn a_fixed_time_dose_is_a_scheduled_time_after_the_last_dose_covered(
            times in proptest::collection::btree_set(0u32..(24 * 60), 1..4),
            given in proptest::collection::vec(0i64..4000, 0..5), now_off in 0i64..4000,
        ) {
            let times: Vec<NaiveTime> = times.iter().map(|m| hm(m / 60, m % 60)).collect();
            let from = base() + mins(37);
            let s = DoseSchedule::Times { times: times.clone(), from };
            let given: Vec<DateTime<Utc>> = given.iter().map(|m| from + mins(*m)).collect();
            let now = from + mins(now_off);
            let due = next_dose_due(&s, &given, now).unwrap();
            prop_assert!(due >= from);
            prop_assert!(times.contains(&due.time()));
            // Never further ahead than one day after the later of now and the last dose.
            let anchor = given.iter().max().copied().unwrap_or(from).max(now);
            prop_assert!(due <= anchor + Duration::days(1) + Duration::hours(12));
        }
    }
}
