//! The one gateway to the Bluelamp API.
//!
//! Two clients, so that an authenticated call cannot be made without a token:
//! - [`PublicClient`] for the calls made before there is a session (sign-in, refresh);
//! - [`AuthClient`], built from the [`Session`], which attaches the bearer token, refreshes it
//!   once and retries when the server answers 401, and waits for the user to sign in again
//!   when the session has really ended.
//!
//! Every error body is decoded into [`ApiError`], which carries the server's
//! [`Problem`] when there is one.

use crate::session::Session;
use bluelamp_shared::audit::AuditEventDto;
use bluelamp_shared::auth::{Me, RefreshRequest, SessionTokens, SignInRequest};
use bluelamp_shared::error::{ErrorCode, FieldError, Problem};
use bluelamp_shared::paging::Page;
use bluelamp_shared::people::{
    CreatePersonRequest, MergeDto, MergeRequest, PersonDto, PersonInput, PersonMatch, PersonMatchQuery,
};
use bluelamp_shared::records::RecordKind;
use bluelamp_shared::reference::ReferenceData;
use bluelamp_shared::search::SearchResults;
use bluelamp_shared::users::{CreateUserRequest, UserDto};
use bluelamp_shared::{API_PREFIX, IDEMPOTENCY_KEY_HEADER, PURPOSE_HEADER};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use std::fmt;
use uuid::Uuid;

pub mod case;
pub mod custody;
pub mod intelligence;
pub mod investigation;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem-details body.
    Problem(Problem),
    /// The request never got an answer (offline, server down, blocked).
    Network(String),
    /// The server answered with an error status but no problem body.
    Unexpected {
        /// The HTTP status.
        status: u16,
    },
    /// A success answer that could not be read.
    Decode(String),
    /// The user chose to sign out instead of signing in again.
    SignedOut,
}

impl ApiError {
    /// The server's error code, if it sent one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Problem(p) => Some(p.code),
            _ => None,
        }
    }

    /// The field errors of a `validation_failed` answer (empty otherwise).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Problem(p) => &p.errors,
            _ => &[],
        }
    }

    /// Whether the server wants an `X-Access-Purpose` (a restricted record) before it shows it.
    pub fn needs_purpose(&self) -> bool {
        self.field_errors().iter().any(|e| e.path == PURPOSE_HEADER)
    }

    /// Whether the session is over and only a new sign-in will help.
    pub fn is_session_ended(&self) -> bool {
        matches!(
            self.code(),
            Some(ErrorCode::SessionExpired | ErrorCode::Unauthenticated)
        )
    }

    /// A sentence the user can act on.
    pub fn message(&self) -> String {
        match self {
            ApiError::Problem(p) => {
                let base = match p.code {
                    ErrorCode::Forbidden => {
                        "You do not have access to this. Ask your force administrator if you need it."
                            .to_owned()
                    }
                    ErrorCode::ServiceUnavailable => {
                        "The service is temporarily unavailable. Try again in a few minutes.".to_owned()
                    }
                    ErrorCode::InternalError => "Something went wrong on the server.".to_owned(),
                    _ => match &p.detail {
                        Some(d) if !d.is_empty() => d.clone(),
                        _ => p.title.clone(),
                    },
                };
                match &p.request_id {
                    Some(id) if p.code == ErrorCode::InternalError => {
                        format!("{base} If it happens again, quote reference {id}.")
                    }
                    _ => base,
                }
            }
            ApiError::Network(_) => {
                "Bluelamp could not be reached. Check your connection and try again.".to_owned()
            }
            ApiError::Unexpected { status } => {
                format!("The server gave an unexpected answer (status {status}). Try again.")
            }
            ApiError::Decode(_) => "The server's answer could not be read. Try again.".to_owned(),
            ApiError::SignedOut => "You have signed out.".to_owned(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

fn url(path: &str) -> String {
    format!("{API_PREFIX}{path}")
}

fn network(e: gloo_net::Error) -> ApiError {
    ApiError::Network(e.to_string())
}

/// Turns an error response into an [`ApiError`], reading its problem body if it has one.
async fn error_from(resp: Response) -> ApiError {
    let status = resp.status();
    match resp.json::<Problem>().await {
        Ok(p) => ApiError::Problem(p),
        Err(_) => ApiError::Unexpected { status },
    }
}

/// Reads a JSON success body, or the error.
async fn decode<T: DeserializeOwned>(resp: Response) -> Result<T, ApiError> {
    if resp.ok() {
        resp.json::<T>()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()))
    } else {
        Err(error_from(resp).await)
    }
}

/// The client for calls made without a session.
#[derive(Debug, Clone, Copy, Default)]
pub struct PublicClient;

impl PublicClient {
    /// `POST /auth/sign-in`.
    pub async fn sign_in(self, req: &SignInRequest) -> Result<SessionTokens, ApiError> {
        let resp = Request::post(&url("/auth/sign-in"))
            .json(req)
            .map_err(network)?
            .send()
            .await
            .map_err(network)?;
        decode(resp).await
    }

    /// `POST /auth/refresh`: exchanges the single-use refresh token for new tokens.
    /// `user_active` says whether the user has typed or clicked since the last refresh (only
    /// that keeps the session from ending after the server's idle timeout).
    pub async fn refresh(self, refresh_token: &str, user_active: bool) -> Result<SessionTokens, ApiError> {
        let body = RefreshRequest {
            refresh_token: refresh_token.to_owned(),
            user_active,
        };
        let resp = Request::post(&url("/auth/refresh"))
            .json(&body)
            .map_err(network)?
            .send()
            .await
            .map_err(network)?;
        decode(resp).await
    }

    /// `POST /auth/sign-out` for the session the access token belongs to.
    pub async fn sign_out(self, access_token: &str) -> Result<(), ApiError> {
        let resp = Request::post(&url("/auth/sign-out"))
            .header("Authorization", &format!("Bearer {access_token}"))
            .send()
            .await
            .map_err(network)?;
        if resp.ok() {
            Ok(())
        } else {
            Err(error_from(resp).await)
        }
    }
}

/// The client for calls that need a signed-in user. Obtain one with [`AuthClient::new`].
#[derive(Debug, Clone, Copy)]
pub struct AuthClient {
    session: Session,
}

/// How many cursor-paged items to ask for at once.
pub const PAGE_SIZE: u32 = 25;

impl AuthClient {
    /// A client acting for the session's user.
    pub fn new(session: Session) -> Self {
        Self { session }
    }

    /// Sends a request built by `make` with the bearer token. On 401 the token is refreshed once
    /// and the request sent again; if the session has ended the call waits until the user has
    /// signed in again (or fails with [`ApiError::SignedOut`]).
    async fn send(
        &self,
        make: impl Fn(RequestBuilder) -> Result<Request, gloo_net::Error>,
        builder: impl Fn() -> RequestBuilder,
    ) -> Result<Response, ApiError> {
        let mut retried = false;
        loop {
            let token = self.session.ensure_access().await?;
            let req = make(builder().header("Authorization", &format!("Bearer {token}"))).map_err(network)?;
            let resp = req.send().await.map_err(network)?;
            if resp.status() != 401 || retried {
                return Ok(resp);
            }
            // The access token was refused (expired early, or the session was ended elsewhere):
            // drop it so that `ensure_access` refreshes, and try once more.
            retried = true;
            self.session.invalidate_access(&token);
        }
    }

    /// `GET /me`: the signed-in user and what their roles give them.
    pub async fn me(&self) -> Result<Me, ApiError> {
        let resp = self.send(|b| b.build(), || Request::get(&url("/me"))).await?;
        decode(resp).await
    }

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

    /// `GET /search`: the one search box across the index.
    pub async fn search(
        &self,
        q: &str,
        kind: Option<RecordKind>,
        limit: u32,
    ) -> Result<SearchResults, ApiError> {
        let limit = limit.to_string();
        let resp = self
            .send(
                |b| b.build(),
                || {
                    let mut query: Vec<(&str, &str)> = vec![("q", q), ("limit", limit.as_str())];
                    if let Some(k) = kind {
                        query.push(("kind", k.as_str()));
                    }
                    Request::get(&url("/search")).query(query)
                },
            )
            .await?;
        decode(resp).await
    }

    /// `GET /reference-data`: every vocabulary and link reason.
    pub async fn reference_data(&self) -> Result<ReferenceData, ApiError> {
        let resp = self
            .send(|b| b.build(), || Request::get(&url("/reference-data")))
            .await?;
        decode(resp).await
    }

    /// `POST /people/matches`: likely existing people for one being entered.
    pub async fn person_matches(&self, q: &PersonMatchQuery) -> Result<Vec<PersonMatch>, ApiError> {
        let resp = self
            .send(|b| b.json(q), || Request::post(&url("/people/matches")))
            .await?;
        decode(resp).await
    }

    /// `POST /people` with an idempotency key, so a repeated submit creates one person only.
    pub async fn create_person(
        &self,
        req: &CreatePersonRequest,
        idempotency_key: &str,
    ) -> Result<PersonDto, ApiError> {
        let resp = self
            .send(
                |b| b.json(req),
                || Request::post(&url("/people")).header(IDEMPOTENCY_KEY_HEADER, idempotency_key),
            )
            .await?;
        decode(resp).await
    }

    /// `GET /{collection}/{id}` with the purpose for a restricted record, if one was given.
    /// Answers the record and its `ETag`.
    pub async fn record<T: DeserializeOwned>(
        &self,
        kind: RecordKind,
        id: Uuid,
        purpose: Option<&str>,
    ) -> Result<(T, Option<String>), ApiError> {
        let path = url(&format!("/{}/{id}", kind.collection()));
        let resp = self
            .send(
                |b| b.build(),
                || match purpose {
                    Some(p) => Request::get(&path).header(PURPOSE_HEADER, p),
                    None => Request::get(&path),
                },
            )
            .await?;
        let etag = resp.headers().get("etag");
        decode(resp).await.map(|r| (r, etag))
    }

    /// `PUT /people/{id}` with `If-Match`: answers the person saved and its new `ETag`.
    pub async fn update_person(
        &self,
        id: Uuid,
        input: &PersonInput,
        etag: &str,
    ) -> Result<(PersonDto, Option<String>), ApiError> {
        let path = url(&format!("/people/{id}"));
        let resp = self
            .send(|b| b.json(input), || Request::put(&path).header("If-Match", etag))
            .await?;
        let etag = resp.headers().get("etag");
        decode(resp).await.map(|r| (r, etag))
    }

    /// `POST /people/{survivor}/merges`.
    pub async fn merge_people(&self, survivor: Uuid, req: &MergeRequest) -> Result<MergeDto, ApiError> {
        let path = url(&format!("/people/{survivor}/merges"));
        let resp = self.send(|b| b.json(req), || Request::post(&path)).await?;
        decode(resp).await
    }

    /// `POST /merges/{id}/unmerge`.
    pub async fn unmerge(&self, merge: Uuid) -> Result<MergeDto, ApiError> {
        let path = url(&format!("/merges/{merge}/unmerge"));
        let resp = self.send(|b| b.build(), || Request::post(&path)).await?;
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
