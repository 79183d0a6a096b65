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
//!
//! The calls of each area are in their own file ([`index`], [`admin`], [`reference`], [`tasks`],
//! [`investigation`], [`intelligence`], [`custody`], [`case`], [`retention`], [`sso`]), each an `impl AuthClient` over
//! the request helpers here.

use crate::session::Session;
use bluelamp_shared::auth::{Me, RefreshRequest, SessionTokens, SignInRequest};
use bluelamp_shared::error::{ErrorCode, FieldError, Problem};
use bluelamp_shared::{API_PREFIX, PURPOSE_HEADER};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt;

pub mod account;
pub mod admin;
pub mod case;
pub mod custody;
pub mod index;
pub mod intelligence;
pub mod investigation;
pub mod reference;
pub mod retention;
pub mod sso;
pub mod tasks;

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

/// The `If-Match` value for a record at `version`.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

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

    /// `GET` a JSON answer.
    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let path = url(path);
        let resp = self.send(|b| b.build(), || Request::get(&path)).await?;
        decode(resp).await
    }

    /// `GET` the first page of a list, as many items as the API gives at once, with the list's
    /// filters (and the purpose of the search where the list needs one): the items.
    async fn list_items<T: DeserializeOwned>(
        &self,
        path: &str,
        filters: &[(&str, &str)],
        purpose: Option<&str>,
    ) -> Result<Vec<T>, ApiError> {
        let path = url(path);
        let limit = bluelamp_shared::paging::MAX_PAGE_SIZE.to_string();
        let resp = self
            .send(
                |b| b.build(),
                || {
                    let mut q = filters.to_vec();
                    q.push(("limit", limit.as_str()));
                    let r = Request::get(&path).query(q);
                    match purpose {
                        Some(p) => r.header(bluelamp_shared::PURPOSE_HEADER, p),
                        None => r,
                    }
                },
            )
            .await?;
        let page: bluelamp_shared::paging::Page<T> = decode(resp).await?;
        Ok(page.items)
    }

    /// `POST` a JSON body, answering JSON.
    async fn post_json<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let path = url(path);
        let resp = self.send(|b| b.json(body), || Request::post(&path)).await?;
        decode(resp).await
    }

    /// `PUT` (or, `put` false, `POST`) a JSON body with `If-Match` for the record at `version`.
    async fn write_if_match<B: Serialize, T: DeserializeOwned>(
        &self,
        put: bool,
        path: &str,
        body: &B,
        version: i64,
    ) -> Result<T, ApiError> {
        let path = url(path);
        let tag = etag(version);
        let resp = self
            .send(
                |b| b.json(body),
                || {
                    let r = if put {
                        Request::put(&path)
                    } else {
                        Request::post(&path)
                    };
                    r.header("If-Match", &tag)
                },
            )
            .await?;
        decode(resp).await
    }
}
