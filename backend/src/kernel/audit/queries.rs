//! `audit_events`: append-only (database triggers refuse UPDATE and DELETE).

use crate::db::schema::audit_events;
use crate::db::AnyConnection;
use bluelamp_shared::audit::{AuditAction, AuditEventDto};
use bluelamp_shared::ids::{AuditEventId, ForceCode, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// An audit row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    /// Time-ordered id (UUID v7).
    pub id: String,
    /// When.
    pub occurred_at: NaiveDateTime,
    /// Who.
    pub actor_user_id: Option<String>,
    /// User name.
    pub actor_username: Option<String>,
    /// Force.
    pub actor_force_code: Option<String>,
    /// What.
    pub action: String,
    /// Record kind.
    pub record_kind: Option<String>,
    /// Record id.
    pub record_id: Option<String>,
    /// Request id.
    pub request_id: Option<String>,
    /// Stated purpose.
    pub purpose: Option<String>,
    /// Detail.
    pub detail: Option<String>,
    /// The force owning the record concerned.
    pub record_force_code: Option<String>,
}

impl AuditEvent {
    /// Appends.
    pub fn insert(conn: &mut AnyConnection, e: &AuditEvent) -> QueryResult<()> {
        diesel::insert_into(audit_events::table)
            .values(e)
            .execute(conn)
            .map(|_| ())
    }

    /// As the API shows it.
    pub fn to_dto(&self) -> AuditEventDto {
        AuditEventDto {
            id: AuditEventId(self.id.parse().unwrap_or_default()),
            occurred_at: crate::db::utc(self.occurred_at),
            actor_user_id: self
                .actor_user_id
                .as_deref()
                .and_then(|s| s.parse().ok())
                .map(UserId),
            actor_username: self.actor_username.clone(),
            actor_force: self.actor_force_code.clone().map(ForceCode),
            action: AuditAction::parse(&self.action).unwrap_or(AuditAction::Read),
            record_kind: self.record_kind.clone(),
            record_id: self.record_id.clone(),
            request_id: self.request_id.clone(),
            purpose: self.purpose.clone(),
            detail: self.detail.clone(),
        }
    }
}

/// Filters for a query of the log.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    /// Only events by users of this force (a force admin sees their own force's log).
    pub force_code: Option<String>,
    /// Record kind.
    pub record_kind: Option<String>,
    /// Record id.
    pub record_id: Option<String>,
    /// Actor.
    pub actor_user_id: Option<String>,
    /// Action.
    pub action: Option<String>,
    /// Newest first, strictly older than this id.
    pub before_id: Option<String>,
}

/// Newest first.
pub fn query(conn: &mut AnyConnection, f: &AuditFilter, limit: i64) -> QueryResult<Vec<AuditEvent>> {
    let mut q = audit_events::table
        .select(AuditEvent::as_select())
        .order(audit_events::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(v) = &f.force_code {
        // A force sees what its users did, and what anyone did to its records; a refused access
        // shows only to the record's owner (the asking force must not learn the record exists).
        q = q.filter(
            audit_events::record_force_code
                .eq(v.clone())
                .or(audit_events::actor_force_code
                    .eq(v.clone())
                    .and(audit_events::action.ne(AuditAction::AccessRefused.as_str()))),
        );
    }
    if let Some(v) = &f.record_kind {
        q = q.filter(audit_events::record_kind.eq(v.clone()));
    }
    if let Some(v) = &f.record_id {
        q = q.filter(audit_events::record_id.eq(v.clone()));
    }
    if let Some(v) = &f.actor_user_id {
        q = q.filter(audit_events::actor_user_id.eq(v.clone()));
    }
    if let Some(v) = &f.action {
        q = q.filter(audit_events::action.eq(v.clone()));
    }
    if let Some(v) = &f.before_id {
        q = q.filter(audit_events::id.lt(v.clone()));
    }
    q.load(conn)
}
