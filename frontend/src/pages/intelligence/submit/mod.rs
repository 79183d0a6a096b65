//! `/intelligence/new`: submitting an intelligence report, made for a phone: one column, large
//! touch targets. What is known, whom or what it is about (records of the index picked as you
//! type, or a new person with duplicate suggestions), when and where it was obtained, the source
//! (a registered source's reference, or a new source for the protected register) and the priority.
//!
//! The form autosaves (debounced) to `localStorage` and to `PUT /drafts/{id}` (form
//! `intelligence_report`); the draft's id is also the submit's `Idempotency-Key`, so however often
//! the button is pressed one report is made.

mod draft;

use self::draft::{build, draft_label, fresh, items_in_order, pending_person, Form};
pub use self::draft::{field_id, IntelDraft, SubjectEntry, DRAFT_FORM};

use super::{priority_options, source_kind_label, SOURCE_KINDS};
use crate::api::AuthClient;
use crate::components::autosave::{autosave_status, local_key, submit_failure, DraftOffer, Drafts};
use crate::components::error_summary::{error_at, keep_unfixed, ErrorItem, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::ids::new_uuid;
use crate::components::live_search::LiveSearch;
use crate::components::module_page::ModulePage;
use crate::components::person_choice::{match_query, NewPersonFields, NEW_RECORD_REASONS};
use crate::components::person_matches::PersonMatches;
use crate::components::record::kind_label;
use crate::routes::{report_path, Page};
use crate::session::use_session;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::index::people::PersonMatch;
use bluelamp_shared::intelligence::{ReportDto, SourceKind};
use bluelamp_shared::records::RecordKind;
use chrono::{DateTime, Utc};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// `/intelligence/new`.
#[component]
pub fn NewReportPage() -> impl IntoView {
    view! {
        <ModulePage page=Page::NewIntelligence>
            <SubmitForm />
        </ModulePage>
    }
}

#[component]
fn SubmitForm() -> impl IntoView {
    let session = use_session();
    let client = AuthClient::new(session);
    let user_id = session
        .user()
        .with_untracked(|u| u.as_ref().map(|u| u.id.0.to_string()))
        .unwrap_or_default();
    let storage_key = local_key(DRAFT_FORM, &user_id);

    let initial = fresh();
    let f = Form::new(&initial);
    let search = LiveSearch::new(None);
    let pristine = StoredValue::new(initial);
    let draft_id = StoredValue::new(new_uuid());
    let done = StoredValue::new(false);

    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let saved_at = RwSignal::new(None::<(DateTime<Utc>, bool)>);
    let offer = RwSignal::new(None::<DraftOffer<IntelDraft>>);
    let drafts = Drafts::new(client, DRAFT_FORM, storage_key.clone(), draft_id, done);
    let submitted = RwSignal::new(None::<ReportDto>);
    let person_note = RwSignal::new(None::<String>);

    let matches = PersonMatches::new(move || Some(match_query(f.forename, f.surname, Some(f.dob))));
    let reason_needed = Memo::new(move |_| {
        matches.shown.get()
            || errors.with(|es| {
                es.iter()
                    .any(|e| e.path.ends_with("new_person.new_record_reason"))
            })
    });

    // Offer the latest unfinished draft, and autosave as the form changes.
    drafts.offer_latest(offer);
    drafts.autosave(
        pristine,
        saved_at,
        move || f.snapshot(search.query.get()),
        draft_label,
    );

    // After a failed submit, messages go as soon as the field is put right.
    Effect::new(move |_| {
        let snap = f.snapshot(String::new());
        let found = build(&snap, reason_needed.get()).1;
        keep_unfixed(errors, found);
    });

    let offer_banner = drafts.offer_banner(offer, pristine, "report", move |data| {
        f.apply(data);
        search.query.set(data.subject_query.clone());
    });

    let submit_key = storage_key.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || done.get_value() {
            return;
        }
        let snap = untrack(|| f.snapshot(String::new()));
        let (req, problems) = build(&snap, reason_needed.get_untracked());
        if !problems.is_empty() {
            summary.set(items_in_order(&problems));
            errors.set(problems);
            return;
        }
        let id = draft_id.get_value();
        busy.set(true);
        let storage_key = submit_key.clone();
        spawn_local(async move {
            match client.submit_report(&req, &id.to_string()).await {
                Ok(report) => {
                    done.set_value(true);
                    LocalStorage::delete(&storage_key);
                    let _ = busy.try_set(false);
                    let _ = errors.try_set(Vec::new());
                    let _ = summary.try_set(Vec::new());
                    let _ = submitted.try_set(Some(report));
                    request_animation_frame(|| crate::components::focus_by_id("intel-submitted"));
                    let _ = client.delete_draft(id).await;
                }
                Err(e) => {
                    let _ = busy.try_set(false);
                    let (fields, items) = submit_failure(
                        &e,
                        "Your report is saved on this device: press the button again when you are back online; it will not be submitted twice.",
                        items_in_order,
                    );
                    let _ = errors.try_set(fields);
                    let _ = summary.try_set(items);
                }
            }
        });
    };

    let another = move |_| {
        let d = fresh();
        f.apply(&d);
        search.query.set(String::new());
        pristine.set_value(d);
        draft_id.set_value(new_uuid());
        done.set_value(false);
        saved_at.set(None);
        submitted.set(None);
        matches.shown.set(false);
    };

    let e = move |id: &'static str| error_at(errors, field_id, id);
    let add_subject = move |s: SubjectEntry| {
        f.subjects.update(|list| {
            if !list.contains(&s) {
                list.push(s);
            }
        });
    };
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
    let source_kinds = Signal::derive(|| {
        SOURCE_KINDS
            .iter()
            .map(|k| (k.code().to_owned(), source_kind_label(*k).to_owned()))
            .collect::<Vec<_>>()
    });
    let priorities = Signal::derive(priority_options);
    let name_optional = move || {
        matches!(
            SourceKind::parse(f.source_kind.get().trim()),
            Some(SourceKind::Anonymous | SourceKind::OpenSource)
        )
    };

    let confirmation = move || {
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
                        <button type="button" class="button button--secondary" id="submit-another" on:click=another>
                            "Submit another report"
                        </button>
                    </div>
                </div>
            }
        })
    };

    view! {
        <div class="intel-form-page">
            {confirmation}
            <div hidden=move || submitted.with(Option::is_some)>
                {offer_banner}
                <ErrorSummary items=summary id="intel-error-summary" />
                <form novalidate id="intel-form" class="intel-form" on:submit=on_submit>
                    <TextArea
                        id="intel-text"
                        label="What do you know?"
                        hint="In your own words: who, what, where, when. Only the intelligence unit sees this text; they write what is shared."
                        value=f.text
                        error=e("intel-text")
                        rows=6
                    />

                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">"Who or what is it about?"</legend>
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
                    </fieldset>

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

                    <SelectField
                        id="intel-priority"
                        label="Priority"
                        value=f.priority
                        options=priorities
                        error=e("intel-priority")
                        empty="Choose"
                    />

                    <div class="button-group">
                        <button type="submit" class="button button--large" id="intel-submit" aria-disabled=move || busy.get().to_string()>
                            {move || if busy.get() { "Submitting…" } else { "Submit intelligence" }}
                        </button>
                        {autosave_status(saved_at)}
                    </div>
                </form>
            </div>
        </div>
    }
}
