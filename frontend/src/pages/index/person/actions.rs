//! What a person's page offers under its head: the notifications (saved, merged, merge undone),
//! and the actions, the edit form or the merge screen, by mode.

use super::merge::MergePanel;
use super::{Load, Mode};
use crate::pages::index::person_form::{Conflict, FormMode, PersonForm};
use bluelamp_shared::index::people::{MergeDto, PersonDto};
use leptos::prelude::*;

/// The page's notifications: changes saved, the merge just made (with its undo), and what
/// became of an undo.
#[component]
pub(super) fn Notifications(
    saved: RwSignal<Option<String>>,
    last_merge: RwSignal<Option<MergeDto>>,
    merge_note: RwSignal<Option<String>>,
    /// Undoes the merge just made.
    undo: Callback<MergeDto>,
) -> impl IntoView {
    view! {
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
                                on:click=move |_| undo.run(m.clone())
                            >
                                "Undo merge"
                            </button>
                        </div>
                    }
                })
        }}
        {move || merge_note.get().map(|m| view! { <p class="notification__body" id="merge-note">{m}</p> })}
    </div>
    }
}

/// The edit form's and the merge screen's callbacks.
#[derive(Clone, Copy)]
pub(super) struct FormCallbacks {
    pub(super) on_saved: Callback<(PersonDto, String)>,
    pub(super) on_conflict: Callback<Conflict>,
    pub(super) on_cancel: Callback<()>,
    pub(super) on_merged: Callback<MergeDto>,
}

/// The actions (view mode), the edit form or the merge screen. Re-rendered only when another
/// person is loaded (`loaded_key`), the mode changes or the edit form is re-created (`form_key`).
#[component]
pub(super) fn DetailsOrForm(
    state: RwSignal<Load>,
    loaded_key: Memo<Option<(uuid::Uuid, bool)>>,
    mode: RwSignal<Mode>,
    form_key: RwSignal<u32>,
    saved: RwSignal<Option<String>>,
    can_merge: bool,
    callbacks: FormCallbacks,
) -> impl IntoView {
    let FormCallbacks {
        on_saved,
        on_conflict,
        on_cancel,
        on_merged,
    } = callbacks;
    move || {
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
    }
}
