//! The person form: `/people/new` (create, with duplicate suggestions) and the edit form of a
//! person's page (the same component, prefilled, saved with `If-Match`).
//!
//! Every rule is the shared one (`people::check_create` / `people::check_person`), all errors at
//! once in the error summary and under the fields; the 4+1 indicator is worked out live with
//! `people::completeness` and never stops saving.

mod completeness;
mod save;
mod sections;
mod state;

pub use self::completeness::CompletenessView;
use self::save::{submit_create, submit_update, CreateKey, EditCallbacks, Feedback};
use self::sections::{
    contact_kinds, identifier_kinds, AccessFieldset, AddressFieldset, BirthFieldset, DescriptionFieldset,
    FormButtons, MarkersFieldset, NamesFieldset, NewRecordReason, PairFieldset, VulnerabilitiesFieldset,
};
pub use self::state::field_id;
use self::state::FormState;

use crate::api::AuthClient;
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::ids::new_idempotency_key;
use crate::components::module_page::ModulePage;
use crate::components::person_matches::{MatchesPanel, PersonMatches};
use crate::routes::{person_path, Page};
use crate::session::use_session;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::index::people::{
    completeness, CreatePersonRequest, PersonDto, PersonInput, PersonMatch,
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

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

/// After a failed submit, fields showing an error are re-checked as the user types, so a
/// message goes as soon as it is put right (new errors are not raised while typing).
fn recheck_shown_errors(
    f: FormState,
    creating: bool,
    matches_shown: RwSignal<bool>,
    errors: RwSignal<Vec<FieldError>>,
) {
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
}

/// The possible matches beside the create form: picking one opens that person.
#[component]
fn MatchesAside(matches: PersonMatches) -> impl IntoView {
    let navigate_match = use_navigate();
    let on_pick = Callback::new(move |m: PersonMatch| {
        navigate_match(&person_path(m.summary.record.id), Default::default())
    });
    view! { <MatchesPanel matches=matches on_pick=on_pick /> }
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

    recheck_shown_errors(f, creating, matches_shown, errors);

    let fb = Feedback {
        errors,
        summary,
        busy,
    };
    let created = CreateKey { key, last_sent };
    let callbacks = EditCallbacks {
        on_saved,
        on_conflict,
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        match edit.clone() {
            None => submit_create(
                client,
                f,
                fb,
                matches_shown.get_untracked(),
                created,
                navigate.clone(),
            ),
            Some(edit) => submit_update(client, f, fb, edit, loaded, callbacks),
        }
    };
    let matches_panel = creating.then(|| view! { <MatchesAside matches=suggestions /> });

    view! {
        <div class="person-form" class:person-form--create=creating>
            <ErrorSummary items=summary id="person-error-summary" />
            <div class="person-form__layout">
                <form novalidate class="person-form__form" id="person-form" on:submit=on_submit>
                    <CompletenessView value=quality />
                    <NamesFieldset f=f errors=errors />
                    <BirthFieldset f=f errors=errors />
                    <DescriptionFieldset f=f errors=errors />
                    <PairFieldset
                        legend="Identifiers"
                        prefix="identifiers"
                        rows=f.identifiers
                        kinds=identifier_kinds
                        value_label="Value"
                        new_kind="pnc_id"
                        add_id="add-identifier"
                        add_label="Add an identifier"
                        errors=errors
                    />
                    <PairFieldset
                        legend="Telephone and e-mail"
                        prefix="contacts"
                        rows=f.contacts
                        kinds=contact_kinds
                        value_label="Number or address"
                        new_kind="phone"
                        add_id="add-contact"
                        add_label="Add a telephone or e-mail"
                        errors=errors
                    />
                    <MarkersFieldset f=f errors=errors />
                    <VulnerabilitiesFieldset f=f errors=errors />
                    {creating.then(|| view! { <AddressFieldset f=f errors=errors /> })}
                    <AccessFieldset f=f />

                    <NewRecordReason f=f errors=errors asked=Signal::derive(move || creating && matches_shown.get()) />
                    <FormButtons creating=creating busy=busy on_cancel=on_cancel />
                </form>
                {matches_panel}
            </div>
        </div>
    }
}
