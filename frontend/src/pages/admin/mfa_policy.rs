//! "Multi-factor sign-in": the roles of the force whose holders must sign in with an authenticator
//! app as well as their password (force administrators, `ManageUsers`).

use super::roles::RolesFieldset;
use crate::api::AuthClient;
use crate::components::loader::{load, loaded};
use crate::components::section::Section;
use crate::session::use_session;
use bluelamp_shared::auth::MfaPolicy;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The section: a checkbox per role the force grants, and Save.
#[component]
pub(super) fn MfaPolicySection() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0u32);
    let policy = load(reload, move || async move { client.mfa_policy().await });
    view! {
        <Section id="mfa-policy" title="Multi-factor sign-in">
            {loaded(policy, |p| view! { <PolicyForm policy=p /> }.into_any())}
        </Section>
    }
}

#[component]
fn PolicyForm(policy: MfaPolicy) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let roles = RwSignal::new(policy.required_roles);
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        notice.set(None);
        failure.set(None);
        let req = MfaPolicy {
            required_roles: roles.get_untracked(),
        };
        spawn_local(async move {
            match client.set_mfa_policy(&req).await {
                Ok(p) => {
                    let msg = if p.required_roles.is_empty() {
                        "Saved: no role has to use an authenticator app.".to_owned()
                    } else {
                        let names: Vec<&str> = p.required_roles.iter().map(|r| r.label()).collect();
                        format!(
                            "Saved: {} must set up an authenticator app the next time they sign in.",
                            names.join(", ")
                        )
                    };
                    let _ = roles.try_set(p.required_roles);
                    let _ = notice.try_set(Some(msg));
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e.message()));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    view! {
        <div class="notification" role="status">
            {move || notice.get().map(|m| view! { <p class="notification__body">{m}</p> })}
        </div>
        <p class="error-message" role="alert" id="mfa-policy-error" hidden=move || failure.with(Option::is_none)>
            {move || failure.get().unwrap_or_default()}
        </p>
        <form novalidate on:submit=on_submit id="mfa-policy-form">
            <RolesFieldset
                prefix="mfa-policy"
                roles=roles
                error=Signal::derive(|| None)
                legend="Roles that must use an authenticator app"
                hint="Holders of these roles sign in with their password and a code from an app on their phone. Those without one are asked to set it up when they next sign in, and can do nothing else until they have."
            />
            <button
                type="submit"
                class="button"
                id="mfa-policy-submit"
                aria-disabled=move || busy.get().to_string()
            >
                {move || if busy.get() { "Saving…" } else { "Save" }}
            </button>
        </form>
    }
}
