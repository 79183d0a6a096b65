//! The PACE clocks: reviews, the detention limit, extensions and warrants, and the checks of each.

use super::*;

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

pub(super) fn mins(m: i64) -> Duration {
    Duration::minutes(m)
}

/// Whole minutes from `from` to `to`, rounded down (so 30 seconds late is −1, not 0).
pub(super) fn minutes_between(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (to - from).num_seconds().div_euclid(60)
}

pub(super) fn sorted_reviews(facts: &DetentionFacts) -> Vec<ReviewFact> {
    let mut r = facts.reviews.clone();
    r.sort_by_key(|x| x.at);
    r
}

/// Walks the review schedule: the next review's latest time and how many reviews were late without
/// a postponement.
pub(super) fn review_schedule(
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
pub(super) fn limit_at(
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

pub(super) fn span(minutes: i64) -> String {
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
pub(super) fn no_longer_detained_without_charge(facts: &DetentionFacts, at: DateTime<Utc>) -> bool {
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
