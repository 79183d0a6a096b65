//! `/investigation/shoplifting`: the retail-theft path. One screen records and allocates a
//! shoplifting: the store (picked as you type, or added), when and how, the suspect (with
//! duplicate suggestions, or described), what was taken, the store detective, the CCTV and the
//! allocation. Sensible defaults are filled in, so the shortest path is a handful of fields.
//!
//! The form autosaves (debounced) to `localStorage` and to `PUT /drafts/{id}`; the draft's id is
//! also the submit's `Idempotency-Key`, so however often the button is pressed one crime is made.

mod draft;
mod sections;

use self::draft::{build, draft_label, fresh, items_in_order, Form};
pub use self::draft::{field_id, ShopliftingDraft, DEFAULT_MO, DRAFT_FORM};
use self::sections::{
    AllocationFieldset, CctvFieldset, ItemsFieldset, StoreFieldset, SuspectFieldset, WhenFieldset,
    WitnessFieldset,
};

use crate::api::AuthClient;
use crate::components::autosave::{autosave_status, local_key, submit_failure, DraftOffer, Drafts};
use crate::components::error_summary::{keep_unfixed, ErrorItem, ErrorSummary};
use crate::components::ids::new_uuid;
use crate::components::live_search::LiveSearch;
use crate::components::module_page::ModulePage;
use crate::components::person_choice::match_query;
use crate::components::person_matches::PersonMatches;
use crate::routes::{crime_path, Page};
use crate::session::use_session;
use bluelamp_shared::error::FieldError;
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

/// A new person needs a reason once matches were suggested, or while the reason shows an error.
fn reason_needed(
    matches: PersonMatches,
    errors: RwSignal<Vec<FieldError>>,
    path: &'static str,
) -> Memo<bool> {
    Memo::new(move |_| matches.shown.get() || errors.with(|es| es.iter().any(|e| e.path == path)))
}

#[component]
fn ShopliftingForm() -> impl IntoView {
    let session = use_session();
    let client = AuthClient::new(session);
    let navigate = use_navigate();
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
    let suspect_reason_needed =
        reason_needed(suspect_matches, errors, "suspect.new_person.new_record_reason");
    let witness_reason_needed =
        reason_needed(witness_matches, errors, "witness.new_person.new_record_reason");

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
    let o = Outcome {
        errors,
        summary,
        busy,
        done,
        draft_id,
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || done.get_value() {
            return;
        }
        let reasons = (
            suspect_reason_needed.get_untracked(),
            witness_reason_needed.get_untracked(),
        );
        submit(client, f, o, reasons, submit_key.clone(), navigate.clone());
    };

    view! {
        <div class="shoplifting">
            {offer_banner}
            <ErrorSummary items=summary id="shoplifting-error-summary" />
            <form novalidate id="shoplifting-form" class="shoplifting__form" on:submit=on_submit>
                <StoreFieldset f=f store_search=store_search errors=errors />
                <WhenFieldset f=f errors=errors />
                <SuspectFieldset
                    f=f
                    errors=errors
                    suspect_matches=suspect_matches
                    suspect_reason_needed=suspect_reason_needed
                />
                <ItemsFieldset f=f errors=errors />
                <WitnessFieldset
                    f=f
                    errors=errors
                    witness_matches=witness_matches
                    witness_reason_needed=witness_reason_needed
                />
                <CctvFieldset f=f errors=errors />
                <AllocationFieldset f=f errors=errors />

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

/// Where the submit shows how it went, and the draft it finishes.
#[derive(Clone, Copy)]
struct Outcome {
    errors: RwSignal<Vec<FieldError>>,
    summary: RwSignal<Vec<ErrorItem>>,
    busy: RwSignal<bool>,
    done: StoredValue<bool>,
    draft_id: StoredValue<Uuid>,
}

/// Checks and sends the shoplifting (`reasons`: whether the suspect and the witness need a
/// reason for a new record), then on to the crime made.
fn submit(
    client: AuthClient,
    f: Form,
    o: Outcome,
    (suspect_reason_needed, witness_reason_needed): (bool, bool),
    storage_key: String,
    navigate: impl Fn(&str, leptos_router::NavigateOptions) + 'static,
) {
    let Outcome {
        errors,
        summary,
        busy,
        done,
        draft_id,
    } = o;
    let snap = untrack(|| f.snapshot(String::new()));
    let (req, problems) = build(&snap, suspect_reason_needed, witness_reason_needed);
    if !problems.is_empty() {
        summary.set(items_in_order(&problems));
        errors.set(problems);
        return;
    }
    // The draft id is the idempotency key: a second press, or a retry after a lost answer,
    // sends the same key and gets the same crime.
    let id = draft_id.get_value();
    busy.set(true);
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
}
