//! Reading a text file the user chose (an `<input type=file>`'s change) into a field, saying how it
//! went in a status line.

use leptos::prelude::*;
use leptos::task::spawn_local;

/// Reads the file chosen in the input of `ev` into `text` unless it passes `max_bytes`; `status`
/// says "Reading <name>…", then "<name> <too_large>", "<name> <read>" or that it could not be read.
pub fn read_chosen_file(
    ev: &leptos::ev::Event,
    max_bytes: f64,
    too_large: &'static str,
    read: &'static str,
    text: RwSignal<String>,
    status: RwSignal<Option<String>>,
) {
    let input: web_sys::HtmlInputElement = event_target(ev);
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    let name = file.name();
    if file.size() > max_bytes {
        status.set(Some(format!("{name} {too_large}")));
        return;
    }
    status.set(Some(format!("Reading {name}…")));
    spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(v) => {
                let _ = text.try_set(v.as_string().unwrap_or_default());
                let _ = status.try_set(Some(format!("{name} {read}")));
            }
            Err(_) => {
                let _ = status.try_set(Some(format!("{name} could not be read.")));
            }
        }
    });
}
