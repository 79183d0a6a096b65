//! `/crimes/{id}`: a crime from draft to outcome. The facts, the workflow moves the caller may
//! make now (with what each still needs, worked out with the shared rules before the click),
//! parties, property, exhibits with continuity, victims' care, witness statements, unused material
//! and case files (from `pages::case::on_crime`), tasks, the plan and log, classification history,
//! reclassification and cancellation.

use super::victim::VictimCard;
use super::{outcome_label, ClockView};
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::field::{fid, CheckboxField, SelectField, TextArea, TextField};
use crate::components::loader::{id_page, load_into, RecordFrame};
use crate::components::money::{parse_pounds, pounds};
use crate::components::permissions::can;
use crate::components::record::{choices, label_of, record_link, use_reference_data};
use crate::components::record_picker::{Picked, RecordPicker};
use crate::components::time::{from_input, local_time, now, relative, to_input};
use crate::pages::case::on_crime::{scroll_to_hash, CaseFiles, Statements, UnusedMaterial};
use crate::routes::{incident_path, set_document_title};
use crate::session::use_session;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::ids::UserId;
use bluelamp_shared::investigation::{
    check_action, recording_requirements, AddExhibitRequest, AddLogEntry, AddPartyRequest,
    AddPropertyRequest, CancellationRequest, CrimeAction, CrimeDto, CrimeFacts, CrimeInput, CrimeState,
    LogKind, MoveExhibitRequest, PartyRole, PropertyRole, ReclassifyRequest, Refusal, TransitionRequest,
};
use bluelamp_shared::objects::{ObjectInput, ObjectKind};
use bluelamp_shared::organisations::OrganisationInput;
use bluelamp_shared::people::{CreatePersonRequest, PersonInput, PersonName};
use bluelamp_shared::records::RecordKind;
use bluelamp_shared::reference::ReferenceData;
use bluelamp_shared::tasks::{CompleteTaskRequest, CreateTaskRequest};
use bluelamp_shared::victims::{UpdateEvent, UpdateEventRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

/// What every section of the crime page shares: the crime as last loaded or saved, the page's
/// error summary and inline errors, and a status message.
#[derive(Debug, Clone, Copy)]
pub struct CrimeCtx {
    /// The crime.
    pub crime: RwSignal<Option<CrimeDto>>,
    /// The error summary at the top of the page.
    pub summary: RwSignal<Vec<ErrorItem>>,
    /// Inline errors as (element id, message).
    pub errors: RwSignal<Vec<(String, String)>>,
    /// What just happened ("Task added").
    pub notice: RwSignal<Option<String>>,
    /// Bumped to load the crime again.
    pub reload: RwSignal<u32>,
    /// The API client.
    pub client: AuthClient,
}

impl CrimeCtx {
    /// The crime's id.
    pub fn id(&self) -> Uuid {
        self.crime
            .with_untracked(|c| c.as_ref().map(|c| c.id).unwrap_or_default())
    }

    /// The crime's version (its `ETag`).
    pub fn version(&self) -> i64 {
        self.crime
            .with_untracked(|c| c.as_ref().map(|c| c.meta.version).unwrap_or_default())
    }

    /// Reads the crime (tracked) with `f`, or the default before it is loaded.
    pub fn with<T: Default>(&self, f: impl FnOnce(&CrimeDto) -> T) -> T {
        self.crime.with(|c| c.as_ref().map(f).unwrap_or_default())
    }

    /// The inline error of the element `id`.
    pub fn err(&self, id: impl Into<String>) -> Signal<Option<String>> {
        let id = id.into();
        let errors = self.errors;
        Signal::derive(move || errors.with(|es| es.iter().find(|(i, _)| *i == id).map(|(_, m)| m.clone())))
    }

    /// Shows problems found before sending (paths of the form with `prefix`).
    pub fn invalid(&self, prefix: &str, problems: &[FieldError]) {
        let items: Vec<(String, String)> = problems
            .iter()
            .map(|e| (fid(prefix, &e.path), e.message.clone()))
            .collect();
        self.summary.set(
            items
                .iter()
                .map(|(i, m)| ErrorItem::field(i.clone(), m.clone()))
                .collect(),
        );
        self.errors.set(items);
        self.notice.set(None);
    }

    /// Shows a failed call: field errors against the form's fields, 412 with the crime as now saved.
    pub fn fail(&self, prefix: &str, e: ApiError) {
        if let ApiError::Problem(p) = &e {
            if p.code == ErrorCode::PreconditionFailed {
                match p
                    .current
                    .clone()
                    .and_then(|v| serde_json::from_value::<CrimeDto>(v).ok())
                {
                    Some(c) => {
                        let _ = self.crime.try_set(Some(c));
                    }
                    None => self.reload.update(|n| *n += 1),
                }
                let _ = self.summary.try_set(vec![ErrorItem::general(
                    "Someone else saved this crime while you were working on it. The page now shows their changes: check them and try again.",
                )]);
                let _ = self.errors.try_set(Vec::new());
                return;
            }
        }
        let fields = e.field_errors().to_vec();
        if fields.is_empty() {
            let _ = self.summary.try_set(vec![ErrorItem::general(e.message())]);
            let _ = self.errors.try_set(Vec::new());
        } else {
            self.invalid(prefix, &fields);
        }
    }

    /// A write worked: the crime as saved (if the call answered it), and a message.
    pub fn saved(&self, crime: Option<CrimeDto>, message: &str) {
        match crime {
            Some(c) => {
                let _ = self.crime.try_set(Some(c));
            }
            None => self.reload.update(|n| *n += 1),
        }
        let _ = self.summary.try_set(Vec::new());
        let _ = self.errors.try_set(Vec::new());
        let _ = self.notice.try_set(Some(message.to_owned()));
    }
}

/// The facts the workflow rules need, from the crime as shown.
pub fn facts_of(c: &CrimeDto) -> CrimeFacts {
    CrimeFacts {
        victims: c.parties.iter().filter(|p| p.role == PartyRole::Victim).count() as u32,
        identified_suspects: c
            .parties
            .iter()
            .filter(|p| matches!(p.role, PartyRole::Suspect | PartyRole::Offender) && p.record.is_some())
            .count() as u32,
        allocated: c.officer_in_charge.is_some() || c.unit.is_some(),
    }
}

fn role_label(r: PartyRole) -> &'static str {
    match r {
        PartyRole::Victim => "Victims",
        PartyRole::Witness => "Witnesses",
        PartyRole::Suspect => "Suspects",
        PartyRole::Offender => "Offenders",
        PartyRole::PersonReporting => "Person reporting",
    }
}

fn offence_choices(d: &Option<ReferenceData>) -> Vec<(String, String)> {
    d.as_ref()
        .map(|d| {
            d.offences
                .iter()
                .map(|o| (o.code.clone(), o.label.clone()))
                .collect()
        })
        .unwrap_or_default()
}

fn classification_of(d: &Option<ReferenceData>, offence: &str) -> Option<String> {
    d.as_ref()
        .and_then(|d| d.offences.iter().find(|o| o.code == offence))
        .map(|o| o.classification.clone())
}

fn fact(key: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{key}</dt>
            <dd class="summary-list__value">{value}</dd>
        </div>
    }
}

fn user_text(u: &Option<bluelamp_shared::investigation::UserRef>) -> String {
    u.as_ref()
        .map(|u| format!("{} ({})", u.display_name, u.collar_number))
        .unwrap_or_else(|| "—".to_owned())
}

/// `/crimes/{id}`.
#[component]
pub fn CrimePage() -> impl IntoView {
    id_page(
        "Crime",
        "Crime",
        "There is no such crime.",
        |id| view! { <CrimeLoader id=id /> },
    )
}

#[component]
fn CrimeLoader(id: Uuid) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let ctx = CrimeCtx {
        crime: RwSignal::new(None),
        summary: RwSignal::new(Vec::new()),
        errors: RwSignal::new(Vec::new()),
        notice: RwSignal::new(None),
        reload: RwSignal::new(0),
        client,
    };
    let failed = RwSignal::new(None::<ApiError>);
    load_into(Some(ctx.reload), ctx.crime, failed, move || async move {
        client.crime(id).await
    });
    let loaded = Memo::new(move |_| ctx.crime.with(Option::is_some));
    view! {
        <RecordFrame title="Crime" not_found="There is no such crime." loaded=loaded failed=failed>
            <CrimeView ctx=ctx />
        </RecordFrame>
    }
}

#[component]
fn CrimeView(ctx: CrimeCtx) -> impl IntoView {
    let refdata = use_reference_data();
    let state = move || ctx.with(|c| Some(c.state)).unwrap_or(CrimeState::Draft);
    let open = move || state().is_open();
    let title = move || {
        ctx.with(|c| c.crn.clone())
            .unwrap_or_else(|| "Draft crime".to_owned())
    };
    Effect::new(move |_| set_document_title(&title()));
    // A link to a section (`/crimes/{id}#statements`) lands on it once the crime is shown.
    scroll_to_hash();
    view! {
        <p class="caption">"Crime"</p>
        <h1 class="heading-xl">
            <span id="crime-crn">{title}</span>
            " "
            <strong class="tag tag--state" id="crime-state" data-state=move || state().as_str()>
                {move || state().label()}
            </strong>
        </h1>
        <p class="small" id="crime-notice" role="status">
            {move || ctx.notice.get()}
        </p>
        <ErrorSummary items=ctx.summary id="crime-error-summary" />
        <dl class="summary-list" id="crime-facts">
            {fact("Offence", move || ctx.with(|c| c.offence_label.clone()).unwrap_or_else(|| "—".to_owned()))}
            {fact(
                "Classification",
                move || ctx.with(|c| c.classification_label.clone()).unwrap_or_else(|| "—".to_owned()),
            )}
            {fact(
                "When",
                move || {
                    ctx.with(|c| match (c.crime.offence_from, c.crime.offence_to) {
                        (Some(f), Some(t)) if t != f => format!("{} to {}", local_time(f), local_time(t)),
                        (Some(f), _) => local_time(f),
                        _ => "—".to_owned(),
                    })
                },
            )}
            {fact(
                "Where",
                move || {
                    ctx.with(|c| c.location.as_ref().map(record_link))
                        .unwrap_or_else(|| view! { <span>"—"</span> }.into_any())
                },
            )}
            {fact("Recording decision", move || ctx.with(|c| Some(view! { <ClockView clock=c.clock /> })))}
            {fact("Officer in charge", move || ctx.with(|c| user_text(&c.officer_in_charge)))}
            {fact(
                "Unit",
                move || {
                    ctx.with(|c| c.unit.clone())
                        .map(|u| refdata.with(|d| label_of(d, "investigation_unit", &u)))
                        .unwrap_or_else(|| "—".to_owned())
                },
            )}
            {fact(
                "Outcome",
                move || {
                    ctx.with(|c| match (&c.outcome, &c.proposed_outcome) {
                        (Some(o), _) => refdata.with(|d| outcome_label(d, o)),
                        (None, Some(p)) => format!("Proposed: {}", refdata.with(|d| outcome_label(d, p))),
                        _ => "—".to_owned(),
                    })
                },
            )}
            {fact(
                "Incident",
                move || {
                    ctx.with(|c| c.crime.incident_id)
                        .map(|i| view! { <A href=incident_path(i)>"Open the incident"</A> }.into_any())
                        .unwrap_or_else(|| view! { <span>"—"</span> }.into_any())
                },
            )}
            {fact(
                "Modus operandi",
                move || ctx.with(|c| c.crime.modus_operandi.clone()),
            )}
        </dl>
        {move || {
            ctx.with(|c| c.returned_comments.clone())
                .map(|r| {
                    view! {
                        <div class="banner" id="returned-comments">
                            <p class="banner__body">"Returned by the supervisor:"</p>
                            <p class="body pre-line">{r}</p>
                        </div>
                    }
                })
        }}
        <Workflow ctx=ctx />
        <Show when=open>
            <Details ctx=ctx />
        </Show>
        <Parties ctx=ctx />
        <Property ctx=ctx />
        <Exhibits ctx=ctx />
        <section class="section" id="victims" aria-labelledby="victims-title">
            <h2 class="heading-l" id="victims-title">
                "Victims' care"
            </h2>
            {move || {
                ctx.with(|c| c.victims.is_empty())
                    .then(|| view! { <p class="body">"No victims are recorded yet."</p> })
            }}
            <For
                each=move || ctx.with(|c| c.victims.clone())
                key=|v| (v.id, v.version, v.contacts.len(), v.dash.len(), v.referral.is_some())
                let:victim
            >
                <VictimCard ctx=ctx victim=victim />
            </For>
        </section>
        <Statements ctx=ctx />
        <UnusedMaterial ctx=ctx />
        <CaseFiles ctx=ctx />
        <Tasks ctx=ctx />
        <Log ctx=ctx />
        <Classifications ctx=ctx />
        <Cancellations ctx=ctx />
    }
}

/// The moves the caller may make now, each with the fields it needs and, worked out live with
/// the shared rules, what it still lacks.
#[component]
fn Workflow(ctx: CrimeCtx) -> impl IntoView {
    let refdata = use_reference_data();
    let session = use_session();
    let oic = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let comments = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let me = move || {
        session
            .user()
            .with_untracked(|u| u.as_ref().map(|u| u.id.to_string()))
    };

    let request = move |a: CrimeAction| {
        let t = |s: RwSignal<String>| Some(s.get().trim().to_owned()).filter(|s| !s.is_empty());
        TransitionRequest {
            action: Some(a),
            officer_in_charge: if a == CrimeAction::Allocate {
                t(oic).and_then(|s| s.parse::<UserId>().ok())
            } else {
                None
            },
            unit: if a == CrimeAction::Allocate { t(unit) } else { None },
            outcome: if matches!(a, CrimeAction::SubmitForReview | CrimeAction::Approve) {
                t(outcome)
            } else {
                None
            },
            comments: match a {
                CrimeAction::Return => t(comments),
                CrimeAction::SubmitForReview | CrimeAction::Approve => t(note),
                _ => None,
            },
            reason: if a == CrimeAction::Reopen { t(reason) } else { None },
        }
    };
    // What a move still needs, by the shared rules (approve may keep the proposed outcome).
    let missing = move |a: CrimeAction| -> Vec<FieldError> {
        let mut req = request(a);
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
    };
    let oic_bad = move || {
        let s = oic.get();
        !s.trim().is_empty() && s.trim().parse::<UserId>().is_err()
    };
    let go = move |a: CrimeAction| {
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
    };
    let outcomes = Signal::derive(move || {
        refdata.with(|d| {
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
        })
    });
    let units = Signal::derive(move || refdata.with(|d| choices(d, "investigation_unit")));
    let draft_missing = move || {
        ctx.with(|c| {
            if c.state == CrimeState::Draft {
                recording_requirements(&c.crime, &facts_of(c))
            } else {
                Vec::new()
            }
        })
    };

    view! {
        <section class="section workflow" id="workflow" aria-labelledby="workflow-title">
            <h2 class="heading-l" id="workflow-title">
                "Next steps"
            </h2>
            {move || {
                let m = draft_missing();
                (!m.is_empty())
                    .then(|| {
                        view! {
                            <div class="notice" id="recording-missing">
                                <p class="body">"To record this crime, it still needs:"</p>
                                <ul class="list list--bullet">
                                    {m.into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            {move || {
                ctx.with(|c| c.actions.is_empty())
                    .then(|| view! { <p class="body">"There is nothing for you to do to this crime now."</p> })
            }}
            {move || {
                ctx.with(|c| c.actions.clone())
                    .into_iter()
                    .map(|a| {
                        let fields = match a {
                            CrimeAction::Allocate => view! {
                                <div class="inline-fields">
                                    <TextField
                                        id="transition-officer-in-charge"
                                        label="Officer in charge (user id)"
                                        hint="Leave empty to allocate to a unit queue only."
                                        value=oic
                                        error=ctx.err("transition-officer-in-charge")
                                    />
                                    <SelectField
                                        id="transition-unit"
                                        label="Unit queue"
                                        value=unit
                                        options=units
                                        error=ctx.err("transition-unit")
                                        empty="No unit"
                                    />
                                </div>
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    id="allocate-to-me"
                                    on:click=move |_| oic.set(me().unwrap_or_default())
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
                                        value=outcome
                                        options=outcomes
                                        error=ctx.err("transition-outcome")
                                        empty="Choose"
                                    />
                                    <TextArea
                                        id=format!("transition-note-{}", a.as_str())
                                        label="Note (optional)"
                                        value=note
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
                                    value=comments
                                    error=ctx.err("transition-comments")
                                />
                            }
                                .into_any(),
                            CrimeAction::Reopen => view! {
                                <TextArea
                                    id="transition-reason"
                                    label="Why the crime is reopened"
                                    value=reason
                                    error=ctx.err("transition-reason")
                                    rows=2
                                />
                            }
                                .into_any(),
                            CrimeAction::Record | CrimeAction::StartInvestigation => ().into_any(),
                        };
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

/// The crime's details (`PUT /crimes/{id}` with `If-Match`). Classification and offence are
/// chosen here while a draft; afterwards they change only by reclassification.
#[component]
fn Details(ctx: CrimeCtx) -> impl IntoView {
    let refdata = use_reference_data();
    let loaded = ctx.crime.get_untracked().map(|c| c.crime).unwrap_or_default();
    let location0 = ctx.crime.get_untracked().and_then(|c| c.location);
    let offence = RwSignal::new(loaded.offence.clone().unwrap_or_default());
    let classification = RwSignal::new(loaded.classification.clone().unwrap_or_default());
    let from = RwSignal::new(loaded.offence_from.map(to_input).unwrap_or_default());
    let to = RwSignal::new(loaded.offence_to.map(to_input).unwrap_or_default());
    let mo = RwSignal::new(loaded.modus_operandi.clone());
    let domestic = RwSignal::new(loaded.domestic_abuse);
    let strands = RwSignal::new(loaded.hate_strands.clone());
    let location = RwSignal::new(location0.map(|l| Picked {
        id: l.record.id,
        label: l.label,
        kind: RecordKind::Location,
    }));
    let busy = RwSignal::new(false);
    let draft = move || ctx.with(|c| c.state == CrimeState::Draft);
    // Choosing the offence sets the classification it counts under.
    Effect::new(move |prev: Option<String>| {
        let o = offence.get();
        if prev.is_some_and(|p| p != o) {
            if let Some(c) = refdata.with_untracked(|d| classification_of(d, &o)) {
                classification.set(c);
            }
        }
        o
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let mut problems = Vec::new();
        let read = |s: RwSignal<String>, path: &str, problems: &mut Vec<FieldError>| {
            let t = s.get_untracked();
            if t.trim().is_empty() {
                return None;
            }
            let r = from_input(&t);
            if r.is_none() {
                problems.push(FieldError::new(path, "format", "Enter a real date and time"));
            }
            r
        };
        let mut input = ctx.crime.get_untracked().map(|c| c.crime).unwrap_or_default();
        let opt = |s: RwSignal<String>| Some(s.get_untracked()).filter(|s| !s.trim().is_empty());
        input = CrimeInput {
            classification: opt(classification),
            offence: opt(offence),
            offence_from: read(from, "offence_from", &mut problems),
            offence_to: read(to, "offence_to", &mut problems),
            location_id: location.get_untracked().map(|l| l.id),
            modus_operandi: mo.get_untracked().trim().to_owned(),
            domestic_abuse: domestic.get_untracked(),
            hate_strands: strands.get_untracked(),
            ..input
        };
        problems.extend(bluelamp_shared::investigation::check_crime(&input, now()));
        if !problems.is_empty() {
            ctx.invalid("crime", &problems);
            return;
        }
        let (id, version) = (ctx.id(), ctx.version());
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.update_crime(id, &input, version).await;
            let _ = busy.try_set(false);
            match r {
                Ok(c) => ctx.saved(Some(c), "Details saved."),
                Err(e) => ctx.fail("crime", e),
            }
        });
    };
    let offences = Signal::derive(move || refdata.with(offence_choices));
    let classifications = Signal::derive(move || refdata.with(|d| choices(d, "ho_classification")));
    let strand_choices = move || refdata.with(|d| choices(d, "hate_strand"));
    view! {
        <section class="section" id="details" aria-labelledby="details-title">
            <h2 class="heading-l" id="details-title">
                "Details"
            </h2>
            <form novalidate id="crime-form" on:submit=save>
                <Show when=draft>
                    <div class="inline-fields">
                        <SelectField
                            id="crime-offence"
                            label="Offence"
                            value=offence
                            options=offences
                            error=ctx.err("crime-offence")
                            empty="Choose"
                        />
                        <SelectField
                            id="crime-classification"
                            label="Home Office classification"
                            value=classification
                            options=classifications
                            error=ctx.err("crime-classification")
                            empty="Choose"
                        />
                    </div>
                </Show>
                <div class="inline-fields">
                    <TextField
                        id="crime-offence-from"
                        label="When (from)"
                        input_type="datetime-local"
                        value=from
                        error=ctx.err("crime-offence-from")
                    />
                    <TextField
                        id="crime-offence-to"
                        label="To (optional)"
                        input_type="datetime-local"
                        value=to
                        error=ctx.err("crime-offence-to")
                    />
                </div>
                <RecordPicker
                    id="crime-location-id"
                    label="Where"
                    hint="Search for the address or place."
                    kinds=vec![RecordKind::Location]
                    picked=location
                    error=ctx.err("crime-location-id")
                />
                <TextArea
                    id="crime-modus-operandi"
                    label="How it was done (modus operandi)"
                    hint="At least 20 characters."
                    value=mo
                    error=ctx.err("crime-modus-operandi")
                />
                <CheckboxField id="crime-domestic-abuse" label="Domestic abuse" checked=domestic />
                <fieldset class="fieldset">
                    <legend class="fieldset__legend">"Hate crime"</legend>
                    <div class="checkboxes">
                        {move || {
                            strand_choices()
                                .into_iter()
                                .map(|(code, label)| {
                                    let id = format!("crime-hate-{code}");
                                    let c1 = code.clone();
                                    let c2 = code.clone();
                                    view! {
                                        <div class="checkboxes__item">
                                            <input
                                                class="checkboxes__input"
                                                type="checkbox"
                                                id=id.clone()
                                                prop:checked=move || strands.with(|s| s.contains(&c1))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    strands.update(|s| {
                                                        s.retain(|x| *x != c2);
                                                        if on {
                                                            s.push(c2.clone());
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
                <button type="submit" class="button button--secondary" id="crime-save" aria-disabled=move || busy.get().to_string()>
                    "Save details"
                </button>
            </form>
        </section>
    }
}

#[component]
fn Parties(ctx: CrimeCtx) -> impl IntoView {
    let role = RwSignal::new("victim".to_owned());
    let mode = RwSignal::new("existing".to_owned());
    let picked = RwSignal::new(None::<Picked>);
    let forename = RwSignal::new(String::new());
    let surname = RwSignal::new(String::new());
    let org_name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let parse_role = |s: &str| match s {
        "witness" => PartyRole::Witness,
        "suspect" => PartyRole::Suspect,
        "offender" => PartyRole::Offender,
        "person_reporting" => PartyRole::PersonReporting,
        _ => PartyRole::Victim,
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let r = parse_role(&role.get_untracked());
        let mut req = AddPartyRequest {
            role: r,
            person_id: None,
            organisation_id: None,
            new_person: None,
            new_organisation: None,
            description: None,
        };
        match mode.get_untracked().as_str() {
            "existing" => match picked.get_untracked() {
                Some(p) if p.kind == RecordKind::Organisation => req.organisation_id = Some(p.id),
                Some(p) => req.person_id = Some(p.id),
                None => {}
            },
            "new_person" => {
                let why = reason.get_untracked().trim().to_owned();
                req.new_person = Some(CreatePersonRequest {
                    person: PersonInput {
                        names: vec![PersonName {
                            forename: forename.get_untracked().trim().to_owned(),
                            surname: surname.get_untracked().trim().to_owned(),
                            ..Default::default()
                        }],
                        ..Default::default()
                    },
                    addresses: Vec::new(),
                    new_record_reason: (!why.is_empty()).then_some(why),
                })
            }
            "new_organisation" => {
                req.new_organisation = Some(OrganisationInput {
                    name: org_name.get_untracked().trim().to_owned(),
                    kind: "business".to_owned(),
                    ..Default::default()
                })
            }
            _ => {
                req.description =
                    Some(description.get_untracked().trim().to_owned()).filter(|d| !d.is_empty())
            }
        }
        let problems = bluelamp_shared::investigation::check_party(&req);
        if !problems.is_empty() {
            ctx.invalid("party", &problems);
            return;
        }
        let id = ctx.id();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.add_party(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(c) => {
                    let _ = picked.try_set(None);
                    for s in [forename, surname, org_name, description, reason] {
                        let _ = s.try_set(String::new());
                    }
                    ctx.saved(Some(c), "Party added.")
                }
                Err(e) => ctx.fail("party", e),
            }
        });
    };
    let roles = Signal::derive(|| {
        [
            ("victim", "Victim"),
            ("witness", "Witness"),
            ("suspect", "Suspect"),
            ("offender", "Offender"),
            ("person_reporting", "Person reporting"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect::<Vec<_>>()
    });
    let modes = Signal::derive(move || {
        let mut v = vec![
            ("existing".to_owned(), "Someone already recorded".to_owned()),
            ("new_person".to_owned(), "A new person".to_owned()),
        ];
        match role.get().as_str() {
            "victim" => v.push((
                "new_organisation".to_owned(),
                "A new organisation (a business is never a person)".to_owned(),
            )),
            "suspect" => v.push((
                "description".to_owned(),
                "An unknown suspect (description)".to_owned(),
            )),
            _ => {}
        }
        v
    });
    let kinds = move || {
        if role.get() == "victim" {
            vec![RecordKind::Person, RecordKind::Organisation]
        } else {
            vec![RecordKind::Person]
        }
    };
    let open = move || ctx.with(|c| c.state.is_open());
    view! {
        <section class="section" id="parties" aria-labelledby="parties-title">
            <h2 class="heading-l" id="parties-title">
                "People and organisations"
            </h2>
            {move || {
                let parties = ctx.with(|c| c.parties.clone());
                if parties.is_empty() {
                    return view! { <p class="body">"None recorded yet."</p> }.into_any();
                }
                [PartyRole::Victim, PartyRole::Suspect, PartyRole::Offender, PartyRole::Witness, PartyRole::PersonReporting]
                    .into_iter()
                    .filter_map(|r| {
                        let of: Vec<_> = parties.iter().filter(|p| p.role == r).cloned().collect();
                        (!of.is_empty())
                            .then(|| {
                                view! {
                                    <h3 class="heading-s">{role_label(r)}</h3>
                                    <ul class="list party-list" data-role=format!("{r:?}").to_lowercase()>
                                        {of
                                            .into_iter()
                                            .map(|p| {
                                                let body = match (&p.record, &p.description) {
                                                    (Some(s), _) => record_link(s),
                                                    (None, Some(d)) => view! { <span>{format!("Not identified: {d}")}</span> }.into_any(),
                                                    _ => view! { <span>"—"</span> }.into_any(),
                                                };
                                                view! { <li class="party">{body}</li> }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                            })
                    })
                    .collect_view()
                    .into_any()
            }}
            <Show when=open>
                <details class="details">
                    <summary class="details__summary">"Add a person or organisation"</summary>
                    <form novalidate id="party-form" on:submit=add>
                        <div class="inline-fields">
                            <SelectField id="party-role" label="Role" value=role options=roles error=ctx.err("party-role") empty="Choose" />
                            <SelectField id="party-mode" label="Who" value=mode options=modes error=Signal::derive(|| None::<String>) empty="Choose" />
                        </div>
                        {move || match mode.get().as_str() {
                            "existing" => view! {
                                <RecordPicker
                                    id="party-person-id"
                                    label="Find them"
                                    kinds=kinds()
                                    picked=picked
                                    error=ctx.err("party-person-id")
                                />
                            }
                                .into_any(),
                            "new_person" => view! {
                                <div class="inline-fields">
                                    <TextField id="party-forename" label="Given name" value=forename error=ctx.err("party-new-person-names-0-forename") />
                                    <TextField id="party-surname" label="Surname" value=surname error=ctx.err("party-new-person-names-0-surname") />
                                </div>
                                <TextField
                                    id="party-new-person-new-record-reason"
                                    label="If they may already be recorded: why a new record (optional)"
                                    value=reason
                                    error=ctx.err("party-new-person-new-record-reason")
                                />
                            }
                                .into_any(),
                            "new_organisation" => view! {
                                <TextField id="party-new-organisation-name" label="Organisation name" value=org_name error=ctx.err("party-new-organisation-name") />
                            }
                                .into_any(),
                            _ => view! {
                                <TextArea id="party-description" label="Description of the suspect" value=description error=ctx.err("party-description") rows=2 />
                            }
                                .into_any(),
                        }}
                        <button type="submit" class="button button--secondary" id="party-add" aria-disabled=move || busy.get().to_string()>
                            "Add"
                        </button>
                    </form>
                </details>
            </Show>
        </section>
    }
}

#[component]
fn Property(ctx: CrimeCtx) -> impl IntoView {
    let role = RwSignal::new("stolen".to_owned());
    let description = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let v = value.get_untracked();
        let value_pence = parse_pounds(&v);
        let mut problems = Vec::new();
        if description.get_untracked().trim().is_empty() {
            problems.push(FieldError::new(
                "description",
                "required",
                "Say what the property is",
            ));
        }
        if !v.trim().is_empty() && value_pence.is_none() {
            problems.push(FieldError::new(
                "value",
                "format",
                "Enter the value in pounds, for example 12.50",
            ));
        }
        if !problems.is_empty() {
            ctx.invalid("property", &problems);
            return;
        }
        let req = AddPropertyRequest {
            role: match role.get_untracked().as_str() {
                "damaged" => PropertyRole::Damaged,
                "vehicle_involved" => PropertyRole::VehicleInvolved,
                _ => PropertyRole::Stolen,
            },
            object_id: None,
            new_object: Some(ObjectInput {
                kind: ObjectKind::Property,
                description: description.get_untracked().trim().to_owned(),
                value_pence,
                ..Default::default()
            }),
        };
        let id = ctx.id();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.add_property(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(c) => {
                    let _ = description.try_set(String::new());
                    let _ = value.try_set(String::new());
                    ctx.saved(Some(c), "Property added.")
                }
                Err(e) => ctx.fail("property", e),
            }
        });
    };
    let roles = Signal::derive(|| {
        vec![
            ("stolen".to_owned(), "Stolen".to_owned()),
            ("damaged".to_owned(), "Damaged".to_owned()),
        ]
    });
    view! {
        <section class="section" id="property" aria-labelledby="property-title">
            <h2 class="heading-l" id="property-title">
                "Property"
            </h2>
            {move || {
                let items = ctx.with(|c| c.property.clone());
                if items.is_empty() {
                    return view! { <p class="body">"None recorded."</p> }.into_any();
                }
                let total: i64 = items.iter().filter_map(|p| p.value_pence).sum();
                view! {
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">"Item"</th>
                                <th scope="col">"How involved"</th>
                                <th scope="col">"Value"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {items
                                .into_iter()
                                .map(|p| {
                                    view! {
                                        <tr>
                                            <td>{record_link(&p.object)}</td>
                                            <td>{format!("{:?}", p.role).replace("VehicleInvolved", "Vehicle involved")}</td>
                                            <td>{p.value_pence.map(pounds).unwrap_or_else(|| "—".to_owned())}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                            <tr>
                                <th scope="row" colspan="2">"Total"</th>
                                <td id="property-total">{pounds(total)}</td>
                            </tr>
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
            <Show when=move || ctx.with(|c| c.state.is_open())>
                <details class="details">
                    <summary class="details__summary">"Add property"</summary>
                    <form novalidate id="property-form" on:submit=add>
                        <div class="inline-fields">
                            <SelectField id="property-role" label="How involved" value=role options=roles error=Signal::derive(|| None::<String>) empty="Choose" />
                            <TextField id="property-description" label="Item" value=description error=ctx.err("property-description") />
                            <TextField id="property-value" label="Value (£)" value=value error=ctx.err("property-value") />
                        </div>
                        <button type="submit" class="button button--secondary" id="property-add" aria-disabled=move || busy.get().to_string()>
                            "Add"
                        </button>
                    </form>
                </details>
            </Show>
        </section>
    }
}

#[component]
fn Exhibits(ctx: CrimeCtx) -> impl IntoView {
    let initials: String = use_session()
        .user()
        .with_untracked(|u| u.as_ref().map(|u| u.display_name.clone()))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let reference = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let seized_from = RwSignal::new(String::new());
    let storage = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // Suggest the next reference in the officer's series.
    Effect::new(move |_| {
        let n = ctx.with(|c| c.exhibits.len()) + 1;
        if reference.with_untracked(String::is_empty)
            || reference.with_untracked(|r| r.starts_with(&format!("{initials}/")))
        {
            reference.set(format!("{initials}/{n}"));
        }
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = AddExhibitRequest {
            reference: reference.get_untracked().trim().to_owned(),
            object_id: None,
            new_object: Some(ObjectInput {
                kind: ObjectKind::Property,
                description: description.get_untracked().trim().to_owned(),
                ..Default::default()
            }),
            seized_by: None,
            seized_at: None,
            seized_from: seized_from.get_untracked().trim().to_owned(),
            storage: storage.get_untracked().trim().to_owned(),
        };
        let mut problems = bluelamp_shared::investigation::check_exhibit(&req, now());
        if req.new_object.as_ref().is_some_and(|o| o.description.is_empty()) {
            problems.push(FieldError::new("description", "required", "Describe the exhibit"));
        }
        if !problems.is_empty() {
            ctx.invalid("exhibit", &problems);
            return;
        }
        let id = ctx.id();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.add_exhibit(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(c) => {
                    for s in [description, seized_from, storage] {
                        let _ = s.try_set(String::new());
                    }
                    ctx.saved(Some(c), "Exhibit added.")
                }
                Err(e) => ctx.fail("exhibit", e),
            }
        });
    };
    view! {
        <section class="section" id="exhibits" aria-labelledby="exhibits-title">
            <h2 class="heading-l" id="exhibits-title">
                "Exhibits"
            </h2>
            {move || ctx.with(|c| c.exhibits.is_empty()).then(|| view! { <p class="body">"None seized."</p> })}
            <For
                each=move || ctx.with(|c| c.exhibits.clone())
                key=|x| (x.id, x.movements.len())
                let:x
            >
                <ExhibitView ctx=ctx x=x />
            </For>
            <Show when=move || ctx.with(|c| c.state.is_open())>
                <details class="details">
                    <summary class="details__summary">"Add an exhibit"</summary>
                    <form novalidate id="exhibit-form" on:submit=add>
                        <div class="inline-fields">
                            <TextField id="exhibit-reference" label="Exhibit reference" value=reference error=ctx.err("exhibit-reference") />
                            <TextField id="exhibit-description" label="What it is" value=description error=ctx.err("exhibit-description") />
                        </div>
                        <div class="inline-fields">
                            <TextField id="exhibit-seized-from" label="Seized from (where or whom)" value=seized_from error=ctx.err("exhibit-seized-from") />
                            <TextField id="exhibit-storage" label="Where it is stored" value=storage error=ctx.err("exhibit-storage") />
                        </div>
                        <button type="submit" class="button button--secondary" id="exhibit-add" aria-disabled=move || busy.get().to_string()>
                            "Add exhibit"
                        </button>
                    </form>
                </details>
            </Show>
        </section>
    }
}

#[component]
fn ExhibitView(ctx: CrimeCtx, x: bluelamp_shared::investigation::ExhibitDto) -> impl IntoView {
    let to = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let xid = x.id;
    let prefix = format!("exhibit-{}", x.id);
    let p2 = prefix.clone();
    let move_it = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = MoveExhibitRequest {
            to: to.get_untracked().trim().to_owned(),
            reason: reason.get_untracked().trim().to_owned(),
        };
        let mut problems = Vec::new();
        if req.to.is_empty() {
            problems.push(FieldError::new(
                "to",
                "required",
                "Say where the exhibit went or who now holds it",
            ));
        }
        if req.reason.is_empty() {
            problems.push(FieldError::new("reason", "required", "Say why it was moved"));
        }
        if !problems.is_empty() {
            ctx.invalid(&p2, &problems);
            return;
        }
        busy.set(true);
        let p3 = p2.clone();
        spawn_local(async move {
            let r = ctx.client.move_exhibit(xid, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => ctx.saved(None, "Movement recorded."),
                Err(e) => ctx.fail(&p3, e),
            }
        });
    };
    view! {
        <div class="exhibit row-group" data-exhibit-id=x.id.to_string()>
            <h3 class="heading-s">{format!("{} – {}", x.reference, x.object.label)}</h3>
            <p class="small">
                {format!(
                    "Seized by {} {} from {}. Now: {}",
                    x.seized_by,
                    local_time(x.seized_at),
                    x.seized_from,
                    x.movements.last().map(|m| m.to.clone()).unwrap_or_else(|| x.storage.clone()),
                )}
            </p>
            <ol class="timeline continuity">
                <li class="timeline__item">
                    <span class="timeline__date">{local_time(x.seized_at)}</span>
                    {format!(" Seized; stored at {}", x.storage)}
                </li>
                {x
                    .movements
                    .iter()
                    .map(|m| {
                        view! {
                            <li class="timeline__item">
                                <span class="timeline__date">{local_time(m.at)}</span>
                                {format!(" To {} ({}) by {} ({})", m.to, m.reason, m.by.display_name, m.by.collar_number)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <details class="details">
                <summary class="details__summary">"Record a move"</summary>
                <form novalidate on:submit=move_it>
                    <div class="inline-fields">
                        <TextField id=format!("{prefix}-to") label="To (place or person)" value=to error=ctx.err(format!("{prefix}-to")) />
                        <TextField id=format!("{prefix}-reason") label="Why" value=reason error=ctx.err(format!("{prefix}-reason")) />
                    </div>
                    <button type="submit" class="button button--secondary button--small" data-testid="exhibit-move" aria-disabled=move || busy.get().to_string()>
                        "Record the move"
                    </button>
                </form>
            </details>
        </div>
    }
}

#[component]
fn Tasks(ctx: CrimeCtx) -> impl IntoView {
    let title = RwSignal::new(String::new());
    let details = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let event = RwSignal::new(String::new());
    let event_on = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let d = due.get_untracked();
        let due_at = from_input(&d);
        let req = CreateTaskRequest {
            title: title.get_untracked().trim().to_owned(),
            details: details.get_untracked().trim().to_owned(),
            assignee: None,
            due_at,
        };
        let mut problems = bluelamp_shared::tasks::check_task(&req);
        if !d.trim().is_empty() && due_at.is_none() {
            problems.push(FieldError::new("due_at", "format", "Enter a real date and time"));
        }
        if !problems.is_empty() {
            ctx.invalid("task", &problems);
            return;
        }
        let id = ctx.id();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.create_task(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => {
                    for s in [title, details, due] {
                        let _ = s.try_set(String::new());
                    }
                    ctx.saved(None, "Task added.")
                }
                Err(e) => ctx.fail("task", e),
            }
        });
    };
    let record_event = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(e) = UpdateEvent::parse(&event.get_untracked()) else {
            ctx.invalid(
                "victim-update",
                &[FieldError::new("event", "required", "Choose what happened")],
            );
            return;
        };
        let on = chrono::NaiveDate::parse_from_str(event_on.get_untracked().trim(), "%Y-%m-%d").ok();
        let id = ctx.id();
        spawn_local(async move {
            match ctx
                .client
                .victim_update(id, &UpdateEventRequest { event: e, on })
                .await
            {
                Ok(t) => ctx.saved(None, &format!("{} update task(s) set for the victims.", t.len())),
                Err(err) => ctx.fail("victim-update", err),
            }
        });
    };
    let events = Signal::derive(|| {
        UpdateEvent::ALL
            .into_iter()
            .map(|e| {
                (
                    e.as_str().to_owned(),
                    e.task_title("the victim")
                        .replace("Offer the victim", "Recorded: offer"),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="section" id="tasks" aria-labelledby="tasks-title">
            <h2 class="heading-l" id="tasks-title">
                "Tasks"
            </h2>
            {move || ctx.with(|c| c.tasks.is_empty()).then(|| view! { <p class="body">"No tasks."</p> })}
            <For each=move || ctx.with(|c| c.tasks.clone()) key=|t| (t.id, t.version) let:t>
                <TaskView ctx=ctx t=t />
            </For>
            <Show when=move || ctx.with(|c| c.state.is_open())>
                <details class="details">
                    <summary class="details__summary">"Add a task"</summary>
                    <form novalidate id="task-form" on:submit=add>
                        <TextField id="task-title" label="What needs doing" value=title error=ctx.err("task-title") />
                        <TextArea id="task-details" label="Detail (optional)" value=details error=ctx.err("task-details") rows=2 />
                        <TextField id="task-due-at" label="Due (optional)" input_type="datetime-local" value=due error=ctx.err("task-due-at") />
                        <button type="submit" class="button button--secondary" id="task-add" aria-disabled=move || busy.get().to_string()>
                            "Add task"
                        </button>
                    </form>
                </details>
                <details class="details">
                    <summary class="details__summary">"Something the victims must be told about happened"</summary>
                    <form novalidate id="victim-update-form" on:submit=record_event>
                        <div class="inline-fields">
                            <SelectField id="victim-update-event" label="What happened" value=event options=events error=ctx.err("victim-update-event") empty="Choose" />
                            <TextField id="victim-update-on" label="On (defaults to today)" input_type="date" value=event_on error=ctx.err("victim-update-on") />
                        </div>
                        <button type="submit" class="button button--secondary" id="victim-update-add">
                            "Set the update deadlines"
                        </button>
                    </form>
                </details>
            </Show>
        </section>
    }
}

#[component]
fn TaskView(ctx: CrimeCtx, t: bluelamp_shared::tasks::TaskDto) -> impl IntoView {
    let result = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let tid = t.id;
    let prefix = format!("task-{}", t.id);
    let p2 = prefix.clone();
    let overdue = t.completed_at.is_none() && t.due_at.is_some_and(|d| d < now());
    let complete = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = CompleteTaskRequest {
            result: result.get_untracked().trim().to_owned(),
        };
        busy.set(true);
        let p3 = p2.clone();
        spawn_local(async move {
            let r = ctx.client.complete_task(tid, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => ctx.saved(None, "Task completed."),
                Err(e) => ctx.fail(&p3, e),
            }
        });
    };
    let done = t.completed_at.is_some();
    view! {
        <div class="task row-group" class:task--done=done class:overdue=overdue data-task-id=t.id.to_string()>
            <p class="body task__title">
                <strong>{t.title.clone()}</strong>
                {overdue.then(|| view! { " " <span class="tag tag--overdue">"Overdue"</span> })}
            </p>
            {(!t.details.is_empty()).then(|| view! { <p class="small pre-line">{t.details.clone()}</p> })}
            <p class="small">
                {format!(
                    "{}{}",
                    t.assignee.as_ref().map(|u| format!("For {} · ", u.display_name)).unwrap_or_default(),
                    t.due_at.map(|d| format!("due {} ({})", local_time(d), relative(d))).unwrap_or_else(|| "no due date".to_owned()),
                )}
            </p>
            {match t.completed_at {
                Some(at) => view! {
                    <p class="small">{format!("Done {}: {}", local_time(at), t.result.clone().unwrap_or_default())}</p>
                }
                    .into_any(),
                None => view! {
                    <form novalidate class="inline-fields" on:submit=complete>
                        <TextField id=format!("{prefix}-result") label="What was done" value=result error=ctx.err(format!("{prefix}-result")) />
                        <button type="submit" class="button button--secondary button--small" data-testid="complete-task" aria-disabled=move || busy.get().to_string()>
                            "Mark as done"
                        </button>
                    </form>
                }
                    .into_any(),
            }}
        </div>
    }
}

#[component]
fn Log(ctx: CrimeCtx) -> impl IntoView {
    let kind = RwSignal::new("log".to_owned());
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = AddLogEntry {
            kind: if kind.get_untracked() == "plan" {
                LogKind::Plan
            } else {
                LogKind::Log
            },
            text: text.get_untracked().trim().to_owned(),
        };
        if req.text.is_empty() {
            ctx.invalid("log", &[FieldError::new("text", "required", "Write the entry")]);
            return;
        }
        let id = ctx.id();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.add_log(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => {
                    let _ = text.try_set(String::new());
                    ctx.saved(None, "Entry added.")
                }
                Err(e) => ctx.fail("log", e),
            }
        });
    };
    let kinds = Signal::derive(|| {
        vec![
            (
                "plan".to_owned(),
                "Investigation plan (line of enquiry)".to_owned(),
            ),
            ("log".to_owned(), "Investigation log (what was done)".to_owned()),
        ]
    });
    view! {
        <section class="section" id="log" aria-labelledby="log-title">
            <h2 class="heading-l" id="log-title">
                "Plan and log"
            </h2>
            {move || {
                let entries = ctx.with(|c| c.log.clone());
                if entries.is_empty() {
                    return view! { <p class="body">"Nothing written yet."</p> }.into_any();
                }
                view! {
                    <ol class="timeline">
                        {entries
                            .into_iter()
                            .map(|e| {
                                view! {
                                    <li class="timeline__item" data-kind=if e.kind == LogKind::Plan { "plan" } else { "log" }>
                                        <span class="timeline__date">{local_time(e.at)}</span>
                                        {format!(
                                            " {} – {} ({}): ",
                                            if e.kind == LogKind::Plan { "Plan" } else { "Log" },
                                            e.by.display_name,
                                            e.by.collar_number,
                                        )}
                                        <span class="pre-line">{e.text}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            <Show when=move || ctx.with(|c| c.state.is_open())>
                <form novalidate id="log-form" on:submit=add>
                    <SelectField id="log-kind" label="Add to" value=kind options=kinds error=Signal::derive(|| None::<String>) empty="Choose" />
                    <TextArea id="log-text" label="Entry" value=text error=ctx.err("log-text") rows=3 />
                    <button type="submit" class="button button--secondary" id="log-add" aria-disabled=move || busy.get().to_string()>
                        "Add entry"
                    </button>
                </form>
            </Show>
        </section>
    }
}

#[component]
fn Classifications(ctx: CrimeCtx) -> impl IntoView {
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
        <section class="section" id="classifications" aria-labelledby="classifications-title">
            <h2 class="heading-l" id="classifications-title">
                "Classification history"
            </h2>
            {move || {
                let list = ctx.with(|c| c.classifications.clone());
                if list.is_empty() {
                    return view! { <p class="body">"Not yet classified."</p> }.into_any();
                }
                view! {
                    <table class="table">
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
                    </table>
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
        </section>
    }
}

#[component]
fn Cancellations(ctx: CrimeCtx) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let info = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let registrar = can(Capability::ApproveCancellations);
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
    let decide = move |cid: Uuid, approve: bool| {
        spawn_local(async move {
            let req = bluelamp_shared::investigation::CancellationDecision {
                approve,
                comment: if approve {
                    String::new()
                } else {
                    "Refused: the additional verifiable information does not show the crime should be cancelled".to_owned()
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
    };
    let can_ask = move || {
        ctx.with(|c| {
            c.state.is_open()
                && c.state != CrimeState::Draft
                && !c.cancellations.iter().any(|x| x.approved.is_none())
        })
    };
    view! {
        <section class="section" id="cancellation" aria-labelledby="cancellation-title">
            <h2 class="heading-l" id="cancellation-title">
                "Cancellation"
            </h2>
            {move || {
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
            }}
            <Show when=can_ask>
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
            </Show>
        </section>
    }
}
