//! Custody suites of the administrator's force: open one, rename it, change its cells, close it. A
//! cell with a detainee in it cannot be removed, nor a suite with detainees closed.

use crate::db::schema::{custody_records, custody_suites};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::http::IfMatch;
use crate::kernel::access;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::Outcome;
use bluelamp_shared::admin::suites::{
    check_new_suite, check_suite_update, CreateSuiteRequest, SuiteDto, UpdateSuiteRequest,
};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::ids::ForceCode;
use diesel::prelude::*;

type Row = (String, String, String, String, Option<String>, String, bool, i64);

fn columns() -> (
    custody_suites::id,
    custody_suites::force_code,
    custody_suites::code,
    custody_suites::name,
    custody_suites::station,
    custody_suites::cells,
    custody_suites::active,
    custody_suites::version,
) {
    (
        custody_suites::id,
        custody_suites::force_code,
        custody_suites::code,
        custody_suites::name,
        custody_suites::station,
        custody_suites::cells,
        custody_suites::active,
        custody_suites::version,
    )
}

/// The cells occupied by open custody records of a suite.
fn occupied(conn: &mut AnyConnection, suite_id: &str) -> Result<Vec<Option<String>>, ApiError> {
    Ok(custody_records::table
        .filter(custody_records::suite_id.eq(suite_id))
        .filter(custody_records::state.eq("open"))
        .select(custody_records::cell)
        .load(conn)?)
}

fn dto(conn: &mut AnyConnection, r: Row) -> Result<SuiteDto, ApiError> {
    let open = occupied(conn, &r.0)?.len() as i64;
    Ok(SuiteDto {
        id: r.0.parse().unwrap_or_default(),
        force: ForceCode(r.1),
        code: r.2,
        name: r.3,
        station: r.4,
        cells: serde_json::from_str(&r.5).unwrap_or_default(),
        active: r.6,
        open_records: open,
        version: r.7,
    })
}

fn find(conn: &mut AnyConnection, id: &str) -> Result<Row, ApiError> {
    custody_suites::table
        .find(id)
        .select(columns())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("custody suite"))
}

fn tidy_cells(cells: &[String]) -> Result<String, ApiError> {
    let cells: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
    serde_json::to_string(&cells).map_err(ApiError::internal)
}

/// The suites of the caller's force, open and closed, by code.
pub async fn list(db: &Db, caller: &Caller) -> Result<Vec<SuiteDto>, ApiError> {
    let force = caller.force_code.clone();
    db.read(move |conn| {
        let rows: Vec<Row> = custody_suites::table
            .filter(custody_suites::force_code.eq(&force))
            .order(custody_suites::code)
            .select(columns())
            .load(conn)?;
        rows.into_iter().map(|r| dto(conn, r)).collect()
    })
    .await
}

/// Opens a suite in the caller's force; safe to retry with the same idempotency key.
pub async fn create(
    db: &Db,
    caller: &Caller,
    req: CreateSuiteRequest,
    key: Option<String>,
) -> Result<Outcome<SuiteDto>, ApiError> {
    super::create_checked(
        db,
        caller,
        req,
        key,
        |conn, c, req| {
            let mut errors = check_new_suite(req, &c.force_code);
            if errors.iter().all(|e| e.path != "code")
                && custody_suites::table
                    .filter(custody_suites::code.eq(req.code.trim()))
                    .count()
                    .get_result::<i64>(conn)?
                    > 0
            {
                errors.push(FieldError::new("code", "taken", "A suite already has that code"));
            }
            Ok((errors, ()))
        },
        |conn, c, req, ()| {
            let id = uuid::Uuid::new_v4().to_string();
            let code = req.code.trim();
            let station = req.station.as_deref().map(str::trim).filter(|s| !s.is_empty());
            diesel::insert_into(custody_suites::table)
                .values((
                    custody_suites::id.eq(&id),
                    custody_suites::force_code.eq(&c.force_code),
                    custody_suites::code.eq(code),
                    custody_suites::name.eq(req.name.trim()),
                    custody_suites::station.eq(station),
                    custody_suites::cells.eq(tidy_cells(&req.cells)?),
                    custody_suites::active.eq(true),
                    custody_suites::version.eq(1),
                ))
                .execute(conn)?;
            audit::append(
                conn,
                AuditAction::Create,
                Entry::by(c)
                    .record("custody_suite", &id)
                    .detail(format!("opened {code} with {} cells", req.cells.len())),
            )?;
            let row = find(conn, &id)?;
            dto(conn, row)
        },
    )
    .await
}

/// What a change would break: removing a cell a detainee is in, or closing a suite with detainees.
fn occupancy_faults(
    conn: &mut AnyConnection,
    suite_id: &str,
    req: &UpdateSuiteRequest,
) -> Result<Vec<FieldError>, ApiError> {
    let in_use = occupied(conn, suite_id)?;
    let mut errors = Vec::new();
    if let Some(cells) = &req.cells {
        let mut lost: Vec<&str> = in_use
            .iter()
            .flatten()
            .map(String::as_str)
            .filter(|c| !cells.iter().any(|n| n.trim() == *c))
            .collect();
        lost.sort();
        lost.dedup();
        if !lost.is_empty() {
            errors.push(FieldError::new(
                "cells",
                "occupied",
                format!(
                    "A detainee is in {}: move them before removing it",
                    lost.join(", ")
                ),
            ));
        }
    }
    if req.active == Some(false) && !in_use.is_empty() {
        errors.push(FieldError::new(
            "active",
            "open_records",
            format!(
                "{} detainees are in this suite: it cannot close until they leave",
                in_use.len()
            ),
        ));
    }
    Ok(errors)
}

/// Changes a suite of the caller's force if it is still at the version the caller read.
pub async fn update(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    expected: IfMatch,
    req: UpdateSuiteRequest,
) -> Result<SuiteDto, ApiError> {
    let errors = check_suite_update(&req);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let c = caller.clone();
    db.write(move |conn| {
        let row = find(conn, &id.to_string())?;
        access::own_record(&c, "custody suite", &row.0, &row.1)?;
        let expected_version = expected.expect(row.7);
        if row.7 != expected_version {
            return Err(ApiError::precondition_failed(crate::http::etag(row.7)));
        }
        let errors = occupancy_faults(conn, &row.0, &req)?;
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let station = req.station.as_deref().map(str::trim);
        let changed = diesel::update(
            custody_suites::table
                .filter(custody_suites::id.eq(&row.0))
                .filter(custody_suites::version.eq(expected_version)),
        )
        .set((
            custody_suites::name.eq(req.name.as_deref().map(str::trim).unwrap_or(&row.3)),
            custody_suites::station.eq(match station {
                Some("") => None,
                Some(s) => Some(s),
                None => row.4.as_deref(),
            }),
            custody_suites::cells.eq(match &req.cells {
                Some(cells) => tidy_cells(cells)?,
                None => row.5.clone(),
            }),
            custody_suites::active.eq(req.active.unwrap_or(row.6)),
            custody_suites::version.eq(expected_version + 1),
        ))
        .execute(conn)?;
        if changed == 0 {
            return Err(ApiError::precondition_failed(crate::http::etag(row.7)));
        }
        let mut fields: Vec<&str> = Vec::new();
        for (set, name) in [
            (req.name.is_some(), "name"),
            (req.station.is_some(), "station"),
            (req.cells.is_some(), "cells"),
            (req.active.is_some(), "active"),
        ] {
            if set {
                fields.push(name);
            }
        }
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .record("custody_suite", &row.0)
                .detail(format!("changed: {}", fields.join(", "))),
        )?;
        let updated = find(conn, &row.0)?;
        dto(conn, updated)
    })
    .await
}
