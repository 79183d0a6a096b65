//! Rows of the Investigation module: incidents, crimes, tasks, victims.

use crate::db::schema::{crimes, incidents, tasks, victims};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// An incident row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = incidents)]
pub struct IncidentRow {
    /// Id.
    pub id: String,
    /// Owning force.
    pub force_code: String,
    /// Reference.
    pub reference: String,
    /// Channel code.
    pub channel: String,
    /// Opening category.
    pub opening_category: String,
    /// Qualifier codes, comma-separated.
    pub qualifiers: String,
    /// Summary.
    pub summary: String,
    /// Reported (the recording clock starts).
    pub reported_at: NaiveDateTime,
    /// Location.
    pub location_id: Option<String>,
    /// Closing category.
    pub closing_category: Option<String>,
    /// `crime_recorded` or `no_crime`.
    pub decision: Option<String>,
    /// When decided.
    pub decided_at: Option<NaiveDateTime>,
    /// Why no crime.
    pub no_crime_rationale: Option<String>,
    /// The crime.
    pub crime_id: Option<String>,
    /// Creator.
    pub created_by: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}

/// A crime row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = crimes, treat_none_as_null = true)]
pub struct CrimeRow {
    /// Id.
    pub id: String,
    /// Owning force.
    pub force_code: String,
    /// Restricted.
    pub restricted: bool,
    /// Crime reference number.
    pub crn: Option<String>,
    /// State.
    pub state: String,
    /// Incident.
    pub incident_id: Option<String>,
    /// Classification.
    pub classification: Option<String>,
    /// Offence.
    pub offence: Option<String>,
    /// From.
    pub offence_from: Option<NaiveDateTime>,
    /// To.
    pub offence_to: Option<NaiveDateTime>,
    /// Location.
    pub location_id: Option<String>,
    /// Modus operandi.
    pub modus_operandi: String,
    /// Hate strands, comma-separated.
    pub hate_strands: String,
    /// Domestic abuse.
    pub domestic_abuse: bool,
    /// Reported.
    pub reported_at: NaiveDateTime,
    /// Recorded.
    pub recorded_at: Option<NaiveDateTime>,
    /// Officer in charge.
    pub officer_in_charge: Option<String>,
    /// Unit.
    pub unit: Option<String>,
    /// Proposed outcome.
    pub proposed_outcome: Option<String>,
    /// Outcome.
    pub outcome: Option<String>,
    /// Finalised.
    pub finalised_at: Option<NaiveDateTime>,
    /// Last return comments.
    pub returned_comments: Option<String>,
    /// When the state was entered.
    pub state_since: NaiveDateTime,
    /// Creator.
    pub created_by: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}

impl CrimeRow {
    /// Finds one.
    pub fn find(conn: &mut crate::db::AnyConnection, id: &str) -> QueryResult<Option<CrimeRow>> {
        crimes::table
            .find(id)
            .select(CrimeRow::as_select())
            .first(conn)
            .optional()
    }

    /// Finds those of `ids` that exist.
    pub fn find_many(conn: &mut crate::db::AnyConnection, ids: &[String]) -> QueryResult<Vec<CrimeRow>> {
        crimes::table
            .filter(crimes::id.eq_any(ids))
            .select(CrimeRow::as_select())
            .load(conn)
    }
}

/// A task row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tasks)]
pub struct TaskRow {
    /// Id.
    pub id: String,
    /// Force.
    pub force_code: String,
    /// Crime.
    pub crime_id: String,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Details.
    pub details: String,
    /// Assignee.
    pub assignee: Option<String>,
    /// Due.
    pub due_at: Option<NaiveDateTime>,
    /// Completed.
    pub completed_at: Option<NaiveDateTime>,
    /// Result.
    pub result: Option<String>,
    /// Victim (update deadlines).
    pub victim_id: Option<String>,
    /// Update event (update deadlines).
    pub update_event: Option<String>,
    /// Creator.
    pub created_by: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}

/// A victim row (one victim of one crime).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = victims)]
pub struct VictimRow {
    /// Id.
    pub id: String,
    /// Crime.
    pub crime_id: String,
    /// `person` or `organisation`.
    pub party_kind: String,
    /// The person or organisation.
    pub party_id: String,
    /// Care details as JSON.
    pub care: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}
