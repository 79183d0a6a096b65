//! A GOV.UK-style error summary: a heading and a list of links that move focus to each field.

use super::focus_by_id;
use bluelamp_shared::error::FieldError;
use leptos::html::Div;
use leptos::prelude::*;

/// One problem listed in the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorItem {
    /// The id of the field the problem is about (the link focuses it), if any.
    pub target: Option<String>,
    /// What to do about it.
    pub message: String,
}

impl ErrorItem {
    /// A problem about the field with element id `target`.
    pub fn field(target: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            target: Some(target.into()),
            message: message.into(),
        }
    }

    /// A problem with no field to point at.
    pub fn general(message: impl Into<String>) -> Self {
        Self {
            target: None,
            message: message.into(),
        }
    }
}

/// Sorts field errors into the order the fields appear in the form (`order` lists the field
/// paths top to bottom; paths not listed go last), as the summary must follow the form.
pub fn sort_in_form_order(errors: &mut [FieldError], order: &[&str]) {
    errors.sort_by_key(|e| {
        let top = e.path.split('.').next().unwrap_or_default();
        order.iter().position(|p| *p == top).unwrap_or(order.len())
    });
}

/// Summary items for field errors (in the form's `order`), where `id_of` maps a field path to
/// its element id.
pub fn items_for(errors: &[FieldError], order: &[&str], id_of: impl Fn(&str) -> String) -> Vec<ErrorItem> {
    let mut errors = errors.to_vec();
    sort_in_form_order(&mut errors, order);
    errors
        .iter()
        .map(|e| ErrorItem::field(id_of(&e.path), e.message.clone()))
        .collect()
}

/// The first message for field `path` among `errors`, as a signal for [`super::field::TextField`].
pub fn error_for(errors: RwSignal<Vec<FieldError>>, path: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|es| es.iter().find(|e| e.path == path).map(|e| e.message.clone())))
}

/// Summary items for field errors in the order of the form's elements: `id_of` maps a field path
/// to its element id and `rank` an element id to its place top to bottom (`None`: after the
/// ranked ones, at `unranked`); an item listed twice is listed once.
pub fn items_in_element_order(
    errors: &[FieldError],
    id_of: impl Fn(&str) -> String,
    rank: impl Fn(&str) -> Option<usize>,
    unranked: usize,
) -> Vec<ErrorItem> {
    let mut items: Vec<(usize, ErrorItem)> = items_for(errors, &[], id_of)
        .into_iter()
        .map(|i| {
            let pos = i.target.as_deref().and_then(&rank).unwrap_or(unranked);
            (pos, i)
        })
        .collect();
    items.sort_by_key(|(p, _)| *p);
    items.dedup_by(|a, b| a.1 == b.1);
    items.into_iter().map(|(_, i)| i).collect()
}

/// The first message among `errors` for the element `id` (where `id_of` maps a field path to
/// its element id), as a signal for a field.
pub fn error_at(
    errors: RwSignal<Vec<FieldError>>,
    id_of: fn(&str) -> String,
    id: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|es| {
            es.iter()
                .find(|e| id_of(&e.path) == id)
                .map(|e| e.message.clone())
        })
    })
}

/// After a failed submit: keeps only the errors shown that `found` (the problems now) still has,
/// so each message goes as soon as its field is put right.
pub fn keep_unfixed(errors: RwSignal<Vec<FieldError>>, found: Vec<FieldError>) {
    if errors.with_untracked(Vec::is_empty) {
        return;
    }
    errors.update(|es| {
        let shown: Vec<String> = es.iter().map(|e| e.path.clone()).collect();
        *es = found.into_iter().filter(|e| shown.contains(&e.path)).collect();
    });
}

/// Shows `items` (hidden when empty). Each time `items` is set to a non-empty list, focus moves to
/// the summary so that screen-reader and keyboard users land on it.
#[component]
pub fn ErrorSummary(
    /// The problems to list.
    #[prop(into)]
    items: Signal<Vec<ErrorItem>>,
    /// Element id of the summary (its heading gets `{id}-title`).
    #[prop(into, default = "error-summary".to_owned())]
    id: String,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if items.with(|i| !i.is_empty()) {
            request_animation_frame(move || {
                if let Some(el) = node.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    });
    let title_id = format!("{id}-title");
    let heading_id = title_id.clone();
    view! {
        <div
            class="error-summary"
            id=id
            node_ref=node
            role="alert"
            tabindex="-1"
            aria-labelledby=title_id
            hidden=move || items.with(Vec::is_empty)
        >
            <h2 class="error-summary__title" id=heading_id>
                "There is a problem"
            </h2>
            <ul class="error-summary__list">
                {move || {
                    items
                        .get()
                        .into_iter()
                        .map(|item| match item.target {
                            Some(target) => {
                                let href = format!("#{target}");
                                view! {
                                    <li>
                                        // target="_self" keeps the router from treating the
                                        // fragment link as a navigation.
                                        <a
                                            href=href
                                            target="_self"
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                focus_by_id(&target);
                                            }
                                        >
                                            {item.message}
                                        </a>
                                    </li>
                                }
                                    .into_any()
                            }
                            None => view! { <li>{item.message}</li> }.into_any(),
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// Splits a failed call into inline field errors and summary items: a `validation_failed`
/// answer becomes one entry per field; anything else one general entry.
pub fn problems_from(
    error: &crate::api::ApiError,
    order: &[&str],
    id_of: impl Fn(&str) -> String,
) -> (Vec<FieldError>, Vec<ErrorItem>) {
    let fields = error.field_errors().to_vec();
    if fields.is_empty() {
        (Vec::new(), vec![ErrorItem::general(error.message())])
    } else {
        let items = items_for(&fields, order, id_of);
        (fields, items)
    }
}

/// Like [`problems_from`] for a sign-in: wrong credentials are reported against the password
/// field, so the summary link leads there; a missing or wrong authenticator code against the code field.
pub fn sign_in_problems(
    error: &crate::api::ApiError,
    id_of: impl Fn(&str) -> String,
) -> (Vec<FieldError>, Vec<ErrorItem>) {
    const ORDER: &[&str] = &["username", "password", "totp_code"];
    use bluelamp_shared::error::ErrorCode;
    if error.code() == Some(ErrorCode::MfaRequired) {
        // The server says what is wrong with the code (missing, wrong or already used).
        let fe = FieldError::new("totp_code", "mfa_required", error.message());
        let items = items_for(std::slice::from_ref(&fe), ORDER, id_of);
        (vec![fe], items)
    } else if error.code() == Some(ErrorCode::InvalidCredentials) {
        let fe = FieldError::new(
            "password",
            "invalid_credentials",
            "The user name or password is wrong",
        );
        let items = items_for(std::slice::from_ref(&fe), ORDER, id_of);
        (vec![fe], items)
    } else {
        problems_from(error, ORDER, id_of)
    }
}
