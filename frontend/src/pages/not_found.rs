//! Any path no route matches.

use crate::routes::{set_document_title, Page};
use leptos::prelude::*;
use leptos_router::components::A;

/// "Page not found", inside the signed-in shell.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_document_title("Page not found");
    view! {
        <h1 class="heading-xl">"Page not found"</h1>
        <p class="body">"If you typed the web address, check it is correct."</p>
        <p class="body">
            <A href=Page::Home.path()>"Go to the home page"</A>
        </p>
    }
}
