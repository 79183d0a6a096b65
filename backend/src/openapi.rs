//! The OpenAPI document, served at `/api/openapi.json` and committed as `openapi/openapi.json`.

use crate::kernel::auth::Access;
use bluelamp_shared::index::{corrections, links, locations, objects, organisations, people, search};
use bluelamp_shared::investigation::{self, tasks, victims};
use bluelamp_shared::{
    admin, audit, auth, case, custody, custody_clocks, error, forces, intelligence, paging, records,
    reference, users,
};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Bluelamp API",
        description = "Police records management: Investigation, Intelligence, Custody and Case on a shared index of people, objects, locations and events.\n\nConventions (see docs/API-DESIGN.md): snake_case JSON, RFC 3339 UTC timestamps, cursor pagination (`cursor`, `limit` up to 100), errors as RFC 9457 problem details with a stable `code` and every field error at once, `If-Match` on updates, `Idempotency-Key` on creates.",
        license(name = "AGPL-3.0-or-later"),
    ),
    paths(
        crate::kernel::auth::routes::sign_in,
        crate::kernel::auth::routes::refresh,
        crate::kernel::auth::routes::sign_out,
        crate::kernel::auth::me::get,
        crate::kernel::auth::my_sessions::list,
        crate::kernel::auth::my_sessions::sign_out_others,
        crate::kernel::auth::my_sessions::end_one,
        crate::kernel::auth::mfa_routes::start,
        crate::kernel::auth::mfa_routes::confirm,
        crate::kernel::auth::mfa_routes::get_policy,
        crate::kernel::auth::mfa_routes::set_policy,
        crate::kernel::auth::sso_routes::providers,
        crate::kernel::auth::sso_routes::start,
        crate::kernel::auth::sso_routes::finish,
        crate::admin::identity_provider_routes::get,
        crate::admin::identity_provider_routes::set,
        crate::admin::forces_routes::list,
        crate::admin::forces_routes::create,
        crate::admin::forces_routes::create_user,
        crate::admin::agreements_routes::list,
        crate::admin::agreements_routes::propose,
        crate::admin::agreements_routes::get,
        crate::admin::agreements_routes::step,
        crate::admin::partners_routes::list,
        crate::admin::partners_routes::create,
        crate::admin::partners_routes::update,
        crate::admin::partners_routes::create_account,
        crate::admin::reference_routes::list,
        crate::admin::reference_routes::get,
        crate::admin::reference_routes::import,
        crate::admin::reference_routes::add_local,
        crate::admin::reference_routes::retire_local,
        crate::admin::suites_routes::list,
        crate::admin::units_routes::list,
        crate::admin::units_routes::create,
        crate::admin::units_routes::update,
        crate::admin::suites_routes::create,
        crate::admin::suites_routes::update,
        crate::admin::routes::list,
        crate::admin::routes::create,
        crate::admin::routes::create_bulk,
        crate::admin::routes::get,
        crate::admin::routes::update,
        crate::admin::audit_routes::list,
        crate::admin::audit_routes::export,
        crate::index::search::routes::search,
        crate::index::search::routes::link,
        crate::index::corrections::routes::create,
        crate::index::corrections::routes::list,
        crate::index::corrections::routes::get,
        crate::index::corrections::routes::decide,
        crate::index::search::routes::reference,
        crate::index::people::routes::create,
        crate::index::people::routes::matches,
        crate::index::people::routes::get,
        crate::index::people::routes::update,
        crate::index::people::routes::merge,
        crate::index::people::routes::add_marker,
        crate::index::people::routes::end_marker,
        crate::index::people::routes::add_note,
        crate::retention::routes::run,
        crate::retention::routes::queue,
        crate::retention::routes::get,
        crate::retention::routes::override_group,
        crate::retention::routes::decide,
        crate::index::people::routes::unmerge,
        crate::index::records::routes::organisations::create,
        crate::index::records::routes::organisations::get,
        crate::index::records::routes::organisations::update,
        crate::index::records::routes::objects::create,
        crate::index::records::routes::objects::get,
        crate::index::records::routes::objects::update,
        crate::index::records::routes::locations::create,
        crate::index::records::routes::locations::get,
        crate::index::records::routes::locations::update,
        crate::investigation::routes::open_incident,
        crate::investigation::routes::undecided_incidents,
        crate::investigation::routes::get_incident,
        crate::investigation::routes::no_crime,
        crate::investigation::routes::close_incident,
        crate::investigation::routes::create,
        crate::investigation::routes::queue,
        crate::investigation::routes::get,
        crate::investigation::routes::update,
        crate::investigation::routes::transition,
        crate::investigation::routes::add_party,
        crate::investigation::routes::add_property,
        crate::investigation::routes::add_exhibit,
        crate::investigation::routes::move_exhibit,
        crate::investigation::routes::reclassify,
        crate::investigation::routes::request_cancellation,
        crate::investigation::routes::pending_cancellations,
        crate::investigation::routes::decide_cancellation,
        crate::investigation::routes::add_log,
        crate::investigation::routes::retail_theft,
        crate::investigation::tasks::routes::create,
        crate::investigation::tasks::routes::complete,
        crate::investigation::tasks::routes::my_work,
        crate::investigation::tasks::routes::drafts,
        crate::investigation::tasks::routes::save_draft,
        crate::investigation::tasks::routes::delete_draft,
        crate::investigation::victims::routes::update_care,
        crate::investigation::victims::routes::add_contact,
        crate::investigation::victims::routes::refer,
        crate::investigation::victims::routes::dash,
        crate::investigation::victims::routes::update_event,
        crate::intelligence::routes::submit,
        crate::intelligence::routes::queue,
        crate::intelligence::routes::get,
        crate::intelligence::routes::transition,
        crate::intelligence::routes::search,
        crate::intelligence::routes::import_legacy,
        crate::intelligence::routes::sources,
        crate::custody::routes::book_in,
        crate::custody::routes::prefill,
        crate::custody::routes::get,
        crate::custody::routes::add_entry,
        crate::custody::routes::board,
        crate::case::routes::create,
        crate::case::routes::list,
        crate::case::routes::get,
        crate::case::routes::update,
        crate::case::routes::write_document,
        crate::case::routes::certify,
        crate::case::routes::submit,
        crate::case::routes::bundle,
        crate::case::routes::add_statement,
        crate::case::routes::add_unused,
        crate::case::routes::cps_list,
        crate::case::routes::cps_get,
        crate::case::routes::cps_bundle,
        crate::case::routes::decide,
        crate::health::live,
        crate::health::ready,
    ),
    components(schemas(
        error::Problem, error::FieldError, error::ErrorCode,
        auth::Role, auth::Module, auth::Capability, auth::AccountKind,
        bluelamp_shared::sso::UsernameClaim, bluelamp_shared::sso::IdentityProviderDto,
        bluelamp_shared::sso::IdentityProviderRequest, bluelamp_shared::sso::SsoProvider,
        bluelamp_shared::sso::SsoStartRequest, bluelamp_shared::sso::SsoStart, bluelamp_shared::sso::SsoFinishRequest,
        auth::SignInRequest, auth::RefreshRequest, auth::SessionTokens, auth::Me,
        forces::ForceDto,
        users::UserDto, users::CreateUserRequest, users::UpdateUserRequest,
        audit::AuditAction, audit::AuditEventDto,
        paging::PageQuery,
        records::RecordKind, records::RecordRef, records::Grantee, records::Restriction, records::RecordMeta, records::RecordSummary,
        people::PersonInput, people::CreatePersonRequest, people::PersonDto, people::PersonName, people::NameKind,
        people::Identifier, people::IdentifierKind, people::Contact, people::ContactKind, people::Marker, people::MarkerEnd, people::EndMarkerRequest, people::notes::AddNoteRequest, people::notes::NoteDto,
        people::Vulnerability, people::Photo, people::AgeRange, people::PersonAddress, people::Completeness,
        people::PersonMatchQuery, people::PersonMatch, people::MergeRequest, people::MergeDto,
        organisations::OrganisationInput, organisations::OrganisationDto,
        objects::ObjectInput, objects::ObjectDto, objects::ObjectKind,
        locations::LocationInput, locations::LocationDto, locations::LocationKind,
        links::CreateLinkRequest, links::LinkDto, links::LinkView,
        corrections::CorrectionSource, corrections::CorrectionState, corrections::CreateCorrectionRequest,
        corrections::CorrectionDecision, corrections::DecideCorrectionRequest, corrections::CorrectionDto,
        corrections::CorrectionQuery,
        search::SearchQuery, search::SearchHit, search::SearchResults,
        reference::ReferenceCode, reference::LinkReason, reference::ReferenceData,
        reference::ModeOfTrial, reference::Offence, reference::OutcomeType, reference::DashQuestion,
        admin::bulk_users::BulkUsersRequest, admin::bulk_users::BulkCreatedUser, admin::bulk_users::BulkUsersResult,
        admin::units::UnitKind, admin::units::UnitDto, admin::units::CreateUnitRequest,
        admin::units::UpdateUnitRequest,
        admin::partners::PartnerKind, admin::partners::PartnerOrganisationDto,
        admin::partners::CreatePartnerOrganisationRequest, admin::partners::UpdatePartnerOrganisationRequest,
        admin::partners::CreatePartnerAccountRequest,
        reference::lists::ReferenceListEdition, reference::lists::ReferenceValue,
        reference::lists::NewLocalValue, reference::lists::ReferenceListSummary,
        reference::lists::ReferenceValueDto, reference::lists::ReferenceListDetail,
        investigation::RecordingClock, investigation::IncidentInput, investigation::NcrsDecision, investigation::IncidentDto,
        investigation::NoCrimeRequest, investigation::CloseIncidentRequest, investigation::CrimeState, investigation::CrimeAction,
        investigation::CrimeInput, investigation::CrimeFacts, investigation::TransitionRequest, users::UserRef,
        investigation::PartyRole, investigation::AddPartyRequest, investigation::PartyDto, investigation::PropertyRole,
        investigation::AddPropertyRequest, investigation::PropertyDto, investigation::AddExhibitRequest,
        investigation::MoveExhibitRequest, investigation::ExhibitMovementDto, investigation::ExhibitDto,
        investigation::ReclassifyRequest, investigation::ClassificationDto, investigation::CancellationRequest,
        investigation::CancellationDecision, investigation::CancellationDto, investigation::LogKind, investigation::AddLogEntry,
        investigation::LogEntryDto, investigation::CrimeDto, investigation::CreateCrimeRequest, investigation::CrimeSummary,
        investigation::CrimeQuery, investigation::PersonChoice, investigation::StolenItem, investigation::CctvExhibit,
        investigation::RetailTheftRequest,
        victims::VictimCare, victims::ContactInput, victims::ContactDto, victims::UpdateEvent, victims::DeadlineRule,
        victims::UpdateEventRequest, victims::ReferralDto, victims::RiskLevel, victims::DashAnswer, victims::DashRequest,
        victims::DashDto, victims::VictimDto,
        tasks::TaskKind, tasks::CreateTaskRequest, tasks::CompleteTaskRequest, tasks::TaskDto, tasks::WorkKind,
        tasks::WorkItem, tasks::MyWork, tasks::SaveDraftRequest, tasks::DraftDto,
        intelligence::SourceEvaluation, intelligence::Assessment, intelligence::HandlingCode, intelligence::Priority,
        intelligence::Grading, intelligence::SourceKind, intelligence::NewSource, intelligence::SourceChoice,
        intelligence::SubjectChoice, intelligence::SubmitReportRequest, intelligence::ReportState,
        intelligence::ReportAction, intelligence::ReportTransition, intelligence::LegacyGrading,
        intelligence::LegacyImportRequest, intelligence::ReportDto, intelligence::QueueItem,
        intelligence::IntelligenceQuery, intelligence::SourceDto,
        custody::CustodySuite, custody::RiskQuestion, custody::DetentionDecision, custody::ArrestDetails,
        custody::Prescription, custody::BookInRequest, custody::Right, custody::RightStatus, custody::RightsEntry,
        custody::RepresentativeRole, custody::RepresentativeEntry, custody::RiskAnswer, custody::RiskAssessmentEntry,
        custody::VisitKind, custody::VisitEntry, custody::DoseOutcome, custody::DoseEntry, custody::HealthcareEntry,
        custody::PropertyItem, custody::PropertyEntry, custody::InterviewEntry, custody::NoteEntry,
        custody::ReviewDecision, custody::ReviewEntry, custody::ExtensionEntry, custody::WarrantEntry,
        custody::ChargeEntry, custody::DisposalOutcome, custody::DisposalEntry, custody::AnnotationEntry,
        custody::CustodyEntry, custody::CustodyState, custody::Actor, custody::EntryView, custody::MedicationView,
        custody::RightView, custody::RepresentativeView, custody::CareView, custody::DecisionView,
        custody::DisposalView, custody::CustodyRecordDto, custody::BookInPrefill, custody::BoardRow, custody::Board,
        custody_clocks::Clocks, custody_clocks::LimitBasis,
        case::FileType, case::DocumentKind, case::Route, case::ChargingRoute, case::Charge, case::InterviewLine,
        case::Defendant, case::StatementDto, case::StatementRequest, case::UnusedMaterialRequest,
        case::UnusedMaterialDto, case::ExhibitLine, case::Mg3, case::Mg5, case::Mg6, case::Disclosure, case::Mg15,
        case::DocumentContent, case::DocumentVersion, case::DecisionKind, case::ActionPlanItem,
        case::DecisionRequest, case::DecisionDto, case::CaseFileState, case::CrimeFacts, case::CaseFileContent,
        case::FixAt, case::Missing, case::FormLine, case::FormSection, case::RenderedForm,
        case::UpdateCaseFileRequest, case::CreateCaseFileRequest, case::CertifyRequest, case::SubmissionDto,
        case::CaseFileDto, case::CaseFileSummary, case::CpsCaseFile,
        crate::health::HealthStatus,
    )),
    modifiers(&BearerAuth, &CommonResponses, &RuleBounds),
    tags(
        (name = "auth", description = "Sign-in, sessions and the signed-in user"),
        (name = "forces", description = "The forces of the consortium (consortium administrators add them and their first users)"),
        (name = "agreements", description = "Sharing agreements between forces: proposed by the owning force, accepted by the partner, suspended or ended by either; visibility follows at once"),
        (name = "force-structure", description = "A force's stations, teams and units, and who belongs to each"),
        (name = "partners", description = "Partner organisations (the prosecutor, victim services, safeguarding hubs, youth offending teams) and their staff's accounts"),
        (name = "reference-data", description = "Versioned reference lists (offences, outcome types, classifications, MoPI groups, vocabularies...): editions with their source, retired values kept readable, force-local values"),
        (name = "users", description = "User accounts (force administrators)"),
        (name = "audit", description = "The append-only audit log"),
        (name = "search", description = "The shared index: search, links, reference data"),
        (name = "retention", description = "MoPI retention: each record's group and review date (worked out by the retention job from the rules kept as reference data), the force's review queue, a reviewer's override of the group and review decisions against the National Retention Assessment Criteria"),
        (name = "corrections", description = "Corrections asked of the force that owns a record: by another force that sees it, or for the data subject (rectification); accepted or refused by the owner with its reason"),
        (name = "investigation", description = "Incidents, the crime-recording decision, crimes and their workflow, attachments, reclassification, cancellation, the retail-theft path"),
        (name = "intelligence", description = "Graded intelligence (3x5x2): submission, evaluation and sanitisation, dissemination under handling codes, the protected source register, legacy 5x5x5 imports"),
        (name = "custody", description = "PACE custody records: booking in, rights, care (risk, visits, medication), reviews, extensions and warrants, disposal; the custody-suite board"),
        (name = "case", description = "Prosecution case files: witness statements, the unused-material register, files built from the records and checked against what their type needs, certification, submission to the CPS"),
        (name = "cps", description = "The CPS partner interface: files sent to the prosecutor, the PDF bundle, charging decisions, acceptance and returns with action plans"),
        (name = "victims", description = "Victims' Code care, update deadlines, contacts, referrals to victim services, DASH"),
        (name = "tasks", description = "Tasks, the my-work inbox and drafts"),
        (name = "people", description = "People (nominals): records, duplicate suggestions, merge and unmerge"),
        (name = "organisations", description = "Organisations (businesses and bodies)"),
        (name = "objects", description = "Vehicles, telephones, property, weapons, drugs, documents"),
        (name = "locations", description = "Addresses, points, areas, no fixed abode"),
        (name = "operations", description = "Health probes"),
    )
)]
pub struct ApiDoc;

/// Declares the bearer-token scheme the paths refer to.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("Access token from POST /api/v1/auth/sign-in"))
                    .build(),
            ),
        );
    }
}

/// Adds to every operation the answers the shared machinery can give it, read from the route table
/// and the operation itself, so that no operation's documentation can leave one out: 401 and 403 from
/// its access rule, 404 from an id in its path, 400/413/415/422 from a body, 400/422 from query
/// parameters, 412/428 from `If-Match`, 429 on public routes (rate-limited per address) and 503 (the
/// database not answering). An answer an operation documents itself is kept as written. It also gives
/// every `If-Match` header its one form.
struct CommonResponses;

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let table = crate::routes::table();
        for (path, item) in openapi.paths.paths.iter_mut() {
            let rel = path.strip_prefix(bluelamp_shared::API_PREFIX).unwrap_or(path);
            let ops = [
                ("GET", &mut item.get),
                ("POST", &mut item.post),
                ("PUT", &mut item.put),
                ("PATCH", &mut item.patch),
                ("DELETE", &mut item.delete),
            ];
            for (method, op) in ops {
                let (Some(op), Some(route)) = (
                    op.as_mut(),
                    table.iter().find(|r| r.method == method && r.path == rel),
                ) else {
                    continue;
                };
                add_common_responses(op, route.rule.access, rel.contains('{'));
            }
        }
    }
}

/// The form an `If-Match` takes: an ETag this server issued, or `*` (RFC 9110 §13.1.1).
const IF_MATCH_PATTERN: &str = r#"^(\*|(W/)?"[0-9]+")$"#;

fn add_common_responses(op: &mut Operation, access: Access, has_id: bool) {
    for p in op.parameters.iter_mut().flatten() {
        if p.parameter_in == ParameterIn::Header && p.name.eq_ignore_ascii_case("If-Match") {
            p.schema = Some(RefOr::T(utoipa::openapi::schema::Schema::Object(
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .pattern(Some(IF_MATCH_PATTERN))
                    .build(),
            )));
        }
    }
    let params = op.parameters.as_deref().unwrap_or_default();
    let if_match = params
        .iter()
        .any(|p| p.parameter_in == ParameterIn::Header && p.name.eq_ignore_ascii_case("If-Match"));
    let query = params.iter().any(|p| p.parameter_in == ParameterIn::Query);
    let body = op.request_body.is_some();
    let mut answers: Vec<(&str, &str)> = Vec::new();
    if body || query || if_match {
        answers.push((
            "400",
            "The request could not be read (the problem's `errors` name the field)",
        ));
    }
    match access {
        Access::Public => answers.push((
            "429",
            "Too many requests from this address; `Retry-After` says when to retry",
        )),
        Access::SignedIn => answers.push(("401", "Not signed in, or the session has ended")),
        Access::AnyCapability(_) => {
            answers.push(("401", "Not signed in, or the session has ended"));
            answers.push(("403", "Your roles do not allow this"));
        }
    }
    if has_id {
        answers.push(("404", "No such record is available to you"));
    }
    if if_match {
        answers.push(("412", "Changed since you read it"));
        answers.push(("428", "If-Match missing"));
    }
    if body {
        answers.push(("413", "The body is too large"));
        answers.push(("415", "The body is not JSON"));
    }
    if body || query {
        answers.push(("422", "Every field at fault"));
    }
    answers.push(("503", "The database is not answering; nothing was applied"));
    for (status, description) in answers {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| problem_response(description));
    }
}

fn problem_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                crate::error::PROBLEM_JSON,
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build(),
    )
}

/// Writes the bounds the shared rules enforce ([`bluelamp_shared::bounds::BOUNDS`]) into the
/// properties of the component schemas: `minLength`/`maxLength` on a string, `minItems`/`maxItems` on
/// a list, `minimum`/`maximum` on a number (nullable ones too). A schema or property the table names
/// that the document does not have, or a bound that does not fit the property's type, is a panic
/// naming the entry: a rename cannot silently drop a bound from the document.
struct RuleBounds;

impl Modify for RuleBounds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let schemas = &mut openapi.components.get_or_insert_with(Default::default).schemas;
        for b in bluelamp_shared::bounds::BOUNDS {
            let at = format!("{}.{}", b.schema, b.property);
            let Some(RefOr::T(schema)) = schemas.get_mut(b.schema) else {
                panic!(
                    "bluelamp_shared::bounds::BOUNDS names `{at}`, but the OpenAPI document has no component schema `{}`",
                    b.schema
                );
            };
            let Some(property) = property_mut(schema, b.property) else {
                panic!(
                    "bluelamp_shared::bounds::BOUNDS names `{at}`, but the OpenAPI schema `{}` has no property `{}` written out in it",
                    b.schema, b.property
                );
            };
            apply_bound(property, b, &at);
        }
    }
}

/// The property `name` of an object schema (or of one of the parts of an `allOf`).
fn property_mut<'a>(
    schema: &'a mut utoipa::openapi::schema::Schema,
    name: &str,
) -> Option<&'a mut utoipa::openapi::schema::Schema> {
    use utoipa::openapi::schema::Schema;
    match schema {
        Schema::Object(o) => match o.properties.get_mut(name)? {
            RefOr::T(s) => Some(s),
            RefOr::Ref(_) => None,
        },
        Schema::AllOf(all) => all.items.iter_mut().find_map(|part| match part {
            RefOr::T(s) => property_mut(s, name),
            RefOr::Ref(_) => None,
        }),
        _ => None,
    }
}

fn apply_bound(property: &mut utoipa::openapi::schema::Schema, b: &bluelamp_shared::bounds::Bound, at: &str) {
    use bluelamp_shared::bounds::Num;
    use utoipa::openapi::schema::{Schema, SchemaType, Type};
    let has_type = |t: &SchemaType, want: &[Type]| match t {
        SchemaType::Type(t) => want.contains(t),
        SchemaType::Array(ts) => ts.iter().any(|t| want.contains(t)),
        SchemaType::AnyValue => false,
    };
    let number = |n: Num| match n {
        Num::Int(i) => utoipa::Number::Int(i as isize),
        Num::Float(f) => utoipa::Number::Float(f),
    };
    let lengths = b.min_length.is_some() || b.max_length.is_some();
    let items = b.min_items.is_some() || b.max_items.is_some();
    let numbers = b.minimum.is_some() || b.maximum.is_some();
    match property {
        Schema::Object(o) => {
            assert!(
                !items,
                "bounds table: `{at}` has list bounds but is not a list in the OpenAPI document"
            );
            assert!(
                !lengths || has_type(&o.schema_type, &[Type::String]),
                "bounds table: `{at}` has length bounds but is not a string in the OpenAPI document"
            );
            assert!(
                !numbers || has_type(&o.schema_type, &[Type::Integer, Type::Number]),
                "bounds table: `{at}` has numeric bounds but is not a number in the OpenAPI document"
            );
            if b.min_length.is_some() {
                o.min_length = b.min_length;
            }
            if b.max_length.is_some() {
                o.max_length = b.max_length;
            }
            if let Some(n) = b.minimum {
                o.minimum = Some(number(n));
            }
            if let Some(n) = b.maximum {
                o.maximum = Some(number(n));
            }
        }
        Schema::Array(a) => {
            assert!(
                !lengths && !numbers,
                "bounds table: `{at}` is a list in the OpenAPI document: only list bounds apply"
            );
            if b.min_items.is_some() {
                a.min_items = b.min_items;
            }
            if b.max_items.is_some() {
                a.max_items = b.max_items;
            }
        }
        _ => panic!("bounds table: `{at}` is neither a plain value nor a list in the OpenAPI document"),
    }
}

/// The document as pretty JSON (what is committed).
pub fn json() -> String {
    let mut s = ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
