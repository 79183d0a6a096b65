//! `/sign-in`: user name and password, checked with the shared rules before sending; then, for an
//! account with an authenticator app, the code it shows (or a recovery code). Below the form, a button
//! for each force whose staff may sign in with their own identity provider (single sign-on; the return
//! is [`super::sign_in_callback`]).

use crate::api::PublicClient;
use crate::components::error_summary::{error_for, items_for, sign_in_problems, ErrorItem, ErrorSummary};
use crate::components::field::{OneTimeCodeField, TextField};
use crate::components::focus_by_id;
use crate::routes::{set_document_title, Page};
use crate::session::{use_session, Session};
use bluelamp_shared::auth::{Me, SessionTokens, SignInRequest};
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::sso::SsoProvider;
use bluelamp_shared::validation::check;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Field path → element id: the fields are `#username`, `#password` and `#totp_code`.
fn field_id(path: &str) -> String {
    path.to_owned()
}

/// Where a signed-in user goes first: the authenticator set-up while their role requires one and it
/// is not done (nothing else is open to them until it is), else home.
pub fn landing_page(me: &Me) -> Page {
    if me.mfa_enrolment_required {
        Page::AccountSecurity
    } else {
        Page::Home
    }
}

/// Keeps the session of a sign-in (with a password or through the force's identity provider) and
/// answers where the user goes first ([`landing_page`]).
pub fn signed_in(session: Session, tokens: SessionTokens) -> Page {
    let page = landing_page(&tokens.user);
    session.store(tokens);
    session.touch();
    page
}

/// The frame of the pages shown before there is a session: skip link, header, and `<main>` holding
/// the children.
#[component]
pub fn SignedOutFrame(children: Children) -> impl IntoView {
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
            {children()}
        </main>
    }
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
            if let Some(page) = session.user().with(|u| u.as_ref().map(landing_page)) {
                if session.is_locked() {
                    return;
                }
                navigate(
                    page.path(),
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
    // Asked for once the server says the account has an authenticator app.
    let code = RwSignal::new(String::new());
    let needs_code = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let asking = needs_code.get_untracked();
        let totp = code.get_untracked().trim().to_owned();
        let req = SignInRequest {
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            totp_code: (asking && !totp.is_empty()).then_some(totp.clone()),
        };
        let mut problems = check(&req);
        if asking && totp.is_empty() {
            problems.push(FieldError::new(
                "totp_code",
                "required",
                "Enter the code from your authenticator app",
            ));
        }
        if !problems.is_empty() {
            summary.set(items_for(
                &problems,
                &["username", "password", "totp_code"],
                field_id,
            ));
            errors.set(problems);
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match PublicClient.sign_in(&req).await {
                Ok(tokens) => {
                    let page = signed_in(session, tokens);
                    navigate(page.path(), Default::default());
                }
                // The first answer for an account with an authenticator app: ask for its code.
                Err(e) if e.code() == Some(ErrorCode::MfaRequired) && !asking => {
                    let _ = busy.try_set(false);
                    let _ = errors.try_set(Vec::new());
                    let _ = summary.try_set(Vec::new());
                    let _ = needs_code.try_set(true);
                    request_animation_frame(|| focus_by_id("totp_code"));
                }
                Err(e) => {
                    if e.code() == Some(ErrorCode::MfaRequired) {
                        let _ = code.try_set(String::new());
                    }
                    let (fields, items) = sign_in_problems(&e, field_id);
                    let _ = busy.try_set(false);
                    let _ = errors.try_set(fields);
                    let _ = summary.try_set(items);
                }
            }
        });
    };

    view! {
        <SignedOutFrame>
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
                <Show when=move || needs_code.get()>
                    <p class="body" id="totp-intro">
                        "Your account signs in with an authenticator app as well as your password."
                    </p>
                    <OneTimeCodeField
                        id="totp_code"
                        label="Code from your authenticator app"
                        hint="The 6 digits your app shows now. If you have lost your phone, enter one of your recovery codes instead."
                        value=code
                        error=error_for(errors, "totp_code")
                    />
                </Show>
                <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
            <SingleSignOn summary=summary />
        </SignedOutFrame>
    }
}

/// "Sign in with {label}", one button per force with single sign-on (nothing when there is none or
/// the list cannot be had). A button starts the sign-in, keeps its `state` for the return, and sends
/// the browser to the provider; a refusal is shown in the page's error summary.
#[component]
fn SingleSignOn(summary: RwSignal<Vec<ErrorItem>>) -> impl IntoView {
    let providers = RwSignal::new(Vec::<SsoProvider>::new());
    spawn_local(async move {
        if let Ok(list) = PublicClient.sso_providers().await {
            let _ = providers.try_set(list);
        }
    });
    let busy = RwSignal::new(false);
    let start = move |force: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        summary.set(Vec::new());
        spawn_local(async move {
            match PublicClient.sso_start(&force).await {
                Ok(s) => {
                    super::sign_in_callback::keep_sso_state(&s.state);
                    let gone =
                        web_sys::window().is_some_and(|w| w.location().assign(&s.authorization_url).is_ok());
                    if !gone {
                        let _ = busy.try_set(false);
                    }
                }
                Err(e) => {
                    let _ = busy.try_set(false);
                    let _ = summary.try_set(vec![ErrorItem::general(e.message())]);
                }
            }
        });
    };
    view! {
        <Show when=move || providers.with(|p| !p.is_empty())>
            <section class="section" id="single-sign-on" aria-labelledby="single-sign-on-title">
                <h2 class="heading-m" id="single-sign-on-title">
                    "Or sign in with your force's account"
                </h2>
                <p class="body">
                    "If your force has set it up, sign in the way you sign in to your force's other systems."
                </p>
                <div class="button-group">
                    {move || {
                        providers
                            .get()
                            .into_iter()
                            .map(|p| {
                                let force = p.force.0.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        id=format!("sso-{}", force.to_lowercase())
                                        aria-disabled=move || busy.get().to_string()
                                        on:click=move |_| start(force.clone())
                                    >
                                        {format!("Sign in with {}", p.label)}
                                    </button>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </section>
        </Show>
    }
}
