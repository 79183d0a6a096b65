//! The classification history of a crime with reclassification, and asking for its
//! cancellation.

use super::{classification_of, offence_choices, CrimeCtx};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::permissions::can;
use crate::components::record::{label_of, use_reference_data};
use crate::components::section::Section;
use crate::components::table::ScrollTable;
use crate::components::time::local_time;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::{CancellationRequest, CrimeState, ReclassifyRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

#[component]
pub(super) fn Classifications(ctx: CrimeCtx) -> impl IntoView {
    let refdata = use_reference_data();
    let offence = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let o = offence.get_untracked();
        let req = ReclassifyRequest {
            classification: refdata
                .with_untracked(|d| classification_of(d, &o))
                .unwrap_or_default(),
            offence: o,
            reason: reason.get_untracked().trim().to_owned(),
        };
        let mut problems = Vec::new();
        if req.offence.is_empty() {
            problems.push(FieldError::new("offence", "required", "Choose the new offence"));
        }
        if req.reason.is_empty() {
            problems.push(FieldError::new(
                "reason",
                "required",
                "Give the new information that changes the classification",
            ));
        }
        if !problems.is_empty() {
            ctx.invalid("reclassify", &problems);
            return;
        }
        let id = ctx.id();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.reclassify(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(c) => {
                    let _ = reason.try_set(String::new());
                    ctx.saved(Some(c), "Crime reclassified.")
                }
                Err(e) => ctx.fail("reclassify", e),
            }
        });
    };
    let offences = Signal::derive(move || refdata.with(offence_choices));
    let can_reclassify = move || ctx.with(|c| c.state.is_open() && c.state != CrimeState::Draft);
    view! {
        <Section id="classifications" title="Classification history">
            {move || {
                let list = ctx.with(|c| c.classifications.clone());
                if list.is_empty() {
                    return view! { <p class="body">"Not yet classified."</p> }.into_any();
                }
                view! {
                    <ScrollTable id="classifications-table" caption="Classification history">
                        <thead>
                            <tr>
                                <th scope="col">"When"</th>
                                <th scope="col">"Offence"</th>
                                <th scope="col">"Classification"</th>
                                <th scope="col">"Why"</th>
                                <th scope="col">"By"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|c| {
                                    let off = refdata.with(|d| {
                                        d.as_ref()
                                            .and_then(|d| d.offences.iter().find(|o| o.code == c.offence))
                                            .map(|o| o.label.clone())
                                            .unwrap_or_else(|| c.offence.clone())
                                    });
                                    let class = refdata.with(|d| label_of(d, "ho_classification", &c.classification));
                                    view! {
                                        <tr>
                                            <td>{local_time(c.at)}</td>
                                            <td>{off}</td>
                                            <td>{class}</td>
                                            <td>{if c.reason.is_empty() { "First classification".to_owned() } else { c.reason.clone() }}</td>
                                            <td>{format!("{} ({})", c.by.display_name, c.by.collar_number)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </ScrollTable>
                }
                    .into_any()
            }}
            <Show when=can_reclassify>
                <details class="details">
                    <summary class="details__summary">"Reclassify"</summary>
                    <form novalidate id="reclassify-form" on:submit=add>
                        <SelectField id="reclassify-offence" label="New offence" value=offence options=offences error=ctx.err("reclassify-offence") empty="Choose" />
                        <p class="small">
                            {move || {
                                let o = offence.get();
                                refdata
                                    .with(|d| classification_of(d, &o).map(|c| format!("Counts under classification {}", label_of(d, "ho_classification", &c))))
                            }}
                        </p>
                        <TextArea id="reclassify-reason" label="The new information" value=reason error=ctx.err("reclassify-reason") rows=2 />
                        <button type="submit" class="button button--secondary" id="reclassify-submit" aria-disabled=move || busy.get().to_string()>
                            "Reclassify"
                        </button>
                    </form>
                </details>
            </Show>
        </Section>
    }
}

/// Decides on cancellation request `cid` (the force crime registrar).
fn decide_cancellation(ctx: CrimeCtx, cid: Uuid, approve: bool) {
    spawn_local(async move {
        let req = bluelamp_shared::investigation::CancellationDecision {
            approve,
            comment: if approve {
                String::new()
            } else {
                "Refused: the additional verifiable information does not show the crime should be cancelled"
                    .to_owned()
            },
        };
        match ctx.client.decide_cancellation(cid, &req).await {
            Ok(_) => ctx.saved(
                None,
                if approve {
                    "Cancellation approved."
                } else {
                    "Cancellation refused."
                },
            ),
            Err(e) => ctx.fail("cancellation", e),
        }
    });
}

/// The cancellations asked for, each with its status (and the registrar's decision buttons).
#[component]
fn CancellationList(ctx: CrimeCtx) -> impl IntoView {
    let registrar = can(Capability::ApproveCancellations);
    let decide = move |cid: Uuid, approve: bool| decide_cancellation(ctx, cid, approve);
    move || {
        ctx.with(|c| c.cancellations.clone())
            .into_iter()
            .map(|x| {
                let status = match x.approved {
                    None => "Waiting for the force crime registrar".to_owned(),
                    Some(true) => format!("Approved{}", x.decided_by.as_ref().map(|u| format!(" by {}", u.display_name)).unwrap_or_default()),
                    Some(false) => format!("Refused: {}", x.comment.clone().unwrap_or_default()),
                };
                let pending = x.approved.is_none();
                let cid = x.id;
                view! {
                    <div class="row-group cancellation" data-cancellation-id=x.id.to_string()>
                        <p class="body">
                            <strong>{status}</strong>
                            {format!(" · asked by {} {}", x.requested_by.display_name, local_time(x.requested_at))}
                        </p>
                        <p class="small">{format!("Reason: {}", x.request.reason)}</p>
                        <p class="small">{format!("Additional verifiable information: {}", x.request.additional_information)}</p>
                        {(pending && registrar.get())
                            .then(|| {
                                view! {
                                    <div class="button-group">
                                        <button type="button" class="button" data-testid="approve-cancellation" on:click=move |_| decide(cid, true)>
                                            "Approve cancellation"
                                        </button>
                                        <button type="button" class="button button--warning" data-testid="refuse-cancellation" on:click=move |_| decide(cid, false)>
                                            "Refuse"
                                        </button>
                                    </div>
                                }
                            })}
                    </div>
                }
            })
            .collect_view()
    }
}

/// The form asking for the crime to be cancelled.
#[component]
fn AskCancellation(ctx: CrimeCtx) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let info = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = CancellationRequest {
            reason: reason.get_untracked().trim().to_owned(),
            additional_information: info.get_untracked().trim().to_owned(),
        };
        let problems = bluelamp_shared::investigation::check_cancellation(&req);
        if !problems.is_empty() {
            ctx.invalid("cancellation", &problems);
            return;
        }
        let id = ctx.id();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.request_cancellation(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => {
                    let _ = reason.try_set(String::new());
                    let _ = info.try_set(String::new());
                    ctx.saved(
                        None,
                        "Cancellation asked for: the force crime registrar will decide.",
                    )
                }
                Err(e) => ctx.fail("cancellation", e),
            }
        });
    };
    view! {
        <details class="details">
            <summary class="details__summary">"Ask for this crime to be cancelled"</summary>
            <form novalidate id="cancellation-form" on:submit=add>
                <TextField id="cancellation-reason" label="Why it should be cancelled" value=reason error=ctx.err("cancellation-reason") />
                <TextArea
                    id="cancellation-additional-information"
                    label="Additional verifiable information"
                    hint="What shows the crime did not happen, was recorded twice or elsewhere (at least 20 characters)."
                    value=info
                    error=ctx.err("cancellation-additional-information")
                    rows=3
                />
                <button type="submit" class="button button--warning" id="cancellation-submit" aria-disabled=move || busy.get().to_string()>
                    "Ask the force crime registrar"
                </button>
            </form>
        </details>
    }
}

#[component]
pub(super) fn Cancellations(ctx: CrimeCtx) -> impl IntoView {
    let can_ask = move || {
        ctx.with(|c| {
            c.state.is_open()
                && c.state != CrimeState::Draft
                && !c.cancellations.iter().any(|x| x.approved.is_none())
        })
    };
    view! {
        <Section id="cancellation" title="Cancellation">
            <CancellationList ctx=ctx />
            <Show when=can_ask>
                <AskCancellation ctx=ctx />
            </Show>
        </Section>
    }
}
