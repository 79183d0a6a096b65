//! The root component: session context, router, route table and the re-authentication dialog.

use crate::components::reauth::ReauthDialog;
use crate::components::record::provide_reference_cache;
use crate::components::shell::Shell;
use crate::pages::account::AccountSecurityPage;
use crate::pages::admin::user::UserPage;
use crate::pages::admin::AdminPage;
use crate::pages::case::cps::CpsFilePage;
use crate::pages::case::file::CaseFilePage;
use crate::pages::case::CasePage;
use crate::pages::custody::board::BoardPage;
use crate::pages::custody::book_in::BookInPage;
use crate::pages::custody::record::CustodyRecordPage;
use crate::pages::custody::CustodyPage;
use crate::pages::home::HomePage;
use crate::pages::index::person::PersonPage;
use crate::pages::index::person_form::NewPersonPage;
use crate::pages::index::records::{LocationPage, ObjectPage, OrganisationPage};
use crate::pages::index::search::SearchPage;
use crate::pages::intelligence::legacy::LegacyImportPage;
use crate::pages::intelligence::report::ReportPage;
use crate::pages::intelligence::sources::SourcesPage;
use crate::pages::intelligence::submit::NewReportPage;
use crate::pages::intelligence::IntelligencePage;
use crate::pages::investigation::crime::CrimePage;
use crate::pages::investigation::incident::{IncidentPage, NewIncidentPage};
use crate::pages::investigation::shoplifting::ShopliftingPage;
use crate::pages::investigation::InvestigationPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::retention::review::ReviewPage;
use crate::pages::retention::RetentionPage;
use crate::pages::sign_in::SignInPage;
use crate::pages::sign_in_callback::SignInCallbackPage;
use crate::routes::Page;
use crate::session::provide_session;
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos_router::components::{ProtectedParentRoute, Redirect, Route, Router, Routes};
use leptos_router::{path, ParamSegment, StaticSegment, WildcardSegment};

/// The app. Everything except `/sign-in` and `/sign-in/callback` is behind [`ProtectedParentRoute`],
/// which redirects to the sign-in page when nobody is signed in.
#[component]
pub fn App() -> impl IntoView {
    let session = provide_session();
    provide_reference_cache();
    // A memo: the guard must not re-run (and rebuild the page) when a refresh stores the user.
    let signed_in = Memo::new(move |_| session.user().with(Option::is_some));
    let locked = move || session.is_locked();

    view! {
        <Router>
            // While the dialog is up the page underneath is inert (not focusable, not clickable)
            // but stays rendered exactly as it was.
            <div class="app" inert=locked>
                <Routes fallback=|| view! { <Redirect path=Page::SignIn.path() /> }>
                    <Route path=StaticSegment(Page::SignIn.segment()) view=SignInPage />
                    <Route path=path!("/sign-in/callback") view=SignInCallbackPage />
                    <ProtectedParentRoute
                        path=path!("")
                        view=Shell
                        condition=move || Some(signed_in.get())
                        redirect_path=|| Page::SignIn.path()
                    >
                        <Route path=path!("") view=HomePage />
                        <Route path=StaticSegment(Page::Search.segment()) view=SearchPage />
                        // `/people/new` before `/people/:id`.
                        <Route path=path!("/people/new") view=NewPersonPage />
                        <Route
                            path=(StaticSegment(RecordKind::Person.collection()), ParamSegment("id"))
                            view=PersonPage
                        />
                        <Route
                            path=(StaticSegment(RecordKind::Organisation.collection()), ParamSegment("id"))
                            view=OrganisationPage
                        />
                        <Route
                            path=(StaticSegment(RecordKind::Object.collection()), ParamSegment("id"))
                            view=ObjectPage
                        />
                        <Route
                            path=(StaticSegment(RecordKind::Location.collection()), ParamSegment("id"))
                            view=LocationPage
                        />
                        <Route
                            path=StaticSegment(Page::Investigation.segment())
                            view=InvestigationPage
                        />
                        <Route path=path!("/investigation/shoplifting") view=ShopliftingPage />
                        // `/incidents/new` before `/incidents/:id`.
                        <Route path=path!("/incidents/new") view=NewIncidentPage />
                        <Route path=(StaticSegment("incidents"), ParamSegment("id")) view=IncidentPage />
                        <Route path=(StaticSegment("crimes"), ParamSegment("id")) view=CrimePage />
                        <Route
                            path=StaticSegment(Page::Intelligence.segment())
                            view=IntelligencePage
                        />
                        <Route path=path!("/intelligence/new") view=NewReportPage />
                        <Route path=path!("/intelligence/sources") view=SourcesPage />
                        <Route path=path!("/intelligence/legacy") view=LegacyImportPage />
                        <Route
                            path=(StaticSegment("intelligence"), StaticSegment("reports"), ParamSegment("id"))
                            view=ReportPage
                        />
                        <Route path=StaticSegment(Page::Custody.segment()) view=CustodyPage />
                        <Route path=path!("/custody/book-in") view=BookInPage />
                        <Route
                            path=(StaticSegment("custody"), StaticSegment("suites"), ParamSegment("id"))
                            view=BoardPage
                        />
                        <Route
                            path=(StaticSegment("custody"), StaticSegment("records"), ParamSegment("id"))
                            view=CustodyRecordPage
                        />
                        <Route path=StaticSegment(Page::Case.segment()) view=CasePage />
                        <Route
                            path=(StaticSegment("case"), StaticSegment("files"), ParamSegment("id"))
                            view=CaseFilePage
                        />
                        <Route
                            path=(StaticSegment("cps"), StaticSegment("files"), ParamSegment("id"))
                            view=CpsFilePage
                        />
                        <Route path=StaticSegment(Page::Admin.segment()) view=AdminPage />
                        <Route
                            path=(StaticSegment("admin"), StaticSegment("users"), ParamSegment("id"))
                            view=UserPage
                        />
                        <Route path=StaticSegment(Page::Retention.segment()) view=RetentionPage />
                        <Route path=(StaticSegment("retention"), ParamSegment("id")) view=ReviewPage />
                        <Route path=path!("/account/security") view=AccountSecurityPage />
                        <Route path=(StaticSegment(""), WildcardSegment("any")) view=NotFoundPage />
                    </ProtectedParentRoute>
                </Routes>
            </div>
            <ReauthDialog />
        </Router>
    }
}
