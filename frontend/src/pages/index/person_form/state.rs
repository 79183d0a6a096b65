//! The person form's state: one signal per input (names, dates, identifiers, contacts, markers,
//! vulnerabilities, photos, addresses), read into the request with every problem the shared rules
//! find, and the field ids the errors link to.

use crate::components::time::today;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::index::locations::LocationInput;
use bluelamp_shared::index::people::{
    check_create, check_person, AgeRange, Contact, ContactKind, CreatePersonRequest, Identifier,
    IdentifierKind, Marker, NameKind, PersonAddress, PersonInput, PersonMatchQuery, PersonName, Photo,
    Vulnerability,
};
use bluelamp_shared::records::Restriction;
use chrono::NaiveDate;
use leptos::prelude::*;

/// The shortest reason accepted for creating a new record despite suggestions.
pub(super) const MIN_NEW_RECORD_REASON: usize = 5;

pub(super) fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

pub(super) fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// The fields of the form, top to bottom (for the error summary's order).
pub(super) const FORM_ORDER: &[&str] = &[
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

pub(super) fn err_at(errors: RwSignal<Vec<FieldError>>, path: String) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|es| es.iter().find(|e| e.path == path).map(|e| e.message.clone())))
}

#[derive(Debug, Clone, Copy)]
pub(super) struct NameRow {
    pub(super) kind: RwSignal<String>,
    pub(super) forename: RwSignal<String>,
    pub(super) middle: RwSignal<String>,
    pub(super) surname: RwSignal<String>,
    /// Kept as loaded (not edited here).
    pub(super) valid: StoredValue<(Option<NaiveDate>, Option<NaiveDate>)>,
}

impl NameRow {
    pub(super) fn new(n: &PersonName) -> Self {
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
pub(super) struct PairRow {
    pub(super) kind: RwSignal<String>,
    pub(super) value: RwSignal<String>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct MarkerRow {
    pub(super) code: RwSignal<String>,
    pub(super) set_on: RwSignal<String>,
    pub(super) expires_on: RwSignal<String>,
    pub(super) notes: RwSignal<String>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct VulnRow {
    pub(super) code: RwSignal<String>,
    pub(super) noted_on: RwSignal<String>,
    pub(super) notes: StoredValue<Option<String>>,
}

/// Everything the form holds, one signal per input.
#[derive(Debug, Clone, Copy)]
pub(super) struct FormState {
    pub(super) names: RwSignal<Vec<NameRow>>,
    pub(super) dobs: RwSignal<Vec<RwSignal<String>>>,
    pub(super) age_min: RwSignal<String>,
    pub(super) age_max: RwSignal<String>,
    pub(super) gender: RwSignal<String>,
    pub(super) ethnicity: RwSignal<String>,
    pub(super) nationality: RwSignal<String>,
    pub(super) identifiers: RwSignal<Vec<PairRow>>,
    pub(super) contacts: RwSignal<Vec<PairRow>>,
    pub(super) markers: RwSignal<Vec<MarkerRow>>,
    pub(super) vulnerabilities: RwSignal<Vec<VulnRow>>,
    pub(super) restricted: RwSignal<bool>,
    pub(super) premises: RwSignal<String>,
    pub(super) street: RwSignal<String>,
    pub(super) town: RwSignal<String>,
    pub(super) postcode: RwSignal<String>,
    pub(super) address_reason: RwSignal<String>,
    pub(super) new_record_reason: RwSignal<String>,
    /// Kept as loaded (not edited here).
    pub(super) photos: StoredValue<Vec<Photo>>,
    pub(super) grantees: StoredValue<Restriction>,
}

impl FormState {
    pub(super) fn new(p: &PersonInput) -> Self {
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
    pub(super) fn input(&self) -> (PersonInput, Vec<FieldError>) {
        let mut problems = Vec::new();
        let names = self.names_input();
        let dates_of_birth = self.dates_of_birth(&mut problems);
        let estimated_age = self.estimated_age(&mut problems);
        let code = |s: RwSignal<String>| Some(s.get()).filter(|c| !c.trim().is_empty());
        let identifiers = self.identifiers_input();
        let contacts = self.contacts_input();
        let markers = self.markers_input(&mut problems);
        let vulnerabilities = self.vulnerabilities_input(&mut problems);
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

    fn names_input(&self) -> Vec<PersonName> {
        self.names
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
            .collect()
    }

    fn dates_of_birth(&self, problems: &mut Vec<FieldError>) -> Vec<NaiveDate> {
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
        dates_of_birth
    }

    fn estimated_age(&self, problems: &mut Vec<FieldError>) -> Option<AgeRange> {
        let (min, max) = (self.age_min.get(), self.age_max.get());
        match (min.trim(), max.trim()) {
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
        }
    }

    fn identifiers_input(&self) -> Vec<Identifier> {
        self.identifiers
            .get()
            .iter()
            .filter_map(|r| {
                Some(Identifier {
                    kind: IdentifierKind::parse(&r.kind.get())?,
                    value: r.value.get().trim().to_owned(),
                })
            })
            .collect()
    }

    fn contacts_input(&self) -> Vec<Contact> {
        self.contacts
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
            .collect()
    }

    fn markers_input(&self, problems: &mut Vec<FieldError>) -> Vec<Marker> {
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
                expires_on,
                notes: (!notes.is_empty()).then_some(notes),
                ..Marker::new(m.code.get(), set_on)
            });
        }
        markers
    }

    fn vulnerabilities_input(&self, problems: &mut Vec<FieldError>) -> Vec<Vulnerability> {
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
        vulnerabilities
    }

    pub(super) fn address(&self) -> Option<PersonAddress> {
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
    pub(super) fn create_request(&self, reason_needed: bool) -> (CreatePersonRequest, Vec<FieldError>) {
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
    pub(super) fn update_input(&self) -> (PersonInput, Vec<FieldError>) {
        let (person, mut problems) = self.input();
        problems.extend(check_person(&person, today()));
        (person, problems)
    }

    pub(super) fn match_query(&self) -> PersonMatchQuery {
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
