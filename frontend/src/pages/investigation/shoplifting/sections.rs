//! The shoplifting form's fieldsets, top to bottom: store, when and how, suspect, what was
//! taken, witness, CCTV, allocation.

use super::draft::{field_id, Form, ItemRow};
use crate::components::error_summary::error_at;
use crate::components::field::{CheckboxField, SelectField, TextArea, TextField};
use crate::components::live_search::LiveSearch;
use crate::components::money::{parse_pounds, pounds};
use crate::components::person_choice::{NewPersonFields, PickedPerson};
use crate::components::person_matches::PersonMatches;
use crate::components::record_picker::Picked;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::index::people::PersonMatch;
use bluelamp_shared::investigation::{total_value, StolenItem};
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use uuid::Uuid;

type Errors = RwSignal<Vec<FieldError>>;

fn err(errors: Errors) -> impl Fn(&'static str) -> Signal<Option<String>> + Copy {
    move |id: &'static str| error_at(errors, field_id, id)
}

/// Picking a suggested match fills `slot` with that person.
fn pick_person(slot: RwSignal<Option<Picked>>) -> Callback<PersonMatch> {
    Callback::new(move |m: PersonMatch| {
        slot.set(Some(Picked {
            id: m.summary.record.id,
            label: m.summary.label,
            kind: RecordKind::Person,
        }))
    })
}

/// A store not on the system yet: its name and address.
#[component]
fn NewStoreFields(f: Form, errors: Errors) -> impl IntoView {
    let e = err(errors);
    view! {
        <div class="row-group">
            <TextField id="store-name" label="Store name" value=f.store_name error=e("store-name") />
            <TextField
                id="store-premises"
                label="Unit or building number/name"
                value=f.store_premises
                error=e("store-premises")
            />
            <TextField id="store-street" label="Street" value=f.store_street error=e("store-street") />
            <div class="inline-fields">
                <TextField id="store-town" label="Town" value=f.store_town error=e("store-town") />
                <TextField
                    id="store-postcode"
                    label="Postcode"
                    value=f.store_postcode
                    error=e("store-postcode")
                />
            </div>
        </div>
    }
}

/// The store: picked as you type, or added.
#[component]
pub(super) fn StoreFieldset(f: Form, store_search: LiveSearch, errors: Errors) -> impl IntoView {
    let e = err(errors);
    let pick_store = move |id: Uuid, label: String| {
        f.store.set(Some(Picked {
            id,
            label,
            kind: RecordKind::Organisation,
        }));
        f.new_store.set(false);
    };
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Store (the victim)"</legend>
            {move || match f.store.get() {
                Some(p) if !f.new_store.get() => {
                    view! {
                        <p class="body picked" id="store-picked">
                            <strong>{p.label}</strong>
                            " "
                            <button
                                type="button"
                                class="button button--secondary button--small"
                                id="change-store"
                                on:click=move |_| f.store.set(None)
                            >
                                "Change store"
                            </button>
                        </p>
                    }
                        .into_any()
                }
                _ => ().into_any(),
            }}
            <div hidden=move || f.store.with(Option::is_some) || f.new_store.get()>
                <TextField
                    id="store-search"
                    label="Find the store"
                    hint="Type the store's name; pick it from the list."
                    value=store_search.query
                    error=e("store-search")
                />
                <p class="small" role="status">
                    {move || store_search.status()}
                </p>
                <ul class="list store-options" id="store-options">
                    {move || {
                        store_search
                            .results
                            .get()
                            .map(|(_, r)| r.hits)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|h| {
                                let id = h.summary.record.id;
                                let label = h.summary.label.clone();
                                let details = h.summary.details.join(" · ");
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="button button--secondary option"
                                            data-testid="store-option"
                                            on:click=move |_| pick_store(id, label.clone())
                                        >
                                            <span class="option__label">{h.summary.label.clone()}</span>
                                            {(!details.is_empty())
                                                .then(|| view! { <span class="option__details">{details}</span> })}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
            <div class="checkboxes__item" hidden=move || f.store.with(Option::is_some) && !f.new_store.get()>
                <input
                    class="checkboxes__input"
                    type="checkbox"
                    id="new-store"
                    name="new-store"
                    prop:checked=move || f.new_store.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        f.new_store.set(on);
                        if on {
                            f.store.set(None);
                            if f.store_name.with_untracked(String::is_empty) {
                                f.store_name.set(store_search.query.get_untracked().trim().to_owned());
                            }
                        }
                    }
                />
                <label class="label checkboxes__label" for="new-store">
                    "The store is not on the system: add it"
                </label>
            </div>
            <Show when=move || f.new_store.get()>
                <NewStoreFields f=f errors=errors />
            </Show>
        </fieldset>
    }
}

/// When and how.
#[component]
pub(super) fn WhenFieldset(f: Form, errors: Errors) -> impl IntoView {
    let e = err(errors);
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"When and how"</legend>
            <div class="inline-fields">
                <TextField
                    id="offence-from"
                    label="When (from)"
                    input_type="datetime-local"
                    value=f.offence_from
                    error=e("offence-from")
                />
                <TextField
                    id="offence-to"
                    label="To (optional)"
                    input_type="datetime-local"
                    value=f.offence_to
                    error=e("offence-to")
                />
            </div>
            <TextArea
                id="mo"
                label="How it was done"
                hint="Edit this to say what the suspect did (at least 20 characters)."
                value=f.mo
                error=e("mo")
                rows=3
            />
        </fieldset>
    }
}

/// The suspect: picked from the suggestions, entered, or described.
#[component]
pub(super) fn SuspectFieldset(
    f: Form,
    errors: Errors,
    suspect_matches: PersonMatches,
    suspect_reason_needed: Memo<bool>,
) -> impl IntoView {
    let e = err(errors);
    let pick_suspect = pick_person(f.suspect);
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Suspect"</legend>
            <PickedPerson id="suspect" role="Suspect" picked=f.suspect />
            <div hidden=move || f.suspect.with(Option::is_some)>
                <CheckboxField
                    id="suspect-unknown"
                    label="The suspect is not identified: describe them instead"
                    checked=f.suspect_unknown
                />
                <div hidden=move || f.suspect_unknown.get()>
                    <NewPersonFields
                        id="suspect"
                        reason_label="If none of these is the suspect, why?"
                        matches_title="Is the suspect already recorded?"
                        pick_label="This is the suspect"
                        forename=f.suspect_forename
                        surname=f.suspect_surname
                        dob=f.suspect_dob
                        reason=f.suspect_reason
                        errors=[e("suspect-forename"), e("suspect-surname"), e("suspect-dob"), e("suspect-new-reason")]
                        matches=suspect_matches
                        on_pick=pick_suspect
                        reason_needed=suspect_reason_needed
                        names_class="inline-fields"
                    />
                </div>
                <Show when=move || f.suspect_unknown.get()>
                    <TextArea
                        id="suspect-unknown-description"
                        label="Description of the suspect"
                        hint="Sex, age, build, height, clothing, anything distinctive."
                        value=f.suspect_description
                        error=e("suspect-unknown-description")
                        rows=3
                    />
                </Show>
            </div>
        </fieldset>
    }
}

/// What was taken, with the total value.
#[component]
pub(super) fn ItemsFieldset(f: Form, errors: Errors) -> impl IntoView {
    let total = move || {
        let items: Vec<StolenItem> = f
            .items
            .get()
            .iter()
            .map(|r| StolenItem {
                description: String::new(),
                value_pence: parse_pounds(&r.value.get()),
            })
            .collect();
        pounds(total_value(&items))
    };
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"What was taken"</legend>
            {move || {
                f.items
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let desc_id = format!("item-description-{i}");
                        let value_id = format!("item-value-{i}");
                        let de = Signal::derive({
                            let id = desc_id.clone();
                            move || errors.with(|es| es.iter().find(|e| field_id(&e.path) == id).map(|e| e.message.clone()))
                        });
                        let ve = Signal::derive({
                            let id = value_id.clone();
                            move || errors.with(|es| es.iter().find(|e| field_id(&e.path) == id).map(|e| e.message.clone()))
                        });
                        view! {
                            <div class="inline-fields item-row">
                                <TextField id=desc_id label="Item" value=r.description error=de />
                                <TextField id=value_id label="Value (£)" value=r.value error=ve />
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <p class="small" aria-live="polite">
                {move || format!("Total value: {}", total())}
            </p>
            <button
                type="button"
                class="button button--secondary button--small"
                id="add-item"
                on:click=move |_| {
                    f.items.update(|r| r.push(ItemRow::new("", "")));
                    let i = f.items.with_untracked(Vec::len) - 1;
                    request_animation_frame(move || crate::components::focus_by_id(&format!("item-description-{i}")));
                }
            >
                "Add another item"
            </button>
        </fieldset>
    }
}

/// The witness (optional).
#[component]
pub(super) fn WitnessFieldset(
    f: Form,
    errors: Errors,
    witness_matches: PersonMatches,
    witness_reason_needed: Memo<bool>,
) -> impl IntoView {
    let e = err(errors);
    let no_error = Signal::derive(|| None::<String>);
    let pick_witness = pick_person(f.witness);
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Witness (store detective or staff)"</legend>
            <p class="hint">"Optional."</p>
            <PickedPerson id="witness" role="Witness" picked=f.witness />
            <div hidden=move || f.witness.with(Option::is_some)>
                <NewPersonFields
                    id="witness"
                    reason_label="If none of these is the witness, why?"
                    matches_title="Is the witness already recorded?"
                    pick_label="This is the witness"
                    forename=f.witness_forename
                    surname=f.witness_surname
                    reason=f.witness_reason
                    errors=[e("witness-forename"), e("witness-surname"), no_error, e("witness-new-reason")]
                    matches=witness_matches
                    on_pick=pick_witness
                    reason_needed=witness_reason_needed
                    names_class="inline-fields"
                    matches_when=Signal::derive(move || !f.witness_surname.with(|s| s.trim().is_empty()))
                />
            </div>
        </fieldset>
    }
}

/// CCTV seized.
#[component]
pub(super) fn CctvFieldset(f: Form, errors: Errors) -> impl IntoView {
    let e = err(errors);
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"CCTV"</legend>
            <CheckboxField id="cctv-seized" label="CCTV seized" checked=f.cctv />
            <Show when=move || f.cctv.get()>
                <div class="row-group">
                    <TextField
                        id="cctv-reference"
                        label="Exhibit reference"
                        value=f.cctv_reference
                        error=e("cctv-reference")
                    />
                    <TextField
                        id="cctv-description"
                        label="Description"
                        value=f.cctv_description
                        error=e("cctv-description")
                    />
                    <TextField
                        id="cctv-storage"
                        label="Where it is stored"
                        hint="For example: Northby property store, bag M123456."
                        value=f.cctv_storage
                        error=e("cctv-storage")
                    />
                </div>
            </Show>
        </fieldset>
    }
}

/// Allocation.
#[component]
pub(super) fn AllocationFieldset(f: Form, errors: Errors) -> impl IntoView {
    let e = err(errors);
    let units = crate::pages::investigation::allocation_units();
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Allocation"</legend>
            <SelectField
                id="allocate-unit"
                label="Allocate to"
                value=f.unit
                options=units
                error=e("allocate-unit")
                empty="Me (I am the officer in charge)"
            />
        </fieldset>
    }
}
