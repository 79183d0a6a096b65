//! Rows of the Intelligence module.

use crate::db::schema::intel_reports;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// An intelligence report row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = intel_reports, treat_none_as_null = true)]
pub struct ReportRow {
    /// Id.
    pub id: String,
    /// Owning force.
    pub force_code: String,
    /// Reference.
    pub reference: String,
    /// State.
    pub state: String,
    /// Restricted (always, until disseminated without restriction).
    pub restricted: bool,
    /// The submitter's text.
    pub original_text: String,
    /// The disseminated text.
    pub sanitised_text: Option<String>,
    /// Obtained at.
    pub obtained_at: NaiveDateTime,
    /// Obtained where.
    pub obtained_where: String,
    /// The source.
    pub source_id: Option<String>,
    /// Priority.
    pub priority: String,
    /// Source evaluation.
    pub source_evaluation: Option<String>,
    /// Assessment.
    pub assessment: Option<String>,
    /// Handling code.
    pub handling: Option<String>,
    /// Handling conditions.
    pub handling_conditions: Option<String>,
    /// Review date.
    pub review_date: Option<NaiveDate>,
    /// Legacy reference.
    pub legacy_reference: Option<String>,
    /// Legacy grading as JSON.
    pub legacy_grading: Option<String>,
    /// Questions.
    pub questions: Option<String>,
    /// Answers.
    pub answers: Option<String>,
    /// Evaluator.
    pub evaluated_by: Option<String>,
    /// Disseminated at.
    pub disseminated_at: Option<NaiveDateTime>,
    /// State since.
    pub state_since: NaiveDateTime,
    /// Submitter.
    pub created_by: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}

impl ReportRow {
    /// Finds one.
    pub fn find(conn: &mut crate::db::AnyConnection, id: &str) -> QueryResult<Option<ReportRow>> {
        intel_reports::table
            .find(id)
            .select(ReportRow::as_select())
            .first(conn)
            .optional()
    }
}
