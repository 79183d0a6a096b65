//! A victim's contact log: the contacts made, and a form to log one.

use crate::components::field::{SelectField, TextArea};
use crate::components::record::{choices, use_reference_data};
use crate::components::time::local_time;
use crate::pages::investigation::crime::CrimeCtx;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::victims::{ContactDto, ContactInput, UpdateEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// The contact log and its form.
#[component]
pub(super) fn ContactLog(
    ctx: CrimeCtx,
    vid: Uuid,
    contacts: Vec<ContactDto>,
    /// Id prefix (`victim-{id}`).
    p: String,
) -> impl IntoView {
    let refdata = use_reference_data();
    // Contact log.
    let contact_method = RwSignal::new(String::new());
    let contact_summary = RwSignal::new(String::new());
    let contact_update = RwSignal::new(String::new());
    let prefix = p.clone();
    let add_contact = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = ContactInput {
            at: None,
            method: contact_method.get_untracked(),
            summary: contact_summary.get_untracked().trim().to_owned(),
            update: UpdateEvent::parse(&contact_update.get_untracked()),
        };
        let mut problems = Vec::new();
        if req.method.is_empty() {
            problems.push(FieldError::new(
                "contact.method",
                "required",
                "Choose how you contacted the victim",
            ));
        }
        if req.summary.is_empty() {
            problems.push(FieldError::new(
                "contact.summary",
                "required",
                "Say what was said",
            ));
        }
        if !problems.is_empty() {
            ctx.invalid(&prefix, &problems);
            return;
        }
        let prefix = prefix.clone();
        spawn_local(async move {
            match ctx.client.add_contact(vid, &req).await {
                Ok(_) => ctx.saved(None, "Contact logged."),
                Err(e) => {
                    let e = match e {
                        crate::api::ApiError::Problem(mut pr) => {
                            for fe in pr.errors.iter_mut() {
                                fe.path = format!("contact.{}", fe.path);
                            }
                            crate::api::ApiError::Problem(pr)
                        }
                        e => e,
                    };
                    ctx.fail(&prefix, e)
                }
            }
        });
    };

    let methods = Signal::derive(move || refdata.with(|d| choices(d, "contact_method")));
    let events = Signal::derive(|| {
        UpdateEvent::ALL
            .into_iter()
            .map(|e| (e.as_str().to_owned(), e.task_title("the victim")))
            .collect::<Vec<_>>()
    });
    let pv = StoredValue::new(p.clone());
    let id = move |f: &str| format!("{}-{f}", pv.get_value());
    view! {
    <details class="details">
        <summary class="details__summary">{format!("Contact log ({})", contacts.len())}</summary>
        <ol class="timeline">
            {contacts
                .iter()
                .map(|c| {
                    view! {
                        <li class="timeline__item">
                            <span class="timeline__date">{c.contact.at.map(local_time).unwrap_or_default()}</span>
                            {format!(" {} – {} ({}): {}", c.contact.method, c.by.display_name, c.by.collar_number, c.contact.summary)}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <form novalidate on:submit=add_contact>
            <div class="inline-fields">
                <SelectField id=id("contact-method") label="How" value=contact_method options=methods error=ctx.err(id("contact-method")) empty="Choose" />
                <SelectField
                    id=id("contact-update")
                    label="This gave the update (optional)"
                    value=contact_update
                    options=events
                    error=ctx.err(id("contact-update"))
                    empty="None"
                />
            </div>
            <TextArea id=id("contact-summary") label="What was said" value=contact_summary error=ctx.err(id("contact-summary")) rows=2 />
            <button type="submit" class="button button--secondary" data-testid="add-contact">
                "Log contact"
            </button>
        </form>
    </details>
    }
}
