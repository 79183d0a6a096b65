//! `/incidents/new` (open an incident) and `/incidents/{id}` (the incident and its National Crime
//! Recording Standard decision: record a crime, or no crime with a rationale, within 24 hours).

mod new;
mod view;

use self::new::NewIncidentForm;
use self::view::IncidentView;
use super::ClockView;
use crate::api::AuthClient;
use crate::components::loader::{load, loaded};
use crate::components::module_page::ModulePage;
use crate::routes::{set_document_title, Page};
use crate::session::use_session;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::IncidentDto;
use leptos::prelude::*;

const ORDER: &[&str] = &[
    "channel",
    "opening_category",
    "qualifiers",
    "summary",
    "reported_at",
    "location_id",
];

fn field_id(path: &str) -> String {
    format!(
        "incident-{}",
        path.split('.').next().unwrap_or(path).replace('_', "-")
    )
}

/// The message for field `path`.
pub(super) fn error_at(errors: RwSignal<Vec<FieldError>>, path: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|es| es.iter().find(|e| e.path == path).map(|e| e.message.clone())))
}

/// `/incidents/new`.
#[component]
pub fn NewIncidentPage() -> impl IntoView {
    view! {
        <ModulePage page=Page::NewIncident>
            <NewIncidentForm />
        </ModulePage>
    }
}

/// `/incidents/{id}`: the incident and the recording decision.
#[component]
pub fn IncidentPage() -> impl IntoView {
    set_document_title("Incident");
    let client = AuthClient::new(use_session());
    let id = crate::routes::use_path_id();
    let reload = RwSignal::new(0u32);
    let incident = load(reload, move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => client.incident(id).await,
                None => Err(crate::api::ApiError::Unexpected { status: 404 }),
            }
        }
    });
    view! {
        {loaded(incident, move |i: IncidentDto| view! { <IncidentView incident=i reload=reload /> }.into_any())}
    }
}
