//! The "Close" / "Reopen" button of a row of an administration table (partner organisations,
//! stations, teams and units), and the notice saying what came of it.

use crate::api::ApiError;
use leptos::prelude::*;

/// "Close" (or "Reopen", for a closed one) the thing named `name`, labelled with its name for screen
/// readers; `data-action` is `close` or `reopen`.
pub(super) fn close_reopen_button(name: &str, active: bool, on_click: impl Fn() + 'static) -> impl IntoView {
    let action = if active { "Close" } else { "Reopen" };
    view! {
        <button
            type="button"
            class="button button--secondary button--small"
            data-action=if active { "close" } else { "reopen" }
            aria-label=format!("{action} {name}")
            on:click=move |_| on_click()
        >
            {action}
        </button>
    }
}

/// What closing or reopening `name` did: "… is now open/closed", or why the server refused (the
/// first field fault's message, such as users still belonging to a unit).
pub(super) fn close_reopen_notice(name: &str, result: Result<bool, ApiError>) -> String {
    match result {
        Ok(active) => format!("{name} is now {}.", if active { "open" } else { "closed" }),
        Err(e) => {
            let why = e
                .field_errors()
                .first()
                .map(|f| f.message.clone())
                .unwrap_or_else(|| e.message());
            format!("{name} was not changed: {why}")
        }
    }
}
