//! The module's reference data: offences, outcome types, victim update rules and holidays, and the crime summaries the index shows.

use super::*;

/// The module's reference data (a few dozen rows, read per request).
#[derive(Debug, Clone, Default)]
pub struct InvestigationRef {
    /// Offences by code, retired ones included (records that use them still show their wording).
    pub offences: HashMap<String, Offence>,
    /// Offences retired by a later edition of the list: readable, not chosen for new records.
    pub retired_offences: HashSet<String>,
    /// Outcome types by code, retired ones included.
    pub outcomes: HashMap<String, OutcomeType>,
    /// Outcome types retired by a later edition of the list.
    pub retired_outcomes: HashSet<String>,
    /// DASH questions in force.
    pub dash_questions: Vec<DashQuestion>,
    /// Victims' Code deadline rules.
    pub rules: Vec<DeadlineRule>,
    /// Bank holidays.
    pub holidays: HashSet<NaiveDate>,
}

impl InvestigationRef {
    /// Reads it.
    pub fn load(conn: &mut AnyConnection) -> Result<Self, ApiError> {
        let mut retired_offences = HashSet::new();
        let offences = offences::table
            .select((
                offences::code,
                offences::label,
                offences::legislation,
                offences::classification,
                offences::mode_of_trial,
                offences::cps_referral,
                offences::active,
            ))
            .load::<(String, String, String, String, String, Option<String>, bool)>(conn)?
            .into_iter()
            .map(
                |(code, label, legislation, classification, mode, cps_referral, active)| {
                    if !active {
                        retired_offences.insert(code.clone());
                    }
                    let mode_of_trial = match mode.as_str() {
                        "summary" => ModeOfTrial::Summary,
                        "indictable" => ModeOfTrial::Indictable,
                        _ => ModeOfTrial::EitherWay,
                    };
                    (
                        code.clone(),
                        Offence {
                            code,
                            label,
                            legislation,
                            classification,
                            mode_of_trial,
                            cps_referral,
                        },
                    )
                },
            )
            .collect();
        let mut retired_outcomes = HashSet::new();
        let outcomes = outcome_types::table
            .order(outcome_types::sort_order)
            .select((
                outcome_types::code,
                outcome_types::label,
                outcome_types::requires_suspect,
                outcome_types::active,
            ))
            .load::<(String, String, bool, bool)>(conn)?
            .into_iter()
            .map(|(code, label, requires_suspect, active)| {
                if !active {
                    retired_outcomes.insert(code.clone());
                }
                (
                    code.clone(),
                    OutcomeType {
                        code,
                        label,
                        requires_suspect,
                    },
                )
            })
            .collect();
        let dash_questions = dash_questions::table
            .filter(dash_questions::active.eq(true))
            .order(dash_questions::number)
            .select((dash_questions::number, dash_questions::text))
            .load::<(i32, String)>(conn)?
            .into_iter()
            .map(|(n, text)| DashQuestion {
                number: n.max(0) as u32,
                text,
            })
            .collect();
        let rules = victim_update_rules::table
            .select((
                victim_update_rules::event,
                victim_update_rules::enhanced,
                victim_update_rules::working_days,
            ))
            .load::<(String, bool, i32)>(conn)?
            .into_iter()
            .filter_map(|(e, enhanced, d)| {
                Some(DeadlineRule {
                    event: UpdateEvent::parse(&e)?,
                    enhanced,
                    working_days: d.max(0) as u32,
                })
            })
            .collect();
        let holidays = bank_holidays::table
            .select(bank_holidays::day)
            .load::<NaiveDate>(conn)?
            .into_iter()
            .collect();
        Ok(Self {
            offences,
            retired_offences,
            outcomes,
            retired_outcomes,
            dash_questions,
            rules,
            holidays,
        })
    }

    /// Whether an outcome type needs an identified suspect (`None`: no such outcome type in force).
    pub fn requires_suspect(&self, code: &str) -> Option<bool> {
        if self.retired_outcomes.contains(code) {
            return None;
        }
        self.outcomes.get(code).map(|o| o.requires_suspect)
    }

    /// An offence that may be chosen for a new record (`None`: unknown or retired).
    pub fn offence_in_force(&self, code: &str) -> Option<&Offence> {
        self.offences
            .get(code)
            .filter(|_| !self.retired_offences.contains(code))
    }

    /// The deadline for telling a victim of `event` on `on`, at the end of that working day (UTC).
    pub fn deadline(&self, event: UpdateEvent, enhanced: bool, on: NaiveDate) -> Option<NaiveDateTime> {
        let is_holiday = |d: NaiveDate| self.holidays.contains(&d);
        bluelamp_shared::investigation::victims::update_deadline(
            &self.rules,
            event,
            enhanced,
            on,
            &is_holiday,
        )
        .and_then(|d| d.and_hms_opt(23, 59, 0))
    }
}

/// Offences, outcome types and DASH questions.
pub type ReferenceLists = (Vec<Offence>, Vec<OutcomeType>, Vec<DashQuestion>);

/// The reference data of the module, for forms.
pub fn reference_lists(conn: &mut AnyConnection) -> Result<ReferenceLists, ApiError> {
    let ir = InvestigationRef::load(conn)?;
    let retired = ir.retired_offences;
    let mut offences: Vec<Offence> = ir
        .offences
        .into_values()
        .filter(|o| !retired.contains(&o.code))
        .collect();
    offences.sort_by(|a, b| a.label.cmp(&b.label));
    let order: Vec<String> = outcome_types::table
        .filter(outcome_types::active.eq(true))
        .order(outcome_types::sort_order)
        .select(outcome_types::code)
        .load(conn)?;
    let mut outcomes = Vec::new();
    for code in order {
        if let Some(o) = ir.outcomes.get(&code) {
            outcomes.push(o.clone());
        }
    }
    Ok((offences, outcomes, ir.dash_questions))
}

/// The summary of crimes for the shared index (search results, links on person pages).
pub fn summaries(
    conn: &mut AnyConnection,
    ids: &[String],
) -> Result<Vec<(CrimeRow, Option<String>)>, ApiError> {
    let rows: Vec<CrimeRow> = crimes::table
        .filter(crimes::id.eq_any(ids))
        .select(CrimeRow::as_select())
        .load(conn)?;
    let ir = InvestigationRef::load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let label = r
                .offence
                .as_deref()
                .and_then(|o| ir.offences.get(o))
                .map(|o| o.label.clone());
            (r, label)
        })
        .collect())
}
