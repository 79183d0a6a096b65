//! The API's routes, each declared once with its access rule.
//!
//! `api_routes!` turns the table below into (1) the actix registration, each route wrapped in the
//! [`Authorize`] middleware carrying its rule, and (2) [`table`], which the authorisation-matrix test
//! walks with every role. A route cannot be registered without a rule.

pub mod audit;
pub mod auth;
pub mod forces;
pub mod health;
pub mod me;
pub mod people;
pub mod records;
pub mod search;
pub mod users;

use crate::auth::{Authorize, Rule};
use crate::error::ApiError;
use actix_web::dev::ResourceDef;
use actix_web::http::Method;
use actix_web::{guard, web, HttpRequest};
use bluelamp_shared::auth::Role;
use bluelamp_shared::error::ErrorCode;
use records::{locations, objects, organisations};

/// One API route as declared.
#[derive(Debug, Clone, Copy)]
pub struct RouteInfo {
    /// HTTP method.
    pub method: &'static str,
    /// Path under `/api/v1`, with `{param}` placeholders.
    pub path: &'static str,
    /// Who may call it.
    pub rule: Rule,
}

macro_rules! api_routes {
    ($( $method:ident $path:literal => $handler:path, $rule:expr; )*) => {
        /// Every API route with its access rule (the authorisation matrix).
        pub fn table() -> Vec<RouteInfo> {
            vec![$( RouteInfo { method: stringify!($method), path: $path, rule: $rule } ),*]
        }

        /// Registers every API route under the current scope.
        pub fn configure(cfg: &mut web::ServiceConfig) {
            $(
                cfg.service(
                    web::resource($path)
                        .guard(guard::Method(Method::$method))
                        .wrap(Authorize::new($rule))
                        .route(web::route().to($handler)),
                );
            )*
        }
    };
}

const ADMIN: &[Role] = &[Role::ForceAdmin];
/// Everyone who works with the shared index (every role but the force administrator).
const INDEX: &[Role] = &[
    Role::ResponseOfficer,
    Role::Investigator,
    Role::Supervisor,
    Role::CustodyOfficer,
    Role::DetentionOfficer,
    Role::Inspector,
    Role::Superintendent,
    Role::IntelligenceOfficer,
    Role::CaseStaff,
    Role::ForceCrimeRegistrar,
];
/// Who may merge and unmerge people (data-quality decisions).
const MERGERS: &[Role] = &[
    Role::Investigator,
    Role::Supervisor,
    Role::IntelligenceOfficer,
    Role::ForceCrimeRegistrar,
];

api_routes! {
    POST  "/auth/sign-in"   => auth::sign_in,    Rule::public();
    POST  "/auth/refresh"   => auth::refresh,    Rule::public();
    POST  "/auth/sign-out"  => auth::sign_out,   Rule::signed_in();
    GET   "/me"             => me::get,          Rule::signed_in();
    GET   "/forces"         => forces::list,     Rule::signed_in();
    GET   "/users"          => users::list,      Rule::roles(ADMIN).own_force();
    POST  "/users"          => users::create,    Rule::roles(ADMIN).own_force();
    GET   "/users/{id}"     => users::get,       Rule::roles(ADMIN).own_force();
    PATCH "/users/{id}"     => users::update,    Rule::roles(ADMIN).own_force();
    GET   "/audit-events"   => audit::list,      Rule::roles(ADMIN).own_force();
    GET   "/audit-events/export" => audit::export, Rule::roles(ADMIN).own_force();
    GET   "/reference-data" => search::reference, Rule::signed_in();
    GET   "/search"         => search::search,   Rule::roles(INDEX);
    POST  "/links"          => search::link,     Rule::roles(INDEX);
    POST  "/people"         => people::create,   Rule::roles(INDEX);
    POST  "/people/matches" => people::matches,  Rule::roles(INDEX);
    GET   "/people/{id}"    => people::get,      Rule::roles(INDEX);
    PUT   "/people/{id}"    => people::update,   Rule::roles(INDEX);
    POST  "/people/{id}/merges" => people::merge, Rule::roles(MERGERS);
    POST  "/merges/{id}/unmerge" => people::unmerge, Rule::roles(MERGERS);
    POST  "/organisations"  => organisations::create, Rule::roles(INDEX);
    GET   "/organisations/{id}" => organisations::get, Rule::roles(INDEX);
    PUT   "/organisations/{id}" => organisations::update, Rule::roles(INDEX);
    POST  "/objects"        => objects::create,  Rule::roles(INDEX);
    GET   "/objects/{id}"   => objects::get,     Rule::roles(INDEX);
    PUT   "/objects/{id}"   => objects::update,  Rule::roles(INDEX);
    POST  "/locations"      => locations::create, Rule::roles(INDEX);
    GET   "/locations/{id}" => locations::get,   Rule::roles(INDEX);
    PUT   "/locations/{id}" => locations::update, Rule::roles(INDEX);
}

/// Answers requests that match no route: 405 when the path exists with another method, else 404.
pub async fn not_found(req: HttpRequest) -> Result<actix_web::HttpResponse, ApiError> {
    let path = req.path();
    let prefix = bluelamp_shared::API_PREFIX;
    if let Some(rest) = path.strip_prefix(prefix) {
        let allowed: Vec<&str> = table()
            .into_iter()
            .filter(|r| ResourceDef::new(r.path).is_match(rest))
            .map(|r| r.method)
            .collect();
        if !allowed.is_empty() {
            return Err(ApiError::code(
                ErrorCode::MethodNotAllowed,
                format!("{} is not allowed here; use {}", req.method(), allowed.join(", ")),
            ));
        }
    }
    Err(ApiError::code(
        ErrorCode::NotFound,
        format!("There is nothing at {path}"),
    ))
}

/// Parses a `{id}` path segment as a UUID-based id.
pub fn parse_id<T: std::str::FromStr>(raw: &str, what: &str) -> Result<T, ApiError> {
    raw.parse().map_err(|_| ApiError::not_found(what))
}
