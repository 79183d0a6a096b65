//! The force's stations, teams and units, managed by its administrator: add one, rename it, move a
//! team or unit to another station, close it (not while users belong to it, others work from it or
//! open crimes are allocated to it). Crimes are allocated to teams and units by code.

use crate::db::schema::{crimes, force_units, users};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::http::IfMatch;
use crate::kernel::access;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::Outcome;
use bluelamp_shared::admin::units::{
    check_new_unit, check_unit_update, CreateUnitRequest, UnitDto, UnitKind, UpdateUnitRequest,
};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::investigation::CrimeState;
use diesel::prelude::*;

type Row = (String, String, String, String, String, Option<String>, bool, i64);

fn columns() -> (
    force_units::id,
    force_units::force_code,
    force_units::code,
    force_units::name,
    force_units::kind,
    force_units::station_id,
    force_units::active,
    force_units::version,
) {
    (
        force_units::id,
        force_units::force_code,
        force_units::code,
        force_units::name,
        force_units::kind,
        force_units::station_id,
        force_units::active,
        force_units::version,
    )
}

fn members(conn: &mut AnyConnection, id: &str) -> Result<i64, ApiError> {
    Ok(users::table
        .filter(users::unit_id.eq(id))
        .filter(users::active.eq(true))
        .count()
        .get_result(conn)?)
}

fn dto(conn: &mut AnyConnection, r: Row) -> Result<UnitDto, ApiError> {
    let members = members(conn, &r.0)?;
    Ok(UnitDto {
        id: r.0.parse().unwrap_or_default(),
        force: ForceCode(r.1),
        code: r.2,
        name: r.3,
        kind: UnitKind::parse(&r.4).unwrap_or(UnitKind::Unit),
        station: r.5.and_then(|s| s.parse().ok()),
        active: r.6,
        members,
        version: r.7,
    })
}

fn find_own(conn: &mut AnyConnection, c: &Caller, id: &str) -> Result<Row, ApiError> {
    let row: Row = force_units::table
        .find(id)
        .select(columns())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("station, team or unit"))?;
    access::own_record(c, "force unit", &row.0, &row.1)?;
    Ok(row)
}

/// Whether `id` is an open station, team or unit of `force` (for a user's membership).
pub fn is_active_unit_of(conn: &mut AnyConnection, id: &str, force: &str) -> Result<bool, ApiError> {
    Ok(force_units::table
        .filter(force_units::id.eq(id))
        .filter(force_units::force_code.eq(force))
        .filter(force_units::active.eq(true))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// Whether `code` is an open team or unit of `force` (work is allocated to teams and units, never to
/// a station).
pub fn is_allocation_unit_of(conn: &mut AnyConnection, code: &str, force: &str) -> Result<bool, ApiError> {
    Ok(force_units::table
        .filter(force_units::code.eq(code))
        .filter(force_units::force_code.eq(force))
        .filter(force_units::kind.ne("station"))
        .filter(force_units::active.eq(true))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// The names of the stations, teams and units among `codes`, open or closed (work allocated before a
/// unit closed keeps its name), by code.
pub fn names_by_code(
    conn: &mut AnyConnection,
    codes: &[String],
) -> Result<std::collections::HashMap<String, String>, ApiError> {
    if codes.is_empty() {
        return Ok(Default::default());
    }
    Ok(force_units::table
        .filter(force_units::code.eq_any(codes))
        .select((force_units::code, force_units::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// The fault, if `station` is not an open station of `force`.
fn station_fault(
    conn: &mut AnyConnection,
    station: Option<uuid::Uuid>,
    force: &str,
) -> Result<Option<FieldError>, ApiError> {
    let Some(s) = station else { return Ok(None) };
    let ok = force_units::table
        .filter(force_units::id.eq(s.to_string()))
        .filter(force_units::force_code.eq(force))
        .filter(force_units::kind.eq("station"))
        .filter(force_units::active.eq(true))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    Ok((!ok).then(|| FieldError::new("station", "unknown", "No open station of your force has that id")))
}

/// The caller's force's stations, teams and units, open and closed, by code (any member of the force
/// may read them: they are what users and work are assigned to).
pub async fn list(db: &Db, caller: &Caller) -> Result<Vec<UnitDto>, ApiError> {
    let force = caller.force_code.clone();
    db.read(move |conn| {
        let rows: Vec<Row> = force_units::table
            .filter(force_units::force_code.eq(&force))
            .order(force_units::code)
            .select(columns())
            .load(conn)?;
        rows.into_iter().map(|r| dto(conn, r)).collect()
    })
    .await
}

/// Adds a station, team or unit to the caller's force; safe to retry with the same idempotency key.
pub async fn create(
    db: &Db,
    caller: &Caller,
    req: CreateUnitRequest,
    key: Option<String>,
) -> Result<Outcome<UnitDto>, ApiError> {
    super::create_checked(
        db,
        caller,
        req,
        key,
        |conn, c, req| {
            let mut errors = check_new_unit(req, &c.force_code);
            if errors.iter().all(|e| e.path != "code")
                && force_units::table
                    .filter(force_units::code.eq(req.code.trim()))
                    .count()
                    .get_result::<i64>(conn)?
                    > 0
            {
                errors.push(FieldError::new("code", "taken", "That code is already in use"));
            }
            if errors.iter().all(|e| e.path != "station") {
                errors.extend(station_fault(conn, req.station, &c.force_code)?);
            }
            Ok((errors, ()))
        },
        |conn, c, req, ()| {
            let id = uuid::Uuid::new_v4().to_string();
            let code = req.code.trim();
            diesel::insert_into(force_units::table)
                .values((
                    force_units::id.eq(&id),
                    force_units::force_code.eq(&c.force_code),
                    force_units::code.eq(code),
                    force_units::name.eq(req.name.trim()),
                    force_units::kind.eq(req.kind.as_str()),
                    force_units::station_id.eq(req.station.map(|s| s.to_string())),
                    force_units::active.eq(true),
                    force_units::version.eq(1),
                ))
                .execute(conn)?;
            audit::append(
                conn,
                AuditAction::Create,
                Entry::by(c)
                    .owned_record("force_unit", &id, &c.force_code)
                    .detail(format!("added {} {code}", req.kind.as_str())),
            )?;
            let row = find_own(conn, c, &id)?;
            dto(conn, row)
        },
    )
    .await
}

/// Changes a station, team or unit of the caller's force if still at the version read.
pub async fn update(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    expected: IfMatch,
    req: UpdateUnitRequest,
) -> Result<UnitDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = find_own(conn, &c, &id.to_string())?;
        let kind = UnitKind::parse(&row.4).unwrap_or(UnitKind::Unit);
        let mut errors = check_unit_update(&req, kind);
        if errors.iter().all(|e| e.path != "station") {
            errors.extend(station_fault(conn, req.station, &c.force_code)?);
        }
        if req.active == Some(false) && row.6 {
            let n = members(conn, &row.0)?;
            if n > 0 {
                errors.push(FieldError::new(
                    "active",
                    "members",
                    format!("{n} users belong to it: move them first"),
                ));
            }
            let working_from: i64 = force_units::table
                .filter(force_units::station_id.eq(&row.0))
                .filter(force_units::active.eq(true))
                .count()
                .get_result(conn)?;
            if working_from > 0 {
                errors.push(FieldError::new(
                    "active",
                    "in_use",
                    format!("{working_from} teams or units work from it: move or close them first"),
                ));
            }
            let open_crimes: i64 = crimes::table
                .filter(crimes::unit.eq(&row.2))
                .filter(crimes::force_code.eq(&row.1))
                .filter(
                    crimes::state.ne_all([CrimeState::Finalised.as_str(), CrimeState::Cancelled.as_str()]),
                )
                .count()
                .get_result(conn)?;
            if open_crimes > 0 {
                errors.push(FieldError::new(
                    "active",
                    "allocated",
                    format!("{open_crimes} open crimes are allocated to it: reallocate them first"),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let expected_version = expected.expect(row.7);
        let changed = diesel::update(
            force_units::table
                .filter(force_units::id.eq(&row.0))
                .filter(force_units::version.eq(expected_version)),
        )
        .set((
            force_units::name.eq(req.name.as_deref().map(str::trim).unwrap_or(&row.3)),
            force_units::station_id.eq(req.station.map(|s| s.to_string()).or(row.5.clone())),
            force_units::active.eq(req.active.unwrap_or(row.6)),
            force_units::version.eq(expected_version + 1),
        ))
        .execute(conn)?;
        if changed == 0 {
            return Err(ApiError::precondition_failed(crate::http::etag(row.7)));
        }
        let fields: Vec<&str> = [
            (req.name.is_some(), "name"),
            (req.station.is_some(), "station"),
            (req.active.is_some(), "active"),
        ]
        .into_iter()
        .filter_map(|(set, name)| set.then_some(name))
        .collect();
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("force_unit", &row.0, &row.1)
                .detail(format!("changed: {}", fields.join(", "))),
        )?;
        let row = find_own(conn, &c, &row.0)?;
        dto(conn, row)
    })
    .await
}
