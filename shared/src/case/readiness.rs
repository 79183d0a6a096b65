//! Readiness: exactly what a file still lacks, each item with where to put it right.

use super::*;

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
    pub(super) fn new(code: &str, document: DocumentKind, message: impl Into<String>, fix_at: FixAt) -> Self {
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

pub(super) fn long_enough(s: &str) -> bool {
    s.trim().chars().count() >= MIN_NARRATIVE_CHARS
}

/// What this file still needs for its type, in form order; empty when it is ready to submit.
/// Nothing a file type does not need is ever listed.
pub fn readiness(c: &CaseFileContent) -> Vec<Missing> {
    let docs = documents_for(c.file_type);
    let mut m = charging_decision(c, docs);
    for &kind in docs {
        m.extend(missing_in(c, kind));
    }
    m
}

/// After charge, a file the CPS must decide needs the CPS's charging decision first.
fn charging_decision(c: &CaseFileContent, docs: &[DocumentKind]) -> Vec<Missing> {
    use DocumentKind as K;
    let mut m = Vec::new();
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
    m
}

/// What one document of the file still needs.
fn missing_in(c: &CaseFileContent, kind: DocumentKind) -> Vec<Missing> {
    use DocumentKind as K;
    match kind {
        K::Mg1 => mg1(c),
        K::Mg3 => mg3(c),
        K::Mg4 => mg4(c),
        K::Mg5 => mg5(c),
        K::Mg6 => narrative(
            c,
            kind,
            |d| matches!(d, DocumentContent::Mg6(x) if long_enough(&x.information)),
            "mg6.information",
            "Write the case information for the prosecutor",
        ),
        K::Mg6c | K::Mg6d => schedule_complete(c, kind),
        K::Mg9 | K::Mg11 => witness_statements(c, kind),
        K::Mg12 => Vec::new(),
        K::Mg15 => narrative(
            c,
            kind,
            |d| matches!(d, DocumentContent::Mg15(x) if long_enough(&x.account)),
            "mg15.account",
            "Summarise the suspect's account in interview",
        ),
    }
}

/// MG1: an officer in charge and a defendant.
fn mg1(c: &CaseFileContent) -> Vec<Missing> {
    let mut m = Vec::new();
    if c.officer_in_charge.is_none() {
        m.push(Missing::new(
            "mg1.officer_in_charge",
            DocumentKind::Mg1,
            "Allocate the crime to an officer in charge",
            FixAt::Crime,
        ));
    }
    if c.defendants.is_empty() {
        m.push(Missing::new(
            "mg1.defendants",
            DocumentKind::Mg1,
            "Add the suspect to the crime as an identified suspect",
            FixAt::Crime,
        ));
    }
    m
}

/// MG3: an offence to propose, the grounds and the advice sought.
fn mg3(c: &CaseFileContent) -> Vec<Missing> {
    let kind = DocumentKind::Mg3;
    let mut m = Vec::new();
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
    m
}

/// MG4: each defendant charged, and released on bail to court or remanded.
fn mg4(c: &CaseFileContent) -> Vec<Missing> {
    let kind = DocumentKind::Mg4;
    let mut m = Vec::new();
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
    m
}

/// MG5: the case summary, certified by a supervisor.
fn mg5(c: &CaseFileContent) -> Vec<Missing> {
    let kind = DocumentKind::Mg5;
    let summary_missing = || Missing::new("mg5.summary", kind, "Write the case summary", FixAt::File);
    match c.document(kind) {
        Some(v) => {
            let summary = match &v.content {
                DocumentContent::Mg5(x) => x.summary.as_str(),
                _ => "",
            };
            if !long_enough(summary) {
                vec![summary_missing()]
            } else if v.certified_by.is_none() {
                vec![Missing::new(
                    "mg5.certified",
                    kind,
                    "A supervisor must certify the case summary",
                    FixAt::File,
                )]
            } else {
                Vec::new()
            }
        }
        None => vec![summary_missing()],
    }
}

/// A document that is one narrative written on the file (MG6, MG15): missing as `code` unless
/// `written` holds of its content.
fn narrative(
    c: &CaseFileContent,
    kind: DocumentKind,
    written: impl Fn(&DocumentContent) -> bool,
    code: &str,
    message: &str,
) -> Vec<Missing> {
    if c.document(kind).map(|d| &d.content).is_some_and(written) {
        Vec::new()
    } else {
        vec![Missing::new(code, kind, message, FixAt::File)]
    }
}

/// MG6C, MG6D: the schedule of unused material certified complete.
fn schedule_complete(c: &CaseFileContent, kind: DocumentKind) -> Vec<Missing> {
    let ok = matches!(
        c.document(kind).map(|d| &d.content),
        Some(DocumentContent::Mg6c(x)) | Some(DocumentContent::Mg6d(x)) if x.complete
    );
    if ok {
        return Vec::new();
    }
    let (code, what) = if kind == DocumentKind::Mg6c {
        ("mg6c.complete", "non-sensitive")
    } else {
        ("mg6d.complete", "sensitive")
    };
    vec![Missing::new(
        code,
        kind,
        format!("The disclosure officer must certify the schedule of {what} unused material is complete"),
        FixAt::File,
    )]
}

/// MG9, MG11: at least one witness statement.
fn witness_statements(c: &CaseFileContent, kind: DocumentKind) -> Vec<Missing> {
    if c.statements.iter().any(|s| !s.personal_statement) {
        return Vec::new();
    }
    let code = if kind == DocumentKind::Mg9 {
        "mg9.witnesses"
    } else {
        "mg11.statements"
    };
    vec![Missing::new(
        code,
        kind,
        "Take at least one witness statement (MG11)",
        FixAt::Crime,
    )]
}
