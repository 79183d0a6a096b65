//! `/investigation`: crime recording to outcome (built by later work).

use crate::components::module_page::ModulePage;
use crate::routes::Page;
use leptos::prelude::*;

/// The Investigation module's page.
#[component]
pub fn InvestigationPage() -> impl IntoView {
    view! {
        <ModulePage page=Page::Investigation>
            <p class="body">
                "Investigation will hold incidents and crimes from the first report to the outcome: recording, supervision, allocation, investigation and crime-recording compliance."
            </p>
            <p class="body notice">"This module is being built. It is not available yet."</p>
        </ModulePage>
    }
}
