//! The state and frame every "add a thing" form shares ([`CreateForm`]): the faults shown at the
//! fields and in the error summary (in the form's order), "busy" while the request is out, the
//! notice of what was done, and an idempotency key kept while the request is the same, so a double
//! submit or a retry acts once only.

use crate::api::ApiError;
use crate::components::error_summary::{items_for, keep_unfixed, problems_from, ErrorItem, ErrorSummary};
use crate::components::ids::new_idempotency_key;
use bluelamp_shared::error::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// One "add a thing" form's state.
#[derive(Debug)]
pub struct CreateForm<R: Send + Sync + 'static> {
    /// The faults shown at the fields.
    pub errors: RwSignal<Vec<FieldError>>,
    /// The faults listed in the error summary.
    pub summary: RwSignal<Vec<ErrorItem>>,
    /// Whether the request is out.
    pub busy: RwSignal<bool>,
    /// What the last request did.
    pub done: RwSignal<Option<String>>,
    key: StoredValue<String>,
    last_sent: StoredValue<Option<R>>,
    order: &'static [&'static str],
    id_of: fn(&str) -> String,
}

impl<R: Send + Sync + 'static> Clone for CreateForm<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Send + Sync + 'static> Copy for CreateForm<R> {}

impl<R: Clone + PartialEq + Send + Sync + 'static> CreateForm<R> {
    /// A form whose fields are `order` (top to bottom), a field path's element id being `id_of(path)`.
    pub fn new(order: &'static [&'static str], id_of: fn(&str) -> String) -> Self {
        Self {
            errors: RwSignal::new(Vec::new()),
            summary: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
            done: RwSignal::new(None),
            key: StoredValue::new(new_idempotency_key()),
            last_sent: StoredValue::new(None),
            order,
            id_of,
        }
    }

    /// The message shown at the field `path`, if any.
    pub fn error_at(self, path: &'static str) -> Signal<Option<String>> {
        let errors = self.errors;
        Signal::derive(move || {
            errors.with(|es| es.iter().find(|e| e.path == path).map(|e| e.message.clone()))
        })
    }

    /// After a failed submit, each message goes as soon as its field is put right: `check` is run
    /// again whenever one of `fields` changes.
    pub fn recheck(self, fields: Vec<RwSignal<String>>, check: impl Fn() -> Vec<FieldError> + 'static) {
        Effect::new(move |_| {
            for f in &fields {
                f.track();
            }
            keep_unfixed(self.errors, check());
        });
    }

    /// Sends `req` unless `problems` (the shared rules' faults) are shown instead: `send` gets the
    /// request and its idempotency key; on success `on_ok` says what was done (and clears the
    /// fields); a refusal's faults are shown at their fields and in the summary.
    pub fn submit<T, Fut>(
        self,
        req: R,
        problems: Vec<FieldError>,
        send: impl FnOnce(R, String) -> Fut + 'static,
        on_ok: impl FnOnce(T) -> String + 'static,
    ) where
        T: 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        if self.busy.get_untracked() {
            return;
        }
        self.done.set(None);
        if !problems.is_empty() {
            self.summary.set(items_for(&problems, self.order, self.id_of));
            self.errors.set(problems);
            return;
        }
        if self.last_sent.with_value(|l| l.as_ref() != Some(&req)) {
            self.key.set_value(new_idempotency_key());
            self.last_sent.set_value(Some(req.clone()));
        }
        let idempotency_key = self.key.get_value();
        self.busy.set(true);
        spawn_local(async move {
            let result = send(req, idempotency_key).await;
            let _ = self.busy.try_set(false);
            match result {
                Ok(v) => {
                    let _ = self.errors.try_set(Vec::new());
                    let _ = self.summary.try_set(Vec::new());
                    self.key.try_set_value(new_idempotency_key());
                    self.last_sent.try_set_value(None);
                    let _ = self.done.try_set(Some(on_ok(v)));
                }
                Err(e) => {
                    let (fields, items) = problems_from(&e, self.order, self.id_of);
                    let _ = self.errors.try_set(fields);
                    let _ = self.summary.try_set(items);
                }
            }
        });
    }

    /// The form's frame: the notice of what was done, the error summary, then `<form id>` holding
    /// `fields` and the submit button (`submit`, or `busy_text` while the request is out).
    pub fn frame(
        self,
        id: &'static str,
        submit: &'static str,
        busy_text: &'static str,
        on_submit: impl Fn() + 'static,
        fields: impl IntoView + 'static,
    ) -> impl IntoView {
        let busy = self.busy;
        let done = self.done;
        view! {
            <div class="notification" role="status" id=format!("{id}-notice")>
                {move || done.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            <ErrorSummary items=self.summary id=format!("{id}-error-summary") />
            <form
                novalidate
                id=format!("{id}-form")
                on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    on_submit();
                }
            >
                {fields}
                <button
                    type="submit"
                    class="button"
                    id=format!("{id}-submit")
                    aria-disabled=move || busy.get().to_string()
                >
                    {move || if busy.get() { busy_text } else { submit }}
                </button>
            </form>
        }
    }
}
