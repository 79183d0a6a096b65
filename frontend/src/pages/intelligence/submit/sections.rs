//! The report form's parts: the subjects (records picked as you type, or a new person), when
//! and where it was obtained, the source, and the confirmation once submitted.

use super::draft::{field_id, items_in_order, pending_person, Form};
use super::SubjectEntry;
use crate::components::error_summary::{error_at, ErrorItem};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::live_search::LiveSearch;
use crate::components::person_choice::{NewPersonFields, NEW_RECORD_REASONS};
use crate::components::person_matches::PersonMatches;
use crate::components::record::kind_label;
use crate::pages::intelligence::{source_kind_label, SOURCE_KINDS};
use crate::routes::report_path;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::index::people::PersonMatch;
use bluelamp_shared::intelligence::{ReportDto, SourceKind};
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos_router::components::A;

type Errors = RwSignal<Vec<FieldError>>;

fn err(errors: Errors) -> impl Fn(&'static str) -> Signal<Option<String>> + Copy {
    move |id: &'static str| error_at(errors, field_id, id)
}

/// Adds `s` to the subjects (once).
fn add_subject(f: Form, s: SubjectEntry) {
    f.subjects.update(|list| {
        if !list.contains(&s) {
            list.push(s);
        }
    });
}

/// The subjects chosen so far, each with a remove button.
#[component]
fn ChosenSubjects(f: Form) -> impl IntoView {
    view! {
        <ul class="list subjects-chosen" id="subjects-chosen" aria-live="polite">
            {move || {
                f.subjects
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let label = s.label();
                        view! {
                            <li class="picked subject-chosen">
                                <span>{label.clone()}</span>
                                " "
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    data-testid="remove-subject"
                                    on:click=move |_| {
                                        f.subjects
                                            .update(|l| {
                                                if i < l.len() {
                                                    l.remove(i);
                                                }
                                            })
                                    }
                                >
                                    "Remove"
                                    <span class="visually-hidden">{format!(" {label}")}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// The records found for the search, each a button that adds it.
#[component]
fn SubjectOptions(f: Form, search: LiveSearch) -> impl IntoView {
    let add_subject = move |s: SubjectEntry| add_subject(f, s);
    view! {
        <ul class="list picker-options" id="subject-options">
            {move || {
                search
                    .results
                    .get()
                    .map(|(_, r)| r.hits)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|h| h.summary.record.kind != RecordKind::Event)
                    .map(|h| {
                        let entry = SubjectEntry::Record {
                            kind: h.summary.record.kind,
                            id: h.summary.record.id,
                            label: h.summary.label.clone(),
                        };
                        let details = h.summary.details.join(" · ");
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="button button--secondary option"
                                    data-testid="subject-option"
                                    data-record-id=h.summary.record.id.to_string()
                                    on:click=move |_| {
                                        add_subject(entry.clone());
                                        search.query.set(String::new());
                                        crate::components::focus_by_id("subject-search");
                                    }
                                >
                                    <span class="option__label">
                                        {format!("{}: {}", kind_label(h.summary.record.kind), h.summary.label)}
                                    </span>
                                    {(!details.is_empty())
                                        .then(|| view! { <span class="option__details">{details}</span> })}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// A new person as a subject, with duplicate suggestions.
#[component]
fn NewSubject(
    f: Form,
    errors: Errors,
    summary: RwSignal<Vec<ErrorItem>>,
    matches: PersonMatches,
    reason_needed: Memo<bool>,
    person_note: RwSignal<Option<String>>,
) -> impl IntoView {
    let e = err(errors);
    let add_subject = move |s: SubjectEntry| add_subject(f, s);
    let clear_person = move || {
        f.forename.set(String::new());
        f.surname.set(String::new());
        f.dob.set(String::new());
        f.new_reason.set(NEW_RECORD_REASONS[0].to_owned());
        matches.shown.set(false);
    };
    let pick_match = Callback::new(move |m: PersonMatch| {
        add_subject(SubjectEntry::Record {
            kind: RecordKind::Person,
            id: m.summary.record.id,
            label: m.summary.label.clone(),
        });
        clear_person();
        person_note.set(Some(format!("{} added as a subject.", m.summary.label)));
    });
    let add_person = move |_| {
        let snap = untrack(|| f.snapshot(String::new()));
        let index = snap.subjects.len();
        match pending_person(&snap, reason_needed.get_untracked(), index) {
            None => {
                let fe = FieldError::new(
                    format!("subjects.{index}.new_person.names.0.surname"),
                    "required",
                    "Enter the person's name",
                );
                summary.set(items_in_order(std::slice::from_ref(&fe)));
                errors.set(vec![fe]);
            }
            Some((_, problems)) if !problems.is_empty() => {
                summary.set(items_in_order(&problems));
                errors.set(problems);
            }
            Some((np, _)) => {
                let name = format!("{} {}", snap.forename.trim(), snap.surname.trim());
                add_subject(SubjectEntry::NewPerson {
                    forename: snap.forename.trim().to_owned(),
                    surname: snap.surname.trim().to_owned(),
                    dob: snap.dob.trim().to_owned(),
                    reason: np.new_record_reason,
                });
                clear_person();
                person_note.set(Some(format!("{} added as a new person.", name.trim())));
            }
        }
    };
    view! {
        <div class="new-subject" id="new-subject">
            <h3 class="heading-s">"Or add a new person (not found above)"</h3>
            <div class="row-group">
                <NewPersonFields
                    id="subject"
                    reason_label="If none of these is the person, why?"
                    matches_title="Is this person already recorded?"
                    pick_label="Use this person"
                    forename=f.forename
                    surname=f.surname
                    dob=f.dob
                    reason=f.new_reason
                    errors=[e("subject-forename"), e("subject-surname"), e("subject-dob"), e("subject-new-reason")]
                    matches=matches
                    on_pick=pick_match
                    reason_needed=reason_needed
                />
                <button type="button" class="button button--secondary" id="add-new-person" on:click=add_person>
                    "Add this person"
                </button>
                <p class="small" role="status">
                    {move || person_note.get()}
                </p>
            </div>
        </div>
    }
}

/// Who or what the report is about.
#[component]
pub(super) fn SubjectsFieldset(
    f: Form,
    search: LiveSearch,
    errors: Errors,
    summary: RwSignal<Vec<ErrorItem>>,
    matches: PersonMatches,
    reason_needed: Memo<bool>,
    person_note: RwSignal<Option<String>>,
) -> impl IntoView {
    let e = err(errors);
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Who or what is it about?"</legend>
            <ChosenSubjects f=f />
            <TextField
                id="subject-search"
                label="Find a person, organisation, vehicle, object or place"
                hint="Type a name, registration, phone number or address; pick from the list. Add as many as you need."
                value=search.query
                error=e("subject-search")
            />
            <p class="small" role="status">
                {move || search.status()}
            </p>
            <SubjectOptions f=f search=search />
            <NewSubject
                f=f
                errors=errors
                summary=summary
                matches=matches
                reason_needed=reason_needed
                person_note=person_note
            />
        </fieldset>
    }
}

/// When and where it was obtained.
#[component]
pub(super) fn ObtainedFieldset(f: Form, errors: Errors) -> impl IntoView {
    let e = err(errors);
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"When and where you obtained it"</legend>
            <TextField
                id="obtained-at"
                label="When"
                input_type="datetime-local"
                value=f.obtained_at
                error=e("obtained-at")
            />
            <TextField
                id="obtained-where"
                label="Where"
                hint="Only the intelligence unit sees this: it can identify the source."
                value=f.obtained_where
                error=e("obtained-where")
            />
        </fieldset>
    }
}

/// The source: a registered source's reference, or a new source.
#[component]
pub(super) fn SourceFieldset(f: Form, errors: Errors) -> impl IntoView {
    let e = err(errors);
    let source_kinds = Signal::derive(|| {
        SOURCE_KINDS
            .iter()
            .map(|k| (k.code().to_owned(), source_kind_label(*k).to_owned()))
            .collect::<Vec<_>>()
    });
    let name_optional = move || {
        matches!(
            SourceKind::parse(f.source_kind.get().trim()),
            Some(SourceKind::Anonymous | SourceKind::OpenSource)
        )
    };

    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Source"</legend>
            <p class="hint">
                "The source is kept in the protected register: only the intelligence unit sees who they are. Give a registered source's reference, or record a new source."
            </p>
            <TextField
                id="source-reference"
                label="Registered source reference"
                hint="For example NS-SRC-000012. Leave empty to record a new source."
                value=f.source_reference
                error=e("source-reference")
            />
            <div class="row-group">
                <p class="label">"Or a new source"</p>
                <SelectField
                    id="source-kind"
                    label="Kind of source"
                    value=f.source_kind
                    options=source_kinds
                    error=e("source-kind")
                    empty="Choose (for a new source)"
                />
                <TextField
                    id="source-name"
                    label="Who the source is"
                    hint="Not needed for an anonymous or open source."
                    value=f.source_name
                    error=e("source-name")
                />
                <p class="small" hidden=move || !name_optional()>
                    "The name is optional for this kind of source."
                </p>
                <TextArea
                    id="source-details"
                    label="How to reach them, and how they know (optional)"
                    value=f.source_details
                    error=e("source-details")
                    rows=3
                />
            </div>
        </fieldset>
    }
}

/// The confirmation once submitted, with the way to submit another.
#[component]
pub(super) fn Confirmation(
    submitted: RwSignal<Option<ReportDto>>,
    /// Starts a new report.
    another: Callback<()>,
) -> impl IntoView {
    move || {
        submitted.get().map(|r| {
            view! {
                <div class="banner banner--success" id="intel-submitted" tabindex="-1" role="status">
                    <h2 class="heading-m">"Intelligence submitted"</h2>
                    <p class="body">
                        "Your report's reference is "
                        <strong id="intel-reference">{r.reference.clone()}</strong>
                        ". The intelligence unit will evaluate it; if they have questions it comes back to your work list."
                    </p>
                    <div class="button-group">
                        <A href=report_path(r.id) attr:class="button" attr:id="intel-report-link">
                            "Open the report"
                        </A>
                        <button type="button" class="button button--secondary" id="submit-another" on:click=move |_| another.run(())>
                            "Submit another report"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
