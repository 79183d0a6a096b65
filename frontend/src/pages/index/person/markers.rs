//! Ending a warning marker: for users of the force that owns the person, one form naming the marker
//! and why it no longer applies. The marker is kept on the person as history, with the reason.

use super::Load;
use crate::api::AuthClient;
use crate::components::record::{label_of, use_reference_data};
use crate::components::time::today;
use crate::session::use_session;
use bluelamp_shared::index::people::{check_end_marker, EndMarkerRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The form to end one of the person's active markers (shown to the owning force only).
#[component]
pub(super) fn EndMarker(state: RwSignal<Load>, saved: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let client = AuthClient::new(session);
    let refdata = use_reference_data();
    let my_force = session
        .user()
        .with_untracked(|u| u.as_ref().map(|u| u.force.code.0.clone()));
    let chosen = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The active markers the user's force may end: (id, label).
    let endable = Memo::new(move |_| {
        state.with(|s| match s {
            Load::Loaded(p, _) if Some(&p.meta.force.0) == my_force.as_ref() && p.merged_into.is_none() => {
                let today = today();
                p.person
                    .markers
                    .iter()
                    .filter(|m| m.active_on(today))
                    .filter_map(|m| {
                        let label = refdata.with(|d| label_of(d, "marker_type", &m.code));
                        m.id.map(|id| {
                            (
                                id.to_string(),
                                format!("{label} (set {})", m.set_on.format("%d/%m/%Y")),
                            )
                        })
                    })
                    .collect::<Vec<_>>()
            }
            _ => Vec::new(),
        })
    });
    let submit = move |_| {
        let req = EndMarkerRequest {
            reason: reason.get_untracked(),
        };
        if let Some(e) = check_end_marker(&req).into_iter().next() {
            error.set(Some(e.message));
            return;
        }
        let marker = chosen.get_untracked().parse().ok().or_else(|| {
            endable
                .get_untracked()
                .first()
                .and_then(|(id, _)| id.parse().ok())
        });
        let Some(marker) = marker else { return };
        let Some((person, etag)) = state.with_untracked(|s| match s {
            Load::Loaded(p, etag) => Some((p.id, etag.clone())),
            _ => None,
        }) else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match client.end_marker(person, marker, &req, &etag).await {
                Ok((p, new_etag)) => {
                    error.set(None);
                    reason.set(String::new());
                    chosen.set(String::new());
                    state.set(Load::Loaded(Box::new(p), new_etag.unwrap_or(etag)));
                    saved.set(Some(
                        "The marker has been ended. It stays on the record, with your reason.".to_owned(),
                    ));
                }
                Err(e) => error.set(Some(e.message())),
            }
            busy.set(false);
        });
    };
    move || {
        let options = endable.get();
        (!options.is_empty()).then(|| {
            view! {
                <section class="section" aria-labelledby="end-marker-title">
                    <h2 class="heading-m" id="end-marker-title">"End a warning marker"</h2>
                    <p class="body">
                        "A marker that no longer applies is ended with the reason, never deleted: it stays on the record as history."
                    </p>
                    <div class="form-group">
                        <label class="label" for="end-marker-which">"Marker"</label>
                        <select
                            class="select"
                            id="end-marker-which"
                            on:change=move |ev| chosen.set(event_target_value(&ev))
                        >
                            {options
                                .into_iter()
                                .map(|(id, label)| view! { <option value=id>{label}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
                        <label class="label" for="end-marker-reason">"Why it no longer applies"</label>
                        {move || {
                            error
                                .get()
                                .map(|m| {
                                    view! {
                                        <p class="error-message" id="end-marker-reason-error">
                                            <span class="visually-hidden">"Error: "</span>
                                            {m}
                                        </p>
                                    }
                                })
                        }}
                        <textarea
                            class="textarea"
                            id="end-marker-reason"
                            rows="3"
                            aria-describedby=move || error.with(|e| e.as_ref().map(|_| "end-marker-reason-error"))
                            prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))
                        ></textarea>
                    </div>
                    <button
                        type="button"
                        class="button button--warning"
                        id="end-marker"
                        disabled=move || busy.get()
                        on:click=submit
                    >
                        "End marker"
                    </button>
                </section>
            }
        })
    }
}
