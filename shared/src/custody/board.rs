//! The suite board: a row per open record, sorted by what is due first, with local countdowns.

use super::*;

/// One detainee on the custody-suite board. Every "due" is an instant: the board counts down to it
/// locally, so it keeps counting when the server cannot be reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BoardRow {
    /// The custody record.
    pub record_id: Uuid,
    /// Custody number.
    pub number: String,
    /// The detainee's name.
    pub detainee: String,
    /// Cell.
    pub cell: Option<String>,
    /// The relevant time (time in custody counts from here).
    pub relevant_time: DateTime<Utc>,
    /// The next review's latest time.
    pub next_review_due: Option<DateTime<Utc>>,
    /// The detention limit (none: charged, so no limit on detention without charge).
    pub limit: Option<DateTime<Utc>>,
    /// The next visit due (none: continuous observation).
    pub next_visit_due: Option<DateTime<Utc>>,
    /// Observation level.
    pub observation_level: u8,
    /// Roused at each visit.
    pub rousing: bool,
    /// The risk assessment is still to be done.
    pub risk_assessment_due: bool,
    /// The next dose due.
    pub next_dose_due: Option<DateTime<Utc>>,
    /// The medicine of that dose.
    pub next_dose_medicine: Option<String>,
    /// Risk markers.
    pub risk_markers: Vec<String>,
    /// The earliest of the dues (the board's order).
    pub next_due: Option<DateTime<Utc>>,
}

/// A custody suite's board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Board {
    /// The suite.
    pub suite: CustodySuite,
    /// The server's time (the client keeps the offset from its own clock).
    pub server_time: DateTime<Utc>,
    /// Every open record of the suite, what is due first at the top.
    pub rows: Vec<BoardRow>,
}

/// The earliest of a row's dues; `None` sorts last.
pub fn earliest(dues: &[Option<DateTime<Utc>>]) -> Option<DateTime<Utc>> {
    dues.iter().flatten().min().copied()
}

/// Orders board rows: earliest due first, rows with nothing due last, then by cell.
pub fn sort_board(rows: &mut [BoardRow]) {
    rows.sort_by(|a, b| {
        let key = |r: &BoardRow| (r.next_due.is_none(), r.next_due, r.cell.clone());
        key(a).cmp(&key(b))
    });
}

/// Whole minutes from `now` to `due` (negative: overdue), rounded towards the past so a due time
/// reads 0 only in its last minute.
pub fn minutes_until(due: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (due - now).num_seconds().div_euclid(60)
}

/// A countdown as staff read it: `1h 05m`, `12m`, `OVERDUE 7m`.
pub fn countdown(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let m = minutes_until(due, now);
    let fmt = |m: i64| {
        if m >= 60 {
            format!("{}h {:02}m", m / 60, m % 60)
        } else {
            format!("{m}m")
        }
    };
    if m < 0 {
        format!("OVERDUE {}", fmt(-m))
    } else {
        fmt(m)
    }
}
