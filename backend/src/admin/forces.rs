//! Forces of the consortium: consortium administrators add them (or `bluelamp force add` on the
//! command line, before anyone can sign in).

use crate::db::schema::forces;
use crate::db::{now, AnyConnection, Db};
use crate::error::ApiError;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::forces::Force;
use crate::kernel::idempotency::{self, Outcome};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::forces::{check_new_force, CreateForceRequest, ForceDetailDto};
use diesel::prelude::*;

/// Every force, by name.
pub async fn list(db: &Db) -> Result<Vec<ForceDetailDto>, ApiError> {
    db.read(|conn| Ok(Force::all(conn)?.iter().map(Force::to_detail).collect()))
        .await
}

/// Checks a new force against the rules and the forces already there, then adds it: every field at
/// fault at once, nothing written if any. The one path for the API and the command line.
pub fn add(conn: &mut AnyConnection, req: &CreateForceRequest) -> Result<Force, ApiError> {
    let mut errors = check_new_force(req);
    let (code, pnc) = (req.code.trim(), req.pnc_code.trim());
    if errors.iter().all(|e| e.path != "code") && Force::find(conn, code).optional()?.is_some() {
        errors.push(FieldError::new(
            "code",
            "taken",
            "A force of the consortium already has that code",
        ));
    }
    if errors.iter().all(|e| e.path != "pnc_code")
        && forces::table
            .filter(forces::pnc_code.eq(pnc))
            .count()
            .get_result::<i64>(conn)?
            > 0
    {
        errors.push(FieldError::new(
            "pnc_code",
            "taken",
            "A force of the consortium already has that PNC force code",
        ));
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        return Err(ApiError::validation(errors));
    }
    let force = Force {
        code: code.to_owned(),
        name: req.name.trim().to_owned(),
        created_at: now(),
        pnc_code: Some(pnc.to_owned()),
    };
    diesel::insert_into(forces::table).values(&force).execute(conn)?;
    Ok(force)
}

/// Adds a force (consortium administrators); safe to retry with the same idempotency key.
pub async fn create(
    db: &Db,
    caller: &Caller,
    req: CreateForceRequest,
    key: Option<String>,
) -> Result<Outcome<ForceDetailDto>, ApiError> {
    let hash = idempotency::request_hash(&req);
    if let Some(replayed) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(replayed);
    }
    let c = caller.clone();
    db.write(move |conn| {
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let force = add(conn, &req)?;
            audit::append(
                conn,
                AuditAction::Create,
                Entry::by(&c).record("force", &force.code).detail(format!(
                    "added force {} (PNC {})",
                    force.name,
                    req.pnc_code.trim()
                )),
            )?;
            Ok(force.to_detail())
        })
    })
    .await
}

/// That a force exists (for routes naming one in their path).
pub async fn must_exist(db: &Db, code: &str) -> Result<(), ApiError> {
    let code = code.to_owned();
    db.read(move |conn| {
        Force::find(conn, &code)
            .optional()?
            .map(|_| ())
            .ok_or_else(|| ApiError::not_found("force"))
    })
    .await
}
