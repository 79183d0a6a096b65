//! Rows of the Custody module.

use crate::db::schema::{custody_entries, custody_records};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A custody record row: what the record was opened with, plus its state for the board.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = custody_records)]
pub struct CustodyRow {
    /// Id.
    pub id: String,
    /// Owning force.
    pub force_code: String,
    /// Custody number.
    pub number: String,
    /// Suite.
    pub suite_id: String,
    /// Cell.
    pub cell: Option<String>,
    /// The detainee.
    pub person_id: String,
    /// The crime the arrest relates to.
    pub crime_id: Option<String>,
    /// `open` or `closed`.
    pub state: String,
    /// The arrest (JSON).
    pub arrest: String,
    /// An offence is indictable.
    pub indictable: bool,
    /// Arrest Summons Number.
    pub asn: String,
    /// Relevant time.
    pub relevant_time: NaiveDateTime,
    /// `authorised` or `refused`.
    pub decision: String,
    /// Decided at.
    pub decided_at: NaiveDateTime,
    /// Decided by.
    pub decided_by: String,
    /// Reason.
    pub decision_reason: String,
    /// Self-defined ethnicity.
    pub self_defined_ethnicity: String,
    /// Officer-defined ethnicity.
    pub officer_defined_ethnicity: String,
    /// Nationality.
    pub nationality: String,
    /// Released at.
    pub released_at: Option<NaiveDateTime>,
    /// Opened by.
    pub created_by: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}

impl CustodyRow {
    /// Finds a record.
    pub fn find(conn: &mut crate::db::AnyConnection, id: &str) -> QueryResult<Option<CustodyRow>> {
        custody_records::table
            .find(id)
            .select(CustodyRow::as_select())
            .first(conn)
            .optional()
    }
}

/// An entry of a custody record.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = custody_entries)]
pub struct EntryRow {
    /// Id.
    pub id: String,
    /// The record.
    pub record_id: String,
    /// Kind.
    pub kind: String,
    /// When it happened.
    pub at: NaiveDateTime,
    /// The entry (JSON).
    pub data: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: NaiveDateTime,
}
