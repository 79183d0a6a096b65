//! The re-authentication dialog shown over the page when the session has ended or the app has
//! locked itself after inactivity. The page underneath is made `inert`, not re-rendered, so
//! whatever the user typed there is kept.

use super::error_summary::{error_for, sign_in_problems, ErrorItem, ErrorSummary};
use super::field::{OneTimeCodeField, TextField};
use super::focus_by_id;
use crate::api::PublicClient;
use crate::routes::Page;
use crate::session::{use_session, LockReason, Session, IDLE_LOCK_MINUTES};
use bluelamp_shared::auth::SignInRequest;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::validation::check;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use leptos_router::hooks::use_navigate;

/// Shows the dialog while the session is locked.
#[component]
pub fn ReauthDialog() -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.is_locked()>
            <DialogBody />
        </Show>
    }
}

fn field_id(path: &str) -> String {
    format!("reauth-{path}")
}

/// Keeps Tab and Shift+Tab inside the dialog.
fn trap_focus(dialog: &web_sys::HtmlElement, ev: &web_sys::KeyboardEvent) {
    if ev.key() != "Tab" {
        return;
    }
    let Ok(list) = dialog.query_selector_all(
        "a[href], button:not([disabled]), input:not([disabled]):not([type='hidden']), [tabindex]:not([tabindex='-1'])",
    ) else {
        return;
    };
    let focusable: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let is = |el: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
    };
    let inside = active
        .as_ref()
        .is_some_and(|a| dialog.contains(Some(a.unchecked_ref::<web_sys::Node>())));
    if ev.shift_key() && (is(first) || !inside) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && (is(last) || !inside) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

/// Why the session is locked, for the dialog's description.
fn explanation(reason: Option<LockReason>) -> String {
    match reason {
        Some(LockReason::Idle) => {
            format!("You have not used Bluelamp for {IDLE_LOCK_MINUTES} minutes, so it has been locked.")
        }
        _ => "For your security, your session has ended.".to_owned(),
    }
}

/// Where the sign-in shows how it went.
#[derive(Clone, Copy)]
struct Outcome {
    errors: RwSignal<Vec<FieldError>>,
    summary: RwSignal<Vec<ErrorItem>>,
    busy: RwSignal<bool>,
    /// The authenticator code, asked for once the server says the account needs one.
    code: RwSignal<String>,
    needs_code: RwSignal<bool>,
}

/// Signs in again as `username`; once in, unlocks the session and puts focus back on
/// `previous`.
fn sign_in_again(
    session: Session,
    submit_username: String,
    password: RwSignal<String>,
    previous: StoredValue<Option<web_sys::Element>, LocalStorage>,
    o: Outcome,
) {
    let Outcome {
        errors,
        summary,
        busy,
        code,
        needs_code,
    } = o;
    if busy.get_untracked() {
        return;
    }
    let asking = needs_code.get_untracked();
    let totp = code.get_untracked().trim().to_owned();
    let req = SignInRequest {
        username: submit_username.clone(),
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
        summary.set(super::error_summary::items_for(
            &problems,
            &["username", "password", "totp_code"],
            field_id,
        ));
        errors.set(problems);
        return;
    }
    busy.set(true);
    spawn_local(async move {
        match PublicClient.sign_in(&req).await {
            Ok(tokens) => {
                let back = previous.try_get_value().flatten();
                busy.set(false);
                password.set(String::new());
                code.set(String::new());
                needs_code.set(false);
                session.unlock(tokens);
                // Focus returns to where the user was once the page is no longer inert.
                request_animation_frame(move || {
                    if let Some(el) = back.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                        let _ = el.focus();
                    }
                });
            }
            // The account has an authenticator app: ask for its code.
            Err(e) if e.code() == Some(ErrorCode::MfaRequired) && !asking => {
                let _ = busy.try_set(false);
                let _ = errors.try_set(Vec::new());
                let _ = summary.try_set(Vec::new());
                let _ = needs_code.try_set(true);
                request_animation_frame(|| focus_by_id("reauth-totp_code"));
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
}

#[component]
fn DialogBody() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let username = session
        .user()
        .with_untracked(|u| u.as_ref().map(|u| u.username.clone()))
        .unwrap_or_default();
    let reason = session.lock_reason().get_untracked();

    // Where focus was, to put it back when the dialog closes.
    let previous = StoredValue::new_local(
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element()),
    );
    request_animation_frame(|| focus_by_id("reauth-password"));

    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let code = RwSignal::new(String::new());
    let needs_code = RwSignal::new(false);
    let dialog = NodeRef::<Div>::new();

    let submit_username = username.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let o = Outcome {
            errors,
            summary,
            busy,
            code,
            needs_code,
        };
        sign_in_again(session, submit_username.clone(), password, previous, o);
    };

    let sign_out = move |_| {
        session.sign_out();
        navigate(Page::SignIn.path(), Default::default());
    };

    let explanation = explanation(reason);

    view! {
        <div class="modal-backdrop">
            <div
                class="modal"
                role="dialog"
                aria-modal="true"
                aria-labelledby="reauth-title"
                aria-describedby="reauth-description"
                node_ref=dialog
                on:keydown=move |ev| {
                    if let Some(el) = dialog.get_untracked() {
                        trap_focus(&el, &ev);
                    }
                }
            >
                <h2 class="heading-l" id="reauth-title">
                    "Your session has ended — enter your password to continue"
                </h2>
                <p class="body" id="reauth-description">
                    {explanation}
                    " What you were doing is kept and will carry on once you have signed in."
                </p>
                <ErrorSummary items=summary id="reauth-error-summary" />
                <form novalidate on:submit=on_submit>
                    <div class="form-group">
                        <label class="label" for="reauth-username">
                            "User name"
                        </label>
                        <input
                            class="input input--readonly"
                            id="reauth-username"
                            type="text"
                            autocomplete="username"
                            readonly
                            prop:value=username
                        />
                    </div>
                    <TextField
                        id="reauth-password"
                        label="Password"
                        input_type="password"
                        autocomplete="current-password"
                        value=password
                        error=error_for(errors, "password")
                    />
                    <Show when=move || needs_code.get()>
                        <OneTimeCodeField
                            id="reauth-totp_code"
                            label="Code from your authenticator app"
                            hint="The 6 digits your app shows now, or one of your recovery codes."
                            value=code
                            error=error_for(errors, "totp_code")
                        />
                    </Show>
                    <div class="button-group">
                        <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                            {move || if busy.get() { "Signing in…" } else { "Continue" }}
                        </button>
                        <button type="button" class="button button--secondary" on:click=sign_out>
                            "Sign out"
                        </button>
                    </div>
                </form>
            </div>
        </div>
    }
}
