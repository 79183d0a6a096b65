//! The care clocks: visits by observation level and doses by schedule.

use super::*;

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
pub(super) fn slots_around(times: &[NaiveTime], t: DateTime<Utc>) -> Vec<DateTime<Utc>> {
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
