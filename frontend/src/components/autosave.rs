//! Draft autosave and restore, shared by the long forms: each change is saved to
//! `localStorage` and (debounced) to `PUT /drafts/{id}`, and on load the newest unfinished
//! draft (this browser's or the server's) is offered for restoring.

use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::ErrorItem;
use crate::components::time::{local_time, now};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::tasks::SaveDraftRequest;
use chrono::{DateTime, Utc};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use uuid::Uuid;

/// How long typing must pause before the form is autosaved.
const AUTOSAVE_DEBOUNCE: Duration = Duration::from_millis(1000);

/// A draft offered for restoring: its id, data, when it was saved and its label.
pub type DraftOffer<T> = (Uuid, T, DateTime<Utc>, String);

/// What is kept in `localStorage` (one per user and form).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct LocalDraft<T> {
    id: Uuid,
    saved_at: DateTime<Utc>,
    label: String,
    data: T,
}

/// Where one form's drafts live: the server's `form` name, the `localStorage` key, the id
/// the current draft is saved under, and whether the form has been submitted.
#[derive(Clone)]
pub struct Drafts {
    /// Talks to `/drafts`.
    pub client: AuthClient,
    /// The server's `form` name for these drafts.
    pub form: &'static str,
    /// The `localStorage` key (one per user and form).
    pub storage_key: String,
    /// The id the current draft is saved under.
    pub draft_id: StoredValue<Uuid>,
    /// Set once the form is submitted; no more saving or offering after that.
    pub done: StoredValue<bool>,
}

impl Drafts {
    /// The drafts of `form`, kept under `storage_key`, saved under `draft_id` until `done`.
    pub fn new(
        client: AuthClient,
        form: &'static str,
        storage_key: String,
        draft_id: StoredValue<Uuid>,
        done: StoredValue<bool>,
    ) -> Self {
        Self {
            client,
            form,
            storage_key,
            draft_id,
            done,
        }
    }

    /// Offers the latest unfinished draft (this browser's or the server's, whichever is
    /// newer) by setting `offer`.
    pub fn offer_latest<T>(&self, offer: RwSignal<Option<DraftOffer<T>>>)
    where
        T: Clone + DeserializeOwned + Send + Sync + 'static,
    {
        let Drafts {
            client,
            form,
            draft_id,
            done,
            ..
        } = *self;
        let storage_key = self.storage_key.clone();
        spawn_local(async move {
            let local: Option<LocalDraft<T>> = LocalStorage::get(&storage_key).ok();
            let server = client
                .drafts()
                .await
                .ok()
                .and_then(|ds| {
                    ds.into_iter()
                        .filter(|d| d.form == form)
                        .max_by_key(|d| d.updated_at)
                })
                .and_then(|d| {
                    serde_json::from_value::<T>(d.data)
                        .ok()
                        .map(|data| (d.id, data, d.updated_at, d.label))
                });
            let local = local.map(|l| (l.id, l.data, l.saved_at, l.label));
            let newest = match (local, server) {
                (Some(l), Some(s)) => Some(if l.2 >= s.2 { l } else { s }),
                (l, s) => l.or(s),
            };
            if let Some(n) = newest {
                if done.try_get_value() == Some(false) && n.0 != draft_id.get_value() {
                    let _ = offer.try_set(Some(n));
                }
            }
        });
    }

    /// Autosaves `snapshot()` whenever it changes, debounced: `localStorage` at once, then
    /// the server. Nothing is saved while it equals `pristine` or after submitting;
    /// `saved_at` gets the time and whether the server took it.
    pub fn autosave<T>(
        &self,
        pristine: StoredValue<T>,
        saved_at: RwSignal<Option<(DateTime<Utc>, bool)>>,
        snapshot: impl Fn() -> T + 'static,
        label: fn(&T) -> String,
    ) where
        T: Clone + PartialEq + Serialize + Send + Sync + 'static,
    {
        let (client, form, draft_id, done) = (self.client, self.form, self.draft_id, self.done);
        let storage_key = self.storage_key.clone();
        let generation = StoredValue::new(0u64);
        Effect::new(move |_| {
            let snap = snapshot();
            let gen = generation.get_value() + 1;
            generation.set_value(gen);
            if done.get_value() || pristine.with_value(|p| *p == snap) {
                return;
            }
            let storage_key = storage_key.clone();
            spawn_local(async move {
                gloo_timers::future::sleep(AUTOSAVE_DEBOUNCE).await;
                if generation.try_get_value() != Some(gen) || done.try_get_value() != Some(false) {
                    return;
                }
                let id = draft_id.get_value();
                let label = label(&snap);
                let at = now();
                let _ = LocalStorage::set(
                    &storage_key,
                    LocalDraft {
                        id,
                        saved_at: at,
                        label: label.clone(),
                        data: snap.clone(),
                    },
                );
                let body = SaveDraftRequest {
                    form: form.to_owned(),
                    label,
                    data: serde_json::to_value(&snap).unwrap_or_default(),
                };
                let on_server = client.save_draft(id, &body).await.is_ok();
                if done.try_get_value() == Some(false) {
                    let _ = saved_at.try_set(Some((at, on_server)));
                }
            });
        });
    }

    /// Discards the offered draft (locally if it is this browser's, and on the server) and
    /// withdraws the offer.
    pub fn discard<T>(&self, offer: RwSignal<Option<DraftOffer<T>>>)
    where
        T: Clone + DeserializeOwned + Send + Sync + 'static,
    {
        if let Some((id, ..)) = offer.get_untracked() {
            if LocalStorage::get::<LocalDraft<T>>(&self.storage_key).is_ok_and(|l| l.id == id) {
                LocalStorage::delete(&self.storage_key);
            }
            let client = self.client;
            spawn_local(async move {
                let _ = client.delete_draft(id).await;
            });
            offer.set(None);
        }
    }

    /// The banner offering the draft in `offer` (`#draft-offer`): "Carry on with it"
    /// (`#restore-draft`) hands its data to `apply` and carries on saving under its id;
    /// "Discard it" (`#discard-draft`) deletes it. `noun` names the form ("report").
    pub fn offer_banner<T>(
        &self,
        offer: RwSignal<Option<DraftOffer<T>>>,
        pristine: StoredValue<T>,
        noun: &'static str,
        apply: impl Fn(&T) + Clone + Send + Sync + 'static,
    ) -> impl IntoView
    where
        T: Clone + DeserializeOwned + Send + Sync + 'static,
    {
        let draft_id = self.draft_id;
        let restore = move |_| {
            if let Some((id, data, _, _)) = offer.get_untracked() {
                apply(&data);
                draft_id.set_value(id);
                pristine.set_value(data);
                offer.set(None);
            }
        };
        let discard = {
            let drafts = self.clone();
            move |_| drafts.discard(offer)
        };
        move || {
            offer.get().map(|(_, _, at, label)| {
                view! {
                    <div class="banner" id="draft-offer" role="region" aria-labelledby="draft-offer-text">
                        <p class="banner__body" id="draft-offer-text">
                            {format!("You have an unfinished {noun}, saved {}: {label}.", local_time(at))}
                        </p>
                        <div class="button-group">
                            <button type="button" class="button" id="restore-draft" on:click=restore.clone()>
                                "Carry on with it"
                            </button>
                            <button
                                type="button"
                                class="button button--secondary"
                                id="discard-draft"
                                on:click=discard.clone()
                            >
                                "Discard it"
                            </button>
                        </div>
                    </div>
                }
            })
        }
    }
}

/// When the draft was last saved, and whether only on this device (`#autosave-status`).
pub fn autosave_status(saved_at: RwSignal<Option<(DateTime<Utc>, bool)>>) -> impl IntoView {
    view! {
        <p class="small" id="autosave-status" role="status">
            {move || {
                saved_at
                    .get()
                    .map(|(at, server)| {
                        if server {
                            format!("Draft saved {}", local_time(at))
                        } else {
                            format!(
                                "Draft saved on this device {} (not yet on the server)",
                                local_time(at),
                            )
                        }
                    })
            }}
        </p>
    }
}

/// The prefix of every draft kept in the browser's local storage.
pub const LOCAL_DRAFT_PREFIX: &str = "bluelamp.draft.";

/// Removes every draft kept in this browser's local storage. Called on sign-out, so that nothing typed
/// about a case stays on a shared computer; the drafts saved on the server are offered again at the
/// next sign-in.
pub fn forget_local_drafts() {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(LOCAL_DRAFT_PREFIX))
        .collect();
    for k in keys {
        let _ = storage.remove_item(&k);
    }
}

/// The `localStorage` key of a user's draft of `form`.
pub fn local_key(form: &str, user: &str) -> String {
    format!("{LOCAL_DRAFT_PREFIX}{form}.{user}")
}

/// What a failed submit of a saved form shows: the field errors, and the summary items (those
/// errors by `items_in_order`, or the failure's message, with `saved` after it when the server
/// could not be reached: the draft is kept on this device).
pub fn submit_failure(
    e: &ApiError,
    saved: &str,
    items_in_order: impl Fn(&[FieldError]) -> Vec<ErrorItem>,
) -> (Vec<FieldError>, Vec<ErrorItem>) {
    let fields = e.field_errors().to_vec();
    let items = if fields.is_empty() {
        vec![ErrorItem::general(match e {
            ApiError::Network(_) => format!("{} {saved}", e.message()),
            _ => e.message(),
        })]
    } else {
        items_in_order(&fields)
    };
    (fields, items)
}
