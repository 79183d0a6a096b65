//! `/incidents/{id}`: the incident and its recording decision (record a crime, or no crime with
//! a rationale), and closing it.

use super::{error_at, ClockView};
use crate::api::AuthClient;
use crate::components::error_summary::{items_for, problems_from, ErrorItem, ErrorSummary};
use crate::components::field::{SelectField, TextArea};
use crate::components::record::{choices, label_of, record_link, use_reference_data};
use crate::components::time::local_time;
use crate::routes::{crime_path, set_document_title};
use crate::session::use_session;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::{
    CloseIncidentRequest, CreateCrimeRequest, CrimeInput, IncidentDto, NcrsDecision, NoCrimeRequest,
    MIN_RATIONALE_CHARS,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

fn fid(p: &str) -> String {
    format!("incident-{}", p.replace('_', "-"))
}

/// Where the page's forms show how they went.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    summary: RwSignal<Vec<ErrorItem>>,
    errors: RwSignal<Vec<FieldError>>,
    busy: RwSignal<bool>,
    reload: RwSignal<u32>,
}

/// The facts of the incident.
#[component]
fn IncidentFacts(i: IncidentDto) -> impl IntoView {
    let refdata = use_reference_data();
    let qualifiers = i
        .incident
        .qualifiers
        .iter()
        .map(|q| refdata.with(|d| label_of(d, "incident_qualifier", q)))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
    <dl class="summary-list" id="incident-facts">
        <div class="summary-list__row">
            <dt class="summary-list__key">"Reported"</dt>
            <dd class="summary-list__value">
                {format!(
                    "{} by {}",
                    local_time(i.clock.reported_at),
                    refdata.with(|d| label_of(d, "incident_channel", &i.incident.channel)),
                )}
            </dd>
        </div>
        <div class="summary-list__row">
            <dt class="summary-list__key">"Opening category"</dt>
            <dd class="summary-list__value">
                {refdata.with(|d| label_of(d, "incident_opening", &i.incident.opening_category))}
            </dd>
        </div>
        <div class="summary-list__row">
            <dt class="summary-list__key">"Qualifiers"</dt>
            <dd class="summary-list__value">{if qualifiers.is_empty() { "—".to_owned() } else { qualifiers }}</dd>
        </div>
        <div class="summary-list__row">
            <dt class="summary-list__key">"What was reported"</dt>
            <dd class="summary-list__value pre-line">{i.incident.summary.clone()}</dd>
        </div>
        <div class="summary-list__row">
            <dt class="summary-list__key">"Where"</dt>
            <dd class="summary-list__value">
                {i.location.as_ref().map(record_link).unwrap_or_else(|| view! { <span>"—"</span> }.into_any())}
            </dd>
        </div>
        <div class="summary-list__row">
            <dt class="summary-list__key">"Recording decision"</dt>
            <dd class="summary-list__value" id="incident-clock">
                <ClockView clock=i.clock />
            </dd>
        </div>
        <div class="summary-list__row">
            <dt class="summary-list__key">"Decision"</dt>
            <dd class="summary-list__value" id="incident-decision">
                {match (i.decision, i.crime_id) {
                    (Some(NcrsDecision::CrimeRecorded), Some(c)) => {
                        view! { <A href=crime_path(c)>"Crime recorded: open the crime"</A> }.into_any()
                    }
                    (Some(NcrsDecision::CrimeRecorded), None) => view! { <span>"Crime recorded"</span> }.into_any(),
                    (Some(NcrsDecision::NoCrime), _) => {
                        view! { <span>{format!("No crime: {}", i.no_crime_rationale.clone().unwrap_or_default())}</span> }
                            .into_any()
                    }
                    (None, Some(c)) => view! { <A href=crime_path(c)>"A draft crime was started: open it"</A> }.into_any(),
                    (None, None) => view! { <span>"Not yet made"</span> }.into_any(),
                }}
            </dd>
        </div>
        <div class="summary-list__row">
            <dt class="summary-list__key">"Closing category"</dt>
            <dd class="summary-list__value">
                {i.closing_category.as_deref().map(|c| refdata.with(|d| label_of(d, "incident_closing", c))).unwrap_or_else(|| "Open".to_owned())}
            </dd>
        </div>
    </dl>
    }
}

/// The recording decision: record a crime, or no crime with a rationale.
#[component]
fn RecordingDecision(i: IncidentDto, o: Outcome) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let navigate = use_navigate();
    let Outcome {
        summary,
        errors,
        busy,
        reload,
    } = o;
    let iid = i.id;
    let rationale = RwSignal::new(String::new());
    let e = move |path: &'static str| error_at(errors, path);
    let record = {
        let navigate = navigate.clone();
        let i = i.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let navigate = navigate.clone();
            let req = CreateCrimeRequest {
                crime: CrimeInput {
                    incident_id: Some(i.id),
                    location_id: i.incident.location_id,
                    reported_at: Some(i.clock.reported_at),
                    ..Default::default()
                },
            };
            spawn_local(async move {
                let r = client.create_crime(&req).await;
                let _ = busy.try_set(false);
                match r {
                    Ok(c) => navigate(&crime_path(c.id), Default::default()),
                    Err(e) => {
                        let _ = summary.try_set(vec![ErrorItem::general(e.message())]);
                    }
                }
            });
        }
    };
    let no_crime = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = NoCrimeRequest {
            rationale: rationale.get_untracked().trim().to_owned(),
        };
        if req.rationale.chars().count() < MIN_RATIONALE_CHARS {
            let fe = FieldError::new(
                "rationale",
                "too_short",
                format!("Write the rationale for not recording a crime (at least {MIN_RATIONALE_CHARS} characters)"),
            );
            summary.set(items_for(std::slice::from_ref(&fe), &["rationale"], fid));
            errors.set(vec![fe]);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let r = client.no_crime(iid, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => reload.update(|n| *n += 1),
                Err(e) => {
                    let (f, items) = problems_from(&e, &["rationale"], fid);
                    let _ = errors.try_set(f);
                    let _ = summary.try_set(items);
                }
            }
        });
    };
    view! {
        <section class="section" id="ncrs-decision" aria-labelledby="ncrs-title">
            <h2 class="heading-l" id="ncrs-title">
                "Recording decision"
            </h2>
            <p class="body">
                "On the balance of probabilities, do the circumstances amount to a crime in law, with no credible evidence to the contrary?"
            </p>
            <button type="button" class="button" id="record-crime" aria-disabled=move || busy.get().to_string() on:click=record>
                "Yes: record a crime"
            </button>
            <details class="details">
                <summary class="details__summary" id="no-crime">
                    "No: do not record a crime"
                </summary>
                <form novalidate id="no-crime-form" on:submit=no_crime>
                    <TextArea
                        id="incident-rationale"
                        label="Rationale for not recording a crime"
                        hint="Why the circumstances do not amount to a crime, or the credible evidence to the contrary."
                        value=rationale
                        error=e("rationale")
                    />
                    <button type="submit" class="button button--secondary" id="no-crime-submit">
                        "Record the decision: no crime"
                    </button>
                </form>
            </details>
        </section>
    }
}

/// Closing the incident.
#[component]
fn CloseIncident(iid: Uuid, o: Outcome) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let refdata = use_reference_data();
    let Outcome {
        summary,
        errors,
        reload,
        ..
    } = o;
    let closing = RwSignal::new(String::new());
    let e = move |path: &'static str| error_at(errors, path);
    let closings = Signal::derive(move || refdata.with(|d| choices(d, "incident_closing")));
    let close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = CloseIncidentRequest {
            closing_category: closing.get_untracked(),
        };
        if req.closing_category.is_empty() {
            let fe = FieldError::new("closing_category", "required", "Choose the closing category");
            summary.set(items_for(std::slice::from_ref(&fe), &["closing_category"], fid));
            errors.set(vec![fe]);
            return;
        }
        spawn_local(async move {
            match client.close_incident(iid, &req).await {
                Ok(_) => reload.update(|n| *n += 1),
                Err(e) => {
                    let (f, items) = problems_from(&e, &["closing_category"], fid);
                    let _ = errors.try_set(f);
                    let _ = summary.try_set(items);
                }
            }
        });
    };
    view! {
        <section class="section" id="close-incident" aria-labelledby="close-title">
            <h2 class="heading-m" id="close-title">
                "Close the incident"
            </h2>
            <form novalidate class="inline-fields" on:submit=close>
                <SelectField
                    id="incident-closing-category"
                    label="Closing category"
                    value=closing
                    options=closings
                    error=e("closing_category")
                    empty="Choose"
                />
                <button type="submit" class="button button--secondary" id="close-incident-submit">
                    "Close"
                </button>
            </form>
        </section>
    }
}

#[component]
pub(super) fn IncidentView(incident: IncidentDto, reload: RwSignal<u32>) -> impl IntoView {
    set_document_title(&incident.reference);
    let o = Outcome {
        summary: RwSignal::new(Vec::new()),
        errors: RwSignal::new(Vec::new()),
        busy: RwSignal::new(false),
        reload,
    };
    let i = incident;
    let decided = i.decision.is_some();
    view! {
        <p class="caption">"Incident"</p>
        <h1 class="heading-xl" id="incident-reference">
            {i.reference.clone()}
        </h1>
        <ErrorSummary items=o.summary id="incident-error-summary" />
        <IncidentFacts i=i.clone() />
        {(!decided && i.crime_id.is_none()).then(|| view! { <RecordingDecision i=i.clone() o=o /> })}
        {i.closing_category.is_none().then(|| view! { <CloseIncident iid=i.id o=o /> })}
    }
}
