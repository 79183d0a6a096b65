//! What the area does: its rules and side effects, each use case a public function the routes call.

use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::kernel::audit::queries::{self, AuditEvent, AuditFilter};
use crate::kernel::auth::Caller;
use crate::kernel::spreadsheet::CsvExport;
use bluelamp_shared::audit::{AuditAction, AuditEventDto, AuditQuery};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::paging::{check_limit, Page};

/// One entry to append.
#[derive(Debug, Default, Clone)]
pub struct Entry<'a> {
    /// Actor id.
    pub actor_user_id: Option<&'a str>,
    /// Actor user name.
    pub actor_username: Option<&'a str>,
    /// Actor force.
    pub actor_force_code: Option<&'a str>,
    /// Record kind.
    pub record_kind: Option<&'a str>,
    /// Record id.
    pub record_id: Option<&'a str>,
    /// Request id.
    pub request_id: Option<&'a str>,
    /// Stated purpose.
    pub purpose: Option<&'a str>,
    /// Detail.
    pub detail: Option<String>,
    /// The force owning the record.
    pub record_force_code: Option<&'a str>,
}

impl<'a> Entry<'a> {
    /// An entry made by `caller`.
    pub fn by(caller: &'a Caller) -> Self {
        Self {
            actor_user_id: Some(&caller.user_id),
            actor_username: Some(&caller.username),
            actor_force_code: Some(&caller.force_code),
            request_id: caller.request_id.as_deref(),
            ..Self::default()
        }
    }

    /// About a record.
    pub fn record(mut self, kind: &'a str, id: &'a str) -> Self {
        self.record_kind = Some(kind);
        self.record_id = Some(id);
        self
    }

    /// About a record owned by `force`.
    pub fn owned_record(mut self, kind: &'a str, id: &'a str, force: &'a str) -> Self {
        self.record_kind = Some(kind);
        self.record_id = Some(id);
        self.record_force_code = Some(force);
        self
    }

    /// With a stated purpose.
    pub fn purpose(mut self, p: Option<&'a str>) -> Self {
        self.purpose = p;
        self
    }

    /// With detail.
    pub fn detail(mut self, d: impl Into<String>) -> Self {
        self.detail = Some(d.into());
        self
    }
}

/// Appends an entry in the caller's transaction, so the audit row and the change commit together.
pub fn append(conn: &mut AnyConnection, action: AuditAction, e: Entry<'_>) -> Result<(), ApiError> {
    AuditEvent::insert(
        conn,
        &AuditEvent {
            id: uuid::Uuid::now_v7().to_string(),
            occurred_at: crate::db::now(),
            actor_user_id: e.actor_user_id.map(str::to_owned),
            actor_username: e.actor_username.map(str::to_owned),
            actor_force_code: e.actor_force_code.map(str::to_owned),
            action: action.as_str().to_owned(),
            record_kind: e.record_kind.map(str::to_owned),
            record_id: e.record_id.map(str::to_owned),
            request_id: e.request_id.map(str::to_owned),
            purpose: e.purpose.map(str::to_owned),
            detail: e.detail,
            record_force_code: e.record_force_code.map(str::to_owned),
        },
    )?;
    Ok(())
}

/// Records a request refused by the access policy.
pub async fn access_denied(db: &Db, caller: &Caller, method: &str, path: &str) -> Result<(), ApiError> {
    let c = caller.clone();
    let detail = format!("{method} {path}");
    db.write(move |conn| append(conn, AuditAction::AccessDenied, Entry::by(&c).detail(detail)))
        .await
}

fn filter_for(caller: &Caller, q: AuditQuery) -> Result<AuditFilter, ApiError> {
    let before_id = match q.cursor.as_deref() {
        None => None,
        Some(c) => Some(
            uuid::Uuid::parse_str(c)
                .map_err(|_| {
                    ApiError::validation(vec![FieldError::new(
                        "cursor",
                        "format",
                        "The cursor is not one this server issued",
                    )])
                })?
                .to_string(),
        ),
    };
    Ok(AuditFilter {
        force_code: Some(caller.force_code.clone()),
        record_kind: q.record_kind,
        record_id: q.record_id,
        actor_user_id: q.actor_user_id.map(|u| u.to_string()),
        action: q.action.map(|a| a.as_str().to_owned()),
        before_id,
    })
}

/// Queries the log of the caller's force (its users' actions and actions on its records), newest first.
pub async fn query(db: &Db, caller: &Caller, q: AuditQuery) -> Result<Page<AuditEventDto>, ApiError> {
    let limit = i64::from(check_limit(q.limit, 50).map_err(|e| ApiError::validation(vec![e]))?);
    let filter = filter_for(caller, q)?;
    db.read(move |conn| {
        let mut rows = queries::query(conn, &filter, limit + 1)?;
        let more = rows.len() as i64 > limit;
        rows.truncate(limit as usize);
        let next_cursor = if more {
            rows.last().map(|r| r.id.clone())
        } else {
            None
        };
        Ok(Page {
            items: rows.iter().map(AuditEvent::to_dto).collect(),
            next_cursor,
        })
    })
    .await
}

/// The log as CSV (at most 10,000 entries), recording the export itself.
pub async fn export_csv(db: &Db, caller: &Caller, q: AuditQuery) -> Result<String, ApiError> {
    let filter = filter_for(caller, q)?;
    let c = caller.clone();
    db.write(move |conn| {
        let rows = queries::query(conn, &filter, 10_000)?;
        let mut doc = CsvExport::new(&[
            "id",
            "occurred_at",
            "actor_username",
            "actor_force",
            "action",
            "record_kind",
            "record_id",
            "record_force",
            "request_id",
            "purpose",
            "detail",
        ])?;
        for r in &rows {
            doc.row(&[
                r.id.as_str(),
                &crate::db::utc(r.occurred_at).to_rfc3339(),
                r.actor_username.as_deref().unwrap_or_default(),
                r.actor_force_code.as_deref().unwrap_or_default(),
                r.action.as_str(),
                r.record_kind.as_deref().unwrap_or_default(),
                r.record_id.as_deref().unwrap_or_default(),
                r.record_force_code.as_deref().unwrap_or_default(),
                r.request_id.as_deref().unwrap_or_default(),
                r.purpose.as_deref().unwrap_or_default(),
                r.detail.as_deref().unwrap_or_default(),
            ])?;
        }
        let text = doc.finish()?;
        append(
            conn,
            AuditAction::Export,
            Entry::by(&c).detail(format!("exported {} audit entries", rows.len())),
        )?;
        Ok(text)
    })
    .await
}
