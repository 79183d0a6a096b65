//! The custody record as the page shows it: state, entries, medication, rights, care and decisions.

use super::*;

/// Whether the record is open (the detainee is in police detention) or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CustodyState {
    /// The detainee is in custody.
    Open,
    /// Released (or detention refused); read-only but annotatable.
    Closed,
}

/// A user as shown on a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Actor {
    /// User id.
    pub id: Uuid,
    /// Name and collar number.
    pub name: String,
}

/// An entry as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EntryView {
    /// Id (an arrival or a dose refers to it).
    pub id: Uuid,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it.
    pub recorded_by: Actor,
    /// One line for the log.
    pub summary: String,
    /// The entry as recorded.
    pub entry: CustodyEntry,
}

/// A medicine with its doses and the next one due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MedicationView {
    /// The prescription entry's id (doses name it).
    pub id: Uuid,
    /// The prescription.
    pub prescription: Prescription,
    /// The next dose due (in the past: overdue).
    pub next_due: Option<DateTime<Utc>>,
    /// Doses given, refused or missed, newest first.
    pub doses: Vec<EntryView>,
}

/// Where each right stands (its latest step).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RightView {
    /// The right.
    pub right: Right,
    /// Its latest status (none: not yet offered).
    pub status: Option<RightStatus>,
    /// When.
    pub at: Option<DateTime<Utc>>,
}

/// A solicitor, appropriate adult or interpreter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RepresentativeView {
    /// The entry that called them.
    pub id: Uuid,
    /// Who.
    pub role: RepresentativeRole,
    /// Name.
    pub name: String,
    /// Called.
    pub called_at: Option<DateTime<Utc>>,
    /// Arrived (none: still awaited).
    pub arrived_at: Option<DateTime<Utc>>,
}

/// The care of the detainee now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CareView {
    /// When the latest risk assessment was done (none: still due).
    pub risk_assessed_at: Option<DateTime<Utc>>,
    /// The observation level (1 until assessed).
    pub observation_level: u8,
    /// Roused at each visit.
    pub rousing: bool,
    /// Risk markers from the assessment and the person's warning markers.
    pub risk_markers: Vec<String>,
    /// The last visit.
    pub last_visit: Option<DateTime<Utc>>,
    /// The next visit due (none: continuous observation, or released).
    pub next_visit_due: Option<DateTime<Utc>>,
}

/// The custody officer's decision on booking in, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DecisionView {
    /// Authorised or refused.
    pub decision: DetentionDecision,
    /// When.
    pub at: DateTime<Utc>,
    /// The custody officer.
    pub by: Actor,
    /// The reason.
    pub reason: String,
}

/// The disposal, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DisposalView {
    /// The outcome (none: detention was refused).
    pub outcome: Option<DisposalOutcome>,
    /// Release time.
    pub at: DateTime<Utc>,
    /// Who authorised the release.
    pub by: Actor,
    /// Bail date.
    pub bail_date: Option<NaiveDate>,
    /// Notes.
    pub notes: String,
}

/// A custody record as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CustodyRecordDto {
    /// Id.
    pub id: Uuid,
    /// The custody number (`NS-CUS-2026-000001`).
    pub number: String,
    /// Open or closed.
    pub state: CustodyState,
    /// The suite.
    pub suite: CustodySuite,
    /// The cell.
    pub cell: Option<String>,
    /// The detainee (with warning markers).
    pub detainee: crate::records::RecordSummary,
    /// The crime the arrest relates to: id and crime number.
    pub crime: Option<crate::records::RecordSummary>,
    /// The arrest.
    pub arrest: ArrestDetails,
    /// Offence labels (for display).
    pub offence_labels: Vec<String>,
    /// Whether an offence is indictable (extensions and warrants need one).
    pub indictable: bool,
    /// Arrest Summons Number.
    pub asn: String,
    /// The relevant time.
    pub relevant_time: DateTime<Utc>,
    /// The decision on booking in.
    pub decision: DecisionView,
    /// Self-defined ethnicity code.
    pub self_defined_ethnicity: String,
    /// Officer-defined ethnicity code.
    pub officer_defined_ethnicity: String,
    /// Nationality.
    pub nationality: String,
    /// The PACE clocks (computed at `server_time`).
    pub clocks: Clocks,
    /// Care now.
    pub care: CareView,
    /// Medication.
    pub medication: Vec<MedicationView>,
    /// Rights.
    pub rights: Vec<RightView>,
    /// Solicitor, appropriate adult, interpreter.
    pub representatives: Vec<RepresentativeView>,
    /// When charged.
    pub charged_at: Option<DateTime<Utc>>,
    /// The disposal (closed records).
    pub disposal: Option<DisposalView>,
    /// Every entry, newest first.
    pub entries: Vec<EntryView>,
    /// The server's time when this was computed (count down from here).
    pub server_time: DateTime<Utc>,
    /// Owning force, version (the `ETag`), created and updated.
    pub meta: RecordMeta,
}
