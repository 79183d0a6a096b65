//! The frame of one section of a long page ([`Section`]): `<section>` with its `<h2>` heading,
//! labelled by it, so that a page split into sections (the crime page) gives each only its body.

use leptos::prelude::*;

/// `<section class="section" id>` labelled by its `<h2 class="heading-l" id="{id}-title">`, then
/// the children.
#[component]
pub fn Section(
    /// The section's element id (`tasks`); links to `#{id}` land on it.
    id: &'static str,
    /// The heading.
    title: &'static str,
    /// The body.
    children: Children,
) -> impl IntoView {
    view! {
        <section class="section" id=id aria-labelledby=format!("{id}-title")>
            <h2 class="heading-l" id=format!("{id}-title")>
                {title}
            </h2>
            {children()}
        </section>
    }
}
