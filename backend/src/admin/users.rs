//! User accounts: force administrators manage the accounts of their own force.

use crate::db::now;
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::http::IfMatch;
use crate::kernel::access;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::session_rows::Session;
use crate::kernel::auth::{password, Caller};
use crate::kernel::forces::Force;
use crate::kernel::idempotency::{self, Outcome};
use crate::kernel::paging::{Cursor, Paging};
use crate::kernel::users::{self, User, UserChanges};
use bluelamp_shared::admin::bulk_users::{self, BulkCreatedUser, BulkRow, BulkUsersRequest, BulkUsersResult};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::ids::UserId;
use bluelamp_shared::paging::{Page, PageQuery};
use bluelamp_shared::users::{CreateUserRequest, UpdateUserRequest, UserDto};
use bluelamp_shared::validation;

fn dto(conn: &mut AnyConnection, user: &User) -> Result<UserDto, ApiError> {
    let force = Force::find(conn, &user.force_code)?;
    let roles = users::roles_of(conn, &user.id)?;
    Ok(user.to_dto(&force, roles, now()))
}

/// Lists the caller's force's accounts by name, a page at a time (audited: the list names people).
pub async fn list(db: &Db, caller: &Caller, q: PageQuery) -> Result<Page<UserDto>, ApiError> {
    let paging = Paging::of(&q)?;
    let after = paging.after.clone().map(|c| (c.key, c.id));
    let c = caller.clone();
    db.write(move |conn| {
        let rows = User::list_for_force(conn, &c.force_code, after, paging.fetch())?;
        let cursor = |u: &User| Cursor {
            key: u.display_name.clone(),
            id: u.id.clone(),
        };
        paging.page(rows, cursor, |rows| {
            let force = Force::find(conn, &c.force_code)?;
            let ids: Vec<String> = rows.iter().map(|u| u.id.clone()).collect();
            let mut roles = users::roles_of_many(conn, &ids)?;
            let at = now();
            let items: Vec<UserDto> = rows
                .iter()
                .map(|u| u.to_dto(&force, roles.remove(&u.id).unwrap_or_default(), at))
                .collect();
            audit::append(
                conn,
                AuditAction::Read,
                Entry::by(&c).detail(format!(
                    "listed {} user accounts of force {}",
                    items.len(),
                    c.force_code
                )),
            )?;
            Ok(items)
        })
    })
    .await
}

/// Reads one user (own force only), auditing the read.
pub async fn get(db: &Db, caller: &Caller, id: UserId) -> Result<UserDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let user = User::find(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found("user"))?;
        access::own_record(&c, "user", &user.id, &user.force_code)?;
        audit::append(conn, AuditAction::Read, Entry::by(&c).record("user", &user.id))?;
        dto(conn, &user)
    })
    .await
}

/// Whose account a new user is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Account {
    /// A member of the force (police roles only).
    Officer,
    /// A member of a partner organisation's staff, with the partner role its kind gives.
    Partner {
        /// The organisation's id.
        organisation: String,
    },
}

/// Creates a user in `force` (the caller's own, or any for a consortium administrator; the route
/// decides); safe to retry with the same idempotency key.
pub async fn create(
    db: &Db,
    caller: &Caller,
    force: &str,
    req: CreateUserRequest,
    key: Option<String>,
) -> Result<Outcome<UserDto>, ApiError> {
    create_account(db, caller, force, req, Account::Officer, key).await
}

/// Creates an officer's or a partner's account (a partner's roles are set by the caller from the
/// organisation's kind, so the police-roles rule is not theirs).
pub async fn create_account(
    db: &Db,
    caller: &Caller,
    force: &str,
    req: CreateUserRequest,
    account: Account,
    key: Option<String>,
) -> Result<Outcome<UserDto>, ApiError> {
    // The force is part of the request: the same key and body sent for another force is another request.
    let partner_of = match &account {
        Account::Officer => None,
        Account::Partner { organisation } => Some(organisation.clone()),
    };
    let hash = idempotency::request_hash(&(force, &req, &partner_of));
    // A retry of a request already answered gets that answer, before any validation.
    if let Some(replayed) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(replayed);
    }
    let mut errors = validation::check(&req);
    if partner_of.is_some() {
        errors.retain(|e| !(e.path == "roles" && e.code == "partner_role"));
    }
    let username = req.username.trim().to_lowercase();
    // Checking the remaining rules needs the database; collect them all before answering.
    {
        let (f, u, collar) = (force.to_owned(), username.clone(), req.collar_number.clone());
        let taken = db
            .read(move |conn| {
                let name_taken = User::find_by_username(conn, &u)?.is_some();
                let collar_taken = crate::db::schema::users::table
                    .filter(crate::db::schema::users::force_code.eq(&f))
                    .filter(crate::db::schema::users::collar_number.eq(&collar))
                    .count()
                    .get_result::<i64>(conn)?
                    > 0;
                Ok((name_taken, collar_taken))
            })
            .await?;
        if taken.0 {
            errors.push(FieldError::new(
                "username",
                "taken",
                "That user name is already in use",
            ));
        }
        if taken.1 {
            errors.push(FieldError::new(
                "collar_number",
                "taken",
                "That collar number is already in use in your force",
            ));
        }
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        return Err(ApiError::validation(errors));
    }
    let password_hash = {
        let pw = req.password.clone();
        actix_web::web::block(move || password::hash(&pw))
            .await
            .map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?
            .map_err(ApiError::internal)?
    };
    let mut attempt = 0;
    loop {
        attempt += 1;
        let retry_allowed = attempt == 1 && key.is_some();
        let (c, force, req, key, hash, ph, partner_of) = (
            caller.clone(),
            force.to_owned(),
            req.clone(),
            key.clone(),
            hash.clone(),
            password_hash.clone(),
            partner_of.clone(),
        );
        let result = db
            .write(move |conn| {
                idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
                    let kind = if partner_of.is_some() {
                        "partner"
                    } else {
                        "officer"
                    };
                    let user = new_user(&force, &req, kind, ph);
                    User::insert(conn, &user, &req.roles)?;
                    if let Some(org) = &partner_of {
                        diesel::update(crate::db::schema::users::table.find(&user.id))
                            .set(crate::db::schema::users::partner_organisation_id.eq(org))
                            .execute(conn)?;
                    }
                    let roles: Vec<&str> = req.roles.iter().map(|r| r.as_str()).collect();
                    audit::append(
                        conn,
                        AuditAction::Create,
                        Entry::by(&c)
                            .record("user", &user.id)
                            .detail(format!("roles: {}", roles.join(", "))),
                    )?;
                    dto(conn, &user)
                })
            })
            .await;
        match result {
            // Two submits with one key raced: the loser's transaction rolled back; the retry replays.
            Err(e) if retry_allowed && e.error_code() == bluelamp_shared::error::ErrorCode::Conflict => {
                continue
            }
            other => return other,
        }
    }
}

/// The rows' usernames and collar numbers already taken (in the consortium, in the force), and collar
/// numbers repeated in the file.
fn taken_in_bulk(
    conn: &mut AnyConnection,
    force: &str,
    rows: &[BulkRow],
) -> Result<Vec<FieldError>, ApiError> {
    use crate::db::schema::users as u;
    let names: Vec<String> = rows
        .iter()
        .map(|r| r.user.username.trim().to_lowercase())
        .collect();
    let collars: Vec<String> = rows
        .iter()
        .map(|r| r.user.collar_number.trim().to_owned())
        .collect();
    let taken_names: std::collections::HashSet<String> = u::table
        .filter(u::username.eq_any(&names))
        .select(u::username)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let taken_collars: std::collections::HashSet<String> = u::table
        .filter(u::force_code.eq(force))
        .filter(u::collar_number.eq_any(&collars))
        .select(u::collar_number)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (r, (name, collar)) in rows.iter().zip(names.iter().zip(&collars)) {
        if taken_names.contains(name) {
            errors.push(FieldError::new(
                format!("rows.{}.username", r.line),
                "taken",
                "That user name is already in use",
            ));
        }
        if taken_collars.contains(collar) {
            errors.push(FieldError::new(
                format!("rows.{}.collar_number", r.line),
                "taken",
                "That collar number is already in use in your force",
            ));
        } else if let Some(first) = seen.insert(collar.clone(), r.line) {
            errors.push(FieldError::new(
                format!("rows.{}.collar_number", r.line),
                "duplicate",
                format!("Line {first} already has this collar number"),
            ));
        }
    }
    Ok(errors)
}

/// Creates the users of a CSV file in the caller's force, all or none: the whole file is checked
/// first and every fault named by line and column. Each user gets a random initial password, shown
/// once in this answer (a retry with the same idempotency key replays the answer without them). A dry
/// run checks and creates nothing.
pub async fn create_bulk(
    db: &Db,
    caller: &Caller,
    req: BulkUsersRequest,
    key: Option<String>,
) -> Result<Outcome<BulkUsersResult>, ApiError> {
    let hash = idempotency::request_hash(&req);
    if let Some(replayed) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(replayed);
    }
    let (rows, mut errors) = bulk_users::read_file(&req.csv);
    let force = caller.force_code.clone();
    let checked = rows.clone();
    errors.extend(db.read(move |conn| taken_in_bulk(conn, &force, &checked)).await?);
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        return Err(ApiError::validation(errors));
    }
    let listed = |rows: &[BulkRow]| -> Vec<BulkCreatedUser> {
        rows.iter()
            .map(|r| BulkCreatedUser {
                line: r.line,
                username: r.user.username.trim().to_lowercase(),
                id: None,
                initial_password: None,
            })
            .collect()
    };
    if req.dry_run {
        return Ok(Outcome::Created(BulkUsersResult {
            dry_run: true,
            users: listed(&rows),
        }));
    }
    let passwords: Vec<String> = rows.iter().map(|_| password::initial_password()).collect();
    let hashes = {
        let pw = passwords.clone();
        actix_web::web::block(move || {
            pw.iter()
                .map(|p| password::hash(p))
                .collect::<anyhow::Result<Vec<_>>>()
        })
        .await
        .map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?
        .map_err(ApiError::internal)?
    };
    let c = caller.clone();
    let outcome = db
        .write(move |conn| {
            idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
                // Checked again inside the transaction: another administrator may have been quicker.
                let errors = taken_in_bulk(conn, &c.force_code, &rows)?;
                if !errors.is_empty() {
                    return Err(ApiError::validation(errors));
                }
                let mut users = listed(&rows);
                for ((row, out), ph) in rows.iter().zip(users.iter_mut()).zip(hashes) {
                    let user = new_user(&c.force_code, &row.user, "officer", ph);
                    User::insert(conn, &user, &row.user.roles)?;
                    audit::append(
                        conn,
                        AuditAction::Create,
                        Entry::by(&c).record("user", &user.id).detail(format!(
                            "created in bulk (line {}), roles: {}",
                            row.line,
                            row.user
                                .roles
                                .iter()
                                .map(|r| r.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    )?;
                    out.id = Some(user.user_id());
                }
                Ok(BulkUsersResult {
                    dry_run: false,
                    users,
                })
            })
        })
        .await?;
    Ok(match outcome {
        Outcome::Created(mut result) => {
            for (u, p) in result.users.iter_mut().zip(passwords) {
                u.initial_password = Some(p);
            }
            Outcome::Created(result)
        }
        replayed => replayed,
    })
}

/// A new active account row of `force` from a request, with its password hash.
fn new_user(force: &str, req: &CreateUserRequest, kind: &str, password_hash: String) -> User {
    let at = now();
    User {
        id: uuid::Uuid::new_v4().to_string(),
        force_code: force.to_owned(),
        username: req.username.trim().to_lowercase(),
        display_name: req.display_name.trim().to_owned(),
        collar_number: req.collar_number.trim().to_owned(),
        rank: req.rank.trim().to_owned(),
        kind: kind.to_owned(),
        password_hash,
        active: true,
        failed_attempts: 0,
        locked_until: None,
        created_at: at,
        updated_at: at,
        version: 1,
        unit_id: None,
    }
}

/// Updates a user of the caller's force if it is still at `expected_version`.
pub async fn update(
    db: &Db,
    caller: &Caller,
    id: UserId,
    expected: IfMatch,
    req: UpdateUserRequest,
) -> Result<UserDto, ApiError> {
    let errors = validation::check(&req);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let password_hash = match req.password.clone() {
        None => None,
        Some(pw) => Some(
            actix_web::web::block(move || password::hash(&pw))
                .await
                .map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?
                .map_err(ApiError::internal)?,
        ),
    };
    let c = caller.clone();
    db.write(move |conn| {
        let user = User::find(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found("user"))?;
        access::own_record(&c, "user", &user.id, &user.force_code)?;
        let expected_version = expected.expect(user.version);
        if user.version != expected_version {
            return Err(ApiError::precondition_failed(crate::http::etag(user.version)));
        }
        if user.kind == "partner" && req.roles.is_some() {
            return Err(ApiError::validation(vec![FieldError::new(
                "roles",
                "partner_account",
                "A partner's account holds the role its organisation gives: it cannot be changed",
            )]));
        }
        if req.active == Some(true) && crate::admin::partners::organisation_closed(conn, &user.id)? {
            return Err(ApiError::validation(vec![FieldError::new(
                "active",
                "organisation_closed",
                "This partner's organisation is closed: reopen it first",
            )]));
        }
        if user.id == c.user_id && req.active == Some(false) {
            return Err(ApiError::validation(vec![FieldError::new(
                "active",
                "self",
                "You cannot deactivate your own account",
            )]));
        }
        let unit_id = match req.unit_id.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(unit) => {
                if !crate::admin::units::is_active_unit_of(conn, unit, &user.force_code)? {
                    return Err(ApiError::validation(vec![FieldError::new(
                        "unit_id",
                        "unknown",
                        "No open station, team or unit of the user's force has that id",
                    )]));
                }
                Some(Some(unit.to_owned()))
            }
        };
        let unlock = req.unlock == Some(true);
        let changes = UserChanges {
            unit_id,
            display_name: req.display_name.as_ref().map(|s| s.trim().to_owned()),
            rank: req.rank.as_ref().map(|s| s.trim().to_owned()),
            active: req.active,
            password_hash: password_hash.clone(),
            locked_until: unlock.then_some(None),
            failed_attempts: unlock.then_some(0),
        };
        if !users::update_if_version(conn, &user.id, expected_version, &changes)? {
            let current = User::find(conn, &user.id)?.map(|u| u.version).unwrap_or_default();
            return Err(ApiError::precondition_failed(crate::http::etag(current)));
        }
        if let Some(roles) = &req.roles {
            users::set_roles(conn, &user.id, roles)?;
        }
        let reset_mfa = req.reset_mfa == Some(true);
        if reset_mfa {
            crate::kernel::auth::mfa::reset(conn, &user.id)?;
        }
        if req.active == Some(false) || password_hash.is_some() || reset_mfa {
            Session::revoke_all_for_user(conn, &user.id, now())?;
        }
        let mut fields: Vec<&str> = Vec::new();
        for (set, name) in [
            (req.display_name.is_some(), "display_name"),
            (req.rank.is_some(), "rank"),
            (req.roles.is_some(), "roles"),
            (req.active.is_some(), "active"),
            (req.unit_id.is_some(), "unit"),
            (unlock, "unlock"),
            (reset_mfa, "reset_mfa"),
            (req.password.is_some(), "password"),
        ] {
            if set {
                fields.push(name);
            }
        }
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .record("user", &user.id)
                .detail(format!("changed: {}", fields.join(", "))),
        )?;
        let updated = User::find(conn, &user.id)?.ok_or_else(|| ApiError::not_found("user"))?;
        dto(conn, &updated)
    })
    .await
}

use diesel::prelude::*;
