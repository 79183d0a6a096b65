//! The administration calls: the users of the force and the audit log (recent entries, one
//! record's entries and their CSV export).

use super::{decode, error_from, url, ApiError, AuthClient, PAGE_SIZE};
use bluelamp_shared::audit::AuditEventDto;
use bluelamp_shared::paging::Page;
use bluelamp_shared::users::{CreateUserRequest, UserDto};
use bluelamp_shared::IDEMPOTENCY_KEY_HEADER;
use gloo_net::http::Request;

impl AuthClient {
    /// `GET /users`: one page of the users of the administrator's force.
    pub async fn users(&self, cursor: Option<String>) -> Result<Page<UserDto>, ApiError> {
        let limit = PAGE_SIZE.to_string();
        let resp = self
            .send(
                |b| b.build(),
                || {
                    let mut q: Vec<(&str, &str)> = vec![("limit", limit.as_str())];
                    if let Some(c) = cursor.as_deref() {
                        q.push(("cursor", c));
                    }
                    Request::get(&url("/users")).query(q)
                },
            )
            .await?;
        decode(resp).await
    }

    /// `POST /users` with an idempotency key, so a repeated submit creates one user only.
    pub async fn create_user(
        &self,
        req: &CreateUserRequest,
        idempotency_key: &str,
    ) -> Result<UserDto, ApiError> {
        let resp = self
            .send(
                |b| b.json(req),
                || Request::post(&url("/users")).header(IDEMPOTENCY_KEY_HEADER, idempotency_key),
            )
            .await?;
        decode(resp).await
    }

    /// `GET /audit-events`: the most recent entries of the audit log, newest first.
    pub async fn audit_events(&self, cursor: Option<String>) -> Result<Page<AuditEventDto>, ApiError> {
        let limit = PAGE_SIZE.to_string();
        let resp = self
            .send(
                |b| b.build(),
                || {
                    let mut q: Vec<(&str, &str)> = vec![("limit", limit.as_str())];
                    if let Some(c) = cursor.as_deref() {
                        q.push(("cursor", c));
                    }
                    Request::get(&url("/audit-events")).query(q)
                },
            )
            .await?;
        decode(resp).await
    }

    /// `GET /audit-events?record_kind=&record_id=`: who has done what to one record.
    pub async fn audit_for_record(&self, kind: &str, id: &str) -> Result<Page<AuditEventDto>, ApiError> {
        let resp = self
            .send(
                |b| b.build(),
                || {
                    Request::get(&url("/audit-events")).query([
                        ("record_kind", kind),
                        ("record_id", id),
                        ("limit", "100"),
                    ])
                },
            )
            .await?;
        decode(resp).await
    }

    /// `GET /audit-events/export?record_kind=&record_id=`: the same entries as CSV text.
    pub async fn audit_export(&self, kind: &str, id: &str) -> Result<String, ApiError> {
        let resp = self
            .send(
                |b| b.build(),
                || {
                    Request::get(&url("/audit-events/export"))
                        .query([("record_kind", kind), ("record_id", id)])
                },
            )
            .await?;
        if resp.ok() {
            resp.text().await.map_err(|e| ApiError::Decode(e.to_string()))
        } else {
            Err(error_from(resp).await)
        }
    }
}
