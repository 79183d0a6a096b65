//! The intelligence report form's draft and state: the subjects chosen, what is saved
//! (IntelDraft), one signal per input, reading the draft into the request with every problem, and
//! the field ids the errors link to.

use crate::components::error_summary::{items_in_element_order, ErrorItem};
use crate::components::person_choice::{blank_to_none, new_person, NEW_RECORD_REASONS};
use crate::components::record::kind_label;
use crate::components::time::{from_input, now, to_input, today};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::index::people::{check_create, CreatePersonRequest};
use bluelamp_shared::intelligence::{
    check_submission, NewSource, Priority, SourceChoice, SourceKind, SubjectChoice, SubmitReportRequest,
};
use bluelamp_shared::records::{RecordKind, RecordRef};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The `form` name of the drafts this page saves.
pub const DRAFT_FORM: &str = "intelligence_report";

/// A subject chosen for the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SubjectEntry {
    /// A record of the index.
    Record {
        /// Its kind.
        kind: RecordKind,
        /// Its id.
        id: Uuid,
        /// What it is called.
        label: String,
    },
    /// A person to record.
    NewPerson {
        /// Given name.
        forename: String,
        /// Surname.
        surname: String,
        /// Date of birth (`YYYY-MM-DD`, or empty).
        dob: String,
        /// Why a new record though suggestions were shown.
        reason: Option<String>,
    },
}

impl SubjectEntry {
    pub(super) fn label(&self) -> String {
        match self {
            SubjectEntry::Record { kind, label, .. } => format!("{}: {label}", kind_label(*kind)),
            SubjectEntry::NewPerson {
                forename,
                surname,
                dob,
                ..
            } => {
                let name = format!("{} {}", forename.trim(), surname.trim())
                    .trim()
                    .to_owned();
                if dob.trim().is_empty() {
                    format!("New person: {name}")
                } else {
                    format!("New person: {name}, born {}", dob.trim())
                }
            }
        }
    }
}

/// Everything the form holds, as saved in a draft.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntelDraft {
    /// What is known.
    pub text: String,
    /// The subjects chosen.
    pub subjects: Vec<SubjectEntry>,
    /// What is typed in the subject search.
    pub subject_query: String,
    /// New person: given name.
    pub forename: String,
    /// New person: surname.
    pub surname: String,
    /// New person: date of birth.
    pub dob: String,
    /// New person: why a new record.
    pub new_reason: String,
    /// When obtained (`datetime-local` text).
    pub obtained_at: String,
    /// Where obtained.
    pub obtained_where: String,
    /// A registered source's reference.
    pub source_reference: String,
    /// A new source: its kind code.
    pub source_kind: String,
    /// A new source: who.
    pub source_name: String,
    /// A new source: details.
    pub source_details: String,
    /// Priority code.
    pub priority: String,
}

pub(super) fn fresh() -> IntelDraft {
    IntelDraft {
        obtained_at: to_input(now()),
        priority: Priority::Medium.code().to_owned(),
        new_reason: NEW_RECORD_REASONS[0].to_owned(),
        ..Default::default()
    }
}

/// The label of a draft in the drafts list (no part of the text: it may identify the source).
pub(super) fn draft_label(d: &IntelDraft) -> String {
    let subjects: Vec<String> = d
        .subjects
        .iter()
        .map(|s| match s {
            SubjectEntry::Record { label, .. } => label.clone(),
            SubjectEntry::NewPerson {
                forename, surname, ..
            } => format!("{} {}", forename.trim(), surname.trim())
                .trim()
                .to_owned(),
        })
        .collect();
    if subjects.is_empty() {
        "Intelligence report".to_owned()
    } else {
        format!("Intelligence report about {}", subjects.join(", "))
    }
}

pub(super) fn parse_dob(s: &str) -> Result<Option<NaiveDate>, ()> {
    let t = s.trim();
    if t.is_empty() {
        Ok(None)
    } else {
        NaiveDate::parse_from_str(t, "%Y-%m-%d").map(Some).map_err(|_| ())
    }
}

/// The new person being typed, with its problems (`None` when nothing is typed).
pub(super) fn pending_person(
    d: &IntelDraft,
    reason_needed: bool,
    index: usize,
) -> Option<(CreatePersonRequest, Vec<FieldError>)> {
    if d.forename.trim().is_empty() && d.surname.trim().is_empty() && d.dob.trim().is_empty() {
        return None;
    }
    let prefix = format!("subjects.{index}.new_person");
    let mut problems = Vec::new();
    let dob = parse_dob(&d.dob).unwrap_or_else(|_| {
        problems.push(FieldError::new(
            format!("{prefix}.dates_of_birth.0"),
            "format",
            "Enter the date of birth as a real date",
        ));
        None
    });
    let reason = reason_needed.then(|| blank_to_none(&d.new_reason)).flatten();
    if reason_needed && reason.is_none() {
        problems.push(FieldError::new(
            format!("{prefix}.new_record_reason"),
            "required",
            "Possible matches were suggested: say why none of them is this person",
        ));
    }
    let np = new_person(&d.forename, &d.surname, dob, reason);
    for fe in check_create(&np, today()) {
        if !problems.iter().any(|p| p.path == format!("{prefix}.{}", fe.path)) {
            problems.push(FieldError {
                path: format!("{prefix}.{}", fe.path),
                ..fe
            });
        }
    }
    Some((np, problems))
}

/// Builds the request from a draft, with every problem found (the shared rules plus the form's
/// own). A new person typed but not yet added is included as a subject.
pub(super) fn build(d: &IntelDraft, reason_needed: bool) -> (SubmitReportRequest, Vec<FieldError>) {
    let mut problems = Vec::new();
    let mut subjects: Vec<SubjectChoice> = Vec::new();
    for s in &d.subjects {
        match s {
            SubjectEntry::Record { kind, id, .. } => subjects.push(SubjectChoice {
                record: Some(RecordRef { kind: *kind, id: *id }),
                new_person: None,
            }),
            SubjectEntry::NewPerson {
                forename,
                surname,
                dob,
                reason,
            } => subjects.push(SubjectChoice {
                record: None,
                new_person: Some(new_person(
                    forename,
                    surname,
                    parse_dob(dob).ok().flatten(),
                    reason.clone(),
                )),
            }),
        }
    }
    if let Some((np, p)) = pending_person(d, reason_needed, subjects.len()) {
        problems.extend(p);
        subjects.push(SubjectChoice {
            record: None,
            new_person: Some(np),
        });
    }
    let obtained_at = if d.obtained_at.trim().is_empty() {
        None
    } else {
        let t = from_input(&d.obtained_at);
        if t.is_none() {
            problems.push(FieldError::new(
                "obtained_at",
                "format",
                "Enter a real date and time",
            ));
        }
        t
    };
    let reference = blank_to_none(&d.source_reference);
    let kind = SourceKind::parse(d.source_kind.trim());
    let source = match (reference, kind) {
        (Some(_), Some(_)) => {
            problems.push(FieldError::new(
                "source.reference",
                "one_of",
                "Give the registered source's reference or record a new source, not both",
            ));
            SourceChoice {
                reference: blank_to_none(&d.source_reference),
                new_source: None,
            }
        }
        (Some(r), None) => SourceChoice {
            reference: Some(r),
            new_source: None,
        },
        (None, Some(k)) => SourceChoice {
            reference: None,
            new_source: Some(NewSource {
                kind: k,
                name: d.source_name.trim().to_owned(),
                details: d.source_details.trim().to_owned(),
            }),
        },
        (None, None) => SourceChoice {
            reference: None,
            new_source: None,
        },
    };
    let req = SubmitReportRequest {
        text: d.text.trim().to_owned(),
        subjects,
        obtained_at,
        obtained_where: d.obtained_where.trim().to_owned(),
        source,
        priority: Priority::parse(d.priority.trim()),
    };
    let mut all = check_submission(&req, now());
    all.retain(|e| !problems.iter().any(|p| p.path == e.path));
    all.extend(problems);
    (req, all)
}

/// The order of the form, top to bottom (element ids).
pub(super) const ORDER: &[&str] = &[
    "intel-text",
    "subject-search",
    "subject-forename",
    "subject-surname",
    "subject-dob",
    "subject-new-reason",
    "obtained-at",
    "obtained-where",
    "source-reference",
    "source-kind",
    "source-name",
    "source-details",
    "intel-priority",
];

/// Field path (as the shared rules and the API name it) → element id.
pub fn field_id(path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["text", ..] => "intel-text",
        ["subjects", _, "new_person", "names", _, "forename"] => "subject-forename",
        ["subjects", _, "new_person", "names", ..] => "subject-surname",
        ["subjects", _, "new_person", "dates_of_birth", ..] => "subject-dob",
        ["subjects", _, "new_person", "new_record_reason", ..] => "subject-new-reason",
        ["subjects", _, "new_person", ..] => "subject-forename",
        ["subjects", ..] => "subject-search",
        ["obtained_at", ..] => "obtained-at",
        ["obtained_where", ..] => "obtained-where",
        ["source", "new_source", "kind", ..] => "source-kind",
        ["source", "new_source", "name", ..] => "source-name",
        ["source", "new_source", "details", ..] => "source-details",
        ["source", ..] => "source-reference",
        ["priority", ..] => "intel-priority",
        _ => "intel-text",
    }
    .to_owned()
}

pub(super) fn items_in_order(errors: &[FieldError]) -> Vec<ErrorItem> {
    items_in_element_order(
        errors,
        field_id,
        |t| ORDER.iter().position(|o| *o == t),
        ORDER.len(),
    )
}

/// One signal per input.
#[derive(Debug, Clone, Copy)]
pub(super) struct Form {
    pub(super) text: RwSignal<String>,
    pub(super) subjects: RwSignal<Vec<SubjectEntry>>,
    pub(super) forename: RwSignal<String>,
    pub(super) surname: RwSignal<String>,
    pub(super) dob: RwSignal<String>,
    pub(super) new_reason: RwSignal<String>,
    pub(super) obtained_at: RwSignal<String>,
    pub(super) obtained_where: RwSignal<String>,
    pub(super) source_reference: RwSignal<String>,
    pub(super) source_kind: RwSignal<String>,
    pub(super) source_name: RwSignal<String>,
    pub(super) source_details: RwSignal<String>,
    pub(super) priority: RwSignal<String>,
}

impl Form {
    pub(super) fn new(d: &IntelDraft) -> Self {
        let s = |v: &str| RwSignal::new(v.to_owned());
        Self {
            text: s(&d.text),
            subjects: RwSignal::new(d.subjects.clone()),
            forename: s(&d.forename),
            surname: s(&d.surname),
            dob: s(&d.dob),
            new_reason: s(&d.new_reason),
            obtained_at: s(&d.obtained_at),
            obtained_where: s(&d.obtained_where),
            source_reference: s(&d.source_reference),
            source_kind: s(&d.source_kind),
            source_name: s(&d.source_name),
            source_details: s(&d.source_details),
            priority: s(&d.priority),
        }
    }

    pub(super) fn apply(&self, d: &IntelDraft) {
        self.text.set(d.text.clone());
        self.subjects.set(d.subjects.clone());
        self.forename.set(d.forename.clone());
        self.surname.set(d.surname.clone());
        self.dob.set(d.dob.clone());
        self.new_reason.set(d.new_reason.clone());
        self.obtained_at.set(d.obtained_at.clone());
        self.obtained_where.set(d.obtained_where.clone());
        self.source_reference.set(d.source_reference.clone());
        self.source_kind.set(d.source_kind.clone());
        self.source_name.set(d.source_name.clone());
        self.source_details.set(d.source_details.clone());
        self.priority.set(d.priority.clone());
    }

    /// The draft (tracked).
    pub(super) fn snapshot(&self, subject_query: String) -> IntelDraft {
        IntelDraft {
            text: self.text.get(),
            subjects: self.subjects.get(),
            subject_query,
            forename: self.forename.get(),
            surname: self.surname.get(),
            dob: self.dob.get(),
            new_reason: self.new_reason.get(),
            obtained_at: self.obtained_at.get(),
            obtained_where: self.obtained_where.get(),
            source_reference: self.source_reference.get(),
            source_kind: self.source_kind.get(),
            source_name: self.source_name.get(),
            source_details: self.source_details.get(),
            priority: self.priority.get(),
        }
    }
}
