//! The head of a person's page, shown in every mode: the merged banner, the name, the warning
//! markers and vulnerabilities, the 4+1 indicator and the record's facts.

use super::{fmt_date, merge_key};
use crate::components::record::{label_of, use_reference_data};
use crate::components::time::today;
use crate::pages::index::person_form::CompletenessView;
use crate::routes::person_path;
use bluelamp_shared::index::people::PersonDto;
use gloo_storage::{SessionStorage, Storage};
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

/// Shown in every mode, above the details.
#[component]
pub(super) fn PersonDetails(p: PersonDto, etag: String, on_undo: Callback<(Uuid, Uuid)>) -> impl IntoView {
    let _ = etag;
    let refdata = use_reference_data();
    let today = today();
    let active: Vec<_> = p
        .person
        .markers
        .iter()
        .filter(|m| m.active_on(today))
        .cloned()
        .collect();
    let merged_into = p.merged_into;
    let merged_undo = merged_into
        .and_then(|_| SessionStorage::get::<String>(merge_key(p.id)).ok())
        .and_then(|m| Uuid::parse_str(&m).ok());
    let merged_id = p.id;
    let comp = p.completeness.clone();
    let vulnerabilities = p.person.vulnerabilities.clone();
    view! {
        {merged_into
            .map(|s| {
                view! {
                    <div class="banner banner--merged" id="merged-banner" role="note">
                        <p class="banner__body">
                            "This record has been merged into another. "
                            <A href=person_path(s) attr:id="merged-survivor-link">
                                "Go to the surviving record"
                            </A>
                            {merged_undo
                                .map(|m| {
                                    view! {
                                        " "
                                        <button
                                            type="button"
                                            class="button button--secondary button--small"
                                            id="undo-merge-banner"
                                            on:click=move |_| on_undo.run((m, merged_id))
                                        >
                                            "Undo this merge"
                                        </button>
                                    }
                                })}
                        </p>
                    </div>
                }
            })}
        <h1 class="heading-xl person-name" id="person-name">
            {p.display_name.clone()}
        </h1>
        <section class="warnings" id="warning-markers" aria-label="Warning markers">
            {if active.is_empty() {
                view! { <p class="small">"No active warning markers."</p> }.into_any()
            } else {
                view! {
                    <ul class="markers markers--large">
                        {active
                            .into_iter()
                            .map(|m| {
                                let code = m.code.clone();
                                let since = format!("since {}", fmt_date(m.set_on));
                                view! {
                                    <li class="marker marker--large" data-marker=m.code.clone()>
                                        <span class="marker__label">
                                            {move || refdata.with(|d| label_of(d, "marker_type", &code))}
                                        </span>
                                        <span class="marker__since">{since}</span>
                                        {m.notes.clone().map(|n| view! { <span class="marker__notes">{n}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {(!vulnerabilities.is_empty())
                .then(|| {
                    view! {
                        <ul class="markers" aria-label="Vulnerabilities" id="vulnerabilities">
                            {vulnerabilities
                                .into_iter()
                                .map(|v| {
                                    let code = v.code.clone();
                                    view! {
                                        <li class="marker marker--vulnerability">
                                            {move || refdata.with(|d| label_of(d, "vulnerability", &code))}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
        <CompletenessView value=Signal::derive(move || comp.clone()) />
        <p class="small">
            {format!(
                "Owning force: {} · {} · Version {} · Last changed {}",
                p.meta.force,
                if p.meta.restriction.restricted { "Restricted (need to know)" } else { "Not restricted" },
                p.meta.version,
                p.meta.updated_at.format("%-d %b %Y %H:%M UTC"),
            )}
        </p>
    }
}
