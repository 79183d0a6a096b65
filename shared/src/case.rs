//! Case: the prosecution file for the CPS, built from what the investigation and custody recorded.
//!
//! What each file type needs is data ([`FILE_RULES`]); [`readiness`] checks a file against it and
//! lists exactly what is still missing. The browser shows that list beside the documents as they are
//! built, and the server refuses a submission with the same list. [`charging_route`] works out who may
//! charge (the Director's Guidance on Charging, 6th edition), and [`render`] lays out each MG form the
//! same way for the screen and for the PDF bundle.

use crate::error::FieldError;
use crate::investigation::UserRef;
use crate::records::RecordMeta;
use crate::reference::{ModeOfTrial, Offence};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// The least a written narrative (summary, grounds, account) must hold to be more than a placeholder.
pub const MIN_NARRATIVE_CHARS: usize = 20;

/// The most any narrative may hold.
pub const MAX_NARRATIVE_CHARS: usize = 50_000;

/// The Home Office classification of shoplifting: retail theft, which police may charge whatever
/// the anticipated plea.
pub const RETAIL_THEFT_CLASSIFICATION: &str = "46";

/// The file types of the National File Standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FileType {
    /// Pre-charge: a request to the CPS for a charging decision.
    PreCharge,
    /// Anticipated guilty plea (a proportionate, short file).
    Gap,
    /// Anticipated not guilty plea (a full file).
    Ngap,
    /// The upgrade to a full trial file after a not guilty plea at the first hearing.
    Upgrade,
}

impl FileType {
    /// Every file type.
    pub const ALL: [FileType; 4] = [
        FileType::PreCharge,
        FileType::Gap,
        FileType::Ngap,
        FileType::Upgrade,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            FileType::PreCharge => "pre_charge",
            FileType::Gap => "gap",
            FileType::Ngap => "ngap",
            FileType::Upgrade => "upgrade",
        }
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            FileType::PreCharge => "Pre-charge: request for a charging decision",
            FileType::Gap => "Anticipated guilty plea (GAP)",
            FileType::Ngap => "Anticipated not guilty plea (NGAP)",
            FileType::Upgrade => "Upgrade after first hearing",
        }
    }

    /// Whether the file goes with a charge already made (everything but pre-charge).
    pub fn post_charge(self) -> bool {
        self != FileType::PreCharge
    }
}

/// The MG forms a file can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// MG1 file front sheet.
    Mg1,
    /// MG3 report for a charging decision.
    Mg3,
    /// MG4 charge sheet.
    Mg4,
    /// MG5 case summary (certified by a supervisor).
    Mg5,
    /// MG6 case information (for the CPS only).
    Mg6,
    /// MG6C schedule of non-sensitive unused material.
    Mg6c,
    /// MG6D schedule of sensitive unused material.
    Mg6d,
    /// MG9 witness list.
    Mg9,
    /// MG11 witness statements.
    Mg11,
    /// MG12 exhibit list.
    Mg12,
    /// MG15 record of interview.
    Mg15,
}

impl DocumentKind {
    /// Every form, in bundle order.
    pub const ALL: [DocumentKind; 11] = [
        DocumentKind::Mg1,
        DocumentKind::Mg3,
        DocumentKind::Mg4,
        DocumentKind::Mg5,
        DocumentKind::Mg6,
        DocumentKind::Mg6c,
        DocumentKind::Mg6d,
        DocumentKind::Mg9,
        DocumentKind::Mg11,
        DocumentKind::Mg12,
        DocumentKind::Mg15,
    ];

    /// The wire name (`mg6c`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Mg1 => "mg1",
            DocumentKind::Mg3 => "mg3",
            DocumentKind::Mg4 => "mg4",
            DocumentKind::Mg5 => "mg5",
            DocumentKind::Mg6 => "mg6",
            DocumentKind::Mg6c => "mg6c",
            DocumentKind::Mg6d => "mg6d",
            DocumentKind::Mg9 => "mg9",
            DocumentKind::Mg11 => "mg11",
            DocumentKind::Mg12 => "mg12",
            DocumentKind::Mg15 => "mg15",
        }
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The form's number (`MG6C`).
    pub fn code(self) -> String {
        self.as_str().to_uppercase()
    }

    /// The form's title.
    pub fn title(self) -> &'static str {
        match self {
            DocumentKind::Mg1 => "File front sheet",
            DocumentKind::Mg3 => "Report for a charging decision",
            DocumentKind::Mg4 => "Charge",
            DocumentKind::Mg5 => "Case summary",
            DocumentKind::Mg6 => "Case file information",
            DocumentKind::Mg6c => "Schedule of non-sensitive unused material",
            DocumentKind::Mg6d => "Schedule of sensitive unused material",
            DocumentKind::Mg9 => "Witness list",
            DocumentKind::Mg11 => "Witness statements",
            DocumentKind::Mg12 => "Exhibit list",
            DocumentKind::Mg15 => "Record of interview",
        }
    }

    /// Whether an officer writes it on the file (the others are drawn from the records).
    pub fn written(self) -> bool {
        matches!(
            self,
            DocumentKind::Mg3
                | DocumentKind::Mg5
                | DocumentKind::Mg6
                | DocumentKind::Mg6c
                | DocumentKind::Mg6d
                | DocumentKind::Mg15
        )
    }

    /// Whether a supervisor certifies it.
    pub fn certified(self) -> bool {
        self == DocumentKind::Mg5
    }
}

/// The documents one file type needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileRule {
    /// The file type.
    pub file_type: FileType,
    /// The forms it must hold; no other form is required of it.
    pub documents: &'static [DocumentKind],
}

/// What each file type needs (National File Standard, proportionate by anticipated plea).
pub const FILE_RULES: &[FileRule] = &[
    FileRule {
        file_type: FileType::PreCharge,
        documents: &[
            DocumentKind::Mg3,
            DocumentKind::Mg5,
            DocumentKind::Mg6,
            DocumentKind::Mg11,
            DocumentKind::Mg15,
        ],
    },
    FileRule {
        file_type: FileType::Gap,
        documents: &[
            DocumentKind::Mg1,
            DocumentKind::Mg4,
            DocumentKind::Mg5,
            DocumentKind::Mg6c,
            DocumentKind::Mg11,
        ],
    },
    FileRule {
        file_type: FileType::Ngap,
        documents: &[
            DocumentKind::Mg1,
            DocumentKind::Mg4,
            DocumentKind::Mg5,
            DocumentKind::Mg6,
            DocumentKind::Mg6c,
            DocumentKind::Mg6d,
            DocumentKind::Mg9,
            DocumentKind::Mg11,
            DocumentKind::Mg12,
            DocumentKind::Mg15,
        ],
    },
    FileRule {
        file_type: FileType::Upgrade,
        documents: &[
            DocumentKind::Mg1,
            DocumentKind::Mg4,
            DocumentKind::Mg5,
            DocumentKind::Mg6,
            DocumentKind::Mg6c,
            DocumentKind::Mg6d,
            DocumentKind::Mg9,
            DocumentKind::Mg11,
            DocumentKind::Mg12,
            DocumentKind::Mg15,
        ],
    },
];

/// The forms a file type needs.
pub fn documents_for(file_type: FileType) -> &'static [DocumentKind] {
    FILE_RULES
        .iter()
        .find(|r| r.file_type == file_type)
        .map(|r| r.documents)
        .unwrap_or(&[])
}

/// Who may make the charging decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// The police may charge.
    PoliceMayCharge,
    /// The case must be referred to the CPS for the decision.
    CpsDecides,
}

/// The charging route with the reason for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChargingRoute {
    /// Who decides.
    pub route: Route,
    /// Why, in words a user can check against the guidance.
    pub reason: String,
}

/// The facts of a case that decide the charging route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteFacts<'a> {
    /// The offences (reference data) the suspects are charged or to be charged with.
    pub offences: &'a [Offence],
    /// The crime is flagged as domestic abuse.
    pub domestic_abuse: bool,
    /// The crime is flagged with a hate-crime strand.
    pub hate_crime: bool,
    /// The plea anticipated (none: not yet known, as on a pre-charge file).
    pub anticipated_guilty: Option<bool>,
}

/// Works out who may charge (DG6): the CPS decides anything indictable-only, any domestic abuse or
/// hate crime and the offences reference data marks for referral (GBH/ABH, harassment, stalking,
/// deaths...); otherwise the police may charge summary-only offences, retail theft whatever the
/// plea, and either-way offences where a guilty plea is anticipated.
pub fn charging_route(f: &RouteFacts<'_>) -> ChargingRoute {
    let cps = |reason: String| ChargingRoute {
        route: Route::CpsDecides,
        reason,
    };
    let police = |reason: &str| ChargingRoute {
        route: Route::PoliceMayCharge,
        reason: reason.to_owned(),
    };
    if f.offences.is_empty() {
        return cps("No offence is recorded for a charge yet".to_owned());
    }
    if let Some(o) = f
        .offences
        .iter()
        .find(|o| o.mode_of_trial == ModeOfTrial::Indictable)
    {
        return cps(format!("{} is indictable only", o.label));
    }
    if f.domestic_abuse {
        return cps("Domestic abuse cases must be referred to the CPS".to_owned());
    }
    if f.hate_crime {
        return cps("Hate crime cases must be referred to the CPS".to_owned());
    }
    if let Some(o) = f.offences.iter().find(|o| o.cps_referral.is_some()) {
        return cps(format!(
            "{}: {}",
            o.label,
            o.cps_referral.as_deref().unwrap_or_default()
        ));
    }
    let either_way: Vec<&Offence> = f
        .offences
        .iter()
        .filter(|o| o.mode_of_trial == ModeOfTrial::EitherWay)
        .collect();
    if either_way.is_empty() {
        return police("Summary-only offences: the police may charge");
    }
    if either_way
        .iter()
        .all(|o| o.classification == RETAIL_THEFT_CLASSIFICATION)
    {
        return police("Retail theft: the police may charge whatever the anticipated plea");
    }
    match f.anticipated_guilty {
        Some(true) => police("Either-way offence with a guilty plea anticipated: the police may charge"),
        Some(false) => {
            cps("Either-way offence with a not guilty plea anticipated: the CPS decides".to_owned())
        }
        None => cps("Either-way offence and the plea is not yet anticipated: the CPS decides".to_owned()),
    }
}

/// A charge on the file: the offence code with its wording from reference data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Charge {
    /// Offence code.
    pub offence: String,
    /// The wording.
    pub wording: String,
    /// The legislation.
    pub legislation: String,
    /// How it may be tried.
    pub mode_of_trial: ModeOfTrial,
}

/// An interview of a defendant recorded in custody.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct InterviewLine {
    /// Started.
    pub started_at: Option<DateTime<Utc>>,
    /// Ended.
    pub ended_at: Option<DateTime<Utc>>,
    /// The interviewing officers.
    pub by: String,
}

/// A defendant: an identified suspect of the crime, with what custody recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Defendant {
    /// The person (shared index).
    #[schema(value_type = String, format = Uuid)]
    pub person_id: Uuid,
    /// Their name.
    pub name: String,
    /// Date of birth, as held.
    pub date_of_birth: Option<NaiveDate>,
    /// The custody record of the arrest, when there is one.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub custody_record_id: Option<Uuid>,
    /// Custody number.
    pub custody_number: Option<String>,
    /// Arrest Summons Number.
    pub asn: Option<String>,
    /// The offences arrested for (what a charging request proposes).
    pub arrest_offences: Vec<Charge>,
    /// The charges (from the custody record's charge, or the CPS charging decision).
    pub charges: Vec<Charge>,
    /// When charged.
    pub charged_at: Option<DateTime<Utc>>,
    /// How the detention ended (`Charged and bailed`...).
    pub disposal: Option<String>,
    /// Date to answer bail (first hearing), for a charged and bailed defendant.
    pub bail_date: Option<NaiveDate>,
    /// Interviews recorded in custody.
    pub interviews: Vec<InterviewLine>,
}

/// A witness statement (MG11), or a victim personal statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StatementDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The crime it was made for.
    #[schema(value_type = String, format = Uuid)]
    pub crime_id: Uuid,
    /// The witness as a person of the index (none for an officer writing as witness).
    #[schema(value_type = Option<String>, format = Uuid)]
    pub witness_person_id: Option<Uuid>,
    /// The witness's name (an officer's with collar number).
    pub witness_name: String,
    /// The witness is a police officer making the statement themselves.
    pub officer_witness: bool,
    /// Occupation.
    pub occupation: String,
    /// Whether the witness is over 18.
    pub over_18: bool,
    /// The statement.
    pub text: String,
    /// A victim personal statement (the victim's own account of the effect on them).
    pub personal_statement: bool,
    /// When it was made and signed with the declaration.
    pub made_at: DateTime<Utc>,
    /// Who took it.
    pub recorded_by: UserRef,
    /// The force of whoever took it (another force may add a statement where sharing allows).
    pub force: crate::ids::ForceCode,
}

/// Taking a statement (MG11): from a witness of the crime, or the officer as witness.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StatementRequest {
    /// The witness (a victim or witness of the crime). Leave empty with `myself` for the officer.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub witness_person_id: Option<Uuid>,
    /// The officer signed in is the witness (also to another force's case, where sharing allows).
    #[serde(default)]
    pub myself: bool,
    /// Occupation (default for an officer: police officer).
    #[serde(default)]
    pub occupation: String,
    /// Whether the witness is over 18.
    #[serde(default = "yes")]
    pub over_18: bool,
    /// The statement.
    #[serde(default)]
    pub text: String,
    /// The witness made the declaration (s.9 Criminal Justice Act 1967) and signed.
    #[serde(default)]
    pub declaration: bool,
    /// A victim personal statement.
    #[serde(default)]
    pub personal_statement: bool,
    /// When it was made (default: now).
    #[serde(default)]
    pub made_at: Option<DateTime<Utc>>,
}

fn yes() -> bool {
    true
}

fn narrative(e: &mut Vec<FieldError>, path: &str, text: &str, what: &str) {
    let n = text.trim().chars().count();
    if n < MIN_NARRATIVE_CHARS {
        e.push(FieldError::new(
            path,
            "too_short",
            format!("Write {what} (at least {MIN_NARRATIVE_CHARS} characters)"),
        ));
    } else if n > MAX_NARRATIVE_CHARS {
        e.push(FieldError::new(path, "length", "At most 50,000 characters"));
    }
}

/// Every rule on a statement that needs no database.
pub fn check_statement(s: &StatementRequest, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    if s.myself == s.witness_person_id.is_some() {
        e.push(FieldError::new(
            "witness_person_id",
            "one_of",
            "Choose the witness, or say you are the witness",
        ));
    }
    narrative(&mut e, "text", &s.text, "the statement");
    if !s.declaration {
        e.push(FieldError::new(
            "declaration",
            "required",
            "The witness must make the declaration before the statement can be used",
        ));
    }
    if s.myself && s.personal_statement {
        e.push(FieldError::new(
            "personal_statement",
            "victims_only",
            "A victim personal statement is the victim's own",
        ));
    }
    if s.made_at.is_some_and(|t| t > now + chrono::Duration::minutes(5)) {
        e.push(FieldError::new("made_at", "future", "Cannot be in the future"));
    }
    if s.occupation.chars().count() > 200 {
        e.push(FieldError::new("occupation", "length", "At most 200 characters"));
    }
    e
}

/// Adding an item to the unused-material register of a crime (kept during the investigation; it
/// becomes the MG6C and MG6D schedules).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UnusedMaterialRequest {
    /// What it is (e.g. "CCTV from the car park, 14:00-15:00, nothing relevant seen").
    #[serde(default)]
    pub description: String,
    /// Where it is kept.
    #[serde(default)]
    pub location: String,
    /// Sensitive material (listed on MG6D, never disclosed to the defence without a ruling).
    #[serde(default)]
    pub sensitive: bool,
    /// Why it is sensitive (required for sensitive material).
    #[serde(default)]
    pub sensitivity_reason: String,
}

/// Every rule on an unused-material item.
pub fn check_unused(u: &UnusedMaterialRequest) -> Vec<FieldError> {
    let mut e = Vec::new();
    if u.description.trim().is_empty() {
        e.push(FieldError::new(
            "description",
            "required",
            "Describe the material",
        ));
    } else if u.description.chars().count() > 2_000 {
        e.push(FieldError::new(
            "description",
            "length",
            "At most 2,000 characters",
        ));
    }
    if u.location.trim().is_empty() {
        e.push(FieldError::new("location", "required", "Say where it is kept"));
    }
    if u.sensitive && u.sensitivity_reason.trim().is_empty() {
        e.push(FieldError::new(
            "sensitivity_reason",
            "required",
            "Say why the material is sensitive",
        ));
    }
    if !u.sensitive && !u.sensitivity_reason.trim().is_empty() {
        e.push(FieldError::new(
            "sensitivity_reason",
            "sensitive_only",
            "Only sensitive material has a sensitivity reason",
        ));
    }
    e
}

/// An item of the unused-material register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UnusedMaterialDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Schedule number.
    pub number: i64,
    /// What it is.
    pub description: String,
    /// Where it is kept.
    pub location: String,
    /// Sensitive (MG6D) or not (MG6C).
    pub sensitive: bool,
    /// Why it is sensitive.
    pub sensitivity_reason: String,
    /// Who added it.
    pub recorded_by: UserRef,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

/// An exhibit as the MG12 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ExhibitLine {
    /// Exhibit reference.
    pub reference: String,
    /// What it is.
    pub description: String,
    /// Who seized it.
    pub seized_by: String,
    /// Where it is now.
    pub storage: String,
}

/// MG3: what the officer asks the prosecutor to decide.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Mg3 {
    /// The evidence that supports a charge, in brief.
    #[serde(default)]
    pub grounds: String,
    /// What advice is sought (charges, further evidence...).
    #[serde(default)]
    pub advice_sought: String,
}

/// MG5: the case summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Mg5 {
    /// The summary of the case: what happened and the key evidence.
    #[serde(default)]
    pub summary: String,
}

/// MG6: information for the prosecutor only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Mg6 {
    /// Case information (witness issues, public interest, risks).
    #[serde(default)]
    pub information: String,
    /// The victim's wishes (compensation, special measures, views on bail...).
    #[serde(default)]
    pub victim_wishes: String,
}

/// MG6C/MG6D: the disclosure officer's certificate that the schedule lists all the unused material.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Disclosure {
    /// The disclosure officer certifies the schedule is complete (a nil schedule too).
    #[serde(default)]
    pub complete: bool,
    /// Notes for the prosecutor.
    #[serde(default)]
    pub note: String,
}

/// MG15: the record of interview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Mg15 {
    /// The suspect's account in interview, summarised.
    #[serde(default)]
    pub account: String,
}

/// A document an officer writes on the file. Each save is a new version; a certified version is
/// never changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocumentContent {
    /// MG3.
    Mg3(Mg3),
    /// MG5.
    Mg5(Mg5),
    /// MG6.
    Mg6(Mg6),
    /// MG6C.
    Mg6c(Disclosure),
    /// MG6D.
    Mg6d(Disclosure),
    /// MG15.
    Mg15(Mg15),
}

impl DocumentContent {
    /// Which form it is.
    pub fn kind(&self) -> DocumentKind {
        match self {
            DocumentContent::Mg3(_) => DocumentKind::Mg3,
            DocumentContent::Mg5(_) => DocumentKind::Mg5,
            DocumentContent::Mg6(_) => DocumentKind::Mg6,
            DocumentContent::Mg6c(_) => DocumentKind::Mg6c,
            DocumentContent::Mg6d(_) => DocumentKind::Mg6d,
            DocumentContent::Mg15(_) => DocumentKind::Mg15,
        }
    }
}

/// Rules on a document that hold whatever the file type (length); what a file needs of it is
/// [`readiness`]'s, so a draft can always be saved.
pub fn check_document(d: &DocumentContent) -> Vec<FieldError> {
    let texts: Vec<(&str, &str)> = match d {
        DocumentContent::Mg3(m) => vec![("grounds", &m.grounds), ("advice_sought", &m.advice_sought)],
        DocumentContent::Mg5(m) => vec![("summary", &m.summary)],
        DocumentContent::Mg6(m) => vec![
            ("information", &m.information),
            ("victim_wishes", &m.victim_wishes),
        ],
        DocumentContent::Mg6c(m) | DocumentContent::Mg6d(m) => vec![("note", &m.note)],
        DocumentContent::Mg15(m) => vec![("account", &m.account)],
    };
    texts
        .into_iter()
        .filter(|(_, t)| t.chars().count() > MAX_NARRATIVE_CHARS)
        .map(|(p, _)| FieldError::new(p, "length", "At most 50,000 characters"))
        .collect()
}

/// One version of a written document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocumentVersion {
    /// Version number (1, 2...).
    pub version: i64,
    /// The content.
    pub content: DocumentContent,
    /// Who wrote it.
    pub written_by: UserRef,
    /// When.
    pub written_at: DateTime<Utc>,
    /// The supervisor who certified it (MG5), if certified.
    pub certified_by: Option<UserRef>,
    /// When.
    pub certified_at: Option<DateTime<Utc>>,
}

/// The prosecutor's decision on a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// The file is accepted as it stands.
    Accept,
    /// Charging decision: charge (with the offences given).
    Charge,
    /// Returned with an action plan.
    Return,
}

impl DecisionKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Accept => "accept",
            DecisionKind::Charge => "charge",
            DecisionKind::Return => "return",
        }
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<Self> {
        [DecisionKind::Accept, DecisionKind::Charge, DecisionKind::Return]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One action of a prosecutor's action plan: it becomes a task for the officer in charge.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ActionPlanItem {
    /// What must be done.
    #[serde(default)]
    pub action: String,
    /// By when.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

/// The prosecutor's decision, sent through the partner interface.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DecisionRequest {
    /// Accept, charge or return.
    pub decision: Option<DecisionKind>,
    /// Charge: the offence codes to charge (reference data).
    #[serde(default)]
    pub offences: Vec<String>,
    /// Return: the action plan (at least one action, each with a due date).
    #[serde(default)]
    pub actions: Vec<ActionPlanItem>,
    /// The prosecutor's comments.
    #[serde(default)]
    pub comments: String,
}

/// Every rule on a decision that needs no database.
pub fn check_decision(d: &DecisionRequest, today: NaiveDate) -> Vec<FieldError> {
    let mut e = Vec::new();
    match d.decision {
        None => e.push(FieldError::new(
            "decision",
            "required",
            "Choose accept, charge or return",
        )),
        Some(DecisionKind::Charge) if d.offences.is_empty() => e.push(FieldError::new(
            "offences",
            "required",
            "Give the offences to charge",
        )),
        Some(DecisionKind::Return) if d.actions.is_empty() => e.push(FieldError::new(
            "actions",
            "required",
            "Give the action plan: what the officer must do",
        )),
        _ => {}
    }
    for (i, a) in d.actions.iter().enumerate() {
        if a.action.trim().is_empty() {
            e.push(FieldError::new(
                format!("actions.{i}.action"),
                "required",
                "Say what must be done",
            ));
        }
        match a.due_on {
            None => e.push(FieldError::new(
                format!("actions.{i}.due_on"),
                "required",
                "Give the date it is due",
            )),
            Some(d) if d < today => e.push(FieldError::new(
                format!("actions.{i}.due_on"),
                "past",
                "Cannot be due in the past",
            )),
            _ => {}
        }
    }
    if d.decision != Some(DecisionKind::Return) && !d.actions.is_empty() {
        e.push(FieldError::new(
            "actions",
            "return_only",
            "An action plan goes with a returned file",
        ));
    }
    if d.decision != Some(DecisionKind::Charge) && !d.offences.is_empty() {
        e.push(FieldError::new(
            "offences",
            "charge_only",
            "Offences go with a charging decision",
        ));
    }
    if d.comments.chars().count() > MAX_NARRATIVE_CHARS {
        e.push(FieldError::new("comments", "length", "At most 50,000 characters"));
    }
    e
}

/// A decision as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DecisionDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Which submission it answers.
    pub submission: i64,
    /// Accept, charge or return.
    pub decision: DecisionKind,
    /// The charges decided.
    pub charges: Vec<Charge>,
    /// The action plan.
    pub actions: Vec<ActionPlanItem>,
    /// Comments.
    pub comments: String,
    /// The prosecutor.
    pub by: UserRef,
    /// When.
    pub at: DateTime<Utc>,
}

/// Where a file stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CaseFileState {
    /// Being built (also after the type changes, e.g. to the upgrade file).
    Building,
    /// Sent to the CPS, awaiting its decision.
    Submitted,
    /// Returned by the CPS with an action plan.
    Returned,
    /// The CPS decided to charge.
    Charged,
    /// Accepted by the CPS.
    Accepted,
}

impl CaseFileState {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseFileState::Building => "building",
            CaseFileState::Submitted => "submitted",
            CaseFileState::Returned => "returned",
            CaseFileState::Charged => "charged",
            CaseFileState::Accepted => "accepted",
        }
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            CaseFileState::Building,
            CaseFileState::Submitted,
            CaseFileState::Returned,
            CaseFileState::Charged,
            CaseFileState::Accepted,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            CaseFileState::Building => "Being built",
            CaseFileState::Submitted => "Submitted to the CPS",
            CaseFileState::Returned => "Returned by the CPS",
            CaseFileState::Charged => "CPS decided to charge",
            CaseFileState::Accepted => "Accepted by the CPS",
        }
    }

    /// Whether officers may change the file (everything but awaiting the CPS).
    pub fn editable(self) -> bool {
        self != CaseFileState::Submitted
    }
}

/// The crime a file is built on, as the file shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CrimeFacts {
    /// The crime.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Crime reference number.
    pub crn: Option<String>,
    /// Offence wording.
    pub offence: Option<String>,
    /// When it happened (earliest).
    pub offence_from: Option<DateTime<Utc>>,
    /// Where.
    pub location: Option<String>,
    /// How it was done.
    pub modus_operandi: String,
    /// Domestic abuse.
    pub domestic_abuse: bool,
    /// Hate-crime strands.
    pub hate_strands: Vec<String>,
    /// Victims (names of people or organisations).
    pub victims: Vec<String>,
}

/// The structured case file: what the CPS receives (every part drawn from the records, the
/// written documents at their latest version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CaseFileContent {
    /// Unique reference number.
    pub urn: String,
    /// File type.
    pub file_type: FileType,
    /// The owning force.
    pub force: crate::ids::ForceCode,
    /// The crime.
    pub crime: CrimeFacts,
    /// The officer in charge.
    pub officer_in_charge: Option<UserRef>,
    /// Who may charge, and why.
    pub charging_route: ChargingRoute,
    /// Whether the CPS has decided to charge (on an earlier pre-charge submission).
    pub cps_charged: bool,
    /// Defendants.
    pub defendants: Vec<Defendant>,
    /// Witness statements (MG11) and victim personal statements; the MG9 lists their makers.
    pub statements: Vec<StatementDto>,
    /// Exhibits (MG12).
    pub exhibits: Vec<ExhibitLine>,
    /// The unused-material register (MG6C non-sensitive, MG6D sensitive).
    pub unused_material: Vec<UnusedMaterialDto>,
    /// The written documents at their latest version.
    pub documents: Vec<DocumentVersion>,
}

impl CaseFileContent {
    /// The latest version of a written document.
    pub fn document(&self, kind: DocumentKind) -> Option<&DocumentVersion> {
        self.documents
            .iter()
            .filter(|d| d.content.kind() == kind)
            .max_by_key(|d| d.version)
    }
}

/// Where a missing item is put right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FixAt {
    /// A written document on the file page (`#mg5`).
    File,
    /// The crime (parties, allocation, statements, exhibits, unused material).
    Crime,
    /// A defendant's custody record.
    Custody,
}

/// One thing a file still needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Missing {
    /// Stable code (`mg5.certified`): also the `path` of the error when a submission is refused.
    pub code: String,
    /// The form that needs it.
    pub document: DocumentKind,
    /// What is missing, in words.
    pub message: String,
    /// Where it is filled in.
    pub fix_at: FixAt,
    /// The record to go to (the custody record for [`FixAt::Custody`]).
    #[schema(value_type = Option<String>, format = Uuid)]
    pub record_id: Option<Uuid>,
}

impl Missing {
    fn new(code: &str, document: DocumentKind, message: impl Into<String>, fix_at: FixAt) -> Self {
        Self {
            code: code.to_owned(),
            document,
            message: message.into(),
            fix_at,
            record_id: None,
        }
    }

    /// The field error a refused submission carries for it.
    pub fn to_field_error(&self) -> FieldError {
        FieldError::new(self.code.clone(), "missing", self.message.clone())
    }
}

fn long_enough(s: &str) -> bool {
    s.trim().chars().count() >= MIN_NARRATIVE_CHARS
}

/// What this file still needs for its type, in form order; empty when it is ready to submit.
/// Nothing a file type does not need is ever listed.
pub fn readiness(c: &CaseFileContent) -> Vec<Missing> {
    use DocumentKind as K;
    let mut m = Vec::new();
    let docs = documents_for(c.file_type);
    if c.file_type.post_charge() && c.charging_route.route == Route::CpsDecides && !c.cps_charged {
        m.push(Missing::new(
            "charging_decision",
            if docs.contains(&K::Mg4) { K::Mg4 } else { K::Mg1 },
            format!(
                "The CPS must make the charging decision ({}): send a pre-charge file first",
                c.charging_route.reason
            ),
            FixAt::File,
        ));
    }
    for &kind in docs {
        match kind {
            K::Mg1 => {
                if c.officer_in_charge.is_none() {
                    m.push(Missing::new(
                        "mg1.officer_in_charge",
                        kind,
                        "Allocate the crime to an officer in charge",
                        FixAt::Crime,
                    ));
                }
                if c.defendants.is_empty() {
                    m.push(Missing::new(
                        "mg1.defendants",
                        kind,
                        "Add the suspect to the crime as an identified suspect",
                        FixAt::Crime,
                    ));
                }
            }
            K::Mg3 => {
                if c.defendants.iter().all(|d| d.arrest_offences.is_empty()) {
                    m.push(Missing::new(
                        "mg3.offences",
                        kind,
                        "No offence to propose: record the suspect's arrest in custody, or add them as a suspect with the offence",
                        FixAt::Crime,
                    ));
                }
                let mg3 = match c.document(kind).map(|d| &d.content) {
                    Some(DocumentContent::Mg3(x)) => x.clone(),
                    _ => Mg3::default(),
                };
                if !long_enough(&mg3.grounds) {
                    m.push(Missing::new(
                        "mg3.grounds",
                        kind,
                        "Write the evidence that supports a charge",
                        FixAt::File,
                    ));
                }
                if !long_enough(&mg3.advice_sought) {
                    m.push(Missing::new(
                        "mg3.advice_sought",
                        kind,
                        "Say what advice you seek from the prosecutor",
                        FixAt::File,
                    ));
                }
            }
            K::Mg4 => {
                for d in &c.defendants {
                    if d.charges.is_empty() {
                        let mut x = Missing::new(
                            "mg4.charges",
                            kind,
                            format!(
                                "{} has not been charged: record the charge on the custody record",
                                d.name
                            ),
                            FixAt::Custody,
                        );
                        x.record_id = d.custody_record_id;
                        m.push(x);
                    } else if d.bail_date.is_none() && d.disposal.is_none() {
                        let mut x = Missing::new(
                            "mg4.bail",
                            kind,
                            format!(
                                "Record how {} was released: bailed to court with the date, or remanded",
                                d.name
                            ),
                            FixAt::Custody,
                        );
                        x.record_id = d.custody_record_id;
                        m.push(x);
                    }
                }
            }
            K::Mg5 => match c.document(kind) {
                Some(v) => {
                    let summary = match &v.content {
                        DocumentContent::Mg5(x) => x.summary.as_str(),
                        _ => "",
                    };
                    if !long_enough(summary) {
                        m.push(Missing::new(
                            "mg5.summary",
                            kind,
                            "Write the case summary",
                            FixAt::File,
                        ));
                    } else if v.certified_by.is_none() {
                        m.push(Missing::new(
                            "mg5.certified",
                            kind,
                            "A supervisor must certify the case summary",
                            FixAt::File,
                        ));
                    }
                }
                None => m.push(Missing::new(
                    "mg5.summary",
                    kind,
                    "Write the case summary",
                    FixAt::File,
                )),
            },
            K::Mg6 => {
                let ok = matches!(c.document(kind).map(|d| &d.content), Some(DocumentContent::Mg6(x)) if long_enough(&x.information));
                if !ok {
                    m.push(Missing::new(
                        "mg6.information",
                        kind,
                        "Write the case information for the prosecutor",
                        FixAt::File,
                    ));
                }
            }
            K::Mg6c | K::Mg6d => {
                let ok = matches!(
                    c.document(kind).map(|d| &d.content),
                    Some(DocumentContent::Mg6c(x)) | Some(DocumentContent::Mg6d(x)) if x.complete
                );
                if !ok {
                    let (code, what) = if kind == K::Mg6c {
                        ("mg6c.complete", "non-sensitive")
                    } else {
                        ("mg6d.complete", "sensitive")
                    };
                    m.push(Missing::new(
                        code,
                        kind,
                        format!("The disclosure officer must certify the schedule of {what} unused material is complete"),
                        FixAt::File,
                    ));
                }
            }
            K::Mg9 | K::Mg11 => {
                let witnesses = c.statements.iter().any(|s| !s.personal_statement);
                if !witnesses {
                    let code = if kind == K::Mg9 {
                        "mg9.witnesses"
                    } else {
                        "mg11.statements"
                    };
                    m.push(Missing::new(
                        code,
                        kind,
                        "Take at least one witness statement (MG11)",
                        FixAt::Crime,
                    ));
                }
            }
            K::Mg12 => {}
            K::Mg15 => {
                let ok = matches!(c.document(kind).map(|d| &d.content), Some(DocumentContent::Mg15(x)) if long_enough(&x.account));
                if !ok {
                    m.push(Missing::new(
                        "mg15.account",
                        kind,
                        "Summarise the suspect's account in interview",
                        FixAt::File,
                    ));
                }
            }
        }
    }
    m
}

/// One line of a rendered form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FormLine {
    /// The label (empty for a paragraph).
    pub label: String,
    /// The value.
    pub value: String,
}

/// A section of a rendered form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FormSection {
    /// Heading.
    pub heading: String,
    /// Lines.
    pub lines: Vec<FormLine>,
}

/// A form laid out for reading: the same on screen and in the PDF bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RenderedForm {
    /// Which form.
    pub kind: DocumentKind,
    /// `MG5 Case summary`.
    pub title: String,
    /// Sections.
    pub sections: Vec<FormSection>,
}

fn line(label: &str, value: impl Into<String>) -> FormLine {
    let value = value.into();
    FormLine {
        label: label.to_owned(),
        value: if value.trim().is_empty() {
            "—".to_owned()
        } else {
            value
        },
    }
}

fn section(heading: impl Into<String>, lines: Vec<FormLine>) -> FormSection {
    FormSection {
        heading: heading.into(),
        lines,
    }
}

fn when(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%d/%m/%Y %H:%M UTC").to_string())
        .unwrap_or_default()
}

fn charges_text(charges: &[Charge]) -> String {
    charges
        .iter()
        .map(|c| format!("{} ({})", c.wording, c.legislation))
        .collect::<Vec<_>>()
        .join("; ")
}

fn written(c: &CaseFileContent, kind: DocumentKind) -> Vec<FormLine> {
    let Some(v) = c.document(kind) else {
        return vec![line("Status", "Not written yet")];
    };
    let mut lines = match &v.content {
        DocumentContent::Mg3(x) => vec![
            line("Grounds for charge", &x.grounds),
            line("Advice sought", &x.advice_sought),
        ],
        DocumentContent::Mg5(x) => vec![line("Summary", &x.summary)],
        DocumentContent::Mg6(x) => vec![
            line("Case information", &x.information),
            line("Victim's wishes", &x.victim_wishes),
        ],
        DocumentContent::Mg6c(x) | DocumentContent::Mg6d(x) => vec![
            line(
                "Schedule complete",
                if x.complete {
                    "Certified by the disclosure officer"
                } else {
                    "Not certified"
                },
            ),
            line("Note", &x.note),
        ],
        DocumentContent::Mg15(x) => vec![line("Suspect's account", &x.account)],
    };
    lines.push(line(
        "Version",
        format!(
            "{} by {} at {}",
            v.version,
            v.written_by.display_name,
            when(Some(v.written_at))
        ),
    ));
    if kind.certified() {
        lines.push(line(
            "Certified",
            match (&v.certified_by, v.certified_at) {
                (Some(by), at) => format!("by {} at {}", by.display_name, when(at)),
                _ => "Not certified".to_owned(),
            },
        ));
    }
    lines
}

fn unused_schedule(c: &CaseFileContent, kind: DocumentKind, sensitive: bool) -> Vec<FormSection> {
    let items: Vec<FormLine> = c
        .unused_material
        .iter()
        .filter(|u| u.sensitive == sensitive)
        .map(|u| {
            let mut v = format!("{} (kept at: {})", u.description, u.location);
            if sensitive {
                v.push_str(&format!(". Sensitive because: {}", u.sensitivity_reason));
            }
            line(&format!("Item {}", u.number), v)
        })
        .collect();
    vec![
        section(
            "Items",
            if items.is_empty() {
                vec![line("", "Nil schedule: no such material")]
            } else {
                items
            },
        ),
        section("Disclosure officer", written(c, kind)),
    ]
}

/// Lays out a form of the file.
pub fn render(c: &CaseFileContent, kind: DocumentKind) -> RenderedForm {
    use DocumentKind as K;
    let defendants = || {
        c.defendants
            .iter()
            .map(|d| {
                section(
                    format!("Defendant: {}", d.name),
                    vec![
                        line(
                            "Date of birth",
                            d.date_of_birth
                                .map(|x| x.format("%d/%m/%Y").to_string())
                                .unwrap_or_default(),
                        ),
                        line("ASN", d.asn.clone().unwrap_or_default()),
                        line("Custody number", d.custody_number.clone().unwrap_or_default()),
                        line("Charges", charges_text(&d.charges)),
                        line("Charged at", when(d.charged_at)),
                        line("Disposal", d.disposal.clone().unwrap_or_default()),
                        line(
                            "First hearing (bail date)",
                            d.bail_date
                                .map(|x| x.format("%d/%m/%Y").to_string())
                                .unwrap_or_default(),
                        ),
                    ],
                )
            })
            .collect::<Vec<_>>()
    };
    let witnesses: Vec<&StatementDto> = c.statements.iter().filter(|s| !s.personal_statement).collect();
    let sections = match kind {
        K::Mg1 => {
            let mut s = vec![section(
                "File",
                vec![
                    line("URN", &c.urn),
                    line("File type", c.file_type.label()),
                    line("Force", c.force.to_string()),
                    line("Crime reference", c.crime.crn.clone().unwrap_or_default()),
                    line(
                        "Officer in charge",
                        c.officer_in_charge
                            .as_ref()
                            .map(|u| format!("{} {}", u.display_name, u.collar_number))
                            .unwrap_or_default(),
                    ),
                    line(
                        "Charging route",
                        format!(
                            "{}: {}",
                            match c.charging_route.route {
                                Route::PoliceMayCharge => "Police may charge",
                                Route::CpsDecides => "CPS decides",
                            },
                            c.charging_route.reason
                        ),
                    ),
                    line("Victims", c.crime.victims.join("; ")),
                ],
            )];
            s.extend(defendants());
            s
        }
        K::Mg3 => {
            let mut s = vec![section(
                "Proposed charges",
                c.defendants
                    .iter()
                    .map(|d| line(&d.name, charges_text(&d.arrest_offences)))
                    .collect(),
            )];
            s.push(section(
                "The offence",
                vec![
                    line("Offence", c.crime.offence.clone().unwrap_or_default()),
                    line("When", when(c.crime.offence_from)),
                    line("Where", c.crime.location.clone().unwrap_or_default()),
                ],
            ));
            s.push(section("Request", written(c, kind)));
            s
        }
        K::Mg4 => defendants(),
        K::Mg5 => vec![
            section(
                "The offence",
                vec![
                    line("Offence", c.crime.offence.clone().unwrap_or_default()),
                    line("When", when(c.crime.offence_from)),
                    line("Where", c.crime.location.clone().unwrap_or_default()),
                    line("How", &c.crime.modus_operandi),
                ],
            ),
            section("Summary", written(c, kind)),
        ],
        K::Mg6 => vec![section("For the prosecutor only", written(c, kind))],
        K::Mg6c => unused_schedule(c, kind, false),
        K::Mg6d => unused_schedule(c, kind, true),
        K::Mg9 => vec![section(
            "Witnesses",
            if witnesses.is_empty() {
                vec![line("", "No witnesses")]
            } else {
                witnesses
                    .iter()
                    .map(|w| line(&w.witness_name, w.occupation.clone()))
                    .collect()
            },
        )],
        K::Mg11 => c
            .statements
            .iter()
            .map(|s| {
                section(
                    format!(
                        "{} of {}",
                        if s.personal_statement {
                            "Victim personal statement"
                        } else {
                            "Statement"
                        },
                        s.witness_name
                    ),
                    vec![
                        line("Occupation", &s.occupation),
                        line("Over 18", if s.over_18 { "Yes" } else { "No" }),
                        line(
                            "Declaration",
                            "This statement is true to the best of my knowledge and belief and I make it knowing that, if it is tendered in evidence, I shall be liable to prosecution if I have wilfully stated anything which I know to be false or do not believe to be true.",
                        ),
                        line("Made", when(Some(s.made_at))),
                        line("Statement", &s.text),
                        line(
                            "Taken by",
                            format!("{} {} ({})", s.recorded_by.display_name, s.recorded_by.collar_number, s.force),
                        ),
                    ],
                )
            })
            .collect(),
        K::Mg12 => vec![section(
            "Exhibits",
            if c.exhibits.is_empty() {
                vec![line("", "No exhibits")]
            } else {
                c.exhibits
                    .iter()
                    .map(|x| line(&x.reference, format!("{}; seized by {}; now at {}", x.description, x.seized_by, x.storage)))
                    .collect()
            },
        )],
        K::Mg15 => {
            let mut s: Vec<FormSection> = c
                .defendants
                .iter()
                .map(|d| {
                    section(
                        format!("Interviews of {}", d.name),
                        if d.interviews.is_empty() {
                            vec![line("", "No interview recorded in custody")]
                        } else {
                            d.interviews
                                .iter()
                                .map(|i| line(&i.by, format!("{} to {}", when(i.started_at), when(i.ended_at))))
                                .collect()
                        },
                    )
                })
                .collect();
            s.push(section("Record", written(c, kind)));
            s
        }
    };
    RenderedForm {
        kind,
        title: format!("{} {}", kind.code(), kind.title()),
        sections,
    }
}

/// Changing a file's type (e.g. to the upgrade file after the first hearing, or to a post-charge file
/// after the CPS decided to charge).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UpdateCaseFileRequest {
    /// The new file type.
    pub file_type: Option<FileType>,
}

/// Starting a case file from a crime (its custody records are found through the crime).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CreateCaseFileRequest {
    /// The crime.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub crime_id: Option<Uuid>,
    /// The file type.
    pub file_type: Option<FileType>,
}

/// Certifying a written document (MG5) at a version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CertifyRequest {
    /// The form (only the MG5 is certified).
    pub kind: Option<DocumentKind>,
    /// The version read and certified (a newer one means the supervisor has not read it: 409).
    pub version: Option<i64>,
}

/// A submission to the CPS, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SubmissionDto {
    /// 1 for the first submission, 2 for the next...
    pub number: i64,
    /// The file type it was sent as.
    pub file_type: FileType,
    /// Who sent it.
    pub by: UserRef,
    /// When.
    pub at: DateTime<Utc>,
}

/// A case file as the force sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CaseFileDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Unique reference number.
    pub urn: String,
    /// Where it stands.
    pub state: CaseFileState,
    /// The file as it stands now, drawn from the records.
    pub content: CaseFileContent,
    /// The forms this file type needs.
    pub required_documents: Vec<DocumentKind>,
    /// What it still needs (empty: ready to submit).
    pub readiness: Vec<Missing>,
    /// Every version of every written document, newest first.
    pub history: Vec<DocumentVersion>,
    /// Submissions, oldest first.
    pub submissions: Vec<SubmissionDto>,
    /// The CPS's decisions, oldest first.
    pub decisions: Vec<DecisionDto>,
    /// Owning force and version (`ETag`).
    pub meta: RecordMeta,
}

/// One line of a list of case files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CaseFileSummary {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// URN.
    pub urn: String,
    /// The crime.
    #[schema(value_type = String, format = Uuid)]
    pub crime_id: Uuid,
    /// File type.
    pub file_type: FileType,
    /// State.
    pub state: CaseFileState,
    /// Owning force.
    pub force: crate::ids::ForceCode,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A file as the CPS receives it: the structured file exactly as submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CpsCaseFile {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// URN.
    pub urn: String,
    /// Where it stands.
    pub state: CaseFileState,
    /// The submission this is (1, 2...).
    pub submission: i64,
    /// When it was sent.
    pub submitted_at: DateTime<Utc>,
    /// The file as sent.
    pub file: CaseFileContent,
    /// Decisions so far, oldest first.
    pub decisions: Vec<DecisionDto>,
}

#[cfg(test)]
mod tests;
