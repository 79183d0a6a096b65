//! Sharing agreements: the owning force proposes, the partner accepts or declines, either suspends or
//! ends. The access gate ([`crate::kernel::access::Visibility`]) reads the agreements in force on every
//! request, so a step takes effect on the next request. Every step is kept as history and audited.

use crate::db::schema::{agreement_events, agreements};
use crate::db::{now, utc, AnyConnection, Db};
use crate::error::ApiError;
use crate::http::IfMatch;
use crate::kernel::access::{self, parse_scopes};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::forces::Force;
use crate::kernel::idempotency::{self, Outcome};
use bluelamp_shared::admin::agreements::{
    check_proposal, check_step, in_force, next_state, AgreementAccess, AgreementDto, AgreementEventDto,
    AgreementState, AgreementStepRequest, ProposeAgreementRequest, SharingScope, Side,
};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::ids::ForceCode;
use chrono::NaiveDate;
use diesel::prelude::*;

/// An agreement row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = agreements)]
pub struct AgreementRow {
    /// Id.
    pub id: String,
    /// The force whose records are shared.
    pub owner_force: String,
    /// The force that sees them.
    pub partner_force: String,
    /// JSON array of scope names.
    pub scopes: String,
    /// `read` or `read_and_link`.
    pub access: String,
    /// First day in force.
    pub starts_on: NaiveDate,
    /// Last day in force.
    pub ends_on: Option<NaiveDate>,
    /// Why.
    pub purpose: String,
    /// State name.
    pub state: String,
    /// `owner` or `partner`, when suspended.
    pub suspended_by: Option<String>,
    /// Created.
    pub created_at: chrono::NaiveDateTime,
    /// Last changed.
    pub updated_at: chrono::NaiveDateTime,
    /// Version.
    pub version: i64,
    /// The handling codes of the intelligence it shares (`P,C`).
    pub intelligence_handling: String,
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Owner => "owner",
        Side::Partner => "partner",
    }
}

fn parse_side(s: &str) -> Option<Side> {
    [Side::Owner, Side::Partner]
        .into_iter()
        .find(|x| side_name(*x) == s)
}

fn find(conn: &mut AnyConnection, id: &str) -> Result<AgreementRow, ApiError> {
    agreements::table
        .find(id)
        .select(AgreementRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("agreement"))
}

fn add_event(
    conn: &mut AnyConnection,
    c: &Caller,
    agreement_id: &str,
    action: &str,
    reason: Option<&str>,
) -> Result<(), ApiError> {
    let name = crate::kernel::users::User::find(conn, &c.user_id)?
        .map(|u| u.display_name)
        .unwrap_or_else(|| c.username.clone());
    diesel::insert_into(agreement_events::table)
        .values((
            agreement_events::id.eq(uuid::Uuid::new_v4().to_string()),
            agreement_events::agreement_id.eq(agreement_id),
            agreement_events::at.eq(now()),
            agreement_events::action.eq(action),
            agreement_events::by_force.eq(&c.force_code),
            agreement_events::by_user_id.eq(&c.user_id),
            agreement_events::by_user_name.eq(name),
            agreement_events::reason.eq(reason),
        ))
        .execute(conn)?;
    Ok(())
}

fn dto(conn: &mut AnyConnection, row: &AgreementRow) -> Result<AgreementDto, ApiError> {
    let state = AgreementState::parse(&row.state).unwrap_or(AgreementState::Ended);
    let history = agreement_events::table
        .filter(agreement_events::agreement_id.eq(&row.id))
        .order((agreement_events::at.asc(), agreement_events::id.asc()))
        .select((
            agreement_events::at,
            agreement_events::action,
            agreement_events::by_force,
            agreement_events::by_user_name,
            agreement_events::reason,
        ))
        .load::<(chrono::NaiveDateTime, String, String, String, Option<String>)>(conn)?
        .into_iter()
        .map(|(at, action, force, user, reason)| AgreementEventDto {
            at: utc(at),
            action,
            by_force: ForceCode(force),
            by_user: user,
            reason,
        })
        .collect();
    Ok(AgreementDto {
        id: row.id.parse().unwrap_or_default(),
        owner: Force::find(conn, &row.owner_force)?.to_dto(),
        partner: Force::find(conn, &row.partner_force)?.to_dto(),
        scopes: parse_scopes(&row.scopes),
        intelligence_handling: access::parse_handling(&row.intelligence_handling),
        access: AgreementAccess::parse(&row.access).unwrap_or_default(),
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        purpose: row.purpose.clone(),
        state,
        in_force: in_force(state, row.starts_on, row.ends_on, crate::http::today()),
        suspended_by: row.suspended_by.as_deref().and_then(parse_side),
        history,
        version: row.version,
    })
}

/// The agreements the caller's force is party to (as owner or partner), newest first, optionally in
/// one state. The read is audited.
pub async fn list(
    db: &Db,
    caller: &Caller,
    state: Option<AgreementState>,
) -> Result<Vec<AgreementDto>, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let mut q = agreements::table
            .filter(
                agreements::owner_force
                    .eq(&c.force_code)
                    .or(agreements::partner_force.eq(&c.force_code)),
            )
            .order((agreements::created_at.desc(), agreements::id.asc()))
            .select(AgreementRow::as_select())
            .into_boxed();
        if let Some(s) = state {
            q = q.filter(agreements::state.eq(s.as_str()));
        }
        let rows = q.load(conn)?;
        let items = rows.iter().map(|r| dto(conn, r)).collect::<Result<Vec<_>, _>>()?;
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c).detail(format!("listed {} sharing agreements", items.len())),
        )?;
        Ok(items)
    })
    .await
}

/// One agreement the caller's force is party to; the read is audited.
pub async fn get(db: &Db, caller: &Caller, id: uuid::Uuid) -> Result<AgreementDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = find(conn, &id.to_string())?;
        access::party_to(&c, &row.id, &row.owner_force, &row.partner_force)?;
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c).record("agreement", &row.id),
        )?;
        dto(conn, &row)
    })
    .await
}

/// Proposes an agreement sharing the caller's force's records with another force; safe to retry with
/// the same idempotency key. A force can only share its own records: the owner is always the caller's
/// force.
pub async fn propose(
    db: &Db,
    caller: &Caller,
    req: ProposeAgreementRequest,
    key: Option<String>,
) -> Result<Outcome<AgreementDto>, ApiError> {
    let hash = idempotency::request_hash(&req);
    if let Some(replayed) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(replayed);
    }
    let c = caller.clone();
    db.write(move |conn| {
        let mut errors = check_proposal(&req, &c.force_code, crate::http::today());
        let partner = req.partner_force.0.trim().to_owned();
        if errors.iter().all(|e| e.path != "partner_force")
            && Force::find(conn, &partner).optional()?.is_none()
        {
            errors.push(FieldError::new(
                "partner_force",
                "unknown",
                "No force of the consortium has that code",
            ));
        }
        if !errors.is_empty() {
            errors.sort_by(|a, b| a.path.cmp(&b.path));
            return Err(ApiError::validation(errors));
        }
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let at = now();
            let mut scopes: Vec<SharingScope> = req.scopes.clone();
            scopes.sort();
            let names: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
            let row = AgreementRow {
                id: uuid::Uuid::new_v4().to_string(),
                owner_force: c.force_code.clone(),
                partner_force: partner,
                scopes: serde_json::to_string(&names).map_err(ApiError::internal)?,
                access: req.access.as_str().to_owned(),
                starts_on: req.starts_on.unwrap_or_else(crate::http::today),
                ends_on: req.ends_on,
                purpose: req.purpose.trim().to_owned(),
                state: AgreementState::Proposed.as_str().to_owned(),
                suspended_by: None,
                created_at: at,
                updated_at: at,
                version: 1,
                intelligence_handling: if scopes.contains(&SharingScope::Intelligence) {
                    access::handling_text(&req.intelligence_handling)
                } else {
                    String::new()
                },
            };
            diesel::insert_into(agreements::table)
                .values(&row)
                .execute(conn)?;
            add_event(conn, &c, &row.id, "proposed", None)?;
            audit::append(
                conn,
                AuditAction::Create,
                Entry::by(&c).record("agreement", &row.id).detail(format!(
                    "proposed sharing {} with {} ({})",
                    names.join(", "),
                    row.partner_force,
                    row.access
                )),
            )?;
            dto(conn, &row)
        })
    })
    .await
}

/// Takes a step in an agreement's life (accept, decline, suspend, resume, end) if it is still at the
/// version the caller read. The next request of either force sees the result.
pub async fn step(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    expected: IfMatch,
    req: AgreementStepRequest,
) -> Result<AgreementDto, ApiError> {
    let errors = check_step(&req);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let c = caller.clone();
    db.write(move |conn| {
        let row = find(conn, &id.to_string())?;
        let side = access::party_to(&c, &row.id, &row.owner_force, &row.partner_force)?;
        let expected_version = expected.expect(row.version);
        if row.version != expected_version {
            return Err(ApiError::precondition_failed(crate::http::etag(row.version)));
        }
        let state = AgreementState::parse(&row.state).unwrap_or(AgreementState::Ended);
        let suspended_by = row.suspended_by.as_deref().and_then(parse_side);
        let next = next_state(state, req.action, side, suspended_by)
            .map_err(|rule| ApiError::code(ErrorCode::InvalidTransition, rule))?;
        let suspended_by = (next == AgreementState::Suspended).then(|| side_name(side));
        let reason = req.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
        let changed = diesel::update(
            agreements::table
                .filter(agreements::id.eq(&row.id))
                .filter(agreements::version.eq(expected_version)),
        )
        .set((
            agreements::state.eq(next.as_str()),
            agreements::suspended_by.eq(suspended_by),
            agreements::updated_at.eq(now()),
            agreements::version.eq(expected_version + 1),
        ))
        .execute(conn)?;
        if changed == 0 {
            return Err(ApiError::precondition_failed(crate::http::etag(row.version)));
        }
        add_event(conn, &c, &row.id, req.action.as_str(), reason)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c).record("agreement", &row.id).detail(format!(
                "{}: {} -> {}{}",
                req.action.as_str(),
                state.as_str(),
                next.as_str(),
                reason.map(|r| format!(" ({r})")).unwrap_or_default()
            )),
        )?;
        let updated = find(conn, &row.id)?;
        dto(conn, &updated)
    })
    .await
}

/// For the demo consortium: an agreement in force between every ordered pair of the given forces,
/// opening every scope with linking (as Athena's forces share), where that pair has none yet.
pub fn share_everything(conn: &mut AnyConnection, forces: &[&str]) -> Result<(), ApiError> {
    let all: Vec<&str> = SharingScope::ALL.iter().map(|s| s.as_str()).collect();
    let scopes = serde_json::to_string(&all).map_err(ApiError::internal)?;
    for owner in forces {
        for partner in forces.iter().filter(|p| *p != owner) {
            let exists: i64 = agreements::table
                .filter(agreements::owner_force.eq(owner))
                .filter(agreements::partner_force.eq(partner))
                .count()
                .get_result(conn)?;
            if exists > 0 {
                continue;
            }
            let at = now();
            diesel::insert_into(agreements::table)
                .values(&AgreementRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    owner_force: (*owner).to_owned(),
                    partner_force: (*partner).to_owned(),
                    scopes: scopes.clone(),
                    access: AgreementAccess::ReadAndLink.as_str().to_owned(),
                    starts_on: at.date(),
                    ends_on: None,
                    purpose: "Demo consortium: the forces share everything, as Athena's do".to_owned(),
                    state: AgreementState::Active.as_str().to_owned(),
                    suspended_by: None,
                    created_at: at,
                    updated_at: at,
                    version: 1,
                    intelligence_handling: "P,C".to_owned(),
                })
                .execute(conn)?;
        }
    }
    Ok(())
}
