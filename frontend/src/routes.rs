//! Every route of the app, in one place.
//!
//! Links, redirects and the router's route table all take their paths from [`Page`], so a path is
//! spelled once.

use bluelamp_shared::auth::{Capability, Module};
use bluelamp_shared::records::{RecordKind, RecordRef};
use uuid::Uuid;

/// A page of the app, one per route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// `/sign-in`: open without a session, as is [`Page::SignInCallback`].
    SignIn,
    /// `/sign-in/callback`: where a force's identity provider sends the browser back after single
    /// sign-on (not in the navigation).
    SignInCallback,
    /// `/`: what the user's roles give them.
    Home,
    /// `/search`: the shared index of people, objects, locations and events.
    Search,
    /// `/investigation`: crime recording to outcome.
    Investigation,
    /// `/intelligence`: graded intelligence reports.
    Intelligence,
    /// `/custody`: PACE-compliant detention.
    Custody,
    /// `/case`: prosecution files.
    Case,
    /// `/admin`: users and the audit log of the administrator's force.
    Admin,
    /// `/retention`: the MoPI retention reviews due (information managers, see [`Page::capability`]).
    Retention,
    /// `/people/new`: record a person (not in the navigation; linked from Search).
    NewPerson,
    /// `/investigation/shoplifting`: the retail-theft path (record and allocate in one screen).
    Shoplifting,
    /// `/incidents/new`: open an incident, then make the recording decision.
    NewIncident,
    /// `/intelligence/new`: submit an intelligence report (any officer who may submit).
    NewIntelligence,
    /// `/intelligence/sources`: the protected source register (intelligence officers).
    IntelligenceSources,
    /// `/intelligence/legacy`: import a report graded 5x5x5 on the old system.
    LegacyIntelligence,
    /// `/custody/book-in`: book a detainee in (opens a custody record).
    CustodyBookIn,
    /// `/account/security`: the user's authenticator app and sessions (every signed-in user).
    AccountSecurity,
}

impl Page {
    /// The pages reached from the main navigation, in order (each shown only to users whose
    /// modules include [`Page::module`] and, for a page that needs one, whose capabilities include
    /// [`Page::capability`]; Home is shown to everyone).
    pub const NAVIGATION: [Page; 8] = [
        Page::Home,
        Page::Search,
        Page::Investigation,
        Page::Intelligence,
        Page::Custody,
        Page::Case,
        Page::Admin,
        Page::Retention,
    ];

    /// The path segment the router matches (empty for the home page).
    pub const fn segment(self) -> &'static str {
        match self {
            Page::SignIn => "sign-in",
            Page::SignInCallback => "sign-in/callback",
            Page::Home => "",
            Page::Search => "search",
            Page::Investigation => "investigation",
            Page::Intelligence => "intelligence",
            Page::Custody => "custody",
            Page::Case => "case",
            Page::Admin => "admin",
            Page::Retention => "retention",
            // Two segments: the route table matches it with `path!("/people/new")`.
            Page::NewPerson => "people/new",
            Page::Shoplifting => "investigation/shoplifting",
            Page::NewIncident => "incidents/new",
            Page::NewIntelligence => "intelligence/new",
            Page::IntelligenceSources => "intelligence/sources",
            Page::LegacyIntelligence => "intelligence/legacy",
            Page::CustodyBookIn => "custody/book-in",
            Page::AccountSecurity => "account/security",
        }
    }

    /// The absolute path used in links and redirects.
    pub const fn path(self) -> &'static str {
        match self {
            Page::SignIn => "/sign-in",
            Page::SignInCallback => "/sign-in/callback",
            Page::Home => "/",
            Page::Search => "/search",
            Page::Investigation => "/investigation",
            Page::Intelligence => "/intelligence",
            Page::Custody => "/custody",
            Page::Case => "/case",
            Page::Admin => "/admin",
            Page::Retention => "/retention",
            Page::NewPerson => "/people/new",
            Page::Shoplifting => "/investigation/shoplifting",
            Page::NewIncident => "/incidents/new",
            Page::NewIntelligence => "/intelligence/new",
            Page::IntelligenceSources => "/intelligence/sources",
            Page::LegacyIntelligence => "/intelligence/legacy",
            Page::CustodyBookIn => "/custody/book-in",
            Page::AccountSecurity => "/account/security",
        }
    }

    /// The module a page belongs to (`None` for pages every signed-in user may open).
    pub const fn module(self) -> Option<Module> {
        match self {
            Page::SignIn | Page::SignInCallback | Page::Home | Page::AccountSecurity => None,
            Page::Search | Page::NewPerson => Some(Module::Search),
            Page::Investigation | Page::Shoplifting | Page::NewIncident => Some(Module::Investigation),
            Page::Intelligence
            | Page::NewIntelligence
            | Page::IntelligenceSources
            | Page::LegacyIntelligence => Some(Module::Intelligence),
            Page::Custody | Page::CustodyBookIn => Some(Module::Custody),
            Page::Case => Some(Module::Case),
            Page::Admin | Page::Retention => Some(Module::Admin),
        }
    }

    /// The capability a page needs beyond its module (`None`: the module is enough).
    pub const fn capability(self) -> Option<Capability> {
        match self {
            Page::Retention => Some(Capability::ReviewRetention),
            _ => None,
        }
    }

    /// The name shown in navigation and in the document title.
    pub fn label(self) -> &'static str {
        match self {
            Page::SignIn => "Sign in",
            Page::SignInCallback => "Signing in",
            Page::Home => "Home",
            Page::NewPerson => "New person",
            Page::Shoplifting => "Record a shoplifting",
            Page::NewIncident => "New incident",
            Page::NewIntelligence => "Submit intelligence",
            Page::IntelligenceSources => "Source register",
            Page::LegacyIntelligence => "Import legacy intelligence",
            Page::CustodyBookIn => "Book in a detainee",
            Page::AccountSecurity => "Sign-in and security",
            Page::Retention => "Retention reviews",
            other => other.module().map(Module::label).unwrap_or("Bluelamp"),
        }
    }

    /// Whether a user with `modules` may open the page.
    pub fn allowed_for(self, modules: &[Module]) -> bool {
        self.module().is_none_or(|m| modules.contains(&m))
    }
}

/// The page of one record: `/people/{id}`, `/organisations/{id}`, `/objects/{id}`,
/// `/locations/{id}` (`None` for events, which have no page yet).
pub fn record_path(r: RecordRef) -> Option<String> {
    match r.kind {
        RecordKind::Event => None,
        k => Some(format!("/{}/{}", k.collection(), r.id)),
    }
}

/// `/admin/users/{id}`: a user of the administrator's force.
pub fn user_path(id: Uuid) -> String {
    format!("/admin/users/{id}")
}

/// `/retention/{id}`: one record's retention review.
pub fn retention_review_path(id: Uuid) -> String {
    format!("/retention/{id}")
}

/// `/people/{id}`.
pub fn person_path(id: Uuid) -> String {
    format!("/people/{id}")
}

/// `/crimes/{id}`.
pub fn crime_path(id: Uuid) -> String {
    format!("/crimes/{id}")
}

/// `/incidents/{id}`.
pub fn incident_path(id: Uuid) -> String {
    format!("/incidents/{id}")
}

/// `/intelligence/reports/{id}`.
pub fn report_path(id: Uuid) -> String {
    format!("/intelligence/reports/{id}")
}

/// `/custody/suites/{id}`: a custody suite's board.
pub fn custody_board_path(suite: Uuid) -> String {
    format!("/custody/suites/{suite}")
}

/// `/custody/records/{id}`: a custody record.
pub fn custody_record_path(id: Uuid) -> String {
    format!("/custody/records/{id}")
}

/// `/case/files/{id}`: a case file being built.
pub fn case_file_path(id: Uuid) -> String {
    format!("/case/files/{id}")
}

/// `/cps/files/{id}`: a case file as the CPS received it.
pub fn cps_file_path(id: Uuid) -> String {
    format!("/cps/files/{id}")
}

/// `/custody/book-in?person={id}`: booking in a person already chosen.
pub fn book_in_path(person: Uuid) -> String {
    format!("/custody/book-in?person={person}")
}

/// Sets the document title to `"{label} – Bluelamp"`, so each route is announced by name.
pub fn set_document_title(label: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{label} – Bluelamp"));
    }
}

/// The `{id}` segment of the current route as a UUID (none: absent or not a UUID, which pages
/// answer as "no such record").
pub fn use_path_id() -> leptos::prelude::Memo<Option<uuid::Uuid>> {
    use leptos::prelude::*;
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| uuid::Uuid::parse_str(&s).ok())
    })
}
