//! The crime record: its details and their checks, the page's DTO, queues, the log, reclassification and cancellation.

use super::*;

/// Shortest modus operandi accepted, in characters (shorter texts say nothing an analyst can use).
pub const MIN_MO_CHARS: usize = 20;

/// Shortest rationale accepted for not recording a crime or for a cancellation, in characters.
pub const MIN_RATIONALE_CHARS: usize = 20;

/// Longest entry in a crime's investigation plan or log, in characters (surrounding spaces not
/// counted).
pub const MAX_LOG_CHARS: usize = 10_000;

/// Vocabularies of the Investigation module (reference data).
pub mod vocab {
    /// How an incident reached the force (999, 101, front counter, officer-generated, online).
    pub const INCIDENT_CHANNEL: &str = "incident_channel";
    /// National Standard for Incident Recording opening categories.
    pub const INCIDENT_OPENING: &str = "incident_opening";
    /// Incident qualifiers (domestic, alcohol, mental health...).
    pub const INCIDENT_QUALIFIER: &str = "incident_qualifier";
    /// Closing categories.
    pub const INCIDENT_CLOSING: &str = "incident_closing";
    /// Home Office crime classifications (class/subclass).
    pub const HO_CLASSIFICATION: &str = "ho_classification";
    /// Hate-crime strands.
    pub const HATE_STRAND: &str = "hate_strand";
    /// Investigation units (allocation queues).
    pub const UNIT: &str = "investigation_unit";
}

/// The details of a crime an officer writes (everything else is attached or derived).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CrimeInput {
    /// The incident it was recorded from.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub incident_id: Option<Uuid>,
    /// Home Office classification: code of `ho_classification` (e.g. `46` shoplifting).
    #[serde(default)]
    pub classification: Option<String>,
    /// Offence code (from the offences reference table).
    #[serde(default)]
    pub offence: Option<String>,
    /// Earliest time the offence may have happened.
    #[serde(default)]
    pub offence_from: Option<DateTime<Utc>>,
    /// Latest time (equal to `offence_from` when known exactly).
    #[serde(default)]
    pub offence_to: Option<DateTime<Utc>>,
    /// Where it happened (a location of the shared index).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub location_id: Option<Uuid>,
    /// Modus operandi: how it was done, at least 20 characters to record.
    #[serde(default)]
    pub modus_operandi: String,
    /// Hate-crime strands (codes of `hate_strand`).
    #[serde(default)]
    pub hate_strands: Vec<String>,
    /// Domestic abuse.
    #[serde(default)]
    pub domestic_abuse: bool,
    /// When the report was received (taken from the incident when there is one; defaults to now).
    #[serde(default)]
    pub reported_at: Option<DateTime<Utc>>,
    /// Need-to-know restriction.
    #[serde(default)]
    pub restriction: Restriction,
}

/// Rules on crime details that hold in every state (a draft may be incomplete but never wrong).
pub fn check_crime(c: &CrimeInput, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    let soon = now + Duration::minutes(5);
    if c.offence_from.is_some_and(|f| f > soon) {
        e.push(FieldError::new(
            "offence_from",
            "future",
            "The offence cannot have happened in the future",
        ));
    }
    if c.offence_to.is_some_and(|t| t > soon) {
        e.push(FieldError::new(
            "offence_to",
            "future",
            "The offence cannot have happened in the future",
        ));
    }
    if let (Some(f), Some(t)) = (c.offence_from, c.offence_to) {
        if t < f {
            e.push(FieldError::new(
                "offence_to",
                "before_from",
                "The latest time must not be before the earliest",
            ));
        }
    }
    if c.reported_at.is_some_and(|r| r > soon) {
        e.push(FieldError::new(
            "reported_at",
            "future",
            "The report time cannot be in the future",
        ));
    }
    check_mo_length(&mut e, &c.modus_operandi);
    let mut seen = std::collections::HashSet::new();
    for (i, s) in c.hate_strands.iter().enumerate() {
        if !seen.insert(s) {
            e.push(FieldError::new(
                format!("hate_strands.{i}"),
                "duplicate",
                "Listed twice",
            ));
        }
    }
    e
}

/// The longest modus operandi any path accepts, in characters.
pub const MAX_MO_CHARS: usize = 10_000;

/// The one length rule for a modus operandi, on every path that writes one (a crime, a retail theft).
pub fn check_mo_length(e: &mut Vec<FieldError>, text: &str) {
    if text.chars().count() > MAX_MO_CHARS {
        e.push(FieldError::new(
            "modus_operandi",
            "length",
            "At most 10,000 characters",
        ));
    }
}

/// A reclassification.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReclassifyRequest {
    /// New Home Office classification.
    #[serde(default)]
    pub classification: String,
    /// New offence code.
    #[serde(default)]
    pub offence: String,
    /// Why (the new information).
    #[serde(default)]
    pub reason: String,
}

/// One classification a crime has had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ClassificationDto {
    /// Classification code.
    pub classification: String,
    /// Offence code.
    pub offence: String,
    /// Why it changed (empty for the first).
    pub reason: String,
    /// Who.
    pub by: UserRef,
    /// When.
    pub at: DateTime<Utc>,
}

/// Asking to cancel a recorded crime.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CancellationRequest {
    /// Why it should be cancelled (e.g. the crime did not happen, it was recorded twice).
    #[serde(default)]
    pub reason: String,
    /// The additional verifiable information that shows it (HOCR section C).
    #[serde(default)]
    pub additional_information: String,
}

/// Checks a cancellation request.
pub fn check_cancellation(c: &CancellationRequest) -> Vec<FieldError> {
    let mut e = Vec::new();
    if c.reason.trim().is_empty() {
        e.push(FieldError::new(
            "reason",
            "required",
            "Say why the crime should be cancelled",
        ));
    }
    if c.additional_information.trim().chars().count() < MIN_RATIONALE_CHARS {
        e.push(FieldError::new(
            "additional_information",
            "too_short",
            format!("Give the additional verifiable information (at least {MIN_RATIONALE_CHARS} characters)"),
        ));
    }
    e
}

/// The registrar's decision on a cancellation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CancellationDecision {
    /// Approve (the crime is cancelled) or refuse.
    pub approve: bool,
    /// Comment (required when refusing).
    #[serde(default)]
    pub comment: String,
}

/// A cancellation request and its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CancellationDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The crime.
    #[schema(value_type = String, format = Uuid)]
    pub crime_id: Uuid,
    /// The request.
    pub request: CancellationRequest,
    /// Who asked.
    pub requested_by: UserRef,
    /// When.
    pub requested_at: DateTime<Utc>,
    /// Approved (`true`), refused (`false`) or pending.
    pub approved: Option<bool>,
    /// The registrar's comment.
    pub comment: Option<String>,
    /// Who decided.
    pub decided_by: Option<UserRef>,
    /// When.
    pub decided_at: Option<DateTime<Utc>>,
}

/// An investigation plan or log entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LogKind {
    /// The investigation plan (lines of enquiry).
    Plan,
    /// The investigation log (what was done).
    Log,
}

/// Adding to the plan or log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AddLogEntry {
    /// Plan or log.
    pub kind: LogKind,
    /// The entry.
    #[serde(default)]
    pub text: String,
}

/// A plan or log entry (append-only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LogEntryDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Plan or log.
    pub kind: LogKind,
    /// The entry.
    pub text: String,
    /// Who.
    pub by: UserRef,
    /// When.
    pub at: DateTime<Utc>,
}

/// A crime with everything attached that the caller may see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CrimeDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Crime reference number, issued when recorded (unique per force and year, never reused).
    pub crn: Option<String>,
    /// Workflow state.
    pub state: CrimeState,
    /// The details.
    pub crime: CrimeInput,
    /// Classification label.
    pub classification_label: Option<String>,
    /// Offence label.
    pub offence_label: Option<String>,
    /// The place, described.
    pub location: Option<RecordSummary>,
    /// The 24-hour recording clock.
    pub clock: RecordingClock,
    /// Officer in charge.
    pub officer_in_charge: Option<UserRef>,
    /// The team or unit it is allocated to: the code of one of the force's teams or units (such as
    /// `NS-CID`) or of an `investigation_unit` queue.
    pub unit: Option<String>,
    /// The unit's name (the team's or unit's name, or the queue's label).
    pub unit_label: Option<String>,
    /// Outcome proposed on submission for review.
    pub proposed_outcome: Option<String>,
    /// Outcome type (code of the outcome types), once finalised.
    pub outcome: Option<String>,
    /// When it was finalised.
    pub finalised_at: Option<DateTime<Utc>>,
    /// The last return from review, if it was returned and not resubmitted.
    pub returned_comments: Option<String>,
    /// Victims, witnesses, suspects, offenders, the person reporting.
    pub parties: Vec<PartyDto>,
    /// Stolen or damaged property, vehicles.
    pub property: Vec<PropertyDto>,
    /// Exhibits with continuity.
    pub exhibits: Vec<ExhibitDto>,
    /// Victim care under the Victims' Code.
    pub victims: Vec<VictimDto>,
    /// Tasks (actions).
    pub tasks: Vec<crate::investigation::tasks::TaskDto>,
    /// Plan and log, oldest first.
    pub log: Vec<LogEntryDto>,
    /// Classification history, oldest first.
    pub classifications: Vec<ClassificationDto>,
    /// Cancellation requests.
    pub cancellations: Vec<CancellationDto>,
    /// Witness statements (MG11) and victim personal statements, oldest first.
    #[serde(default)]
    pub statements: Vec<crate::case::StatementDto>,
    /// The unused-material register (it becomes the MG6C and MG6D schedules).
    #[serde(default)]
    pub unused_material: Vec<crate::case::UnusedMaterialDto>,
    /// Case files built on the crime (the caller's force's, when it may see them).
    #[serde(default)]
    pub case_files: Vec<crate::case::CaseFileSummary>,
    /// The moves the caller may make now.
    pub actions: Vec<CrimeAction>,
    /// Ownership and version (`ETag`).
    pub meta: RecordMeta,
}

/// Starting a crime: as a draft, or recorded at once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CreateCrimeRequest {
    /// The details.
    #[serde(default)]
    pub crime: CrimeInput,
}

/// One line of a crime queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CrimeSummary {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Crime reference number.
    pub crn: Option<String>,
    /// State.
    pub state: CrimeState,
    /// Offence label.
    pub offence_label: Option<String>,
    /// Officer in charge.
    pub officer_in_charge: Option<UserRef>,
    /// The team, unit or queue it is allocated to (its code).
    pub unit: Option<String>,
    /// The unit's name (the team's or unit's name, or the queue's label).
    pub unit_label: Option<String>,
    /// Recording clock.
    pub clock: RecordingClock,
    /// Owning force.
    pub force: crate::ids::ForceCode,
    /// Proposed outcome (for the review queue).
    pub proposed_outcome: Option<String>,
    /// When it entered its current state.
    pub state_since: DateTime<Utc>,
}

/// Filters of the crime queue (`GET /crimes`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CrimeQuery {
    /// Only crimes in this state (e.g. `awaiting_review` for the review queue).
    #[serde(default)]
    pub state: Option<CrimeState>,
    /// Only crimes allocated to this unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Only crimes whose officer in charge is the caller.
    #[serde(default)]
    pub mine: Option<bool>,
    /// Opaque cursor from the previous page's `next_cursor`; omit for the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// How many crimes to return (1 to 100, default 50).
    #[serde(default)]
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

impl CrimeQuery {
    /// The paging part of the query.
    pub fn page(&self) -> crate::paging::PageQuery {
        crate::paging::PageQuery {
            cursor: self.cursor.clone(),
            limit: self.limit,
        }
    }
}
