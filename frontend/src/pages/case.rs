//! `/case`: prosecution files for the CPS (built by later work).

use crate::components::module_page::ModulePage;
use crate::routes::Page;
use leptos::prelude::*;

/// The Case module's page.
#[component]
pub fn CasePage() -> impl IntoView {
    view! {
        <ModulePage page=Page::Case>
            <p class="body">
                "Case will hold prosecution case files: witness statements, case summaries and the files submitted to the Crown Prosecution Service."
            </p>
            <p class="body notice">"This module is being built. It is not available yet."</p>
        </ModulePage>
    }
}
