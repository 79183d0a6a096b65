//! Rows of the Case module: statements, the unused-material register and case files.

use crate::db::schema::{
    case_decisions, case_documents, case_files, case_submissions, statements, unused_material,
};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A witness statement or victim personal statement.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = statements)]
pub struct StatementRow {
    /// Id.
    pub id: String,
    /// The crime.
    pub crime_id: String,
    /// The force of the officer who took it.
    pub force_code: String,
    /// The witness (none: the officer).
    pub witness_person_id: Option<String>,
    /// The witness's name.
    pub witness_name: String,
    /// The officer is the witness.
    pub officer_witness: bool,
    /// Occupation.
    pub occupation: String,
    /// Over 18.
    pub over_18: bool,
    /// The statement.
    pub text: String,
    /// A victim personal statement.
    pub personal_statement: bool,
    /// Made.
    pub made_at: NaiveDateTime,
    /// Taken by.
    pub recorded_by: String,
    /// Recorded.
    pub recorded_at: NaiveDateTime,
}

/// An item of the unused-material register.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = unused_material)]
pub struct UnusedRow {
    /// Id.
    pub id: String,
    /// The crime.
    pub crime_id: String,
    /// Schedule number.
    pub number: i64,
    /// What it is.
    pub description: String,
    /// Where it is kept.
    pub location: String,
    /// Sensitive.
    pub sensitive: bool,
    /// Why.
    pub sensitivity_reason: String,
    /// Added by.
    pub recorded_by: String,
    /// When.
    pub recorded_at: NaiveDateTime,
}

/// A case file.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = case_files)]
pub struct CaseFileRow {
    /// Id.
    pub id: String,
    /// Owning force (the crime's).
    pub force_code: String,
    /// URN.
    pub urn: String,
    /// The crime.
    pub crime_id: String,
    /// File type.
    pub file_type: String,
    /// State.
    pub state: String,
    /// Offence codes the CPS decided to charge (JSON array).
    pub cps_charges: String,
    /// Created by.
    pub created_by: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}

impl CaseFileRow {
    /// Finds a file.
    pub fn find(conn: &mut crate::db::AnyConnection, id: &str) -> QueryResult<Option<CaseFileRow>> {
        case_files::table
            .find(id)
            .select(CaseFileRow::as_select())
            .first(conn)
            .optional()
    }
}

/// A version of a written document.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = case_documents)]
pub struct DocumentRow {
    /// Id.
    pub id: String,
    /// The file.
    pub case_file_id: String,
    /// The form.
    pub kind: String,
    /// Version.
    pub version: i64,
    /// The content (JSON).
    pub content: String,
    /// Written by.
    pub written_by: String,
    /// When.
    pub written_at: NaiveDateTime,
    /// Certified by.
    pub certified_by: Option<String>,
    /// When.
    pub certified_at: Option<NaiveDateTime>,
}

/// A submission to the CPS.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = case_submissions)]
pub struct SubmissionRow {
    /// Id.
    pub id: String,
    /// The file.
    pub case_file_id: String,
    /// 1, 2...
    pub number: i64,
    /// File type sent.
    pub file_type: String,
    /// The file as sent (JSON).
    pub content: String,
    /// By.
    pub submitted_by: String,
    /// When.
    pub submitted_at: NaiveDateTime,
}

/// A CPS decision.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = case_decisions)]
pub struct DecisionRow {
    /// Id.
    pub id: String,
    /// The file.
    pub case_file_id: String,
    /// The submission answered.
    pub submission: i64,
    /// accept, charge, return.
    pub decision: String,
    /// Charges (JSON).
    pub charges: String,
    /// Action plan (JSON).
    pub actions: String,
    /// Comments.
    pub comments: String,
    /// The prosecutor.
    pub decided_by: String,
    /// When.
    pub decided_at: NaiveDateTime,
}
