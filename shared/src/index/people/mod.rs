//! People (nominals): the records, their validation and the "4+1" completeness indicator.

use crate::error::FieldError;
use crate::ids::ForceCode;
use crate::index::locations::LocationInput;
use crate::records::{RecordMeta, RecordSummary, Restriction};
use crate::validation as v;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub mod notes;

/// Which name of a person this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// The name the person is known by now.
    #[default]
    Primary,
    /// An alias or nickname used.
    Alias,
    /// A former name (name history).
    Previous,
}

/// A name of a person. One name per field; no titles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PersonName {
    /// Primary, alias or previous.
    #[serde(default)]
    pub kind: NameKind,
    /// Given name.
    #[serde(default)]
    #[schema(example = "Jonathan")]
    pub forename: String,
    /// Middle names, space-separated.
    #[serde(default)]
    pub middle_names: String,
    /// Family name (may contain spaces, e.g. "van der Berg").
    #[serde(default)]
    #[schema(example = "Smith")]
    pub surname: String,
    /// Used from.
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    /// Used until.
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
}

impl PersonName {
    /// "Forename Middle SURNAME".
    pub fn display(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for p in [&self.forename, &self.middle_names] {
            if !p.trim().is_empty() {
                parts.push(p.trim().to_owned());
            }
        }
        if !self.surname.trim().is_empty() {
            parts.push(self.surname.trim().to_uppercase());
        }
        if parts.is_empty() {
            "(name unknown)".to_owned()
        } else {
            parts.join(" ")
        }
    }
}

/// Kinds of identifier kept on a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    /// Police National Computer id, e.g. 98/123456X.
    PncId,
    /// Criminal Records Office number, e.g. 123456/98X.
    CroNumber,
    /// National Insurance number.
    NiNumber,
    /// Passport number.
    Passport,
    /// Driving licence number.
    DrivingLicence,
}

impl IdentifierKind {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            IdentifierKind::PncId => "pnc_id",
            IdentifierKind::CroNumber => "cro_number",
            IdentifierKind::NiNumber => "ni_number",
            IdentifierKind::Passport => "passport",
            IdentifierKind::DrivingLicence => "driving_licence",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        use IdentifierKind::*;
        [PncId, CroNumber, NiNumber, Passport, DrivingLicence]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// What users see.
    pub fn label(self) -> &'static str {
        match self {
            IdentifierKind::PncId => "PNC ID",
            IdentifierKind::CroNumber => "CRO number",
            IdentifierKind::NiNumber => "NI number",
            IdentifierKind::Passport => "Passport",
            IdentifierKind::DrivingLicence => "Driving licence",
        }
    }
}

/// An identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Identifier {
    /// Which identifier.
    pub kind: IdentifierKind,
    /// Its value as written.
    #[schema(example = "98/123456X")]
    pub value: String,
}

/// Telephone or e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// Telephone number.
    Phone,
    /// E-mail address.
    Email,
}

/// A contact detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Contact {
    /// Phone or e-mail.
    pub kind: ContactKind,
    /// The number or address.
    pub value: String,
}

/// A warning marker (violent, weapons, self-harm, suicidal, drugs, escaper, contagion...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Marker {
    /// Code from the `marker_type` vocabulary.
    #[schema(example = "violent")]
    pub code: String,
    /// When it was set.
    pub set_on: NaiveDate,
    /// When it lapses, if ever.
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    /// Why (free text).
    #[serde(default)]
    pub notes: Option<String>,
    /// The marker's id (the server's; ignored when sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(read_only, value_type = Option<String>, format = Uuid)]
    pub id: Option<Uuid>,
    /// The force whose user set it (the server's; ignored when sent). Another force may add a marker
    /// to a person it can see; only the owning force ends one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(read_only)]
    pub set_by_force: Option<String>,
    /// How the owning force ended it (the server's; ignored when sent). An ended marker is never
    /// removed: it stays on the person as history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(read_only)]
    pub ended: Option<MarkerEnd>,
}

/// How a warning marker was ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MarkerEnd {
    /// The day it was ended.
    pub on: NaiveDate,
    /// Why.
    pub reason: String,
    /// The force that ended it (the owning force).
    pub by_force: String,
}

impl Marker {
    /// A marker as an officer records it (the server fills in who set it).
    pub fn new(code: impl Into<String>, set_on: NaiveDate) -> Self {
        Marker {
            code: code.into(),
            set_on,
            expires_on: None,
            notes: None,
            id: None,
            set_by_force: None,
            ended: None,
        }
    }

    /// Whether the marker is in force on `today`: set, not lapsed and not ended.
    pub fn active_on(&self, today: NaiveDate) -> bool {
        self.set_on <= today
            && self.expires_on.is_none_or(|e| e >= today)
            && self.ended.as_ref().is_none_or(|e| e.on > today)
    }

    /// Whether `other` is the same marker (its kind and the day it was set): how a full replacement of
    /// a person finds the markers it keeps.
    pub fn same_as(&self, other: &Marker) -> bool {
        self.code == other.code && self.set_on == other.set_on
    }
}

/// Ending a warning marker (the owning force only), with the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EndMarkerRequest {
    /// Why it no longer applies (kept on the marker, and in the audit log).
    #[serde(default)]
    #[schema(example = "Conviction spent; reviewed by the intelligence unit")]
    pub reason: String,
}

/// The longest reason for ending a marker, in characters.
pub const MAX_END_REASON_CHARS: usize = 1_000;

/// Checks the request to end a marker: a reason is required, and at most [`MAX_END_REASON_CHARS`].
pub fn check_end_marker(r: &EndMarkerRequest) -> Vec<FieldError> {
    let n = r.reason.trim().chars().count();
    if n == 0 {
        vec![FieldError::new(
            "reason",
            "required",
            "Say why the marker no longer applies",
        )]
    } else if r.reason.chars().count() > MAX_END_REASON_CHARS {
        vec![FieldError::new("reason", "length", "At most 1,000 characters")]
    } else {
        Vec::new()
    }
}

/// Checks one marker being added on its own (`POST /people/{id}/markers`): the rules of a marker in a
/// person, with paths from the body.
pub fn check_new_marker(m: &Marker, today: NaiveDate) -> Vec<FieldError> {
    let p = PersonInput {
        markers: vec![m.clone()],
        ..PersonInput::default()
    };
    check_markers(&p, today)
        .into_iter()
        .map(|mut e| {
            e.path = e.path.trim_start_matches("markers.0.").to_owned();
            e
        })
        .collect()
}

/// A vulnerability flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Vulnerability {
    /// Code from the `vulnerability` vocabulary.
    #[schema(example = "mental_health")]
    pub code: String,
    /// When it was noted.
    pub noted_on: NaiveDate,
    /// Detail.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A photograph, by reference to where the image is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Photo {
    /// The image reference (e.g. a custody imaging system id or URL).
    pub reference: String,
    /// When it was taken.
    #[serde(default)]
    pub taken_on: Option<NaiveDate>,
}

/// An estimated age range, when the date of birth is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AgeRange {
    /// Youngest plausible age.
    pub min: u8,
    /// Oldest plausible age.
    pub max: u8,
}

/// An address to link to a new person: an existing location, or a new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PersonAddress {
    /// An existing location's id.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub location_id: Option<Uuid>,
    /// Or a new location.
    #[serde(default)]
    pub new_location: Option<LocationInput>,
    /// Link reason (`home_address`, `current_address`, `previous_address`, `work_address`...).
    #[schema(example = "home_address")]
    pub reason: String,
    /// Lived there from.
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    /// Until.
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
}

/// Everything an officer records about a person (create, and full replacement on update).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PersonInput {
    /// Names: at most one primary; aliases and previous names.
    #[serde(default)]
    pub names: Vec<PersonName>,
    /// Dates of birth (more than one when the person has given several).
    #[serde(default)]
    pub dates_of_birth: Vec<NaiveDate>,
    /// Estimated age when no date of birth is known.
    #[serde(default)]
    pub estimated_age: Option<AgeRange>,
    /// Code from the `gender` vocabulary.
    #[serde(default)]
    pub gender: Option<String>,
    /// Self-defined ethnicity, code from the `ethnicity` vocabulary.
    #[serde(default)]
    pub ethnicity: Option<String>,
    /// Nationality, code from the `nationality` vocabulary.
    #[serde(default)]
    pub nationality: Option<String>,
    /// PNC ID, CRO number, NI number, passport, driving licence.
    #[serde(default)]
    pub identifiers: Vec<Identifier>,
    /// Phones and e-mails.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Warning markers.
    #[serde(default)]
    pub markers: Vec<Marker>,
    /// Vulnerability flags.
    #[serde(default)]
    pub vulnerabilities: Vec<Vulnerability>,
    /// Photographs.
    #[serde(default)]
    pub photos: Vec<Photo>,
    /// Need-to-know restriction.
    #[serde(default)]
    pub restriction: Restriction,
}

/// Create a person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CreatePersonRequest {
    /// The person.
    #[serde(flatten)]
    pub person: PersonInput,
    /// Addresses to link (a home or current address also counts as the "+1" contact).
    #[serde(default)]
    pub addresses: Vec<PersonAddress>,
    /// When likely matches were suggested and the officer still creates a new record: why.
    #[serde(default)]
    pub new_record_reason: Option<String>,
}

/// The POLE "4+1" data-quality indicator: name, date of birth (or age), gender, plus one contact.
/// Shown to users; never a reason to refuse saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Completeness {
    /// Given name and surname present.
    pub name: bool,
    /// Date of birth or estimated age present.
    pub date_of_birth: bool,
    /// Gender present.
    pub gender: bool,
    /// At least one address, phone or e-mail.
    pub contact: bool,
    /// All four and the contact.
    pub complete: bool,
    /// What to complete "as soon as possible", in words.
    pub missing: Vec<String>,
}

/// Works out the 4+1 indicator.
pub fn completeness(p: &PersonInput, has_address: bool) -> Completeness {
    let name = p
        .names
        .iter()
        .any(|n| !n.forename.trim().is_empty() && !n.surname.trim().is_empty());
    let date_of_birth = !p.dates_of_birth.is_empty() || p.estimated_age.is_some();
    let gender = p.gender.as_deref().is_some_and(|g| !g.trim().is_empty());
    let contact = has_address || !p.contacts.is_empty();
    let mut missing = Vec::new();
    if !name {
        missing.push("given name and surname".to_owned());
    }
    if !date_of_birth {
        missing.push("date of birth or estimated age".to_owned());
    }
    if !gender {
        missing.push("gender".to_owned());
    }
    if !contact {
        missing.push("an address, telephone number or e-mail".to_owned());
    }
    Completeness {
        name,
        date_of_birth,
        gender,
        contact,
        complete: missing.is_empty(),
        missing,
    }
}

/// Whether there is anything at all to identify the person by.
pub fn has_identifying_data(p: &PersonInput) -> bool {
    p.names
        .iter()
        .any(|n| !n.forename.trim().is_empty() || !n.surname.trim().is_empty())
        || !p.dates_of_birth.is_empty()
        || !p.identifiers.is_empty()
        || !p.photos.is_empty()
}

use crate::validation::push_rule as push;

/// Every rule on a person, all at once, the same in browser and server. `today` is the caller's date;
/// vocabulary codes are checked by the server against the reference data.
pub fn check_person(p: &PersonInput, today: NaiveDate) -> Vec<FieldError> {
    let mut e = check_identity(p);
    e.extend(check_names(p, today));
    e.extend(check_dates_of_birth(p, today));
    e.extend(check_estimated_age(p));
    e.extend(check_identifiers(p));
    e.extend(check_contacts(p));
    e.extend(check_markers(p, today));
    e.extend(check_vulnerabilities(p, today));
    e.extend(check_photos(p, today));
    // A restricted person with no grantees is allowed: the creator always keeps access, so no
    // grantees simply means "only me".
    e.sort_by(|a, b| a.path.cmp(&b.path));
    e
}

/// That there is something to identify the person by, and at most one primary name.
fn check_identity(p: &PersonInput) -> Vec<FieldError> {
    let mut e = Vec::new();
    if !has_identifying_data(p) {
        e.push(FieldError::new(
            "names",
            "no_identifying_data",
            "Record at least a name, a date of birth or an identifier: a person cannot be recorded with nothing to identify them",
        ));
    }
    let primaries = p.names.iter().filter(|n| n.kind == NameKind::Primary).count();
    if primaries > 1 {
        e.push(FieldError::new(
            "names",
            "one_primary",
            "Only one name can be the primary name",
        ));
    }
    e
}

/// Each name: its parts, not empty, its dates.
fn check_names(p: &PersonInput, today: NaiveDate) -> Vec<FieldError> {
    let mut e = Vec::new();
    for (i, n) in p.names.iter().enumerate() {
        push(
            &mut e,
            format!("names.{i}.forename"),
            v::name_part(&n.forename, false),
        );
        for (j, m) in n.middle_names.split_whitespace().enumerate() {
            if let Err(err) = v::name_part(m, false) {
                push(&mut e, format!("names.{i}.middle_names"), Err(err));
                let _ = j;
                break;
            }
        }
        push(
            &mut e,
            format!("names.{i}.surname"),
            v::name_part(&n.surname, true),
        );
        if n.forename.trim().is_empty() && n.surname.trim().is_empty() && n.middle_names.trim().is_empty() {
            e.push(FieldError::new(
                format!("names.{i}.surname"),
                "required",
                "Enter a name or remove this row",
            ));
        }
        if let Some(f) = n.valid_from {
            push(&mut e, format!("names.{i}.valid_from"), v::not_future(f, today));
        }
        if let (Some(f), Some(t)) = (n.valid_from, n.valid_to) {
            if t < f {
                e.push(FieldError::new(
                    format!("names.{i}.valid_to"),
                    "before_start",
                    "The end is before the start",
                ));
            }
        }
    }
    e
}

/// Each date of birth: not in the future, not over 130 years ago, not after an event recorded for the person.
fn check_dates_of_birth(p: &PersonInput, today: NaiveDate) -> Vec<FieldError> {
    let mut e = Vec::new();
    for (i, d) in p.dates_of_birth.iter().enumerate() {
        let path = format!("dates_of_birth.{i}");
        push(&mut e, path.clone(), v::not_future(*d, today));
        if *d < NaiveDate::from_ymd_opt(1890, 1, 1).unwrap_or(*d) {
            e.push(FieldError::new(
                path.clone(),
                "too_old",
                "That date of birth is more than 130 years ago",
            ));
        }
        // A date of birth cannot come after events in the person's life recorded here.
        let later_events = p
            .markers
            .iter()
            .map(|m| m.set_on)
            .chain(p.names.iter().filter_map(|n| n.valid_from));
        if later_events.into_iter().any(|ev| ev < *d) {
            e.push(FieldError::new(
                path,
                "after_event",
                "The date of birth is after an event recorded for this person: check it is not an arrest or event date",
            ));
        }
    }
    e
}

/// The oldest estimated age accepted.
pub const MAX_ESTIMATED_AGE: u8 = 120;

/// The estimated age range.
fn check_estimated_age(p: &PersonInput) -> Vec<FieldError> {
    let mut e = Vec::new();
    if let Some(a) = p.estimated_age {
        if a.min > a.max || a.max > MAX_ESTIMATED_AGE {
            e.push(FieldError::new(
                "estimated_age",
                "range",
                "The age range must run from youngest to oldest, up to 120",
            ));
        }
    }
    e
}

/// Each identifier in its format.
fn check_identifiers(p: &PersonInput) -> Vec<FieldError> {
    let mut e = Vec::new();
    for (i, id) in p.identifiers.iter().enumerate() {
        let path = format!("identifiers.{i}.value");
        let r = match id.kind {
            IdentifierKind::PncId => v::pnc_id(&id.value),
            IdentifierKind::CroNumber => v::cro_number(&id.value),
            IdentifierKind::NiNumber => v::ni_number(&id.value),
            IdentifierKind::Passport | IdentifierKind::DrivingLicence => {
                let c = v::compact(&id.value);
                if (5..=20).contains(&c.len()) && c.chars().all(|ch| ch.is_ascii_alphanumeric()) {
                    Ok(())
                } else {
                    let mut er = validator::ValidationError::new("format");
                    er.message = Some("Enter 5 to 20 letters and digits".into());
                    Err(er)
                }
            }
        };
        push(&mut e, path, r);
    }
    e
}

/// Each phone number or email.
fn check_contacts(p: &PersonInput) -> Vec<FieldError> {
    let mut e = Vec::new();
    for (i, c) in p.contacts.iter().enumerate() {
        let path = format!("contacts.{i}.value");
        match c.kind {
            ContactKind::Phone => push(&mut e, path, v::phone(&c.value)),
            ContactKind::Email => push(&mut e, path, v::email(&c.value)),
        }
    }
    e
}

/// Each warning marker: its kind and dates.
fn check_markers(p: &PersonInput, today: NaiveDate) -> Vec<FieldError> {
    let mut e = Vec::new();
    for (i, m) in p.markers.iter().enumerate() {
        push(
            &mut e,
            format!("markers.{i}.set_on"),
            v::not_future(m.set_on, today),
        );
        if m.code.trim().is_empty() {
            e.push(FieldError::new(
                format!("markers.{i}.code"),
                "required",
                "Choose the kind of marker",
            ));
        }
        if let Some(x) = m.expires_on {
            if x < m.set_on {
                e.push(FieldError::new(
                    format!("markers.{i}.expires_on"),
                    "before_start",
                    "A marker cannot expire before it is set",
                ));
            }
        }
    }
    e
}

/// Each vulnerability: its kind and date.
fn check_vulnerabilities(p: &PersonInput, today: NaiveDate) -> Vec<FieldError> {
    let mut e = Vec::new();
    for (i, vul) in p.vulnerabilities.iter().enumerate() {
        push(
            &mut e,
            format!("vulnerabilities.{i}.noted_on"),
            v::not_future(vul.noted_on, today),
        );
        if vul.code.trim().is_empty() {
            e.push(FieldError::new(
                format!("vulnerabilities.{i}.code"),
                "required",
                "Choose the vulnerability",
            ));
        }
    }
    e
}

/// Each photograph: its reference and date.
fn check_photos(p: &PersonInput, today: NaiveDate) -> Vec<FieldError> {
    let mut e = Vec::new();
    for (i, ph) in p.photos.iter().enumerate() {
        if ph.reference.trim().is_empty() || ph.reference.len() > 500 {
            e.push(FieldError::new(
                format!("photos.{i}.reference"),
                "required",
                "Give the photograph's reference",
            ));
        }
        if let Some(t) = ph.taken_on {
            push(&mut e, format!("photos.{i}.taken_on"), v::not_future(t, today));
        }
    }
    e
}

/// Checks a create request, including its new addresses.
pub fn check_create(req: &CreatePersonRequest, today: NaiveDate) -> Vec<FieldError> {
    let mut e = check_person(&req.person, today);
    for (i, a) in req.addresses.iter().enumerate() {
        match (&a.location_id, &a.new_location) {
            (None, None) | (Some(_), Some(_)) => e.push(FieldError::new(
                format!("addresses.{i}"),
                "one_location",
                "Pick an existing address or enter a new one",
            )),
            (None, Some(l)) => {
                for fe in crate::index::locations::check_location(l) {
                    e.push(FieldError::new(
                        format!("addresses.{i}.new_location.{}", fe.path),
                        fe.code,
                        fe.message,
                    ));
                }
            }
            (Some(_), None) => {}
        }
        if a.reason.trim().is_empty() {
            e.push(FieldError::new(
                format!("addresses.{i}.reason"),
                "required",
                "Choose how the person is linked to the address",
            ));
        }
    }
    e.sort_by(|a, b| a.path.cmp(&b.path));
    e
}

/// A person as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PersonDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The display name (primary name).
    pub display_name: String,
    /// Everything recorded.
    #[serde(flatten)]
    pub person: PersonInput,
    /// The 4+1 data-quality indicator.
    pub completeness: Completeness,
    /// Links to other records (addresses, vehicles, associates, events), visible ones only.
    pub links: Vec<crate::index::links::LinkView>,
    /// Notes added by forces that see the person, oldest first; never edited or removed.
    #[serde(default)]
    pub notes: Vec<notes::NoteDto>,
    /// When this record was merged into another: the survivor.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub merged_into: Option<Uuid>,
    /// Ownership, restriction, version.
    pub meta: RecordMeta,
}

/// Likely existing matches for a person being entered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PersonMatchQuery {
    /// Given name (partial as typed is fine).
    #[serde(default)]
    pub forename: String,
    /// Surname.
    #[serde(default)]
    pub surname: String,
    /// Date of birth if known.
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
    /// Any identifier value (PNC ID, CRO...).
    #[serde(default)]
    pub identifier: Option<String>,
    /// A phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// A postcode.
    #[serde(default)]
    pub postcode: Option<String>,
}

/// A likely match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PersonMatch {
    /// The person.
    pub summary: RecordSummary,
    /// Likelihood, 0 to 100.
    pub score: u8,
    /// Why it matched ("same date of birth", "surname sounds alike"...).
    pub reasons: Vec<String>,
}

/// Merge `merged_id` into the person in the path (the survivor).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MergeRequest {
    /// The duplicate that will point at the survivor.
    #[schema(value_type = String, format = Uuid)]
    pub merged_id: Uuid,
    /// Why they are the same person.
    #[serde(default)]
    pub reason: String,
}

/// A merge, reversible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MergeDto {
    /// Id (use it to unmerge).
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The surviving record.
    #[schema(value_type = String, format = Uuid)]
    pub survivor_id: Uuid,
    /// The merged record.
    #[schema(value_type = String, format = Uuid)]
    pub merged_id: Uuid,
    /// Why.
    pub reason: String,
    /// When.
    pub merged_at: chrono::DateTime<chrono::Utc>,
    /// Who.
    pub merged_by: String,
    /// When it was undone, if it was.
    pub unmerged_at: Option<chrono::DateTime<chrono::Utc>>,
    /// How many names, identifiers, contacts, markers and links moved.
    pub moved_items: usize,
}

/// Force code re-export for callers building summaries.
pub type Force = ForceCode;

#[cfg(test)]
mod tests;
