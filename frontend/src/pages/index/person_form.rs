//! The person form: `/people/new` (create, with duplicate suggestions) and the edit form of a
//! person's page (the same component, prefilled, saved with `If-Match`).
//!
//! Every rule is the shared one (`people::check_create` / `people::check_person`), all errors at
//! once in the error summary and under the fields; the 4+1 indicator is worked out live with
//! `people::completeness` and never stops saving.

use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{items_for, problems_from, ErrorItem, ErrorSummary};
use crate::components::field::{SelectField, TextField};
use crate::components::ids::new_idempotency_key;
use crate::components::module_page::ModulePage;
use crate::components::person_matches::{MatchesPanel, PersonMatches};
use crate::components::record::{choices, use_reference_data};
use crate::components::time::today;
use crate::routes::{person_path, Page};
use crate::session::use_session;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::locations::LocationInput;
use bluelamp_shared::people::{
    check_create, check_person, completeness, AgeRange, Completeness, Contact, ContactKind,
    CreatePersonRequest, Identifier, IdentifierKind, Marker, NameKind, PersonAddress, PersonDto, PersonInput,
    PersonMatch, PersonMatchQuery, PersonName, Photo, Vulnerability,
};
use bluelamp_shared::records::Restriction;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// The shortest reason accepted for creating a new record despite suggestions.
const MIN_NEW_RECORD_REASON: usize = 5;

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// The fields of the form, top to bottom (for the error summary's order).
const FORM_ORDER: &[&str] = &[
    "names",
    "dates_of_birth",
    "estimated_age",
    "gender",
    "ethnicity",
    "nationality",
    "identifiers",
    "contacts",
    "markers",
    "vulnerabilities",
    "photos",
    "addresses",
    "restriction",
    "new_record_reason",
];

/// Field path (as the shared rules and the API name it) → element id.
pub fn field_id(path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    let dash = |s: &str| s.replace('_', "-");
    match parts.as_slice() {
        ["names"] | ["photos", ..] => "forename".to_owned(),
        ["names", i, f] => {
            let f = match *f {
                "middle_names" => "middle-names",
                "surname" => "surname",
                _ => "forename",
            };
            if *i == "0" {
                f.to_owned()
            } else {
                format!("names-{i}-{f}")
            }
        }
        ["dates_of_birth", i] => format!("dob-{i}"),
        ["estimated_age", ..] => "age-min".to_owned(),
        ["addresses", _, "reason"] => "address-reason".to_owned(),
        ["addresses", _, "new_location", f] if ["premises", "town", "postcode"].contains(f) => {
            (*f).to_owned()
        }
        ["addresses", ..] => "street".to_owned(),
        ["restriction", ..] => "restricted".to_owned(),
        ["new_record_reason"] => "new-record-reason".to_owned(),
        [a, i, f] => format!("{}-{i}-{}", dash(a), dash(f)),
        _ => dash(&path.replace('.', "-")),
    }
}

fn err_at(errors: RwSignal<Vec<FieldError>>, path: String) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|es| es.iter().find(|e| e.path == path).map(|e| e.message.clone())))
}

#[derive(Debug, Clone, Copy)]
struct NameRow {
    kind: RwSignal<String>,
    forename: RwSignal<String>,
    middle: RwSignal<String>,
    surname: RwSignal<String>,
    /// Kept as loaded (not edited here).
    valid: StoredValue<(Option<NaiveDate>, Option<NaiveDate>)>,
}

impl NameRow {
    fn new(n: &PersonName) -> Self {
        let kind = match n.kind {
            NameKind::Primary => "primary",
            NameKind::Alias => "alias",
            NameKind::Previous => "previous",
        };
        Self {
            kind: RwSignal::new(kind.to_owned()),
            forename: RwSignal::new(n.forename.clone()),
            middle: RwSignal::new(n.middle_names.clone()),
            surname: RwSignal::new(n.surname.clone()),
            valid: StoredValue::new((n.valid_from, n.valid_to)),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct PairRow {
    kind: RwSignal<String>,
    value: RwSignal<String>,
}

#[derive(Debug, Clone, Copy)]
struct MarkerRow {
    code: RwSignal<String>,
    set_on: RwSignal<String>,
    expires_on: RwSignal<String>,
    notes: RwSignal<String>,
}

#[derive(Debug, Clone, Copy)]
struct VulnRow {
    code: RwSignal<String>,
    noted_on: RwSignal<String>,
    notes: StoredValue<Option<String>>,
}

/// Everything the form holds, one signal per input.
#[derive(Debug, Clone, Copy)]
struct FormState {
    names: RwSignal<Vec<NameRow>>,
    dobs: RwSignal<Vec<RwSignal<String>>>,
    age_min: RwSignal<String>,
    age_max: RwSignal<String>,
    gender: RwSignal<String>,
    ethnicity: RwSignal<String>,
    nationality: RwSignal<String>,
    identifiers: RwSignal<Vec<PairRow>>,
    contacts: RwSignal<Vec<PairRow>>,
    markers: RwSignal<Vec<MarkerRow>>,
    vulnerabilities: RwSignal<Vec<VulnRow>>,
    restricted: RwSignal<bool>,
    premises: RwSignal<String>,
    street: RwSignal<String>,
    town: RwSignal<String>,
    postcode: RwSignal<String>,
    address_reason: RwSignal<String>,
    new_record_reason: RwSignal<String>,
    /// Kept as loaded (not edited here).
    photos: StoredValue<Vec<Photo>>,
    grantees: StoredValue<Restriction>,
}

impl FormState {
    fn new(p: &PersonInput) -> Self {
        let mut names: Vec<NameRow> = p.names.iter().map(NameRow::new).collect();
        if names.is_empty() {
            names.push(NameRow::new(&PersonName::default()));
        }
        let mut dobs: Vec<RwSignal<String>> = p
            .dates_of_birth
            .iter()
            .map(|d| RwSignal::new(date_text(Some(*d))))
            .collect();
        if dobs.is_empty() {
            dobs.push(RwSignal::new(String::new()));
        }
        let opt = |o: &Option<String>| RwSignal::new(o.clone().unwrap_or_default());
        Self {
            names: RwSignal::new(names),
            dobs: RwSignal::new(dobs),
            age_min: RwSignal::new(p.estimated_age.map(|a| a.min.to_string()).unwrap_or_default()),
            age_max: RwSignal::new(p.estimated_age.map(|a| a.max.to_string()).unwrap_or_default()),
            gender: opt(&p.gender),
            ethnicity: opt(&p.ethnicity),
            nationality: opt(&p.nationality),
            identifiers: RwSignal::new(
                p.identifiers
                    .iter()
                    .map(|i| PairRow {
                        kind: RwSignal::new(i.kind.as_str().to_owned()),
                        value: RwSignal::new(i.value.clone()),
                    })
                    .collect(),
            ),
            contacts: RwSignal::new(
                p.contacts
                    .iter()
                    .map(|c| PairRow {
                        kind: RwSignal::new(
                            match c.kind {
                                ContactKind::Phone => "phone",
                                ContactKind::Email => "email",
                            }
                            .to_owned(),
                        ),
                        value: RwSignal::new(c.value.clone()),
                    })
                    .collect(),
            ),
            markers: RwSignal::new(
                p.markers
                    .iter()
                    .map(|m| MarkerRow {
                        code: RwSignal::new(m.code.clone()),
                        set_on: RwSignal::new(date_text(Some(m.set_on))),
                        expires_on: RwSignal::new(date_text(m.expires_on)),
                        notes: RwSignal::new(m.notes.clone().unwrap_or_default()),
                    })
                    .collect(),
            ),
            vulnerabilities: RwSignal::new(
                p.vulnerabilities
                    .iter()
                    .map(|v| VulnRow {
                        code: RwSignal::new(v.code.clone()),
                        noted_on: RwSignal::new(date_text(Some(v.noted_on))),
                        notes: StoredValue::new(v.notes.clone()),
                    })
                    .collect(),
            ),
            restricted: RwSignal::new(p.restriction.restricted),
            premises: RwSignal::new(String::new()),
            street: RwSignal::new(String::new()),
            town: RwSignal::new(String::new()),
            postcode: RwSignal::new(String::new()),
            address_reason: RwSignal::new("home_address".to_owned()),
            new_record_reason: RwSignal::new(String::new()),
            photos: StoredValue::new(p.photos.clone()),
            grantees: StoredValue::new(p.restriction.clone()),
        }
    }

    /// The person as entered (tracked: reading it in an effect re-runs on every change), and
    /// the problems found turning text into dates and numbers.
    fn input(&self) -> (PersonInput, Vec<FieldError>) {
        let mut problems = Vec::new();
        let names = self
            .names
            .get()
            .iter()
            .map(|n| {
                let (valid_from, valid_to) = n.valid.get_value();
                PersonName {
                    kind: match n.kind.get().as_str() {
                        "alias" => NameKind::Alias,
                        "previous" => NameKind::Previous,
                        _ => NameKind::Primary,
                    },
                    forename: n.forename.get().trim().to_owned(),
                    middle_names: n.middle.get().trim().to_owned(),
                    surname: n.surname.get().trim().to_owned(),
                    valid_from,
                    valid_to,
                }
            })
            .collect();
        let mut dates_of_birth = Vec::new();
        for (i, d) in self.dobs.get().iter().enumerate() {
            let text = d.get();
            if text.trim().is_empty() {
                continue;
            }
            match parse_date(&text) {
                Some(d) => dates_of_birth.push(d),
                None => problems.push(FieldError::new(
                    format!("dates_of_birth.{i}"),
                    "format",
                    "Enter the date of birth as a real date, for example 12/03/1985",
                )),
            }
        }
        let (min, max) = (self.age_min.get(), self.age_max.get());
        let estimated_age = match (min.trim(), max.trim()) {
            ("", "") => None,
            (a, b) => match (
                a.parse::<u8>(),
                if b.is_empty() {
                    a.parse::<u8>()
                } else {
                    b.parse::<u8>()
                },
            ) {
                (Ok(min), Ok(max)) => Some(AgeRange { min, max }),
                _ => {
                    problems.push(FieldError::new(
                        "estimated_age",
                        "format",
                        "Enter the estimated age as whole years, for example 30 to 35",
                    ));
                    None
                }
            },
        };
        let code = |s: RwSignal<String>| Some(s.get()).filter(|c| !c.trim().is_empty());
        let identifiers = self
            .identifiers
            .get()
            .iter()
            .filter_map(|r| {
                Some(Identifier {
                    kind: IdentifierKind::parse(&r.kind.get())?,
                    value: r.value.get().trim().to_owned(),
                })
            })
            .collect();
        let contacts = self
            .contacts
            .get()
            .iter()
            .map(|r| Contact {
                kind: if r.kind.get() == "email" {
                    ContactKind::Email
                } else {
                    ContactKind::Phone
                },
                value: r.value.get().trim().to_owned(),
            })
            .collect();
        let mut markers = Vec::new();
        for (i, m) in self.markers.get().iter().enumerate() {
            let Some(set_on) = parse_date(&m.set_on.get()) else {
                problems.push(FieldError::new(
                    format!("markers.{i}.set_on"),
                    "required",
                    "Enter the date the marker was set",
                ));
                continue;
            };
            let expires_text = m.expires_on.get();
            let expires_on = parse_date(&expires_text);
            if expires_on.is_none() && !expires_text.trim().is_empty() {
                problems.push(FieldError::new(
                    format!("markers.{i}.expires_on"),
                    "format",
                    "Enter the expiry as a real date",
                ));
            }
            let notes = m.notes.get().trim().to_owned();
            markers.push(Marker {
                code: m.code.get(),
                set_on,
                expires_on,
                notes: (!notes.is_empty()).then_some(notes),
            });
        }
        let mut vulnerabilities = Vec::new();
        for (i, v) in self.vulnerabilities.get().iter().enumerate() {
            match parse_date(&v.noted_on.get()) {
                Some(noted_on) => vulnerabilities.push(Vulnerability {
                    code: v.code.get(),
                    noted_on,
                    notes: v.notes.get_value(),
                }),
                None => problems.push(FieldError::new(
                    format!("vulnerabilities.{i}.noted_on"),
                    "required",
                    "Enter the date the vulnerability was noted",
                )),
            }
        }
        let mut restriction = self.grantees.get_value();
        restriction.restricted = self.restricted.get();
        let input = PersonInput {
            names,
            dates_of_birth,
            estimated_age,
            gender: code(self.gender),
            ethnicity: code(self.ethnicity),
            nationality: code(self.nationality),
            identifiers,
            contacts,
            markers,
            vulnerabilities,
            photos: self.photos.get_value(),
            restriction,
        };
        (input, problems)
    }

    fn address(&self) -> Option<PersonAddress> {
        let l = LocationInput {
            premises: self.premises.get().trim().to_owned(),
            street: self.street.get().trim().to_owned(),
            town: self.town.get().trim().to_owned(),
            postcode: self.postcode.get().trim().to_owned(),
            ..Default::default()
        };
        let empty =
            l.premises.is_empty() && l.street.is_empty() && l.town.is_empty() && l.postcode.is_empty();
        (!empty).then(|| PersonAddress {
            location_id: None,
            new_location: Some(l),
            reason: self.address_reason.get(),
            valid_from: None,
            valid_to: None,
        })
    }

    /// The create request and every problem with it (shared rules plus the form's own).
    fn create_request(&self, reason_needed: bool) -> (CreatePersonRequest, Vec<FieldError>) {
        let (person, mut problems) = self.input();
        let reason = self.new_record_reason.get().trim().to_owned();
        let req = CreatePersonRequest {
            person,
            addresses: self.address().into_iter().collect(),
            new_record_reason: (reason_needed && !reason.is_empty()).then_some(reason.clone()),
        };
        problems.extend(check_create(&req, today()));
        if reason_needed && reason.chars().count() < MIN_NEW_RECORD_REASON {
            problems.push(FieldError::new(
                "new_record_reason",
                "required",
                "Possible matches were suggested: say why none of them is this person",
            ));
        }
        (req, problems)
    }

    /// The update body and every problem with it.
    fn update_input(&self) -> (PersonInput, Vec<FieldError>) {
        let (person, mut problems) = self.input();
        problems.extend(check_person(&person, today()));
        (person, problems)
    }

    fn match_query(&self) -> PersonMatchQuery {
        let first = self.names.with(|n| n.first().copied());
        let dob = self
            .dobs
            .with(|d| d.first().copied())
            .and_then(|d| parse_date(&d.get()));
        let identifier = self
            .identifiers
            .with(|ids| ids.first().copied())
            .map(|r| r.value.get().trim().to_owned())
            .filter(|v| !v.is_empty());
        let phone = self
            .contacts
            .with(|c| c.iter().find(|r| r.kind.get() == "phone").copied())
            .map(|r| r.value.get().trim().to_owned())
            .filter(|v| !v.is_empty());
        let postcode = Some(self.postcode.get().trim().to_owned()).filter(|p| !p.is_empty());
        PersonMatchQuery {
            forename: first
                .map(|n| n.forename.get().trim().to_owned())
                .unwrap_or_default(),
            surname: first
                .map(|n| n.surname.get().trim().to_owned())
                .unwrap_or_default(),
            date_of_birth: dob,
            identifier,
            phone,
            postcode,
        }
    }
}

/// The 4+1 data-quality indicator: what is there, and what is missing.
#[component]
pub fn CompletenessView(
    /// The indicator.
    #[prop(into)]
    value: Signal<Completeness>,
) -> impl IntoView {
    let row = move |label: &'static str, ok: bool| {
        view! {
            <li class="completeness__item" class:completeness__item--missing=!ok>
                <span class="completeness__mark" aria-hidden="true">
                    {if ok { "✓" } else { "✗" }}
                </span>
                {label}
                <span class="visually-hidden">{if ok { ": recorded" } else { ": missing" }}</span>
            </li>
        }
    };
    view! {
        <div class="completeness" id="completeness" aria-live="polite">
            {move || {
                let c = value.get();
                let count = [c.name, c.date_of_birth, c.gender, c.contact].iter().filter(|b| **b).count();
                view! {
                    <p class="completeness__title">
                        {if c.complete {
                            "4+1 data quality: complete".to_owned()
                        } else {
                            format!("4+1 data quality: {count} of 4 recorded — complete as soon as possible")
                        }}
                    </p>
                    <ul class="completeness__list">
                        {row("Name (given name and surname)", c.name)}
                        {row("Date of birth or estimated age", c.date_of_birth)}
                        {row("Gender", c.gender)}
                        {row("+1: address, telephone or e-mail", c.contact)}
                    </ul>
                    {(!c.missing.is_empty())
                        .then(|| {
                            view! {
                                <p class="small" id="completeness-missing">
                                    {format!("Missing: {}.", c.missing.join(", "))}
                                </p>
                            }
                        })}
                }
            }}
        </div>
    }
}

/// What happened when an edit was saved over someone else's change.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The person as saved now.
    pub current: PersonDto,
    /// Its ETag.
    pub current_etag: String,
    /// The person as the user loaded it before editing.
    pub loaded: PersonInput,
    /// What the user tried to save.
    pub yours: PersonInput,
}

/// How the form is used.
#[derive(Debug, Clone, PartialEq)]
pub enum FormMode {
    /// `/people/new`.
    Create,
    /// Editing a loaded person.
    Edit {
        /// The person as loaded.
        person: Box<PersonDto>,
        /// Its ETag (`"N"`).
        etag: String,
    },
}

/// `/people/new`.
#[component]
pub fn NewPersonPage() -> impl IntoView {
    view! {
        <ModulePage page=Page::NewPerson>
            <PersonForm mode=FormMode::Create />
        </ModulePage>
    }
}

fn remove_at<T>(rows: RwSignal<Vec<T>>, i: usize) -> impl Fn(leptos::ev::MouseEvent) + Copy
where
    T: Send + Sync + 'static,
{
    move |_| {
        rows.update(|r| {
            if i < r.len() {
                r.remove(i);
            }
        })
    }
}

/// The create / edit form.
#[component]
pub fn PersonForm(
    /// Create or edit.
    mode: FormMode,
    /// Edit only: called with the saved person and its new ETag.
    #[prop(optional)]
    on_saved: Option<Callback<(PersonDto, String)>>,
    /// Edit only: called when someone else saved first (412).
    #[prop(optional)]
    on_conflict: Option<Callback<Conflict>>,
    /// Edit only: called when the user gives up editing.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let navigate = use_navigate();
    let refdata = use_reference_data();
    let creating = mode == FormMode::Create;
    let (initial, edit) = match &mode {
        FormMode::Create => (PersonInput::default(), None),
        FormMode::Edit { person, etag } => (person.person.clone(), Some((person.id, etag.clone()))),
    };
    let has_address = match &mode {
        FormMode::Create => false,
        FormMode::Edit { person, .. } => person.completeness.contact && person.person.contacts.is_empty(),
    };
    let f = FormState::new(&initial);
    let loaded = StoredValue::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let key = StoredValue::new(new_idempotency_key());
    let last_sent = StoredValue::new(None::<CreatePersonRequest>);

    // Duplicate suggestions (create only).
    let suggestions = PersonMatches::new(move || creating.then(|| f.match_query()));
    let matches_shown = suggestions.shown;

    // Live 4+1 indicator.
    let quality = Memo::new(move |_| {
        let (p, _) = f.input();
        let address = has_address || f.address().is_some();
        completeness(&p, address)
    });

    // After a failed submit, fields showing an error are re-checked as the user types, so a
    // message goes as soon as it is put right (new errors are not raised while typing).
    Effect::new(move |_| {
        let found = if creating {
            f.create_request(matches_shown.get()).1
        } else {
            f.update_input().1
        };
        if errors.with_untracked(Vec::is_empty) {
            return;
        }
        errors.update(|es| {
            let shown: Vec<String> = es.iter().map(|e| e.path.clone()).collect();
            *es = found.into_iter().filter(|e| shown.contains(&e.path)).collect();
        });
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let fail = move |problems: Vec<FieldError>| {
            let mut ps = problems;
            ps.dedup_by(|a, b| a.path == b.path && a.message == b.message);
            summary.set(items_for(&ps, FORM_ORDER, field_id));
            errors.set(ps);
        };
        match edit.clone() {
            None => {
                let (req, problems) = untrack(|| f.create_request(matches_shown.get()));
                if !problems.is_empty() {
                    fail(problems);
                    return;
                }
                if last_sent.with_value(|l| l.as_ref() != Some(&req)) {
                    key.set_value(new_idempotency_key());
                    last_sent.set_value(Some(req.clone()));
                }
                let idempotency_key = key.get_value();
                busy.set(true);
                let navigate = navigate.clone();
                spawn_local(async move {
                    let result = client.create_person(&req, &idempotency_key).await;
                    let _ = busy.try_set(false);
                    match result {
                        Ok(p) => navigate(&person_path(p.id), Default::default()),
                        Err(e) => {
                            let (fields, items) = problems_from(&e, FORM_ORDER, field_id);
                            let _ = errors.try_set(fields);
                            let _ = summary.try_set(items);
                        }
                    }
                });
            }
            Some((id, etag)) => {
                let (input, problems) = untrack(|| f.update_input());
                if !problems.is_empty() {
                    fail(problems);
                    return;
                }
                busy.set(true);
                spawn_local(async move {
                    let result = client.update_person(id, &input, &etag).await;
                    let _ = busy.try_set(false);
                    match result {
                        Ok((p, new_etag)) => {
                            let new_etag = new_etag.unwrap_or_else(|| format!("\"{}\"", p.meta.version));
                            if let Some(cb) = on_saved {
                                cb.run((p, new_etag));
                            }
                        }
                        Err(ApiError::Problem(pr)) if pr.code == ErrorCode::PreconditionFailed => {
                            let current = pr
                                .current
                                .clone()
                                .and_then(|v| serde_json::from_value::<PersonDto>(v).ok());
                            match (current, on_conflict) {
                                (Some(current), Some(cb)) => {
                                    let current_etag = pr
                                        .current_etag
                                        .clone()
                                        .unwrap_or_else(|| format!("\"{}\"", current.meta.version));
                                    cb.run(Conflict {
                                        current,
                                        current_etag,
                                        loaded: loaded.get_value(),
                                        yours: input,
                                    });
                                }
                                _ => {
                                    let e = ApiError::Problem(pr);
                                    let _ = summary.try_set(vec![ErrorItem::general(e.message())]);
                                }
                            }
                        }
                        Err(e) => {
                            let (fields, items) = problems_from(&e, FORM_ORDER, field_id);
                            let _ = errors.try_set(fields);
                            let _ = summary.try_set(items);
                        }
                    }
                });
            }
        }
    };

    let genders = Signal::derive(move || refdata.with(|d| choices(d, "gender")));
    let ethnicities = Signal::derive(move || refdata.with(|d| choices(d, "ethnicity")));
    let nationalities = Signal::derive(move || refdata.with(|d| choices(d, "nationality")));
    let marker_types = Signal::derive(move || refdata.with(|d| choices(d, "marker_type")));
    let vulnerability_types = Signal::derive(move || refdata.with(|d| choices(d, "vulnerability")));
    let address_reasons = Signal::derive(move || {
        refdata.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.link_reasons
                        .iter()
                        .filter(|r| r.from_kind.as_str() == "person" && r.to_kind.as_str() == "location")
                        .map(|r| (r.code.clone(), r.label.clone()))
                        .collect()
                })
                .unwrap_or_else(|| vec![("home_address".to_owned(), "Home address".to_owned())])
        })
    });
    let identifier_kinds = Signal::derive(|| {
        use IdentifierKind::*;
        [PncId, CroNumber, NiNumber, Passport, DrivingLicence]
            .into_iter()
            .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let contact_kinds = Signal::derive(|| {
        vec![
            ("phone".to_owned(), "Telephone".to_owned()),
            ("email".to_owned(), "E-mail".to_owned()),
        ]
    });
    let name_kinds = Signal::derive(|| {
        vec![
            ("alias".to_owned(), "Alias".to_owned()),
            ("previous".to_owned(), "Previous name".to_owned()),
        ]
    });
    let no_error = Signal::derive(|| None::<String>);
    let e = move |path: String| err_at(errors, path);

    let navigate_match = use_navigate();
    let matches_panel = creating.then(|| {
        let on_pick = Callback::new(move |m: PersonMatch| {
            navigate_match(&person_path(m.summary.record.id), Default::default())
        });
        view! { <MatchesPanel matches=suggestions on_pick=on_pick /> }
    });

    view! {
        <div class="person-form" class:person-form--create=creating>
            <ErrorSummary items=summary id="person-error-summary" />
            <div class="person-form__layout">
                <form novalidate class="person-form__form" id="person-form" on:submit=on_submit>
                    <CompletenessView value=quality />
                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">"Names"</legend>
                        {move || {
                            f.names
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, n)| {
                                    let id = |field: &str| field_id(&format!("names.{i}.{field}"));
                                    let primary = i == 0;
                                    view! {
                                        <div class="row-group">
                                            {(!primary)
                                                .then(|| {
                                                    view! {
                                                        <SelectField
                                                            id=format!("names-{i}-kind")
                                                            label="Kind of name"
                                                            value=n.kind
                                                            options=name_kinds
                                                            error=no_error
                                                            empty="Choose"
                                                        />
                                                    }
                                                })}
                                            <TextField
                                                id=id("forename")
                                                label="Given name"
                                                value=n.forename
                                                error=e(format!("names.{i}.forename"))
                                            />
                                            <TextField
                                                id=id("middle_names")
                                                label="Middle names"
                                                value=n.middle
                                                error=e(format!("names.{i}.middle_names"))
                                            />
                                            <TextField
                                                id=id("surname")
                                                label="Surname"
                                                value=n.surname
                                                error=e(format!("names.{i}.surname"))
                                            />
                                            {(!primary)
                                                .then(|| {
                                                    view! {
                                                        <button
                                                            type="button"
                                                            class="button button--secondary button--small"
                                                            on:click=remove_at(f.names, i)
                                                        >
                                                            "Remove this name"
                                                        </button>
                                                    }
                                                })}
                                        </div>
                                    }
                                })
                                .collect_view()
                        }}
                        <p class="error-message" hidden=move || e("names".to_owned()).with(Option::is_none)>
                            {move || e("names".to_owned()).get().unwrap_or_default()}
                        </p>
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            id="add-alias"
                            on:click=move |_| {
                                f.names
                                    .update(|n| {
                                        let row = NameRow::new(&PersonName {
                                            kind: NameKind::Alias,
                                            ..Default::default()
                                        });
                                        n.push(row);
                                    })
                            }
                        >
                            "Add an alias or previous name"
                        </button>
                    </fieldset>

                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">"Date of birth or estimated age"</legend>
                        {move || {
                            f.dobs
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, d)| {
                                    view! {
                                        <TextField
                                            id=format!("dob-{i}")
                                            label={ if i == 0 { "Date of birth" } else { "Another date of birth given" } }
                                            input_type="date"
                                            value=d
                                            error=e(format!("dates_of_birth.{i}"))
                                        />
                                    }
                                })
                                .collect_view()
                        }}
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            id="add-dob"
                            on:click=move |_| f.dobs.update(|d| d.push(RwSignal::new(String::new())))
                        >
                            "Add another date of birth"
                        </button>
                        <div class="inline-fields">
                            <TextField
                                id="age-min"
                                label="Estimated age: from"
                                hint="Only if the date of birth is not known."
                                value=f.age_min
                                error=e("estimated_age".to_owned())
                            />
                            <TextField id="age-max" label="to" value=f.age_max error=no_error />
                        </div>
                    </fieldset>

                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">"Description"</legend>
                        <SelectField
                            id="gender"
                            label="Gender"
                            value=f.gender
                            options=genders
                            error=e("gender".to_owned())
                        />
                        <SelectField
                            id="ethnicity"
                            label="Self-defined ethnicity"
                            value=f.ethnicity
                            options=ethnicities
                            error=e("ethnicity".to_owned())
                        />
                        <SelectField
                            id="nationality"
                            label="Nationality"
                            value=f.nationality
                            options=nationalities
                            error=e("nationality".to_owned())
                        />
                    </fieldset>

                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">"Identifiers"</legend>
                        {move || {
                            f.identifiers
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, r)| {
                                    view! {
                                        <div class="row-group inline-fields">
                                            <SelectField
                                                id=format!("identifiers-{i}-kind")
                                                label="Kind"
                                                value=r.kind
                                                options=identifier_kinds
                                                error=no_error
                                                empty="Choose"
                                            />
                                            <TextField
                                                id=format!("identifiers-{i}-value")
                                                label="Value"
                                                value=r.value
                                                error=e(format!("identifiers.{i}.value"))
                                            />
                                            <button
                                                type="button"
                                                class="button button--secondary button--small"
                                                on:click=remove_at(f.identifiers, i)
                                            >
                                                "Remove"
                                            </button>
                                        </div>
                                    }
                                })
                                .collect_view()
                        }}
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            id="add-identifier"
                            on:click=move |_| {
                                f.identifiers
                                    .update(|r| {
                                        r.push(PairRow {
                                            kind: RwSignal::new("pnc_id".to_owned()),
                                            value: RwSignal::new(String::new()),
                                        })
                                    })
                            }
                        >
                            "Add an identifier"
                        </button>
                    </fieldset>

                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">"Telephone and e-mail"</legend>
                        {move || {
                            f.contacts
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, r)| {
                                    view! {
                                        <div class="row-group inline-fields">
                                            <SelectField
                                                id=format!("contacts-{i}-kind")
                                                label="Kind"
                                                value=r.kind
                                                options=contact_kinds
                                                error=no_error
                                                empty="Choose"
                                            />
                                            <TextField
                                                id=format!("contacts-{i}-value")
                                                label="Number or address"
                                                value=r.value
                                                error=e(format!("contacts.{i}.value"))
                                            />
                                            <button
                                                type="button"
                                                class="button button--secondary button--small"
                                                on:click=remove_at(f.contacts, i)
                                            >
                                                "Remove"
                                            </button>
                                        </div>
                                    }
                                })
                                .collect_view()
                        }}
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            id="add-contact"
                            on:click=move |_| {
                                f.contacts
                                    .update(|r| {
                                        r.push(PairRow {
                                            kind: RwSignal::new("phone".to_owned()),
                                            value: RwSignal::new(String::new()),
                                        })
                                    })
                            }
                        >
                            "Add a telephone or e-mail"
                        </button>
                    </fieldset>

                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">"Warning markers"</legend>
                        {move || {
                            f.markers
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, m)| {
                                    view! {
                                        <div class="row-group">
                                            <SelectField
                                                id=format!("markers-{i}-code")
                                                label="Marker"
                                                value=m.code
                                                options=marker_types
                                                error=e(format!("markers.{i}.code"))
                                                empty="Choose"
                                            />
                                            <div class="inline-fields">
                                                <TextField
                                                    id=format!("markers-{i}-set-on")
                                                    label="Set on"
                                                    input_type="date"
                                                    value=m.set_on
                                                    error=e(format!("markers.{i}.set_on"))
                                                />
                                                <TextField
                                                    id=format!("markers-{i}-expires-on")
                                                    label="Expires on (optional)"
                                                    input_type="date"
                                                    value=m.expires_on
                                                    error=e(format!("markers.{i}.expires_on"))
                                                />
                                            </div>
                                            <TextField
                                                id=format!("markers-{i}-notes")
                                                label="Why (optional)"
                                                value=m.notes
                                                error=no_error
                                            />
                                            <button
                                                type="button"
                                                class="button button--secondary button--small"
                                                on:click=remove_at(f.markers, i)
                                            >
                                                "Remove this marker"
                                            </button>
                                        </div>
                                    }
                                })
                                .collect_view()
                        }}
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            id="add-marker"
                            on:click=move |_| {
                                f.markers
                                    .update(|r| {
                                        r.push(MarkerRow {
                                            code: RwSignal::new(String::new()),
                                            set_on: RwSignal::new(date_text(Some(today()))),
                                            expires_on: RwSignal::new(String::new()),
                                            notes: RwSignal::new(String::new()),
                                        })
                                    })
                            }
                        >
                            "Add a warning marker"
                        </button>
                    </fieldset>

                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">"Vulnerabilities"</legend>
                        {move || {
                            f.vulnerabilities
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, v)| {
                                    view! {
                                        <div class="row-group inline-fields">
                                            <SelectField
                                                id=format!("vulnerabilities-{i}-code")
                                                label="Vulnerability"
                                                value=v.code
                                                options=vulnerability_types
                                                error=e(format!("vulnerabilities.{i}.code"))
                                                empty="Choose"
                                            />
                                            <TextField
                                                id=format!("vulnerabilities-{i}-noted-on")
                                                label="Noted on"
                                                input_type="date"
                                                value=v.noted_on
                                                error=e(format!("vulnerabilities.{i}.noted_on"))
                                            />
                                            <button
                                                type="button"
                                                class="button button--secondary button--small"
                                                on:click=remove_at(f.vulnerabilities, i)
                                            >
                                                "Remove"
                                            </button>
                                        </div>
                                    }
                                })
                                .collect_view()
                        }}
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            id="add-vulnerability"
                            on:click=move |_| {
                                f.vulnerabilities
                                    .update(|r| {
                                        r.push(VulnRow {
                                            code: RwSignal::new(String::new()),
                                            noted_on: RwSignal::new(date_text(Some(today()))),
                                            notes: StoredValue::new(None),
                                        })
                                    })
                            }
                        >
                            "Add a vulnerability"
                        </button>
                    </fieldset>

                    {creating
                        .then(|| {
                            view! {
                                <fieldset class="fieldset">
                                    <legend class="fieldset__legend">"Address"</legend>
                                    <p class="hint">"Leave empty if not known."</p>
                                    <SelectField
                                        id="address-reason"
                                        label="Link"
                                        value=f.address_reason
                                        options=address_reasons
                                        error=e("addresses.0.reason".to_owned())
                                        empty="Choose"
                                    />
                                    <TextField
                                        id="premises"
                                        label="House number or name"
                                        value=f.premises
                                        error=e("addresses.0.new_location.premises".to_owned())
                                    />
                                    <TextField
                                        id="street"
                                        label="Street"
                                        value=f.street
                                        error=Signal::derive(move || {
                                            e("addresses.0.new_location.street".to_owned())
                                                .get()
                                                .or_else(|| e("addresses.0".to_owned()).get())
                                        })
                                    />
                                    <TextField
                                        id="town"
                                        label="Town"
                                        value=f.town
                                        error=e("addresses.0.new_location.town".to_owned())
                                    />
                                    <TextField
                                        id="postcode"
                                        label="Postcode"
                                        value=f.postcode
                                        error=e("addresses.0.new_location.postcode".to_owned())
                                    />
                                </fieldset>
                            }
                        })}

                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">"Access"</legend>
                        <div class="checkboxes__item">
                            <input
                                class="checkboxes__input"
                                type="checkbox"
                                id="restricted"
                                name="restricted"
                                prop:checked=move || f.restricted.get()
                                on:change=move |ev| f.restricted.set(event_target_checked(&ev))
                            />
                            <label class="label checkboxes__label" for="restricted">
                                "Restrict this record (need to know: only you and those you grant can see it)"
                            </label>
                        </div>
                    </fieldset>

                    {move || {
                        (creating && matches_shown.get())
                            .then(|| {
                                view! {
                                    <TextField
                                        id="new-record-reason"
                                        label="Why is this a new person?"
                                        hint="Possible matches were suggested. Say briefly why none of them is this person."
                                        value=f.new_record_reason
                                        error=e("new_record_reason".to_owned())
                                    />
                                }
                            })
                    }}

                    <div class="button-group">
                        <button
                            type="submit"
                            class="button"
                            id="person-submit"
                            aria-disabled=move || busy.get().to_string()
                        >
                            {move || match (creating, busy.get()) {
                                (true, false) => "Create person",
                                (true, true) => "Creating person…",
                                (false, false) => "Save changes",
                                (false, true) => "Saving…",
                            }}
                        </button>
                        {on_cancel
                            .map(|cb| {
                                view! {
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        id="cancel-edit"
                                        on:click=move |_| cb.run(())
                                    >
                                        "Cancel"
                                    </button>
                                }
                            })}
                    </div>
                </form>
                {matches_panel}
            </div>
        </div>
    }
}
