//! The panels of an open custody record, each in the one frame of [`frame::EntryPanel`] (heading,
//! what it shows, its entry form) with its own fields: visits, medication, risk and healthcare
//! (`care`); rights and representatives (`rights`); property, interviews, notes and cell moves
//! (`property`); review, extension and warrant (one panel, two ways), charge, disposal and
//! annotation (`detention`). The list of panels and the helpers they share are here.
//!
//! A time left empty means "now" (the server's), except where the entry is about a time.

mod care;
mod detention;
mod frame;
mod property;
mod rights;

use self::care::{HealthcarePanel, MedicationPanel, RiskPanel, VisitsPanel};
pub use self::detention::AnnotationPanel;
use self::detention::{ChargePanel, DetentionLimitPanel, DisposalPanel, Limit, ReviewPanel};
use self::property::{InterviewsPanel, NotesPanel, PropertyPanel};
use self::rights::{RepresentativesPanel, RightsPanel};
use super::fields::read_time;
use super::record::{EntryForm, RecordCtx};
use crate::components::field::TextField;
use bluelamp_shared::custody::{DoseOutcome, RepresentativeRole, RightStatus};
use bluelamp_shared::error::FieldError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

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
        <DetentionLimitPanel ctx=ctx limit=Limit::Extension />
        <DetentionLimitPanel ctx=ctx limit=Limit::Warrant />
        <ChargePanel ctx=ctx />
        <DisposalPanel ctx=ctx />
        <AnnotationPanel ctx=ctx />
    }
}
