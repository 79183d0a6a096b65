//! Partner organisations and their staff's accounts: a force administrator registers the partners its
//! force works with, a consortium administrator those of any force. A partner account holds the one
//! role its organisation's kind gives; closing an organisation deactivates its accounts and ends their
//! sessions.

use crate::db::schema::{partner_organisations, users};
use crate::db::{now, AnyConnection, Db};
use crate::error::ApiError;
use crate::http::IfMatch;
use crate::kernel::access;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::session_rows::Session;
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::Outcome;
use bluelamp_shared::admin::partners::{
    check_new_partner, check_partner_update, CreatePartnerAccountRequest, CreatePartnerOrganisationRequest,
    PartnerKind, PartnerOrganisationDto, UpdatePartnerOrganisationRequest,
};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::users::{CreateUserRequest, UserDto};
use diesel::prelude::*;

type Row = (String, String, String, String, String, bool, i64);

fn columns() -> (
    partner_organisations::id,
    partner_organisations::code,
    partner_organisations::name,
    partner_organisations::kind,
    partner_organisations::force_code,
    partner_organisations::active,
    partner_organisations::version,
) {
    (
        partner_organisations::id,
        partner_organisations::code,
        partner_organisations::name,
        partner_organisations::kind,
        partner_organisations::force_code,
        partner_organisations::active,
        partner_organisations::version,
    )
}

fn dto(conn: &mut AnyConnection, r: Row) -> Result<PartnerOrganisationDto, ApiError> {
    let accounts: i64 = users::table
        .filter(users::partner_organisation_id.eq(&r.0))
        .filter(users::active.eq(true))
        .count()
        .get_result(conn)?;
    Ok(PartnerOrganisationDto {
        id: r.0.parse().unwrap_or_default(),
        code: r.1,
        name: r.2,
        kind: PartnerKind::parse(&r.3).unwrap_or(PartnerKind::Prosecutor),
        force: ForceCode(r.4),
        active: r.5,
        accounts,
        version: r.6,
    })
}

/// Whether the caller manages every force's partners (a consortium administrator).
fn consortium_wide(c: &Caller) -> bool {
    c.can(Capability::ManageForces)
}

/// The organisation `id` if the caller manages it (another force's is not found for a force
/// administrator, and the refusal is audited for its owner).
fn find_managed(conn: &mut AnyConnection, c: &Caller, id: &str) -> Result<Row, ApiError> {
    let row: Row = partner_organisations::table
        .find(id)
        .select(columns())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("partner organisation"))?;
    if !consortium_wide(c) {
        access::own_record(c, "partner organisation", &row.0, &row.4)?;
    }
    Ok(row)
}

/// Whether `user_id` is a partner's account whose organisation is closed.
pub fn organisation_closed(conn: &mut AnyConnection, user_id: &str) -> Result<bool, ApiError> {
    let org: Option<Option<String>> = users::table
        .find(user_id)
        .select(users::partner_organisation_id)
        .first(conn)
        .optional()?;
    let Some(Some(org)) = org else { return Ok(false) };
    Ok(partner_organisations::table
        .find(org)
        .select(partner_organisations::active)
        .first::<bool>(conn)
        .optional()?
        == Some(false))
}

/// The partner organisations the caller manages (their force's, or all for a consortium administrator), by code.
pub async fn list(db: &Db, caller: &Caller) -> Result<Vec<PartnerOrganisationDto>, ApiError> {
    let c = caller.clone();
    db.read(move |conn| {
        let mut q = partner_organisations::table
            .select(columns())
            .order(partner_organisations::code)
            .into_boxed();
        if !consortium_wide(&c) {
            q = q.filter(partner_organisations::force_code.eq(c.force_code.clone()));
        }
        let rows: Vec<Row> = q.load(conn)?;
        rows.into_iter().map(|r| dto(conn, r)).collect()
    })
    .await
}

/// The force that will manage a new organisation, or the fault in the request's `force`.
fn managing_force(
    conn: &mut AnyConnection,
    c: &Caller,
    req: &CreatePartnerOrganisationRequest,
) -> Result<Result<String, FieldError>, ApiError> {
    Ok(match req.force.as_deref().map(str::trim) {
        None | Some("") if consortium_wide(c) => Err(FieldError::new(
            "force",
            "required",
            "Choose the force that manages it",
        )),
        None | Some("") => Ok(c.force_code.clone()),
        Some(f) if access::is_owner(c, f) || consortium_wide(c) => {
            if crate::kernel::forces::Force::find(conn, f).optional()?.is_none() {
                Err(FieldError::new(
                    "force",
                    "unknown",
                    format!("There is no force {f}"),
                ))
            } else {
                Ok(f.to_owned())
            }
        }
        Some(_) => Err(FieldError::new(
            "force",
            "other_force",
            "You register your own force's partners only",
        )),
    })
}

/// Registers a partner organisation; safe to retry with the same idempotency key.
pub async fn create(
    db: &Db,
    caller: &Caller,
    req: CreatePartnerOrganisationRequest,
    key: Option<String>,
) -> Result<Outcome<PartnerOrganisationDto>, ApiError> {
    super::create_checked(
        db,
        caller,
        req,
        key,
        |conn, c, req| {
            let mut errors = check_new_partner(req);
            let force = match managing_force(conn, c, req)? {
                Ok(force) => force,
                Err(fault) => {
                    errors.push(fault);
                    String::new()
                }
            };
            if errors.iter().all(|e| e.path != "code")
                && partner_organisations::table
                    .filter(partner_organisations::code.eq(req.code.trim()))
                    .count()
                    .get_result::<i64>(conn)?
                    > 0
            {
                errors.push(FieldError::new(
                    "code",
                    "taken",
                    "A partner organisation already has that code",
                ));
            }
            Ok((errors, force))
        },
        |conn, c, req, force| {
            let id = uuid::Uuid::new_v4().to_string();
            let code = req.code.trim();
            diesel::insert_into(partner_organisations::table)
                .values((
                    partner_organisations::id.eq(&id),
                    partner_organisations::code.eq(code),
                    partner_organisations::name.eq(req.name.trim()),
                    partner_organisations::kind.eq(req.kind.as_str()),
                    partner_organisations::force_code.eq(&force),
                    partner_organisations::active.eq(true),
                    partner_organisations::created_at.eq(now()),
                    partner_organisations::version.eq(1),
                ))
                .execute(conn)?;
            audit::append(
                conn,
                AuditAction::Create,
                Entry::by(c)
                    .owned_record("partner_organisation", &id, &force)
                    .detail(format!("registered {code} ({})", req.kind.label())),
            )?;
            let row = find_managed(conn, c, &id)?;
            dto(conn, row)
        },
    )
    .await
}

/// Renames, closes or reopens an organisation the caller manages, if still at the version read.
/// Closing deactivates its accounts and ends their sessions.
pub async fn update(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    expected: IfMatch,
    req: UpdatePartnerOrganisationRequest,
) -> Result<PartnerOrganisationDto, ApiError> {
    let errors = check_partner_update(&req);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let c = caller.clone();
    db.write(move |conn| {
        let row = find_managed(conn, &c, &id.to_string())?;
        let expected_version = expected.expect(row.6);
        let changed = diesel::update(
            partner_organisations::table
                .filter(partner_organisations::id.eq(&row.0))
                .filter(partner_organisations::version.eq(expected_version)),
        )
        .set((
            partner_organisations::name.eq(req.name.as_deref().map(str::trim).unwrap_or(&row.2)),
            partner_organisations::active.eq(req.active.unwrap_or(row.5)),
            partner_organisations::version.eq(expected_version + 1),
        ))
        .execute(conn)?;
        if changed == 0 {
            return Err(ApiError::precondition_failed(crate::http::etag(row.6)));
        }
        let mut detail = Vec::new();
        if req.name.is_some() {
            detail.push("renamed".to_owned());
        }
        if req.active == Some(false) && row.5 {
            let accounts: Vec<String> = users::table
                .filter(users::partner_organisation_id.eq(&row.0))
                .filter(users::active.eq(true))
                .select(users::id)
                .load(conn)?;
            for user in &accounts {
                diesel::update(users::table.find(user))
                    .set((users::active.eq(false), users::version.eq(users::version + 1)))
                    .execute(conn)?;
                Session::revoke_all_for_user(conn, user, now())?;
            }
            detail.push(format!("closed, {} accounts deactivated", accounts.len()));
        }
        if req.active == Some(true) && !row.5 {
            detail.push("reopened".to_owned());
        }
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("partner_organisation", &row.0, &row.4)
                .detail(detail.join("; ")),
        )?;
        let row = find_managed(conn, &c, &row.0)?;
        dto(conn, row)
    })
    .await
}

/// Creates an account for a member of an organisation's staff, with the role its kind gives, in the
/// organisation's force; safe to retry with the same idempotency key.
pub async fn create_account(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: CreatePartnerAccountRequest,
    key: Option<String>,
) -> Result<Outcome<UserDto>, ApiError> {
    let c = caller.clone();
    let row = db
        .read(move |conn| find_managed(conn, &c, &id.to_string()))
        .await?;
    let kind = PartnerKind::parse(&row.3).unwrap_or(PartnerKind::Prosecutor);
    let Some(role) = kind.account_role() else {
        return Err(ApiError::validation(vec![FieldError::new(
            "kind",
            "no_person_accounts",
            format!(
                "{} exchange with Bluelamp system to system, through the partner API: they have no person accounts",
                kind.label()
            ),
        )]));
    };
    if !row.5 {
        return Err(ApiError::validation(vec![FieldError::new(
            "organisation",
            "closed",
            "This organisation is closed: reopen it before adding accounts",
        )]));
    }
    let user = CreateUserRequest {
        username: req.username,
        display_name: req.display_name,
        collar_number: req.reference,
        rank: kind.label().to_owned(),
        roles: vec![role],
        password: req.password,
    };
    let outcome = crate::admin::users::create_account(
        db,
        caller,
        &row.4,
        user,
        crate::admin::users::Account::Partner { organisation: row.0 },
        key,
    )
    .await;
    // The account's fields are the partner request's: `collar_number` is its `reference`.
    outcome.map_err(|e| e.rename_field("collar_number", "reference"))
}
