//! The main navigation: Home, then a link per module the user's roles open (and per page needing a
//! capability they give).

use crate::routes::Page;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

/// `<nav aria-label="Main">` with the pages the signed-in user may open. The current page is
/// marked with `aria-current="page"` by the router.
#[component]
pub fn Nav() -> impl IntoView {
    let user = use_session().user();
    // A memo, so that a refreshed but identical user does not re-render the links.
    let modules =
        Memo::new(move |_| user.with(|u| u.as_ref().map(|u| u.modules.clone()).unwrap_or_default()));
    let capabilities =
        Memo::new(move |_| user.with(|u| u.as_ref().map(|u| u.capabilities.clone()).unwrap_or_default()));
    view! {
        <nav class="nav" aria-label="Main">
            <ul class="nav__list">
                {move || {
                    Page::NAVIGATION
                        .into_iter()
                        .filter(|p| modules.with(|m| p.allowed_for(m)))
                        .filter(|p| {
                            p.capability().is_none_or(|c| capabilities.with(|cs| cs.contains(&c)))
                        })
                        .map(|p| {
                            view! {
                                <li class="nav__item">
                                    <A href=p.path() exact=p == Page::Home attr:class="nav__link">
                                        {p.label()}
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </nav>
    }
}
