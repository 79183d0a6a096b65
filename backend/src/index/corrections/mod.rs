//! Corrections asked of the force that owns an index record. Another force that sees a record may
//! link to it and add markers, never change it: when it believes the record wrong it asks the owner
//! here, and the owner accepts or refuses with its reason (ADR 0018). The owner's staff record a data
//! subject's request for rectification the same way (Data Protection Act 2018 s.46), so both kinds
//! keep the value as it read, the value proposed, who decided and why, and a refused correction stays
//! listed with the record.

pub mod routes;

use crate::db::schema::correction_requests as cr;
use crate::db::{now, utc, AnyConnection, Db};
use crate::error::ApiError;
use crate::http::IfMatch;
use crate::index::links::named_record;
use crate::index::reference::Reference;
use crate::kernel::access::{self, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::Outcome;
use crate::kernel::paging::{Cursor, Paging};
use crate::kernel::users::{user_ref, user_refs};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::index::corrections::{
    check_correction, check_decision, CorrectionDecision, CorrectionDto, CorrectionQuery, CorrectionSource,
    CorrectionState, CreateCorrectionRequest, DecideCorrectionRequest,
};
use bluelamp_shared::paging::Page;
use bluelamp_shared::records::{RecordKind, RecordRef};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// A correction as stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = cr)]
struct CorrectionRow {
    id: String,
    record_kind: String,
    record_id: String,
    owner_force: String,
    source: String,
    requested_by: String,
    requested_by_force: String,
    requested_at: NaiveDateTime,
    field: String,
    current_value: String,
    proposed_value: String,
    reason: String,
    state: String,
    decided_by: Option<String>,
    decided_at: Option<NaiveDateTime>,
    decision_reason: Option<String>,
    version: i64,
}

/// The kinds of record a correction may be about (the index's own records).
const CORRECTABLE: [RecordKind; 4] = [
    RecordKind::Person,
    RecordKind::Organisation,
    RecordKind::Object,
    RecordKind::Location,
];

fn dtos(conn: &mut AnyConnection, rows: Vec<CorrectionRow>) -> Result<Vec<CorrectionDto>, ApiError> {
    let ids: Vec<String> = rows
        .iter()
        .flat_map(|r| std::iter::once(r.requested_by.clone()).chain(r.decided_by.clone()))
        .collect();
    let refs = user_refs(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| CorrectionDto {
            id: r.id.parse().unwrap_or_default(),
            record: RecordRef {
                kind: RecordKind::parse(&r.record_kind).unwrap_or(RecordKind::Person),
                id: r.record_id.parse().unwrap_or_default(),
            },
            owner: ForceCode(r.owner_force),
            source: CorrectionSource::parse(&r.source).unwrap_or(CorrectionSource::PartnerForce),
            requested_by: user_ref(&refs, &r.requested_by),
            requested_by_force: ForceCode(r.requested_by_force),
            requested_at: utc(r.requested_at),
            field: r.field,
            current_value: r.current_value,
            proposed_value: r.proposed_value,
            reason: r.reason,
            state: CorrectionState::parse(&r.state).unwrap_or(CorrectionState::Open),
            decided_by: r.decided_by.as_deref().map(|u| user_ref(&refs, u)),
            decided_at: r.decided_at.map(utc),
            decision_reason: r.decision_reason,
            version: r.version,
        })
        .collect())
}

fn one(conn: &mut AnyConnection, row: CorrectionRow) -> Result<CorrectionDto, ApiError> {
    dtos(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::not_found("correction"))
}

/// Asks the owner of a record the caller sees to correct it; safe to retry with the same key. A
/// data subject's request is recorded by the owner's staff only.
pub async fn create(
    db: &Db,
    caller: &Caller,
    req: CreateCorrectionRequest,
    key: Option<String>,
    today: NaiveDate,
) -> Result<Outcome<CorrectionDto>, ApiError> {
    crate::admin::create_checked(
        db,
        caller,
        req,
        key,
        move |conn, c, req| {
            let mut errors = check_correction(req);
            if !CORRECTABLE.contains(&req.record.kind) {
                errors.push(FieldError::new(
                    "record.kind",
                    "not_correctable",
                    "Corrections are asked of people, organisations, objects and locations",
                ));
                return Ok((errors, None));
            }
            let vis = Visibility::load(conn, c)?;
            let reference = Reference::load(conn)?;
            let Some(found) = named_record(conn, &vis, &reference, today, &req.record)? else {
                errors.push(FieldError::new(
                    "record.id",
                    "not_found",
                    "No such record is available to you",
                ));
                return Ok((errors, None));
            };
            let own = access::is_owner(c, &found.owner);
            let source = match (req.source, own) {
                (Some(CorrectionSource::DataSubject), false) => {
                    errors.push(FieldError::new(
                        "source",
                        "owner_only",
                        "A data subject's request is recorded by the force that owns the record",
                    ));
                    CorrectionSource::DataSubject
                }
                (Some(CorrectionSource::PartnerForce), true) | (None, true) => {
                    errors.push(FieldError::new(
                        "source",
                        "own_record",
                        "Your force owns this record: change it, or record the data subject's request (source data_subject)",
                    ));
                    CorrectionSource::PartnerForce
                }
                (Some(s), _) => s,
                (None, false) => CorrectionSource::PartnerForce,
            };
            Ok((errors, Some((found.owner, source))))
        },
        |conn, c, req, found| {
            let (owner, source) = found.ok_or_else(|| ApiError::not_found("record"))?;
            let row = CorrectionRow {
                id: uuid::Uuid::new_v4().to_string(),
                record_kind: req.record.kind.as_str().to_owned(),
                record_id: req.record.id.to_string(),
                owner_force: owner,
                source: source.as_str().to_owned(),
                requested_by: c.user_id.clone(),
                requested_by_force: c.force_code.clone(),
                requested_at: now(),
                field: req.field.trim().to_owned(),
                current_value: req.current_value.trim().to_owned(),
                proposed_value: req.proposed_value.trim().to_owned(),
                reason: req.reason.trim().to_owned(),
                state: CorrectionState::Open.as_str().to_owned(),
                decided_by: None,
                decided_at: None,
                decision_reason: None,
                version: 1,
            };
            diesel::insert_into(cr::table).values(&row).execute(conn)?;
            audit::append(
                conn,
                AuditAction::Create,
                Entry::by(c)
                    .owned_record(&row.record_kind, &row.record_id, &row.owner_force)
                    .detail(format!(
                        "correction asked ({}): {}: {:?} → {:?}",
                        row.source, row.field, row.current_value, row.proposed_value
                    )),
            )?;
            one(conn, row)
        },
    )
    .await
}

/// The corrections the caller's force may see: those about its own records (to decide) and those it
/// asked for. Oldest first; `state=open` is the owner's queue.
pub async fn list(db: &Db, caller: &Caller, q: CorrectionQuery) -> Result<Page<CorrectionDto>, ApiError> {
    let paging = Paging::with_default(&q.page(), 50)?;
    let force = caller.force_code.clone();
    db.read(move |conn| {
        let mut query = cr::table
            .filter(
                cr::owner_force
                    .eq(force.clone())
                    .or(cr::requested_by_force.eq(force)),
            )
            .select(CorrectionRow::as_select())
            .into_boxed();
        if let Some(s) = q.state {
            query = query.filter(cr::state.eq(s.as_str()));
        }
        if let Some(r) = q.record_id {
            query = query.filter(cr::record_id.eq(r.to_string()));
        }
        let rows: Vec<CorrectionRow> =
            crate::keyset!(query, paging, asc(cr::requested_at, cr::id)).load(conn)?;
        paging.page(
            rows,
            |r| Cursor::at(r.requested_at, &r.id),
            |rows| dtos(conn, rows),
        )
    })
    .await
}

/// One correction: the owner's force or the force that asked; any other is not found (audited).
fn find(conn: &mut AnyConnection, c: &Caller, id: &str) -> Result<CorrectionRow, ApiError> {
    let row: CorrectionRow = cr::table
        .find(id)
        .select(CorrectionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("correction"))?;
    if !access::is_owner(c, &row.requested_by_force) {
        access::own_record(c, "correction", &row.id, &row.owner_force)?;
    }
    Ok(row)
}

/// One correction; the read is audited on the record it is about (it quotes the record's data).
pub async fn get(db: &Db, caller: &Caller, id: uuid::Uuid) -> Result<CorrectionDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = find(conn, &c, &id.to_string())?;
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c)
                .owned_record(&row.record_kind, &row.record_id, &row.owner_force)
                .detail(format!("correction read ({})", row.field)),
        )?;
        one(conn, row)
    })
    .await
}

/// The owner accepts or refuses an open correction, saying why, if it is still at the version read.
/// Deciding again the same way with the same reason changes nothing, so a retry is safe.
pub async fn decide(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    expected: IfMatch,
    req: DecideCorrectionRequest,
) -> Result<CorrectionDto, ApiError> {
    let errors = check_decision(&req);
    let c = caller.clone();
    db.write(move |conn| {
        let row = find(conn, &c, &id.to_string())?;
        access::owner_only(
            &c,
            "correction",
            &row.id,
            &row.owner_force,
            "Only the force that owns the record decides a correction to it",
        )?;
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let state = match req.decision {
            CorrectionDecision::Accept => CorrectionState::Accepted,
            CorrectionDecision::Refuse => CorrectionState::Refused,
        };
        let reason = req.reason.trim().to_owned();
        if row.state != CorrectionState::Open.as_str() {
            return if row.state == state.as_str() && row.decision_reason.as_deref() == Some(reason.as_str()) {
                one(conn, row)
            } else {
                Err(ApiError::conflict("This correction was already decided"))
            };
        }
        let version = expected.expect(row.version);
        let changed = diesel::update(
            cr::table
                .filter(cr::id.eq(&row.id))
                .filter(cr::version.eq(version)),
        )
        .set((
            cr::state.eq(state.as_str()),
            cr::decided_by.eq(&c.user_id),
            cr::decided_at.eq(now()),
            cr::decision_reason.eq(&reason),
            cr::version.eq(version + 1),
        ))
        .execute(conn)?;
        if changed == 0 {
            return Err(ApiError::precondition_failed(crate::http::etag(row.version)));
        }
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record(&row.record_kind, &row.record_id, &row.owner_force)
                .detail(format!("correction {} ({}): {reason}", state.as_str(), row.field)),
        )?;
        let row = find(conn, &c, &row.id)?;
        one(conn, row)
    })
    .await
}
