//! `/incidents/new`: opening an incident.

use super::{error_at, field_id, ORDER};
use crate::api::AuthClient;
use crate::components::error_summary::{items_for, problems_from, ErrorItem, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField, VocabularyChecks};
use crate::components::ids::new_idempotency_key;
use crate::components::record::{choices, use_reference_data};
use crate::components::record_picker::{Picked, RecordPicker};
use crate::components::time::{from_input, now, to_input};
use crate::routes::incident_path;
use crate::session::use_session;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::{check_incident, IncidentInput};
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// The form's inputs.
#[derive(Debug, Clone, Copy)]
struct Inputs {
    channel: RwSignal<String>,
    opening: RwSignal<String>,
    qualifiers: RwSignal<Vec<String>>,
    summary_text: RwSignal<String>,
    reported: RwSignal<String>,
    location: RwSignal<Option<Picked>>,
}

/// Where the submit shows how it went, and what it keeps between presses.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    errors: RwSignal<Vec<FieldError>>,
    summary: RwSignal<Vec<ErrorItem>>,
    busy: RwSignal<bool>,
    key: StoredValue<String>,
    last: StoredValue<Option<IncidentInput>>,
}

/// Checks and sends the incident, then on to its page.
fn submit(
    client: AuthClient,
    f: Inputs,
    o: Outcome,
    navigate: impl Fn(&str, leptos_router::NavigateOptions) + 'static,
) {
    let Inputs {
        channel,
        opening,
        qualifiers,
        summary_text,
        reported,
        location,
    } = f;
    let Outcome {
        errors,
        summary,
        busy,
        key,
        last,
    } = o;
    if busy.get_untracked() {
        return;
    }
    let r = reported.get_untracked();
    let reported_at = from_input(&r);
    let input = IncidentInput {
        channel: channel.get_untracked(),
        opening_category: opening.get_untracked(),
        qualifiers: qualifiers.get_untracked(),
        summary: summary_text.get_untracked().trim().to_owned(),
        reported_at,
        location_id: location.get_untracked().map(|l| l.id),
    };
    let mut problems = check_incident(&input, now());
    if !r.trim().is_empty() && reported_at.is_none() {
        problems.push(FieldError::new(
            "reported_at",
            "format",
            "Enter a real date and time",
        ));
    }
    if !problems.is_empty() {
        summary.set(items_for(&problems, ORDER, field_id));
        errors.set(problems);
        return;
    }
    if last.with_value(|l| l.as_ref() != Some(&input)) {
        key.set_value(new_idempotency_key());
        last.set_value(Some(input.clone()));
    }
    let k = key.get_value();
    busy.set(true);
    spawn_local(async move {
        let r = client.create_incident(&input, &k).await;
        let _ = busy.try_set(false);
        match r {
            Ok(i) => navigate(&incident_path(i.id), Default::default()),
            Err(e) => {
                let (f, items) = problems_from(&e, ORDER, field_id);
                let _ = errors.try_set(f);
                let _ = summary.try_set(items);
            }
        }
    });
}

/// The qualifiers, one checkbox each.
#[component]
fn QualifierChecks(qualifiers: RwSignal<Vec<String>>) -> impl IntoView {
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Qualifiers"</legend>
            <div class="checkboxes" id="incident-qualifiers">
                <VocabularyChecks prefix="incident-qualifier" vocabulary="incident_qualifier" selected=qualifiers />
            </div>
        </fieldset>
    }
}

#[component]
pub(super) fn NewIncidentForm() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let navigate = use_navigate();
    let refdata = use_reference_data();
    let f = Inputs {
        channel: RwSignal::new(String::new()),
        opening: RwSignal::new(String::new()),
        qualifiers: RwSignal::new(Vec::new()),
        summary_text: RwSignal::new(String::new()),
        reported: RwSignal::new(to_input(now())),
        location: RwSignal::new(None),
    };
    let Inputs {
        channel,
        opening,
        qualifiers,
        summary_text,
        reported,
        location,
    } = f;
    let o = Outcome {
        errors: RwSignal::new(Vec::new()),
        summary: RwSignal::new(Vec::new()),
        busy: RwSignal::new(false),
        key: StoredValue::new(new_idempotency_key()),
        last: StoredValue::new(None),
    };
    let Outcome {
        errors,
        summary,
        busy,
        ..
    } = o;

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(client, f, o, navigate.clone());
    };
    let e = move |path: &'static str| error_at(errors, path);
    let channels = Signal::derive(move || refdata.with(|d| choices(d, "incident_channel")));
    let openings = Signal::derive(move || refdata.with(|d| choices(d, "incident_opening")));
    view! {
            <ErrorSummary items=summary id="incident-error-summary" />
            <form novalidate id="incident-form" on:submit=on_submit>
                <div class="inline-fields">
                    <SelectField id="incident-channel" label="How it was reported" value=channel options=channels error=e("channel") empty="Choose" />
                    <SelectField
                        id="incident-opening-category"
                        label="Opening category"
                        value=opening
                        options=openings
                        error=e("opening_category")
                        empty="Choose"
                    />
                </div>
                <QualifierChecks qualifiers=qualifiers />
                <TextArea id="incident-summary" label="What was reported" value=summary_text error=e("summary") />
                <TextField
                    id="incident-reported-at"
                    label="Reported at"
                    hint="The 24-hour recording clock starts here."
                    input_type="datetime-local"
                    value=reported
                    error=e("reported_at")
                />
                <RecordPicker
                    id="incident-location-id"
                    label="Where (optional)"
                    kinds=vec![RecordKind::Location]
                    picked=location
                    error=e("location_id")
                />
                <button type="submit" class="button" id="incident-submit" aria-disabled=move || busy.get().to_string()>
                    "Open the incident"
                </button>
            </form>
    }
}
