//! `/people/:id`: everything known about a person that the user may see — warning markers at
//! the top, the 4+1 indicator, names, dates of birth, identifiers, contacts, links, a timeline —
//! with the edit form (saved with `If-Match`, conflicts shown field by field) and the merge and
//! unmerge screens.

use crate::api::{ApiError, AuthClient};
use crate::components::live_search::LiveSearch;
use crate::components::record::{
    kind_label, label_of, use_reference_data, validity, LinkGroups, MarkerBadges, PurposeForm, SummaryLine,
};
use crate::components::time::today;
use crate::pages::index::person_form::{CompletenessView, Conflict, FormMode, PersonForm};
use crate::pages::intelligence::IntelligencePanel;
use crate::routes::{person_path, record_path, set_document_title};
use crate::session::use_session;
use bluelamp_shared::auth::Role;
use bluelamp_shared::links::LinkView;
use bluelamp_shared::people::{MergeDto, MergeRequest, NameKind, PersonDto, PersonInput};
use bluelamp_shared::records::RecordKind;
use bluelamp_shared::reference::ReferenceData;
use gloo_storage::{SessionStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

/// The roles that may merge and unmerge people.
const MERGE_ROLES: [Role; 4] = [
    Role::Investigator,
    Role::Supervisor,
    Role::IntelligenceOfficer,
    Role::ForceCrimeRegistrar,
];

fn merge_key(merged: Uuid) -> String {
    format!("bluelamp.merge.{merged}")
}

fn fmt_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// The facts of a person, one line per field, for comparing two versions or two people.
pub fn describe(p: &PersonInput, rd: &Option<ReferenceData>) -> Vec<(&'static str, String)> {
    let join = |v: Vec<String>| {
        if v.is_empty() {
            "—".to_owned()
        } else {
            v.join("; ")
        }
    };
    let code = |vocab: &str, c: &Option<String>| {
        c.as_deref()
            .filter(|c| !c.is_empty())
            .map(|c| label_of(rd, vocab, c))
            .unwrap_or_else(|| "—".to_owned())
    };
    vec![
        (
            "Names",
            join(
                p.names
                    .iter()
                    .map(|n| match n.kind {
                        NameKind::Primary => n.display(),
                        NameKind::Alias => format!("{} (alias)", n.display()),
                        NameKind::Previous => format!("{} (previous)", n.display()),
                    })
                    .collect(),
            ),
        ),
        (
            "Dates of birth",
            join(p.dates_of_birth.iter().map(|d| fmt_date(*d)).collect()),
        ),
        (
            "Estimated age",
            p.estimated_age
                .map(|a| format!("{} to {}", a.min, a.max))
                .unwrap_or_else(|| "—".to_owned()),
        ),
        ("Gender", code("gender", &p.gender)),
        ("Ethnicity", code("ethnicity", &p.ethnicity)),
        ("Nationality", code("nationality", &p.nationality)),
        (
            "Identifiers",
            join(
                p.identifiers
                    .iter()
                    .map(|i| format!("{} {}", i.kind.label(), i.value))
                    .collect(),
            ),
        ),
        (
            "Contacts",
            join(p.contacts.iter().map(|c| c.value.clone()).collect()),
        ),
        (
            "Markers",
            join(
                p.markers
                    .iter()
                    .map(|m| {
                        let mut s = format!(
                            "{} (set {}",
                            label_of(rd, "marker_type", &m.code),
                            fmt_date(m.set_on)
                        );
                        if let Some(x) = m.expires_on {
                            s.push_str(&format!(", expires {}", fmt_date(x)));
                        }
                        s.push(')');
                        s
                    })
                    .collect(),
            ),
        ),
        (
            "Vulnerabilities",
            join(
                p.vulnerabilities
                    .iter()
                    .map(|v| label_of(rd, "vulnerability", &v.code))
                    .collect(),
            ),
        ),
        ("Photographs", p.photos.len().to_string()),
        (
            "Restriction",
            if p.restriction.restricted {
                "Restricted".to_owned()
            } else {
                "Not restricted".to_owned()
            },
        ),
    ]
}

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Failed(ApiError),
    Loaded(Box<PersonDto>, String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    View,
    Edit,
    Merge,
}

/// The person page.
#[component]
pub fn PersonPage() -> impl IntoView {
    set_document_title("Person");
    let session = use_session();
    let client = AuthClient::new(session);
    let refdata = use_reference_data();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let purpose = RwSignal::new(None::<String>);
    let reload = RwSignal::new(0u32);
    let state = RwSignal::new(Load::Loading);
    let mode = RwSignal::new(Mode::View);
    let form_key = RwSignal::new(0u32);
    let conflict = RwSignal::new(None::<Conflict>);
    let saved = RwSignal::new(None::<String>);
    let last_merge = RwSignal::new(None::<MergeDto>);
    let merge_note = RwSignal::new(None::<String>);
    let can_merge = session.user().with_untracked(|u| {
        u.as_ref()
            .is_some_and(|u| u.roles.iter().any(|r| MERGE_ROLES.contains(r)))
    });

    // Another person's page: forget the state of this one.
    Effect::new(move |prev: Option<Option<Uuid>>| {
        let now = id.get();
        if prev.is_some_and(|p| p != now) {
            purpose.set(None);
            mode.set(Mode::View);
            conflict.set(None);
            saved.set(None);
        }
        now
    });

    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let id = id.get();
        let purpose = purpose.get();
        reload.track();
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        let Some(id) = id else {
            state.set(Load::Failed(ApiError::Unexpected { status: 404 }));
            return;
        };
        spawn_local(async move {
            let result = client
                .record::<PersonDto>(RecordKind::Person, id, purpose.as_deref())
                .await;
            if generation.try_get_value() != Some(gen) {
                return;
            }
            let _ = state.try_set(match result {
                Ok((p, etag)) => {
                    set_document_title(&p.display_name);
                    let etag = etag.unwrap_or_else(|| format!("\"{}\"", p.meta.version));
                    Load::Loaded(Box::new(p), etag)
                }
                Err(e) => Load::Failed(e),
            });
        });
    });

    let undo = move |m: MergeDto| {
        merge_note.set(None);
        spawn_local(async move {
            match client.unmerge(m.id).await {
                Ok(_) => {
                    SessionStorage::delete(merge_key(m.merged_id));
                    let _ = last_merge.try_set(None);
                    let _ = merge_note.try_set(Some(
                        "The merge has been undone: both records are as they were before.".to_owned(),
                    ));
                    let _ = reload.try_update(|n| *n += 1);
                }
                Err(e) => {
                    let _ = merge_note.try_set(Some(e.message()));
                }
            }
        });
    };

    // From the merged record's banner (the merge id was kept when the merge was made here).
    let undo_banner = Callback::new(move |(merge, merged): (Uuid, Uuid)| {
        merge_note.set(None);
        spawn_local(async move {
            match client.unmerge(merge).await {
                Ok(_) => {
                    SessionStorage::delete(merge_key(merged));
                    let _ = merge_note.try_set(Some(
                        "The merge has been undone: both records are as they were before.".to_owned(),
                    ));
                    let _ = reload.try_update(|n| *n += 1);
                }
                Err(e) => {
                    let _ = merge_note.try_set(Some(e.message()));
                }
            }
        });
    });
    let on_saved = Callback::new(move |(p, etag): (PersonDto, String)| {
        state.set(Load::Loaded(Box::new(p), etag));
        mode.set(Mode::View);
        conflict.set(None);
        saved.set(Some("Your changes have been saved.".to_owned()));
    });
    let on_conflict = Callback::new(move |c: Conflict| conflict.set(Some(c)));
    let on_cancel = Callback::new(move |_| {
        mode.set(Mode::View);
        conflict.set(None);
    });
    let on_merged = Callback::new(move |m: MergeDto| {
        let _ = SessionStorage::set(merge_key(m.merged_id), m.id.to_string());
        last_merge.set(Some(m));
        merge_note.set(None);
        mode.set(Mode::View);
        reload.update(|n| *n += 1);
    });

    let person_view = move || match state.get() {
        Load::Loading => view! {
            <p class="body" role="status">
                "Loading…"
            </p>
        }
        .into_any(),
        Load::Failed(e) if e.needs_purpose() => {
            view! { <PurposeForm on_purpose=Callback::new(move |p| purpose.set(Some(p))) /> }.into_any()
        }
        Load::Failed(e) => view! {
            <h1 class="heading-xl">"Person"</h1>
            <p class="error-message" role="alert">
                {match e {
                    ApiError::Unexpected { status: 404 } => "There is no such person.".to_owned(),
                    e => e.message(),
                }}
            </p>
        }
        .into_any(),
        Load::Loaded(p, etag) => {
            let p = *p;
            view! { <PersonDetails p=p etag=etag on_undo=undo_banner /> }.into_any()
        }
    };

    // Shown in every mode, above the details.
    #[component]
    fn PersonDetails(p: PersonDto, etag: String, on_undo: Callback<(Uuid, Uuid)>) -> impl IntoView {
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

    let sections = move || {
        state.with(|s| match s {
            Load::Loaded(p, _) => {
                let today = today();
                let expired: Vec<_> = p
                    .person
                    .markers
                    .iter()
                    .filter(|m| !m.active_on(today))
                    .cloned()
                    .collect();
                Some(view! { <PersonSections p=(**p).clone() expired=expired /> })
            }
            _ => None,
        })
    };

    // What the actions and forms depend on: re-rendering them whenever the person is reloaded
    // would wipe what the user typed (the edit form is re-created through `form_key`).
    let loaded_key = Memo::new(move |_| {
        state.with(|s| match s {
            Load::Loaded(p, _) => Some((p.id, p.merged_into.is_some())),
            _ => None,
        })
    });
    let details_or_form = move || {
        let _ = loaded_key.get();
        let current = state.with_untracked(|s| match s {
            Load::Loaded(p, etag) => Some(((**p).clone(), etag.clone())),
            _ => None,
        });
        current.map(|(p, etag)| match mode.get() {
            Mode::View => view! {
                <div class="button-group person-actions">
                    <button
                        type="button"
                        class="button"
                        id="edit-person"
                        on:click=move |_| {
                            saved.set(None);
                            form_key.update(|n| *n += 1);
                            mode.set(Mode::Edit);
                        }
                    >
                        "Edit"
                    </button>
                    {(can_merge && p.merged_into.is_none())
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="button button--secondary"
                                    id="merge-person"
                                    on:click=move |_| mode.set(Mode::Merge)
                                >
                                    "Merge a duplicate into this person"
                                </button>
                            }
                        })}
                </div>
            }
            .into_any(),
            Mode::Edit => {
                form_key.track();
                view! {
                    <section class="section" aria-labelledby="edit-title">
                        <h2 class="heading-l" id="edit-title">
                            "Edit this person"
                        </h2>
                        <PersonForm
                            mode=FormMode::Edit {
                                person: Box::new(p),
                                etag,
                            }
                            on_saved=on_saved
                            on_conflict=on_conflict
                            on_cancel=on_cancel
                        />
                    </section>
                }
                .into_any()
            }
            Mode::Merge => {
                view! { <MergePanel survivor=p on_merged=on_merged on_cancel=on_cancel /> }.into_any()
            }
        })
    };

    // Disseminated intelligence about the person, shown only once the user states why (kept
    // across reloads of the same person).
    let intelligence = move || {
        loaded_key
            .get()
            .and_then(|(id, merged)| (!merged).then(|| view! { <IntelligencePanel subject_id=id /> }))
    };

    // Only the parts that depend on the mode are re-rendered when it changes.
    let header = move || {
        state.track();
        person_view()
    };
    let _ = refdata;

    view! {
        <div class="person-page">
            <div class="notification" role="status">
                {move || saved.get().map(|m| view! { <p class="notification__body">{m}</p> })}
                {move || {
                    last_merge
                        .get()
                        .map(|m| {
                            let shown = m.clone();
                            view! {
                                <div class="notification__body" id="merge-result">
                                    <p>
                                        {format!(
                                            "The duplicate has been merged into this person ({} items moved). Merge reference: {}",
                                            shown.moved_items,
                                            shown.id,
                                        )}
                                    </p>
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        id="undo-merge"
                                        on:click=move |_| undo(m.clone())
                                    >
                                        "Undo merge"
                                    </button>
                                </div>
                            }
                        })
                }}
                {move || merge_note.get().map(|m| view! { <p class="notification__body" id="merge-note">{m}</p> })}
            </div>
            <ConflictPanel conflict=conflict state_reload=Callback::new(move |c: Conflict| {
                state.set(Load::Loaded(Box::new(c.current.clone()), c.current_etag.clone()));
                form_key.update(|n| *n += 1);
                mode.set(Mode::Edit);
            }) />
            {header}
            {details_or_form}
            {sections}
            {intelligence}
        </div>
    }
}

/// The sections under the header: names, dates, identifiers, contacts, links, timeline.
#[component]
fn PersonSections(p: PersonDto, expired: Vec<bluelamp_shared::people::Marker>) -> impl IntoView {
    let refdata = use_reference_data();
    let facts = move |vocab: &'static str, c: Option<String>| {
        move || {
            c.as_deref()
                .filter(|c| !c.is_empty())
                .map(|c| refdata.with(|d| label_of(d, vocab, c)))
                .unwrap_or_else(|| "Not recorded".to_owned())
        }
    };
    let names = p.person.names.clone();
    let dobs = p.person.dates_of_birth.clone();
    let age = p.person.estimated_age;
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
        {(!expired.is_empty())
            .then(|| {
                view! {
                    <section class="section" aria-labelledby="expired-title">
                        <h2 class="heading-m" id="expired-title">
                            "Expired warning markers"
                        </h2>
                        <ul class="markers" id="expired-markers">
                            {expired
                                .into_iter()
                                .map(|m| {
                                    let code = m.code.clone();
                                    let when = format!(
                                        " (set {}, expired {})",
                                        fmt_date(m.set_on),
                                        m.expires_on.map(fmt_date).unwrap_or_default(),
                                    );
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

/// Links in date order, and the events the person is linked to.
#[component]
fn Timeline(links: Vec<LinkView>) -> impl IntoView {
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

/// Shown when saving found that someone else saved first: what changed, field by field, and the
/// user's own edits, so nothing is overwritten and nothing typed is lost.
#[component]
fn ConflictPanel(conflict: RwSignal<Option<Conflict>>, state_reload: Callback<Conflict>) -> impl IntoView {
    let refdata = use_reference_data();
    let reloaded = RwSignal::new(false);
    Effect::new(move |_| {
        if conflict.with(Option::is_none) {
            reloaded.set(false);
        }
    });
    move || {
        conflict.get().map(|c| {
            let rd = refdata.get();
            let loaded = describe(&c.loaded, &rd);
            let now = describe(&c.current.person, &rd);
            let yours = describe(&c.yours, &rd);
            let rows: Vec<_> = loaded
                .into_iter()
                .zip(now)
                .zip(yours)
                .filter(|(((_, l), (_, n)), (_, y))| l != n || n != y)
                .map(|(((label, l), (_, n)), (_, y))| (label, l, n, y))
                .collect();
            let c2 = c.clone();
            view! {
                <div class="conflict" id="conflict-panel" role="alert" aria-labelledby="conflict-title">
                    <h2 class="heading-l" id="conflict-title">
                        "Someone else changed this person while you were editing"
                    </h2>
                    <p class="body">
                        "Your changes have not been saved and nothing has been overwritten. Below are the fields that differ between the record when you opened it, as it is saved now, and what you tried to save:"
                    </p>
                    <div class="table-wrapper">
                        <table class="table" id="conflict-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Field"</th>
                                    <th scope="col">"When you opened it"</th>
                                    <th scope="col">"Saved now (their version)"</th>
                                    <th scope="col">"Your version"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|(label, l, n, y)| {
                                        let changed = l != n;
                                        view! {
                                            <tr class:conflict__changed=changed>
                                                <th scope="row">{label}</th>
                                                <td>{l}</td>
                                                <td>{n}</td>
                                                <td class="conflict__yours">{y}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {move || {
                        if reloaded.get() {
                            view! {
                                <p class="body" id="conflict-reloaded">
                                    "Their version is now in the form below. Re-apply the changes from the “Your version” column that are still needed, then save."
                                </p>
                            }
                                .into_any()
                        } else {
                            let c = c2.clone();
                            view! {
                                <div class="button-group">
                                    <button
                                        type="button"
                                        class="button"
                                        id="reload-their-version"
                                        on:click=move |_| {
                                            reloaded.set(true);
                                            state_reload.run(c.clone());
                                        }
                                    >
                                        "Reload their version"
                                    </button>
                                </div>
                            }
                                .into_any()
                        }
                    }}
                </div>
            }
        })
    }
}

/// Merging a duplicate into the survivor: find it, compare side by side, give a reason, confirm.
#[component]
fn MergePanel(survivor: PersonDto, on_merged: Callback<MergeDto>, on_cancel: Callback<()>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let refdata = use_reference_data();
    let search = LiveSearch::new(Some(RecordKind::Person));
    let chosen = RwSignal::new(None::<PersonDto>);
    let choose_error = RwSignal::new(None::<String>);
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let survivor_id = survivor.id;
    let survivor_name = survivor.display_name.clone();
    let survivor_facts = StoredValue::new(survivor.person.clone());

    let choose = move |id: Uuid| {
        choose_error.set(None);
        spawn_local(async move {
            match client.record::<PersonDto>(RecordKind::Person, id, None).await {
                Ok((p, _)) => {
                    let _ = chosen.try_set(Some(p));
                }
                Err(e) => {
                    let _ = choose_error.try_set(Some(e.message()));
                }
            }
        });
    };

    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(dup) = chosen.get_untracked() else {
            return;
        };
        let r = reason.get_untracked().trim().to_owned();
        if r.chars().count() < 10 {
            reason_error.set(Some(
                "Give the reason they are the same person, in at least 10 characters".to_owned(),
            ));
            return;
        }
        reason_error.set(None);
        busy.set(true);
        let req = MergeRequest {
            merged_id: dup.id,
            reason: r,
        };
        spawn_local(async move {
            let result = client.merge_people(survivor_id, &req).await;
            let _ = busy.try_set(false);
            match result {
                Ok(m) => on_merged.run(m),
                Err(e) => {
                    let msg = e
                        .field_errors()
                        .first()
                        .map(|f| f.message.clone())
                        .unwrap_or_else(|| e.message());
                    let _ = reason_error.try_set(Some(msg));
                }
            }
        });
    };

    view! {
        <section class="section merge" aria-labelledby="merge-title" id="merge-panel">
            <h2 class="heading-l" id="merge-title">
                {format!("Merge a duplicate into {survivor_name}")}
            </h2>
            <p class="body">
                "The duplicate's names, identifiers, markers and links move to this person, and the duplicate will point here. A merge can be undone."
            </p>
            <div class="form-group">
                <label class="label" for="merge-search">
                    "Find the duplicate"
                </label>
                <input
                    class="input input--wide"
                    id="merge-search"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    bind:value=search.query
                />
            </div>
            <p class="small" role="status" aria-live="polite">
                {move || search.status()}
            </p>
            <ul class="list results">
                {move || {
                    search
                        .results
                        .get()
                        .map(|(_, r)| {
                            r.hits
                                .into_iter()
                                .filter(|h| h.summary.record.id != survivor_id)
                                .map(|h| {
                                    let id = h.summary.record.id;
                                    let details = h.summary.details.join(" · ");
                                    view! {
                                        <li class="result" data-record-id=id.to_string()>
                                            <span class="result__label">{h.summary.label.clone()}</span>
                                            <MarkerBadges codes=h.summary.markers.clone() />
                                            <p class="result__details">{details}</p>
                                            <button
                                                type="button"
                                                class="button button--secondary button--small"
                                                data-testid="choose-duplicate"
                                                on:click=move |_| choose(id)
                                            >
                                                "Choose"
                                                <span class="visually-hidden">{format!(": {}", h.summary.label)}</span>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </ul>
            {move || choose_error.get().map(|m| view! { <p class="error-message">{m}</p> })}
            {move || {
                chosen
                    .get()
                    .map(|dup| {
                        let rd = refdata.get();
                        let left = survivor_facts.with_value(|s| describe(s, &rd));
                        let right = describe(&dup.person, &rd);
                        let dup_name = dup.display_name.clone();
                        view! {
                            <div class="table-wrapper">
                                <table class="table compare" id="merge-compare">
                                    <caption class="visually-hidden">"The two records side by side"</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Field"</th>
                                            <th scope="col">"Keep (this person)"</th>
                                            <th scope="col">{format!("Duplicate: {dup_name}")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {left
                                            .into_iter()
                                            .zip(right)
                                            .map(|((label, a), (_, b))| {
                                                view! {
                                                    <tr>
                                                        <th scope="row">{label}</th>
                                                        <td>{a}</td>
                                                        <td>{b}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <form novalidate on:submit=confirm>
                                <crate::components::field::TextField
                                    id="merge-reason"
                                    label="Why are they the same person?"
                                    hint="At least 10 characters. Recorded in the audit log."
                                    value=reason
                                    error=reason_error
                                />
                                <div class="button-group">
                                    <button
                                        type="submit"
                                        class="button button--warning"
                                        id="confirm-merge"
                                        aria-disabled=move || busy.get().to_string()
                                    >
                                        "Merge these records"
                                    </button>
                                </div>
                            </form>
                        }
                    })
            }}
            <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>
                "Cancel"
            </button>
        </section>
    }
}
