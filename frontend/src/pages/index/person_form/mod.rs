//! The person form: `/people/new` (create, with duplicate suggestions) and the edit form of a
//! person's page (the same component, prefilled, saved with `If-Match`).
//!
//! Every rule is the shared one (`people::check_create` / `people::check_person`), all errors at
//! once in the error summary and under the fields; the 4+1 indicator is worked out live with
//! `people::completeness` and never stops saving.

mod completeness;
mod state;

pub use self::completeness::CompletenessView;
pub use self::state::field_id;
use self::state::{date_text, err_at, FormState, MarkerRow, NameRow, PairRow, VulnRow, FORM_ORDER};

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
use bluelamp_shared::index::people::{
    completeness, CreatePersonRequest, IdentifierKind, NameKind, PersonDto, PersonInput, PersonMatch,
    PersonName,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
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
