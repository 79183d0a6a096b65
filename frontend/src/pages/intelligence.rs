//! `/intelligence`: graded intelligence reports (built by later work).

use crate::components::module_page::ModulePage;
use crate::routes::Page;
use leptos::prelude::*;

/// The Intelligence module's page.
#[component]
pub fn IntelligencePage() -> impl IntoView {
    view! {
        <ModulePage page=Page::Intelligence>
            <p class="body">
                "Intelligence will hold graded intelligence reports: submitting them, evaluating, sanitising and disseminating them, and the protected source register."
            </p>
            <p class="body notice">"This module is being built. It is not available yet."</p>
        </ModulePage>
    }
}
