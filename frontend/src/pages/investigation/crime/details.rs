//! The crime's details form (`PUT /crimes/{id}` with `If-Match`).

use super::{classification_of, offence_choices, CrimeCtx};
use crate::components::field::{CheckboxField, SelectField, TextArea, TextField, VocabularyChecks};
use crate::components::record::{choices, use_reference_data};
use crate::components::record_picker::{Picked, RecordPicker};
use crate::components::section::Section;
use crate::components::time::{from_input, now, to_input};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::{CrimeInput, CrimeState};
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The details form's inputs.
#[derive(Debug, Clone, Copy)]
struct Inputs {
    offence: RwSignal<String>,
    classification: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    mo: RwSignal<String>,
    domestic: RwSignal<bool>,
    strands: RwSignal<Vec<String>>,
    location: RwSignal<Option<Picked>>,
}

/// Checks and saves the details (with the version loaded).
fn save_details(ctx: CrimeCtx, f: Inputs, busy: RwSignal<bool>) {
    let Inputs {
        offence,
        classification,
        from,
        to,
        mo,
        domestic,
        strands,
        location,
    } = f;
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
}

/// The crime's details (`PUT /crimes/{id}` with `If-Match`). Classification and offence are
/// chosen here while a draft; afterwards they change only by reclassification.
#[component]
pub(super) fn Details(ctx: CrimeCtx) -> impl IntoView {
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
    let f = Inputs {
        offence,
        classification,
        from,
        to,
        mo,
        domestic,
        strands,
        location,
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save_details(ctx, f, busy);
    };
    let offences = Signal::derive(move || refdata.with(offence_choices));
    let classifications = Signal::derive(move || refdata.with(|d| choices(d, "ho_classification")));
    view! {
        <Section id="details" title="Details">
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
                        <VocabularyChecks prefix="crime-hate" vocabulary="hate_strand" selected=strands />
                    </div>
                </fieldset>
                <button type="submit" class="button button--secondary" id="crime-save" aria-disabled=move || busy.get().to_string()>
                    "Save details"
                </button>
            </form>
        </Section>
    }
}
