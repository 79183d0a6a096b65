//! Saving over someone else's change (the conflict panel) and merging a duplicate into this person.

use super::describe;
use crate::api::AuthClient;
use crate::components::live_search::LiveSearch;
use crate::components::record::{use_reference_data, MarkerBadges};
use crate::components::table::ScrollTable;
use crate::pages::index::person_form::Conflict;
use crate::session::use_session;
use bluelamp_shared::auth::Role;
use bluelamp_shared::index::people::{MergeDto, MergeRequest, PersonDto, PersonInput};
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// The roles that may merge and unmerge people.
pub(super) const MERGE_ROLES: [Role; 4] = [
    Role::Investigator,
    Role::Supervisor,
    Role::IntelligenceOfficer,
    Role::ForceCrimeRegistrar,
];

pub(super) fn merge_key(merged: Uuid) -> String {
    format!("bluelamp.merge.{merged}")
}

/// Shown when saving found that someone else saved first: what changed, field by field, and the
/// user's own edits, so nothing is overwritten and nothing typed is lost.
#[component]
pub(super) fn ConflictPanel(
    conflict: RwSignal<Option<Conflict>>,
    state_reload: Callback<Conflict>,
) -> impl IntoView {
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
                    <ScrollTable id="conflict-table" caption="The fields that differ">
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
                    </ScrollTable>
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

/// Merges the duplicate chosen into the survivor, once a reason of 10 characters or more is given.
fn confirm_merge(
    client: AuthClient,
    survivor_id: Uuid,
    chosen: RwSignal<Option<PersonDto>>,
    reason: RwSignal<String>,
    reason_error: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    on_merged: Callback<MergeDto>,
) {
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
}

/// The people found for the search (the survivor left out), each with a button to choose it.
#[component]
fn DuplicateResults(
    search: LiveSearch,
    survivor_id: Uuid,
    chosen: RwSignal<Option<PersonDto>>,
    choose_error: RwSignal<Option<String>>,
) -> impl IntoView {
    let client = AuthClient::new(use_session());
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

    view! {
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
    }
}

/// The survivor and the duplicate side by side.
#[component]
fn MergeCompare(survivor_facts: StoredValue<PersonInput>, dup: PersonDto) -> impl IntoView {
    let refdata = use_reference_data();
    move || {
        let rd = refdata.get();
        let left = survivor_facts.with_value(|s| describe(s, &rd));
        let right = describe(&dup.person, &rd);
        let dup_name = dup.display_name.clone();
        view! {
            <ScrollTable id="merge-compare" caption="The two records side by side" class="table compare">
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
            </ScrollTable>
        }
    }
}

/// Merging a duplicate into the survivor: find it, compare side by side, give a reason, confirm.
#[component]
pub(super) fn MergePanel(
    survivor: PersonDto,
    on_merged: Callback<MergeDto>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let search = LiveSearch::new(Some(RecordKind::Person));
    let chosen = RwSignal::new(None::<PersonDto>);
    let choose_error = RwSignal::new(None::<String>);
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let survivor_id = survivor.id;
    let survivor_name = survivor.display_name.clone();
    let survivor_facts = StoredValue::new(survivor.person.clone());

    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        confirm_merge(client, survivor_id, chosen, reason, reason_error, busy, on_merged);
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
            <DuplicateResults search=search survivor_id=survivor_id chosen=chosen choose_error=choose_error />
            {move || choose_error.get().map(|m| view! { <p class="error-message">{m}</p> })}
            {move || {
                chosen
                    .get()
                    .map(|dup| {
                        view! {
                            <MergeCompare survivor_facts=survivor_facts dup=dup />
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
