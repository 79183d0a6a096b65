//! `/search`: one box across the shared index of people, organisations, objects and locations,
//! with results as you type.

use crate::components::live_search::LiveSearch;
use crate::components::module_page::ModulePage;
use crate::components::record::{kind_label, record_link, MarkerBadges};
use crate::routes::Page;
use bluelamp_shared::index::search::SearchHit;
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos_router::components::A;

/// One search result: label linking to the record, details, markers, force, score and reasons.
#[component]
pub fn HitView(
    /// The result.
    hit: SearchHit,
) -> impl IntoView {
    let s = hit.summary;
    let details = s.details.join(" · ");
    let reasons = hit.reasons.join("; ");
    view! {
        <li class="result" data-record-kind=s.record.kind.as_str() data-record-id=s.record.id.to_string()>
            <span class="result__kind">{kind_label(s.record.kind)}</span>
            <span class="result__label">{record_link(&s)}</span>
            <MarkerBadges codes=s.markers.clone() />
            {(!details.is_empty()).then(|| view! { <p class="result__details">{details}</p> })}
            <p class="small">
                {format!("Force: {}", s.force)}
                {s.restricted.then_some(" · Restricted")}
                {format!(" · Match {}%", hit.score)}
                {(!reasons.is_empty()).then(|| format!(" · {reasons}"))}
            </p>
        </li>
    }
}

/// The Search module's page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let search = LiveSearch::new(None);
    // The shell moves focus to <main> after a route change (one animation frame later); the
    // search box takes it after that, so typing can start at once.
    request_animation_frame(|| {
        request_animation_frame(|| {
            let el = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("search-q"))
                .and_then(|e| leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            if let Some(el) = el {
                let _ = el.focus();
            }
        })
    });
    view! {
        <ModulePage page=Page::Search>
            <p class="body">
                "Find people, organisations, objects and locations recorded by any force in the consortium. Type a name (with a date of birth like 12/03/1985, a year or “age 30-35”), a PNC ID, CRO or NI number, a vehicle registration, a phone number, a postcode or a street."
            </p>
            <form class="search-form" role="search" novalidate on:submit=|ev| ev.prevent_default()>
                <div class="form-group search-form__group">
                    <label class="label" for="search-q">
                        "Search the index"
                    </label>
                    <input
                        class="input input--wide"
                        id="search-q"
                        name="q"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        autofocus
                        aria-describedby="search-status"
                        bind:value=search.query
                    />
                </div>
                <div class="form-group search-form__group">
                    <label class="label" for="search-kind">
                        "Kind of record"
                    </label>
                    <select
                        class="select"
                        id="search-kind"
                        on:change=move |ev| search.kind.set(RecordKind::parse(&event_target_value(&ev)))
                    >
                        <option value="">"All"</option>
                        {[RecordKind::Person, RecordKind::Organisation, RecordKind::Object, RecordKind::Location]
                            .into_iter()
                            .map(|k| view! { <option value=k.as_str()>{kind_label(k)}</option> })
                            .collect_view()}
                    </select>
                </div>
            </form>
            <p class="small">
                <A href=Page::NewPerson.path() attr:id="new-person-link">
                    "New person"
                </A>
            </p>
            <p class="search-status" id="search-status" role="status" aria-live="polite">
                {move || search.status()}
            </p>
            {move || {
                search
                    .results
                    .get()
                    .map(|(_, r)| {
                        view! {
                            <p class="small search-understood" id="search-understood">
                                {format!("Understood as: {}", r.understood_as)}
                            </p>
                            <ol class="results" id="search-results" aria-label="Search results">
                                {r.hits.into_iter().map(|hit| view! { <HitView hit=hit /> }).collect_view()}
                            </ol>
                        }
                    })
            }}
        </ModulePage>
    }
}
