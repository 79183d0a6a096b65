//! The care panels of a custody record: cell visits, medication (each medicine with its doses), risk
//! and healthcare.

use super::super::fields::{read_time, PrescriptionFields, RiskFields, RiskForm, RxFields};
use super::super::record::{live_due, EntryForm, EntryFormView, RecordCtx};
use super::frame::EntryPanel;
use super::{at_field, choices_of, code_of, fact, parse_code, DOSE_OUTCOMES};
use crate::components::field::ChoiceField;
use crate::components::field::{TextArea, TextField};
use crate::components::time::local_time;
use bluelamp_shared::custody::{
    CustodyEntry, DoseEntry, DoseOutcome, HealthcareEntry, VisitEntry, VisitKind,
};
use leptos::prelude::*;
use uuid::Uuid;

/// Cell visits: the care now and the quick visit form (`#visit-form`: what was checked, the
/// response, one button).
#[component]
pub(super) fn VisitsPanel(ctx: RecordCtx) -> impl IntoView {
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
    view! {
        <EntryPanel
            ctx=ctx
            id="visits"
            title="Visits"
            form=form
            submit_label="Record visit"
            entry=build
            done="Visit recorded."
            on_done=on_done
            intro=view! {
                <dl class="summary-list" id="visits-care">
                    {observation_fact(ctx)}
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
            }
                .into_any()
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
        </EntryPanel>
    }
}

/// Medication: each medicine with its next dose and a quick dose form, and adding a medicine.
#[component]
pub(super) fn MedicationPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("prescription");
    let rx = RxFields::new();
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Prescription(rx.read("", &mut p));
        (entry, p)
    });
    let on_done = Callback::new(move |_| rx.clear());
    view! {
        <EntryPanel
            ctx=ctx
            id="medication"
            title="Medication"
            form=form
            submit_label="Add medicine"
            entry=build
            done="Medicine added."
            on_done=on_done
            intro=view! {
                {move || {
                    ctx.with(|r| r.medication.is_empty())
                        .then(|| view! { <p class="body">"No medication is recorded."</p> })
                }}
                <For each=move || ctx.with(|r| r.medication.iter().map(|m| m.id).collect::<Vec<_>>()) key=|id| *id let:id>
                    <MedicineCard ctx=ctx id=id />
                </For>
                <h3 class="heading-m">"Add a medicine"</h3>
            }
                .into_any()
        >
            <PrescriptionFields fields=rx id_prefix="prescription" errors=form.errors />
        </EntryPanel>
    }
}

/// One medicine: how it is given, the next dose, the doses so far and the quick dose form
/// (`#dose-form-{prescription id}`).
#[component]
pub(super) fn MedicineCard(ctx: RecordCtx, id: Uuid) -> impl IntoView {
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
                        Some(e) => format!("Every {}", super::super::minutes_text(e)),
                        None => format!("At {}", super::super::fields::times_text(&p.times)),
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

/// Risk: the care now, and a reassessment.
#[component]
pub(super) fn RiskPanel(ctx: RecordCtx) -> impl IntoView {
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
    view! {
        <EntryPanel
            ctx=ctx
            id="risk"
            title="Risk"
            form=form
            submit_label="Record the assessment"
            entry=build
            done="Risk assessment recorded."
            on_done=on_done
            intro=view! {
                <dl class="summary-list" id="risk-now">
                    {fact(
                        "Assessed",
                        move || match ctx.with(|r| r.care.risk_assessed_at) {
                            Some(t) => local_time(t).into_any(),
                            None => view! { <strong class="tag tag--overdue">"Risk assessment due"</strong> }.into_any(),
                        },
                    )}
                    {observation_fact(ctx)}
                    {fact(
                        "Risk markers",
                        move || {
                            let m = ctx.with(|r| r.care.risk_markers.join(", "));
                            if m.is_empty() { "None".to_owned() } else { m }
                        },
                    )}
                </dl>
                <h3 class="heading-m">"Assess the risk again"</h3>
            }
                .into_any()
        >
            {at_field(form, at, "When")}
            <RiskFields form=risk questions=ctx.questions id_prefix="risk" errors=form.errors />
        </EntryPanel>
    }
}

/// Healthcare professionals' contacts.
#[component]
pub(super) fn HealthcarePanel(ctx: RecordCtx) -> impl IntoView {
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
    view! {
        <EntryPanel
            ctx=ctx
            id="healthcare"
            title="Healthcare"
            form=form
            submit_label="Record"
            entry=build
            done="Healthcare contact recorded."
            on_done=on_done
            intro=view! {
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
            }
                .into_any()
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
        </EntryPanel>
    }
}

/// The "Observation level" row of a panel's facts (`Level 2, rouse at each visit`).
fn observation_fact(ctx: RecordCtx) -> impl IntoView {
    fact("Observation level", move || {
        ctx.with(|r| {
            format!(
                "Level {}{}",
                r.care.observation_level,
                if r.care.rousing {
                    ", rouse at each visit"
                } else {
                    ""
                }
            )
        })
    })
}
