//! The OpenAPI document, served at `/api/openapi.json` and committed as `openapi/openapi.json`.

use crate::routes;
use bluelamp_shared::{
    audit, auth, custody, custody_clocks, error, forces, intelligence, investigation, links, locations,
    objects, organisations, paging, people, records, reference, search, tasks, users, victims,
};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
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
        routes::auth::sign_in,
        routes::auth::refresh,
        routes::auth::sign_out,
        routes::me::get,
        routes::forces::list,
        routes::users::list,
        routes::users::create,
        routes::users::get,
        routes::users::update,
        routes::audit::list,
        routes::audit::export,
        routes::search::search,
        routes::search::link,
        routes::search::reference,
        routes::people::create,
        routes::people::matches,
        routes::people::get,
        routes::people::update,
        routes::people::merge,
        routes::people::unmerge,
        routes::records::organisations::create,
        routes::records::organisations::get,
        routes::records::organisations::update,
        routes::records::objects::create,
        routes::records::objects::get,
        routes::records::objects::update,
        routes::records::locations::create,
        routes::records::locations::get,
        routes::records::locations::update,
        routes::investigation::open_incident,
        routes::investigation::undecided_incidents,
        routes::investigation::get_incident,
        routes::investigation::no_crime,
        routes::investigation::close_incident,
        routes::investigation::create,
        routes::investigation::queue,
        routes::investigation::get,
        routes::investigation::update,
        routes::investigation::transition,
        routes::investigation::add_party,
        routes::investigation::add_property,
        routes::investigation::add_exhibit,
        routes::investigation::move_exhibit,
        routes::investigation::reclassify,
        routes::investigation::request_cancellation,
        routes::investigation::pending_cancellations,
        routes::investigation::decide_cancellation,
        routes::investigation::add_log,
        routes::investigation::retail_theft,
        routes::tasks::create,
        routes::tasks::complete,
        routes::tasks::my_work,
        routes::tasks::drafts,
        routes::tasks::save_draft,
        routes::tasks::delete_draft,
        routes::victims::update_care,
        routes::victims::add_contact,
        routes::victims::refer,
        routes::victims::dash,
        routes::victims::update_event,
        routes::intelligence::submit,
        routes::intelligence::queue,
        routes::intelligence::get,
        routes::intelligence::transition,
        routes::intelligence::search,
        routes::intelligence::import_legacy,
        routes::intelligence::sources,
        routes::custody::book_in,
        routes::custody::prefill,
        routes::custody::get,
        routes::custody::add_entry,
        routes::custody::board,
        routes::health::live,
        routes::health::ready,
    ),
    components(schemas(
        error::Problem, error::FieldError, error::ErrorCode,
        auth::Role, auth::Module, auth::Capability, auth::AccountKind,
        auth::SignInRequest, auth::RefreshRequest, auth::SessionTokens, auth::Me,
        forces::ForceDto,
        users::UserDto, users::CreateUserRequest, users::UpdateUserRequest,
        audit::AuditAction, audit::AuditEventDto,
        paging::PageQuery,
        records::RecordKind, records::RecordRef, records::Grantee, records::Restriction, records::RecordMeta, records::RecordSummary,
        people::PersonInput, people::CreatePersonRequest, people::PersonDto, people::PersonName, people::NameKind,
        people::Identifier, people::IdentifierKind, people::Contact, people::ContactKind, people::Marker,
        people::Vulnerability, people::Photo, people::AgeRange, people::PersonAddress, people::Completeness,
        people::PersonMatchQuery, people::PersonMatch, people::MergeRequest, people::MergeDto,
        organisations::OrganisationInput, organisations::OrganisationDto,
        objects::ObjectInput, objects::ObjectDto, objects::ObjectKind,
        locations::LocationInput, locations::LocationDto, locations::LocationKind,
        links::CreateLinkRequest, links::LinkDto, links::LinkView,
        search::SearchQuery, search::SearchHit, search::SearchResults,
        reference::ReferenceCode, reference::LinkReason, reference::ReferenceData,
        reference::ModeOfTrial, reference::Offence, reference::OutcomeType, reference::DashQuestion,
        investigation::RecordingClock, investigation::IncidentInput, investigation::NcrsDecision, investigation::IncidentDto,
        investigation::NoCrimeRequest, investigation::CloseIncidentRequest, investigation::CrimeState, investigation::CrimeAction,
        investigation::CrimeInput, investigation::CrimeFacts, investigation::TransitionRequest, investigation::UserRef,
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
        routes::health::HealthStatus,
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign-in, sessions and the signed-in user"),
        (name = "forces", description = "The forces of the consortium"),
        (name = "users", description = "User accounts (force administrators)"),
        (name = "audit", description = "The append-only audit log"),
        (name = "search", description = "The shared index: search, links, reference data"),
        (name = "investigation", description = "Incidents, the crime-recording decision, crimes and their workflow, attachments, reclassification, cancellation, the retail-theft path"),
        (name = "intelligence", description = "Graded intelligence (3x5x2): submission, evaluation and sanitisation, dissemination under handling codes, the protected source register, legacy 5x5x5 imports"),
        (name = "custody", description = "PACE custody records: booking in, rights, care (risk, visits, medication), reviews, extensions and warrants, disposal; the custody-suite board"),
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

/// The document as pretty JSON (what is committed).
pub fn json() -> String {
    let mut s = ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
