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

use crate::db::schema::{agreements, record_grants};
use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use bluelamp_shared::admin::agreements::{in_force, AgreementAccess, AgreementState, SharingScope, Side};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::intelligence::HandlingCode;
use bluelamp_shared::records::{Grantee, RecordKind, Restriction};
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};

/// Which agreements can open a record to another force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Agreements with this scope open it.
    Shared(SharingScope),
    /// An intelligence report with this handling code (none until it is evaluated): agreements with
    /// the intelligence scope that share its handling code open it.
    Intelligence(Option<HandlingCode>),
    /// No agreement opens it (custody records): its own force only.
    ForceOnly,
}

impl Scope {
    /// People, organisations, objects and locations.
    pub const INDEX: Scope = Scope::Shared(SharingScope::Index);
    /// Crimes.
    pub const CRIMES: Scope = Scope::Shared(SharingScope::Crimes);

    /// An intelligence report with its stored handling code.
    pub fn intelligence(handling: Option<&str>) -> Scope {
        Scope::Intelligence(handling.and_then(HandlingCode::parse))
    }
}

/// What the caller's force may see and add to, per owning force and scope, from the agreements in
/// force today (read afresh for every request: ending or suspending an agreement takes effect at once).
#[derive(Debug, Clone)]
pub struct Visibility {
    caller: Caller,
    roles: Vec<String>,
    view: HashSet<(String, SharingScope)>,
    add: HashSet<(String, SharingScope)>,
    /// Per owning force, the handling codes of the intelligence its agreements share.
    handling: HashMap<String, HashSet<HandlingCode>>,
}

/// The facts about a record that decide who sees it.
#[derive(Debug, Clone)]
pub struct Guarded<'a> {
    /// Which agreements can open it.
    pub scope: Scope,
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
    /// Loads the agreements in force today in which the caller's force is the partner.
    pub fn load(conn: &mut AnyConnection, caller: &Caller) -> Result<Self, ApiError> {
        type Row = (
            String,
            String,
            String,
            chrono::NaiveDate,
            Option<chrono::NaiveDate>,
            String,
        );
        let rows: Vec<Row> = agreements::table
            .filter(agreements::partner_force.eq(&caller.force_code))
            .filter(agreements::state.eq(AgreementState::Active.as_str()))
            .select((
                agreements::owner_force,
                agreements::scopes,
                agreements::access,
                agreements::starts_on,
                agreements::ends_on,
                agreements::intelligence_handling,
            ))
            .load(conn)?;
        let today = crate::http::today();
        let mut view = HashSet::new();
        let mut add = HashSet::new();
        let mut handling: HashMap<String, HashSet<HandlingCode>> = HashMap::new();
        for (owner, scopes, access, starts_on, ends_on, codes) in rows {
            if !in_force(AgreementState::Active, starts_on, ends_on, today) {
                continue;
            }
            handling
                .entry(owner.clone())
                .or_default()
                .extend(parse_handling(&codes));
            let linkable = AgreementAccess::parse(&access) == Some(AgreementAccess::ReadAndLink);
            for scope in parse_scopes(&scopes) {
                view.insert((owner.clone(), scope));
                if linkable {
                    add.insert((owner.clone(), scope));
                }
            }
        }
        Ok(Self {
            caller: caller.clone(),
            roles: caller.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            view,
            add,
            handling,
        })
    }

    /// Whether an agreement in `opened` (the view or the add set) opens records of `scope` of `owner`.
    fn opens(&self, opened: &HashSet<(String, SharingScope)>, owner: &str, scope: Scope) -> bool {
        match scope {
            Scope::Shared(s) => opened.contains(&(owner.to_owned(), s)),
            Scope::Intelligence(h) => {
                opened.contains(&(owner.to_owned(), SharingScope::Intelligence))
                    && h.is_some_and(|h| self.handling.get(owner).is_some_and(|codes| codes.contains(&h)))
            }
            Scope::ForceOnly => false,
        }
    }

    /// Whether the caller's force may see unrestricted records of `scope` owned by `owner`.
    pub fn shares(&self, owner: &str, scope: Scope) -> bool {
        owner == self.caller.force_code || self.opens(&self.view, owner, scope)
    }

    /// Whether the caller's force owns records owned by `owner`.
    pub fn is_own(&self, owner: &str) -> bool {
        owner == self.caller.force_code
    }

    /// Whether the caller may add to (link to, annotate) records of `scope` owned by `owner`.
    pub fn can_add(&self, owner: &str, scope: Scope) -> bool {
        owner == self.caller.force_code || self.opens(&self.add, owner, scope)
    }

    /// A change refused to the caller (see [`refuse_change`]).
    pub fn refuse_change(&self, what: &str, id: &str, owner: &str, message: &str) -> ApiError {
        refuse_change(&self.caller, what, id, owner, message)
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
            } else if self.shares(r.owner, r.scope) {
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
    /// Why a change was refused, for a record the caller may see but not change (answered as 403
    /// with this detail); `None` for a record outside the caller's sight (answered as not found).
    pub forbidden: Option<String>,
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
            forbidden: None,
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
            .detail(match &self.forbidden {
                Some(why) => format!("Change refused (answered as forbidden): {why}"),
                None => "Outside the caller's sight (force, sharing agreement or restriction): answered as not found"
                    .to_owned(),
            }),
        )
    }
}

thread_local! {
    /// Refusals answered as a field error (a record named in a body that the caller may not see or
    /// add to) rather than as the request's own error, noted during one unit of database work.
    static NOTED: std::cell::RefCell<Vec<Refusal>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Notes a refusal that is answered as a field error: the database layer records it for the owning
/// force once the unit of work has ended, committed or rolled back (see [`take_noted`]).
fn note(r: Refusal) {
    NOTED.with(|n| n.borrow_mut().push(r));
}

/// The refusals noted on this thread since the last call (the database layer's unit of work runs on
/// one blocking thread, start to end, so these are its own).
pub fn take_noted() -> Vec<Refusal> {
    NOTED.with(|n| std::mem::take(&mut *n.borrow_mut()))
}

/// For a record named in the request whose lookup failed, to be answered as a field error: a refusal
/// by the gate is noted for the owner's audit and a missing record passes (both become the field
/// error); any other failure (the database) is passed on.
pub fn named_but_refused(e: ApiError) -> Result<(), ApiError> {
    match e {
        ApiError::Hidden(r) if r.forbidden.is_none() => {
            note(*r);
            Ok(())
        }
        e if e.error_code() == bluelamp_shared::error::ErrorCode::NotFound => Ok(()),
        other => Err(other),
    }
}

impl Visibility {
    /// Notes that a record named in the request (`what` by `id`, owned by `owner`) was outside the
    /// caller's sight, for a refusal answered as a field error: audited for the owner like any other.
    pub fn note_hidden(&self, what: &str, id: &str, owner: &str) {
        note(Refusal::for_caller(&self.caller, what, id, owner));
    }

    /// Notes a change to a visible record that the sharing agreement does not allow (answered as a
    /// field error), audited for the owner with `why`.
    pub fn note_not_allowed(&self, what: &str, id: &str, owner: &str, why: &str) {
        let mut r = Refusal::for_caller(&self.caller, what, id, owner);
        r.forbidden = Some(why.to_owned());
        note(r);
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

/// The caller's side of an agreement between `owner` and `partner`: a force sees only the agreements it
/// is party to; any other is not found (audited for the owner).
pub fn party_to(caller: &Caller, id: &str, owner: &str, partner: &str) -> Result<Side, ApiError> {
    if is_owner(caller, owner) {
        Ok(Side::Owner)
    } else if is_owner(caller, partner) {
        Ok(Side::Partner)
    } else {
        Err(ApiError::hidden(Refusal::for_caller(
            caller,
            "agreement",
            id,
            owner,
        )))
    }
}

/// What only the owning force may do to a shared record (change its details or workflow, restrict
/// it, keep its register): allowed for the owner, else 403 with `message` (the caller already sees
/// the record, so refusing says nothing new).
pub fn owner_only(
    caller: &Caller,
    what: &str,
    id: &str,
    owner: &str,
    message: impl Into<String>,
) -> Result<(), ApiError> {
    if is_owner(caller, owner) {
        Ok(())
    } else {
        Err(refuse_change(caller, what, id, owner, message))
    }
}

/// A change the caller may not make to a record they can see (another force's, or one the sharing
/// agreement lets them read only): answered as 403 with `message`, and audited for the owning force
/// after the request's transaction rolls back, as every refusal is.
pub fn refuse_change(
    caller: &Caller,
    what: &str,
    id: &str,
    owner: &str,
    message: impl Into<String>,
) -> ApiError {
    let mut r = Refusal::for_caller(caller, what, id, owner);
    r.forbidden = Some(message.into());
    ApiError::hidden(r)
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

/// The handling codes an agreement stores (`P,C`).
pub fn parse_handling(codes: &str) -> Vec<HandlingCode> {
    codes
        .split(',')
        .filter_map(|c| HandlingCode::parse(c.trim()))
        .collect()
}

/// The stored form of handling codes.
pub fn handling_text(codes: &[HandlingCode]) -> String {
    codes.iter().map(|c| c.code()).collect::<Vec<_>>().join(",")
}

/// The scopes stored as a JSON array (unknown names are skipped: a retired scope opens nothing).
pub fn parse_scopes(json: &str) -> Vec<SharingScope> {
    serde_json::from_str::<Vec<String>>(json)
        .unwrap_or_default()
        .iter()
        .filter_map(|s| SharingScope::parse(s))
        .collect()
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
