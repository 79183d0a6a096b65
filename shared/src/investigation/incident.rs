//! Incidents and the recording decision (NCRS): the 24-hour clock, the incident's fields and checks.

use super::*;

/// National Crime Recording Standard: a crime is recorded (or a rationale for not recording it is
/// written) within this many hours of the report.
pub const NCRS_DECISION_HOURS: i64 = 24;

/// When a crime-recording decision is due, and whether it was (or is) late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RecordingClock {
    /// When the report was received: the clock starts here.
    pub reported_at: DateTime<Utc>,
    /// When the decision is due (24 hours after the report).
    pub due_at: DateTime<Utc>,
    /// When the decision (record, or not record with a rationale) was made.
    pub decided_at: Option<DateTime<Utc>>,
    /// Not decided and past due now.
    pub overdue: bool,
    /// Decided after the due time.
    pub late: bool,
}

impl RecordingClock {
    /// The clock for a report received at `reported_at`, decided at `decided_at`, seen at `now`.
    pub fn new(reported_at: DateTime<Utc>, decided_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        let due_at = reported_at + Duration::hours(NCRS_DECISION_HOURS);
        Self {
            reported_at,
            due_at,
            decided_at,
            overdue: decided_at.is_none() && now > due_at,
            late: decided_at.is_some_and(|d| d > due_at),
        }
    }
}

/// An incident (occurrence) as opened or edited.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IncidentInput {
    /// How it was reported: code of `incident_channel` (e.g. `call_999`, `online`).
    #[serde(default)]
    pub channel: String,
    /// Opening category: code of `incident_opening` (e.g. `crime_property`).
    #[serde(default)]
    pub opening_category: String,
    /// Qualifiers: codes of `incident_qualifier`.
    #[serde(default)]
    pub qualifiers: Vec<String>,
    /// What was reported, in the reporter's terms.
    #[serde(default)]
    pub summary: String,
    /// When the report was received (the 24-hour recording clock starts here). Defaults to now.
    #[serde(default)]
    pub reported_at: Option<DateTime<Utc>>,
    /// Where it happened (a location of the shared index).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub location_id: Option<Uuid>,
}

/// Longest incident summary, in characters (surrounding spaces not counted).
pub const MAX_SUMMARY_CHARS: usize = 10_000;

/// Every rule on an incident that needs no database.
pub fn check_incident(i: &IncidentInput, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    if i.channel.trim().is_empty() {
        e.push(FieldError::new(
            "channel",
            "required",
            "Choose how the incident was reported",
        ));
    }
    if i.opening_category.trim().is_empty() {
        e.push(FieldError::new(
            "opening_category",
            "required",
            "Choose the opening category",
        ));
    }
    let n = i.summary.trim().chars().count();
    if n == 0 {
        e.push(FieldError::new("summary", "required", "Say what was reported"));
    } else if n > MAX_SUMMARY_CHARS {
        e.push(FieldError::new(
            "summary",
            "length",
            "The summary may be at most 10,000 characters",
        ));
    }
    if i.reported_at.is_some_and(|r| r > now + Duration::minutes(5)) {
        e.push(FieldError::new(
            "reported_at",
            "future",
            "The report time cannot be in the future",
        ));
    }
    e
}

/// The NCRS decision on an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NcrsDecision {
    /// A crime was recorded.
    CrimeRecorded,
    /// No crime: the rationale is recorded.
    NoCrime,
}

/// An incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IncidentDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Reference, unique per force and year, e.g. `NS-INC-2026-000012`.
    pub reference: String,
    /// What was opened.
    pub incident: IncidentInput,
    /// Closing category (code of `incident_closing`), once closed.
    pub closing_category: Option<String>,
    /// The recording decision, once made.
    pub decision: Option<NcrsDecision>,
    /// Why no crime was recorded.
    pub no_crime_rationale: Option<String>,
    /// The crime recorded from it.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub crime_id: Option<Uuid>,
    /// The 24-hour recording clock.
    pub clock: RecordingClock,
    /// The place, described.
    pub location: Option<RecordSummary>,
    /// Ownership and version.
    pub meta: RecordMeta,
}

/// Not recording a crime for an incident: the rationale NCRS requires.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NoCrimeRequest {
    /// Why the circumstances do not amount to a crime, or the credible evidence to the contrary.
    #[serde(default)]
    pub rationale: String,
}

/// Closing an incident.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CloseIncidentRequest {
    /// Code of `incident_closing`.
    #[serde(default)]
    pub closing_category: String,
}
