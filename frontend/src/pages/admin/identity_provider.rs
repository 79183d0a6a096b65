//! "Single sign-on" (force administrators, `ManageUsers`): the force's OpenID Connect identity
//! provider, so its staff can sign in with the account they use for the force's other systems. Shows
//! what is set (or that nothing is), and a form checked with the server's own rules
//! ([`check_identity_provider`]) before it is sent; a change sends the version read as `If-Match`.

use crate::api::{ApiError, AuthClient};
use crate::components::create_form::CreateForm;
use crate::components::error_summary::{items_for, keep_unfixed, problems_from, ErrorItem};
use crate::components::field::{fid, CheckboxField, FieldsetFrame, TextField};
use crate::components::loader::{load, loaded};
use crate::components::section::Section;
use crate::components::time::local_time;
use crate::routes::Page;
use crate::session::use_session;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::sso::{
    check_identity_provider, IdentityProviderDto, IdentityProviderRequest, UsernameClaim,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The form's fields, top to bottom.
const ORDER: &[&str] = &[
    "issuer",
    "client_id",
    "client_secret",
    "redirect_uri",
    "username_claim",
    "username_domain",
    "label",
];

/// Field path → element id (`idp-client-id`).
fn field_id(path: &str) -> String {
    fid("idp", path)
}

/// The claims, each with what it means in plain words.
const CLAIMS: [(UsernameClaim, &str, &str); 3] = [
    (
        UsernameClaim::PreferredUsername,
        "Their user name at the provider (preferred_username)",
        "Microsoft Entra ID sends the sign-in name (ns.okafor@nsp.police.uk), Keycloak the user name. The usual choice.",
    ),
    (
        UsernameClaim::Email,
        "Their email address (email)",
        "When the part of the email address before the domain is the Bluelamp user name.",
    ),
    (
        UsernameClaim::Sub,
        "The provider's own identifier for the person (sub)",
        "A fixed code the provider gives each person. Only if Bluelamp user names were made to match it.",
    ),
];

/// The plain-words name of a claim.
fn claim_text(c: UsernameClaim) -> &'static str {
    CLAIMS.iter().find(|(k, _, _)| *k == c).map_or("", |(_, t, _)| t)
}

/// This app's return address: its origin followed by `/sign-in/callback`.
fn own_return_address() -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{}", Page::SignInCallback.path())
}

/// The section: what is set, and the form.
#[component]
pub(super) fn IdentityProviderSection() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0u32);
    let current = load(reload, move || async move { client.identity_provider().await });
    view! {
        <Section id="identity-provider" title="Single sign-on">
            <p class="body">
                "Let your force's staff sign in with the account they use for your force's other systems (Microsoft Entra ID, Keycloak or another OpenID Connect provider). Accounts and roles are still made here: the provider only proves who is signing in."
            </p>
            {loaded(current, move |p| view! { <ProviderForm current=p reload=reload /> }.into_any())}
        </Section>
    }
}

/// The settings as a list of what is set.
fn settings_list(p: &IdentityProviderDto) -> impl IntoView {
    let row = |key: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt class="summary-list__key">{key}</dt>
                <dd class="summary-list__value">{value}</dd>
            </div>
        }
    };
    view! {
        <dl class="summary-list" id="idp-current">
            {row(
                "Sign-in page",
                if p.enabled { "Offers it".to_owned() } else { "Does not offer it".to_owned() },
            )}
            {row("Button", format!("Sign in with {}", p.label))}
            {row("Issuer", p.issuer.clone())}
            {row("Client id", p.client_id.clone())}
            {row(
                "Client secret",
                if p.client_secret_set { "Set (never shown)".to_owned() } else { "Not set".to_owned() },
            )}
            {row("Return address", p.redirect_uri.clone())}
            {row("User name from", claim_text(p.username_claim).to_owned())}
            {row("Domain taken off", p.username_domain.clone().unwrap_or_else(|| "None".to_owned()))}
            {row("Last changed", local_time(p.updated_at))}
        </dl>
    }
}

/// The form's inputs.
#[derive(Debug, Clone, Copy)]
struct Inputs {
    issuer: RwSignal<String>,
    client_id: RwSignal<String>,
    client_secret: RwSignal<String>,
    redirect_uri: RwSignal<String>,
    claim: RwSignal<UsernameClaim>,
    domain: RwSignal<String>,
    label: RwSignal<String>,
    enabled: RwSignal<bool>,
}

impl Inputs {
    /// Filled from what is set, or for a first setting.
    fn new(current: Option<&IdentityProviderDto>) -> Self {
        let text = |f: fn(&IdentityProviderDto) -> String| RwSignal::new(current.map(f).unwrap_or_default());
        Self {
            issuer: text(|p| p.issuer.clone()),
            client_id: text(|p| p.client_id.clone()),
            client_secret: RwSignal::new(String::new()),
            redirect_uri: RwSignal::new(current.map_or_else(own_return_address, |p| p.redirect_uri.clone())),
            claim: RwSignal::new(current.map(|p| p.username_claim).unwrap_or_default()),
            domain: text(|p| p.username_domain.clone().unwrap_or_default()),
            label: text(|p| p.label.clone()),
            enabled: RwSignal::new(current.is_none_or(|p| p.enabled)),
        }
    }

    /// The request (an empty secret keeps the one set; an empty domain is none), and what the shared
    /// rules find wrong with it.
    fn checked(self, secret_kept: bool) -> (IdentityProviderRequest, Vec<FieldError>) {
        let trimmed = |s: RwSignal<String>| s.get_untracked().trim().to_owned();
        let some = |s: String| (!s.is_empty()).then_some(s);
        let req = IdentityProviderRequest {
            issuer: trimmed(self.issuer),
            client_id: trimmed(self.client_id),
            client_secret: some(self.client_secret.get_untracked()).filter(|s| !s.trim().is_empty()),
            redirect_uri: trimmed(self.redirect_uri),
            username_claim: self.claim.get_untracked(),
            username_domain: some(trimmed(self.domain)),
            label: trimmed(self.label),
            enabled: self.enabled.get_untracked(),
        };
        let problems = check_identity_provider(&req, secret_kept);
        (req, problems)
    }
}

/// What is set, and the form to set or change it.
#[component]
fn ProviderForm(current: Option<IdentityProviderDto>, reload: RwSignal<u32>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let inputs = Inputs::new(current.as_ref());
    let saved = RwSignal::new(current);
    // The form's state and frame are those of the "add" forms (no idempotency key is needed: a PUT).
    let form = CreateForm::<IdentityProviderRequest>::new(ORDER, field_id);
    // Set when the settings changed since they were read: offer to reload them.
    let stale = RwSignal::new(false);
    let secret_kept = move || saved.with_untracked(|s| s.as_ref().is_some_and(|s| s.client_secret_set));
    Effect::new(move |_| {
        for s in [
            inputs.issuer,
            inputs.client_id,
            inputs.client_secret,
            inputs.redirect_uri,
            inputs.domain,
            inputs.label,
        ] {
            s.track();
        }
        keep_unfixed(form.errors, inputs.checked(secret_kept()).1);
    });

    let on_submit = move || {
        if form.busy.get_untracked() {
            return;
        }
        form.done.set(None);
        let (req, problems) = inputs.checked(secret_kept());
        if !problems.is_empty() {
            form.summary.set(items_for(&problems, ORDER, field_id));
            form.errors.set(problems);
            return;
        }
        let version = saved.with_untracked(|s| s.as_ref().map(|s| s.version));
        form.busy.set(true);
        spawn_local(async move {
            let result = client.set_identity_provider(&req, version).await;
            let _ = form.busy.try_set(false);
            match result {
                Ok(p) => {
                    let msg = if p.enabled {
                        format!("Saved. The sign-in page offers “Sign in with {}”.", p.label)
                    } else {
                        "Saved. The sign-in page does not offer it until you tick “Offer it on the sign-in page”.".to_owned()
                    };
                    let _ = inputs.client_secret.try_set(String::new());
                    let _ = saved.try_set(Some(p));
                    let _ = form.errors.try_set(Vec::new());
                    let _ = form.summary.try_set(Vec::new());
                    let _ = form.done.try_set(Some(msg));
                }
                Err(e) => {
                    let (fields, items) = refused(&e);
                    if e.code() == Some(ErrorCode::PreconditionFailed) {
                        let _ = stale.try_set(true);
                    }
                    let _ = form.errors.try_set(fields);
                    let _ = form.summary.try_set(items);
                }
            }
        });
    };

    let secret_field = move || {
        let hint = if saved.with(|s| s.as_ref().is_some_and(|s| s.client_secret_set)) {
            "Leave empty to keep the one set. It is never shown again once saved."
        } else {
            "The secret the provider gave for Bluelamp's client id. It is never shown again once saved."
        };
        view! {
            <TextField
                id=field_id("client_secret")
                label="Client secret"
                input_type="password"
                autocomplete="new-password"
                hint=hint
                value=inputs.client_secret
                error=form.error_at("client_secret")
            />
        }
    };
    let claims = CLAIMS
        .into_iter()
        .enumerate()
        .map(|(i, (claim, text, hint))| {
            // The first radio carries the group's id, for the error summary's link.
            let id = if i == 0 {
                field_id("username_claim")
            } else {
                format!(
                    "{}-{}",
                    field_id("username_claim"),
                    claim.as_str().replace('_', "-")
                )
            };
            let hint_id = format!("{id}-hint");
            view! {
                <div class="radios__item">
                    <input
                        class="radios__input"
                        type="radio"
                        id=id.clone()
                        name="idp-username-claim"
                        value=claim.as_str()
                        aria-describedby=hint_id.clone()
                        prop:checked=move || inputs.claim.get() == claim
                        on:change=move |_| inputs.claim.set(claim)
                    />
                    <label class="label radios__label" for=id>
                        {text}
                    </label>
                    <p class="hint radios__hint" id=hint_id>
                        {hint}
                    </p>
                </div>
            }
        })
        .collect_view();

    let fields = view! {
        <TextField
            id=field_id("issuer")
            label="Issuer address"
            hint="From your provider: for Microsoft Entra ID, https://login.microsoftonline.com/ followed by your tenant id and /v2.0. Bluelamp reads the provider's settings from this address."
            value=inputs.issuer
            error=form.error_at("issuer")
        />
        <TextField
            id=field_id("client_id")
            label="Client id"
            hint="The id your provider gave Bluelamp when you registered it (Entra ID calls it the application id)."
            value=inputs.client_id
            error=form.error_at("client_id")
        />
        {secret_field}
        <TextField
            id=field_id("redirect_uri")
            label="Return address"
            hint="Register this address at your provider as Bluelamp's return (redirect) address: the provider sends people back here after they sign in. It is this app's address followed by /sign-in/callback."
            value=inputs.redirect_uri
            error=form.error_at("redirect_uri")
        />
        <FieldsetFrame
            id=field_id("username_claim")
            legend="Which of the provider's details is the Bluelamp user name"
            hint=Some("Bluelamp finds the person's account by this. Accounts are made here, with the same user names.")
            error=form.error_at("username_claim")
        >
            <div class="radios radios--stacked">{claims}</div>
        </FieldsetFrame>
        <TextField
            id=field_id("username_domain")
            label="Domain to take off (optional)"
            hint="If the provider sends names such as ns.okafor@nsp.police.uk, enter @nsp.police.uk: it is taken off to give the Bluelamp user name, and anyone whose name does not end with it is refused. Leave empty if names come without a domain."
            value=inputs.domain
            error=form.error_at("username_domain")
        />
        <TextField
            id=field_id("label")
            label="Button label"
            hint="The sign-in page shows “Sign in with” followed by this, for example Northshire account. 3 to 60 characters."
            value=inputs.label
            error=form.error_at("label")
        />
        <div class="form-group">
            <div class="checkboxes">
                <CheckboxField id=field_id("enabled") label="Offer it on the sign-in page" checked=inputs.enabled />
            </div>
        </div>
        <Show when=move || stale.get()>
            <p class="body">
                <button
                    type="button"
                    class="button button--secondary"
                    id="idp-reload"
                    on:click=move |_| reload.update(|n| *n += 1)
                >
                    "Reload the settings"
                </button>
            </p>
        </Show>
    };
    view! {
        {move || match saved.get() {
            Some(p) => settings_list(&p).into_any(),
            None => {
                view! {
                    <p class="body" id="idp-current">
                        "Not set: your force's staff sign in with their Bluelamp password only."
                    </p>
                }
                    .into_any()
            }
        }}
        <h3 class="heading-m">
            {move || if saved.with(Option::is_some) { "Change the settings" } else { "Set up single sign-on" }}
        </h3>
        {form.frame("idp", "Save", "Saving…", on_submit, fields)}
    }
}

/// A refusal of the server as field errors and summary items: each field's faults at their fields,
/// a change made meanwhile as a reason to reload, anything else as it is.
fn refused(e: &ApiError) -> (Vec<FieldError>, Vec<ErrorItem>) {
    if e.code() == Some(ErrorCode::PreconditionFailed) {
        let m = "The settings changed since you opened them, so yours were not saved. Reload them, then make your change again.";
        return (Vec::new(), vec![ErrorItem::general(m)]);
    }
    problems_from(e, ORDER, field_id)
}
