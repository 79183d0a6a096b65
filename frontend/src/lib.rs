//! Bluelamp's browser app: a Leptos single-page app rendered on the client, compiled to
//! WebAssembly and served by the backend next to the API.
//!
//! - [`api`]: the one gateway to the API (unauthorised and authorised clients).
//! - [`session`]: tokens, the signed-in user, background refresh and the idle lock.
//! - [`routes`]: every route path ([`routes::Page`]).
//! - [`pages`]: one component per route; [`components`]: shared widgets.
//!
//! Built with `cargo run -p bluelamp-xtask -- build [--release]`.

#![deny(clippy::unwrap_used, clippy::expect_used, missing_docs)]

pub mod api;
pub mod app;
pub mod components;
pub mod pages;
pub mod routes;
pub mod session;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point, run by `boot.js` once the module is instantiated: mounts [`app::App`] on `<body>`.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
