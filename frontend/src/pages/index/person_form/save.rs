//! Saving the person form: the create request (with its idempotency key) and the edit (with
//! `If-Match`, a 412 handed to the page as a conflict).

use super::state::{field_id, FormState, FORM_ORDER};
use super::Conflict;
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{items_for, problems_from, ErrorItem};
use crate::components::ids::new_idempotency_key;
use crate::routes::person_path;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::index::people::{CreatePersonRequest, PersonDto, PersonInput};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// Where a save shows how it went: the errors under the fields, the summary, the busy flag.
#[derive(Debug, Clone, Copy)]
pub(super) struct Feedback {
    pub(super) errors: RwSignal<Vec<FieldError>>,
    pub(super) summary: RwSignal<Vec<ErrorItem>>,
    pub(super) busy: RwSignal<bool>,
}

impl Feedback {
    /// Problems found before sending: all at once, in form order.
    fn fail(self, problems: Vec<FieldError>) {
        let mut ps = problems;
        ps.dedup_by(|a, b| a.path == b.path && a.message == b.message);
        self.summary.set(items_for(&ps, FORM_ORDER, field_id));
        self.errors.set(ps);
    }

    /// The API's answer to a failed save.
    fn api_error(self, e: &ApiError) {
        let (fields, items) = problems_from(e, FORM_ORDER, field_id);
        let _ = self.errors.try_set(fields);
        let _ = self.summary.try_set(items);
    }
}

/// What the create form keeps between submits: the idempotency key and the request it was
/// made for (a new key only when the request changes).
#[derive(Debug, Clone, Copy)]
pub(super) struct CreateKey {
    pub(super) key: StoredValue<String>,
    pub(super) last_sent: StoredValue<Option<CreatePersonRequest>>,
}

/// `POST /people`, then on to the new person's page.
pub(super) fn submit_create(
    client: AuthClient,
    f: FormState,
    fb: Feedback,
    reason_needed: bool,
    created: CreateKey,
    navigate: impl Fn(&str, leptos_router::NavigateOptions) + 'static,
) {
    let (req, problems) = untrack(|| f.create_request(reason_needed));
    if !problems.is_empty() {
        fb.fail(problems);
        return;
    }
    if created.last_sent.with_value(|l| l.as_ref() != Some(&req)) {
        created.key.set_value(new_idempotency_key());
        created.last_sent.set_value(Some(req.clone()));
    }
    let idempotency_key = created.key.get_value();
    fb.busy.set(true);
    spawn_local(async move {
        let result = client.create_person(&req, &idempotency_key).await;
        let _ = fb.busy.try_set(false);
        match result {
            Ok(p) => navigate(&person_path(p.id), Default::default()),
            Err(e) => fb.api_error(&e),
        }
    });
}

/// The edit form's callbacks: saved, and someone else saved first.
#[derive(Clone, Copy)]
pub(super) struct EditCallbacks {
    pub(super) on_saved: Option<Callback<(PersonDto, String)>>,
    pub(super) on_conflict: Option<Callback<Conflict>>,
}

/// `PUT /people/{id}` with `If-Match`.
pub(super) fn submit_update(
    client: AuthClient,
    f: FormState,
    fb: Feedback,
    (id, etag): (Uuid, String),
    loaded: StoredValue<PersonInput>,
    callbacks: EditCallbacks,
) {
    let (input, problems) = untrack(|| f.update_input());
    if !problems.is_empty() {
        fb.fail(problems);
        return;
    }
    fb.busy.set(true);
    spawn_local(async move {
        let result = client.update_person(id, &input, &etag).await;
        let _ = fb.busy.try_set(false);
        match result {
            Ok((p, new_etag)) => {
                let new_etag = new_etag.unwrap_or_else(|| format!("\"{}\"", p.meta.version));
                if let Some(cb) = callbacks.on_saved {
                    cb.run((p, new_etag));
                }
            }
            Err(ApiError::Problem(pr)) if pr.code == ErrorCode::PreconditionFailed => {
                let current = pr
                    .current
                    .clone()
                    .and_then(|v| serde_json::from_value::<PersonDto>(v).ok());
                match (current, callbacks.on_conflict) {
                    (Some(current), Some(cb)) => {
                        let current_etag = pr
                            .current_etag
                            .clone()
                            .unwrap_or_else(|| format!("\"{}\"", current.meta.version));
                        cb.run(Conflict {
                            current,
                            current_etag,
                            loaded: loaded.get_value(),
                            yours: input,
                        });
                    }
                    _ => {
                        let e = ApiError::Problem(pr);
                        let _ = fb.summary.try_set(vec![ErrorItem::general(e.message())]);
                    }
                }
            }
            Err(e) => fb.api_error(&e),
        }
    });
}
