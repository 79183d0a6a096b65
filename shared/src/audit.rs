//! The audit log as the API shows it.

use crate::ids::{AuditEventId, ForceCode, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// A record was created.
    Create,
    /// A record was read.
    Read,
    /// A record was changed.
    Update,
    /// Two records were linked.
    Link,
    /// Two records were merged.
    Merge,
    /// A merge was undone.
    Unmerge,
    /// Records were exported.
    Export,
    /// A search was run.
    Search,
    /// A successful sign-in.
    SignIn,
    /// A failed sign-in.
    SignInFailed,
    /// An account was locked after repeated failures.
    AccountLocked,
    /// A sign-out.
    SignOut,
    /// A request refused by the access policy.
    AccessDenied,
    /// A record outside the caller's sight was asked for (answered as not found; shown to the owning
    /// force's audit only).
    AccessRefused,
    /// A spent refresh token was presented again: the session was ended (a theft signal).
    RefreshTokenReused,
}

impl AuditAction {
    /// The snake_case wire name (also the stored value).
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Read => "read",
            AuditAction::Update => "update",
            AuditAction::Link => "link",
            AuditAction::Merge => "merge",
            AuditAction::Unmerge => "unmerge",
            AuditAction::Export => "export",
            AuditAction::Search => "search",
            AuditAction::SignIn => "sign_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::AccountLocked => "account_locked",
            AuditAction::SignOut => "sign_out",
            AuditAction::AccessDenied => "access_denied",
            AuditAction::AccessRefused => "access_refused",
            AuditAction::RefreshTokenReused => "refresh_token_reused",
        }
    }

    /// Parses a stored value.
    pub fn parse(s: &str) -> Option<Self> {
        use AuditAction::*;
        [
            Create,
            Read,
            Update,
            Link,
            Merge,
            Unmerge,
            Export,
            Search,
            SignIn,
            SignInFailed,
            AccountLocked,
            SignOut,
            AccessDenied,
            AccessRefused,
            RefreshTokenReused,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// One entry of the append-only audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AuditEventDto {
    /// The entry's id (time-ordered).
    pub id: AuditEventId,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// Who did it (absent for a failed sign-in with an unknown user name).
    pub actor_user_id: Option<UserId>,
    /// The user name as given (for sign-in events) or of the actor.
    pub actor_username: Option<String>,
    /// The actor's force.
    pub actor_force: Option<ForceCode>,
    /// What was done.
    pub action: AuditAction,
    /// The kind of record (`user`, `person`...).
    pub record_kind: Option<String>,
    /// The record's id.
    pub record_id: Option<String>,
    /// The request that did it.
    pub request_id: Option<String>,
    /// The purpose the user stated (for reads of restricted records).
    pub purpose: Option<String>,
    /// Further detail (e.g. the search terms).
    pub detail: Option<String>,
}

/// Filters for querying the audit log.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only entries about this record kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_kind: Option<String>,
    /// Only entries about this record ("who has viewed this person?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// Only entries by this user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_user_id: Option<UserId>,
    /// Only this action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<AuditAction>,
    /// Opaque cursor from the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// Page size (1 to 100, default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

/// Filters for exporting the audit log (the newest 10,000 entries that match; no paging).
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct AuditExportQuery {
    /// Only entries about this record kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_kind: Option<String>,
    /// Only entries about this record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// Only entries by this user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_user_id: Option<UserId>,
    /// Only this action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<AuditAction>,
}

impl From<AuditExportQuery> for AuditQuery {
    fn from(q: AuditExportQuery) -> Self {
        AuditQuery {
            record_kind: q.record_kind,
            record_id: q.record_id,
            actor_user_id: q.actor_user_id,
            action: q.action,
            cursor: None,
            limit: None,
        }
    }
}
