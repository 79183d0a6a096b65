//! Loading from the API: [`load`] and [`loaded`] for a list or answer shown in place, and the
//! frame of a page that shows one record fetched by id (loading it, again on each reload,
//! "Loading…" while it comes, and the page's heading with why it could not be shown when it
//! cannot).

use crate::api::ApiError;
use crate::routes::{set_document_title, use_path_id};
use bluelamp_shared::error::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use uuid::Uuid;

/// Fetches a record with `fetch` into `target`, at once and again each time `reload` changes.
/// An answer clears `failed` and replaces the record; a refusal is put in `failed` (a record
/// already shown stays).
pub fn load_into<T, Fut>(
    reload: Option<RwSignal<u32>>,
    target: RwSignal<Option<T>>,
    failed: RwSignal<Option<ApiError>>,
    fetch: impl Fn() -> Fut + 'static,
) where
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    Effect::new(move |_| {
        if let Some(reload) = reload {
            reload.track();
        }
        let answer = fetch();
        spawn_local(async move {
            match answer.await {
                Ok(record) => {
                    let _ = failed.try_set(None);
                    let _ = target.try_set(Some(record));
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    });
}

/// The page's heading and, as an alert, why the record cannot be shown.
#[component]
pub fn LoadFailed(
    /// The page's heading (what kind of record it is).
    title: &'static str,
    /// The alert's text.
    #[prop(into)]
    message: String,
) -> impl IntoView {
    view! {
        <h1 class="heading-xl">{title}</h1>
        <p class="error-message" role="alert">{message}</p>
    }
}

/// Shows `children` once the record is loaded; until then "Loading…", or, when loading failed,
/// [`LoadFailed`] with `not_found` for a record that does not exist and the error's own message
/// otherwise.
#[component]
pub fn RecordFrame(
    /// The page's heading when the record cannot be shown.
    title: &'static str,
    /// The sentence for a record that does not exist ("There is no such crime.").
    not_found: &'static str,
    /// Whether the record is loaded.
    #[prop(into)]
    loaded: Signal<bool>,
    /// Why the record could not be loaded, if it could not.
    #[prop(into)]
    failed: Signal<Option<ApiError>>,
    /// The page showing the loaded record.
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        {move || {
            failed
                .get()
                .filter(|_| !loaded.get())
                .map(|e| {
                    let message = match e {
                        ApiError::Problem(p) if p.code == ErrorCode::NotFound => not_found.to_owned(),
                        e => e.message(),
                    };
                    view! { <LoadFailed title=title message=message /> }
                })
        }}
        <Show
            when=move || loaded.get()
            fallback=move || {
                view! {
                    <p class="body" role="status" hidden=move || failed.with(Option::is_some)>
                        "Loading…"
                    </p>
                }
            }
        >
            {children()}
        </Show>
    }
}

/// The page at a path ending in a record's id: sets the document's title to `document_title` and
/// shows `loader` for the id, or [`LoadFailed`] with `title` and `not_found` when the path holds
/// no id.
pub fn id_page<V: IntoView + 'static>(
    document_title: &'static str,
    title: &'static str,
    not_found: &'static str,
    loader: impl Fn(Uuid) -> V + Send + Sync + 'static,
) -> impl IntoView {
    set_document_title(document_title);
    let id = use_path_id();
    move || match id.get() {
        Some(id) => loader(id).into_any(),
        None => view! { <LoadFailed title=title message=not_found /> }.into_any(),
    }
}

/// Loads with `f` now and each time `reload` changes; the signal holds the latest answer.
pub fn load<T, F, Fut>(reload: RwSignal<u32>, f: F) -> RwSignal<Option<Result<T, ApiError>>>
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = RwSignal::new(None);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        reload.track();
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        let fut = f();
        spawn_local(async move {
            let r = fut.await;
            if generation.try_get_value() == Some(gen) {
                let _ = state.try_set(Some(r));
            }
        });
    });
    state
}

/// "Loading…", the error, or `show` with the answer.
pub fn loaded<T: Clone + Send + Sync + 'static>(
    state: RwSignal<Option<Result<T, ApiError>>>,
    show: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || match state.get() {
        None => view! { <p class="small" role="status">"Loading…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error-message" role="alert">{e.message()}</p> }.into_any(),
        Some(Ok(v)) => show(v),
    }
}
