//! The reference data of every module in one answer, for the app's forms: the index's vocabularies
//! and link reasons, Investigation's offences, outcomes and DASH questions, Custody's risk questions
//! and suites.

use crate::db::Db;
use crate::error::ApiError;
use bluelamp_shared::reference::ReferenceData;

/// Everything, for the forms of `force`'s users.
pub async fn all(db: &Db, force: String) -> Result<ReferenceData, ApiError> {
    db.read(move |conn| {
        let (codes, link_reasons) = crate::index::reference::codes_and_reasons(conn, &force)?;
        let (offences, outcome_types, dash_questions) = crate::investigation::reference_lists(conn)?;
        Ok(ReferenceData {
            codes,
            link_reasons,
            offences,
            outcome_types,
            dash_questions,
            custody_risk_questions: crate::custody::risk_questions(conn)?,
            custody_suites: crate::custody::suites(conn)?,
        })
    })
    .await
}
