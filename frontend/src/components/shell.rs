//! The frame around every signed-in page: skip link, header with the user and "Sign out",
//! navigation, and `<main>` holding the current route.

use super::focus_by_id;
use super::nav::Nav;
use crate::routes::Page;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// The signed-in layout. Route changes swap only the `<Outlet/>`; focus then moves to `<main>`
/// so keyboard and screen-reader users start at the new content.
#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let user = session.user();
    let name =
        Memo::new(move |_| user.with(|u| u.as_ref().map(|u| u.display_name.clone()).unwrap_or_default()));
    let force =
        Memo::new(move |_| user.with(|u| u.as_ref().map(|u| u.force.name.clone()).unwrap_or_default()));

    let pathname = use_location().pathname;
    Effect::new(move |prev: Option<String>| {
        let now = pathname.get();
        if prev.is_some_and(|p| p != now) {
            request_animation_frame(|| focus_by_id("main"));
        }
        now
    });

    // While the user's role requires an authenticator app that is not set up, only its set-up is
    // open (the server refuses everything else): every page leads there.
    {
        let navigate = navigate.clone();
        Effect::new(move |_| {
            let required = user.with(|u| u.as_ref().is_some_and(|u| u.mfa_enrolment_required));
            if required && pathname.get() != Page::AccountSecurity.path() {
                navigate(
                    Page::AccountSecurity.path(),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        });
    }

    let sign_out = move |_| {
        session.sign_out();
        navigate(Page::SignIn.path(), Default::default());
    };

    view! {
        <a
            href="#main"
            target="_self"
            class="skip-link"
            on:click=move |ev| {
                ev.prevent_default();
                focus_by_id("main");
            }
        >
            "Skip to main content"
        </a>
        <header class="header">
            <div class="header__inner">
                <A href=Page::Home.path() attr:class="header__logo">
                    "Bluelamp"
                </A>
                <div class="header__user">
                    <span class="header__name">{move || name.get()}</span>
                    <span class="header__force">{move || force.get()}</span>
                    <button type="button" class="button button--header" on:click=sign_out>
                        "Sign out"
                    </button>
                </div>
            </div>
        </header>
        <Nav />
        <main class="main" id="main" tabindex="-1">
            <Outlet />
        </main>
        <footer class="footer">
            <p>"Bluelamp – open-source police records management. Records are audited."</p>
        </footer>
    }
}
