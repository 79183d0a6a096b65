//! The person form's fieldsets, top to bottom: names, dates of birth, description, identifiers
//! and contacts (one list component), markers, vulnerabilities, address, access.

use super::state::{date_text, err_at, field_id, FormState, MarkerRow, NameRow, PairRow, VulnRow};
use crate::components::field::{SelectField, TextField};
use crate::components::record::{choices, use_reference_data};
use crate::components::time::today;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::index::people::{IdentifierKind, NameKind, PersonName};
use leptos::prelude::*;

fn no_error() -> Signal<Option<String>> {
    Signal::derive(|| None::<String>)
}

/// A small secondary button that removes row `i` of `rows`.
#[component]
fn RemoveRow<T>(rows: RwSignal<Vec<T>>, i: usize, label: &'static str) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    view! {
        <button
            type="button"
            class="button button--secondary button--small"
            on:click=move |_| {
                rows.update(|r| {
                    if i < r.len() {
                        r.remove(i);
                    }
                })
            }
        >
            {label}
        </button>
    }
}

/// One name: the kind (not for the primary name), given, middle and family names.
#[component]
fn NameFields(f: FormState, errors: RwSignal<Vec<FieldError>>, i: usize, n: NameRow) -> impl IntoView {
    let e = move |path: String| err_at(errors, path);
    let id = |field: &str| field_id(&format!("names.{i}.{field}"));
    let primary = i == 0;
    let name_kinds = Signal::derive(|| {
        vec![
            ("alias".to_owned(), "Alias".to_owned()),
            ("previous".to_owned(), "Previous name".to_owned()),
        ]
    });
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
                            error=no_error()
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
            {(!primary).then(|| view! { <RemoveRow rows=f.names i=i label="Remove this name" /> })}
        </div>
    }
}

/// Names: the primary name, then aliases and previous names.
#[component]
pub(super) fn NamesFieldset(f: FormState, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let e = move |path: String| err_at(errors, path);
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Names"</legend>
            {move || {
                f.names
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, n)| view! { <NameFields f=f errors=errors i=i n=n /> })
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
    }
}

/// Dates of birth (one or more) or an estimated age.
#[component]
pub(super) fn BirthFieldset(f: FormState, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let e = move |path: String| err_at(errors, path);
    view! {
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
                <TextField id="age-max" label="to" value=f.age_max error=no_error() />
            </div>
        </fieldset>
    }
}

/// Gender, ethnicity and nationality.
#[component]
pub(super) fn DescriptionFieldset(f: FormState, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let refdata = use_reference_data();
    let genders = Signal::derive(move || refdata.with(|d| choices(d, "gender")));
    let ethnicities = Signal::derive(move || refdata.with(|d| choices(d, "ethnicity")));
    let nationalities = Signal::derive(move || refdata.with(|d| choices(d, "nationality")));
    let e = move |path: String| err_at(errors, path);
    view! {
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
    }
}

/// The kinds of identifier the form offers.
pub(super) fn identifier_kinds() -> Vec<(String, String)> {
    use IdentifierKind::*;
    [PncId, CroNumber, NiNumber, Passport, DrivingLicence]
        .into_iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect()
}

/// The kinds of contact the form offers.
pub(super) fn contact_kinds() -> Vec<(String, String)> {
    vec![
        ("phone".to_owned(), "Telephone".to_owned()),
        ("email".to_owned(), "E-mail".to_owned()),
    ]
}

/// A list of kind-and-value rows (identifiers, telephones and e-mails) with its add button.
#[component]
pub(super) fn PairFieldset(
    legend: &'static str,
    /// The field path and id prefix (`identifiers`, `contacts`).
    prefix: &'static str,
    rows: RwSignal<Vec<PairRow>>,
    kinds: fn() -> Vec<(String, String)>,
    value_label: &'static str,
    /// The kind a new row starts with.
    new_kind: &'static str,
    add_id: &'static str,
    add_label: &'static str,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let options = Signal::derive(kinds);
    let e = move |path: String| err_at(errors, path);
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">{legend}</legend>
            {move || {
                rows.get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| {
                        view! {
                            <div class="row-group inline-fields">
                                <SelectField
                                    id=format!("{prefix}-{i}-kind")
                                    label="Kind"
                                    value=r.kind
                                    options=options
                                    error=no_error()
                                    empty="Choose"
                                />
                                <TextField
                                    id=format!("{prefix}-{i}-value")
                                    label=value_label
                                    value=r.value
                                    error=e(format!("{prefix}.{i}.value"))
                                />
                                <RemoveRow rows=rows i=i label="Remove" />
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button
                type="button"
                class="button button--secondary button--small"
                id=add_id
                on:click=move |_| {
                    rows.update(|r| {
                        r.push(PairRow {
                            kind: RwSignal::new(new_kind.to_owned()),
                            value: RwSignal::new(String::new()),
                        })
                    })
                }
            >
                {add_label}
            </button>
        </fieldset>
    }
}

/// One warning marker: the marker, when set and when it expires, why.
#[component]
fn MarkerFields(
    f: FormState,
    errors: RwSignal<Vec<FieldError>>,
    marker_types: Signal<Vec<(String, String)>>,
    i: usize,
    m: MarkerRow,
) -> impl IntoView {
    let e = move |path: String| err_at(errors, path);
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
            <TextField id=format!("markers-{i}-notes") label="Why (optional)" value=m.notes error=no_error() />
            <RemoveRow rows=f.markers i=i label="Remove this marker" />
        </div>
    }
}

/// Warning markers.
#[component]
pub(super) fn MarkersFieldset(f: FormState, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let refdata = use_reference_data();
    let marker_types = Signal::derive(move || refdata.with(|d| choices(d, "marker_type")));
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Warning markers"</legend>
            {move || {
                f.markers
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, m)| view! { <MarkerFields f=f errors=errors marker_types=marker_types i=i m=m /> })
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
    }
}

/// Vulnerabilities.
#[component]
pub(super) fn VulnerabilitiesFieldset(f: FormState, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let refdata = use_reference_data();
    let vulnerability_types = Signal::derive(move || refdata.with(|d| choices(d, "vulnerability")));
    let e = move |path: String| err_at(errors, path);
    view! {
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
                                <RemoveRow rows=f.vulnerabilities i=i label="Remove" />
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
    }
}

/// The address (create only): the link's reason and a new location.
#[component]
pub(super) fn AddressFieldset(f: FormState, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let refdata = use_reference_data();
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
    let e = move |path: String| err_at(errors, path);
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
}

/// Access: the restriction checkbox.
#[component]
pub(super) fn AccessFieldset(f: FormState) -> impl IntoView {
    view! {
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
    }
}

/// Why this is a new person: asked once possible matches have been suggested (create only).
#[component]
pub(super) fn NewRecordReason(
    f: FormState,
    errors: RwSignal<Vec<FieldError>>,
    asked: Signal<bool>,
) -> impl IntoView {
    let e = move |path: String| err_at(errors, path);
    view! {
        {move || {
            asked
                .get()
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
    }
}

/// Submit (create or save) and, when editing, cancel.
#[component]
pub(super) fn FormButtons(
    creating: bool,
    busy: RwSignal<bool>,
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    view! {
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
    }
}
