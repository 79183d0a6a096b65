//! Custody records (PACE 1984 and Code C): booking in, the entries of the record (rights, care,
//! visits, medication, reviews, extensions, disposal), the record as read, and the custody-suite
//! board. The clocks themselves are in [`crate::custody_clocks`]; the checks here are the ones the
//! browser and the server both run on a form before it is sent.

use crate::custody_clocks::Clocks;
use crate::error::FieldError;
use crate::records::RecordMeta;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// How far ahead of the server's clock a recorded time may be (clocks on laptops drift).
pub const CLOCK_TOLERANCE_MINUTES: i64 = 5;

/// The self-defined ethnicity codes (the 2021 census 18+1 categories used in custody), with labels.
pub const SELF_DEFINED_ETHNICITIES: &[(&str, &str)] = &[
    ("A1", "Asian or Asian British: Indian"),
    ("A2", "Asian or Asian British: Pakistani"),
    ("A3", "Asian or Asian British: Bangladeshi"),
    ("A4", "Asian or Asian British: Chinese"),
    ("A5", "Asian or Asian British: any other Asian background"),
    ("B1", "Black or Black British: Caribbean"),
    ("B2", "Black or Black British: African"),
    ("B3", "Black or Black British: any other Black background"),
    ("M1", "Mixed: White and Black Caribbean"),
    ("M2", "Mixed: White and Black African"),
    ("M3", "Mixed: White and Asian"),
    ("M4", "Mixed: any other mixed background"),
    ("W1", "White: English, Welsh, Scottish, Northern Irish or British"),
    ("W2", "White: Irish"),
    ("W3", "White: Gypsy or Irish Traveller"),
    ("W4", "White: Roma"),
    ("W9", "White: any other White background"),
    ("O1", "Other ethnic group: Arab"),
    ("O9", "Other ethnic group: any other"),
    ("NS", "Not stated"),
];

/// The officer-defined ethnicity codes, with labels.
pub const OFFICER_DEFINED_ETHNICITIES: &[(&str, &str)] = &[
    ("W", "White"),
    ("B", "Black"),
    ("A", "Asian"),
    ("M", "Mixed"),
    ("O", "Other"),
];

/// A custody suite (reference data: a force lists its suites and cells).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CustodySuite {
    /// Id.
    pub id: Uuid,
    /// The force that runs it.
    pub force_code: String,
    /// Short code (`NS-CEN`).
    pub code: String,
    /// Name users see.
    pub name: String,
    /// Its cells, in the order staff walk them.
    pub cells: Vec<String>,
}

/// A risk-assessment question asked on booking in (reference data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RiskQuestion {
    /// Stable code (answers are keyed by it).
    pub code: String,
    /// The question as asked.
    pub text: String,
    /// A "yes" calls for at least this observation level (1–4).
    pub level_if_yes: u8,
    /// A "yes" means the detainee must be roused at each visit.
    pub rousing_if_yes: bool,
    /// The risk marker a "yes" shows on the board (none: no marker).
    pub marker_if_yes: Option<String>,
}

/// The custody officer's decision on booking in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DetentionDecision {
    /// Detention authorised (s.37).
    Authorised,
    /// Detention refused: the person is released.
    Refused,
}

/// The arrest, as the arresting officer gives it at the desk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ArrestDetails {
    /// When the person was arrested.
    pub at: Option<DateTime<Utc>>,
    /// Where.
    #[serde(default)]
    pub place: String,
    /// The arresting officer (name and collar number).
    #[serde(default)]
    pub officer: String,
    /// Offence codes (reference data) for which the person is under arrest.
    #[serde(default)]
    pub offences: Vec<String>,
    /// The grounds for suspicion.
    #[serde(default)]
    pub grounds: String,
    /// Why arrest was necessary (Code G).
    #[serde(default)]
    pub necessity: String,
}

/// A medicine the detainee is to be given, as instructed by the prescriber.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Prescription {
    /// The medicine.
    #[serde(default)]
    pub medicine: String,
    /// The dose (`10 mg`, `2 puffs`).
    #[serde(default)]
    pub dose: String,
    /// Times of day to give it, in UK local time (`08:00`); leave empty for an interval.
    #[serde(default)]
    pub times: Vec<NaiveTime>,
    /// Or: minutes between doses.
    pub every_minutes: Option<i64>,
    /// With an interval: when the first dose is due (default: when recorded).
    pub first_at: Option<DateTime<Utc>>,
    /// Who prescribed or instructed it (GP, healthcare professional).
    #[serde(default)]
    pub prescriber: String,
}

/// Booking a detainee in: opening the custody record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BookInRequest {
    /// The detainee (a person in the shared index).
    pub person_id: Option<Uuid>,
    /// The crime the arrest relates to, if recorded.
    pub crime_id: Option<Uuid>,
    /// The custody suite.
    pub suite_id: Option<Uuid>,
    /// The cell (one of the suite's).
    pub cell: Option<String>,
    /// The arrest.
    #[serde(default)]
    pub arrest: ArrestDetails,
    /// Arrest Summons Number (`26/01NS/01/000123A`).
    #[serde(default)]
    pub asn: String,
    /// Arrival at the station: the relevant time, when the detention clock starts.
    pub arrived_at: Option<DateTime<Utc>>,
    /// The custody officer's decision.
    pub decision: Option<DetentionDecision>,
    /// When it was made (default: now).
    pub decided_at: Option<DateTime<Utc>>,
    /// The reason for the decision (the grounds for detention, or why it is refused).
    #[serde(default)]
    pub decision_reason: String,
    /// Self-defined ethnicity code.
    pub self_defined_ethnicity: Option<String>,
    /// Officer-defined ethnicity code.
    pub officer_defined_ethnicity: Option<String>,
    /// Nationality.
    #[serde(default)]
    pub nationality: String,
    /// The booking-in risk assessment, if done at the desk (otherwise it is due at once).
    pub risk: Option<RiskAssessmentEntry>,
    /// Medication confirmed at booking in (the record's earlier medication is offered).
    #[serde(default)]
    pub medication: Vec<Prescription>,
}

/// The rights of a detainee (Code C §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Right {
    /// To have someone informed of the arrest (s.56).
    SomeoneInformed,
    /// To free and independent legal advice (s.58).
    LegalAdvice,
    /// To consult the Codes of Practice.
    ConsultCodes,
}

impl Right {
    /// Every right, in the order they are read.
    pub const ALL: [Right; 3] = [Right::SomeoneInformed, Right::LegalAdvice, Right::ConsultCodes];

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            Right::SomeoneInformed => "Someone informed",
            Right::LegalAdvice => "Legal advice",
            Right::ConsultCodes => "Consult the Codes",
        }
    }
}

/// Where a right stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RightStatus {
    /// Offered to the detainee.
    Offered,
    /// The detainee asked for it.
    Requested,
    /// The detainee declined it.
    Declined,
    /// Delayed on a superintendent's authority (s.56(2), s.58(6)).
    Delayed,
    /// Given (the person informed, the advice had).
    Given,
}

/// One step of a right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RightsEntry {
    /// Which right.
    pub right: Right,
    /// What happened.
    pub status: RightStatus,
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// For a delay: the superintendent who authorised it (a user of the force).
    pub authorised_by: Option<Uuid>,
    /// For a delay: the reason (it is shown to the detainee and reviewed).
    #[serde(default)]
    pub reason: String,
}

/// Who was called for the detainee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RepresentativeRole {
    /// A solicitor (or accredited representative).
    Solicitor,
    /// An appropriate adult (juveniles and vulnerable adults).
    AppropriateAdult,
    /// An interpreter.
    Interpreter,
}

impl RepresentativeRole {
    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            RepresentativeRole::Solicitor => "Solicitor",
            RepresentativeRole::AppropriateAdult => "Appropriate adult",
            RepresentativeRole::Interpreter => "Interpreter",
        }
    }
}

/// A solicitor, appropriate adult or interpreter called; `arrived_at` may be given then or later
/// (a later entry with `of` naming this one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RepresentativeEntry {
    /// Who.
    pub role: RepresentativeRole,
    /// Their name (and firm or agency).
    #[serde(default)]
    pub name: String,
    /// When they were called.
    pub called_at: Option<DateTime<Utc>>,
    /// When they arrived.
    pub arrived_at: Option<DateTime<Utc>>,
    /// Recording the arrival of one called earlier: that entry's id.
    pub of: Option<Uuid>,
}

/// One answer of a risk assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RiskAnswer {
    /// The question's code.
    pub question: String,
    /// The answer.
    pub yes: bool,
}

/// A risk assessment (on booking in, or a reassessment at any time).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RiskAssessmentEntry {
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// An answer to every question in force.
    #[serde(default)]
    pub answers: Vec<RiskAnswer>,
    /// The observation level set (1 general, 2 intermittent, 3 constant, 4 close proximity); at least
    /// what the answers call for.
    pub observation_level: Option<u8>,
    /// Whether the detainee must be roused at each visit (required when an answer calls for it).
    #[serde(default)]
    pub rousing: bool,
    /// Notes (what was seen, what the detainee said).
    #[serde(default)]
    pub notes: String,
}

/// What a visit checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// Seen through the hatch or on camera.
    Observation,
    /// Spoken to and answered.
    Verbal,
    /// Physically checked.
    Physical,
    /// Roused and responded.
    Rousing,
}

impl VisitKind {
    /// Every kind.
    pub const ALL: [VisitKind; 4] = [
        VisitKind::Observation,
        VisitKind::Verbal,
        VisitKind::Physical,
        VisitKind::Rousing,
    ];

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            VisitKind::Observation => "Observation",
            VisitKind::Verbal => "Verbal",
            VisitKind::Physical => "Physical",
            VisitKind::Rousing => "Rousing",
        }
    }
}

/// A visit to the cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VisitEntry {
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// What was checked.
    pub check: VisitKind,
    /// The detainee's response (`Awake, answered, asked for water`).
    #[serde(default)]
    pub response: String,
}

/// What happened at a dose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DoseOutcome {
    /// Given.
    Given,
    /// Offered and refused.
    Refused,
    /// Not given (say why).
    Missed,
}

impl DoseOutcome {
    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            DoseOutcome::Given => "Given",
            DoseOutcome::Refused => "Refused",
            DoseOutcome::Missed => "Missed",
        }
    }
}

/// A dose of a prescribed medicine: given, refused or missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DoseEntry {
    /// The prescription entry's id.
    pub prescription: Uuid,
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// What happened.
    pub outcome: DoseOutcome,
    /// Notes (required for a missed dose: why).
    #[serde(default)]
    pub notes: String,
}

/// A healthcare professional's contact with the detainee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HealthcareEntry {
    /// Who (name, role).
    #[serde(default)]
    pub professional: String,
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// What was found and advised (fit to detain, fit to interview...).
    #[serde(default)]
    pub notes: String,
}

/// An item of property.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PropertyItem {
    /// What it is.
    #[serde(default)]
    pub description: String,
    /// Kept by the police (otherwise returned to the detainee in the cell).
    #[serde(default)]
    pub retained: bool,
}

/// Property taken from the detainee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PropertyEntry {
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// The items.
    #[serde(default)]
    pub items: Vec<PropertyItem>,
}

/// An interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct InterviewEntry {
    /// Started.
    pub started_at: Option<DateTime<Utc>>,
    /// Ended (may be recorded later with `of`).
    pub ended_at: Option<DateTime<Utc>>,
    /// The interviewing officers.
    #[serde(default)]
    pub by: String,
    /// Recording the end of one started earlier: that entry's id.
    pub of: Option<Uuid>,
}

/// A note in the events log, or a move of cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NoteEntry {
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// What happened.
    #[serde(default)]
    pub text: String,
    /// A move to this cell.
    pub cell: Option<String>,
}

/// What a review decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    /// Continued detention authorised.
    Continue,
    /// Detention no longer justified: release.
    Release,
}

/// A PACE review of detention (s.40).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReviewEntry {
    /// When it was carried out.
    pub at: Option<DateTime<Utc>>,
    /// Carried out after its latest time because it was postponed (s.40(4)).
    #[serde(default)]
    pub postponed: bool,
    /// Why it was postponed (required when postponed).
    #[serde(default)]
    pub postponement_reason: String,
    /// Representations by the detainee or their solicitor.
    #[serde(default)]
    pub representations: String,
    /// The decision.
    pub decision: ReviewDecision,
    /// The grounds for it.
    #[serde(default)]
    pub grounds: String,
    /// Carried out by telephone or video (s.40A, s.45A).
    #[serde(default)]
    pub remote: bool,
}

/// A superintendent's extension of detention to up to 36 hours (s.42).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ExtensionEntry {
    /// When it was authorised.
    pub at: Option<DateTime<Utc>>,
    /// When the extended period ends.
    pub until: Option<DateTime<Utc>>,
    /// The grounds (s.42(1)(a)–(c)).
    #[serde(default)]
    pub grounds: String,
}

/// A warrant of further detention, or its extension (ss.43–44).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WarrantEntry {
    /// When the court issued it.
    pub at: Option<DateTime<Utc>>,
    /// When the period it authorises ends.
    pub until: Option<DateTime<Utc>>,
    /// The court.
    #[serde(default)]
    pub court: String,
}

/// The detainee charged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChargeEntry {
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// Offence codes charged.
    #[serde(default)]
    pub offences: Vec<String>,
}

/// How the detention ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DisposalOutcome {
    /// Charged and bailed to court.
    ChargedBailed,
    /// Charged and remanded in custody for court.
    ChargedRemanded,
    /// Released under investigation.
    ReleasedUnderInvestigation,
    /// Released on bail pending further investigation.
    Bail,
    /// Cautioned.
    Caution,
    /// No further action.
    NoFurtherAction,
}

impl DisposalOutcome {
    /// Every outcome.
    pub const ALL: [DisposalOutcome; 6] = [
        DisposalOutcome::ChargedBailed,
        DisposalOutcome::ChargedRemanded,
        DisposalOutcome::ReleasedUnderInvestigation,
        DisposalOutcome::Bail,
        DisposalOutcome::Caution,
        DisposalOutcome::NoFurtherAction,
    ];

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            DisposalOutcome::ChargedBailed => "Charged and bailed",
            DisposalOutcome::ChargedRemanded => "Charged and remanded",
            DisposalOutcome::ReleasedUnderInvestigation => "Released under investigation",
            DisposalOutcome::Bail => "Bail",
            DisposalOutcome::Caution => "Caution",
            DisposalOutcome::NoFurtherAction => "No further action",
        }
    }

    /// Whether the outcome is a charge (a charge is recorded with it when none was).
    pub fn is_charge(self) -> bool {
        matches!(
            self,
            DisposalOutcome::ChargedBailed | DisposalOutcome::ChargedRemanded
        )
    }

    /// Whether it needs a date to answer bail.
    pub fn needs_bail_date(self) -> bool {
        matches!(self, DisposalOutcome::ChargedBailed | DisposalOutcome::Bail)
    }
}

/// The end of the detention: the disposal and release (closes the record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DisposalEntry {
    /// The outcome.
    pub outcome: DisposalOutcome,
    /// Release (or transfer to court) time.
    pub at: Option<DateTime<Utc>>,
    /// For bail: the date to answer it.
    pub bail_date: Option<NaiveDate>,
    /// Bail conditions, caution details, notes.
    #[serde(default)]
    pub notes: String,
}

/// One entry of a custody record. Every entry is appended (nothing recorded is ever overwritten); an
/// arrival or an interview's end refers to the entry it completes with `of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CustodyEntry {
    /// A right offered, requested, declined, delayed or given.
    Rights(RightsEntry),
    /// A solicitor, appropriate adult or interpreter called or arrived.
    Representative(RepresentativeEntry),
    /// A risk assessment (sets the observation level and rousing).
    RiskAssessment(RiskAssessmentEntry),
    /// A cell visit.
    Visit(VisitEntry),
    /// A medicine to be given.
    Prescription(Prescription),
    /// A dose given, refused or missed.
    Dose(DoseEntry),
    /// A healthcare professional's contact.
    Healthcare(HealthcareEntry),
    /// Property taken.
    Property(PropertyEntry),
    /// An interview.
    Interview(InterviewEntry),
    /// A note in the events log, or a move of cell.
    Note(NoteEntry),
    /// A PACE review.
    Review(ReviewEntry),
    /// A superintendent's extension.
    Extension(ExtensionEntry),
    /// A warrant of further detention.
    Warrant(WarrantEntry),
    /// A charge.
    Charge(ChargeEntry),
    /// The disposal and release (closes the record).
    Disposal(DisposalEntry),
    /// An annotation (the only entry a closed record takes).
    Annotation(AnnotationEntry),
}

/// An annotation of a record (also of a closed one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AnnotationEntry {
    /// The text.
    #[serde(default)]
    pub text: String,
}

impl CustodyEntry {
    /// The stored kind.
    pub fn kind(&self) -> &'static str {
        match self {
            CustodyEntry::Rights(_) => "rights",
            CustodyEntry::Representative(_) => "representative",
            CustodyEntry::RiskAssessment(_) => "risk_assessment",
            CustodyEntry::Visit(_) => "visit",
            CustodyEntry::Prescription(_) => "prescription",
            CustodyEntry::Dose(_) => "dose",
            CustodyEntry::Healthcare(_) => "healthcare",
            CustodyEntry::Property(_) => "property",
            CustodyEntry::Interview(_) => "interview",
            CustodyEntry::Note(_) => "note",
            CustodyEntry::Review(_) => "review",
            CustodyEntry::Extension(_) => "extension",
            CustodyEntry::Warrant(_) => "warrant",
            CustodyEntry::Charge(_) => "charge",
            CustodyEntry::Disposal(_) => "disposal",
            CustodyEntry::Annotation(_) => "annotation",
        }
    }

    /// When the entry says it happened (none: when it was recorded).
    pub fn at(&self) -> Option<DateTime<Utc>> {
        match self {
            CustodyEntry::Rights(e) => e.at,
            CustodyEntry::Representative(e) => e.arrived_at.or(e.called_at),
            CustodyEntry::RiskAssessment(e) => e.at,
            CustodyEntry::Visit(e) => e.at,
            CustodyEntry::Prescription(_) => None,
            CustodyEntry::Dose(e) => e.at,
            CustodyEntry::Healthcare(e) => e.at,
            CustodyEntry::Property(e) => e.at,
            CustodyEntry::Interview(e) => e.ended_at.or(e.started_at),
            CustodyEntry::Note(e) => e.at,
            CustodyEntry::Review(e) => e.at,
            CustodyEntry::Extension(e) => e.at,
            CustodyEntry::Warrant(e) => e.at,
            CustodyEntry::Charge(e) => e.at,
            CustodyEntry::Disposal(e) => e.at,
            CustodyEntry::Annotation(_) => None,
        }
    }

    /// A one-line description for the events log.
    pub fn summary(&self) -> String {
        match self {
            CustodyEntry::Rights(e) => {
                let s = match e.status {
                    RightStatus::Offered => "offered",
                    RightStatus::Requested => "requested",
                    RightStatus::Declined => "declined",
                    RightStatus::Delayed => "delayed",
                    RightStatus::Given => "given",
                };
                format!("{}: {s}", e.right.label())
            }
            CustodyEntry::Representative(e) => match e.arrived_at {
                Some(_) => format!("{} arrived: {}", e.role.label(), e.name)
                    .trim_end_matches(": ")
                    .to_owned(),
                None => format!("{} called: {}", e.role.label(), e.name),
            },
            CustodyEntry::RiskAssessment(e) => format!(
                "Risk assessed: observation level {}{}",
                e.observation_level.unwrap_or(1),
                if e.rousing { ", rousing" } else { "" }
            ),
            CustodyEntry::Visit(e) => format!("Visit ({}): {}", e.check.label(), e.response),
            CustodyEntry::Prescription(p) => format!("Medication: {} {}", p.medicine, p.dose),
            CustodyEntry::Dose(d) => format!("Dose {}", d.outcome.label().to_lowercase()),
            CustodyEntry::Healthcare(e) => format!("Healthcare: {}", e.professional),
            CustodyEntry::Property(e) => format!("Property: {} item(s)", e.items.len()),
            CustodyEntry::Interview(e) => match e.ended_at {
                Some(_) => format!("Interview ended ({})", e.by),
                None => format!("Interview started ({})", e.by),
            },
            CustodyEntry::Note(e) => match &e.cell {
                Some(c) => format!("Moved to cell {c}. {}", e.text).trim_end().to_owned(),
                None => e.text.clone(),
            },
            CustodyEntry::Review(e) => format!(
                "Review{}: {}",
                if e.postponed { " (postponed)" } else { "" },
                match e.decision {
                    ReviewDecision::Continue => "detention continued",
                    ReviewDecision::Release => "release",
                }
            ),
            CustodyEntry::Extension(_) => "Detention extended by a superintendent".to_owned(),
            CustodyEntry::Warrant(e) => format!("Warrant of further detention: {}", e.court),
            CustodyEntry::Charge(e) => format!("Charged: {}", e.offences.join(", ")),
            CustodyEntry::Disposal(e) => format!("Released: {}", e.outcome.label()),
            CustodyEntry::Annotation(e) => format!("Annotation: {}", e.text),
        }
    }
}

fn required_text(e: &mut Vec<FieldError>, path: &str, v: &str, what: &str) {
    if v.trim().is_empty() {
        e.push(FieldError::new(path, "required", format!("Enter {what}")));
    } else if v.chars().count() > 4000 {
        e.push(FieldError::new(
            path,
            "length",
            "Must be 4000 characters or fewer",
        ));
    }
}

fn required_time(
    e: &mut Vec<FieldError>,
    path: &str,
    v: Option<DateTime<Utc>>,
    what: &str,
    now: DateTime<Utc>,
) {
    match v {
        None => e.push(FieldError::new(path, "required", format!("Enter {what}"))),
        Some(t) if t > now + Duration::minutes(CLOCK_TOLERANCE_MINUTES) => {
            e.push(FieldError::new(path, "future", "Cannot be in the future"))
        }
        Some(_) => {}
    }
}

fn not_future(e: &mut Vec<FieldError>, path: &str, v: Option<DateTime<Utc>>, now: DateTime<Utc>) {
    if v.is_some_and(|t| t > now + Duration::minutes(CLOCK_TOLERANCE_MINUTES)) {
        e.push(FieldError::new(path, "future", "Cannot be in the future"));
    }
}

/// Whether an Arrest Summons Number has the national shape: `YY/FFFF/UU/NNNNNN` followed by a check
/// letter (`26/01NS/01/000123A`); the check letter is not verified here.
pub fn asn_is_well_formed(asn: &str) -> bool {
    let parts: Vec<&str> = asn.trim().split('/').collect();
    let [yy, force, unit, serial] = parts.as_slice() else {
        return false;
    };
    let alnum = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
    yy.len() == 2
        && yy.chars().all(|c| c.is_ascii_digit())
        && force.len() == 4
        && alnum(force)
        && (1..=2).contains(&unit.len())
        && alnum(unit)
        && serial.len() >= 2
        && serial.len() <= 12
        && serial[..serial.len() - 1].chars().all(|c| c.is_ascii_digit())
        && serial.chars().last().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Checks a prescription (path prefix such as `medication.0`).
pub fn check_prescription(p: &Prescription, prefix: &str) -> Vec<FieldError> {
    let mut e = Vec::new();
    let at = |f: &str| {
        if prefix.is_empty() {
            f.to_owned()
        } else {
            format!("{prefix}.{f}")
        }
    };
    required_text(&mut e, &at("medicine"), &p.medicine, "the medicine");
    required_text(&mut e, &at("dose"), &p.dose, "the dose");
    required_text(
        &mut e,
        &at("prescriber"),
        &p.prescriber,
        "who prescribed or instructed it",
    );
    match (p.times.is_empty(), p.every_minutes) {
        (true, None) => e.push(FieldError::new(
            at("times"),
            "required",
            "Enter the times to give it, or the interval between doses",
        )),
        (false, Some(_)) => e.push(FieldError::new(
            at("every_minutes"),
            "one_of",
            "Give either times of day or an interval, not both",
        )),
        (_, Some(m)) if !(15..=7 * 24 * 60).contains(&m) => e.push(FieldError::new(
            at("every_minutes"),
            "range",
            "The interval must be between 15 minutes and 7 days",
        )),
        _ => {}
    }
    e
}

/// The observation level and rousing the answers call for: the highest level of a "yes" (1 when
/// none) and rousing when any "yes" asks for it.
pub fn risk_calls_for(questions: &[RiskQuestion], answers: &[RiskAnswer]) -> (u8, bool) {
    let yes: Vec<&RiskQuestion> = questions
        .iter()
        .filter(|q| answers.iter().any(|a| a.question == q.code && a.yes))
        .collect();
    (
        yes.iter().map(|q| q.level_if_yes).max().unwrap_or(1).max(1),
        yes.iter().any(|q| q.rousing_if_yes),
    )
}

/// The board's risk markers from the answers.
pub fn risk_markers(questions: &[RiskQuestion], answers: &[RiskAnswer]) -> Vec<String> {
    questions
        .iter()
        .filter(|q| answers.iter().any(|a| a.question == q.code && a.yes))
        .filter_map(|q| q.marker_if_yes.clone())
        .collect()
}

/// Checks a risk assessment against the questions in force: every question answered once, a level
/// of 1–4 no lower than the answers call for, rousing when they call for it.
pub fn check_risk(
    r: &RiskAssessmentEntry,
    questions: &[RiskQuestion],
    prefix: &str,
    now: DateTime<Utc>,
) -> Vec<FieldError> {
    let mut e = Vec::new();
    let at = |f: &str| {
        if prefix.is_empty() {
            f.to_owned()
        } else {
            format!("{prefix}.{f}")
        }
    };
    not_future(&mut e, &at("at"), r.at, now);
    for (i, q) in questions.iter().enumerate() {
        if !r.answers.iter().any(|a| a.question == q.code) {
            e.push(FieldError::new(
                at(&format!("answers.{i}")),
                "required",
                format!("Answer: {}", q.text),
            ));
        }
    }
    for (i, a) in r.answers.iter().enumerate() {
        if !questions.iter().any(|q| q.code == a.question) {
            e.push(FieldError::new(
                at(&format!("answers.{i}.question")),
                "unknown",
                format!("{} is not a risk-assessment question in force", a.question),
            ));
        }
    }
    let (level, rousing) = risk_calls_for(questions, &r.answers);
    match r.observation_level {
        None => e.push(FieldError::new(
            at("observation_level"),
            "required",
            "Choose an observation level",
        )),
        Some(l) if !(1..=4).contains(&l) => e.push(FieldError::new(
            at("observation_level"),
            "range",
            "The observation level is 1, 2, 3 or 4",
        )),
        Some(l) if l < level => e.push(FieldError::new(
            at("observation_level"),
            "below_assessed_risk",
            format!("The answers call for observation level {level} or higher"),
        )),
        _ => {}
    }
    if rousing && !r.rousing {
        e.push(FieldError::new(
            at("rousing"),
            "required_by_risk",
            "The answers call for the detainee to be roused at each visit",
        ));
    }
    e
}

/// Checks a booking-in form, all at once (the server adds what needs the database: the person, the
/// suite and cell, offence codes).
pub fn check_book_in(r: &BookInRequest, questions: &[RiskQuestion], now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    if r.person_id.is_none() {
        e.push(FieldError::new("person_id", "required", "Choose the detainee"));
    }
    if r.suite_id.is_none() {
        e.push(FieldError::new(
            "suite_id",
            "required",
            "Choose the custody suite",
        ));
    }
    required_time(
        &mut e,
        "arrest.at",
        r.arrest.at,
        "when the person was arrested",
        now,
    );
    required_text(
        &mut e,
        "arrest.place",
        &r.arrest.place,
        "where the person was arrested",
    );
    required_text(
        &mut e,
        "arrest.officer",
        &r.arrest.officer,
        "the arresting officer",
    );
    if r.arrest.offences.is_empty() {
        e.push(FieldError::new(
            "arrest.offences",
            "required",
            "Choose at least one offence",
        ));
    }
    required_text(
        &mut e,
        "arrest.grounds",
        &r.arrest.grounds,
        "the grounds for suspicion",
    );
    required_text(
        &mut e,
        "arrest.necessity",
        &r.arrest.necessity,
        "why arrest was necessary",
    );
    if r.asn.trim().is_empty() {
        e.push(FieldError::new(
            "asn",
            "required",
            "Enter the Arrest Summons Number",
        ));
    } else if !asn_is_well_formed(&r.asn) {
        e.push(FieldError::new(
            "asn",
            "format",
            "An Arrest Summons Number looks like 26/01NS/01/000123A",
        ));
    }
    required_time(
        &mut e,
        "arrived_at",
        r.arrived_at,
        "when the detainee arrived at the station",
        now,
    );
    if let (Some(a), Some(b)) = (r.arrest.at, r.arrived_at) {
        if b < a {
            e.push(FieldError::new(
                "arrived_at",
                "before_arrest",
                "Arrival at the station cannot be before the arrest",
            ));
        }
    }
    if r.decision.is_none() {
        e.push(FieldError::new(
            "decision",
            "required",
            "Record the decision: authorise or refuse detention",
        ));
    }
    not_future(&mut e, "decided_at", r.decided_at, now);
    if let (Some(a), Some(d)) = (r.arrived_at, r.decided_at) {
        if d < a {
            e.push(FieldError::new(
                "decided_at",
                "before_relevant_time",
                "Detention cannot be decided before the detainee arrived",
            ));
        }
    }
    required_text(
        &mut e,
        "decision_reason",
        &r.decision_reason,
        "the reason for the decision",
    );
    let coded = |e: &mut Vec<FieldError>, path: &str, v: &Option<String>, list: &[(&str, &str)]| match v {
        None => e.push(FieldError::new(path, "required", "Choose one (or Not stated)")),
        Some(c) if !list.iter().any(|(k, _)| k == c) => {
            e.push(FieldError::new(path, "unknown", "Not a code in the list"))
        }
        Some(_) => {}
    };
    coded(
        &mut e,
        "self_defined_ethnicity",
        &r.self_defined_ethnicity,
        SELF_DEFINED_ETHNICITIES,
    );
    coded(
        &mut e,
        "officer_defined_ethnicity",
        &r.officer_defined_ethnicity,
        OFFICER_DEFINED_ETHNICITIES,
    );
    required_text(&mut e, "nationality", &r.nationality, "the nationality");
    if let Some(risk) = &r.risk {
        e.extend(check_risk(risk, questions, "risk", now));
    }
    for (i, p) in r.medication.iter().enumerate() {
        e.extend(check_prescription(p, &format!("medication.{i}")));
    }
    e
}

/// Checks an entry's own fields, all at once (the server then checks it against the record and the
/// PACE rules). A time left empty means "now" except where the entry is about a time.
pub fn check_entry(entry: &CustodyEntry, questions: &[RiskQuestion], now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    match entry {
        CustodyEntry::Rights(r) => {
            not_future(&mut e, "at", r.at, now);
            if r.status == RightStatus::Delayed {
                if r.right == Right::ConsultCodes {
                    e.push(FieldError::new(
                        "status",
                        "not_delayable",
                        "The right to consult the Codes cannot be delayed",
                    ));
                }
                if r.authorised_by.is_none() {
                    e.push(FieldError::new(
                        "authorised_by",
                        "required",
                        "A delay needs the authority of a superintendent (PACE s.56(2), s.58(6))",
                    ));
                }
                required_text(&mut e, "reason", &r.reason, "the reason for the delay");
            }
        }
        CustodyEntry::Representative(r) => {
            if r.of.is_none() {
                required_text(&mut e, "name", &r.name, "their name");
                required_time(&mut e, "called_at", r.called_at, "when they were called", now);
            } else if r.arrived_at.is_none() {
                e.push(FieldError::new(
                    "arrived_at",
                    "required",
                    "Enter when they arrived",
                ));
            }
            not_future(&mut e, "arrived_at", r.arrived_at, now);
            if let (Some(c), Some(a)) = (r.called_at, r.arrived_at) {
                if a < c {
                    e.push(FieldError::new(
                        "arrived_at",
                        "before_called",
                        "They cannot arrive before they were called",
                    ));
                }
            }
        }
        CustodyEntry::RiskAssessment(r) => e.extend(check_risk(r, questions, "", now)),
        CustodyEntry::Visit(v) => {
            not_future(&mut e, "at", v.at, now);
            required_text(&mut e, "response", &v.response, "the detainee's response");
        }
        CustodyEntry::Prescription(p) => e.extend(check_prescription(p, "")),
        CustodyEntry::Dose(d) => {
            not_future(&mut e, "at", d.at, now);
            if d.outcome == DoseOutcome::Missed {
                required_text(&mut e, "notes", &d.notes, "why the dose was missed");
            }
        }
        CustodyEntry::Healthcare(h) => {
            not_future(&mut e, "at", h.at, now);
            required_text(&mut e, "professional", &h.professional, "who attended");
            required_text(&mut e, "notes", &h.notes, "what was found and advised");
        }
        CustodyEntry::Property(p) => {
            not_future(&mut e, "at", p.at, now);
            if p.items.is_empty() {
                e.push(FieldError::new("items", "required", "List at least one item"));
            }
            for (i, it) in p.items.iter().enumerate() {
                required_text(
                    &mut e,
                    &format!("items.{i}.description"),
                    &it.description,
                    "what it is",
                );
            }
        }
        CustodyEntry::Interview(i) => {
            if i.of.is_none() {
                required_time(&mut e, "started_at", i.started_at, "when it started", now);
                required_text(&mut e, "by", &i.by, "the interviewing officers");
            } else if i.ended_at.is_none() {
                e.push(FieldError::new("ended_at", "required", "Enter when it ended"));
            }
            not_future(&mut e, "ended_at", i.ended_at, now);
            if let (Some(s), Some(x)) = (i.started_at, i.ended_at) {
                if x < s {
                    e.push(FieldError::new(
                        "ended_at",
                        "before_start",
                        "It cannot end before it started",
                    ));
                }
            }
        }
        CustodyEntry::Note(n) => {
            not_future(&mut e, "at", n.at, now);
            match &n.cell {
                Some(c) if c.trim().is_empty() => {
                    e.push(FieldError::new("cell", "required", "Choose the cell"))
                }
                Some(_) => {}
                None => required_text(&mut e, "text", &n.text, "what happened"),
            }
        }
        CustodyEntry::Review(r) => {
            not_future(&mut e, "at", r.at, now);
            if r.postponed {
                required_text(
                    &mut e,
                    "postponement_reason",
                    &r.postponement_reason,
                    "why the review was postponed",
                );
            }
            required_text(&mut e, "grounds", &r.grounds, "the grounds for the decision");
        }
        CustodyEntry::Extension(x) => {
            not_future(&mut e, "at", x.at, now);
            if x.until.is_none() {
                e.push(FieldError::new(
                    "until",
                    "required",
                    "Enter when the extended period ends",
                ));
            }
            required_text(&mut e, "grounds", &x.grounds, "the grounds (s.42(1))");
        }
        CustodyEntry::Warrant(w) => {
            required_time(&mut e, "at", w.at, "when the court issued it", now);
            if w.until.is_none() {
                e.push(FieldError::new(
                    "until",
                    "required",
                    "Enter when the period it authorises ends",
                ));
            }
            required_text(&mut e, "court", &w.court, "the court");
        }
        CustodyEntry::Charge(c) => {
            not_future(&mut e, "at", c.at, now);
            if c.offences.is_empty() {
                e.push(FieldError::new(
                    "offences",
                    "required",
                    "Choose at least one offence",
                ));
            }
        }
        CustodyEntry::Disposal(d) => {
            not_future(&mut e, "at", d.at, now);
            if d.outcome.needs_bail_date() && d.bail_date.is_none() {
                e.push(FieldError::new(
                    "bail_date",
                    "required",
                    "Enter the date to answer bail",
                ));
            }
            if !d.outcome.needs_bail_date() && d.bail_date.is_some() {
                e.push(FieldError::new(
                    "bail_date",
                    "not_applicable",
                    "Only bail has a date to answer it",
                ));
            }
        }
        CustodyEntry::Annotation(a) => required_text(&mut e, "text", &a.text, "the annotation"),
    }
    e
}

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

/// A booking-in form pre-filled from what is known of the person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct BookInPrefill {
    /// The person, with warning markers.
    pub person: crate::records::RecordSummary,
    /// Medication from their latest custody record, to confirm.
    pub known_medication: Vec<Prescription>,
    /// Self-defined ethnicity given last time.
    pub self_defined_ethnicity: Option<String>,
    /// Nationality given last time.
    pub nationality: Option<String>,
    /// Their open custody record, if they are in custody now (a second cannot be opened).
    pub open_record: Option<Uuid>,
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
    }

    fn questions() -> Vec<RiskQuestion> {
        vec![
            RiskQuestion {
                code: "self_harm".into(),
                text: "Have you ever tried to harm yourself?".into(),
                level_if_yes: 2,
                rousing_if_yes: false,
                marker_if_yes: Some("Self-harm".into()),
            },
            RiskQuestion {
                code: "intoxicated".into(),
                text: "Intoxicated?".into(),
                level_if_yes: 2,
                rousing_if_yes: true,
                marker_if_yes: Some("Intoxicated".into()),
            },
            RiskQuestion {
                code: "suicidal_now".into(),
                text: "Thoughts of suicide now?".into(),
                level_if_yes: 3,
                rousing_if_yes: false,
                marker_if_yes: Some("Suicide risk".into()),
            },
        ]
    }

    fn answers(yes: &[&str]) -> Vec<RiskAnswer> {
        questions()
            .iter()
            .map(|q| RiskAnswer {
                question: q.code.clone(),
                yes: yes.contains(&q.code.as_str()),
            })
            .collect()
    }

    fn codes(e: &[FieldError]) -> Vec<(String, String)> {
        e.iter().map(|f| (f.path.clone(), f.code.clone())).collect()
    }

    #[test]
    fn the_answers_set_the_least_observation_level_and_rousing() {
        let q = questions();
        assert_eq!(risk_calls_for(&q, &answers(&[])), (1, false));
        assert_eq!(risk_calls_for(&q, &answers(&["self_harm"])), (2, false));
        assert_eq!(
            risk_calls_for(&q, &answers(&["intoxicated", "suicidal_now"])),
            (3, true)
        );
        assert_eq!(
            risk_markers(&q, &answers(&["intoxicated", "suicidal_now"])),
            vec!["Intoxicated".to_owned(), "Suicide risk".to_owned()]
        );
        let r = |level, rousing, yes: &[&str]| RiskAssessmentEntry {
            at: None,
            answers: answers(yes),
            observation_level: Some(level),
            rousing,
            notes: String::new(),
        };
        assert!(check_risk(&r(1, false, &[]), &q, "", t(12, 0)).is_empty());
        assert!(check_risk(&r(4, false, &["self_harm"]), &q, "", t(12, 0)).is_empty());
        assert_eq!(
            codes(&check_risk(
                &r(2, false, &["suicidal_now", "intoxicated"]),
                &q,
                "risk",
                t(12, 0)
            )),
            vec![
                ("risk.observation_level".into(), "below_assessed_risk".into()),
                ("risk.rousing".into(), "required_by_risk".into()),
            ]
        );
        let mut missing = r(1, false, &[]);
        missing.answers.remove(1);
        missing.answers.push(RiskAnswer {
            question: "made_up".into(),
            yes: true,
        });
        assert_eq!(
            codes(&check_risk(&missing, &q, "", t(12, 0))),
            vec![
                ("answers.1".into(), "required".into()),
                ("answers.2.question".into(), "unknown".into()),
            ]
        );
        assert_eq!(
            codes(&check_risk(&r(5, false, &[]), &q, "", t(12, 0))),
            vec![("observation_level".into(), "range".into())]
        );
    }

    #[test]
    fn an_arrest_summons_number_has_the_national_shape() {
        assert!(asn_is_well_formed("26/01NS/01/000123A"));
        assert!(asn_is_well_formed(" 26/43WV/7/12X "));
        for bad in [
            "",
            "26/01NS/01",
            "2026/01NS/01/000123A",
            "26/01NS/01/0001234",
            "26/01N/01/000123A",
            "26/01NS/01/A",
        ] {
            assert!(!asn_is_well_formed(bad), "{bad}");
        }
    }

    fn book_in() -> BookInRequest {
        BookInRequest {
            person_id: Some(Uuid::nil()),
            crime_id: None,
            suite_id: Some(Uuid::nil()),
            cell: Some("C1".into()),
            arrest: ArrestDetails {
                at: Some(t(10, 0)),
                place: "High Street".into(),
                officer: "PC 1234 Okafor".into(),
                offences: vec!["theft_shop".into()],
                grounds: "Seen on CCTV".into(),
                necessity: "To allow prompt investigation".into(),
            },
            asn: "26/01NS/01/000123A".into(),
            arrived_at: Some(t(10, 30)),
            decision: Some(DetentionDecision::Authorised),
            decided_at: Some(t(10, 40)),
            decision_reason: "To obtain evidence by questioning".into(),
            self_defined_ethnicity: Some("W1".into()),
            officer_defined_ethnicity: Some("W".into()),
            nationality: "British".into(),
            risk: None,
            medication: vec![],
        }
    }

    #[test]
    fn a_complete_booking_in_passes_and_every_gap_is_named_at_once() {
        assert_eq!(check_book_in(&book_in(), &questions(), t(11, 0)), vec![]);
        let e = check_book_in(&BookInRequest::default(), &questions(), t(11, 0));
        let paths: Vec<&str> = e.iter().map(|f| f.path.as_str()).collect();
        for p in [
            "person_id",
            "suite_id",
            "arrest.at",
            "arrest.place",
            "arrest.officer",
            "arrest.offences",
            "arrest.grounds",
            "arrest.necessity",
            "asn",
            "arrived_at",
            "decision",
            "decision_reason",
            "self_defined_ethnicity",
            "officer_defined_ethnicity",
            "nationality",
        ] {
            assert!(paths.contains(&p), "{p} missing from {paths:?}");
        }
        let mut r = book_in();
        r.arrived_at = Some(t(9, 0));
        r.decided_at = Some(t(8, 0));
        r.self_defined_ethnicity = Some("ZZ".into());
        r.medication = vec![Prescription {
            medicine: "Insulin".into(),
            dose: "10 units".into(),
            times: vec![],
            every_minutes: None,
            first_at: None,
            prescriber: "GP".into(),
        }];
        assert_eq!(
            codes(&check_book_in(&r, &questions(), t(11, 0))),
            vec![
                ("arrived_at".into(), "before_arrest".into()),
                ("decided_at".into(), "before_relevant_time".into()),
                ("self_defined_ethnicity".into(), "unknown".into()),
                ("medication.0.times".into(), "required".into()),
            ]
        );
        let mut future = book_in();
        future.arrest.at = Some(t(12, 0));
        assert_eq!(
            codes(&check_book_in(&future, &questions(), t(11, 0))),
            vec![
                ("arrest.at".into(), "future".into()),
                ("arrived_at".into(), "before_arrest".into()),
            ]
        );
    }

    #[test]
    fn entries_name_what_they_lack() {
        let now = t(12, 0);
        let delay = CustodyEntry::Rights(RightsEntry {
            right: Right::ConsultCodes,
            status: RightStatus::Delayed,
            at: None,
            authorised_by: None,
            reason: String::new(),
        });
        assert_eq!(
            codes(&check_entry(&delay, &[], now)),
            vec![
                ("status".into(), "not_delayable".into()),
                ("authorised_by".into(), "required".into()),
                ("reason".into(), "required".into()),
            ]
        );
        let missed = CustodyEntry::Dose(DoseEntry {
            prescription: Uuid::nil(),
            at: Some(t(13, 0)),
            outcome: DoseOutcome::Missed,
            notes: " ".into(),
        });
        assert_eq!(
            codes(&check_entry(&missed, &[], now)),
            vec![
                ("at".into(), "future".into()),
                ("notes".into(), "required".into())
            ]
        );
        let review = CustodyEntry::Review(ReviewEntry {
            at: None,
            postponed: true,
            postponement_reason: String::new(),
            representations: String::new(),
            decision: ReviewDecision::Continue,
            grounds: "Evidence still to be secured".into(),
            remote: false,
        });
        assert_eq!(
            codes(&check_entry(&review, &[], now)),
            vec![("postponement_reason".into(), "required".into())]
        );
        let rnr = CustodyEntry::Disposal(DisposalEntry {
            outcome: DisposalOutcome::ReleasedUnderInvestigation,
            at: None,
            bail_date: NaiveDate::from_ymd_opt(2026, 12, 1),
            notes: String::new(),
        });
        assert_eq!(
            codes(&check_entry(&rnr, &[], now)),
            vec![("bail_date".into(), "not_applicable".into())]
        );
        let arrival = CustodyEntry::Representative(RepresentativeEntry {
            role: RepresentativeRole::Solicitor,
            name: String::new(),
            called_at: None,
            arrived_at: None,
            of: Some(Uuid::nil()),
        });
        assert_eq!(
            codes(&check_entry(&arrival, &[], now)),
            vec![("arrived_at".into(), "required".into())]
        );
        let visit = CustodyEntry::Visit(VisitEntry {
            at: None,
            check: VisitKind::Rousing,
            response: "Roused, answered".into(),
        });
        assert!(check_entry(&visit, &[], now).is_empty());
        assert_eq!(visit.summary(), "Visit (Rousing): Roused, answered");
        let json = serde_json::to_value(&visit).unwrap();
        assert_eq!(json["kind"], "visit");
        assert_eq!(json["check"], "rousing");
        let back: CustodyEntry = serde_json::from_value(json).unwrap();
        assert_eq!(back, visit);
    }

    #[test]
    fn the_board_puts_what_is_due_first_at_the_top_and_counts_down() {
        let row = |n: &str, due: Option<DateTime<Utc>>| BoardRow {
            record_id: Uuid::nil(),
            number: n.into(),
            detainee: n.into(),
            cell: Some(n.into()),
            relevant_time: t(8, 0),
            next_review_due: None,
            limit: None,
            next_visit_due: None,
            observation_level: 1,
            rousing: false,
            risk_assessment_due: false,
            next_dose_due: None,
            next_dose_medicine: None,
            risk_markers: vec![],
            next_due: due,
        };
        let mut rows = vec![
            row("C", None),
            row("B", Some(t(12, 30))),
            row("A", Some(t(11, 0))),
        ];
        sort_board(&mut rows);
        let order: Vec<&str> = rows.iter().map(|r| r.number.as_str()).collect();
        assert_eq!(order, ["A", "B", "C"]);
        assert_eq!(earliest(&[None, Some(t(12, 0)), Some(t(11, 0))]), Some(t(11, 0)));
        assert_eq!(countdown(t(13, 5), t(12, 0)), "1h 05m");
        assert_eq!(countdown(t(12, 12), t(12, 0)), "12m");
        assert_eq!(countdown(t(12, 0), t(12, 7)), "OVERDUE 7m");
        // Thirty seconds late already reads overdue.
        let late = t(12, 0) + Duration::seconds(30);
        assert_eq!(minutes_until(t(12, 0), late), -1);
    }
}
