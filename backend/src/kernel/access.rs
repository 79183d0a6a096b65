//! The one access gate: the owning force, the consortium sharing agreement and need-to-know
//! restrictions. Every read of an index record goes through [`Visibility`]; a record the caller may
//! not see is answered as not found and never counted. The force's own operational records
//! (incidents, custody records, case files, user accounts) go through [`own_record`]. This file is the
//! only place that compares a record's owning force with the caller's: every area asks it.
//!
//! A refusal of a named record ([`Visibility::admit`], [`own_record`]) is answered exactly as a record
//! that does not exist, and carries a [`Refusal`]: once the request's transaction has rolled back, the
//! database layer appends it to the log as `access_refused`, which only the owning force's audit shows,
//! so the caller's force learns nothing of the record from its own log either.

use crate::db::schema::{record_grants, sharing_agreements};
use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::records::{Grantee, RecordKind, Restriction};
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};

/// What the caller's force may see and add to, per owning force and kind.
#[derive(Debug, Clone)]
pub struct Visibility {
    caller: Caller,
    roles: Vec<String>,
    view: HashSet<(String, String)>,
    add: HashSet<(String, String)>,
}

/// The facts about a record that decide who sees it.
#[derive(Debug, Clone)]
pub struct Guarded<'a> {
    /// Kind.
    pub kind: RecordKind,
    /// Id.
    pub id: &'a str,
    /// Owning force.
    pub owner: &'a str,
    /// Restricted?
    pub restricted: bool,
    /// Who created it (keeps access to a record they restricted).
    pub created_by: Option<&'a str>,
}

impl Visibility {
    /// Loads the sharing agreement rows where the caller's force is the viewer.
    pub fn load(conn: &mut AnyConnection, caller: &Caller) -> Result<Self, ApiError> {
        let rows: Vec<(String, String, bool, bool)> = sharing_agreements::table
            .filter(sharing_agreements::viewer_force.eq(&caller.force_code))
            .select((
                sharing_agreements::owner_force,
                sharing_agreements::record_kind,
                sharing_agreements::can_view,
                sharing_agreements::can_add,
            ))
            .load(conn)?;
        let mut view = HashSet::new();
        let mut add = HashSet::new();
        for (owner, kind, v, a) in rows {
            if v {
                view.insert((owner.clone(), kind.clone()));
            }
            if a {
                add.insert((owner, kind));
            }
        }
        Ok(Self {
            caller: caller.clone(),
            roles: caller.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            view,
            add,
        })
    }

    /// Whether the caller's force may see unrestricted records of `kind` owned by `owner`.
    pub fn shares(&self, owner: &str, kind: RecordKind) -> bool {
        owner == self.caller.force_code || self.view.contains(&(owner.to_owned(), kind.as_str().to_owned()))
    }

    /// Whether the caller's force owns records owned by `owner`.
    pub fn is_own(&self, owner: &str) -> bool {
        owner == self.caller.force_code
    }

    /// Whether the caller may add to (link to, annotate) records of `kind` owned by `owner`.
    pub fn can_add(&self, owner: &str, kind: RecordKind) -> bool {
        owner == self.caller.force_code || self.add.contains(&(owner.to_owned(), kind.as_str().to_owned()))
    }

    /// Of `records`, the ids the caller may see (one query for the grants of restricted ones).
    pub fn visible_ids(
        &self,
        conn: &mut AnyConnection,
        records: &[Guarded<'_>],
    ) -> Result<HashSet<String>, ApiError> {
        let mut out = HashSet::new();
        let mut restricted: Vec<&Guarded<'_>> = Vec::new();
        for r in records {
            if r.restricted {
                if r.owner == self.caller.force_code {
                    if r.created_by == Some(self.caller.user_id.as_str()) {
                        out.insert(r.id.to_owned());
                    } else {
                        restricted.push(r);
                    }
                }
                // Restricted records are never shared with other forces.
            } else if self.shares(r.owner, r.kind) {
                out.insert(r.id.to_owned());
            }
        }
        if !restricted.is_empty() {
            let ids: Vec<&str> = restricted.iter().map(|r| r.id).collect();
            let grants: Vec<(String, String, String)> = record_grants::table
                .filter(record_grants::record_id.eq_any(&ids))
                .select((
                    record_grants::record_id,
                    record_grants::grantee_type,
                    record_grants::grantee,
                ))
                .load(conn)?;
            for (id, ty, who) in grants {
                let ok = (ty == "user" && who == self.caller.user_id)
                    || (ty == "role" && self.roles.contains(&who));
                if ok {
                    out.insert(id);
                }
            }
        }
        Ok(out)
    }

    /// Whether the caller may see one record.
    pub fn can_see(&self, conn: &mut AnyConnection, r: &Guarded<'_>) -> Result<bool, ApiError> {
        Ok(self.visible_ids(conn, std::slice::from_ref(r))?.contains(r.id))
    }

    /// The gate for one named record (`what`: "person", "crime", "intelligence report"): passes if the
    /// caller may see it, else answers not found and audits the refusal for the owning force.
    pub fn admit(&self, conn: &mut AnyConnection, r: &Guarded<'_>, what: &str) -> Result<(), ApiError> {
        if self.can_see(conn, r)? {
            return Ok(());
        }
        Err(ApiError::hidden(Refusal::for_caller(
            &self.caller,
            what,
            r.id,
            r.owner,
        )))
    }
}

/// An access the gate refused: who asked for which record, kept for the owning force's audit.
#[derive(Debug, Clone)]
pub struct Refusal {
    /// The record's kind in the log (`custody_record`).
    pub kind: String,
    /// What the caller is told was not found ("custody record", or "victim" when reached through it).
    pub answer_as: String,
    /// The record's id.
    pub id: String,
    /// The force owning the record.
    pub owner: String,
    /// Who asked.
    pub actor_user_id: String,
    /// Their user name.
    pub actor_username: String,
    /// Their force.
    pub actor_force_code: String,
    /// The request.
    pub request_id: Option<String>,
}

impl Refusal {
    fn for_caller(caller: &Caller, what: &str, id: &str, owner: &str) -> Self {
        Self {
            kind: what.replace(' ', "_"),
            answer_as: what.to_owned(),
            id: id.to_owned(),
            owner: owner.to_owned(),
            actor_user_id: caller.user_id.clone(),
            actor_username: caller.username.clone(),
            actor_force_code: caller.force_code.clone(),
            request_id: caller.request_id.clone(),
        }
    }

    /// Appends the refusal to the log (the database layer calls this after the rollback).
    pub fn record(&self, conn: &mut AnyConnection) -> Result<(), ApiError> {
        audit::append(
            conn,
            AuditAction::AccessRefused,
            Entry {
                actor_user_id: Some(&self.actor_user_id),
                actor_username: Some(&self.actor_username),
                actor_force_code: Some(&self.actor_force_code),
                request_id: self.request_id.as_deref(),
                ..Entry::default()
            }
            .owned_record(&self.kind, &self.id, &self.owner)
            .detail(
                "Outside the caller's sight (force, sharing agreement or restriction): answered as not found",
            ),
        )
    }
}

/// Whether the caller's force owns a record owned by `owner`.
pub fn is_owner(caller: &Caller, owner: &str) -> bool {
    caller.force_code == owner
}

/// A record its force keeps to itself (incidents, custody records, case files, user accounts): the
/// caller's own force's, or not found (audited for the owner), so that another force learns nothing
/// of its existence.
pub fn own_record(caller: &Caller, what: &str, id: &str, owner: &str) -> Result<(), ApiError> {
    if is_owner(caller, owner) {
        Ok(())
    } else {
        Err(ApiError::hidden(Refusal::for_caller(caller, what, id, owner)))
    }
}

/// What only the owning force may do to a shared record (change its details or workflow, restrict
/// it, keep its register): allowed for the owner, else 403 with `message` (the caller already sees
/// the record, so refusing says nothing new).
pub fn owner_only(caller: &Caller, owner: &str, message: impl Into<String>) -> Result<(), ApiError> {
    if is_owner(caller, owner) {
        Ok(())
    } else {
        Err(ApiError::forbidden(message))
    }
}

/// Replaces the grants of a record.
pub fn set_grants(
    conn: &mut AnyConnection,
    kind: RecordKind,
    id: &str,
    r: &Restriction,
) -> Result<(), ApiError> {
    diesel::delete(
        record_grants::table
            .filter(record_grants::record_kind.eq(kind.as_str()))
            .filter(record_grants::record_id.eq(id)),
    )
    .execute(conn)?;
    if !r.restricted {
        return Ok(());
    }
    let mut seen = HashSet::new();
    for g in &r.grantees {
        let (ty, who) = match g {
            Grantee::User(u) => ("user", u.to_string()),
            Grantee::Role(role) => ("role", role.as_str().to_owned()),
        };
        if seen.insert((ty, who.clone())) {
            diesel::insert_into(record_grants::table)
                .values((
                    record_grants::record_kind.eq(kind.as_str()),
                    record_grants::record_id.eq(id),
                    record_grants::grantee_type.eq(ty),
                    record_grants::grantee.eq(who),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The grants of records, as restrictions.
pub fn grants_of(
    conn: &mut AnyConnection,
    ids: &[String],
) -> Result<HashMap<String, Vec<Grantee>>, ApiError> {
    let rows: Vec<(String, String, String)> = record_grants::table
        .filter(record_grants::record_id.eq_any(ids))
        .select((
            record_grants::record_id,
            record_grants::grantee_type,
            record_grants::grantee,
        ))
        .load(conn)?;
    let mut map: HashMap<String, Vec<Grantee>> = HashMap::new();
    for (id, ty, who) in rows {
        let g = match ty.as_str() {
            "user" => who
                .parse()
                .ok()
                .map(|u| Grantee::User(bluelamp_shared::ids::UserId(u))),
            _ => bluelamp_shared::auth::Role::parse(&who).map(Grantee::Role),
        };
        if let Some(g) = g {
            map.entry(id).or_default().push(g);
        }
    }
    Ok(map)
}

/// Sharing agreements between every pair of distinct forces for every kind (the demo consortium
/// shares everything, as Athena's forces do).
pub fn share_everything(conn: &mut AnyConnection, forces: &[&str]) -> Result<(), ApiError> {
    for owner in forces {
        for viewer in forces {
            if owner == viewer {
                continue;
            }
            for kind in RecordKind::ALL {
                let exists: i64 = sharing_agreements::table
                    .filter(sharing_agreements::owner_force.eq(owner))
                    .filter(sharing_agreements::viewer_force.eq(viewer))
                    .filter(sharing_agreements::record_kind.eq(kind.as_str()))
                    .count()
                    .get_result(conn)?;
                if exists == 0 {
                    diesel::insert_into(sharing_agreements::table)
                        .values((
                            sharing_agreements::owner_force.eq(owner),
                            sharing_agreements::viewer_force.eq(viewer),
                            sharing_agreements::record_kind.eq(kind.as_str()),
                            sharing_agreements::can_view.eq(true),
                            sharing_agreements::can_add.eq(true),
                        ))
                        .execute(conn)?;
                }
            }
        }
    }
    Ok(())
}

/// The purpose stated for reading a record, tidied; a restricted record cannot be read without one.
pub fn require_purpose(restricted: bool, purpose: Option<String>) -> Result<Option<String>, ApiError> {
    let purpose = purpose
        .map(|p| p.trim().chars().take(500).collect::<String>())
        .filter(|p| !p.is_empty());
    if restricted && purpose.is_none() {
        return Err(ApiError::validation(vec![
            bluelamp_shared::error::FieldError::new(
                bluelamp_shared::PURPOSE_HEADER,
                "required",
                "This record is restricted: state why you need to see it (X-Access-Purpose)",
            ),
        ]));
    }
    Ok(purpose)
}
