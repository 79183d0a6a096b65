//! `/intelligence/new`: submitting an intelligence report, made for a phone: one column, large
//! touch targets. What is known, whom or what it is about (records of the index picked as you
//! type, or a new person with duplicate suggestions), when and where it was obtained, the source
//! (a registered source's reference, or a new source for the protected register) and the priority.
//!
//! The form autosaves (debounced) to `localStorage` and to `PUT /drafts/{id}` (form
//! `intelligence_report`); the draft's id is also the submit's `Idempotency-Key`, so however often
//! the button is pressed one report is made.

mod draft;
mod sections;

use self::draft::{build, draft_label, fresh, items_in_order, Form};
pub use self::draft::{field_id, IntelDraft, SubjectEntry, DRAFT_FORM};
use self::sections::{Confirmation, ObtainedFieldset, SourceFieldset, SubjectsFieldset};

use super::priority_options;
use crate::api::AuthClient;
use crate::components::autosave::{autosave_status, local_key, submit_failure, DraftOffer, Drafts};
use crate::components::error_summary::{error_at, keep_unfixed, ErrorItem, ErrorSummary};
use crate::components::field::{SelectField, TextArea};
use crate::components::ids::new_uuid;
use crate::components::live_search::LiveSearch;
use crate::components::module_page::ModulePage;
use crate::components::person_choice::match_query;
use crate::components::person_matches::PersonMatches;
use crate::routes::Page;
use crate::session::use_session;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::intelligence::ReportDto;
use chrono::{DateTime, Utc};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `/intelligence/new`.
#[component]
pub fn NewReportPage() -> impl IntoView {
    view! {
        <ModulePage page=Page::NewIntelligence>
            <SubmitForm />
        </ModulePage>
    }
}

/// A new person needs a reason once matches were suggested, or while a reason shows an error.
fn reason_needed(matches: PersonMatches, errors: RwSignal<Vec<FieldError>>) -> Memo<bool> {
    Memo::new(move |_| {
        matches.shown.get()
            || errors.with(|es| {
                es.iter()
                    .any(|e| e.path.ends_with("new_person.new_record_reason"))
            })
    })
}

/// The priority, the submit button and the autosave status.
#[component]
fn PriorityAndSubmit(
    f: Form,
    errors: RwSignal<Vec<FieldError>>,
    busy: RwSignal<bool>,
    saved_at: RwSignal<Option<(DateTime<Utc>, bool)>>,
) -> impl IntoView {
    let e = move |id: &'static str| error_at(errors, field_id, id);
    let priorities = Signal::derive(priority_options);
    view! {
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
    let reason_needed = reason_needed(matches, errors);

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
    let o = Outcome {
        errors,
        summary,
        busy,
        done,
        draft_id,
        submitted,
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || done.get_value() {
            return;
        }
        submit(client, f, o, reason_needed.get_untracked(), submit_key.clone());
    };

    let another = Callback::new(move |()| {
        let d = fresh();
        f.apply(&d);
        search.query.set(String::new());
        pristine.set_value(d);
        draft_id.set_value(new_uuid());
        done.set_value(false);
        saved_at.set(None);
        submitted.set(None);
        matches.shown.set(false);
    });

    let e = move |id: &'static str| error_at(errors, field_id, id);

    view! {
        <div class="intel-form-page">
            <Confirmation submitted=submitted another=another />
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

                    <SubjectsFieldset
                        f=f
                        search=search
                        errors=errors
                        summary=summary
                        matches=matches
                        reason_needed=reason_needed
                        person_note=person_note
                    />

                    <ObtainedFieldset f=f errors=errors />

                    <SourceFieldset f=f errors=errors />

                    <PriorityAndSubmit f=f errors=errors busy=busy saved_at=saved_at />
                </form>
            </div>
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
    draft_id: StoredValue<uuid::Uuid>,
    submitted: RwSignal<Option<ReportDto>>,
}

/// Checks and sends the report; once made, the confirmation shows.
fn submit(client: AuthClient, f: Form, o: Outcome, reason_needed: bool, storage_key: String) {
    let Outcome {
        errors,
        summary,
        busy,
        done,
        draft_id,
        submitted,
    } = o;
    let snap = untrack(|| f.snapshot(String::new()));
    let (req, problems) = build(&snap, reason_needed);
    if !problems.is_empty() {
        summary.set(items_in_order(&problems));
        errors.set(problems);
        return;
    }
    let id = draft_id.get_value();
    busy.set(true);
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
}
