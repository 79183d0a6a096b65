//! `/investigation/shoplifting`: the retail-theft path. One screen records and allocates a
//! shoplifting: the store (picked as you type, or added), when and how, the suspect (with
//! duplicate suggestions, or described), what was taken, the store detective, the CCTV and the
//! allocation. Sensible defaults are filled in, so the shortest path is a handful of fields.
//!
//! The form autosaves (debounced) to `localStorage` and to `PUT /drafts/{id}`; the draft's id is
//! also the submit's `Idempotency-Key`, so however often the button is pressed one crime is made.

use crate::api::AuthClient;
use crate::components::autosave::{autosave_status, local_key, submit_failure, DraftOffer, Drafts};
use crate::components::error_summary::{
    error_at, items_in_element_order, keep_unfixed, ErrorItem, ErrorSummary,
};
use crate::components::field::{CheckboxField, SelectField, TextArea, TextField};
use crate::components::ids::new_uuid;
use crate::components::live_search::LiveSearch;
use crate::components::module_page::ModulePage;
use crate::components::money::{parse_pounds, pounds};
use crate::components::person_choice::{
    blank_to_none, match_query, new_person, NewPersonFields, PickedPerson, NEW_RECORD_REASONS,
};
use crate::components::person_matches::PersonMatches;
use crate::components::record::{choices, use_reference_data};
use crate::components::record_picker::Picked;
use crate::components::time::today;
use crate::components::time::{from_input, now, to_input};
use crate::routes::{crime_path, Page};
use crate::session::use_session;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::{
    check_retail_theft, total_value, CctvExhibit, PersonChoice, RetailTheftRequest, StolenItem,
};
use bluelamp_shared::locations::LocationInput;
use bluelamp_shared::organisations::OrganisationInput;
use bluelamp_shared::people::{check_create, PersonMatch};
use bluelamp_shared::records::RecordKind;
use chrono::{DateTime, NaiveDate, Utc};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The `form` name of the drafts this page saves.
pub const DRAFT_FORM: &str = "retail_theft";

/// The modus operandi offered (editable): long enough to record, true of most shoplifting.
pub const DEFAULT_MO: &str = "Selected items from display, concealed them and left the store without paying";

/// Everything the form holds, as saved in a draft.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShopliftingDraft {
    /// The store picked.
    pub store: Option<Picked>,
    /// What was typed in the store search.
    pub store_query: String,
    /// Adding a new store.
    pub new_store: bool,
    /// New store: name.
    pub store_name: String,
    /// New store: premises.
    pub store_premises: String,
    /// New store: street.
    pub store_street: String,
    /// New store: town.
    pub store_town: String,
    /// New store: postcode.
    pub store_postcode: String,
    /// When (from), `datetime-local` text.
    pub offence_from: String,
    /// When (to), `datetime-local` text.
    pub offence_to: String,
    /// Modus operandi.
    pub mo: String,
    /// The suspect picked from the suggestions.
    pub suspect: Option<Picked>,
    /// The suspect is not identified.
    pub suspect_unknown: bool,
    /// Suspect's given name.
    pub suspect_forename: String,
    /// Suspect's surname.
    pub suspect_surname: String,
    /// Suspect's date of birth (`YYYY-MM-DD`).
    pub suspect_dob: String,
    /// An unknown suspect's description.
    pub suspect_description: String,
    /// Why a new suspect record despite suggestions.
    pub suspect_reason: String,
    /// Items: description and value in pounds as typed.
    pub items: Vec<(String, String)>,
    /// The witness picked.
    pub witness: Option<Picked>,
    /// Witness's given name.
    pub witness_forename: String,
    /// Witness's surname.
    pub witness_surname: String,
    /// Why a new witness record despite suggestions.
    pub witness_reason: String,
    /// CCTV seized.
    pub cctv: bool,
    /// CCTV exhibit reference.
    pub cctv_reference: String,
    /// CCTV description.
    pub cctv_description: String,
    /// Where the CCTV is stored.
    pub cctv_storage: String,
    /// Allocate to this unit (empty: to me).
    pub unit: String,
}

#[derive(Debug, Clone, Copy)]
struct ItemRow {
    description: RwSignal<String>,
    value: RwSignal<String>,
}

impl ItemRow {
    fn new(d: &str, v: &str) -> Self {
        Self {
            description: RwSignal::new(d.to_owned()),
            value: RwSignal::new(v.to_owned()),
        }
    }
}

/// One signal per input.
#[derive(Debug, Clone, Copy)]
struct Form {
    store: RwSignal<Option<Picked>>,
    new_store: RwSignal<bool>,
    store_name: RwSignal<String>,
    store_premises: RwSignal<String>,
    store_street: RwSignal<String>,
    store_town: RwSignal<String>,
    store_postcode: RwSignal<String>,
    offence_from: RwSignal<String>,
    offence_to: RwSignal<String>,
    mo: RwSignal<String>,
    suspect: RwSignal<Option<Picked>>,
    suspect_unknown: RwSignal<bool>,
    suspect_forename: RwSignal<String>,
    suspect_surname: RwSignal<String>,
    suspect_dob: RwSignal<String>,
    suspect_description: RwSignal<String>,
    suspect_reason: RwSignal<String>,
    items: RwSignal<Vec<ItemRow>>,
    witness: RwSignal<Option<Picked>>,
    witness_forename: RwSignal<String>,
    witness_surname: RwSignal<String>,
    witness_reason: RwSignal<String>,
    cctv: RwSignal<bool>,
    cctv_reference: RwSignal<String>,
    cctv_description: RwSignal<String>,
    cctv_storage: RwSignal<String>,
    unit: RwSignal<String>,
}

fn s(v: &str) -> RwSignal<String> {
    RwSignal::new(v.to_owned())
}

impl Form {
    fn new(d: &ShopliftingDraft) -> Self {
        let f = Self {
            store: RwSignal::new(None),
            new_store: RwSignal::new(false),
            store_name: s(""),
            store_premises: s(""),
            store_street: s(""),
            store_town: s(""),
            store_postcode: s(""),
            offence_from: s(""),
            offence_to: s(""),
            mo: s(""),
            suspect: RwSignal::new(None),
            suspect_unknown: RwSignal::new(false),
            suspect_forename: s(""),
            suspect_surname: s(""),
            suspect_dob: s(""),
            suspect_description: s(""),
            suspect_reason: s(""),
            items: RwSignal::new(Vec::new()),
            witness: RwSignal::new(None),
            witness_forename: s(""),
            witness_surname: s(""),
            witness_reason: s(""),
            cctv: RwSignal::new(false),
            cctv_reference: s(""),
            cctv_description: s(""),
            cctv_storage: s(""),
            unit: s(""),
        };
        f.apply(d);
        f
    }

    /// Puts a draft into the inputs.
    fn apply(&self, d: &ShopliftingDraft) {
        self.store.set(d.store.clone());
        self.new_store.set(d.new_store);
        self.store_name.set(d.store_name.clone());
        self.store_premises.set(d.store_premises.clone());
        self.store_street.set(d.store_street.clone());
        self.store_town.set(d.store_town.clone());
        self.store_postcode.set(d.store_postcode.clone());
        self.offence_from.set(d.offence_from.clone());
        self.offence_to.set(d.offence_to.clone());
        self.mo.set(d.mo.clone());
        self.suspect.set(d.suspect.clone());
        self.suspect_unknown.set(d.suspect_unknown);
        self.suspect_forename.set(d.suspect_forename.clone());
        self.suspect_surname.set(d.suspect_surname.clone());
        self.suspect_dob.set(d.suspect_dob.clone());
        self.suspect_description.set(d.suspect_description.clone());
        self.suspect_reason.set(d.suspect_reason.clone());
        let mut rows: Vec<ItemRow> = d.items.iter().map(|(a, b)| ItemRow::new(a, b)).collect();
        if rows.is_empty() {
            rows.push(ItemRow::new("", ""));
        }
        self.items.set(rows);
        self.witness.set(d.witness.clone());
        self.witness_forename.set(d.witness_forename.clone());
        self.witness_surname.set(d.witness_surname.clone());
        self.witness_reason.set(d.witness_reason.clone());
        self.cctv.set(d.cctv);
        self.cctv_reference.set(d.cctv_reference.clone());
        self.cctv_description.set(d.cctv_description.clone());
        self.cctv_storage.set(d.cctv_storage.clone());
        self.unit.set(d.unit.clone());
    }

    /// The draft (tracked: read in an effect, it re-runs on every change).
    fn snapshot(&self, store_query: String) -> ShopliftingDraft {
        ShopliftingDraft {
            store: self.store.get(),
            store_query,
            new_store: self.new_store.get(),
            store_name: self.store_name.get(),
            store_premises: self.store_premises.get(),
            store_street: self.store_street.get(),
            store_town: self.store_town.get(),
            store_postcode: self.store_postcode.get(),
            offence_from: self.offence_from.get(),
            offence_to: self.offence_to.get(),
            mo: self.mo.get(),
            suspect: self.suspect.get(),
            suspect_unknown: self.suspect_unknown.get(),
            suspect_forename: self.suspect_forename.get(),
            suspect_surname: self.suspect_surname.get(),
            suspect_dob: self.suspect_dob.get(),
            suspect_description: self.suspect_description.get(),
            suspect_reason: self.suspect_reason.get(),
            items: self
                .items
                .get()
                .iter()
                .map(|r| (r.description.get(), r.value.get()))
                .collect(),
            witness: self.witness.get(),
            witness_forename: self.witness_forename.get(),
            witness_surname: self.witness_surname.get(),
            witness_reason: self.witness_reason.get(),
            cctv: self.cctv.get(),
            cctv_reference: self.cctv_reference.get(),
            cctv_description: self.cctv_description.get(),
            cctv_storage: self.cctv_storage.get(),
            unit: self.unit.get(),
        }
    }
}

/// The label of a draft in the drafts list.
fn draft_label(d: &ShopliftingDraft) -> String {
    let store = d
        .store
        .as_ref()
        .map(|p| p.label.clone())
        .unwrap_or_else(|| d.store_name.clone());
    let suspect = match (&d.suspect, d.suspect_unknown) {
        (Some(p), _) => p.label.clone(),
        (None, true) => "unknown suspect".to_owned(),
        (None, false) => format!("{} {}", d.suspect_forename.trim(), d.suspect_surname.trim())
            .trim()
            .to_owned(),
    };
    let mut label = "Shoplifting".to_owned();
    if !store.trim().is_empty() {
        label.push_str(&format!(" at {}", store.trim()));
    }
    if !suspect.is_empty() {
        label.push_str(&format!(" – {suspect}"));
    }
    label
}

fn prefixed(errors: Vec<FieldError>, prefix: &str) -> impl Iterator<Item = FieldError> + '_ {
    errors.into_iter().map(move |fe| FieldError {
        path: format!("{prefix}.{}", fe.path),
        ..fe
    })
}

/// Builds the request from a draft, with every problem found (the shared rules plus the form's
/// own: dates and amounts that cannot be read). `suspect_reason` / `witness_reason`: whether
/// suggestions were shown, so a new record carries the reason.
fn build(
    d: &ShopliftingDraft,
    suspect_reason: bool,
    witness_reason: bool,
) -> (RetailTheftRequest, Vec<FieldError>) {
    let mut problems = Vec::new();
    let (store_id, new_store, new_store_address) = if d.new_store {
        (
            None,
            Some(OrganisationInput {
                name: d.store_name.trim().to_owned(),
                kind: "business".to_owned(),
                ..Default::default()
            }),
            Some(LocationInput {
                premises: d.store_premises.trim().to_owned(),
                street: d.store_street.trim().to_owned(),
                town: d.store_town.trim().to_owned(),
                postcode: d.store_postcode.trim().to_owned(),
                ..Default::default()
            }),
        )
    } else {
        (d.store.as_ref().map(|p| p.id), None, None)
    };
    let offence_from = if d.offence_from.trim().is_empty() {
        None
    } else {
        let t = from_input(&d.offence_from);
        if t.is_none() {
            problems.push(FieldError::new(
                "offence_from",
                "format",
                "Enter a real date and time",
            ));
        }
        t
    };
    let offence_to = if d.offence_to.trim().is_empty() {
        None
    } else {
        let t = from_input(&d.offence_to);
        if t.is_none() {
            problems.push(FieldError::new(
                "offence_to",
                "format",
                "Enter a real date and time",
            ));
        }
        t
    };
    let suspect = if let Some(p) = &d.suspect {
        PersonChoice {
            person_id: Some(p.id),
            ..Default::default()
        }
    } else if d.suspect_unknown {
        PersonChoice {
            description: blank_to_none(&d.suspect_description),
            ..Default::default()
        }
    } else if d.suspect_forename.trim().is_empty() && d.suspect_surname.trim().is_empty() {
        PersonChoice::default()
    } else {
        let dob = if d.suspect_dob.trim().is_empty() {
            None
        } else {
            let p = NaiveDate::parse_from_str(d.suspect_dob.trim(), "%Y-%m-%d").ok();
            if p.is_none() {
                problems.push(FieldError::new(
                    "suspect.new_person.dates_of_birth.0",
                    "format",
                    "Enter the date of birth as a real date",
                ));
            }
            p
        };
        let reason = suspect_reason.then(|| blank_to_none(&d.suspect_reason)).flatten();
        if suspect_reason && reason.is_none() {
            problems.push(FieldError::new(
                "suspect.new_person.new_record_reason",
                "required",
                "Possible matches were suggested: say why none of them is the suspect",
            ));
        }
        let np = new_person(&d.suspect_forename, &d.suspect_surname, dob, reason);
        problems.extend(prefixed(check_create(&np, today()), "suspect.new_person"));
        PersonChoice {
            new_person: Some(np),
            ..Default::default()
        }
    };
    let witness = if let Some(p) = &d.witness {
        Some(PersonChoice {
            person_id: Some(p.id),
            ..Default::default()
        })
    } else if d.witness_forename.trim().is_empty() && d.witness_surname.trim().is_empty() {
        None
    } else {
        let reason = witness_reason.then(|| blank_to_none(&d.witness_reason)).flatten();
        if witness_reason && reason.is_none() {
            problems.push(FieldError::new(
                "witness.new_person.new_record_reason",
                "required",
                "Possible matches were suggested: say why none of them is the witness",
            ));
        }
        let np = new_person(&d.witness_forename, &d.witness_surname, None, reason);
        problems.extend(prefixed(check_create(&np, today()), "witness.new_person"));
        Some(PersonChoice {
            new_person: Some(np),
            ..Default::default()
        })
    };
    let mut items = Vec::new();
    // Empty rows at the end (an "add another" not used) are left out; the others keep their
    // index, so the server's `items.N` errors point at the right row.
    let used = d
        .items
        .iter()
        .rposition(|(a, b)| !a.trim().is_empty() || !b.trim().is_empty())
        .map_or(1, |last| last + 1);
    for (i, (desc, value)) in d.items.iter().take(used).enumerate() {
        let value_pence = if value.trim().is_empty() {
            None
        } else {
            let v = parse_pounds(value);
            if v.is_none() {
                problems.push(FieldError::new(
                    format!("items.{i}.value_pence"),
                    "format",
                    "Enter the value in pounds, for example 12.50",
                ));
            }
            v
        };
        items.push(StolenItem {
            description: desc.trim().to_owned(),
            value_pence,
        });
    }
    let cctv = d.cctv.then(|| CctvExhibit {
        reference: d.cctv_reference.trim().to_owned(),
        description: d.cctv_description.trim().to_owned(),
        storage: d.cctv_storage.trim().to_owned(),
    });
    let req = RetailTheftRequest {
        store_id,
        new_store,
        new_store_address,
        offence_from,
        offence_to,
        modus_operandi: d.mo.trim().to_owned(),
        suspect,
        items,
        witness,
        cctv,
        unit: blank_to_none(&d.unit),
    };
    let mut all = check_retail_theft(&req, now());
    // The form's own reading problems replace the shared "required" for the same field.
    all.retain(|e| !problems.iter().any(|p| p.path == e.path));
    all.extend(problems);
    (req, all)
}

/// The order of the form, top to bottom (element ids).
const ORDER: &[&str] = &[
    "store-search",
    "store-name",
    "store-premises",
    "store-street",
    "store-town",
    "store-postcode",
    "offence-from",
    "offence-to",
    "mo",
    "suspect-forename",
    "suspect-surname",
    "suspect-dob",
    "suspect-new-reason",
    "suspect-unknown-description",
    "item-description-0",
    "witness-forename",
    "witness-surname",
    "witness-new-reason",
    "cctv-reference",
    "cctv-description",
    "cctv-storage",
    "allocate-unit",
];

/// Field path (as the shared rules and the API name it) → element id.
pub fn field_id(path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["store_id", ..] => "store-search".to_owned(),
        ["new_store", "name", ..] | ["new_store", ..] => "store-name".to_owned(),
        ["new_store_address", f, ..] if ["premises", "street", "town", "postcode"].contains(f) => {
            format!("store-{f}")
        }
        ["new_store_address", ..] => "store-street".to_owned(),
        ["offence_from", ..] => "offence-from".to_owned(),
        ["offence_to", ..] => "offence-to".to_owned(),
        ["modus_operandi", ..] => "mo".to_owned(),
        ["suspect", "description", ..] => "suspect-unknown-description".to_owned(),
        ["suspect", "new_person", "names", _, "surname"] => "suspect-surname".to_owned(),
        ["suspect", "new_person", "dates_of_birth", ..] => "suspect-dob".to_owned(),
        ["suspect", "new_person", "new_record_reason", ..] => "suspect-new-reason".to_owned(),
        ["suspect", ..] => "suspect-forename".to_owned(),
        ["items", i, "value_pence", ..] => format!("item-value-{i}"),
        ["items", i, ..] => format!("item-description-{i}"),
        ["items"] => "item-description-0".to_owned(),
        ["witness", "new_person", "names", _, "surname"] => "witness-surname".to_owned(),
        ["witness", "new_person", "new_record_reason", ..] => "witness-new-reason".to_owned(),
        ["witness", ..] => "witness-forename".to_owned(),
        ["cctv", f, ..] => format!("cctv-{f}"),
        ["cctv"] => "cctv-reference".to_owned(),
        ["unit", ..] => "allocate-unit".to_owned(),
        _ => "store-search".to_owned(),
    }
}

fn items_in_order(errors: &[FieldError]) -> Vec<ErrorItem> {
    let rank = |t: &str| {
        ORDER
            .iter()
            .position(|o| *o == t)
            .or_else(|| t.strip_prefix("item-").map(|_| 14))
    };
    items_in_element_order(errors, field_id, rank, ORDER.len())
}

/// The initials of a name ("Ngozi Okafor" → "NO").
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The defaults of a new form: now, the usual modus operandi, one empty item, CCTV fields
/// pre-filled with the officer's first exhibit reference.
fn fresh(officer: &str) -> ShopliftingDraft {
    let init = initials(officer);
    ShopliftingDraft {
        offence_from: to_input(now()),
        mo: DEFAULT_MO.to_owned(),
        suspect_reason: NEW_RECORD_REASONS[0].to_owned(),
        witness_reason: NEW_RECORD_REASONS[0].to_owned(),
        items: vec![(String::new(), String::new())],
        cctv_reference: format!("{}/1", if init.is_empty() { "CCTV".to_owned() } else { init }),
        cctv_description: "Store CCTV footage of the theft".to_owned(),
        ..Default::default()
    }
}

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
