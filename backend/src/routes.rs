//! The API's routes, each declared once with its access rule.
//!
//! `api_routes!` turns the table below into (1) the actix registration, each route wrapped in the
//! [`Authorize`] middleware carrying its rule, and (2) [`table`], which the authorisation-matrix test
//! walks with every role. A route cannot be registered without a rule.

use crate::admin::agreements_routes as agreements;
use crate::admin::audit_routes as audit;
use crate::admin::forces_routes as forces;
use crate::admin::identity_provider_routes as identity_provider;
use crate::admin::partners_routes as partners;
use crate::admin::reference_routes as reference;
use crate::admin::routes as users;
use crate::admin::suites_routes as suites;
use crate::admin::units_routes as units;
use crate::case::routes as case;
use crate::custody::routes as custody;
use crate::error::ApiError;
use crate::index::corrections::routes as corrections;
use crate::index::people::routes as people;
use crate::index::records::routes::{locations, objects, organisations};
use crate::index::search::routes as search;
use crate::intelligence::routes as intelligence;
use crate::investigation::routes as investigation;
use crate::investigation::tasks::routes as tasks;
use crate::investigation::victims::routes as victims;
use crate::kernel::auth::me;
use crate::kernel::auth::mfa_routes as mfa;
use crate::kernel::auth::my_sessions;
use crate::kernel::auth::routes as auth;
use crate::kernel::auth::sso_routes as sso;
use crate::kernel::auth::{Authorize, Rule};
use crate::retention::routes as retention;
use actix_web::dev::ResourceDef;
use actix_web::http::Method;
use actix_web::{guard, web, HttpRequest};
use bluelamp_shared::auth::Capability::{self, *};
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

/// Who works on crimes and incidents: records them, reviews and allocates them, audits their recording
/// (the service checks each workflow move against the caller's capabilities).
const WORK_ON_CRIMES: &[Capability] = &[RecordCrime, ReviewCrime, AllocateCrime, AuditCrimeRecording];
/// Custody staff and the officers who review and extend detention (the service checks each entry
/// against the capability: keeping the record, deciding, reviewing, extending).
const CUSTODY: &[Capability] = &[RunCustody, ReviewDetention];
/// Who reads case files: those who build them and those who certify them.
const READ_CASE_FILES: &[Capability] = &[BuildCaseFiles, CertifyCaseFiles];

api_routes! {
    POST  "/auth/sign-in"   => auth::sign_in,    Rule::public();
    POST  "/auth/refresh"   => auth::refresh,    Rule::public();
    POST  "/auth/sign-out"  => auth::sign_out,   Rule::signed_in();
    GET   "/auth/sso/providers" => sso::providers, Rule::public();
    POST  "/auth/sso/start" => sso::start,       Rule::public();
    POST  "/auth/sso/finish" => sso::finish,     Rule::public();
    GET   "/me"             => me::get,          Rule::signed_in();
    GET   "/me/sessions"    => my_sessions::list, Rule::signed_in();
    POST  "/me/mfa/totp"    => mfa::start,       Rule::signed_in();
    POST  "/me/mfa/totp/confirm" => mfa::confirm, Rule::signed_in();
    GET   "/mfa-policy"     => mfa::get_policy,  Rule::can(&[ManageUsers]);
    PUT   "/mfa-policy"     => mfa::set_policy,  Rule::can(&[ManageUsers]);
    GET   "/identity-provider" => identity_provider::get, Rule::can(&[ManageUsers]);
    PUT   "/identity-provider" => identity_provider::set, Rule::can(&[ManageUsers]);
    POST  "/me/sessions/sign-out-others" => my_sessions::sign_out_others, Rule::signed_in();
    DELETE "/me/sessions/{id}" => my_sessions::end_one, Rule::signed_in();
    GET   "/forces"         => forces::list,     Rule::signed_in();
    POST  "/forces"         => forces::create,   Rule::can(&[ManageForces]);
    POST  "/forces/{code}/users" => forces::create_user, Rule::can(&[ManageForces]);
    GET   "/partner-organisations" => partners::list, Rule::can(&[ManageUsers, ManageForces]);
    POST  "/partner-organisations" => partners::create, Rule::can(&[ManageUsers, ManageForces]);
    PATCH "/partner-organisations/{id}" => partners::update, Rule::can(&[ManageUsers, ManageForces]);
    POST  "/partner-organisations/{id}/accounts" => partners::create_account, Rule::can(&[ManageUsers, ManageForces]);
    GET   "/force-units"    => units::list,      Rule::can(&[SearchIndex, ManageUsers, ManageForceStructure]);
    POST  "/force-units"    => units::create,    Rule::can(&[ManageForceStructure]);
    PATCH "/force-units/{id}" => units::update,  Rule::can(&[ManageForceStructure]);
    GET   "/agreements"     => agreements::list, Rule::can(&[ManageSharing]);
    POST  "/agreements"     => agreements::propose, Rule::can(&[ManageSharing]);
    GET   "/agreements/{id}" => agreements::get, Rule::can(&[ManageSharing]);
    POST  "/agreements/{id}/steps" => agreements::step, Rule::can(&[ManageSharing]);
    GET   "/users"          => users::list,      Rule::can(&[ManageUsers]);
    POST  "/users"          => users::create,    Rule::can(&[ManageUsers]);
    POST  "/users/bulk"     => users::create_bulk, Rule::can(&[ManageUsers]);
    GET   "/users/{id}"     => users::get,       Rule::can(&[ManageUsers]);
    PATCH "/users/{id}"     => users::update,    Rule::can(&[ManageUsers]);
    GET   "/audit-events"   => audit::list,      Rule::can(&[ReadAuditLog]);
    GET   "/audit-events/export" => audit::export, Rule::can(&[ReadAuditLog]);
    GET   "/reference-data" => search::reference, Rule::signed_in();
    GET   "/reference-data/lists" => reference::list, Rule::signed_in();
    GET   "/reference-data/lists/{list}" => reference::get, Rule::signed_in();
    PUT   "/reference-data/lists/{list}" => reference::import, Rule::can(&[ManageReferenceData]);
    POST  "/reference-data/lists/{list}/local-values" => reference::add_local, Rule::can(&[ManageForceStructure]);
    POST  "/reference-data/lists/{list}/local-values/{code}/retire" => reference::retire_local, Rule::can(&[ManageForceStructure]);
    GET   "/search"         => search::search,   Rule::can(&[SearchIndex]);
    POST  "/links"          => search::link,     Rule::can(&[SearchIndex]);
    POST  "/corrections"    => corrections::create, Rule::can(&[SearchIndex]);
    GET   "/corrections"    => corrections::list, Rule::can(&[SearchIndex]);
    GET   "/corrections/{id}" => corrections::get, Rule::can(&[SearchIndex]);
    POST  "/corrections/{id}/decision" => corrections::decide, Rule::can(&[SearchIndex]);
    POST  "/retention/runs" => retention::run,   Rule::can(&[ReviewRetention]);
    GET   "/retention/reviews" => retention::queue, Rule::can(&[ReviewRetention]);
    GET   "/retention/reviews/{id}" => retention::get, Rule::can(&[ReviewRetention]);
    POST  "/retention/reviews/{id}/group" => retention::override_group, Rule::can(&[ReviewRetention]);
    POST  "/retention/reviews/{id}/decisions" => retention::decide, Rule::can(&[ReviewRetention]);
    POST  "/people"         => people::create,   Rule::can(&[SearchIndex]);
    POST  "/people/matches" => people::matches,  Rule::can(&[SearchIndex]);
    GET   "/people/{id}"    => people::get,      Rule::can(&[SearchIndex]);
    PUT   "/people/{id}"    => people::update,   Rule::can(&[SearchIndex]);
    POST  "/people/{id}/merges" => people::merge, Rule::can(&[MergePeople]);
    POST  "/people/{id}/markers" => people::add_marker, Rule::can(&[SearchIndex]);
    POST  "/people/{id}/markers/{marker_id}/end" => people::end_marker, Rule::can(&[SearchIndex]);
    POST  "/people/{id}/notes" => people::add_note, Rule::can(&[SearchIndex]);
    POST  "/merges/{id}/unmerge" => people::unmerge, Rule::can(&[MergePeople]);
    POST  "/organisations"  => organisations::create, Rule::can(&[SearchIndex]);
    GET   "/organisations/{id}" => organisations::get, Rule::can(&[SearchIndex]);
    PUT   "/organisations/{id}" => organisations::update, Rule::can(&[SearchIndex]);
    POST  "/objects"        => objects::create,  Rule::can(&[SearchIndex]);
    GET   "/objects/{id}"   => objects::get,     Rule::can(&[SearchIndex]);
    PUT   "/objects/{id}"   => objects::update,  Rule::can(&[SearchIndex]);
    POST  "/locations"      => locations::create, Rule::can(&[SearchIndex]);
    GET   "/locations/{id}" => locations::get,   Rule::can(&[SearchIndex]);
    PUT   "/locations/{id}" => locations::update, Rule::can(&[SearchIndex]);
    POST  "/incidents"      => investigation::open_incident, Rule::can(WORK_ON_CRIMES);
    GET   "/incidents"      => investigation::undecided_incidents, Rule::can(WORK_ON_CRIMES);
    GET   "/incidents/{id}" => investigation::get_incident, Rule::can(WORK_ON_CRIMES);
    POST  "/incidents/{id}/no-crime" => investigation::no_crime, Rule::can(WORK_ON_CRIMES);
    POST  "/incidents/{id}/close" => investigation::close_incident, Rule::can(WORK_ON_CRIMES);
    POST  "/crimes"         => investigation::create, Rule::can(WORK_ON_CRIMES);
    GET   "/crimes"         => investigation::queue, Rule::can(&[SearchIndex]);
    GET   "/crimes/{id}"    => investigation::get, Rule::can(&[SearchIndex]);
    PUT   "/crimes/{id}"    => investigation::update, Rule::can(WORK_ON_CRIMES);
    POST  "/crimes/{id}/transitions" => investigation::transition, Rule::can(WORK_ON_CRIMES);
    POST  "/crimes/{id}/parties" => investigation::add_party, Rule::can(&[SearchIndex]);
    POST  "/crimes/{id}/property" => investigation::add_property, Rule::can(&[SearchIndex]);
    POST  "/crimes/{id}/exhibits" => investigation::add_exhibit, Rule::can(&[SearchIndex]);
    POST  "/exhibits/{id}/movements" => investigation::move_exhibit, Rule::can(&[SearchIndex]);
    POST  "/crimes/{id}/reclassifications" => investigation::reclassify, Rule::can(WORK_ON_CRIMES);
    POST  "/crimes/{id}/cancellations" => investigation::request_cancellation, Rule::can(WORK_ON_CRIMES);
    GET   "/cancellations"  => investigation::pending_cancellations, Rule::can(&[ApproveCancellations]);
    POST  "/cancellations/{id}/decision" => investigation::decide_cancellation, Rule::can(&[ApproveCancellations]);
    POST  "/crimes/{id}/log" => investigation::add_log, Rule::can(&[SearchIndex]);
    POST  "/crimes/{id}/tasks" => tasks::create, Rule::can(&[SearchIndex]);
    POST  "/tasks/{id}/completion" => tasks::complete, Rule::can(&[SearchIndex]);
    POST  "/crimes/{id}/victim-updates" => victims::update_event, Rule::can(&[SearchIndex]);
    PUT   "/victims/{id}"   => victims::update_care, Rule::can(WORK_ON_CRIMES);
    POST  "/victims/{id}/contacts" => victims::add_contact, Rule::can(WORK_ON_CRIMES);
    POST  "/victims/{id}/referral" => victims::refer, Rule::can(WORK_ON_CRIMES);
    POST  "/victims/{id}/dash" => victims::dash, Rule::can(WORK_ON_CRIMES);
    POST  "/retail-thefts"  => investigation::retail_theft, Rule::can(WORK_ON_CRIMES);
    POST  "/intelligence-reports" => intelligence::submit, Rule::can(&[SubmitIntelligence]);
    GET   "/intelligence-reports/queue" => intelligence::queue, Rule::can(&[EvaluateIntelligence]);
    POST  "/intelligence-reports/legacy" => intelligence::import_legacy, Rule::can(&[EvaluateIntelligence]);
    GET   "/intelligence-reports/{id}" => intelligence::get, Rule::can(&[SearchIndex]);
    POST  "/intelligence-reports/{id}/transitions" => intelligence::transition, Rule::can(&[SubmitIntelligence]);
    GET   "/intelligence"   => intelligence::search, Rule::can(&[SearchIndex]);
    GET   "/sources"        => intelligence::sources, Rule::can(&[EvaluateIntelligence]);
    POST  "/custody-records" => custody::book_in, Rule::can(&[AuthoriseDetention]);
    GET   "/custody-records/prefill" => custody::prefill, Rule::can(CUSTODY);
    GET   "/custody-records/{id}" => custody::get, Rule::can(&[SearchIndex]);
    POST  "/custody-records/{id}/entries" => custody::add_entry, Rule::can(CUSTODY);
    GET   "/custody-suites" => suites::list,     Rule::can(&[ManageForceStructure]);
    POST  "/custody-suites" => suites::create,   Rule::can(&[ManageForceStructure]);
    PATCH "/custody-suites/{id}" => suites::update, Rule::can(&[ManageForceStructure]);
    GET   "/custody-suites/{id}/board" => custody::board, Rule::can(CUSTODY);
    POST  "/case-files"     => case::create, Rule::can(&[BuildCaseFiles]);
    GET   "/case-files"     => case::list, Rule::can(READ_CASE_FILES);
    GET   "/case-files/{id}" => case::get, Rule::can(READ_CASE_FILES);
    PATCH "/case-files/{id}" => case::update, Rule::can(&[BuildCaseFiles]);
    POST  "/case-files/{id}/documents" => case::write_document, Rule::can(&[BuildCaseFiles]);
    POST  "/case-files/{id}/certifications" => case::certify, Rule::can(&[CertifyCaseFiles]);
    POST  "/case-files/{id}/submissions" => case::submit, Rule::can(&[SubmitCaseFiles]);
    GET   "/case-files/{id}/bundle.pdf" => case::bundle, Rule::can(READ_CASE_FILES);
    POST  "/crimes/{id}/statements" => case::add_statement, Rule::can(&[WriteStatements]);
    POST  "/crimes/{id}/unused-material" => case::add_unused, Rule::can(&[BuildCaseFiles]);
    GET   "/cps/case-files" => case::cps_list, Rule::can(&[DecideCaseFiles]);
    GET   "/cps/case-files/{id}" => case::cps_get, Rule::can(&[DecideCaseFiles]);
    GET   "/cps/case-files/{id}/bundle.pdf" => case::cps_bundle, Rule::can(&[DecideCaseFiles]);
    POST  "/cps/case-files/{id}/decisions" => case::decide, Rule::can(&[DecideCaseFiles]);
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
        // A literal path (`/people/matches`) is its own resource, not an id of `/people/{id}`.
        let routes = table();
        let literal = routes.iter().any(|r| r.path == rest);
        let allowed: Vec<&str> = routes
            .iter()
            .filter(|r| {
                if literal {
                    r.path == rest
                } else {
                    ResourceDef::new(r.path).is_match(rest)
                }
            })
            .map(|r| r.method)
            .collect();
        if !allowed.is_empty() {
            return Ok(crate::http::method_not_allowed(req.method(), &allowed));
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
