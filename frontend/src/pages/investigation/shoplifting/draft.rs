//! The shoplifting form's draft and state: what is saved (ShopliftingDraft), one signal per input,
//! reading the draft into the request with every problem, and the field ids the errors link to.

use crate::components::error_summary::{items_in_element_order, ErrorItem};
use crate::components::money::parse_pounds;
use crate::components::person_choice::{blank_to_none, new_person, NEW_RECORD_REASONS};
use crate::components::record_picker::Picked;
use crate::components::time::{from_input, now, to_input, today};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::index::locations::LocationInput;
use bluelamp_shared::index::organisations::OrganisationInput;
use bluelamp_shared::index::people::check_create;
use bluelamp_shared::investigation::{
    check_retail_theft, CctvExhibit, PersonChoice, RetailTheftRequest, StolenItem,
};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
pub(super) struct ItemRow {
    pub(super) description: RwSignal<String>,
    pub(super) value: RwSignal<String>,
}

impl ItemRow {
    pub(super) fn new(d: &str, v: &str) -> Self {
        Self {
            description: RwSignal::new(d.to_owned()),
            value: RwSignal::new(v.to_owned()),
        }
    }
}

/// One signal per input.
#[derive(Debug, Clone, Copy)]
pub(super) struct Form {
    pub(super) store: RwSignal<Option<Picked>>,
    pub(super) new_store: RwSignal<bool>,
    pub(super) store_name: RwSignal<String>,
    pub(super) store_premises: RwSignal<String>,
    pub(super) store_street: RwSignal<String>,
    pub(super) store_town: RwSignal<String>,
    pub(super) store_postcode: RwSignal<String>,
    pub(super) offence_from: RwSignal<String>,
    pub(super) offence_to: RwSignal<String>,
    pub(super) mo: RwSignal<String>,
    pub(super) suspect: RwSignal<Option<Picked>>,
    pub(super) suspect_unknown: RwSignal<bool>,
    pub(super) suspect_forename: RwSignal<String>,
    pub(super) suspect_surname: RwSignal<String>,
    pub(super) suspect_dob: RwSignal<String>,
    pub(super) suspect_description: RwSignal<String>,
    pub(super) suspect_reason: RwSignal<String>,
    pub(super) items: RwSignal<Vec<ItemRow>>,
    pub(super) witness: RwSignal<Option<Picked>>,
    pub(super) witness_forename: RwSignal<String>,
    pub(super) witness_surname: RwSignal<String>,
    pub(super) witness_reason: RwSignal<String>,
    pub(super) cctv: RwSignal<bool>,
    pub(super) cctv_reference: RwSignal<String>,
    pub(super) cctv_description: RwSignal<String>,
    pub(super) cctv_storage: RwSignal<String>,
    pub(super) unit: RwSignal<String>,
}

pub(super) fn s(v: &str) -> RwSignal<String> {
    RwSignal::new(v.to_owned())
}

impl Form {
    pub(super) fn new(d: &ShopliftingDraft) -> Self {
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
    pub(super) fn apply(&self, d: &ShopliftingDraft) {
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
    pub(super) fn snapshot(&self, store_query: String) -> ShopliftingDraft {
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
pub(super) fn draft_label(d: &ShopliftingDraft) -> String {
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

pub(super) fn prefixed(errors: Vec<FieldError>, prefix: &str) -> impl Iterator<Item = FieldError> + '_ {
    errors.into_iter().map(move |fe| FieldError {
        path: format!("{prefix}.{}", fe.path),
        ..fe
    })
}

/// The store: the one picked (its id), or a new one with its address.
fn store_of(
    d: &ShopliftingDraft,
) -> (
    Option<uuid::Uuid>,
    Option<OrganisationInput>,
    Option<LocationInput>,
) {
    if d.new_store {
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
    }
}

/// A date and time typed in (`None` when empty; a problem at `path` when it cannot be read).
fn read_time(text: &str, path: &str, problems: &mut Vec<FieldError>) -> Option<DateTime<Utc>> {
    if text.trim().is_empty() {
        None
    } else {
        let t = from_input(text);
        if t.is_none() {
            problems.push(FieldError::new(path, "format", "Enter a real date and time"));
        }
        t
    }
}

/// The suspect: picked, described (not identified), or a new person.
fn suspect_choice(
    d: &ShopliftingDraft,
    suspect_reason: bool,
    problems: &mut Vec<FieldError>,
) -> PersonChoice {
    if let Some(p) = &d.suspect {
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
    }
}

/// The witness, if any: picked or a new person.
fn witness_choice(
    d: &ShopliftingDraft,
    witness_reason: bool,
    problems: &mut Vec<FieldError>,
) -> Option<PersonChoice> {
    if let Some(p) = &d.witness {
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
    }
}

/// The items taken, with their values read from pounds.
fn stolen_items(d: &ShopliftingDraft, problems: &mut Vec<FieldError>) -> Vec<StolenItem> {
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
    items
}

/// Builds the request from a draft, with every problem found (the shared rules plus the form's
/// own: dates and amounts that cannot be read). `suspect_reason` / `witness_reason`: whether
/// suggestions were shown, so a new record carries the reason.
pub(super) fn build(
    d: &ShopliftingDraft,
    suspect_reason: bool,
    witness_reason: bool,
) -> (RetailTheftRequest, Vec<FieldError>) {
    let mut problems = Vec::new();
    let (store_id, new_store, new_store_address) = store_of(d);
    let offence_from = read_time(&d.offence_from, "offence_from", &mut problems);
    let offence_to = read_time(&d.offence_to, "offence_to", &mut problems);
    let suspect = suspect_choice(d, suspect_reason, &mut problems);
    let witness = witness_choice(d, witness_reason, &mut problems);
    let items = stolen_items(d, &mut problems);
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
pub(super) const ORDER: &[&str] = &[
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

pub(super) fn items_in_order(errors: &[FieldError]) -> Vec<ErrorItem> {
    let rank = |t: &str| {
        ORDER
            .iter()
            .position(|o| *o == t)
            .or_else(|| t.strip_prefix("item-").map(|_| 14))
    };
    items_in_element_order(errors, field_id, rank, ORDER.len())
}

/// The initials of a name ("Ngozi Okafor" → "NO").
pub(super) fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The defaults of a new form: now, the usual modus operandi, one empty item, CCTV fields
/// pre-filled with the officer's first exhibit reference.
pub(super) fn fresh(officer: &str) -> ShopliftingDraft {
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
