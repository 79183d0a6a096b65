//! `/incidents/new` (open an incident) and `/incidents/{id}` (the incident and its National Crime
//! Recording Standard decision: record a crime, or no crime with a rationale, within 24 hours).

use super::ClockView;
use crate::api::AuthClient;
use crate::components::error_summary::{items_for, problems_from, ErrorItem, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::ids::new_idempotency_key;
use crate::components::loader::{load, loaded};
use crate::components::module_page::ModulePage;
use crate::components::record::{choices, label_of, record_link, use_reference_data};
use crate::components::record_picker::{Picked, RecordPicker};
use crate::components::time::{from_input, local_time, now, to_input};
use crate::routes::{crime_path, incident_path, set_document_title, Page};
use crate::session::use_session;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::{
    check_incident, CloseIncidentRequest, CreateCrimeRequest, CrimeInput, IncidentDto, IncidentInput,
    NcrsDecision, NoCrimeRequest, MIN_RATIONALE_CHARS,
};
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

const ORDER: &[&str] = &[
    "channel",
    "opening_category",
    "qualifiers",
    "summary",
    "reported_at",
    "location_id",
];

fn field_id(path: &str) -> String {
    format!(
        "incident-{}",
        path.split('.').next().unwrap_or(path).replace('_', "-")
    )
}

/// `/incidents/new`.
#[component]
pub fn NewIncidentPage() -> impl IntoView {
    view! {
        <ModulePage page=Page::NewIncident>
            <NewIncidentForm />
        </ModulePage>
    }
}

#[component]
fn NewIncidentForm() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let navigate = use_navigate();
    let refdata = use_reference_data();
    let channel = RwSignal::new(String::new());
    let opening = RwSignal::new(String::new());
    let qualifiers = RwSignal::new(Vec::<String>::new());
    let summary_text = RwSignal::new(String::new());
    let reported = RwSignal::new(to_input(now()));
    let location = RwSignal::new(None::<Picked>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let key = StoredValue::new(new_idempotency_key());
    let last = StoredValue::new(None::<IncidentInput>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
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
        let navigate = navigate.clone();
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
    };
    let e = move |path: &'static str| {
        Signal::derive(move || {
            errors.with(|es| es.iter().find(|e| e.path == path).map(|e| e.message.clone()))
        })
    };
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
                <fieldset class="fieldset">
                    <legend class="fieldset__legend">"Qualifiers"</legend>
                    <div class="checkboxes" id="incident-qualifiers">
                        {move || {
                            refdata
                                .with(|d| choices(d, "incident_qualifier"))
                                .into_iter()
                                .map(|(code, label)| {
                                    let id = format!("incident-qualifier-{code}");
                                    let (c1, c2) = (code.clone(), code.clone());
                                    view! {
                                        <div class="checkboxes__item">
                                            <input
                                                class="checkboxes__input"
                                                type="checkbox"
                                                id=id.clone()
                                                prop:checked=move || qualifiers.with(|q| q.contains(&c1))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    qualifiers.update(|q| {
                                                        q.retain(|x| *x != c2);
                                                        if on {
                                                            q.push(c2.clone());
                                                        }
                                                    })
                                                }
                                            />
                                            <label class="label checkboxes__label" for=id>
                                                {label}
                                            </label>
                                        </div>
                                    }
                                })
                                .collect_view()
                        }}
                    </div>
                </fieldset>
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

/// `/incidents/{id}`: the incident and the recording decision.
#[component]
pub fn IncidentPage() -> impl IntoView {
    set_document_title("Incident");
    let client = AuthClient::new(use_session());
    let id = crate::routes::use_path_id();
    let reload = RwSignal::new(0u32);
    let incident = load(reload, move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => client.incident(id).await,
                None => Err(crate::api::ApiError::Unexpected { status: 404 }),
            }
        }
    });
    view! {
        {loaded(incident, move |i: IncidentDto| view! { <IncidentView incident=i reload=reload /> }.into_any())}
    }
}

#[component]
fn IncidentView(incident: IncidentDto, reload: RwSignal<u32>) -> impl IntoView {
    set_document_title(&incident.reference);
    let client = AuthClient::new(use_session());
    let navigate = use_navigate();
    let refdata = use_reference_data();
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let rationale = RwSignal::new(String::new());
    let closing = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let iid = incident.id;
    let i = incident.clone();
    let fid = |p: &str| format!("incident-{}", p.replace('_', "-"));

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
    let e = move |path: &'static str| {
        Signal::derive(move || {
            errors.with(|es| es.iter().find(|e| e.path == path).map(|e| e.message.clone()))
        })
    };
    let closings = Signal::derive(move || refdata.with(|d| choices(d, "incident_closing")));
    let qualifiers = i
        .incident
        .qualifiers
        .iter()
        .map(|q| refdata.with(|d| label_of(d, "incident_qualifier", q)))
        .collect::<Vec<_>>()
        .join(", ");
    let decided = i.decision.is_some();
    view! {
        <p class="caption">"Incident"</p>
        <h1 class="heading-xl" id="incident-reference">
            {i.reference.clone()}
        </h1>
        <ErrorSummary items=summary id="incident-error-summary" />
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
        {(!decided && i.crime_id.is_none())
            .then(|| {
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
            })}
        {i.closing_category
            .is_none()
            .then(|| {
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
            })}
    }
}
