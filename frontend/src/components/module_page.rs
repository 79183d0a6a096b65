//! The frame of a module page: its title, and a refusal for users whose roles do not open it.

use crate::routes::{set_document_title, Page};
use crate::session::use_session;
use leptos::prelude::*;

/// Renders `<h1>` with the page's name and `children`, or, when the user's roles do not open the
/// module, an explanation instead (the API refuses such users anyway).
#[component]
pub fn ModulePage(
    /// The page being shown.
    page: Page,
    /// The page's content.
    children: ChildrenFn,
) -> impl IntoView {
    set_document_title(page.label());
    let user = use_session().user();
    let allowed = Memo::new(move |_| user.with(|u| u.as_ref().is_some_and(|u| page.allowed_for(&u.modules))));
    view! {
        <h1 class="heading-xl">{page.label()}</h1>
        <Show
            when=move || allowed.get()
            fallback=move || {
                view! {
                    <p class="body">
                        {format!(
                            "Your roles do not give you access to {}. If you need it, ask your force administrator.",
                            page.label(),
                        )}
                    </p>
                }
            }
        >
            {children()}
        </Show>
    }
}
