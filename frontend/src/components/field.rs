//! Labelled form inputs with hint and inline error, wired with `aria-describedby`.

use leptos::prelude::*;

/// A labelled text (or password) input bound to `value`.
#[component]
pub fn TextField(
    /// The input's element id (the label's `for`, error summary links point here).
    #[prop(into)]
    id: String,
    /// The visible label.
    label: &'static str,
    /// The bound value.
    value: RwSignal<String>,
    /// The inline error message, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// `text`, `password`...
    #[prop(default = "text")]
    input_type: &'static str,
    /// The `autocomplete` token.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Help shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <label class="label" for=id.clone()>
                {label}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <p class="error-message" id=error_id hidden=move || error.with(Option::is_none)>
                <span class="visually-hidden">"Error: "</span>
                {move || error.get().unwrap_or_default()}
            </p>
            <input
                class="input"
                class:input--error=move || error.with(Option::is_some)
                id=id.clone()
                name=id
                type=input_type
                autocomplete=autocomplete
                spellcheck="false"
                aria-describedby=described_by
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                bind:value=value
            />
        </div>
    }
}

/// A labelled `<select>` bound to `value` (the empty string is the first, "not chosen" option).
#[component]
pub fn SelectField(
    /// The select's element id.
    #[prop(into)]
    id: String,
    /// The visible label.
    label: &'static str,
    /// The bound value (a code, or empty).
    value: RwSignal<String>,
    /// `(code, label)` pairs.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The inline error message, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The text of the empty choice.
    #[prop(default = "Not known")]
    empty: &'static str,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <label class="label" for=id.clone()>
                {label}
            </label>
            <p class="error-message" id=error_id hidden=move || error.with(Option::is_none)>
                <span class="visually-hidden">"Error: "</span>
                {move || error.get().unwrap_or_default()}
            </p>
            <select
                class="select"
                class:input--error=move || error.with(Option::is_some)
                id=id.clone()
                name=id
                aria-describedby=described_by
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="" selected=move || value.with_untracked(String::is_empty)>
                    {empty}
                </option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(code, text)| {
                            let selected = value.with_untracked(|v| *v == code);
                            view! {
                                <option value=code selected=selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// A labelled `<textarea>` bound to `value`.
#[component]
pub fn TextArea(
    /// The textarea's element id.
    #[prop(into)]
    id: String,
    /// The visible label.
    label: &'static str,
    /// The bound value.
    value: RwSignal<String>,
    /// The inline error message, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Help shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Visible rows.
    #[prop(default = 4)]
    rows: u32,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <label class="label" for=id.clone()>
                {label}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <p class="error-message" id=error_id hidden=move || error.with(Option::is_none)>
                <span class="visually-hidden">"Error: "</span>
                {move || error.get().unwrap_or_default()}
            </p>
            <textarea
                class="textarea"
                class:input--error=move || error.with(Option::is_some)
                id=id.clone()
                name=id
                rows=rows
                aria-describedby=described_by
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

/// A single labelled checkbox bound to `checked`.
#[component]
pub fn CheckboxField(
    /// The checkbox's element id.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The bound state.
    checked: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="checkboxes__item">
            <input
                class="checkboxes__input"
                type="checkbox"
                id=id.clone()
                name=id.clone()
                prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev))
            />
            <label class="label checkboxes__label" for=id>
                {label}
            </label>
        </div>
    }
}
