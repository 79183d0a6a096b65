//! `/custody`: PACE-compliant detention (built by later work).

use crate::components::module_page::ModulePage;
use crate::routes::Page;
use leptos::prelude::*;

/// The Custody module's page.
#[component]
pub fn CustodyPage() -> impl IntoView {
    view! {
        <ModulePage page=Page::Custody>
            <p class="body">
                "Custody will hold custody records under PACE: booking in and authorising detention, visits, care and medication, reviews, extensions, charging and release."
            </p>
            <p class="body notice">"This module is being built. It is not available yet."</p>
        </ModulePage>
    }
}
