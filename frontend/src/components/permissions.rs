//! What the signed-in user may do: a signal per capability, for showing or hiding actions (the
//! server checks every call again).

use crate::session::use_session;
use bluelamp_shared::auth::Capability;
use leptos::prelude::*;

/// Whether the signed-in user has `cap`.
pub fn can(cap: Capability) -> Signal<bool> {
    let user = use_session().user();
    Signal::derive(move || user.with(|u| u.as_ref().is_some_and(|u| u.capabilities.contains(&cap))))
}
