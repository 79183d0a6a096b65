//! The workflow moves the caller may make now, each with the fields it needs and what it still
//! lacks by the shared rules.

use super::{facts_of, CrimeCtx};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::record::use_reference_data;
use crate::session::{use_session, Session};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::ids::UserId;
use bluelamp_shared::investigation::{
    check_action, recording_requirements, CrimeAction, CrimeState, Refusal, TransitionRequest,
};
use bluelamp_shared::reference::ReferenceData;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Makes move `a` with the inputs as they are (the officer in charge, if given, must be a user id).
fn make_move(ctx: CrimeCtx, w: MoveInputs, busy: RwSignal<bool>, a: CrimeAction) {
    let MoveInputs {
        oic,
        comments,
        note,
        reason,
        ..
    } = w;
    let request = move |a: CrimeAction| w.request(a);
    let oic_bad = move || {
        let s = oic.get();
        !s.trim().is_empty() && s.trim().parse::<UserId>().is_err()
    };
    if busy.get_untracked() {
        return;
    }
    if oic_bad() && a == CrimeAction::Allocate {
        ctx.invalid(
            "transition",
            &[FieldError::new(
                "officer_in_charge",
                "format",
                "Enter the officer's user id, or use the button to allocate to yourself",
            )],
        );
        return;
    }
    let req = untrack(|| request(a));
    let id = ctx.id();
    let version = ctx.version();
    busy.set(true);
    spawn_local(async move {
        let r = ctx.client.transition(id, &req, version).await;
        let _ = busy.try_set(false);
        match r {
            Ok(c) => {
                let _ = comments.try_set(String::new());
                let _ = note.try_set(String::new());
                let _ = reason.try_set(String::new());
                ctx.saved(Some(c), &format!("Done: {}.", a.label().to_lowercase()));
            }
            Err(e) => ctx.fail("transition", e),
        }
    });
}

/// While a draft: what recording the crime still needs.
#[component]
fn RecordingMissing(ctx: CrimeCtx) -> impl IntoView {
    let draft_missing = move || {
        ctx.with(|c| {
            if c.state == CrimeState::Draft {
                recording_requirements(&c.crime, &facts_of(c))
            } else {
                Vec::new()
            }
        })
    };

    move || {
        let m = draft_missing();
        (!m.is_empty()).then(|| {
            view! {
                <div class="notice" id="recording-missing">
                    <p class="body">"To record this crime, it still needs:"</p>
                    <ul class="list list--bullet">
                        {m.into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The moves the caller may make now, each with the fields it needs and, worked out live with
/// the shared rules, what it still lacks.
#[component]
pub(super) fn Workflow(ctx: CrimeCtx) -> impl IntoView {
    let refdata = use_reference_data();
    let session = use_session();
    let w = MoveInputs {
        oic: RwSignal::new(String::new()),
        unit: RwSignal::new(String::new()),
        outcome: RwSignal::new(String::new()),
        comments: RwSignal::new(String::new()),
        note: RwSignal::new(String::new()),
        reason: RwSignal::new(String::new()),
    };
    let busy = RwSignal::new(false);
    // What a move still needs, by the shared rules (approve may keep the proposed outcome).
    let missing = move |a: CrimeAction| missing_for(a, ctx, w, refdata);
    let go = move |a: CrimeAction| make_move(ctx, w, busy, a);
    let outcomes = Signal::derive(move || refdata.with(outcome_options));
    let units = crate::pages::investigation::allocation_units();
    view! {
        <section class="section workflow" id="workflow" aria-labelledby="workflow-title">
            <h2 class="heading-l" id="workflow-title">
                "Next steps"
            </h2>
            <RecordingMissing ctx=ctx />
            {move || {
                ctx.with(|c| c.actions.is_empty())
                    .then(|| view! { <p class="body">"There is nothing for you to do to this crime now."</p> })
            }}
            {move || {
                ctx.with(|c| c.actions.clone())
                    .into_iter()
                    .map(|a| {
                        let fields = action_fields(a, ctx, session, w, units, outcomes);
                        let still = move || {
                            let m: Vec<FieldError> = missing(a)
                                .into_iter()
                                .filter(|e| a != CrimeAction::Record || e.path == "action")
                                .collect();
                            (!m.is_empty())
                                .then(|| {
                                    view! {
                                        <p class="small action__missing">
                                            {format!(
                                                "Still needed: {}",
                                                m.into_iter().map(|e| e.message).collect::<Vec<_>>().join("; "),
                                            )}
                                        </p>
                                    }
                                })
                        };
                        let warning = matches!(a, CrimeAction::Return);
                        view! {
                            <div class="action row-group" data-action=a.as_str()>
                                {fields}
                                {still}
                                <button
                                    type="button"
                                    class="button"
                                    class:button--secondary=warning
                                    id=format!("action-{}", a.as_str())
                                    aria-disabled=move || busy.get().to_string()
                                    on:click=move |_| go(a)
                                >
                                    {a.label()}
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}

/// The outcome types as options, each saying whether it needs an identified suspect.
fn outcome_options(d: &Option<ReferenceData>) -> Vec<(String, String)> {
    d.as_ref()
        .map(|d| {
            d.outcome_types
                .iter()
                .map(|o| {
                    (
                        o.code.clone(),
                        format!(
                            "{} – {}{}",
                            o.code,
                            o.label,
                            if o.requires_suspect {
                                " (needs an identified suspect)"
                            } else {
                                ""
                            }
                        ),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The inputs of the moves (one set for all, as the page has one move form open at a time).
#[derive(Debug, Clone, Copy)]
struct MoveInputs {
    oic: RwSignal<String>,
    unit: RwSignal<String>,
    outcome: RwSignal<String>,
    comments: RwSignal<String>,
    note: RwSignal<String>,
    reason: RwSignal<String>,
}

/// The fields move `a` needs.
fn action_fields(
    a: CrimeAction,
    ctx: CrimeCtx,
    session: Session,
    w: MoveInputs,
    units: Signal<Vec<(String, String)>>,
    outcomes: Signal<Vec<(String, String)>>,
) -> AnyView {
    let me = move || {
        session
            .user()
            .with_untracked(|u| u.as_ref().map(|u| u.id.to_string()))
    };
    match a {
        CrimeAction::Allocate => view! {
            <div class="inline-fields">
                <TextField
                    id="transition-officer-in-charge"
                    label="Officer in charge (user id)"
                    hint="Leave empty to allocate to a unit queue only."
                    value=w.oic
                    error=ctx.err("transition-officer-in-charge")
                />
                <SelectField
                    id="transition-unit"
                    label="Unit queue"
                    value=w.unit
                    options=units
                    error=ctx.err("transition-unit")
                    empty="No unit"
                />
            </div>
            <button
                type="button"
                class="button button--secondary button--small"
                id="allocate-to-me"
                on:click=move |_| w.oic.set(me().unwrap_or_default())
            >
                "Make me the officer in charge"
            </button>
        }
        .into_any(),
        CrimeAction::SubmitForReview | CrimeAction::Approve => {
            let label = if a == CrimeAction::Approve {
                "Outcome (leave as proposed, or change it)"
            } else {
                "Proposed outcome"
            };
            view! {
                <SelectField
                    id="transition-outcome"
                    label=label
                    value=w.outcome
                    options=outcomes
                    error=ctx.err("transition-outcome")
                    empty="Choose"
                />
                <TextArea
                    id=format!("transition-note-{}", a.as_str())
                    label="Note (optional)"
                    value=w.note
                    error=ctx.err(format!("transition-note-{}", a.as_str()))
                    rows=2
                />
            }
            .into_any()
        }
        CrimeAction::Return => view! {
            <TextArea
                id="transition-comments"
                label="What the officer must do"
                hint="Each line becomes a task for the officer in charge."
                value=w.comments
                error=ctx.err("transition-comments")
            />
        }
        .into_any(),
        CrimeAction::Reopen => view! {
            <TextArea
                id="transition-reason"
                label="Why the crime is reopened"
                value=w.reason
                error=ctx.err("transition-reason")
                rows=2
            />
        }
        .into_any(),
        CrimeAction::Record | CrimeAction::StartInvestigation => ().into_any(),
    }
}

impl MoveInputs {
    /// The request for move `a` from what is typed (tracked).
    fn request(&self, a: CrimeAction) -> TransitionRequest {
        let t = |s: RwSignal<String>| Some(s.get().trim().to_owned()).filter(|s| !s.is_empty());
        TransitionRequest {
            action: Some(a),
            officer_in_charge: if a == CrimeAction::Allocate {
                t(self.oic).and_then(|s| s.parse::<UserId>().ok())
            } else {
                None
            },
            unit: if a == CrimeAction::Allocate {
                t(self.unit)
            } else {
                None
            },
            outcome: if matches!(a, CrimeAction::SubmitForReview | CrimeAction::Approve) {
                t(self.outcome)
            } else {
                None
            },
            comments: match a {
                CrimeAction::Return => t(self.comments),
                CrimeAction::SubmitForReview | CrimeAction::Approve => t(self.note),
                _ => None,
            },
            reason: if a == CrimeAction::Reopen {
                t(self.reason)
            } else {
                None
            },
        }
    }
}

/// What move `a` still needs, by the shared rules (approve may keep the proposed outcome).
fn missing_for(
    a: CrimeAction,
    ctx: CrimeCtx,
    w: MoveInputs,
    refdata: Signal<Option<ReferenceData>>,
) -> Vec<FieldError> {
    let mut req = w.request(a);
    ctx.with(|c| {
        if a == CrimeAction::Approve && req.outcome.is_none() {
            req.outcome = c.proposed_outcome.clone();
        }
        let facts = facts_of(c);
        let r = refdata.with(|d| {
            check_action(c.state, &req, &c.crime, &facts, |code| {
                d.as_ref()
                    .and_then(|d| d.outcome_types.iter().find(|o| o.code == code))
                    .map(|o| o.requires_suspect)
            })
        });
        match r {
            Err(Refusal::Missing(e)) => e,
            Err(Refusal::NotAMove { .. }) => {
                vec![FieldError::new("action", "not_a_move", "Not possible from here")]
            }
            Ok(_) => Vec::new(),
        }
    })
}
