//! "Propose an agreement": the force offers to share kinds of its records with another force, for a
//! purpose, between two dates. The shared rules (`check_proposal`) run before anything is sent.

use super::agreements::access_label;
use crate::api::AuthClient;
use crate::components::error_summary::{
    error_for, items_for, keep_unfixed, problems_from, ErrorItem, ErrorSummary,
};
use crate::components::field::{FieldsetFrame, SelectField, TextArea, TextField};
use crate::components::ids::new_idempotency_key;
use crate::components::loader::load;
use crate::components::section::Section;
use crate::components::time::{today, today_text};
use crate::session::use_session;
use bluelamp_shared::admin::agreements::{
    check_proposal, every_handling_code, AgreementAccess, ProposeAgreementRequest, SharingScope,
};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::intelligence::HandlingCode;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The form's fields, top to bottom.
const FORM_ORDER: &[&str] = &[
    "partner_force",
    "scopes",
    "intelligence_handling",
    "access",
    "starts_on",
    "ends_on",
    "purpose",
];

/// The choices of access, in the order shown.
const ACCESS: [AgreementAccess; 2] = [AgreementAccess::Read, AgreementAccess::ReadAndLink];

/// Field path → element id (a group's path leads to its first control).
fn propose_id(path: &str) -> String {
    match path.split('.').next().unwrap_or_default() {
        "scopes" => format!("propose-scope-{}", SharingScope::ALL[0].as_str()),
        "intelligence_handling" => "propose-handling-P".to_owned(),
        "access" => format!("propose-access-{}", ACCESS[0].as_str()),
        top => format!("propose-{top}"),
    }
}

/// The form's inputs.
#[derive(Debug, Clone, Copy)]
struct Proposal {
    partner: RwSignal<String>,
    scopes: RwSignal<Vec<SharingScope>>,
    handling: RwSignal<Vec<HandlingCode>>,
    access: RwSignal<AgreementAccess>,
    starts_on: RwSignal<String>,
    ends_on: RwSignal<String>,
    purpose: RwSignal<String>,
}

/// A date input's text: `Ok(None)` when empty, `Err` when it is not a date.
fn parse_day(text: &str) -> Result<Option<NaiveDate>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map(Some).map_err(|_| ())
}

impl Proposal {
    fn new() -> Self {
        Self {
            partner: RwSignal::new(String::new()),
            scopes: RwSignal::new(Vec::new()),
            handling: RwSignal::new(every_handling_code()),
            access: RwSignal::new(AgreementAccess::default()),
            starts_on: RwSignal::new(today_text()),
            ends_on: RwSignal::new(String::new()),
            purpose: RwSignal::new(String::new()),
        }
    }

    /// Empties the form for the next proposal (the start date back to today; the force stays
    /// chosen, as the list shows it).
    fn clear(self) {
        let _ = self.scopes.try_set(Vec::new());
        let _ = self.handling.try_set(every_handling_code());
        let _ = self.access.try_set(AgreementAccess::default());
        let _ = self.starts_on.try_set(today_text());
        let _ = self.ends_on.try_set(String::new());
        let _ = self.purpose.try_set(String::new());
    }

    fn request(self) -> ProposeAgreementRequest {
        let mut scopes = self.scopes.get_untracked();
        scopes.sort();
        let scopes_have_intelligence = scopes.contains(&SharingScope::Intelligence);
        ProposeAgreementRequest {
            partner_force: ForceCode(self.partner.get_untracked()),
            scopes,
            access: self.access.get_untracked(),
            starts_on: parse_day(&self.starts_on.get_untracked()).ok().flatten(),
            ends_on: parse_day(&self.ends_on.get_untracked()).ok().flatten(),
            purpose: self.purpose.get_untracked().trim().to_owned(),
            intelligence_handling: if scopes_have_intelligence {
                self.handling.get_untracked()
            } else {
                Vec::new()
            },
        }
    }

    /// Every field at fault: the shared rules, and a last day that is not a date.
    fn problems(self, own: &str) -> Vec<FieldError> {
        let mut found = check_proposal(&self.request(), own, today());
        if parse_day(&self.ends_on.get_untracked()).is_err() {
            found.push(FieldError::new(
                "ends_on",
                "format",
                "Enter the last day as a date, or leave it empty",
            ));
        }
        found
    }
}

/// What may be shared: a checkbox per scope.
#[component]
fn ScopesFieldset(p: Proposal, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    view! {
        <FieldsetFrame
            id=propose_id("scopes")
            legend="What will you share?"
            hint=Some("Only your force's records of these kinds. Restricted intelligence is never shared.")
            error=error_for(errors, "scopes")
        >
            <div class="checkboxes">
                {SharingScope::ALL
                    .into_iter()
                    .map(|scope| {
                        let id = format!("propose-scope-{}", scope.as_str());
                        view! {
                            <div class="checkboxes__item">
                                <input
                                    class="checkboxes__input"
                                    type="checkbox"
                                    id=id.clone()
                                    name="propose-scopes"
                                    value=scope.as_str()
                                    prop:checked=move || p.scopes.with(|s| s.contains(&scope))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        p.scopes
                                            .update(|s| {
                                                s.retain(|x| *x != scope);
                                                if on {
                                                    s.push(scope);
                                                }
                                            });
                                    }
                                />
                                <label class="label checkboxes__label" for=id>
                                    {scope.label()}
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </FieldsetFrame>
    }
}

/// Which intelligence: a checkbox per 3x5x2 handling code (shown when intelligence is shared).
#[component]
fn HandlingFieldset(p: Proposal, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let choices = [
        (HandlingCode::P, "P: lawful sharing permitted"),
        (
            HandlingCode::C,
            "C: lawful sharing permitted subject to conditions",
        ),
    ];
    view! {
        <FieldsetFrame
            id=propose_id("intelligence_handling")
            legend="Which intelligence, by handling code?"
            hint=Some("Disseminated reports with these handling codes are shared.")
            error=error_for(errors, "intelligence_handling")
        >
            <div class="checkboxes">
                {choices
                    .into_iter()
                    .map(|(code, label)| {
                        let id = format!("propose-handling-{}", code.code());
                        view! {
                            <div class="checkboxes__item">
                                <input
                                    class="checkboxes__input"
                                    type="checkbox"
                                    id=id.clone()
                                    name="propose-handling"
                                    value=code.code()
                                    prop:checked=move || p.handling.with(|h| h.contains(&code))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        p.handling
                                            .update(|h| {
                                                h.retain(|x| *x != code);
                                                if on {
                                                    h.push(code);
                                                }
                                            });
                                    }
                                />
                                <label class="label checkboxes__label" for=id>
                                    {label}
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </FieldsetFrame>
    }
}

/// What the partner may do: a radio per kind of access.
#[component]
fn AccessFieldset(p: Proposal, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    view! {
        <FieldsetFrame
            id=propose_id("access")
            legend="What may they do with the records?"
            hint=None
            error=error_for(errors, "access")
        >
            <div class="radios">
                {ACCESS
                    .into_iter()
                    .map(|access| {
                        let id = format!("propose-access-{}", access.as_str());
                        view! {
                            <span class="radios__item">
                                <input
                                    class="radios__input"
                                    type="radio"
                                    id=id.clone()
                                    name="propose-access"
                                    value=access.as_str()
                                    prop:checked=move || p.access.get() == access
                                    on:change=move |_| p.access.set(access)
                                />
                                <label class="label radios__label" for=id>
                                    {access_label(access)}
                                </label>
                            </span>
                        }
                    })
                    .collect_view()}
            </div>
        </FieldsetFrame>
    }
}

/// Checks and sends the proposal; once made, the form is emptied and the list reloads.
fn submit(client: AuthClient, own: &str, p: Proposal, o: Outcome, reload: RwSignal<u32>) {
    if o.busy.get_untracked() {
        return;
    }
    let problems = p.problems(own);
    o.proposed.set(None);
    if !problems.is_empty() {
        o.summary.set(items_for(&problems, FORM_ORDER, propose_id));
        o.errors.set(problems);
        return;
    }
    let req = p.request();
    if o.last_sent.with_value(|l| l.as_ref() != Some(&req)) {
        o.key.set_value(new_idempotency_key());
        o.last_sent.set_value(Some(req.clone()));
    }
    let idempotency_key = o.key.get_value();
    o.busy.set(true);
    spawn_local(async move {
        let result = client.propose_agreement(&req, &idempotency_key).await;
        let _ = o.busy.try_set(false);
        match result {
            Ok(a) => {
                p.clear();
                let _ = o.errors.try_set(Vec::new());
                let _ = o.summary.try_set(Vec::new());
                o.key.try_set_value(new_idempotency_key());
                o.last_sent.try_set_value(None);
                let _ = o.proposed.try_set(Some(format!(
                    "Proposed to {}. It opens nothing until they accept it.",
                    a.partner.name
                )));
                let _ = reload.try_update(|n| *n += 1);
            }
            Err(e) => {
                let (fields, items) = problems_from(&e, FORM_ORDER, propose_id);
                let _ = o.errors.try_set(fields);
                let _ = o.summary.try_set(items);
            }
        }
    });
}

/// Where the submit shows how it went, and the key it keeps between presses.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    errors: RwSignal<Vec<FieldError>>,
    summary: RwSignal<Vec<ErrorItem>>,
    busy: RwSignal<bool>,
    proposed: RwSignal<Option<String>>,
    key: StoredValue<String>,
    last_sent: StoredValue<Option<ProposeAgreementRequest>>,
}

/// The form; `own` is the caller's force code, `reload` is bumped once a proposal is made.
#[component]
pub(super) fn ProposeForm(own: String, reload: RwSignal<u32>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let own = StoredValue::new(own);
    let forces = load(RwSignal::new(0), move || async move { client.forces().await });
    let partners = Signal::derive(move || {
        let own = own.get_value();
        forces.with(|f| match f {
            Some(Ok(all)) => all
                .iter()
                .filter(|f| f.code.0 != own)
                .map(|f| (f.code.0.clone(), f.name.clone()))
                .collect(),
            _ => Vec::new(),
        })
    });
    let p = Proposal::new();
    let o = Outcome {
        errors: RwSignal::new(Vec::new()),
        summary: RwSignal::new(Vec::new()),
        busy: RwSignal::new(false),
        proposed: RwSignal::new(None),
        key: StoredValue::new(new_idempotency_key()),
        last_sent: StoredValue::new(None),
    };
    let errors = o.errors;
    // After a failed submit, each message goes as soon as its field is put right.
    Effect::new(move |_| {
        p.partner.track();
        p.scopes.track();
        p.handling.track();
        p.access.track();
        p.starts_on.track();
        p.ends_on.track();
        p.purpose.track();
        keep_unfixed(errors, p.problems(&own.get_value()));
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(client, &own.get_value(), p, o, reload);
    };
    view! {
        <Section id="propose-agreement" title="Propose an agreement">
            <p class="body">
                "Offer to share your force's records with another force. Nothing is shared until that force accepts."
            </p>
            <div class="notification" role="status">
                {move || o.proposed.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            <ErrorSummary items=o.summary id="propose-error-summary" />
            <form novalidate on:submit=on_submit id="propose-form">
                <SelectField
                    id=propose_id("partner_force")
                    label="Force you will share with"
                    value=p.partner
                    options=partners
                    error=error_for(errors, "partner_force")
                    empty="Choose a force"
                />
                <ScopesFieldset p=p errors=errors />
                {move || {
                    p.scopes
                        .with(|s| s.contains(&SharingScope::Intelligence))
                        .then(|| view! { <HandlingFieldset p=p errors=errors /> })
                }}
                <AccessFieldset p=p errors=errors />
                <TextField
                    id=propose_id("starts_on")
                    label="First day in force"
                    input_type="date"
                    hint="Today or later."
                    value=p.starts_on
                    error=error_for(errors, "starts_on")
                />
                <TextField
                    id=propose_id("ends_on")
                    label="Last day in force (optional)"
                    input_type="date"
                    hint="Leave empty for an agreement without an end date: either force can end it at any time."
                    value=p.ends_on
                    error=error_for(errors, "ends_on")
                />
                <TextArea
                    id=propose_id("purpose")
                    label="Purpose"
                    hint="Why the forces share these records: 10 to 1,000 characters. The other force sees it."
                    value=p.purpose
                    error=error_for(errors, "purpose")
                />
                <button
                    type="submit"
                    class="button"
                    id="propose-submit"
                    aria-disabled=move || o.busy.get().to_string()
                >
                    {move || if o.busy.get() { "Proposing…" } else { "Propose the agreement" }}
                </button>
            </form>
        </Section>
    }
}
