//! Authentication and the one authorisation mechanism every route goes through.
//!
//! Each route is declared in `routes.rs` with a [`Rule`] beside it: public, signed in, or the
//! capabilities that reach it (which role gives which capability is the table in the shared crate,
//! [`Role::capabilities`]). The [`Authorize`] middleware wrapped around that route authenticates the
//! bearer token, checks the rule and puts the [`Caller`] into the request; a handler cannot run without
//! it. Which records the caller may then reach (owning force, sharing agreement, restriction) is decided
//! per record by [`crate::kernel::access`], the one gate. The authorisation test walks
//! `routes::table()` with every role.

pub mod me;
pub mod mfa;
pub mod mfa_routes;
pub mod my_sessions;
pub mod routes;
pub mod secrets;
pub mod session_rows;
pub mod sessions;
pub mod sso;
pub mod sso_routes;

pub mod password;
pub mod tokens;

use crate::error::ApiError;
use crate::startup::AppState;
use actix_web::body::EitherBody;
use actix_web::dev::{forward_ready, Payload, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use bluelamp_shared::auth::{Capability, Role};
use bluelamp_shared::error::ErrorCode;
use futures_util::future::{ready, LocalBoxFuture, Ready};
use std::rc::Rc;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, without signing in (sign-in itself, token refresh).
    Public,
    /// Any signed-in user.
    SignedIn,
    /// Signed-in users whose roles give at least one of these capabilities. Which role gives which
    /// capability is the table in the shared crate ([`Role::capabilities`]), the single source.
    AnyCapability(&'static [Capability]),
}

/// The access rule declared beside a route. Which records of the route the caller may then reach is
/// decided per record by the one gate, [`crate::kernel::access`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Who may call it.
    pub access: Access,
}

impl Rule {
    /// Anyone.
    pub const fn public() -> Self {
        Self {
            access: Access::Public,
        }
    }

    /// Any signed-in user.
    pub const fn signed_in() -> Self {
        Self {
            access: Access::SignedIn,
        }
    }

    /// Holders of any of `capabilities`.
    pub const fn can(capabilities: &'static [Capability]) -> Self {
        Self {
            access: Access::AnyCapability(capabilities),
        }
    }

    /// Whether a user with `roles` may call the route (authentication aside).
    pub fn allows(&self, roles: &[Role]) -> bool {
        match self.access {
            Access::Public | Access::SignedIn => true,
            Access::AnyCapability(caps) => roles
                .iter()
                .any(|r| r.capabilities().iter().any(|c| caps.contains(c))),
        }
    }

    /// The roles that may call the route, read from the capability table (every role for a public
    /// or signed-in route).
    pub fn roles(&self) -> Vec<Role> {
        Role::ALL.into_iter().filter(|r| self.allows(&[*r])).collect()
    }
}

/// The authenticated, authorised caller of a route.
#[derive(Debug, Clone)]
pub struct Caller {
    /// User id.
    pub user_id: String,
    /// User name.
    pub username: String,
    /// The caller's force.
    pub force_code: String,
    /// Roles held.
    pub roles: Vec<Role>,
    /// The session the token belongs to.
    pub session_id: String,
    /// The request id.
    pub request_id: Option<String>,
    /// The session waits for a required multi-factor enrolment: only `/me` and `/auth` routes are open.
    pub mfa_pending: bool,
}

impl Caller {
    /// Whether the caller holds `role`.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Whether the caller's roles give `cap`.
    pub fn can(&self, cap: Capability) -> bool {
        self.roles.iter().any(|r| r.capabilities().contains(&cap))
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(req.extensions().get::<Caller>().cloned().ok_or_else(|| {
            ApiError::internal(anyhow::anyhow!(
                "handler asked for a Caller on a route without an authenticated rule"
            ))
        }))
    }
}

/// What every handler may want to know about the request itself.
#[derive(Debug, Clone)]
pub struct RequestInfo {
    /// The request id.
    pub request_id: Option<String>,
    /// The User-Agent header.
    pub user_agent: Option<String>,
}

impl FromRequest for RequestInfo {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(RequestInfo {
            request_id: request_id(req),
            user_agent: req
                .headers()
                .get(actix_web::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.chars().take(200).collect()),
        }))
    }
}

/// The id tracing-actix-web gave the request.
pub fn request_id(req: &HttpRequest) -> Option<String> {
    req.extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|r| r.to_string())
}

/// Middleware that enforces a route's [`Rule`].
#[derive(Clone, Copy)]
pub struct Authorize {
    rule: Rule,
}

impl Authorize {
    /// For one route.
    pub fn new(rule: Rule) -> Self {
        Self { rule }
    }
}

impl<S, B> Transform<S, ServiceRequest> for Authorize
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = AuthorizeMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(AuthorizeMiddleware {
            service: Rc::new(service),
            rule: self.rule,
        }))
    }
}

/// The per-route middleware instance.
pub struct AuthorizeMiddleware<S> {
    service: Rc<S>,
    rule: Rule,
}

impl<S, B> Service<ServiceRequest> for AuthorizeMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self::Response, Self::Error>>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let service = Rc::clone(&self.service);
        let rule = self.rule;
        Box::pin(async move {
            if rule.access == Access::Public {
                // Sign-in and refresh are limited per client address (on top of the per-account lockout).
                let limited = req
                    .app_data::<web::Data<AppState>>()
                    .and_then(|s| s.public_limiter.clone())
                    .is_some_and(|l| req.peer_addr().is_some_and(|a| l.check_key(&a.ip()).is_err()));
                if limited {
                    let e = ApiError::code(
                        ErrorCode::RateLimited,
                        "Too many sign-in attempts from this address. Wait a minute and try again.",
                    );
                    return Ok(req.error_response(e).map_into_right_body());
                }
                return service.call(req).await.map(ServiceResponse::map_into_left_body);
            }
            let state = match req.app_data::<web::Data<AppState>>().cloned() {
                Some(s) => s,
                None => {
                    let e = ApiError::internal(anyhow::anyhow!("application state missing"));
                    return Ok(req.error_response(e).map_into_right_body());
                }
            };
            match authorise(&state, &req, rule).await {
                Ok(caller) => {
                    req.extensions_mut().insert(caller);
                    service.call(req).await.map(ServiceResponse::map_into_left_body)
                }
                // Answer here, keeping the error on the response for the problem-details middleware.
                Err(e) => Ok(req.error_response(e).map_into_right_body()),
            }
        })
    }
}

async fn authorise(state: &AppState, req: &ServiceRequest, rule: Rule) -> Result<Caller, ApiError> {
    let token = bearer_token(req.request())?;
    let rid = request_id(req.request());
    let caller = crate::kernel::auth::sessions::authenticate(state, &token, rid).await?;
    let api = bluelamp_shared::API_PREFIX;
    let path = req.path();
    if caller.mfa_pending
        && !(path == format!("{api}/me")
            || path.starts_with(&format!("{api}/me/"))
            || path.starts_with(&format!("{api}/auth/")))
    {
        return Err(ApiError::code(
            ErrorCode::MfaEnrolmentRequired,
            "Your role requires multi-factor sign-in: set up your authenticator app first (POST /me/mfa/totp)",
        ));
    }
    if !rule.allows(&caller.roles) {
        crate::kernel::audit::access_denied(&state.db, &caller, req.method().as_str(), req.path()).await?;
        return Err(ApiError::forbidden("Your roles do not give access to this"));
    }
    Ok(caller)
}

fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            ApiError::code(
                ErrorCode::Unauthenticated,
                "Sign in and send the access token as `Authorization: Bearer <token>`",
            )
        })?;
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::code(
                ErrorCode::Unauthenticated,
                "The Authorization header must be `Bearer <token>`",
            )
        })?;
    Ok(token.to_owned())
}
