//! The case file as the API carries it: defendants, requests, submissions and summaries.

use super::*;

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
