//! Reusable widgets and helpers any page may use: the app shell, navigation, form fields, the
//! error summary, the state and frame of an "add a thing" form, reading a chosen file, loaders and the frame of a page showing one loaded record, the record picker
//! and live search, a table that scrolls on a phone, times, money, ids, permissions and the re-authentication dialog. Nothing here
//! imports a page.

pub mod autosave;
pub mod confirm;
pub mod create_form;
pub mod error_summary;
pub mod field;
pub mod file_text;
pub mod ids;
pub mod live_search;
pub mod loader;
pub mod module_page;
pub mod money;
pub mod nav;
pub mod permissions;
pub mod person_choice;
pub mod person_matches;
pub mod reauth;
pub mod record;
pub mod record_picker;
pub mod section;
pub mod shell;
pub mod table;
pub mod time;

/// Moves keyboard focus to the element with `id` (and scrolls it into view).
pub fn focus_by_id(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
        el.scroll_into_view();
    }
}
