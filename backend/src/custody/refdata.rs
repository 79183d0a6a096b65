//! Custody's reference data: the risk-assessment questions and the suites with their cells.

use super::*;

/// The rules and reference data custody work needs.
pub struct CustodyRef {
    /// The PACE figures.
    pub pace: PaceRules,
    /// Visit figures.
    pub care: CareRules,
    /// Risk questions in force, in order.
    pub questions: Vec<RiskQuestion>,
}

impl CustodyRef {
    pub(super) fn load(conn: &mut AnyConnection) -> Result<Self, ApiError> {
        Ok(Self {
            pace: PaceRules::default(),
            care: CareRules::default(),
            questions: risk_questions(conn)?,
        })
    }
}

/// The risk-assessment questions in force.
pub fn risk_questions(conn: &mut AnyConnection) -> Result<Vec<RiskQuestion>, ApiError> {
    Ok(custody_risk_questions::table
        .filter(custody_risk_questions::active.eq(true))
        .order(custody_risk_questions::position)
        .select((
            custody_risk_questions::code,
            custody_risk_questions::text,
            custody_risk_questions::level_if_yes,
            custody_risk_questions::rousing_if_yes,
            custody_risk_questions::marker_if_yes,
        ))
        .load::<(String, String, i32, bool, Option<String>)>(conn)?
        .into_iter()
        .map(
            |(code, text, level, rousing_if_yes, marker_if_yes)| RiskQuestion {
                code,
                text,
                level_if_yes: level.clamp(1, 4) as u8,
                rousing_if_yes,
                marker_if_yes,
            },
        )
        .collect())
}

pub(super) type SuiteRow = (String, String, String, String, String);

pub(super) fn suite_dto((id, force_code, code, name, cells): SuiteRow) -> CustodySuite {
    CustodySuite {
        id: uuid(&id),
        force_code,
        code,
        name,
        cells: serde_json::from_str(&cells).unwrap_or_default(),
    }
}

pub(super) fn suite_columns() -> (
    custody_suites::id,
    custody_suites::force_code,
    custody_suites::code,
    custody_suites::name,
    custody_suites::cells,
) {
    (
        custody_suites::id,
        custody_suites::force_code,
        custody_suites::code,
        custody_suites::name,
        custody_suites::cells,
    )
}

/// Every active custody suite of the consortium.
pub fn suites(conn: &mut AnyConnection) -> Result<Vec<CustodySuite>, ApiError> {
    Ok(custody_suites::table
        .filter(custody_suites::active.eq(true))
        .order((custody_suites::force_code, custody_suites::name))
        .select(suite_columns())
        .load::<SuiteRow>(conn)?
        .into_iter()
        .map(suite_dto)
        .collect())
}

/// A suite open to new bookings (a closed suite keeps its records and board, but takes no one new).
pub(super) fn find_open_suite(conn: &mut AnyConnection, id: &str) -> Result<Option<CustodySuite>, ApiError> {
    Ok(custody_suites::table
        .find(id)
        .filter(custody_suites::active.eq(true))
        .select(suite_columns())
        .first::<SuiteRow>(conn)
        .optional()?
        .map(suite_dto))
}

pub(super) fn find_suite(conn: &mut AnyConnection, id: &str) -> Result<Option<CustodySuite>, ApiError> {
    Ok(custody_suites::table
        .find(id)
        .select(suite_columns())
        .first::<SuiteRow>(conn)
        .optional()?
        .map(suite_dto))
}

/// Ensures a suite exists (demo data and operators' set-up).
pub fn ensure_suite(
    conn: &mut AnyConnection,
    force: &str,
    code: &str,
    name: &str,
    cells: &[String],
) -> Result<(), ApiError> {
    let exists: i64 = custody_suites::table
        .filter(custody_suites::code.eq(code))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        diesel::insert_into(custody_suites::table)
            .values((
                custody_suites::id.eq(uuid::Uuid::new_v4().to_string()),
                custody_suites::force_code.eq(force),
                custody_suites::code.eq(code),
                custody_suites::name.eq(name),
                custody_suites::cells.eq(serde_json::to_string(cells).map_err(ApiError::internal)?),
                custody_suites::active.eq(true),
            ))
            .execute(conn)?;
    }
    Ok(())
}
