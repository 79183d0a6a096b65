//! The custody log's entries (rights, representatives, risk, visits, doses, healthcare, property, interviews, reviews, extensions, warrants, charge, disposal) and their checks.

use super::*;

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

/// Checks an entry's own fields, all at once (the server then checks it against the record and the
/// PACE rules). A time left empty means "now" except where the entry is about a time.
pub fn check_entry(entry: &CustodyEntry, questions: &[RiskQuestion], now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    match entry {
        CustodyEntry::Rights(r) => e.extend(check_rights(r, now)),
        CustodyEntry::Representative(r) => e.extend(check_representative(r, now)),
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
        CustodyEntry::Property(p) => e.extend(check_property(p, now)),
        CustodyEntry::Interview(i) => e.extend(check_interview(i, now)),
        CustodyEntry::Note(n) => e.extend(check_note(n, now)),
        CustodyEntry::Review(r) => e.extend(check_review_fields(r, now)),
        CustodyEntry::Extension(x) => e.extend(check_extension_fields(x, now)),
        CustodyEntry::Warrant(w) => e.extend(check_warrant_fields(w, now)),
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
        CustodyEntry::Disposal(d) => e.extend(check_disposal(d, now)),
        CustodyEntry::Annotation(a) => required_text(&mut e, "text", &a.text, "the annotation"),
    }
    e
}

/// A rights entry: a delay needs the authority and a reason, and the Codes cannot be delayed.
fn check_rights(r: &RightsEntry, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
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
    e
}

/// A representative called (name and time) or arrived (`of` the call; when).
fn check_representative(r: &RepresentativeEntry, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
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
    e
}

/// The detainee's property: at least one item, each described.
fn check_property(p: &PropertyEntry, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
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
    e
}

/// An interview started (when, by whom) or ended (`of` the start; when).
fn check_interview(i: &InterviewEntry, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
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
    e
}

/// A note of an event, or a move of cell.
fn check_note(n: &NoteEntry, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    not_future(&mut e, "at", n.at, now);
    match &n.cell {
        Some(c) if c.trim().is_empty() => e.push(FieldError::new("cell", "required", "Choose the cell")),
        Some(_) => {}
        None => required_text(&mut e, "text", &n.text, "what happened"),
    }
    e
}

/// A review: the grounds, and the reason when postponed.
fn check_review_fields(r: &ReviewEntry, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
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
    e
}

/// A superintendent's extension: when it ends and the grounds.
fn check_extension_fields(x: &ExtensionEntry, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    not_future(&mut e, "at", x.at, now);
    if x.until.is_none() {
        e.push(FieldError::new(
            "until",
            "required",
            "Enter when the extended period ends",
        ));
    }
    required_text(&mut e, "grounds", &x.grounds, "the grounds (s.42(1))");
    e
}

/// A warrant of further detention: when issued, when it ends, the court.
fn check_warrant_fields(w: &WarrantEntry, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    required_time(&mut e, "at", w.at, "when the court issued it", now);
    if w.until.is_none() {
        e.push(FieldError::new(
            "until",
            "required",
            "Enter when the period it authorises ends",
        ));
    }
    required_text(&mut e, "court", &w.court, "the court");
    e
}

/// A release: a bail date exactly when the outcome is bail.
fn check_disposal(d: &DisposalEntry, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
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
    e
}
