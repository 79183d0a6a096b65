//! Choosing a person on a form that can also record a new one (the subjects of an intelligence
//! report, the suspect and witness of a shoplifting): the name fields of the new person with
//! duplicate suggestions and the reason asked for when a suggestion is passed over
//! ([`NewPersonFields`]), the person already recorded once picked ([`PickedPerson`]), and the
//! request for the new person ([`new_person`]).

use super::field::{SelectField, TextField};
use super::person_matches::{MatchesPanel, PersonMatches};
use super::record_picker::Picked;
use bluelamp_shared::index::people::{
    CreatePersonRequest, PersonInput, PersonMatch, PersonMatchQuery, PersonName,
};
use chrono::NaiveDate;
use leptos::prelude::*;

/// Reasons offered for creating a new person when suggestions were shown (the first is chosen).
pub const NEW_RECORD_REASONS: [&str; 3] = [
    "Details differ from every suggestion",
    "Different date of birth from every suggestion",
    "Suggestions checked: none is this person",
];

/// [`NEW_RECORD_REASONS`] as the options of a select.
pub fn reason_options() -> Signal<Vec<(String, String)>> {
    Signal::derive(|| {
        NEW_RECORD_REASONS
            .iter()
            .map(|r| ((*r).to_owned(), (*r).to_owned()))
            .collect::<Vec<_>>()
    })
}

/// The text trimmed, or `None` when nothing is typed.
pub fn blank_to_none(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The request for a new person of one name (and date of birth, if known).
pub fn new_person(
    forename: &str,
    surname: &str,
    dob: Option<NaiveDate>,
    reason: Option<String>,
) -> CreatePersonRequest {
    CreatePersonRequest {
        person: PersonInput {
            names: vec![PersonName {
                forename: forename.trim().to_owned(),
                surname: surname.trim().to_owned(),
                ..Default::default()
            }],
            dates_of_birth: dob.into_iter().collect(),
            ..Default::default()
        },
        addresses: Vec::new(),
        new_record_reason: reason,
    }
}

/// The duplicate-suggestion query for the name (and date of birth) typed (tracked).
pub fn match_query(
    forename: RwSignal<String>,
    surname: RwSignal<String>,
    dob: Option<RwSignal<String>>,
) -> PersonMatchQuery {
    PersonMatchQuery {
        forename: forename.get().trim().to_owned(),
        surname: surname.get().trim().to_owned(),
        date_of_birth: dob.and_then(|d| NaiveDate::parse_from_str(d.get().trim(), "%Y-%m-%d").ok()),
        ..Default::default()
    }
}

/// The fields of a new person: given name, surname and (when `dob` is given) date of birth as
/// `#{id}-forename`, `#{id}-surname` and `#{id}-dob`; the suggestions of people already recorded
/// (`#{id}-matches`); and, when a suggestion was passed over, why (`#{id}-new-reason`).
#[component]
pub fn NewPersonFields(
    /// The prefix of the element ids (`subject`, `suspect`, `witness`).
    id: &'static str,
    /// The label of the reason ("If none of these is the suspect, why?").
    reason_label: &'static str,
    /// The heading of the suggestions.
    matches_title: &'static str,
    /// The text of each suggestion's button.
    pick_label: &'static str,
    /// Given name.
    forename: RwSignal<String>,
    /// Surname.
    surname: RwSignal<String>,
    /// Date of birth (`None`: the field is not asked).
    #[prop(optional)]
    dob: Option<RwSignal<String>>,
    /// Why a new record though suggestions were shown.
    reason: RwSignal<String>,
    /// The errors of the given name, surname, date of birth and reason, in that order.
    errors: [Signal<Option<String>>; 4],
    /// The suggestions.
    matches: PersonMatches,
    /// Called with the suggestion picked.
    on_pick: Callback<PersonMatch>,
    /// Whether the reason is asked for.
    #[prop(into)]
    reason_needed: Signal<bool>,
    /// The class of a `<div>` around the name fields (none: no `<div>`).
    #[prop(optional)]
    names_class: Option<&'static str>,
    /// Show the suggestions only while this holds (none: always).
    #[prop(optional)]
    matches_when: Option<Signal<bool>>,
) -> impl IntoView {
    let [forename_error, surname_error, dob_error, reason_error] = errors;
    let names = view! {
        <TextField id=format!("{id}-forename") label="Given name" value=forename error=forename_error />
        <TextField id=format!("{id}-surname") label="Surname" value=surname error=surname_error />
        {dob.map(|dob| {
            view! {
                <TextField
                    id=format!("{id}-dob")
                    label="Date of birth (if known)"
                    input_type="date"
                    value=dob
                    error=dob_error
                />
            }
        })}
    };
    let names = match names_class {
        Some(class) => view! { <div class=class>{names}</div> }.into_any(),
        None => names.into_any(),
    };
    let panel = move || {
        view! {
            <MatchesPanel
                matches=matches
                id=format!("{id}-matches")
                title=matches_title
                pick_label=pick_label
                on_pick=on_pick
            />
        }
    };
    let panel = match matches_when {
        Some(when) => view! { <Show when=move || when.get()>{panel()}</Show> }.into_any(),
        None => panel().into_any(),
    };
    let reasons = reason_options();
    view! {
        {names}
        {panel}
        <Show when=move || reason_needed.get()>
            <SelectField
                id=format!("{id}-new-reason")
                label=reason_label
                value=reason
                options=reasons
                error=reason_error
                empty="Choose"
            />
        </Show>
    }
}

/// A person already recorded, picked: "{role}: **label** (already recorded)" and a button
/// (`#change-{id}`) to choose someone else; `#{id}-picked`. Nothing while none is picked.
#[component]
pub fn PickedPerson(
    /// The prefix of the element ids (`suspect`, `witness`).
    id: &'static str,
    /// Who the person is ("Suspect").
    role: &'static str,
    /// The person picked.
    picked: RwSignal<Option<Picked>>,
) -> impl IntoView {
    move || {
        picked.get().map(|p| {
            view! {
                <p class="body picked" id=format!("{id}-picked")>
                    {format!("{role}: ")}
                    <strong>{p.label}</strong>
                    " (already recorded) "
                    <button
                        type="button"
                        class="button button--secondary button--small"
                        id=format!("change-{id}")
                        on:click=move |_| picked.set(None)
                    >
                        "Someone else"
                    </button>
                </p>
            }
        })
    }
}
