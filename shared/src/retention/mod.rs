//! Retention under the Management of Police Information (MoPI): which group a record falls in, and when
//! it is due for review. Pure rules, shared by the server (review queues, the nightly job) and the
//! browser (the reviewer's screen).
//!
//! Sources: College of Policing, Authorised Professional Practice "Information management: Management of
//! Police Information", retention, review and disposal (the MoPI groups and their review periods), and
//! the Code of Practice on the Management of Police Information (2005). The figures are not in this
//! file: they are the attributes of the `mopi_group` reference list (`backend/reference/mopi_group.toml`,
//! versioned and citing that source), read by [`Periods::from_values`]; the rules that put a record in a
//! group are the `mopi_rule` list, read by [`GroupRule::from_value`]. Both are checked as whole editions
//! before they change (docs/reference-data.md).

pub mod reviews;

use crate::reference::lists::ReferenceValue;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A MoPI retention group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
pub enum MopiGroup {
    /// Group 1: certain public protection matters (kept until the person is deemed 100, reviewed every
    /// 10 years).
    #[serde(rename = "1")]
    PublicProtection,
    /// Group 2: other sexual, violent or serious offences (reviewed after a 10-year clear period).
    #[serde(rename = "2")]
    SeriousOffences,
    /// Group 3: all other offences (reviewed after a 6-year clear period, then disposed of unless
    /// another concern remains).
    #[serde(rename = "3")]
    OtherOffences,
    /// A crime with no offender brought to justice: kept according to the seriousness of the offence.
    #[serde(rename = "undetected")]
    Undetected,
    /// Intelligence products: kept while necessary, with the people and offences they concern.
    #[serde(rename = "intelligence")]
    Intelligence,
}

impl MopiGroup {
    /// The code in the `mopi_group` list.
    pub fn code(self) -> &'static str {
        match self {
            MopiGroup::PublicProtection => "1",
            MopiGroup::SeriousOffences => "2",
            MopiGroup::OtherOffences => "3",
            MopiGroup::Undetected => "undetected",
            MopiGroup::Intelligence => "intelligence",
        }
    }

    /// Parses a code of the `mopi_group` list.
    pub fn parse(code: &str) -> Option<Self> {
        [
            MopiGroup::PublicProtection,
            MopiGroup::SeriousOffences,
            MopiGroup::OtherOffences,
            MopiGroup::Undetected,
            MopiGroup::Intelligence,
        ]
        .into_iter()
        .find(|g| g.code() == code)
    }

    /// Whether this is one of the three offence groups, which order by seriousness (1 the most serious).
    pub fn is_offence_group(self) -> bool {
        matches!(
            self,
            MopiGroup::PublicProtection | MopiGroup::SeriousOffences | MopiGroup::OtherOffences
        )
    }
}

/// The review figures, read from the `mopi_group` list (never written in code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Periods {
    /// Group 1: years between reviews (`review_period_years` of value `1`).
    pub group1_review_years: u32,
    /// Group 1: the age the person is deemed to reach, after which the record is reviewed for disposal
    /// (`review_until_age` of value `1`).
    pub group1_until_age: u32,
    /// Group 2: the clear period in years (`clear_period_years` of value `2`).
    pub group2_clear_years: u32,
    /// Group 3: the clear period in years (`clear_period_years` of value `3`).
    pub group3_clear_years: u32,
}

impl Periods {
    /// Reads the figures from the values of the `mopi_group` list; `Err` names what is missing.
    pub fn from_values(values: &[ReferenceValue]) -> Result<Self, String> {
        let number = |code: &str, attr: &str| -> Result<u32, String> {
            values
                .iter()
                .find(|v| v.code == code)
                .and_then(|v| v.attributes.get(attr))
                .and_then(serde_json::Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("the mopi_group list has no {attr} for group {code}"))
        };
        Ok(Periods {
            group1_review_years: number("1", "review_period_years")?,
            group1_until_age: number("1", "review_until_age")?,
            group2_clear_years: number("2", "clear_period_years")?,
            group3_clear_years: number("3", "clear_period_years")?,
        })
    }
}

/// One rule that puts a record in an offence group, kept as a value of the `mopi_rule` list: it matches
/// when the record has one of the classifications, an offence of one of the Home Office offence groups,
/// or the person one of the warning markers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRule {
    /// The rule's code.
    pub code: String,
    /// The group it gives.
    pub group: MopiGroup,
    /// Home Office classification codes (`19C`).
    pub classifications: Vec<String>,
    /// Home Office offence groups (`Sexual offences`).
    pub offence_groups: Vec<String>,
    /// Warning markers of the person (`sex_offender`).
    pub markers: Vec<String>,
    /// Why, in words a reviewer reads.
    pub reason: String,
}

fn words(v: &ReferenceValue, attr: &str, sep: char) -> Vec<String> {
    v.attributes
        .get(attr)
        .and_then(serde_json::Value::as_str)
        .map(|s| {
            s.split(sep)
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

impl GroupRule {
    /// Reads a value of the `mopi_rule` list (`group`, `reason`, and space-separated `classifications`,
    /// `;`-separated `offence_groups`, space-separated `markers`); `None` if it names no offence group
    /// or matches nothing.
    pub fn from_value(v: &ReferenceValue) -> Option<Self> {
        let group = v
            .attributes
            .get("group")
            .and_then(serde_json::Value::as_str)
            .and_then(MopiGroup::parse)
            .filter(|g| g.is_offence_group())?;
        let rule = GroupRule {
            code: v.code.clone(),
            group,
            classifications: words(v, "classifications", ' '),
            offence_groups: words(v, "offence_groups", ';'),
            markers: words(v, "markers", ' '),
            reason: v
                .attributes
                .get("reason")
                .and_then(serde_json::Value::as_str)
                .unwrap_or(&v.label)
                .to_owned(),
        };
        (!(rule.classifications.is_empty() && rule.offence_groups.is_empty() && rule.markers.is_empty()))
            .then_some(rule)
    }

    fn matches(&self, facts: &Facts) -> bool {
        facts.offences.iter().any(|o| {
            self.classifications.contains(&o.classification) || self.offence_groups.contains(&o.offence_group)
        }) || facts.markers.iter().any(|m| self.markers.contains(m))
    }
}

/// An offence recorded on the record (or on the person's records, for a person).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffenceFact {
    /// Home Office classification code.
    pub classification: String,
    /// Its Home Office offence group.
    pub offence_group: String,
}

/// What kind of record is being grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// A crime, with whether an offender was brought to justice (`None` while it is open).
    Crime {
        /// Charged, summonsed or otherwise detected.
        detected: Option<bool>,
    },
    /// An intelligence report.
    Intelligence,
    /// Any other record: a person, an incident, a custody record, a case file.
    Other,
}

/// What the rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The kind of record.
    pub kept: Kept,
    /// The offences it concerns.
    pub offences: Vec<OffenceFact>,
    /// The warning markers of the person (or the people it concerns).
    pub markers: Vec<String>,
}

/// A group and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Derivation {
    /// The group.
    pub group: MopiGroup,
    /// The offence group whose figures apply (the same as `group` for the offence groups; for an
    /// undetected crime or intelligence, the seriousness of what it concerns).
    pub seriousness: MopiGroup,
    /// Why, naming the rule.
    pub reason: String,
}

/// The group the rules give a record: the most serious group of any rule that matches (group 3 when
/// none does); an undetected crime and an intelligence report are their own groups, keeping that
/// seriousness for their review.
pub fn derive_group(rules: &[GroupRule], facts: &Facts) -> Derivation {
    let matched = rules.iter().filter(|r| r.matches(facts)).min_by_key(|r| r.group);
    let (seriousness, why) = match matched {
        Some(r) => (r.group, format!("{} (rule {})", r.reason, r.code)),
        None => (
            MopiGroup::OtherOffences,
            "No rule for a more serious group matches: all other offences".to_owned(),
        ),
    };
    match facts.kept {
        Kept::Crime {
            detected: Some(false),
        } => Derivation {
            group: MopiGroup::Undetected,
            seriousness,
            reason: format!("Undetected crime, kept by its seriousness: {why}"),
        },
        Kept::Intelligence => Derivation {
            group: MopiGroup::Intelligence,
            seriousness,
            reason: format!("Intelligence, kept with what it concerns: {why}"),
        },
        _ => Derivation {
            group: seriousness,
            seriousness,
            reason: why,
        },
    }
}

/// Whether a crime's outcome brought an offender to justice: the Home Office outcome types 1 to 8
/// (charge or summons, cautions, offences taken into consideration, the offender's death, penalty
/// notices, cannabis and khat warnings, community resolutions), with their lettered variants (`1A`).
/// Any other outcome leaves the crime undetected. Source: Home Office Counting Rules for Recorded
/// Crime, the outcomes framework.
pub fn brought_to_justice(outcome: &str) -> bool {
    let digits: String = outcome.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<u32>().is_ok_and(|n| (1..=8).contains(&n))
}

/// Why a person came to notice (the clear period restarts only on the first three).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// They committed, or were convicted of, an offence.
    Offence,
    /// They were suspected of an offence (arrested, named as a suspect).
    SuspectedOffence,
    /// A risk of harm they pose was recorded.
    RiskOfHarm,
    /// Anything else (a witness, a victim, a report about them): does not restart the clear period.
    Other,
}

/// The start of the clear period: the last time the person came to notice as an offender, a suspect or
/// a risk of harm (`None` if never).
pub fn clear_period_start(notices: &[(NaiveDate, NoticeKind)]) -> Option<NaiveDate> {
    notices
        .iter()
        .filter(|(_, k)| *k != NoticeKind::Other)
        .map(|(d, _)| *d)
        .max()
}

/// `date` plus `years` (29 February becomes 28 February in a year that has none).
pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(years.saturating_mul(12)))
        .unwrap_or(NaiveDate::MAX)
}

/// Why a review falls when it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewReason {
    /// The periodic review of group 1.
    Periodic,
    /// The person is deemed to have reached the group 1 age.
    DeemedAge,
    /// The clear period of group 2 or 3 has run.
    ClearPeriod,
    /// The date a reviewer set when they last retained the record.
    NextReview,
}

/// When a record falls due for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReviewDue {
    /// The date it is due (due on and after this date).
    pub on: NaiveDate,
    /// Why then.
    pub reason: ReviewReason,
}

/// When a record of `seriousness` falls due for review. `since` is when the record was made or last
/// reviewed (a group 1 review comes every period after it); `clear_from` the start of the clear period
/// (see [`clear_period_start`]; the record's own date when the person never came to notice as an
/// offender); `born` the person's date of birth, if known.
pub fn review_due(
    periods: &Periods,
    seriousness: MopiGroup,
    since: NaiveDate,
    clear_from: NaiveDate,
    born: Option<NaiveDate>,
) -> ReviewDue {
    match seriousness {
        MopiGroup::PublicProtection => {
            let periodic = ReviewDue {
                on: add_years(since, periods.group1_review_years),
                reason: ReviewReason::Periodic,
            };
            match born.map(|b| add_years(b, periods.group1_until_age)) {
                Some(deemed) if deemed <= periodic.on => ReviewDue {
                    on: deemed.max(since),
                    reason: ReviewReason::DeemedAge,
                },
                _ => periodic,
            }
        }
        MopiGroup::SeriousOffences => ReviewDue {
            on: add_years(clear_from, periods.group2_clear_years),
            reason: ReviewReason::ClearPeriod,
        },
        _ => ReviewDue {
            on: add_years(clear_from, periods.group3_clear_years),
            reason: ReviewReason::ClearPeriod,
        },
    }
}

/// The longest interval, in years, a reviewer may set between a decision and the next review: the
/// review period of the group whose figures apply (group 1's periodic review, or the clear period of
/// group 2 or 3).
pub fn review_interval_years(periods: &Periods, seriousness: MopiGroup) -> u32 {
    match seriousness {
        MopiGroup::PublicProtection => periods.group1_review_years,
        MopiGroup::SeriousOffences => periods.group2_clear_years,
        _ => periods.group3_clear_years,
    }
}

/// Whether a review due `due` is due on `today`.
pub fn is_due(due: &ReviewDue, today: NaiveDate) -> bool {
    today >= due.on
}

/// The person's age in whole years on `on`.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    let years = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years - 1
    } else {
        years
    }
}

#[cfg(test)]
mod tests;
