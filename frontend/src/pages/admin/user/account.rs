//! The user's account: "Account" (deactivate, asking first, or reactivate; unlock when locked; reset
//! the authenticator app, asking first) and "Set a new password".

use super::{FormState, UserCtx};
use crate::components::confirm::ConfirmAction;
use crate::components::error_summary::keep_unfixed;
use crate::components::field::{ErrorMessage, TextField};
use crate::components::time::local_time;
use crate::session::use_session;
use bluelamp_shared::users::UpdateUserRequest;
use bluelamp_shared::validation::check;
use leptos::prelude::*;

/// The account actions' "fields" (the server's faults name them), top to bottom.
const ACCOUNT_ORDER: &[&str] = &["active", "unlock", "reset_mfa"];

/// Field path → element id: each action's heading (focusable), where its fault is shown.
fn account_id(path: &str) -> String {
    match path {
        "unlock" => "user-account-unlock".to_owned(),
        "reset_mfa" => "user-account-mfa".to_owned(),
        _ => "user-account-access".to_owned(),
    }
}

/// A heading of one account action (`id`, focusable so the error summary can lead to it), with the
/// action's fault under it.
fn action_heading(
    form: FormState,
    id: &'static str,
    path: &'static str,
    title: &'static str,
) -> impl IntoView {
    view! {
        <h3 class="heading-m" id=id tabindex="-1">
            {title}
        </h3>
        <ErrorMessage id=format!("{id}-error") error=form.error_at(path) />
    }
}

/// "Account": access (deactivate or reactivate), the lock from failed sign-ins, the authenticator app.
#[component]
pub(super) fn AccountSection(ctx: UserCtx) -> impl IntoView {
    let form = FormState::new("user-account", ACCOUNT_ORDER, account_id);
    let me = use_session().user();
    let own = Memo::new(move |_| me.with(|m| m.as_ref().is_some_and(|m| m.id == ctx.id)));
    let active = Memo::new(move |_| ctx.user.with(|u| u.as_ref().is_some_and(|u| u.active)));
    let locked_until = Memo::new(move |_| ctx.user.with(|u| u.as_ref().and_then(|u| u.locked_until)));
    let busy = form.busy;

    let deactivate = Callback::new(move |()| {
        let req = UpdateUserRequest {
            active: Some(false),
            ..Default::default()
        };
        ctx.change(form, req, |u| {
            format!(
                "{} is deactivated: they are signed out and cannot sign in until reactivated.",
                u.display_name
            )
        });
    });
    let reactivate = move |_| {
        let req = UpdateUserRequest {
            active: Some(true),
            ..Default::default()
        };
        ctx.change(form, req, |u| {
            format!("{} is active again and can sign in.", u.display_name)
        });
    };
    let unlock = move |_| {
        let req = UpdateUserRequest {
            unlock: Some(true),
            ..Default::default()
        };
        ctx.change(form, req, |u| {
            format!("{} is unlocked and can sign in again.", u.display_name)
        });
    };
    let reset_mfa = Callback::new(move |()| {
        let req = UpdateUserRequest {
            reset_mfa: Some(true),
            ..Default::default()
        };
        ctx.change(form, req, |u| {
            format!(
                "{}'s authenticator app is reset: they are signed out, and set it up again at their next sign-in if their role requires it.",
                u.display_name
            )
        });
    });

    let access = move || {
        if own.get() {
            view! {
                <p class="body" id="user-own-account">
                    "This is your own account: another administrator of your force would have to deactivate it."
                </p>
            }
            .into_any()
        } else if active.get() {
            let name = ctx.name();
            view! {
                <p class="body">"They can sign in. Deactivating signs them out at once and stops them signing in; their records and history stay."</p>
                <ConfirmAction
                    id="user-deactivate"
                    label="Deactivate"
                    aria_label=format!("Deactivate {name}")
                    question=format!(
                        "Deactivate {name}? They are signed out at once and cannot sign in until the account is reactivated.",
                    )
                    confirm="Yes, deactivate"
                    action="deactivate"
                    class="button button--warning"
                    busy=busy
                    on_confirm=deactivate
                />
            }
            .into_any()
        } else {
            view! {
                <p class="body">"The account is deactivated: they cannot sign in."</p>
                <button
                    type="button"
                    class="button button--secondary"
                    id="user-reactivate"
                    data-action="reactivate"
                    aria-disabled=move || busy.get().to_string()
                    on:click=reactivate
                >
                    "Reactivate"
                </button>
            }
            .into_any()
        }
    };
    let lock = move || {
        locked_until.get().map(|t| {
            view! {
                {action_heading(form, "user-account-unlock", "unlock", "Locked out")}
                <p class="body">
                    {format!("Locked after repeated failed sign-ins until {}.", local_time(t))}
                </p>
                <button
                    type="button"
                    class="button button--secondary"
                    id="user-unlock"
                    data-action="unlock"
                    aria-disabled=move || busy.get().to_string()
                    on:click=unlock
                >
                    "Unlock"
                </button>
            }
        })
    };
    let mfa = move || {
        let name = ctx.name();
        view! {
            <p class="body" id="user-reset-mfa-hint">
                "For a lost or replaced phone: it turns off their sign-in with an authenticator app and signs them out; they set the app up again at their next sign-in if their role requires it. If they have not set one up, it changes nothing."
            </p>
            <ConfirmAction
                id="user-reset-mfa"
                label="Reset authenticator app"
                aria_label=format!("Reset authenticator app of {name}")
                question=format!("Reset {name}'s authenticator app? They are signed out at once.")
                confirm="Yes, reset it"
                action="reset-mfa"
                busy=busy
                on_confirm=reset_mfa
            />
        }
    };
    view! {
        <section class="section" id="user-account" aria-labelledby="user-account-title">
            <h2 class="heading-l" id="user-account-title">
                "Account"
            </h2>
            {form.outcome()}
            {action_heading(form, "user-account-access", "active", "Access")}
            {access}
            {lock}
            {action_heading(form, "user-account-mfa", "reset_mfa", "Authenticator app")}
            {mfa}
        </section>
    }
}

/// The password form's element id for a field path.
fn password_id(_path: &str) -> String {
    "user-new-password".to_owned()
}

/// "Set a new password", checked with the shared password rule.
#[component]
pub(super) fn PasswordSection(ctx: UserCtx) -> impl IntoView {
    let form = FormState::new("user-password", &["password"], password_id);
    let password = RwSignal::new(String::new());
    let request = move || UpdateUserRequest {
        password: Some(password.get_untracked()),
        ..Default::default()
    };
    Effect::new(move |_| {
        password.track();
        keep_unfixed(form.errors, check(&request()));
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.busy.get_untracked() {
            return;
        }
        let req = request();
        let problems = check(&req);
        if !problems.is_empty() {
            form.show(problems);
            return;
        }
        ctx.change(form, req, move |u| {
            password.set(String::new());
            format!(
                "{}'s password is changed: they are signed out, and sign in with the new one.",
                u.display_name
            )
        });
    };
    let busy = form.busy;
    view! {
        <section class="section" id="user-password" aria-labelledby="user-password-title">
            <h2 class="heading-l" id="user-password-title">
                "Set a new password"
            </h2>
            {form.outcome()}
            <form novalidate id="user-password-form" on:submit=on_submit>
                <TextField
                    id=password_id("password")
                    label="New password"
                    input_type="password"
                    autocomplete="new-password"
                    hint="At least 12 characters, and not a commonly used password. Give it to them in person. Setting it signs them out everywhere."
                    value=password
                    error=form.error_at("password")
                />
                <button type="submit" class="button" id="user-password-submit" aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { "Setting the password…" } else { "Set the password" }}
                </button>
            </form>
        </section>
    }
}
