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

mod sections;
mod state;

use self::sections::{
    ArrestFieldset, DecisionFieldset, DetaineeFieldset, EthnicityFieldset, MedicationFieldset, RiskFieldset,
    SuiteFieldset,
};
use self::state::{BookIn, Submit};
use super::fields::{fid, RxFields};
use super::own_suites;
use crate::api::AuthClient;
use crate::components::error_summary::ErrorSummary;
use crate::components::module_page::ModulePage;
use crate::components::record::use_reference_data;
use crate::routes::Page;
use crate::session::use_session;
use bluelamp_shared::reference::ModeOfTrial;
use leptos::prelude::*;
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
pub(super) struct MedRow {
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

pub(super) fn mode_label(m: ModeOfTrial) -> &'static str {
    match m {
        ModeOfTrial::Summary => "summary",
        ModeOfTrial::EitherWay => "either way",
        ModeOfTrial::Indictable => "indictable",
    }
}

pub(super) fn code_choices(list: &[(&str, &str)]) -> Vec<(String, String)> {
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
    let form = BookIn::new();
    let sub = Submit::new();
    let errors = sub.errors;

    let questions = Signal::derive(move || {
        refdata.with(|d| {
            d.as_ref()
                .map(|d| d.custody_risk_questions.clone())
                .unwrap_or_default()
        })
    });

    form.follow_suites(suites);
    if let Some(id) = query
        .with_untracked(|q| q.get("person"))
        .and_then(|s| Uuid::parse_str(&s).ok())
    {
        form.load_prefill(client, id, true);
    }
    form.follow_person(client);
    sub.recheck(form, questions);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sub.submit(client, form, questions, navigate.clone());
    };
    let busy = sub.busy;

    view! {
        <ErrorSummary items=sub.summary id="book-in-error-summary" />
        <form novalidate id="book-in-form" class="book-in-form" on:submit=on_submit>
            <DetaineeFieldset form=form errors=errors />
            <SuiteFieldset form=form errors=errors />
            <ArrestFieldset form=form errors=errors />
            <DecisionFieldset form=form errors=errors />
            <EthnicityFieldset form=form errors=errors />
            <RiskFieldset form=form questions=questions errors=errors />
            <MedicationFieldset form=form errors=errors />

            <div class="button-group">
                <button type="submit" class="button button--large" id="book-in-submit" aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { "Booking in…" } else { "Book in" }}
                </button>
            </div>
        </form>
    }
}
