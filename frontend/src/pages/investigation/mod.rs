//! The Investigation module: `/investigation` (my work and the queues), the retail-theft path,
//! incidents and the crime page.

pub mod crime;
pub mod incident;
pub mod shoplifting;
mod victim;

use crate::api::AuthClient;
use crate::components::loader::{load, loaded};
use crate::components::module_page::ModulePage;
use crate::components::permissions::can;
use crate::components::record::{choices, label_of, use_reference_data};
use crate::components::time::{local_time, relative};
use crate::routes::{crime_path, incident_path, report_path, Page};
use crate::session::use_session;
use bluelamp_shared::admin::units::UnitKind;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::investigation::tasks::{MyWork, WorkKind};
use bluelamp_shared::investigation::{
    CancellationDecision, CancellationDto, CrimeState, CrimeSummary, IncidentDto, RecordingClock,
};
use bluelamp_shared::reference::ReferenceData;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

/// Where a crime may be allocated: the force's open teams and units ("Name (CODE)"), then the unit
/// queues of the `investigation_unit` list. A user who may not list the force's units sees the
/// queues only.
pub(crate) fn allocation_units() -> Signal<Vec<(String, String)>> {
    let refdata = use_reference_data();
    let client = AuthClient::new(use_session());
    let teams = load(
        RwSignal::new(0),
        move || async move { client.force_units().await },
    );
    Signal::derive(move || {
        let mut all: Vec<(String, String)> = teams.with(|t| match t {
            Some(Ok(units)) => units
                .iter()
                .filter(|u| u.active && u.kind != UnitKind::Station)
                .map(|u| (u.code.clone(), format!("{} ({})", u.name, u.code)))
                .collect(),
            _ => Vec::new(),
        });
        all.extend(refdata.with(|d| choices(d, "investigation_unit")));
        all
    })
}

/// The 24-hour recording clock in words, with a class that makes an overdue clock stand out.
#[component]
pub fn ClockView(
    /// The clock.
    clock: RecordingClock,
) -> impl IntoView {
    let (class, text) = match clock.decided_at {
        Some(d) if clock.late => (
            "clock clock--late",
            format!(
                "Decided late, {} (due {})",
                local_time(d),
                local_time(clock.due_at)
            ),
        ),
        Some(d) => ("clock clock--done", format!("Decided {}", local_time(d))),
        None if clock.overdue => (
            "clock clock--overdue",
            format!(
                "Overdue: was due {} ({})",
                local_time(clock.due_at),
                relative(clock.due_at)
            ),
        ),
        None => (
            "clock",
            format!("Due {} ({})", local_time(clock.due_at), relative(clock.due_at)),
        ),
    };
    view! { <span class=class>{text}</span> }
}

/// The label of an outcome type.
pub fn outcome_label(d: &Option<ReferenceData>, code: &str) -> String {
    d.as_ref()
        .and_then(|d| d.outcome_types.iter().find(|o| o.code == code))
        .map(|o| format!("{} – {}", o.code, o.label))
        .unwrap_or_else(|| code.to_owned())
}

fn work_kind_label(k: WorkKind) -> &'static str {
    match k {
        WorkKind::Task => "Task",
        WorkKind::ReturnedCrime => "Returned by supervisor",
        WorkKind::ReviewDue => "Review",
        WorkKind::RecordingDecision => "Recording decision",
        WorkKind::CancellationDue => "Cancellation",
        WorkKind::ReturnedIntelligence => "Intelligence returned with questions",
        WorkKind::IntelligenceToEvaluate => "Intelligence to evaluate",
    }
}

/// `/investigation`: my work, the incidents awaiting a decision, and (by role) the review queue
/// and pending cancellations.
#[component]
pub fn InvestigationPage() -> impl IntoView {
    let can_record = can(Capability::RecordCrime);
    let can_review = can(Capability::ReviewCrime);
    let can_cancel = can(Capability::ApproveCancellations);
    view! {
        <ModulePage page=Page::Investigation>
            <Show when=move || can_record.get()>
                <div class="button-group quick-actions">
                    <A href=Page::Shoplifting.path() attr:class="button" attr:id="record-shoplifting">
                        "Record a shoplifting"
                    </A>
                    <A
                        href=Page::NewIncident.path()
                        attr:class="button button--secondary"
                        attr:id="new-incident"
                    >
                        "New incident"
                    </A>
                </div>
            </Show>
            <MyWorkSection />
            <IncidentQueue />
            <Show when=move || can_review.get()>
                <ReviewQueue />
            </Show>
            <Show when=move || can_cancel.get()>
                <CancellationQueue />
            </Show>
        </ModulePage>
    }
}

#[component]
fn MyWorkSection() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0u32);
    let work = load(reload, move || async move { client.my_work().await });
    view! {
        <section class="section" id="my-work" aria-labelledby="my-work-title">
            <h2 class="heading-l" id="my-work-title">
                "My work"
            </h2>
            {loaded(
                work,
                |w: MyWork| {
                    if w.items.is_empty() {
                        return view! { <p class="body">"Nothing is waiting for you."</p> }.into_any();
                    }
                    view! {
                        <div class="table-wrapper">
                            <table class="table">
                                <thead>
                                    <tr>
                                        <th scope="col">"Kind"</th>
                                        <th scope="col">"What"</th>
                                        <th scope="col">"Record"</th>
                                        <th scope="col">"Due"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {w
                                        .items
                                        .into_iter()
                                        .map(|i| {
                                            let crime = match (i.report_id, i.crime_id, i.incident_id) {
                                                (Some(id), _, _) => {
                                                    view! {
                                                        <A href=report_path(id) attr:class="report-ref">
                                                            "Intelligence report"
                                                        </A>
                                                    }
                                                        .into_any()
                                                }
                                                (None, Some(id), _) => {
                                                    let text = i.crn.clone().unwrap_or_else(|| "Draft crime".to_owned());
                                                    view! { <A href=crime_path(id)>{text}</A> }.into_any()
                                                }
                                                (None, None, Some(id)) => {
                                                    view! { <A href=incident_path(id)>"Incident"</A> }.into_any()
                                                }
                                                _ => view! { <span>"—"</span> }.into_any(),
                                            };
                                            let due = i
                                                .due_at
                                                .map(|d| format!("{} ({})", local_time(d), relative(d)))
                                                .unwrap_or_else(|| "—".to_owned());
                                            view! {
                                                <tr class="work-item" class:overdue=i.overdue>
                                                    <td>{work_kind_label(i.kind)}</td>
                                                    <td>{i.title}</td>
                                                    <td>{crime}</td>
                                                    <td class="table__cell--nowrap">
                                                        {i.overdue.then(|| view! { <strong class="tag tag--overdue">"Overdue"</strong> " " })}
                                                        {due}
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                },
            )}
        </section>
    }
}

#[component]
fn IncidentQueue() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let refdata = use_reference_data();
    let reload = RwSignal::new(0u32);
    let incidents = load(reload, move || async move { client.incidents().await });
    view! {
        <section class="section" id="incident-queue" aria-labelledby="incident-queue-title">
            <h2 class="heading-l" id="incident-queue-title">
                "Incidents awaiting the recording decision"
            </h2>
            <p class="hint">"A crime must be recorded, or a rationale for not recording it written, within 24 hours of the report."</p>
            {loaded(
                incidents,
                move |list: Vec<IncidentDto>| {
                    if list.is_empty() {
                        return view! { <p class="body">"No incidents are waiting."</p> }.into_any();
                    }
                    view! {
                        <div class="table-wrapper">
                            <table class="table">
                                <thead>
                                    <tr>
                                        <th scope="col">"Reference"</th>
                                        <th scope="col">"Opening category"</th>
                                        <th scope="col">"Reported"</th>
                                        <th scope="col">"Decision due"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list
                                        .into_iter()
                                        .map(|i| {
                                            let cat = refdata
                                                .with(|d| label_of(d, "incident_opening", &i.incident.opening_category));
                                            view! {
                                                <tr class="incident-row" class:overdue=i.clock.overdue>
                                                    <td>
                                                        <A href=incident_path(i.id)>{i.reference.clone()}</A>
                                                    </td>
                                                    <td>{cat}</td>
                                                    <td>{local_time(i.clock.reported_at)}</td>
                                                    <td>
                                                        <ClockView clock=i.clock />
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                },
            )}
        </section>
    }
}

#[component]
fn ReviewQueue() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let refdata = use_reference_data();
    let reload = RwSignal::new(0u32);
    let crimes = load(reload, move || async move {
        client
            .crimes(&crate::api::investigation::CrimeFilter {
                state: Some(CrimeState::AwaitingReview),
                ..Default::default()
            })
            .await
    });
    view! {
        <section class="section" id="review-queue" aria-labelledby="review-queue-title">
            <h2 class="heading-l" id="review-queue-title">
                "Crimes awaiting your review"
            </h2>
            {loaded(
                crimes,
                move |list: Vec<CrimeSummary>| {
                    if list.is_empty() {
                        return view! { <p class="body">"No crimes are waiting for review."</p> }.into_any();
                    }
                    view! {
                        <div class="table-wrapper">
                            <table class="table">
                                <thead>
                                    <tr>
                                        <th scope="col">"Crime"</th>
                                        <th scope="col">"Offence"</th>
                                        <th scope="col">"Officer in charge"</th>
                                        <th scope="col">"Proposed outcome"</th>
                                        <th scope="col">"Waiting since"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list
                                        .into_iter()
                                        .map(|c| {
                                            let crn = c.crn.clone().unwrap_or_else(|| "Draft".to_owned());
                                            let oic = c
                                                .officer_in_charge
                                                .as_ref()
                                                .map(|u| format!("{} ({})", u.display_name, u.collar_number))
                                                .unwrap_or_else(|| "—".to_owned());
                                            let outcome = c
                                                .proposed_outcome
                                                .as_deref()
                                                .map(|o| refdata.with(|d| outcome_label(d, o)))
                                                .unwrap_or_else(|| "—".to_owned());
                                            view! {
                                                <tr class="review-row" data-crime-id=c.id.to_string()>
                                                    <td>
                                                        <A href=crime_path(c.id) attr:class="crn">{crn}</A>
                                                    </td>
                                                    <td>{c.offence_label.clone().unwrap_or_default()}</td>
                                                    <td>{oic}</td>
                                                    <td>{outcome}</td>
                                                    <td>{local_time(c.state_since)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                },
            )}
        </section>
    }
}

#[component]
fn CancellationQueue() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0u32);
    let pending = load(reload, move || async move { client.cancellations().await });
    let message = RwSignal::new(None::<String>);
    let decide = move |id: Uuid, approve: bool, comment: String| {
        if !approve && comment.trim().is_empty() {
            message.set(Some("Give a comment when refusing a cancellation".to_owned()));
            return;
        }
        spawn_local(async move {
            match client
                .decide_cancellation(id, &CancellationDecision { approve, comment })
                .await
            {
                Ok(_) => {
                    let _ = message.try_set(Some(if approve {
                        "Cancellation approved: the crime is cancelled.".to_owned()
                    } else {
                        "Cancellation refused.".to_owned()
                    }));
                    reload.update(|n| *n += 1);
                }
                Err(e) => {
                    let _ = message.try_set(Some(e.message()));
                }
            }
        });
    };
    view! {
        <section class="section" id="cancellations" aria-labelledby="cancellations-title">
            <h2 class="heading-l" id="cancellations-title">
                "Cancellations awaiting your decision"
            </h2>
            <p class="body" role="status">
                {move || message.get()}
            </p>
            {loaded(
                pending,
                move |list: Vec<CancellationDto>| {
                    if list.is_empty() {
                        return view! { <p class="body">"No cancellations are waiting."</p> }.into_any();
                    }
                    list.into_iter()
                        .map(|c| {
                            let comment = RwSignal::new(String::new());
                            let comment_id = format!("cancellation-{}-comment", c.id);
                            let id = c.id;
                            view! {
                                <div class="row-group cancellation" data-cancellation-id=c.id.to_string()>
                                    <p class="body">
                                        <A href=crime_path(c.crime_id)>"Open the crime"</A>
                                        {format!(
                                            " · asked by {} ({}) {}",
                                            c.requested_by.display_name,
                                            c.requested_by.collar_number,
                                            local_time(c.requested_at),
                                        )}
                                    </p>
                                    <dl class="summary-list">
                                        <div class="summary-list__row">
                                            <dt class="summary-list__key">"Reason"</dt>
                                            <dd class="summary-list__value">{c.request.reason.clone()}</dd>
                                        </div>
                                        <div class="summary-list__row">
                                            <dt class="summary-list__key">"Additional verifiable information"</dt>
                                            <dd class="summary-list__value">{c.request.additional_information.clone()}</dd>
                                        </div>
                                    </dl>
                                    <crate::components::field::TextField
                                        id=comment_id
                                        label="Comment (required to refuse)"
                                        value=comment
                                        error=Signal::derive(|| None::<String>)
                                    />
                                    <div class="button-group">
                                        <button
                                            type="button"
                                            class="button"
                                            data-testid="approve-cancellation"
                                            on:click=move |_| decide(id, true, comment.get_untracked())
                                        >
                                            "Approve cancellation"
                                        </button>
                                        <button
                                            type="button"
                                            class="button button--warning"
                                            data-testid="refuse-cancellation"
                                            on:click=move |_| decide(id, false, comment.get_untracked())
                                        >
                                            "Refuse"
                                        </button>
                                    </div>
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any()
                },
            )}
        </section>
    }
}
