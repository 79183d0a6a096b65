//! `/investigation/shoplifting`: the retail-theft path. One screen records and allocates a
//! shoplifting: the store (picked as you type, or added), when and how, the suspect (with
//! duplicate suggestions, or described), what was taken, the store detective, the CCTV and the
//! allocation. Sensible defaults are filled in, so the shortest path is a handful of fields.
//!
//! The form autosaves (debounced) to `localStorage` and to `PUT /drafts/{id}`; the draft's id is
//! also the submit's `Idempotency-Key`, so however often the button is pressed one crime is made.

mod draft;

use self::draft::{build, draft_label, fresh, items_in_order, Form, ItemRow};
pub use self::draft::{field_id, ShopliftingDraft, DEFAULT_MO, DRAFT_FORM};

use crate::api::AuthClient;
use crate::components::autosave::{autosave_status, local_key, submit_failure, DraftOffer, Drafts};
use crate::components::error_summary::{error_at, keep_unfixed, ErrorItem, ErrorSummary};
use crate::components::field::{CheckboxField, SelectField, TextArea, TextField};
use crate::components::ids::new_uuid;
use crate::components::live_search::LiveSearch;
use crate::components::module_page::ModulePage;
use crate::components::money::{parse_pounds, pounds};
use crate::components::person_choice::{match_query, NewPersonFields, PickedPerson};
use crate::components::person_matches::PersonMatches;
use crate::components::record::{choices, use_reference_data};
use crate::components::record_picker::Picked;
use crate::routes::{crime_path, Page};
use crate::session::use_session;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::index::people::PersonMatch;
use bluelamp_shared::investigation::{total_value, StolenItem};
use bluelamp_shared::records::RecordKind;
use chrono::{DateTime, Utc};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

/// `/investigation/shoplifting`.
#[component]
pub fn ShopliftingPage() -> impl IntoView {
    view! {
        <ModulePage page=Page::Shoplifting>
            <ShopliftingForm />
        </ModulePage>
    }
}

#[component]
fn ShopliftingForm() -> impl IntoView {
    let session = use_session();
    let client = AuthClient::new(session);
    let navigate = use_navigate();
    let refdata = use_reference_data();
    let (user_id, officer) = session
        .user()
        .with_untracked(|u| u.as_ref().map(|u| (u.id.0.to_string(), u.display_name.clone())))
        .unwrap_or_default();
    let storage_key = local_key(DRAFT_FORM, &user_id);

    let initial = fresh(&officer);
    let f = Form::new(&initial);
    let store_search = LiveSearch::new(Some(RecordKind::Organisation));
    let pristine = StoredValue::new(initial);
    let draft_id = StoredValue::new(new_uuid());
    let done = StoredValue::new(false);

    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let saved_at = RwSignal::new(None::<(DateTime<Utc>, bool)>);
    let offer = RwSignal::new(None::<DraftOffer<ShopliftingDraft>>);
    let drafts = Drafts::new(client, DRAFT_FORM, storage_key.clone(), draft_id, done);

    // Duplicate suggestions for the suspect and the witness.
    let suspect_matches = PersonMatches::new(move || {
        (f.suspect.get().is_none() && !f.suspect_unknown.get())
            .then(|| match_query(f.suspect_forename, f.suspect_surname, Some(f.suspect_dob)))
    });
    let witness_matches = PersonMatches::new(move || {
        f.witness
            .get()
            .is_none()
            .then(|| match_query(f.witness_forename, f.witness_surname, None))
    });
    let reason_error = move |path: &str| errors.with(|es| es.iter().any(|e| e.path == path));
    let suspect_reason_needed = Memo::new(move |_| {
        suspect_matches.shown.get() || reason_error("suspect.new_person.new_record_reason")
    });
    let witness_reason_needed = Memo::new(move |_| {
        witness_matches.shown.get() || reason_error("witness.new_person.new_record_reason")
    });

    // Offer the latest unfinished draft, and autosave as the form changes.
    drafts.offer_latest(offer);
    drafts.autosave(
        pristine,
        saved_at,
        move || f.snapshot(store_search.query.get()),
        draft_label,
    );

    // After a failed submit, messages go as soon as the field is put right.
    Effect::new(move |_| {
        let snap = f.snapshot(String::new());
        let found = build(&snap, suspect_reason_needed.get(), witness_reason_needed.get()).1;
        keep_unfixed(errors, found);
    });

    let offer_banner = drafts.offer_banner(offer, pristine, "shoplifting", move |data| {
        f.apply(data);
        store_search.query.set(data.store_query.clone());
    });

    let submit_key = storage_key.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || done.get_value() {
            return;
        }
        let snap = untrack(|| f.snapshot(String::new()));
        let (req, problems) = build(
            &snap,
            suspect_reason_needed.get_untracked(),
            witness_reason_needed.get_untracked(),
        );
        if !problems.is_empty() {
            summary.set(items_in_order(&problems));
            errors.set(problems);
            return;
        }
        // The draft id is the idempotency key: a second press, or a retry after a lost answer,
        // sends the same key and gets the same crime.
        let id = draft_id.get_value();
        busy.set(true);
        let navigate = navigate.clone();
        let storage_key = submit_key.clone();
        spawn_local(async move {
            let result = client.retail_theft(&req, &id.to_string()).await;
            match result {
                Ok(crime) => {
                    done.set_value(true);
                    LocalStorage::delete(&storage_key);
                    let _ = client.delete_draft(id).await;
                    navigate(&crime_path(crime.id), Default::default());
                }
                Err(e) => {
                    let _ = busy.try_set(false);
                    let (fields, items) = submit_failure(
                        &e,
                        "Your shoplifting is saved on this device: press the button again when you are back online; it will not be recorded twice.",
                        items_in_order,
                    );
                    let _ = errors.try_set(fields);
                    let _ = summary.try_set(items);
                }
            }
        });
    };

    let e = move |id: &'static str| error_at(errors, field_id, id);
    let units = Signal::derive(move || refdata.with(|d| choices(d, "investigation_unit")));
    let no_error = Signal::derive(|| None::<String>);
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

    let pick_store = move |id: Uuid, label: String| {
        f.store.set(Some(Picked {
            id,
            label,
            kind: RecordKind::Organisation,
        }));
        f.new_store.set(false);
    };
    let pick_suspect = Callback::new(move |m: PersonMatch| {
        f.suspect.set(Some(Picked {
            id: m.summary.record.id,
            label: m.summary.label,
            kind: RecordKind::Person,
        }))
    });
    let pick_witness = Callback::new(move |m: PersonMatch| {
        f.witness.set(Some(Picked {
            id: m.summary.record.id,
            label: m.summary.label,
            kind: RecordKind::Person,
        }))
    });

    view! {
        <div class="shoplifting">
            {offer_banner}
            <ErrorSummary items=summary id="shoplifting-error-summary" />
            <form novalidate id="shoplifting-form" class="shoplifting__form" on:submit=on_submit>
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
                    </Show>
                </fieldset>

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

                <div class="button-group">
                    <button
                        type="submit"
                        class="button"
                        id="shoplifting-submit"
                        aria-disabled=move || busy.get().to_string()
                    >
                        {move || if busy.get() { "Recording…" } else { "Record and allocate" }}
                    </button>
                    {autosave_status(saved_at)}
                </div>
            </form>
        </div>
    }
}
