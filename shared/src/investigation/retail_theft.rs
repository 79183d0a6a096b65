//! The retail-theft path in one request: the store, the suspect, the items and the CCTV, checked at once.

use super::*;

/// A suspect on the retail-theft path: someone known, someone new, or a description.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PersonChoice {
    /// An existing person (picked from the suggestions).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub person_id: Option<Uuid>,
    /// A new person.
    #[serde(default)]
    pub new_person: Option<CreatePersonRequest>,
    /// Description of someone not identified.
    #[serde(default)]
    pub description: Option<String>,
}

/// An item taken.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StolenItem {
    /// What it is (e.g. "2 x bottles of whisky").
    #[serde(default)]
    pub description: String,
    /// Value in pence.
    #[serde(default)]
    pub value_pence: Option<i64>,
}

/// The CCTV on the retail-theft path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CctvExhibit {
    /// Exhibit reference.
    #[serde(default)]
    pub reference: String,
    /// What it is (e.g. "CCTV footage 14:02–14:10 on USB stick").
    #[serde(default)]
    pub description: String,
    /// Where it is stored.
    #[serde(default)]
    pub storage: String,
}

/// The retail-theft (shoplifting) path: everything a shoplifting needs, in one request, recorded and
/// allocated in one transaction. Send an `Idempotency-Key` (the app sends its draft id) so a repeated
/// submit never makes two crimes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RetailTheftRequest {
    /// The store, if already known (its premises are then reused as the scene).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub store_id: Option<Uuid>,
    /// A new store.
    #[serde(default)]
    pub new_store: Option<OrganisationInput>,
    /// The new store's premises (needed with `new_store`).
    #[serde(default)]
    pub new_store_address: Option<LocationInput>,
    /// When the theft happened (from).
    #[serde(default)]
    pub offence_from: Option<DateTime<Utc>>,
    /// When (to); defaults to `offence_from`.
    #[serde(default)]
    pub offence_to: Option<DateTime<Utc>>,
    /// How it was done (at least 20 characters).
    #[serde(default)]
    pub modus_operandi: String,
    /// The suspect.
    #[serde(default)]
    pub suspect: PersonChoice,
    /// What was taken.
    #[serde(default)]
    pub items: Vec<StolenItem>,
    /// The store detective or member of staff who saw it.
    #[serde(default)]
    pub witness: Option<PersonChoice>,
    /// The CCTV seized.
    #[serde(default)]
    pub cctv: Option<CctvExhibit>,
    /// Allocate to one of the force's teams or units (its code) or a unit queue instead of to the
    /// recording officer.
    #[serde(default)]
    pub unit: Option<String>,
}

/// The offence code the retail-theft path records.
pub const SHOPLIFTING_OFFENCE: &str = "theft_shop";

/// The lowest value of a stolen item, in pence.
pub const MIN_ITEM_VALUE_PENCE: i64 = 0;
/// The highest value of a stolen item, in pence (£1,000,000).
pub const MAX_ITEM_VALUE_PENCE: i64 = 100_000_000;

/// Every rule of the retail-theft path that needs no database, all at once.
pub fn check_retail_theft(r: &RetailTheftRequest, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    match (r.store_id.is_some(), r.new_store.is_some()) {
        (false, false) => e.push(FieldError::new(
            "store_id",
            "required",
            "Pick the store or add it",
        )),
        (true, true) => e.push(FieldError::new(
            "store_id",
            "one_of",
            "Pick the store or add a new one, not both",
        )),
        _ => {}
    }
    if let Some(s) = &r.new_store {
        for fe in crate::index::organisations::check_organisation(s) {
            e.push(FieldError {
                path: format!("new_store.{}", fe.path),
                ..fe
            });
        }
        match &r.new_store_address {
            None => e.push(FieldError::new(
                "new_store_address",
                "required",
                "Enter the store's address",
            )),
            Some(a) => {
                for fe in crate::index::locations::check_location(a) {
                    e.push(FieldError {
                        path: format!("new_store_address.{}", fe.path),
                        ..fe
                    });
                }
            }
        }
    }
    match r.offence_from {
        None => e.push(FieldError::new(
            "offence_from",
            "required",
            "Enter when it happened",
        )),
        Some(f) if f > now + Duration::minutes(5) => e.push(FieldError::new(
            "offence_from",
            "future",
            "Cannot be in the future",
        )),
        Some(f) => {
            if r.offence_to.is_some_and(|t| t < f) {
                e.push(FieldError::new(
                    "offence_to",
                    "before_from",
                    "Must not be before the start",
                ));
            }
        }
    }
    if r.modus_operandi.trim().chars().count() < MIN_MO_CHARS {
        e.push(FieldError::new(
            "modus_operandi",
            "too_short",
            format!("Describe how it was done in at least {MIN_MO_CHARS} characters"),
        ));
    }
    check_mo_length(&mut e, &r.modus_operandi);
    check_choice(&mut e, "suspect", &r.suspect, true);
    if let Some(w) = &r.witness {
        check_choice(&mut e, "witness", w, false);
    }
    if r.items.is_empty() {
        e.push(FieldError::new("items", "required", "Add what was taken"));
    }
    for (i, it) in r.items.iter().enumerate() {
        if it.description.trim().is_empty() {
            e.push(FieldError::new(
                format!("items.{i}.description"),
                "required",
                "Say what was taken",
            ));
        }
        if it
            .value_pence
            .is_some_and(|v| !(MIN_ITEM_VALUE_PENCE..=MAX_ITEM_VALUE_PENCE).contains(&v))
        {
            e.push(FieldError::new(
                format!("items.{i}.value_pence"),
                "range",
                "Enter a value from £0 to £1,000,000",
            ));
        }
    }
    if let Some(c) = &r.cctv {
        if c.reference.trim().is_empty() {
            e.push(FieldError::new(
                "cctv.reference",
                "required",
                "Enter the exhibit reference",
            ));
        }
        if c.description.trim().is_empty() {
            e.push(FieldError::new(
                "cctv.description",
                "required",
                "Describe the footage",
            ));
        }
        if c.storage.trim().is_empty() {
            e.push(FieldError::new(
                "cctv.storage",
                "required",
                "Say where it is stored",
            ));
        }
    }
    e
}

pub(super) fn check_choice(e: &mut Vec<FieldError>, path: &str, c: &PersonChoice, description_allowed: bool) {
    let given = [
        c.person_id.is_some(),
        c.new_person.is_some(),
        !blank(&c.description),
    ]
    .into_iter()
    .filter(|b| *b)
    .count();
    if given != 1 {
        e.push(FieldError::new(
            format!("{path}.person_id"),
            "one_of",
            if description_allowed {
                "Pick the person, add them, or describe them"
            } else {
                "Pick the person or add them"
            },
        ));
    }
    if !description_allowed && !blank(&c.description) {
        e.push(FieldError::new(
            format!("{path}.description"),
            "not_allowed",
            "A witness must be a person",
        ));
    }
}

/// The total value of the items, in pence.
pub fn total_value(items: &[StolenItem]) -> i64 {
    items.iter().filter_map(|i| i.value_pence).sum()
}
