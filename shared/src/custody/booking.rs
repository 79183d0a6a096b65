//! Booking in: suites, risk questions, the arrest and the detention decision, prescriptions, and the checks of a booking.

use super::*;

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

/// Longest free text of a custody record field, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// Shortest interval between doses, in minutes.
pub const MIN_DOSE_INTERVAL_MINUTES: i64 = 15;
/// Longest interval between doses, in minutes (7 days).
pub const MAX_DOSE_INTERVAL_MINUTES: i64 = 7 * 24 * 60;
/// The lowest observation level (1, general observation).
pub const MIN_OBSERVATION_LEVEL: u8 = 1;
/// The highest observation level (4, close proximity).
pub const MAX_OBSERVATION_LEVEL: u8 = 4;

pub(super) fn required_text(e: &mut Vec<FieldError>, path: &str, v: &str, what: &str) {
    if v.trim().is_empty() {
        e.push(FieldError::new(path, "required", format!("Enter {what}")));
    } else if v.chars().count() > MAX_TEXT_CHARS {
        e.push(FieldError::new(
            path,
            "length",
            "Must be 4000 characters or fewer",
        ));
    }
}

pub(super) fn required_time(
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

pub(super) fn not_future(e: &mut Vec<FieldError>, path: &str, v: Option<DateTime<Utc>>, now: DateTime<Utc>) {
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
        (_, Some(m)) if !(MIN_DOSE_INTERVAL_MINUTES..=MAX_DOSE_INTERVAL_MINUTES).contains(&m) => {
            e.push(FieldError::new(
                at("every_minutes"),
                "range",
                "The interval must be between 15 minutes and 7 days",
            ))
        }
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
        Some(l) if !(MIN_OBSERVATION_LEVEL..=MAX_OBSERVATION_LEVEL).contains(&l) => e.push(FieldError::new(
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
    let mut e = check_detainee_and_suite(r);
    e.extend(check_arrest(r, now));
    e.extend(check_asn(r));
    e.extend(check_detention_decision(r, now));
    e.extend(check_monitoring(r));
    if let Some(risk) = &r.risk {
        e.extend(check_risk(risk, questions, "risk", now));
    }
    for (i, p) in r.medication.iter().enumerate() {
        e.extend(check_prescription(p, &format!("medication.{i}")));
    }
    e
}

/// The detainee and the custody suite chosen.
fn check_detainee_and_suite(r: &BookInRequest) -> Vec<FieldError> {
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
    e
}

/// The arrest: when, where, by whom, for what, on what grounds and why necessary.
fn check_arrest(r: &BookInRequest, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
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
    e
}

/// The Arrest Summons Number, given and well formed.
fn check_asn(r: &BookInRequest) -> Vec<FieldError> {
    let mut e = Vec::new();
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
    e
}

/// Arrival at the station (not before the arrest) and the decision on detention (not before arrival), with its reason.
fn check_detention_decision(r: &BookInRequest, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
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
    e
}

/// The ethnicity codes (self-defined and officer-defined) and the nationality.
fn check_monitoring(r: &BookInRequest) -> Vec<FieldError> {
    let mut e = Vec::new();
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
    e
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
