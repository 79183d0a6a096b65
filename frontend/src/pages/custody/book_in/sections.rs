//! The book-in form's fieldsets, top to bottom: detainee (with what is known of them), suite,
//! arrest, arrival and decision, ethnicity and nationality, risk assessment, medication.

use super::state::BookIn;
use super::{code_choices, field_id, mode_label};
use crate::components::field::ChoiceField;
use crate::components::field::{CheckboxField, TextArea, TextField};
use crate::components::record::{use_reference_data, MarkerBadges};
use crate::components::record_picker::RecordPicker;
use crate::pages::custody::fields::{
    err_of, ChecklistField, Errors, PrescriptionFields, RadioField, RiskFields,
};
use crate::pages::custody::own_suites;
use crate::routes::{custody_record_path, Page};
use bluelamp_shared::custody::{
    BookInPrefill, Prescription, RiskQuestion, OFFICER_DEFINED_ETHNICITIES, SELF_DEFINED_ETHNICITIES,
};
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos_router::components::A;

fn err(errors: Errors) -> impl Fn(&str) -> Signal<Option<String>> + Copy {
    move |path: &str| err_of(errors, field_id(path))
}

/// What is known of the chosen person: warning markers, an open custody record, medication.
#[component]
fn PersonKnown(
    prefill: RwSignal<Option<BookInPrefill>>,
    prefill_error: RwSignal<Option<String>>,
) -> impl IntoView {
    move || {
        if let Some(msg) = prefill_error.get() {
            return view! {
                <p class="error-message" role="alert" id="book-in-prefill-error">
                    {format!("What is known of this person could not be loaded: {msg}")}
                </p>
            }
            .into_any();
        }
        let Some(p) = prefill.get() else {
            return ().into_any();
        };
        let details = p.person.details.join(" · ");
        let label = p.person.label.clone();
        let has_markers = !p.person.markers.is_empty();
        view! {
            <div class="warnings book-in-person" id="book-in-person">
                <p class="body">
                    <strong>{label.clone()}</strong>
                    {(!details.is_empty()).then(|| format!(" · {details}"))}
                </p>
                <div id="book-in-markers">
                    {if has_markers {
                        view! {
                            <h3 class="heading-s">"Warning markers"</h3>
                            <MarkerBadges codes=p.person.markers.clone() />
                        }
                            .into_any()
                    } else {
                        view! { <p class="body">"No warning markers."</p> }.into_any()
                    }}
                </div>
                {p.open_record
                    .map(|id| {
                        view! {
                            <div class="banner banner--warning" id="book-in-open-record" role="alert">
                                <p class="banner__body">
                                    {format!("{label} is already in custody. ")}
                                    <A href=custody_record_path(id) attr:id="book-in-open-record-link">
                                        "Open their custody record"
                                    </A>
                                </p>
                            </div>
                        }
                    })}
                {(!p.known_medication.is_empty())
                    .then(|| {
                        view! {
                            <p class="body" id="book-in-known-medication">
                                "Medication from their last custody record is filled in below: confirm it with the detainee, change or remove it."
                            </p>
                        }
                    })}
            </div>
        }
        .into_any()
    }
}

/// The detainee: found with the index search.
#[component]
pub(super) fn DetaineeFieldset(form: BookIn, errors: Errors) -> impl IntoView {
    let e = err(errors);
    let person = form.person;
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Detainee"</legend>
            <RecordPicker
                id="book-in-person-id"
                label="Find the person"
                hint="Type their name (and date of birth if you have it) and pick them from the list."
                kinds=vec![RecordKind::Person]
                picked=person
                error=e("person_id")
            />
            <p class="small">
                "Not recorded yet? "
                <A href=Page::NewPerson.path()>"Record a new person"</A>
                ", then come back to book them in."
            </p>
            <PersonKnown prefill=form.prefill prefill_error=form.prefill_error />
        </fieldset>
    }
}

/// The suite (of the user's force) and the cell.
#[component]
pub(super) fn SuiteFieldset(form: BookIn, errors: Errors) -> impl IntoView {
    let e = err(errors);
    let (suite_id, cell) = (form.suite_id, form.cell);
    let suites = own_suites();
    let suite_options = Signal::derive(move || {
        suites
            .get()
            .into_iter()
            .map(|s| (s.id.to_string(), format!("{} ({})", s.name, s.code)))
            .collect::<Vec<_>>()
    });
    let cell_options = Signal::derive(move || {
        let s = suite_id.get();
        suites.with(|l| {
            l.iter()
                .find(|x| x.id.to_string() == s)
                .map(|x| x.cells.iter().map(|c| (c.clone(), c.clone())).collect())
                .unwrap_or_default()
        })
    });
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Custody suite"</legend>
            <div class="inline-fields">
                <ChoiceField
                    id=field_id("suite_id")
                    label="Suite"
                    value=suite_id
                    options=suite_options
                    error=e("suite_id")
                    empty="Choose"
                />
                <ChoiceField
                    id=field_id("cell")
                    label="Cell (optional)"
                    value=cell
                    options=cell_options
                    error=e("cell")
                    empty="Not yet"
                />
            </div>
        </fieldset>
    }
}

/// The arrest: when, where, who, for what and why.
#[component]
pub(super) fn ArrestFieldset(form: BookIn, errors: Errors) -> impl IntoView {
    let e = err(errors);
    let refdata = use_reference_data();
    let BookIn {
        arrest_at,
        place,
        officer,
        offences,
        grounds,
        necessity,
        asn,
        crime,
        ..
    } = form;
    let offence_options = Signal::derive(move || {
        refdata.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.offences
                        .iter()
                        .map(|o| {
                            (
                                o.code.clone(),
                                format!("{} ({})", o.label, mode_label(o.mode_of_trial)),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });

    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"The arrest"</legend>
            <div class="inline-fields">
                <TextField id=field_id("arrest.at") label="Arrested at" input_type="datetime-local" value=arrest_at error=e("arrest.at") />
                <TextField id=field_id("arrest.place") label="Where" value=place error=e("arrest.place") />
            </div>
            <TextField
                id=field_id("arrest.officer")
                label="Arresting officer"
                hint="Name and collar number."
                value=officer
                error=e("arrest.officer")
            />
            <ChecklistField
                id=field_id("arrest.offences")
                legend="Offences for which the person is under arrest"
                value=offences
                options=offence_options
                error=e("arrest.offences")
            />
            <TextArea id=field_id("arrest.grounds") label="Grounds for suspicion" value=grounds error=e("arrest.grounds") rows=3 />
            <TextArea
                id=field_id("arrest.necessity")
                label="Why arrest was necessary"
                hint="Code G: for example to allow the prompt and effective investigation of the offence."
                value=necessity
                error=e("arrest.necessity")
                rows=3
            />
            <div class="inline-fields">
                <TextField
                    id=field_id("asn")
                    label="Arrest Summons Number"
                    hint="For example 26/01NS/01/000123A."
                    value=asn
                    error=e("asn")
                />
                <TextField
                    id=field_id("crime_id")
                    label="Crime (optional)"
                    hint="Paste the crime's page address or id."
                    value=crime
                    error=e("crime_id")
                />
            </div>
        </fieldset>
    }
}

/// Arrival at the station and the decision on detention.
#[component]
pub(super) fn DecisionFieldset(form: BookIn, errors: Errors) -> impl IntoView {
    let e = err(errors);
    let BookIn {
        arrived_at,
        decision,
        decided_at,
        reason,
        ..
    } = form;
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Arrival and the decision on detention"</legend>
            <TextField
                id=field_id("arrived_at")
                label="Arrived at the station (the relevant time)"
                hint="The detention clock starts here."
                input_type="datetime-local"
                value=arrived_at
                error=e("arrived_at")
            />
            <RadioField
                id=field_id("decision")
                legend="Your decision"
                value=decision
                options=vec![
                    ("authorised".to_owned(), "Authorise detention".to_owned()),
                    ("refused".to_owned(), "Refuse detention (the person is released)".to_owned()),
                ]
                error=e("decision")
            />
            <TextField
                id=field_id("decided_at")
                label="Decided at"
                input_type="datetime-local"
                value=decided_at
                error=e("decided_at")
            />
            <TextArea
                id=field_id("decision_reason")
                label="Reason for the decision"
                hint="The grounds for detention (for example to secure or preserve evidence, to obtain evidence by questioning), or why it is refused."
                value=reason
                error=e("decision_reason")
                rows=3
            />
        </fieldset>
    }
}

/// Self- and officer-defined ethnicity, nationality.
#[component]
pub(super) fn EthnicityFieldset(form: BookIn, errors: Errors) -> impl IntoView {
    let e = err(errors);
    let BookIn {
        sde,
        ode,
        nationality,
        ..
    } = form;
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Ethnicity and nationality"</legend>
            <ChoiceField
                id=field_id("self_defined_ethnicity")
                label="Self-defined ethnicity"
                hint="As the detainee describes it."
                value=sde
                options=Signal::derive(|| code_choices(SELF_DEFINED_ETHNICITIES))
                error=e("self_defined_ethnicity")
                empty="Choose"
            />
            <ChoiceField
                id=field_id("officer_defined_ethnicity")
                label="Officer-defined ethnicity"
                value=ode
                options=Signal::derive(|| code_choices(OFFICER_DEFINED_ETHNICITIES))
                error=e("officer_defined_ethnicity")
                empty="Choose"
            />
            <TextField id=field_id("nationality") label="Nationality" value=nationality error=e("nationality") />
        </fieldset>
    }
}

/// The risk assessment, now or later.
#[component]
pub(super) fn RiskFieldset(
    form: BookIn,
    questions: Signal<Vec<RiskQuestion>>,
    errors: Errors,
) -> impl IntoView {
    let BookIn { risk_now, risk, .. } = form;
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Risk assessment"</legend>
            <CheckboxField id="book-in-risk-now" label="Do the risk assessment now" checked=risk_now />
            <p class="hint" hidden=move || risk_now.get()>
                "Without it the record shows the risk assessment as due at once."
            </p>
            <Show when=move || risk_now.get()>
                <RiskFields form=risk questions=questions id_prefix="book-in-risk" errors=errors />
            </Show>
        </fieldset>
    }
}

/// Medicines to be given in custody, one row each.
#[component]
pub(super) fn MedicationFieldset(form: BookIn, errors: Errors) -> impl IntoView {
    let meds = form.meds;
    let add_med = move |_| {
        let row = form.new_row(&Prescription::default());
        meds.update(|m| m.push(row));
        let i = meds.with_untracked(Vec::len) - 1;
        request_animation_frame(move || {
            crate::components::focus_by_id(&field_id(&format!("medication.{i}.medicine")))
        });
    };

    view! {
        <fieldset class="fieldset" id="book-in-medication">
            <legend class="fieldset__legend">"Medication"</legend>
            <p class="hint">"Medicines the detainee is to be given while in custody."</p>
            {move || {
                meds.get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let k = m.key;
                        view! {
                            <div class="row-group medication-row" data-row=i.to_string()>
                                <h3 class="heading-s">{format!("Medicine {}", i + 1)}</h3>
                                <PrescriptionFields
                                    fields=m.rx
                                    id_prefix=field_id(&format!("medication.{i}"))
                                    errors=errors
                                />
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    id=field_id(&format!("medication.{i}.remove"))
                                    on:click=move |_| meds.update(|l| l.retain(|r| r.key != k))
                                >
                                    "Remove"
                                    <span class="visually-hidden">{format!(" medicine {}", i + 1)}</span>
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button type="button" class="button button--secondary" id="book-in-medication-add" on:click=add_med>
                "Add a medicine"
            </button>
        </fieldset>
    }
}
