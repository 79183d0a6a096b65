//! `/sign-in`: user name and password, checked with the shared rules before sending.

use crate::api::PublicClient;
use crate::components::error_summary::{error_for, items_for, sign_in_problems, ErrorItem, ErrorSummary};
use crate::components::field::TextField;
use crate::routes::{set_document_title, Page};
use crate::session::use_session;
use bluelamp_shared::auth::SignInRequest;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::validation::check;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Field path → element id: the fields are `#username` and `#password`.
fn field_id(path: &str) -> String {
    path.to_owned()
}

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    set_document_title(Page::SignIn.label());
    let session = use_session();
    let navigate = use_navigate();

    // Already signed in (e.g. the back button): go home.
    {
        let navigate = navigate.clone();
        Effect::new(move |_| {
            if session.user().with(Option::is_some) && !session.is_locked() {
                navigate(
                    Page::Home.path(),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        });
    }

    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = SignInRequest {
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            totp_code: None,
        };
        let problems = check(&req);
        if !problems.is_empty() {
            summary.set(items_for(&problems, &["username", "password"], field_id));
            errors.set(problems);
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match PublicClient.sign_in(&req).await {
                Ok(tokens) => {
                    session.store(tokens);
                    session.touch();
                    navigate(Page::Home.path(), Default::default());
                }
                Err(e) => {
                    let (fields, items) = sign_in_problems(&e, field_id);
                    let _ = busy.try_set(false);
                    let _ = errors.try_set(fields);
                    let _ = summary.try_set(items);
                }
            }
        });
    };

    view! {
        <a href="#main" target="_self" class="skip-link">
            "Skip to main content"
        </a>
        <header class="header">
            <div class="header__inner">
                <span class="header__logo">"Bluelamp"</span>
            </div>
        </header>
        <main class="main main--narrow" id="main" tabindex="-1">
            <ErrorSummary items=summary />
            <h1 class="heading-xl">"Sign in to Bluelamp"</h1>
            <p class="body">
                "Use the user name and password your force administrator gave you."
            </p>
            <form novalidate on:submit=on_submit>
                <TextField
                    id="username"
                    label="User name"
                    autocomplete="username"
                    value=username
                    error=error_for(errors, "username")
                />
                <TextField
                    id="password"
                    label="Password"
                    input_type="password"
                    autocomplete="current-password"
                    value=password
                    error=error_for(errors, "password")
                />
                <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </main>
    }
}
