//! The API's routes, each declared once with its access rule.
//!
//! `api_routes!` turns the table below into (1) the actix registration, each route wrapped in the
//! [`Authorize`] middleware carrying its rule, and (2) [`table`], which the authorisation-matrix test
//! walks with every role. A route cannot be registered without a rule.

use crate::admin::audit_routes as audit;
use crate::admin::forces_routes as forces;
use crate::admin::routes as users;
use crate::case::routes as case;
use crate::custody::routes as custody;
use crate::error::ApiError;
use crate::index::people::routes as people;
use crate::index::records::routes::{locations, objects, organisations};
use crate::index::search::routes as search;
use crate::intelligence::routes as intelligence;
use crate::investigation::routes as investigation;
use crate::investigation::tasks::routes as tasks;
use crate::investigation::victims::routes as victims;
use crate::kernel::auth::me;
use crate::kernel::auth::routes as auth;
use crate::kernel::auth::{Authorize, Rule};
use actix_web::dev::ResourceDef;
use actix_web::http::Method;
use actix_web::{guard, web, HttpRequest};
use bluelamp_shared::auth::Role;
use bluelamp_shared::error::ErrorCode;

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
/// Who records and works on crimes and incidents (the service checks each workflow move against the
/// role's capabilities: recording, allocating, investigating, reviewing).
const RECORDERS: &[Role] = &[
    Role::ResponseOfficer,
    Role::Investigator,
    Role::Supervisor,
    Role::Inspector,
    Role::ForceCrimeRegistrar,
];
/// Who submits intelligence.
const SUBMITTERS: &[Role] = &[
    Role::ResponseOfficer,
    Role::Investigator,
    Role::IntelligenceOfficer,
];
/// The intelligence unit.
const INTEL_UNIT: &[Role] = &[Role::IntelligenceOfficer];
/// Custody staff and the officers who review and extend detention (the service checks each entry
/// against the role: detention officers keep the record, custody officers decide, inspectors review,
/// superintendents extend).
const CUSTODY: &[Role] = &[
    Role::CustodyOfficer,
    Role::DetentionOfficer,
    Role::Inspector,
    Role::Superintendent,
];
/// Who decides on detention, charges and releases.
const CUSTODY_OFFICERS: &[Role] = &[Role::CustodyOfficer];
/// Who reads case files.
const CASE_READERS: &[Role] = &[Role::Investigator, Role::Supervisor, Role::CaseStaff];
/// Who builds case files and keeps the unused-material register.
const CASE_BUILDERS: &[Role] = &[Role::Investigator, Role::CaseStaff];
/// Who certifies case summaries.
const CERTIFIERS: &[Role] = &[Role::Supervisor];
/// Who submits case files to the CPS.
const CASE_SUBMITTERS: &[Role] = &[Role::CaseStaff];
/// Who takes witness statements.
const STATEMENT_TAKERS: &[Role] = &[Role::ResponseOfficer, Role::Investigator];
/// Crown prosecutors (CPS partner accounts).
const PROSECUTORS: &[Role] = &[Role::Prosecutor];
/// Who decides crime cancellations.
const REGISTRARS: &[Role] = &[Role::ForceCrimeRegistrar];
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
    POST  "/incidents"      => investigation::open_incident, Rule::roles(RECORDERS);
    GET   "/incidents"      => investigation::undecided_incidents, Rule::roles(RECORDERS).own_force();
    GET   "/incidents/{id}" => investigation::get_incident, Rule::roles(RECORDERS).own_force();
    POST  "/incidents/{id}/no-crime" => investigation::no_crime, Rule::roles(RECORDERS).own_force();
    POST  "/incidents/{id}/close" => investigation::close_incident, Rule::roles(RECORDERS).own_force();
    POST  "/crimes"         => investigation::create, Rule::roles(RECORDERS);
    GET   "/crimes"         => investigation::queue, Rule::roles(INDEX);
    GET   "/crimes/{id}"    => investigation::get, Rule::roles(INDEX);
    PUT   "/crimes/{id}"    => investigation::update, Rule::roles(RECORDERS);
    POST  "/crimes/{id}/transitions" => investigation::transition, Rule::roles(RECORDERS);
    POST  "/crimes/{id}/parties" => investigation::add_party, Rule::roles(INDEX);
    POST  "/crimes/{id}/property" => investigation::add_property, Rule::roles(INDEX);
    POST  "/crimes/{id}/exhibits" => investigation::add_exhibit, Rule::roles(INDEX);
    POST  "/exhibits/{id}/movements" => investigation::move_exhibit, Rule::roles(INDEX);
    POST  "/crimes/{id}/reclassifications" => investigation::reclassify, Rule::roles(RECORDERS);
    POST  "/crimes/{id}/cancellations" => investigation::request_cancellation, Rule::roles(RECORDERS);
    GET   "/cancellations"  => investigation::pending_cancellations, Rule::roles(REGISTRARS).own_force();
    POST  "/cancellations/{id}/decision" => investigation::decide_cancellation, Rule::roles(REGISTRARS).own_force();
    POST  "/crimes/{id}/log" => investigation::add_log, Rule::roles(INDEX);
    POST  "/crimes/{id}/tasks" => tasks::create, Rule::roles(INDEX);
    POST  "/tasks/{id}/completion" => tasks::complete, Rule::roles(INDEX);
    POST  "/crimes/{id}/victim-updates" => victims::update_event, Rule::roles(INDEX);
    PUT   "/victims/{id}"   => victims::update_care, Rule::roles(RECORDERS);
    POST  "/victims/{id}/contacts" => victims::add_contact, Rule::roles(RECORDERS);
    POST  "/victims/{id}/referral" => victims::refer, Rule::roles(RECORDERS);
    POST  "/victims/{id}/dash" => victims::dash, Rule::roles(RECORDERS);
    POST  "/retail-thefts"  => investigation::retail_theft, Rule::roles(RECORDERS);
    POST  "/intelligence-reports" => intelligence::submit, Rule::roles(SUBMITTERS);
    GET   "/intelligence-reports/queue" => intelligence::queue, Rule::roles(INTEL_UNIT).own_force();
    POST  "/intelligence-reports/legacy" => intelligence::import_legacy, Rule::roles(INTEL_UNIT).own_force();
    GET   "/intelligence-reports/{id}" => intelligence::get, Rule::roles(INDEX);
    POST  "/intelligence-reports/{id}/transitions" => intelligence::transition, Rule::roles(SUBMITTERS);
    GET   "/intelligence"   => intelligence::search, Rule::roles(INDEX);
    GET   "/sources"        => intelligence::sources, Rule::roles(INTEL_UNIT).own_force();
    POST  "/custody-records" => custody::book_in, Rule::roles(CUSTODY_OFFICERS).own_force();
    GET   "/custody-records/prefill" => custody::prefill, Rule::roles(CUSTODY).own_force();
    GET   "/custody-records/{id}" => custody::get, Rule::roles(INDEX);
    POST  "/custody-records/{id}/entries" => custody::add_entry, Rule::roles(CUSTODY);
    GET   "/custody-suites/{id}/board" => custody::board, Rule::roles(CUSTODY).own_force();
    POST  "/case-files"     => case::create, Rule::roles(CASE_BUILDERS).own_force();
    GET   "/case-files"     => case::list, Rule::roles(CASE_READERS).own_force();
    GET   "/case-files/{id}" => case::get, Rule::roles(CASE_READERS).own_force();
    PATCH "/case-files/{id}" => case::update, Rule::roles(CASE_BUILDERS).own_force();
    POST  "/case-files/{id}/documents" => case::write_document, Rule::roles(CASE_BUILDERS).own_force();
    POST  "/case-files/{id}/certifications" => case::certify, Rule::roles(CERTIFIERS).own_force();
    POST  "/case-files/{id}/submissions" => case::submit, Rule::roles(CASE_SUBMITTERS).own_force();
    GET   "/case-files/{id}/bundle.pdf" => case::bundle, Rule::roles(CASE_READERS).own_force();
    POST  "/crimes/{id}/statements" => case::add_statement, Rule::roles(STATEMENT_TAKERS);
    POST  "/crimes/{id}/unused-material" => case::add_unused, Rule::roles(CASE_BUILDERS);
    GET   "/cps/case-files" => case::cps_list, Rule::roles(PROSECUTORS);
    GET   "/cps/case-files/{id}" => case::cps_get, Rule::roles(PROSECUTORS);
    GET   "/cps/case-files/{id}/bundle.pdf" => case::cps_bundle, Rule::roles(PROSECUTORS);
    POST  "/cps/case-files/{id}/decisions" => case::decide, Rule::roles(PROSECUTORS);
    GET   "/my-work"        => tasks::my_work, Rule::signed_in();
    GET   "/drafts"         => tasks::drafts, Rule::signed_in();
    PUT   "/drafts/{id}"    => tasks::save_draft, Rule::signed_in();
    DELETE "/drafts/{id}"   => tasks::delete_draft, Rule::signed_in();
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
