//! Read-only pages of the other records of the index: `/organisations/:id`, `/objects/:id` and
//! `/locations/:id`, each with its facts and its links.

use crate::api::{ApiError, AuthClient};
use crate::components::record::{label_of, use_reference_data, LinkGroups, PurposeForm};
use crate::pages::intelligence::IntelligencePanel;
use crate::routes::set_document_title;
use crate::session::use_session;
use bluelamp_shared::index::links::LinkView;
use bluelamp_shared::index::locations::LocationDto;
use bluelamp_shared::index::objects::ObjectDto;
use bluelamp_shared::index::organisations::OrganisationDto;
use bluelamp_shared::records::{RecordKind, RecordMeta};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use serde::de::DeserializeOwned;
use uuid::Uuid;

/// What a record page shows: a title, facts (label, value) and links.
struct Shown {
    title: String,
    facts: Vec<(&'static str, String)>,
    links: Vec<LinkView>,
    meta: RecordMeta,
}

fn opt(o: &Option<String>) -> String {
    o.clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "—".to_owned())
}

/// Loads the record of `kind` named in the route (asking for a purpose if it is restricted) and
/// shows it with `shape`.
fn record_page<T>(
    kind: RecordKind,
    noun: &'static str,
    shape: fn(T, &Option<bluelamp_shared::reference::ReferenceData>) -> Shown,
) -> impl IntoView
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    set_document_title(noun);
    let client = AuthClient::new(use_session());
    let refdata = use_reference_data();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let purpose = RwSignal::new(None::<String>);
    let state = RwSignal::new(None::<Result<T, ApiError>>);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let id = id.get();
        let purpose = purpose.get();
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        let Some(id) = id else {
            state.set(Some(Err(ApiError::Unexpected { status: 404 })));
            return;
        };
        state.set(None);
        spawn_local(async move {
            let r = client
                .record::<T>(kind, id, purpose.as_deref())
                .await
                .map(|(r, _)| r);
            if generation.try_get_value() == Some(gen) {
                let _ = state.try_set(Some(r));
            }
        });
    });
    move || {
        match state.get() {
        None => view! {
            <p class="body" role="status">
                "Loading…"
            </p>
        }
        .into_any(),
        Some(Err(e)) if e.needs_purpose() => {
            view! { <PurposeForm on_purpose=Callback::new(move |p| purpose.set(Some(p))) /> }.into_any()
        }
        Some(Err(e)) => view! {
            <h1 class="heading-xl">{noun}</h1>
            <p class="error-message" role="alert">
                {match e {
                    ApiError::Unexpected { status: 404 } => format!("There is no such {}.", noun.to_lowercase()),
                    e => e.message(),
                }}
            </p>
        }
        .into_any(),
        Some(Ok(r)) => {
            let s = refdata.with(|d| shape(r, d));
            set_document_title(&s.title);
            view! {
                <p class="caption">{noun}</p>
                <h1 class="heading-xl" id="record-title">
                    {s.title}
                </h1>
                <dl class="summary-list" id="record-facts">
                    {s
                        .facts
                        .into_iter()
                        .map(|(k, v)| {
                            view! {
                                <div class="summary-list__row">
                                    <dt class="summary-list__key">{k}</dt>
                                    <dd class="summary-list__value">{v}</dd>
                                </div>
                            }
                        })
                        .collect_view()}
                    <div class="summary-list__row">
                        <dt class="summary-list__key">"Owning force"</dt>
                        <dd class="summary-list__value">{s.meta.force.to_string()}</dd>
                    </div>
                    <div class="summary-list__row">
                        <dt class="summary-list__key">"Restriction"</dt>
                        <dd class="summary-list__value">
                            {if s.meta.restriction.restricted { "Restricted (need to know)" } else { "Not restricted" }}
                        </dd>
                    </div>
                </dl>
                <section class="section" aria-labelledby="links-title" id="record-links">
                    <h2 class="heading-l" id="links-title">
                        "Links"
                    </h2>
                    <LinkGroups links=s.links />
                </section>
                {id.get_untracked().map(|rid| view! { <IntelligencePanel subject_id=rid /> })}
            }
            .into_any()
        }
    }
    }
}

/// `/organisations/:id`.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    record_page::<OrganisationDto>(RecordKind::Organisation, "Organisation", |o, rd| Shown {
        title: o.organisation.name.clone(),
        facts: vec![
            ("Kind", label_of(rd, "organisation_kind", &o.organisation.kind)),
            ("Telephone", opt(&o.organisation.phone)),
            ("E-mail", opt(&o.organisation.email)),
        ],
        links: o.links,
        meta: o.meta,
    })
}

/// `/objects/:id`.
#[component]
pub fn ObjectPage() -> impl IntoView {
    record_page::<ObjectDto>(RecordKind::Object, "Object", |o, _| {
        let x = &o.object;
        let mut facts = vec![("Kind", x.kind.as_str().replace('_', " "))];
        if !x.description.trim().is_empty() {
            facts.push(("Description", x.description.clone()));
        }
        for (k, v) in [
            ("Registration mark", &x.vrm),
            ("VIN", &x.vin),
            ("Make", &x.make),
            ("Model", &x.model),
            ("Colour", &x.colour),
            ("Telephone number", &x.phone_number),
            ("IMEI", &x.imei),
            ("Serial number", &x.serial_number),
        ] {
            if v.as_deref().is_some_and(|s| !s.trim().is_empty()) {
                facts.push((k, opt(v)));
            }
        }
        if let Some(p) = x.value_pence {
            facts.push(("Value", format!("£{}.{:02}", p / 100, p % 100)));
        }
        Shown {
            title: o.label.clone(),
            facts,
            links: o.links,
            meta: o.meta,
        }
    })
}

/// `/locations/:id`.
#[component]
pub fn LocationPage() -> impl IntoView {
    record_page::<LocationDto>(RecordKind::Location, "Location", |l, _| {
        let x = &l.location;
        let mut facts = vec![("Kind", x.kind.as_str().replace('_', " "))];
        for (k, v) in [
            ("Premises", &x.premises),
            ("Street", &x.street),
            ("Locality", &x.locality),
            ("Town", &x.town),
            ("Postcode", &x.postcode),
            ("Description", &x.description),
        ] {
            if !v.trim().is_empty() {
                facts.push((k, v.clone()));
            }
        }
        if let Some(u) = &x.uprn {
            facts.push(("UPRN", u.clone()));
        }
        if let (Some(a), Some(o)) = (x.latitude, x.longitude) {
            facts.push(("Coordinates", format!("{a:.5}, {o:.5}")));
        }
        Shown {
            title: l.label.clone(),
            facts,
            links: l.links,
            meta: l.meta,
        }
    })
}
