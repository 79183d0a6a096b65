//! Widgets shared by the pages of the index: the reference-data cache, marker badges, record
//! summaries, lists of links and the "state your purpose" form for restricted records.

use crate::api::AuthClient;
use crate::routes::record_path;
use crate::session::use_session;
use bluelamp_shared::index::links::LinkView;
use bluelamp_shared::records::{RecordKind, RecordSummary};
use bluelamp_shared::reference::ReferenceData;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// The reference data, loaded once per page load and shared through the context.
#[derive(Debug, Clone, Copy)]
pub struct ReferenceCache {
    data: RwSignal<Option<ReferenceData>>,
    error: RwSignal<Option<String>>,
    started: StoredValue<bool>,
}

/// Provides the (empty) cache; call once from the root component.
pub fn provide_reference_cache() {
    provide_context(ReferenceCache {
        data: RwSignal::new(None),
        error: RwSignal::new(None),
        started: StoredValue::new(false),
    });
}

/// The reference data (`None` until loaded). The first caller starts the load.
pub fn use_reference_data() -> Signal<Option<ReferenceData>> {
    let cache = expect_context::<ReferenceCache>();
    if !cache.started.get_value() {
        cache.started.set_value(true);
        let client = AuthClient::new(use_session());
        spawn_local(async move {
            match client.reference_data().await {
                Ok(d) => {
                    cache.data.set(Some(d));
                    cache.error.set(None);
                }
                Err(e) => {
                    // Let the next page try again.
                    cache.started.set_value(false);
                    cache.error.set(Some(e.message()));
                }
            }
        });
    }
    cache.data.into()
}

/// The label of `code` in `vocabulary` (the code itself when unknown or not loaded yet).
pub fn label_of(data: &Option<ReferenceData>, vocabulary: &str, code: &str) -> String {
    data.as_ref()
        .and_then(|d| {
            d.codes
                .iter()
                .find(|c| c.vocabulary == vocabulary && c.code == code)
                .map(|c| c.label.clone())
        })
        .unwrap_or_else(|| code.replace('_', " "))
}

/// The `(code, label)` pairs of a vocabulary that may be chosen for new data.
pub fn choices(data: &Option<ReferenceData>, vocabulary: &str) -> Vec<(String, String)> {
    data.as_ref()
        .map(|d| {
            d.codes
                .iter()
                .filter(|c| c.vocabulary == vocabulary && c.active)
                .map(|c| (c.code.clone(), c.label.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Warning markers as prominent badges (`<ul class="markers">` of `<li class="marker">`).
#[component]
pub fn MarkerBadges(
    /// Marker codes (`marker_type` vocabulary).
    codes: Vec<String>,
) -> impl IntoView {
    let refdata = use_reference_data();
    (!codes.is_empty()).then(|| {
        view! {
            <ul class="markers" aria-label="Warning markers">
                {codes
                    .into_iter()
                    .map(|c| {
                        let code = c.clone();
                        view! {
                            <li class="marker" data-marker=c>
                                {move || refdata.with(|d| label_of(d, "marker_type", &code))}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// The name of a kind of record, for people.
pub fn kind_label(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Person => "Person",
        RecordKind::Organisation => "Organisation",
        RecordKind::Object => "Object",
        RecordKind::Location => "Location",
        RecordKind::Event => "Event",
    }
}

/// A record's label, linked to its page when it has one.
pub fn record_link(s: &RecordSummary) -> AnyView {
    let label = s.label.clone();
    match record_path(s.record) {
        Some(href) => view! { <A href=href attr:class="record-link">{label}</A> }.into_any(),
        None => view! { <span class="record-link">{label}</span> }.into_any(),
    }
}

/// One record summary: link, details, markers, force and restriction.
#[component]
pub fn SummaryLine(
    /// The record.
    summary: RecordSummary,
) -> impl IntoView {
    let details = summary.details.join(" · ");
    let restricted = summary.restricted;
    view! {
        <span class="summary-line">
            <span class="summary-line__kind">{kind_label(summary.record.kind)}</span>
            " "
            {record_link(&summary)}
            {(!details.is_empty()).then(|| view! { <span class="summary-line__details">{details}</span> })}
            <MarkerBadges codes=summary.markers.clone() />
            <span class="summary-line__force">{format!("Force: {}", summary.force)}</span>
            {restricted.then(|| view! { <span class="tag tag--restricted">"Restricted"</span> })}
        </span>
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%-d %b %Y").to_string()).unwrap_or_default()
}

/// When a link held, in words ("from 1 Jan 2020 to 5 Mar 2021").
pub fn validity(l: &LinkView) -> String {
    match (l.valid_from, l.valid_to) {
        (None, None) => String::new(),
        (Some(_), None) => format!("from {}", date(l.valid_from)),
        (None, Some(_)) => format!("until {}", date(l.valid_to)),
        (Some(_), Some(_)) => format!("from {} to {}", date(l.valid_from), date(l.valid_to)),
    }
}

/// Links grouped by their label ("Home address", "Owner of"...), each linking to the other record.
#[component]
pub fn LinkGroups(
    /// The links of the record.
    links: Vec<LinkView>,
) -> impl IntoView {
    if links.is_empty() {
        return view! { <p class="body">"No links recorded."</p> }.into_any();
    }
    let mut groups: Vec<(String, Vec<LinkView>)> = Vec::new();
    for l in links {
        match groups.iter_mut().find(|(label, _)| *label == l.label) {
            Some((_, ls)) => ls.push(l),
            None => groups.push((l.label.clone(), vec![l])),
        }
    }
    view! {
        <div class="link-groups">
            {groups
                .into_iter()
                .map(|(label, ls)| {
                    view! {
                        <h3 class="heading-s">{label}</h3>
                        <ul class="list link-list">
                            {ls
                                .into_iter()
                                .map(|l| {
                                    let when = validity(&l);
                                    view! {
                                        <li class="link-list__item" data-link-reason=l.reason.clone()>
                                            <SummaryLine summary=l.other.clone() />
                                            {(!when.is_empty())
                                                .then(|| view! { <span class="small">{when}</span> })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// Asks why the user needs to see a restricted record; `on_purpose` gets the stated purpose.
#[component]
pub fn PurposeForm(
    /// Called with the purpose the user typed.
    on_purpose: Callback<String>,
) -> impl IntoView {
    let purpose = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    view! {
        <div class="notice" role="region" aria-labelledby="purpose-title">
            <h2 class="heading-m" id="purpose-title">
                "This record is restricted"
            </h2>
            <p class="body">
                "State why you need to see it. Your reason is recorded in the audit log with your name."
            </p>
            <form
                novalidate
                on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let p = purpose.get_untracked().trim().to_owned();
                    if p.len() < 5 {
                        error.set(Some("Enter why you need to see this record".to_owned()));
                        return;
                    }
                    error.set(None);
                    on_purpose.run(p);
                }
            >
                <crate::components::field::TextField
                    id="access-purpose"
                    label="Purpose"
                    hint="For example, the incident or crime reference you are working on."
                    value=purpose
                    error=error
                />
                <button type="submit" class="button">
                    "Show the record"
                </button>
            </form>
        </div>
    }
}
