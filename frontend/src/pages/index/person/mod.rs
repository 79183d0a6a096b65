//! `/people/:id`: everything known about a person that the user may see — warning markers at
//! the top, the 4+1 indicator, names, dates of birth, identifiers, contacts, links, a timeline —
//! with the edit form (saved with `If-Match`, conflicts shown field by field), the merge and
//! unmerge screens, the notes forces add to the person, and the corrections asked of the force
//! that owns the record.

mod actions;
mod corrections;
mod details;
mod markers;
mod merge;
mod notes;
mod sections;

use self::actions::{DetailsOrForm, FormCallbacks, Notifications};
use self::corrections::Corrections;
use self::details::PersonDetails;
use self::markers::EndMarker;
use self::merge::{merge_key, ConflictPanel, MERGE_ROLES};
use self::notes::Notes;
use self::sections::PersonSections;

use crate::api::{ApiError, AuthClient};
use crate::components::record::{label_of, use_reference_data, PurposeForm};
use crate::components::time::today;
use crate::pages::index::person_form::Conflict;
use crate::pages::intelligence::IntelligencePanel;
use crate::routes::set_document_title;
use crate::session::use_session;
use bluelamp_shared::index::people::{MergeDto, NameKind, PersonDto, PersonInput};
use bluelamp_shared::records::RecordKind;
use bluelamp_shared::reference::ReferenceData;
use gloo_storage::{SessionStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

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
                    .filter(|m| m.ended.is_none())
                    .map(|m| {
                        let mut s = format!(
                            "{} (set {}",
                            label_of(rd, "marker_type", &m.code),
                            fmt_date(m.set_on)
                        );
                        if let Some(x) = m.expires_on {
                            s.push_str(&format!(", expires {}", fmt_date(x)));
                        }
                        if let Some(f) = &m.set_by_force {
                            s.push_str(&format!(", by {f}"));
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
pub(super) enum Load {
    Loading,
    Failed(ApiError),
    Loaded(Box<PersonDto>, String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    View,
    Edit,
    Merge,
}

/// Loads the person (again when the id, the purpose or `reload` changes); a stale answer is dropped.
fn load_person(
    client: AuthClient,
    id: Memo<Option<Uuid>>,
    purpose: RwSignal<Option<String>>,
    reload: RwSignal<u32>,
    state: RwSignal<Load>,
) {
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
}

/// Undoes merge `merge` of record `merged` (`last_merge`: the merge just made here, cleared).
fn unmerge(
    client: AuthClient,
    (merge, merged): (Uuid, Uuid),
    last_merge: Option<RwSignal<Option<MergeDto>>>,
    merge_note: RwSignal<Option<String>>,
    reload: RwSignal<u32>,
) {
    merge_note.set(None);
    spawn_local(async move {
        match client.unmerge(merge).await {
            Ok(_) => {
                SessionStorage::delete(merge_key(merged));
                if let Some(last_merge) = last_merge {
                    let _ = last_merge.try_set(None);
                }
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
}

/// The head of the page: loading, the purpose asked for, the failure, or the person's details.
/// Only the parts that depend on the mode are re-rendered when it changes.
#[component]
fn PersonHeader(
    state: RwSignal<Load>,
    purpose: RwSignal<Option<String>>,
    on_undo: Callback<(Uuid, Uuid)>,
) -> impl IntoView {
    move || {
        state.track();
        match state.get() {
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
                view! { <PersonDetails p=p etag=etag on_undo=on_undo /> }.into_any()
            }
        }
    }
}

/// The sections of the loaded person (with their expired and ended markers).
#[component]
fn Sections(state: RwSignal<Load>) -> impl IntoView {
    move || {
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
    }
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

    load_person(client, id, purpose, reload, state);

    let undo = Callback::new(move |m: MergeDto| {
        unmerge(client, (m.id, m.merged_id), Some(last_merge), merge_note, reload)
    });
    // From the merged record's banner (the merge id was kept when the merge was made here).
    let undo_banner = Callback::new(move |(merge, merged): (Uuid, Uuid)| {
        unmerge(client, (merge, merged), None, merge_note, reload)
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

    // What the actions and forms depend on: re-rendering them whenever the person is reloaded
    // would wipe what the user typed (the edit form is re-created through `form_key`).
    let loaded_key = Memo::new(move |_| {
        state.with(|s| match s {
            Load::Loaded(p, _) => Some((p.id, p.merged_into.is_some())),
            _ => None,
        })
    });
    // Disseminated intelligence about the person, shown only once the user states why (kept
    // across reloads of the same person).
    let intelligence = move || {
        loaded_key
            .get()
            .and_then(|(id, merged)| (!merged).then(|| view! { <IntelligencePanel subject_id=id /> }))
    };

    let _ = refdata;

    view! {
        <div class="person-page">
            <Notifications saved=saved last_merge=last_merge merge_note=merge_note undo=undo />
            <ConflictPanel conflict=conflict state_reload=Callback::new(move |c: Conflict| {
                state.set(Load::Loaded(Box::new(c.current.clone()), c.current_etag.clone()));
                form_key.update(|n| *n += 1);
                mode.set(Mode::Edit);
            }) />
            <PersonHeader state=state purpose=purpose on_undo=undo_banner />
            <DetailsOrForm
                state=state
                loaded_key=loaded_key
                mode=mode
                form_key=form_key
                saved=saved
                can_merge=can_merge
                callbacks=FormCallbacks { on_saved, on_conflict, on_cancel, on_merged }
            />
            <Sections state=state />
            <EndMarker state=state saved=saved />
            <Notes state=state />
            <Corrections state=state />
            {intelligence}
        </div>
    }
}
