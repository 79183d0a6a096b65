//! The administration calls: the users of the force (and changing one), the audit log (recent entries, one record's
//! entries and their CSV export), the forces of the consortium (and a new force's users), and the
//! force's sharing agreements, its multi-factor sign-in policy, its custody suites, its partner
//! organisations (and their staff's accounts) and its stations, teams and units.

use super::{decode, error_from, url, ApiError, AuthClient, PAGE_SIZE};
use bluelamp_shared::admin::agreements::{AgreementDto, AgreementStepRequest, ProposeAgreementRequest};
use bluelamp_shared::admin::bulk_users::{BulkUsersRequest, BulkUsersResult};
use bluelamp_shared::admin::partners::{
    CreatePartnerAccountRequest, CreatePartnerOrganisationRequest, PartnerOrganisationDto,
    UpdatePartnerOrganisationRequest,
};
use bluelamp_shared::admin::suites::{CreateSuiteRequest, SuiteDto, UpdateSuiteRequest};
use bluelamp_shared::admin::units::{CreateUnitRequest, UnitDto, UpdateUnitRequest};
use bluelamp_shared::audit::AuditEventDto;
use bluelamp_shared::auth::MfaPolicy;
use bluelamp_shared::forces::{CreateForceRequest, ForceDetailDto};
use bluelamp_shared::ids::UserId;
use bluelamp_shared::paging::Page;
use bluelamp_shared::users::{CreateUserRequest, UpdateUserRequest, UserDto};
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
        self.post_once("/users", req, idempotency_key).await
    }

    /// `GET /users/{id}`: one user of the administrator's force (its `version` is the `ETag`).
    pub async fn user(&self, id: UserId) -> Result<UserDto, ApiError> {
        self.get_json(&format!("/users/{id}")).await
    }

    /// `PATCH /users/{id}` with `If-Match` for the user at `version` (the one shown): changes their
    /// details or account; a stale page is refused with 412 rather than overwriting a change.
    pub async fn update_user(
        &self,
        id: UserId,
        req: &UpdateUserRequest,
        version: i64,
    ) -> Result<UserDto, ApiError> {
        self.patch_if_match(&format!("/users/{id}"), req, version).await
    }

    /// `POST /users/bulk` with an idempotency key: checks a CSV file of users (a dry run) or creates
    /// them all, each with an initial password shown this once.
    pub async fn create_users_in_bulk(
        &self,
        req: &BulkUsersRequest,
        idempotency_key: &str,
    ) -> Result<BulkUsersResult, ApiError> {
        self.post_once("/users/bulk", req, idempotency_key).await
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

    /// `POST` `body` to `path` with an idempotency key, so a repeated submit acts once only.
    async fn post_once<B: serde::Serialize, T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        idempotency_key: &str,
    ) -> Result<T, ApiError> {
        let path = url(path);
        let resp = self
            .send(
                |b| b.json(body),
                || Request::post(&path).header(IDEMPOTENCY_KEY_HEADER, idempotency_key),
            )
            .await?;
        decode(resp).await
    }

    /// `GET /forces`: every force of the consortium, by name.
    pub async fn forces(&self) -> Result<Vec<ForceDetailDto>, ApiError> {
        self.get_json("/forces").await
    }

    /// `POST /forces` with an idempotency key: adds a force to the consortium.
    pub async fn create_force(
        &self,
        req: &CreateForceRequest,
        idempotency_key: &str,
    ) -> Result<ForceDetailDto, ApiError> {
        self.post_once("/forces", req, idempotency_key).await
    }

    /// `POST /forces/{code}/users` with an idempotency key: creates a user in force `code` (a new
    /// force's first administrator).
    pub async fn create_force_user(
        &self,
        code: &str,
        req: &CreateUserRequest,
        idempotency_key: &str,
    ) -> Result<UserDto, ApiError> {
        let path = format!(
            "/forces/{}/users",
            String::from(js_sys::encode_uri_component(code))
        );
        self.post_once(&path, req, idempotency_key).await
    }

    /// `GET /agreements`: the sharing agreements the force is party to, newest first.
    pub async fn agreements(&self) -> Result<Vec<AgreementDto>, ApiError> {
        self.get_json("/agreements").await
    }

    /// `POST /agreements` with an idempotency key: proposes sharing the force's records.
    pub async fn propose_agreement(
        &self,
        req: &ProposeAgreementRequest,
        idempotency_key: &str,
    ) -> Result<AgreementDto, ApiError> {
        self.post_once("/agreements", req, idempotency_key).await
    }

    /// `POST /agreements/{id}/steps` with `If-Match` for the agreement at `version` (the one shown):
    /// a stale page is refused with 412 rather than acting on a changed agreement.
    pub async fn agreement_step(
        &self,
        id: uuid::Uuid,
        req: &AgreementStepRequest,
        version: i64,
    ) -> Result<AgreementDto, ApiError> {
        self.write_if_match(false, &format!("/agreements/{id}/steps"), req, version)
            .await
    }

    /// `GET /mfa-policy`: the force's roles that must sign in with an authenticator app.
    pub async fn mfa_policy(&self) -> Result<MfaPolicy, ApiError> {
        self.get_json("/mfa-policy").await
    }

    /// `PUT /mfa-policy`: sets the force's roles that must sign in with an authenticator app.
    pub async fn set_mfa_policy(&self, policy: &MfaPolicy) -> Result<MfaPolicy, ApiError> {
        let path = url("/mfa-policy");
        let resp = self.send(|b| b.json(policy), || Request::put(&path)).await?;
        decode(resp).await
    }

    /// `GET /custody-suites`: the force's custody suites, open and closed.
    pub async fn custody_suites(&self) -> Result<Vec<SuiteDto>, ApiError> {
        self.get_json("/custody-suites").await
    }

    /// `POST /custody-suites` with an idempotency key: opens a custody suite.
    pub async fn create_suite(
        &self,
        req: &CreateSuiteRequest,
        idempotency_key: &str,
    ) -> Result<SuiteDto, ApiError> {
        self.post_once("/custody-suites", req, idempotency_key).await
    }

    /// `PATCH /custody-suites/{id}` with `If-Match` for the suite at `version` (the one shown).
    pub async fn update_suite(
        &self,
        id: uuid::Uuid,
        req: &UpdateSuiteRequest,
        version: i64,
    ) -> Result<SuiteDto, ApiError> {
        self.patch_if_match(&format!("/custody-suites/{id}"), req, version)
            .await
    }

    /// `PATCH` `body` to `path` with `If-Match` for the record at `version` (the one shown): a stale
    /// page is refused with 412 rather than changing a changed record.
    async fn patch_if_match<B: serde::Serialize, T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        version: i64,
    ) -> Result<T, ApiError> {
        let path = url(path);
        let tag = super::etag(version);
        let resp = self
            .send(
                |b| b.json(body),
                || Request::patch(&path).header("If-Match", &tag),
            )
            .await?;
        decode(resp).await
    }

    /// `GET /partner-organisations`: the partner organisations the administrator manages.
    pub async fn partner_organisations(&self) -> Result<Vec<PartnerOrganisationDto>, ApiError> {
        self.get_json("/partner-organisations").await
    }

    /// `POST /partner-organisations` with an idempotency key: registers a partner organisation.
    pub async fn create_partner(
        &self,
        req: &CreatePartnerOrganisationRequest,
        idempotency_key: &str,
    ) -> Result<PartnerOrganisationDto, ApiError> {
        self.post_once("/partner-organisations", req, idempotency_key)
            .await
    }

    /// `PATCH /partner-organisations/{id}` with `If-Match` for the organisation at `version`:
    /// renames, closes or reopens it.
    pub async fn update_partner(
        &self,
        id: uuid::Uuid,
        req: &UpdatePartnerOrganisationRequest,
        version: i64,
    ) -> Result<PartnerOrganisationDto, ApiError> {
        self.patch_if_match(&format!("/partner-organisations/{id}"), req, version)
            .await
    }

    /// `POST /partner-organisations/{id}/accounts` with an idempotency key: an account for a member
    /// of the organisation's staff (prosecutors only).
    pub async fn create_partner_account(
        &self,
        id: uuid::Uuid,
        req: &CreatePartnerAccountRequest,
        idempotency_key: &str,
    ) -> Result<UserDto, ApiError> {
        self.post_once(
            &format!("/partner-organisations/{id}/accounts"),
            req,
            idempotency_key,
        )
        .await
    }

    /// `GET /force-units`: the force's stations, teams and units, open and closed.
    pub async fn force_units(&self) -> Result<Vec<UnitDto>, ApiError> {
        self.get_json("/force-units").await
    }

    /// `POST /force-units` with an idempotency key: adds a station, team or unit.
    pub async fn create_unit(
        &self,
        req: &CreateUnitRequest,
        idempotency_key: &str,
    ) -> Result<UnitDto, ApiError> {
        self.post_once("/force-units", req, idempotency_key).await
    }

    /// `PATCH /force-units/{id}` with `If-Match` for the unit at `version`: renames, moves, closes or
    /// reopens it (closing is refused while users belong to it or units work from it).
    pub async fn update_unit(
        &self,
        id: uuid::Uuid,
        req: &UpdateUnitRequest,
        version: i64,
    ) -> Result<UnitDto, ApiError> {
        self.patch_if_match(&format!("/force-units/{id}"), req, version)
            .await
    }
}
