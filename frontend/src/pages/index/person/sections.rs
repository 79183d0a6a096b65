//! The sections of a person's page as shown (names, dates, identifiers, markers, addresses,
//! links and intelligence) and the timeline of their links.

use super::fmt_date;
use crate::components::record::{
    kind_label, label_of, use_reference_data, validity, LinkGroups, SummaryLine,
};
use crate::routes::record_path;
use bluelamp_shared::index::links::LinkView;
use bluelamp_shared::index::people::{NameKind, PersonDto};
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos_router::components::A;

/// Dates of birth, estimated age, gender, ethnicity and nationality.
#[component]
fn BirthAndDescription(p: PersonDto) -> impl IntoView {
    let refdata = use_reference_data();
    let facts = move |vocab: &'static str, c: Option<String>| {
        move || {
            c.as_deref()
                .filter(|c| !c.is_empty())
                .map(|c| refdata.with(|d| label_of(d, vocab, c)))
                .unwrap_or_else(|| "Not recorded".to_owned())
        }
    };
    let dobs = p.person.dates_of_birth.clone();
    let age = p.person.estimated_age;
    view! {
    <section class="section" aria-labelledby="description-title">
        <h2 class="heading-l" id="description-title">
            "Dates of birth and description"
        </h2>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">"Dates of birth"</dt>
                <dd class="summary-list__value" id="person-dobs">
                    {if dobs.is_empty() {
                        "Not recorded".to_owned()
                    } else {
                        dobs.iter().map(|d| d.format("%d/%m/%Y").to_string()).collect::<Vec<_>>().join(", ")
                    }}
                </dd>
            </div>
            {age
                .map(|a| {
                    view! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key">"Estimated age"</dt>
                            <dd class="summary-list__value">{format!("{} to {}", a.min, a.max)}</dd>
                        </div>
                    }
                })}
            <div class="summary-list__row">
                <dt class="summary-list__key">"Gender"</dt>
                <dd class="summary-list__value">{facts("gender", p.person.gender.clone())}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Ethnicity"</dt>
                <dd class="summary-list__value">{facts("ethnicity", p.person.ethnicity.clone())}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Nationality"</dt>
                <dd class="summary-list__value">{facts("nationality", p.person.nationality.clone())}</dd>
            </div>
        </dl>
    </section>
    }
}

/// The warning markers no longer in force (expired, or ended by the owning force with a reason), if any.
#[component]
fn ExpiredMarkers(expired: Vec<bluelamp_shared::index::people::Marker>) -> impl IntoView {
    let refdata = use_reference_data();
    view! {
    {(!expired.is_empty())
        .then(|| {
            view! {
                <section class="section" aria-labelledby="expired-title">
                    <h2 class="heading-m" id="expired-title">
                        "Expired and ended warning markers"
                    </h2>
                    <ul class="markers" id="expired-markers">
                        {expired
                            .into_iter()
                            .map(|m| {
                                let code = m.code.clone();
                                let when = match &m.ended {
                                    Some(e) => format!(
                                        " (set {}, ended {} by {}: {})",
                                        fmt_date(m.set_on),
                                        fmt_date(e.on),
                                        e.by_force,
                                        e.reason,
                                    ),
                                    None => format!(
                                        " (set {}, expired {})",
                                        fmt_date(m.set_on),
                                        m.expires_on.map(fmt_date).unwrap_or_default(),
                                    ),
                                };
                                view! {
                                    <li class="marker marker--expired">
                                        {move || refdata.with(|d| label_of(d, "marker_type", &code))}
                                        {when}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })}
    }
}

/// The sections under the header: names, dates, identifiers, contacts, links, timeline.
#[component]
pub(super) fn PersonSections(
    p: PersonDto,
    expired: Vec<bluelamp_shared::index::people::Marker>,
) -> impl IntoView {
    let names = p.person.names.clone();
    let identifiers = p.person.identifiers.clone();
    let contacts = p.person.contacts.clone();
    let links = p.links.clone();
    view! {
        <section class="section" aria-labelledby="names-title">
            <h2 class="heading-l" id="names-title">
                "Names and aliases"
            </h2>
            <ul class="list" id="names-list">
                {names
                    .into_iter()
                    .map(|n| {
                        let kind = match n.kind {
                            NameKind::Primary => "Primary name",
                            NameKind::Alias => "Alias",
                            NameKind::Previous => "Previous name",
                        };
                        view! {
                            <li>
                                <strong>{n.display()}</strong>
                                <span class="small">{format!(" · {kind}")}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <BirthAndDescription p=p.clone() />
        <section class="section" aria-labelledby="identifiers-title">
            <h2 class="heading-l" id="identifiers-title">
                "Identifiers"
            </h2>
            {if identifiers.is_empty() {
                view! { <p class="body">"None recorded."</p> }.into_any()
            } else {
                view! {
                    <dl class="summary-list">
                        {identifiers
                            .into_iter()
                            .map(|i| {
                                view! {
                                    <div class="summary-list__row">
                                        <dt class="summary-list__key">{i.kind.label()}</dt>
                                        <dd class="summary-list__value">{i.value}</dd>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </dl>
                }
                    .into_any()
            }}
        </section>
        <section class="section" aria-labelledby="contacts-title">
            <h2 class="heading-l" id="contacts-title">
                "Telephone and e-mail"
            </h2>
            {if contacts.is_empty() {
                view! { <p class="body">"None recorded."</p> }.into_any()
            } else {
                view! {
                    <ul class="list">
                        {contacts.into_iter().map(|c| view! { <li>{c.value}</li> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <section class="section" aria-labelledby="links-title" id="person-links">
            <h2 class="heading-l" id="links-title">
                "Addresses and other links"
            </h2>
            <LinkGroups links=links.clone() />
        </section>
        <Timeline links=links />
        <ExpiredMarkers expired=expired />
    }
}

/// Links in date order, and the events the person is linked to.
#[component]
pub(super) fn Timeline(links: Vec<LinkView>) -> impl IntoView {
    let mut all = links;
    all.sort_by_key(|l| std::cmp::Reverse(l.valid_from));
    let events: Vec<LinkView> = all
        .iter()
        .filter(|l| l.other.record.kind == RecordKind::Event)
        .cloned()
        .collect();
    view! {
        <section class="section" aria-labelledby="timeline-title" id="timeline">
            <h2 class="heading-l" id="timeline-title">
                "Timeline"
            </h2>
            {if events.is_empty() {
                view! { <p class="body" id="no-events">"No events recorded yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {events
                            .into_iter()
                            .map(|l| {
                                view! {
                                    <li class="timeline__item">
                                        <span class="timeline__date">
                                            {l.valid_from.map(fmt_date).unwrap_or_else(|| "Date not known".to_owned())}
                                        </span>
                                        " "
                                        {l.label.clone()}
                                        ": "
                                        <SummaryLine summary=l.other.clone() />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            {(!all.is_empty())
                .then(|| {
                    view! {
                        <h3 class="heading-s">"Links over time"</h3>
                        <ol class="timeline">
                            {all
                                .into_iter()
                                .map(|l| {
                                    let when = validity(&l);
                                    let source = l.source.map(|s| {
                                        let text = format!("recorded from {} {}", kind_label(s.kind).to_lowercase(), s.id);
                                        match record_path(s) {
                                            Some(href) => view! { <A href=href>{text}</A> }.into_any(),
                                            None => view! { <span>{text}</span> }.into_any(),
                                        }
                                    });
                                    view! {
                                        <li class="timeline__item">
                                            <span class="timeline__date">
                                                {if when.is_empty() { "Dates not known".to_owned() } else { when }}
                                            </span>
                                            " "
                                            {l.label.clone()}
                                            ": "
                                            {l.other.label.clone()}
                                            {source.map(|s| view! { <span class="small">" · " {s}</span> })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                })}
        </section>
    }
}
