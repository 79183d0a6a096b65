//! `/custody/book-in` (optionally `?person={id}`): booking a detainee in, which opens the custody
//! record. The person is found with the index search; once chosen, what is known of them is
//! fetched (`GET /custody-records/prefill`): their warning markers are shown at the top, the
//! medication from their last custody record is offered for confirming, and an open custody record
//! is pointed to (a second cannot be opened).
//!
//! The form is checked with [`check_book_in`], the function the server runs; problems are listed
//! in an error summary and shown next to their fields, and the server's problems (422) land on the
//! same fields. The submit carries an `Idempotency-Key`, so pressing the button again after a
//! network failure books the detainee in once.

use super::fields::{
    err_of, fid, merge, non_empty, read_time, read_uuid, ChecklistField, ChoiceField, Errors,
    PrescriptionFields, RadioField, RiskFields, RiskForm, RxFields,
};
use super::own_suites;
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{items_for, ErrorItem, ErrorSummary};
use crate::components::field::{CheckboxField, TextArea, TextField};
use crate::components::ids::new_idempotency_key;
use crate::components::module_page::ModulePage;
use crate::components::record::{use_reference_data, MarkerBadges};
use crate::components::record_picker::{Picked, RecordPicker};
use crate::components::time::{now, to_input};
use crate::routes::{custody_record_path, Page};
use crate::session::use_session;
use bluelamp_shared::custody::{
    check_book_in, ArrestDetails, BookInPrefill, BookInRequest, DetentionDecision, Prescription,
    OFFICER_DEFINED_ETHNICITIES, SELF_DEFINED_ETHNICITIES,
};
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::records::RecordKind;
use bluelamp_shared::reference::ModeOfTrial;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use uuid::Uuid;

/// The top-level fields in the order of the form (the error summary follows it).
const ORDER: &[&str] = &[
    "person_id",
    "suite_id",
    "cell",
    "arrest",
    "crime_id",
    "asn",
    "arrived_at",
    "decision",
    "decided_at",
    "decision_reason",
    "self_defined_ethnicity",
    "officer_defined_ethnicity",
    "nationality",
    "risk",
    "medication",
];

/// Field path (as the shared rules and the API name it) → element id: `book-in-{path}` with dots
/// and underscores as dashes (`arrest.place` → `book-in-arrest-place`,
/// `medication.0.times` → `book-in-medication-0-times`).
pub fn field_id(path: &str) -> String {
    fid("book-in", path)
}

/// One medicine row: a key that survives removals, and its fields.
#[derive(Debug, Clone, Copy)]
struct MedRow {
    key: u64,
    rx: RxFields,
}

/// `/custody/book-in`.
#[component]
pub fn BookInPage() -> impl IntoView {
    view! {
        <ModulePage page=Page::CustodyBookIn>
            <BookInForm />
        </ModulePage>
    }
}

fn mode_label(m: ModeOfTrial) -> &'static str {
    match m {
        ModeOfTrial::Summary => "summary",
        ModeOfTrial::EitherWay => "either way",
        ModeOfTrial::Indictable => "indictable",
    }
}

fn code_choices(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, l)| ((*c).to_owned(), format!("{l} ({c})")))
        .collect()
}

#[component]
fn BookInForm() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let navigate = use_navigate();
    let refdata = use_reference_data();
    let suites = own_suites();
    let query = use_query_map();
    let owner = StoredValue::new(Owner::current());

    let person = RwSignal::new(None::<Picked>);
    let prefill = RwSignal::new(None::<BookInPrefill>);
    let prefill_error = RwSignal::new(None::<String>);
    let suite_id = RwSignal::new(String::new());
    let cell = RwSignal::new(String::new());
    let crime = RwSignal::new(String::new());
    let arrest_at = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let officer = RwSignal::new(String::new());
    let offences = RwSignal::new(Vec::<String>::new());
    let grounds = RwSignal::new(String::new());
    let necessity = RwSignal::new(String::new());
    let asn = RwSignal::new(String::new());
    let arrived_at = RwSignal::new(to_input(now()));
    let decision = RwSignal::new(String::new());
    let decided_at = RwSignal::new(to_input(now()));
    let reason = RwSignal::new(String::new());
    let sde = RwSignal::new(String::new());
    let ode = RwSignal::new(String::new());
    let nationality = RwSignal::new(String::new());
    let risk_now = RwSignal::new(true);
    let risk = RiskForm::new();
    let meds = RwSignal::new(Vec::<MedRow>::new());
    let next_key = StoredValue::new(0u64);

    let errors: Errors = RwSignal::new(Vec::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let key = StoredValue::new(new_idempotency_key());
    let last = StoredValue::new(None::<BookInRequest>);
    let attempted = StoredValue::new(false);

    let questions = Signal::derive(move || {
        refdata.with(|d| {
            d.as_ref()
                .map(|d| d.custody_risk_questions.clone())
                .unwrap_or_default()
        })
    });

    let new_row = move |p: &Prescription| {
        let rx = owner.with_value(|o| match o {
            Some(o) => o.with(|| RxFields::from(p)),
            None => RxFields::from(p),
        });
        let k = next_key.get_value() + 1;
        next_key.set_value(k);
        MedRow { key: k, rx }
    };

    // The suite: the only one of the force, chosen for the user.
    Effect::new(move |_| {
        let list = suites.get();
        if list.len() == 1 && suite_id.with_untracked(String::is_empty) {
            suite_id.set(list[0].id.to_string());
        }
    });
    // A cell of another suite is not a choice any more.
    Effect::new(move |_| {
        let s = suite_id.get();
        let cells = suites.with(|l| {
            l.iter()
                .find(|x| x.id.to_string() == s)
                .map(|x| x.cells.clone())
                .unwrap_or_default()
        });
        if !cells.contains(&cell.get_untracked()) && !cell.with_untracked(String::is_empty) {
            cell.set(String::new());
        }
    });

    // What is known of the person chosen.
    let generation = StoredValue::new(0u64);
    let load_prefill = move |id: Uuid, pick: bool| {
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        prefill_error.set(None);
        spawn_local(async move {
            let r = client.book_in_prefill(id).await;
            if generation.try_get_value() != Some(gen) {
                return; // a newer choice was made meanwhile
            }
            if !pick && person.with_untracked(|p| p.as_ref().map(|p| p.id)) != Some(id) {
                return; // the person was un-chosen meanwhile
            }
            match r {
                Ok(p) => {
                    if pick {
                        person.set(Some(Picked {
                            id,
                            label: p.person.label.clone(),
                            kind: RecordKind::Person,
                        }));
                    }
                    let rows: Vec<MedRow> = p.known_medication.iter().map(new_row).collect();
                    meds.set(rows);
                    if let Some(e) = &p.self_defined_ethnicity {
                        if sde.with_untracked(String::is_empty) {
                            sde.set(e.clone());
                        }
                    }
                    if let Some(n) = &p.nationality {
                        if nationality.with_untracked(String::is_empty) {
                            nationality.set(n.clone());
                        }
                    }
                    prefill.set(Some(p));
                }
                Err(e) => prefill_error.set(Some(e.message())),
            }
        });
    };
    if let Some(id) = query
        .with_untracked(|q| q.get("person"))
        .and_then(|s| Uuid::parse_str(&s).ok())
    {
        load_prefill(id, true);
    }
    Effect::new(move |_| {
        let chosen = person.get().map(|p| p.id);
        let loaded = prefill.with_untracked(|p| p.as_ref().map(|p| p.person.record.id));
        match chosen {
            Some(id) if loaded != Some(id) => load_prefill(id, false),
            Some(_) => {}
            // Un-chosen ("Change"): forget what was known of them. (Not on the first run, which
            // must not cancel the load of a person given in the address.)
            None if loaded.is_some() => {
                generation.update_value(|g| *g += 1);
                prefill.set(None);
                meds.set(Vec::new());
            }
            None => {}
        }
    });

    // The request as typed, with every problem (tracked).
    let build = move || -> (BookInRequest, Vec<FieldError>) {
        let mut p = Vec::new();
        let qs = questions.get();
        let req = BookInRequest {
            person_id: person.get().map(|x| x.id),
            crime_id: read_uuid(&mut p, "crime_id", &crime.get(), "the crime"),
            suite_id: Uuid::parse_str(&suite_id.get()).ok(),
            cell: non_empty(&cell.get()),
            arrest: ArrestDetails {
                at: read_time(&mut p, "arrest.at", &arrest_at.get()),
                place: place.get().trim().to_owned(),
                officer: officer.get().trim().to_owned(),
                offences: offences.get(),
                grounds: grounds.get().trim().to_owned(),
                necessity: necessity.get().trim().to_owned(),
            },
            asn: asn.get().trim().to_uppercase(),
            arrived_at: read_time(&mut p, "arrived_at", &arrived_at.get()),
            decision: match decision.get().as_str() {
                "authorised" => Some(DetentionDecision::Authorised),
                "refused" => Some(DetentionDecision::Refused),
                _ => None,
            },
            decided_at: read_time(&mut p, "decided_at", &decided_at.get()),
            decision_reason: reason.get().trim().to_owned(),
            self_defined_ethnicity: non_empty(&sde.get()),
            officer_defined_ethnicity: non_empty(&ode.get()),
            nationality: nationality.get().trim().to_owned(),
            risk: risk_now.get().then(|| {
                // Tracked: the answers, level and rousing feed the live checks.
                risk.answers.track();
                risk.level.track();
                risk.rousing.track();
                risk.read(&qs, None)
            }),
            medication: meds
                .get()
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    m.rx.medicine.track();
                    m.rx.dose.track();
                    m.rx.times.track();
                    m.rx.every_minutes.track();
                    m.rx.first_at.track();
                    m.rx.prescriber.track();
                    m.rx.read(&format!("medication.{i}"), &mut p)
                })
                .collect(),
        };
        let checked = check_book_in(&req, &qs, now());
        (req, merge(p, checked))
    };

    let show = move |problems: &[FieldError]| {
        let _ = summary.try_set(items_for(problems, ORDER, field_id));
        let _ = errors.try_set(
            problems
                .iter()
                .map(|e| (field_id(&e.path), e.message.clone()))
                .collect(),
        );
    };

    // After a failed submit, each message goes as soon as its field is put right.
    Effect::new(move |_| {
        let found = build().1;
        if !attempted.get_value() || errors.with_untracked(Vec::is_empty) {
            return;
        }
        errors.update(|es| {
            let shown: Vec<String> = es.iter().map(|(i, _)| i.clone()).collect();
            *es = found
                .iter()
                .map(|e| (field_id(&e.path), e.message.clone()))
                .filter(|(i, _)| shown.contains(i))
                .collect();
        });
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        attempted.set_value(true);
        let (req, problems) = untrack(build);
        if !problems.is_empty() {
            show(&problems);
            return;
        }
        if last.with_value(|l| l.as_ref() != Some(&req)) {
            key.set_value(new_idempotency_key());
            last.set_value(Some(req.clone()));
        }
        let k = key.get_value();
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let r = client.book_in(&req, &k).await;
            let _ = busy.try_set(false);
            match r {
                Ok(rec) => navigate(&custody_record_path(rec.id), Default::default()),
                Err(e) => {
                    let fields = e.field_errors().to_vec();
                    if !fields.is_empty() {
                        show(&fields);
                        return;
                    }
                    if e.code() == Some(ErrorCode::Conflict) {
                        // Already in custody: show where their open record is.
                        if let Some(id) = req.person_id {
                            load_prefill(id, false);
                        }
                    }
                    let text = match &e {
                        ApiError::Network(_) => format!(
                            "{} Nothing has been lost: press the button again when the connection is back; the detainee will not be booked in twice.",
                            e.message()
                        ),
                        _ => e.message(),
                    };
                    let _ = errors.try_set(Vec::new());
                    let _ = summary.try_set(vec![ErrorItem::general(text)]);
                }
            }
        });
    };

    let e = move |path: &str| err_of(errors, field_id(path));
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

    let person_panel = move || {
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
    };

    let add_med = move |_| {
        let row = new_row(&Prescription::default());
        meds.update(|m| m.push(row));
        let i = meds.with_untracked(Vec::len) - 1;
        request_animation_frame(move || {
            crate::components::focus_by_id(&field_id(&format!("medication.{i}.medicine")))
        });
    };

    view! {
        <ErrorSummary items=summary id="book-in-error-summary" />
        <form novalidate id="book-in-form" class="book-in-form" on:submit=on_submit>
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
                {person_panel}
            </fieldset>

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

            <div class="button-group">
                <button type="submit" class="button button--large" id="book-in-submit" aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { "Booking in…" } else { "Book in" }}
                </button>
            </div>
        </form>
    }
}
