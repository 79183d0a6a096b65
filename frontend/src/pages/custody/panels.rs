//! The panels of an open custody record, each with its form (an [`EntryFormView`]): visits,
//! medication, rights, representatives, risk, healthcare, property, interviews, notes and cell
//! moves, review, extension, warrant, charge, disposal and annotation.
//!
//! A time left empty means "now" (the server's), except where the entry is about a time.

use super::fields::{
    non_empty, read_time, read_uuid, ChecklistField, ChoiceField, PrescriptionFields, RadioField, RiskFields,
    RiskForm, RxFields,
};
use super::record::{live_due, EntryForm, EntryFormView, RecordCtx};
use crate::components::field::{CheckboxField, TextArea, TextField};
use crate::components::record::use_reference_data;
use crate::components::time::local_time;
use bluelamp_shared::custody::{
    AnnotationEntry, ChargeEntry, CustodyEntry, DisposalEntry, DisposalOutcome, DoseEntry, DoseOutcome,
    ExtensionEntry, HealthcareEntry, InterviewEntry, NoteEntry, PropertyEntry, PropertyItem,
    RepresentativeEntry, RepresentativeRole, ReviewDecision, ReviewEntry, Right, RightStatus, RightsEntry,
    VisitEntry, VisitKind, WarrantEntry,
};
use bluelamp_shared::error::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

/// The wire code of an enum value (`VisitKind::Rousing` → `rousing`).
fn code_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|j| j.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The enum value of a wire code.
fn parse_code<T: DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

/// `(code, label)` choices of an enum.
fn choices_of<T: Serialize + Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter().map(|v| (code_of(v), label(*v).to_owned())).collect()
}

/// A time typed, or now when left empty (for entries that must say when).
fn time_or_now(
    ctx: RecordCtx,
    problems: &mut Vec<FieldError>,
    path: &str,
    text: &str,
) -> Option<DateTime<Utc>> {
    if text.trim().is_empty() {
        Some(ctx.clock.now_untracked())
    } else {
        read_time(problems, path, text)
    }
}

fn status_label(s: RightStatus) -> &'static str {
    match s {
        RightStatus::Offered => "Offered",
        RightStatus::Requested => "Requested",
        RightStatus::Declined => "Declined",
        RightStatus::Delayed => "Delayed",
        RightStatus::Given => "Given",
    }
}

const STATUSES: [RightStatus; 5] = [
    RightStatus::Offered,
    RightStatus::Requested,
    RightStatus::Declined,
    RightStatus::Delayed,
    RightStatus::Given,
];

const ROLES: [RepresentativeRole; 3] = [
    RepresentativeRole::Solicitor,
    RepresentativeRole::AppropriateAdult,
    RepresentativeRole::Interpreter,
];

const DOSE_OUTCOMES: [DoseOutcome; 3] = [DoseOutcome::Given, DoseOutcome::Refused, DoseOutcome::Missed];

/// A panel of the record page: `<section id>` with its `<h2 id="{id}-title">`.
fn panel(id: &'static str, title: &'static str, body: impl IntoView) -> impl IntoView {
    view! {
        <section class="section custody-panel" id=id aria-labelledby=format!("{id}-title")>
            <h2 class="heading-l" id=format!("{id}-title")>
                {title}
            </h2>
            {body}
        </section>
    }
}

/// The "when" field of an entry, empty for now.
fn at_field(form: EntryForm, value: RwSignal<String>, label: &'static str) -> impl IntoView {
    view! {
        <TextField
            id=form.id("at")
            label=label
            hint="Leave empty for now."
            input_type="datetime-local"
            value=value
            error=form.err("at")
        />
    }
}

fn fact(key: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{key}</dt>
            <dd class="summary-list__value">{value}</dd>
        </div>
    }
}

/// Creates signals under `owner` (so that rows added from an event handler are dropped with the
/// page).
fn in_owner<T>(owner: StoredValue<Option<Owner>>, f: impl FnOnce() -> T) -> T {
    match owner.get_value() {
        Some(o) => o.with(f),
        None => f(),
    }
}

const PANELS: [(&str, &str); 15] = [
    ("visits", "Visits"),
    ("medication", "Medication"),
    ("rights", "Rights"),
    ("representatives", "Solicitor, appropriate adult, interpreter"),
    ("risk", "Risk"),
    ("healthcare", "Healthcare"),
    ("property", "Property"),
    ("interviews", "Interviews"),
    ("notes", "Notes and cell moves"),
    ("review", "Review of detention"),
    ("extension", "Extension"),
    ("warrant", "Warrant of further detention"),
    ("charge", "Charge"),
    ("disposal", "Disposal and release"),
    ("annotation", "Annotation"),
];

/// Every panel of an open record, with a list of them first.
#[component]
pub fn OpenPanels(ctx: RecordCtx) -> impl IntoView {
    view! {
        <nav class="contents" aria-label="On this page">
            <h2 class="heading-s">"On this page"</h2>
            <ul class="list contents__list">
                {PANELS
                    .iter()
                    .map(|(id, title)| {
                        let target = *id;
                        view! {
                            <li>
                                <a
                                    href=format!("#{id}")
                                    target="_self"
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        if let Some(el) = web_sys::window()
                                            .and_then(|w| w.document())
                                            .and_then(|d| d.get_element_by_id(target))
                                        {
                                            el.scroll_into_view();
                                        }
                                    }
                                >
                                    {*title}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
        <VisitsPanel ctx=ctx />
        <MedicationPanel ctx=ctx />
        <RightsPanel ctx=ctx />
        <RepresentativesPanel ctx=ctx />
        <RiskPanel ctx=ctx />
        <HealthcarePanel ctx=ctx />
        <PropertyPanel ctx=ctx />
        <InterviewsPanel ctx=ctx />
        <NotesPanel ctx=ctx />
        <ReviewPanel ctx=ctx />
        <ExtensionPanel ctx=ctx />
        <WarrantPanel ctx=ctx />
        <ChargePanel ctx=ctx />
        <DisposalPanel ctx=ctx />
        <AnnotationPanel ctx=ctx />
    }
}

/// Cell visits: the care now and the quick visit form (`#visit-form`: what was checked, the
/// response, one button).
#[component]
fn VisitsPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("visit");
    let default_check = move || {
        let rousing = ctx
            .record
            .with_untracked(|r| r.as_ref().is_some_and(|r| r.care.rousing));
        code_of(&if rousing {
            VisitKind::Rousing
        } else {
            VisitKind::Observation
        })
    };
    let check = RwSignal::new(default_check());
    let response = RwSignal::new(String::new());
    let at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Visit(VisitEntry {
            at: read_time(&mut p, "at", &at.get_untracked()),
            check: parse_code(&check.get_untracked()).unwrap_or(VisitKind::Observation),
            response: response.get_untracked().trim().to_owned(),
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        response.set(String::new());
        at.set(String::new());
        check.set(default_check());
    });
    let at_error = form.err("at");
    let clock = ctx.clock;
    panel(
        "visits",
        "Visits",
        view! {
            <dl class="summary-list" id="visits-care">
                {fact(
                    "Observation level",
                    move || {
                        ctx.with(|r| {
                            format!(
                                "Level {}{}",
                                r.care.observation_level,
                                if r.care.rousing { ", rouse at each visit" } else { "" }
                            )
                        })
                    },
                )}
                {fact(
                    "Last visit",
                    move || ctx.with(|r| r.care.last_visit.map(local_time)).unwrap_or_else(|| "None yet".to_owned()),
                )}
                {fact(
                    "Next visit",
                    move || {
                        match ctx.with(|r| r.care.next_visit_due) {
                            Some(d) => live_due(clock, d).into_any(),
                            None => "Constant observation".into_any(),
                        }
                    },
                )}
            </dl>
            <EntryFormView
                ctx=ctx
                form=form
                id="visit-form"
                submit_label="Record visit"
                entry=build
                done="Visit recorded."
                on_done=on_done
            >
                <div class="inline-fields">
                    <ChoiceField
                        id=form.id("check")
                        label="Check"
                        value=check
                        options=Signal::derive(|| choices_of(&VisitKind::ALL, VisitKind::label))
                        error=form.err("check")
                    />
                    <TextField
                        id=form.id("response")
                        label="Detainee's response"
                        hint="For example: awake, answered, asked for water."
                        value=response
                        error=form.err("response")
                    />
                </div>
                <details class="details" open=move || at_error.with(Option::is_some)>
                    <summary class="details__summary">"Recording it later? Give the time of the visit"</summary>
                    {at_field(form, at, "Time of the visit")}
                </details>
            </EntryFormView>
        },
    )
}

/// Medication: each medicine with its next dose and a quick dose form, and adding a medicine.
#[component]
fn MedicationPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("prescription");
    let rx = RxFields::new();
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Prescription(rx.read("", &mut p));
        (entry, p)
    });
    let on_done = Callback::new(move |_| rx.clear());
    panel(
        "medication",
        "Medication",
        view! {
            {move || {
                ctx.with(|r| r.medication.is_empty())
                    .then(|| view! { <p class="body">"No medication is recorded."</p> })
            }}
            <For each=move || ctx.with(|r| r.medication.iter().map(|m| m.id).collect::<Vec<_>>()) key=|id| *id let:id>
                <MedicineCard ctx=ctx id=id />
            </For>
            <h3 class="heading-m">"Add a medicine"</h3>
            <EntryFormView
                ctx=ctx
                form=form
                id="prescription-form"
                submit_label="Add medicine"
                entry=build
                done="Medicine added."
                on_done=on_done
            >
                <PrescriptionFields fields=rx id_prefix="prescription" errors=form.errors />
            </EntryFormView>
        },
    )
}

/// One medicine: how it is given, the next dose, the doses so far and the quick dose form
/// (`#dose-form-{prescription id}`).
#[component]
fn MedicineCard(ctx: RecordCtx, id: Uuid) -> impl IntoView {
    let med = Memo::new(move |_| ctx.with(|r| r.medication.iter().find(|m| m.id == id).cloned()));
    let form = EntryForm::new(format!("dose-{id}"));
    let outcome = RwSignal::new(code_of(&DoseOutcome::Given));
    let notes = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let entry = CustodyEntry::Dose(DoseEntry {
            prescription: id,
            at: None,
            outcome: parse_code(&outcome.get_untracked()).unwrap_or(DoseOutcome::Given),
            notes: notes.get_untracked().trim().to_owned(),
        });
        (entry, Vec::new())
    });
    let on_done = Callback::new(move |_| {
        outcome.set(code_of(&DoseOutcome::Given));
        notes.set(String::new());
    });
    let clock = ctx.clock;
    let title = move || {
        med.with(|m| {
            m.as_ref()
                .map(|m| format!("{} {}", m.prescription.medicine, m.prescription.dose))
                .unwrap_or_default()
        })
    };
    let schedule = move || {
        med.with(|m| {
            m.as_ref()
                .map(|m| {
                    let p = &m.prescription;
                    let when = match p.every_minutes {
                        Some(e) => format!("Every {}", super::minutes_text(e)),
                        None => format!("At {}", super::fields::times_text(&p.times)),
                    };
                    format!("{when} · prescribed or instructed by {}", p.prescriber)
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="row-group medicine" data-prescription=id.to_string()>
            <h3 class="heading-s">{title}</h3>
            <p class="small">{schedule}</p>
            <p class="body next-dose" id=format!("next-dose-{id}")>
                "Next dose: "
                {move || match med.with(|m| m.as_ref().and_then(|m| m.next_due)) {
                    Some(d) => live_due(clock, d).into_any(),
                    None => "none due".into_any(),
                }}
            </p>
            <ul class="list doses">
                {move || {
                    med.with(|m| m.as_ref().map(|m| m.doses.iter().take(3).cloned().collect::<Vec<_>>()))
                        .unwrap_or_default()
                        .into_iter()
                        .map(|d| {
                            view! {
                                <li class="small dose">
                                    {format!("{} {} by {}", d.summary, local_time(d.at), d.recorded_by.name)}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <EntryFormView
                ctx=ctx
                form=form
                id=format!("dose-form-{id}")
                submit_label="Record dose"
                entry=build
                done="Dose recorded."
                on_done=on_done
            >
                <div class="inline-fields">
                    <ChoiceField
                        id=form.id("outcome")
                        label="Dose"
                        value=outcome
                        options=Signal::derive(|| choices_of(&DOSE_OUTCOMES, DoseOutcome::label))
                        error=form.err("outcome")
                    />
                    <TextField
                        id=form.id("notes")
                        label="Notes (say why for a missed dose)"
                        value=notes
                        error=form.err("notes")
                    />
                </div>
            </EntryFormView>
        </div>
    }
}

/// Rights: where each stands, and recording a step (a delay needs a superintendent's authority
/// and a reason).
#[component]
fn RightsPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("rights");
    let right = RwSignal::new(code_of(&Right::SomeoneInformed));
    let status = RwSignal::new(code_of(&RightStatus::Offered));
    let at = RwSignal::new(String::new());
    let authorised_by = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let delayed = move || parse_code::<RightStatus>(&status.get()) == Some(RightStatus::Delayed);
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let status: RightStatus = parse_code(&status.get_untracked()).unwrap_or(RightStatus::Offered);
        let is_delay = status == RightStatus::Delayed;
        let entry = CustodyEntry::Rights(RightsEntry {
            right: parse_code(&right.get_untracked()).unwrap_or(Right::SomeoneInformed),
            status,
            at: read_time(&mut p, "at", &at.get_untracked()),
            authorised_by: if is_delay {
                read_uuid(
                    &mut p,
                    "authorised_by",
                    &authorised_by.get_untracked(),
                    "the superintendent's user id",
                )
            } else {
                None
            },
            reason: if is_delay {
                reason.get_untracked().trim().to_owned()
            } else {
                String::new()
            },
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        at.set(String::new());
        authorised_by.set(String::new());
        reason.set(String::new());
    });
    panel(
        "rights",
        "Rights",
        view! {
            <div class="table-wrapper">
                <table class="table" id="rights-table">
                    <caption class="visually-hidden">"Where each right stands"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Right"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"When"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            ctx.with(|r| r.rights.clone())
                                .into_iter()
                                .map(|r| {
                                    view! {
                                        <tr class="right-row" data-right=code_of(&r.right) data-status=r.status.map(|s| code_of(&s)).unwrap_or_default()>
                                            <th scope="row">{r.right.label()}</th>
                                            <td>{r.status.map(status_label).unwrap_or("Not yet offered")}</td>
                                            <td>{r.at.map(local_time).unwrap_or_default()}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <EntryFormView
                ctx=ctx
                form=form
                id="rights-form"
                submit_label="Record"
                entry=build
                done="Recorded."
                on_done=on_done
            >
                <div class="inline-fields">
                    <ChoiceField
                        id=form.id("right")
                        label="Right"
                        value=right
                        options=Signal::derive(|| choices_of(&Right::ALL, Right::label))
                        error=form.err("right")
                    />
                    <ChoiceField
                        id=form.id("status")
                        label="What happened"
                        value=status
                        options=Signal::derive(|| choices_of(&STATUSES, status_label))
                        error=form.err("status")
                    />
                </div>
                {at_field(form, at, "When")}
                <Show when=delayed>
                    <div class="row-group">
                        <TextField
                            id=form.id("authorised_by")
                            label="Authorised by (superintendent's user id)"
                            hint="A delay needs a superintendent's authority (PACE s.56(2), s.58(6))."
                            value=authorised_by
                            error=form.err("authorised_by")
                        />
                        <TextArea
                            id=form.id("reason")
                            label="Reason for the delay"
                            hint="It is told to the detainee and reviewed."
                            value=reason
                            error=form.err("reason")
                            rows=3
                        />
                    </div>
                </Show>
            </EntryFormView>
        },
    )
}

/// Solicitors, appropriate adults and interpreters: calling one, and recording their arrival.
#[component]
fn RepresentativesPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("representative");
    let role = RwSignal::new(code_of(&RepresentativeRole::Solicitor));
    let name = RwSignal::new(String::new());
    let called_at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Representative(RepresentativeEntry {
            role: parse_code(&role.get_untracked()).unwrap_or(RepresentativeRole::Solicitor),
            name: name.get_untracked().trim().to_owned(),
            called_at: time_or_now(ctx, &mut p, "called_at", &called_at.get_untracked()),
            arrived_at: None,
            of: None,
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        name.set(String::new());
        called_at.set(String::new());
    });
    panel(
        "representatives",
        "Solicitor, appropriate adult, interpreter",
        view! {
            {move || {
                ctx.with(|r| r.representatives.is_empty())
                    .then(|| view! { <p class="body">"No one has been called."</p> })
            }}
            <ul class="list representatives">
                <For each=move || ctx.with(|r| r.representatives.clone()) key=|r| (r.id, r.arrived_at) let:r>
                    <li class="row-group representative" data-entry=r.id.to_string()>
                        <p class="body">
                            <strong>{format!("{}: {}", r.role.label(), r.name)}</strong>
                            {format!(
                                " · called {}",
                                r.called_at.map(local_time).unwrap_or_else(|| "—".to_owned()),
                            )}
                            {match r.arrived_at {
                                Some(a) => format!(" · arrived {}", local_time(a)).into_any(),
                                None => view! { " · " <strong class="tag tag--awaited">"Awaited"</strong> }.into_any(),
                            }}
                        </p>
                        {r.arrived_at.is_none().then(|| view! { <ArrivalForm ctx=ctx of=r.id role=r.role name=r.name.clone() /> })}
                    </li>
                </For>
            </ul>
            <h3 class="heading-m">"Call someone"</h3>
            <EntryFormView
                ctx=ctx
                form=form
                id="representative-form"
                submit_label="Record the call"
                entry=build
                done="Call recorded."
                on_done=on_done
            >
                <div class="inline-fields">
                    <ChoiceField
                        id=form.id("role")
                        label="Who"
                        value=role
                        options=Signal::derive(|| choices_of(&ROLES, RepresentativeRole::label))
                        error=form.err("role")
                    />
                    <TextField id=form.id("name") label="Name (and firm or agency)" value=name error=form.err("name") />
                </div>
                <TextField
                    id=form.id("called_at")
                    label="Called at"
                    hint="Leave empty for now."
                    input_type="datetime-local"
                    value=called_at
                    error=form.err("called_at")
                />
            </EntryFormView>
        },
    )
}

/// Recording the arrival of someone called (`#arrival-form-{entry id}`).
#[component]
fn ArrivalForm(ctx: RecordCtx, of: Uuid, role: RepresentativeRole, name: String) -> impl IntoView {
    let form = EntryForm::new(format!("arrival-{of}"));
    let arrived_at = RwSignal::new(String::new());
    let name = StoredValue::new(name);
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Representative(RepresentativeEntry {
            role,
            name: name.get_value(),
            called_at: None,
            arrived_at: time_or_now(ctx, &mut p, "arrived_at", &arrived_at.get_untracked()),
            of: Some(of),
        });
        (entry, p)
    });
    view! {
        <EntryFormView
            ctx=ctx
            form=form
            id=format!("arrival-form-{of}")
            submit_label="Record arrival"
            entry=build
            done="Arrival recorded."
        >
            <TextField
                id=form.id("arrived_at")
                label="Arrived at"
                hint="Leave empty for now."
                input_type="datetime-local"
                value=arrived_at
                error=form.err("arrived_at")
            />
        </EntryFormView>
    }
}

/// Risk: the care now, and a reassessment.
#[component]
fn RiskPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("risk");
    let risk = RiskForm::new();
    let at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let when = read_time(&mut p, "at", &at.get_untracked());
        let entry = CustodyEntry::RiskAssessment(ctx.questions.with_untracked(|q| risk.read(q, when)));
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        risk.clear();
        at.set(String::new());
    });
    panel(
        "risk",
        "Risk",
        view! {
            <dl class="summary-list" id="risk-now">
                {fact(
                    "Assessed",
                    move || match ctx.with(|r| r.care.risk_assessed_at) {
                        Some(t) => local_time(t).into_any(),
                        None => view! { <strong class="tag tag--overdue">"Risk assessment due"</strong> }.into_any(),
                    },
                )}
                {fact(
                    "Observation level",
                    move || {
                        ctx.with(|r| {
                            format!(
                                "Level {}{}",
                                r.care.observation_level,
                                if r.care.rousing { ", rouse at each visit" } else { "" }
                            )
                        })
                    },
                )}
                {fact(
                    "Risk markers",
                    move || {
                        let m = ctx.with(|r| r.care.risk_markers.join(", "));
                        if m.is_empty() { "None".to_owned() } else { m }
                    },
                )}
            </dl>
            <h3 class="heading-m">"Assess the risk again"</h3>
            <EntryFormView
                ctx=ctx
                form=form
                id="risk-form"
                submit_label="Record the assessment"
                entry=build
                done="Risk assessment recorded."
                on_done=on_done
            >
                {at_field(form, at, "When")}
                <RiskFields form=risk questions=ctx.questions id_prefix="risk" errors=form.errors />
            </EntryFormView>
        },
    )
}

/// Healthcare professionals' contacts.
#[component]
fn HealthcarePanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("healthcare");
    let professional = RwSignal::new(String::new());
    let at = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Healthcare(HealthcareEntry {
            professional: professional.get_untracked().trim().to_owned(),
            at: read_time(&mut p, "at", &at.get_untracked()),
            notes: notes.get_untracked().trim().to_owned(),
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        professional.set(String::new());
        at.set(String::new());
        notes.set(String::new());
    });
    panel(
        "healthcare",
        "Healthcare",
        view! {
            <ul class="list healthcare-list">
                {move || {
                    ctx.with(|r| {
                        r.entries
                            .iter()
                            .filter_map(|e| match &e.entry {
                                CustodyEntry::Healthcare(h) => Some((e.at, h.clone())),
                                _ => None,
                            })
                            .collect::<Vec<_>>()
                    })
                        .into_iter()
                        .map(|(at, h)| {
                            view! {
                                <li class="row-group">
                                    <p class="body">
                                        <strong>{h.professional}</strong>
                                        {format!(" · {}", local_time(at))}
                                    </p>
                                    <p class="body pre-line">{h.notes}</p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <EntryFormView
                ctx=ctx
                form=form
                id="healthcare-form"
                submit_label="Record"
                entry=build
                done="Healthcare contact recorded."
                on_done=on_done
            >
                <TextField
                    id=form.id("professional")
                    label="Who attended (name, role)"
                    value=professional
                    error=form.err("professional")
                />
                {at_field(form, at, "When")}
                <TextArea
                    id=form.id("notes")
                    label="What was found and advised"
                    hint="Fit to detain, fit to interview, care to give."
                    value=notes
                    error=form.err("notes")
                    rows=3
                />
            </EntryFormView>
        },
    )
}

/// One item row of the property form.
#[derive(Debug, Clone, Copy)]
struct ItemRow {
    key: u64,
    description: RwSignal<String>,
    retained: RwSignal<bool>,
}

/// Property taken from the detainee.
#[component]
fn PropertyPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("property");
    let owner = StoredValue::new(Owner::current());
    let next = StoredValue::new(0u64);
    let new_row = move || {
        let key = next.get_value() + 1;
        next.set_value(key);
        in_owner(owner, || ItemRow {
            key,
            description: RwSignal::new(String::new()),
            retained: RwSignal::new(true),
        })
    };
    let rows = RwSignal::new(vec![new_row()]);
    let at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let items = rows
            .get_untracked()
            .iter()
            .map(|r| PropertyItem {
                description: r.description.get_untracked().trim().to_owned(),
                retained: r.retained.get_untracked(),
            })
            .collect();
        let entry = CustodyEntry::Property(PropertyEntry {
            at: read_time(&mut p, "at", &at.get_untracked()),
            items,
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        rows.set(vec![new_row()]);
        at.set(String::new());
    });
    panel(
        "property",
        "Property",
        view! {
            <ul class="list property-list">
                {move || {
                    ctx.with(|r| {
                        r.entries
                            .iter()
                            .filter_map(|e| match &e.entry {
                                CustodyEntry::Property(p) => Some((e.at, p.items.clone())),
                                _ => None,
                            })
                            .flat_map(|(at, items)| items.into_iter().map(move |i| (at, i)))
                            .collect::<Vec<_>>()
                    })
                        .into_iter()
                        .map(|(at, i)| {
                            view! {
                                <li class="property-item">
                                    {format!(
                                        "{} – {} ({})",
                                        i.description,
                                        if i.retained { "kept by the police" } else { "with the detainee" },
                                        local_time(at),
                                    )}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <EntryFormView
                ctx=ctx
                form=form
                id="property-form"
                submit_label="Record property"
                entry=build
                done="Property recorded."
                on_done=on_done
            >
                {move || {
                    rows.get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let k = r.key;
                            view! {
                                <div class="inline-fields property-row">
                                    <TextField
                                        id=form.id(&format!("items.{i}.description"))
                                        label="Item"
                                        value=r.description
                                        error=form.err(&format!("items.{i}.description"))
                                    />
                                    <CheckboxField
                                        id=form.id(&format!("items.{i}.retained"))
                                        label="Kept by the police"
                                        checked=r.retained
                                    />
                                    <button
                                        type="button"
                                        class="button button--secondary button--small"
                                        id=form.id(&format!("items.{i}.remove"))
                                        hidden=move || rows.with(|l| l.len() < 2)
                                        on:click=move |_| rows.update(|l| l.retain(|x| x.key != k))
                                    >
                                        "Remove"
                                        <span class="visually-hidden">{format!(" item {}", i + 1)}</span>
                                    </button>
                                </div>
                            }
                        })
                        .collect_view()
                }}
                <button
                    type="button"
                    class="button button--secondary"
                    id="property-add-item"
                    on:click=move |_| {
                        let row = new_row();
                        rows.update(|l| l.push(row));
                    }
                >
                    "Add another item"
                </button>
                {at_field(form, at, "When")}
            </EntryFormView>
        },
    )
}

/// Interviews: starting one, and recording the end of one under way.
#[component]
fn InterviewsPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("interview");
    let by = RwSignal::new(String::new());
    let started_at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Interview(InterviewEntry {
            started_at: time_or_now(ctx, &mut p, "started_at", &started_at.get_untracked()),
            ended_at: None,
            by: by.get_untracked().trim().to_owned(),
            of: None,
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        by.set(String::new());
        started_at.set(String::new());
    });
    // Each interview started, with its end (on the entry itself or a later one naming it).
    let interviews = move || {
        ctx.with(|r| {
            r.entries
                .iter()
                .filter_map(|e| match &e.entry {
                    CustodyEntry::Interview(i) if i.of.is_none() => {
                        let ended = i.ended_at.or_else(|| {
                            r.entries.iter().find_map(|x| match &x.entry {
                                CustodyEntry::Interview(j) if j.of == Some(e.id) => j.ended_at,
                                _ => None,
                            })
                        });
                        Some((e.id, i.clone(), ended))
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    panel(
        "interviews",
        "Interviews",
        view! {
            <ul class="list interviews">
                <For each=interviews key=|(id, _, ended)| (*id, *ended) let:row>
                    {
                        let (id, i, ended) = row;
                        view! {
                            <li class="row-group interview" data-entry=id.to_string()>
                                <p class="body">
                                    <strong>{i.by.clone()}</strong>
                                    {format!(
                                        " · started {}",
                                        i.started_at.map(local_time).unwrap_or_else(|| "—".to_owned()),
                                    )}
                                    {match ended {
                                        Some(x) => format!(" · ended {}", local_time(x)).into_any(),
                                        None => view! { " · " <strong class="tag tag--state">"Under way"</strong> }.into_any(),
                                    }}
                                </p>
                                {ended.is_none().then(|| view! { <InterviewEnd ctx=ctx of=id by=i.by.clone() /> })}
                            </li>
                        }
                    }
                </For>
            </ul>
            <h3 class="heading-m">"Start an interview"</h3>
            <EntryFormView
                ctx=ctx
                form=form
                id="interview-form"
                submit_label="Record the start"
                entry=build
                done="Interview started."
                on_done=on_done
            >
                <TextField id=form.id("by") label="Interviewing officers" value=by error=form.err("by") />
                <TextField
                    id=form.id("started_at")
                    label="Started at"
                    hint="Leave empty for now."
                    input_type="datetime-local"
                    value=started_at
                    error=form.err("started_at")
                />
            </EntryFormView>
        },
    )
}

/// Recording the end of an interview (`#interview-end-form-{entry id}`).
#[component]
fn InterviewEnd(ctx: RecordCtx, of: Uuid, by: String) -> impl IntoView {
    let form = EntryForm::new(format!("interview-end-{of}"));
    let ended_at = RwSignal::new(String::new());
    let by = StoredValue::new(by);
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Interview(InterviewEntry {
            started_at: None,
            ended_at: time_or_now(ctx, &mut p, "ended_at", &ended_at.get_untracked()),
            by: by.get_value(),
            of: Some(of),
        });
        (entry, p)
    });
    view! {
        <EntryFormView
            ctx=ctx
            form=form
            id=format!("interview-end-form-{of}")
            submit_label="Record the end"
            entry=build
            done="Interview ended."
        >
            <TextField
                id=form.id("ended_at")
                label="Ended at"
                hint="Leave empty for now."
                input_type="datetime-local"
                value=ended_at
                error=form.err("ended_at")
            />
        </EntryFormView>
    }
}

/// A note in the events log, or a move of cell.
#[component]
fn NotesPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("note");
    let text = RwSignal::new(String::new());
    let cell = RwSignal::new(String::new());
    let at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Note(NoteEntry {
            at: read_time(&mut p, "at", &at.get_untracked()),
            text: text.get_untracked().trim().to_owned(),
            cell: non_empty(&cell.get_untracked()),
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        text.set(String::new());
        cell.set(String::new());
        at.set(String::new());
    });
    let cells = Signal::derive(move || {
        ctx.with(|r| {
            r.suite
                .cells
                .iter()
                .filter(|c| Some(*c) != r.cell.as_ref())
                .map(|c| (c.clone(), c.clone()))
                .collect::<Vec<_>>()
        })
    });
    panel(
        "notes",
        "Notes and cell moves",
        view! {
            <EntryFormView
                ctx=ctx
                form=form
                id="note-form"
                submit_label="Record"
                entry=build
                done="Recorded."
                on_done=on_done
            >
                <TextArea
                    id=form.id("text")
                    label="What happened"
                    hint="Optional for a move of cell."
                    value=text
                    error=form.err("text")
                    rows=3
                />
                <ChoiceField
                    id=form.id("cell")
                    label="Move to cell"
                    value=cell
                    options=cells
                    error=form.err("cell")
                    empty="No move"
                />
                {at_field(form, at, "When")}
            </EntryFormView>
        },
    )
}

/// A PACE review of detention (s.40).
#[component]
fn ReviewPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("review");
    let at = RwSignal::new(String::new());
    let postponed = RwSignal::new(false);
    let postponement_reason = RwSignal::new(String::new());
    let representations = RwSignal::new(String::new());
    let decision = RwSignal::new(String::new());
    let grounds = RwSignal::new(String::new());
    let remote = RwSignal::new(false);
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let d: Option<ReviewDecision> = parse_code(&decision.get_untracked());
        if d.is_none() {
            p.push(FieldError::new("decision", "required", "Choose the decision"));
        }
        let is_postponed = postponed.get_untracked();
        let entry = CustodyEntry::Review(ReviewEntry {
            at: read_time(&mut p, "at", &at.get_untracked()),
            postponed: is_postponed,
            postponement_reason: if is_postponed {
                postponement_reason.get_untracked().trim().to_owned()
            } else {
                String::new()
            },
            representations: representations.get_untracked().trim().to_owned(),
            decision: d.unwrap_or(ReviewDecision::Continue),
            grounds: grounds.get_untracked().trim().to_owned(),
            remote: remote.get_untracked(),
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        for s in [at, postponement_reason, representations, decision, grounds] {
            s.set(String::new());
        }
        postponed.set(false);
        remote.set(false);
    });
    let clock = ctx.clock;
    panel(
        "review",
        "Review of detention",
        view! {
            <p class="body">
                {move || {
                    ctx.with(|r| r.clocks.next_review_due.map(|d| (d, r.clocks.next_review_number)))
                        .map(|(d, n)| view! { {format!("Review {n} is due: ")} {live_due(clock, d)} })
                }}
            </p>
            <EntryFormView
                ctx=ctx
                form=form
                id="review-form"
                submit_label="Record the review"
                entry=build
                done="Review recorded."
                on_done=on_done
            >
                {at_field(form, at, "Carried out at")}
                <CheckboxField id=form.id("postponed") label="Postponed (s.40(4)): carried out after its latest time" checked=postponed />
                <Show when=move || postponed.get()>
                    <TextArea
                        id=form.id("postponement_reason")
                        label="Why it was postponed"
                        value=postponement_reason
                        error=form.err("postponement_reason")
                        rows=2
                    />
                </Show>
                <TextArea
                    id=form.id("representations")
                    label="Representations by the detainee or their solicitor"
                    value=representations
                    error=form.err("representations")
                    rows=3
                />
                <RadioField
                    id=form.id("decision")
                    legend="Decision"
                    value=decision
                    options=vec![
                        (code_of(&ReviewDecision::Continue), "Continued detention authorised".to_owned()),
                        (code_of(&ReviewDecision::Release), "Detention no longer justified: release".to_owned()),
                    ]
                    error=form.err("decision")
                />
                <TextArea id=form.id("grounds") label="Grounds" value=grounds error=form.err("grounds") rows=3 />
                <CheckboxField id=form.id("remote") label="Carried out by telephone or video (s.40A, s.45A)" checked=remote />
            </EntryFormView>
        },
    )
}

/// A superintendent's extension of detention (s.42).
#[component]
fn ExtensionPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("extension");
    let at = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let grounds = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Extension(ExtensionEntry {
            at: read_time(&mut p, "at", &at.get_untracked()),
            until: read_time(&mut p, "until", &until.get_untracked()),
            grounds: grounds.get_untracked().trim().to_owned(),
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        for s in [at, until, grounds] {
            s.set(String::new());
        }
    });
    panel(
        "extension",
        "Extension",
        view! {
            <p class="hint">
                "A superintendent may extend detention to no later than 36 hours after the relevant time, for an indictable offence, after the second review and within 24 hours of the relevant time (PACE s.42)."
            </p>
            {move || {
                (!ctx.with(|r| r.indictable))
                    .then(|| view! { <p class="body notice">"None of the offences on this record is indictable."</p> })
            }}
            <EntryFormView
                ctx=ctx
                form=form
                id="extension-form"
                submit_label="Record the extension"
                entry=build
                done="Extension recorded."
                on_done=on_done
            >
                {at_field(form, at, "Authorised at")}
                <TextField
                    id=form.id("until")
                    label="Extended until"
                    input_type="datetime-local"
                    value=until
                    error=form.err("until")
                />
                <TextArea id=form.id("grounds") label="Grounds (s.42(1))" value=grounds error=form.err("grounds") rows=3 />
            </EntryFormView>
        },
    )
}

/// A warrant of further detention, or its extension (ss.43–44).
#[component]
fn WarrantPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("warrant");
    let at = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let court = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Warrant(WarrantEntry {
            at: read_time(&mut p, "at", &at.get_untracked()),
            until: read_time(&mut p, "until", &until.get_untracked()),
            court: court.get_untracked().trim().to_owned(),
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        for s in [at, until, court] {
            s.set(String::new());
        }
    });
    panel(
        "warrant",
        "Warrant of further detention",
        view! {
            <EntryFormView
                ctx=ctx
                form=form
                id="warrant-form"
                submit_label="Record the warrant"
                entry=build
                done="Warrant recorded."
                on_done=on_done
            >
                <TextField id=form.id("at") label="Issued at" input_type="datetime-local" value=at error=form.err("at") />
                <TextField
                    id=form.id("until")
                    label="Authorises detention until"
                    input_type="datetime-local"
                    value=until
                    error=form.err("until")
                />
                <TextField id=form.id("court") label="Court" value=court error=form.err("court") />
            </EntryFormView>
        },
    )
}

/// Charging the detainee.
#[component]
fn ChargePanel(ctx: RecordCtx) -> impl IntoView {
    let refdata = use_reference_data();
    let form = EntryForm::new("charge");
    let offences = RwSignal::new(
        ctx.record
            .with_untracked(|r| r.as_ref().map(|r| r.arrest.offences.clone()).unwrap_or_default()),
    );
    let at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Charge(ChargeEntry {
            at: read_time(&mut p, "at", &at.get_untracked()),
            offences: offences.get_untracked(),
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| at.set(String::new()));
    let options = Signal::derive(move || {
        refdata.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.offences
                        .iter()
                        .map(|o| (o.code.clone(), o.label.clone()))
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    panel(
        "charge",
        "Charge",
        view! {
            {move || {
                ctx.with(|r| r.charged_at)
                    .map(|c| view! { <p class="body">{format!("Charged {}.", local_time(c))}</p> })
            }}
            <EntryFormView
                ctx=ctx
                form=form
                id="charge-form"
                submit_label="Record the charge"
                entry=build
                done="Charge recorded."
                on_done=on_done
            >
                <ChecklistField
                    id=form.id("offences")
                    legend="Offences charged"
                    value=offences
                    options=options
                    error=form.err("offences")
                />
                {at_field(form, at, "Charged at")}
            </EntryFormView>
        },
    )
}

/// The disposal and release (closes the record).
#[component]
fn DisposalPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("disposal");
    let outcome = RwSignal::new(String::new());
    let at = RwSignal::new(String::new());
    let bail_date = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let needs_bail =
        move || parse_code::<DisposalOutcome>(&outcome.get()).is_some_and(DisposalOutcome::needs_bail_date);
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let o: Option<DisposalOutcome> = parse_code(&outcome.get_untracked());
        if o.is_none() {
            p.push(FieldError::new("outcome", "required", "Choose the outcome"));
        }
        let o = o.unwrap_or(DisposalOutcome::NoFurtherAction);
        let bail = if o.needs_bail_date() {
            let t = bail_date.get_untracked();
            if t.trim().is_empty() {
                None
            } else {
                let d = NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok();
                if d.is_none() {
                    p.push(FieldError::new("bail_date", "format", "Enter a real date"));
                }
                d
            }
        } else {
            None
        };
        let entry = CustodyEntry::Disposal(DisposalEntry {
            outcome: o,
            at: read_time(&mut p, "at", &at.get_untracked()),
            bail_date: bail,
            notes: notes.get_untracked().trim().to_owned(),
        });
        (entry, p)
    });
    panel(
        "disposal",
        "Disposal and release",
        view! {
            <p class="body notice">"Recording the disposal releases the detainee and closes the record."</p>
            <EntryFormView
                ctx=ctx
                form=form
                id="disposal-form"
                submit_label="Record the disposal and release"
                entry=build
                done="Disposal recorded: the record is closed."
            >
                <ChoiceField
                    id=form.id("outcome")
                    label="Outcome"
                    value=outcome
                    options=Signal::derive(|| choices_of(&DisposalOutcome::ALL, DisposalOutcome::label))
                    error=form.err("outcome")
                    empty="Choose"
                />
                {at_field(form, at, "Released at")}
                <Show when=needs_bail>
                    <TextField
                        id=form.id("bail_date")
                        label="Date to answer bail"
                        input_type="date"
                        value=bail_date
                        error=form.err("bail_date")
                    />
                </Show>
                <TextArea
                    id=form.id("notes")
                    label="Bail conditions, caution details, notes"
                    value=notes
                    error=form.err("notes")
                    rows=3
                />
            </EntryFormView>
        },
    )
}

/// An annotation (the only entry a closed record takes).
#[component]
pub fn AnnotationPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("annotation");
    let text = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let entry = CustodyEntry::Annotation(AnnotationEntry {
            text: text.get_untracked().trim().to_owned(),
        });
        (entry, Vec::new())
    });
    let on_done = Callback::new(move |_| text.set(String::new()));
    panel(
        "annotation",
        "Annotation",
        view! {
            <EntryFormView
                ctx=ctx
                form=form
                id="annotation-form"
                submit_label="Add the annotation"
                entry=build
                done="Annotation added."
                on_done=on_done
            >
                <TextArea id=form.id("text") label="Annotation" value=text error=form.err("text") rows=3 />
            </EntryFormView>
        },
    )
}
