//! Labelled form inputs with hint and inline error, wired with `aria-describedby`.

use leptos::prelude::*;

/// `{prefix}-{path}` with dots and underscores as dashes: the element id of a field of a form.
pub fn fid(prefix: &str, path: &str) -> String {
    format!("{prefix}-{}", path.replace(['.', '_'], "-"))
}

/// The `aria-describedby` value of field `id`: its hint id `{id}-hint` (when it has a hint) and
/// its error id `{id}-error` (while `error` holds a message), space-separated; `None` when neither.
pub fn described_by(
    id: &str,
    has_hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if error.with(Option::is_some) {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// An inline error message: a `<p class="error-message">` with a visually hidden "Error: "
/// prefix, hidden while `error` is `None`.
#[component]
pub fn ErrorMessage(
    /// The paragraph's element id (`{field id}-error`), if it has one.
    #[prop(optional, into)]
    id: Option<String>,
    /// The message, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <p class="error-message" id=id hidden=move || error.with(Option::is_none)>
            <span class="visually-hidden">"Error: "</span>
            {move || error.get().unwrap_or_default()}
        </p>
    }
}

/// The frame of a labelled field: a `form-group` (with `form-group--error` while `error` holds a
/// message) holding the label for `id`, the hint `{id}-hint` if any, the error message
/// `{id}-error`, then the control given as children. The control should take
/// `aria-describedby` from [`described_by`].
#[component]
pub fn FieldFrame(
    /// The control's element id.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Help shown under the label.
    #[prop(optional_no_strip)]
    hint: Option<&'static str>,
    /// The inline error message, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The control.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <label class="label" for=id.clone()>
                {label}
            </label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <ErrorMessage id=format!("{id}-error") error=error />
            {children()}
        </div>
    }
}

/// The frame of a group of controls: a `form-group` (with `form-group--error` while `error` holds
/// a message) holding a `<fieldset>` described by [`described_by`], with the legend, the hint
/// `{id}-hint` if any, the error message `{id}-error`, then the controls given as children.
#[component]
pub fn FieldsetFrame(
    /// The group's base id (the first control's element id).
    #[prop(into)]
    id: String,
    /// The question.
    #[prop(into)]
    legend: String,
    /// Help shown under the legend.
    #[prop(optional_no_strip)]
    hint: Option<&'static str>,
    /// The inline error message, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The controls.
    children: Children,
) -> impl IntoView {
    let described_by = described_by(&id, hint.is_some(), error);
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <fieldset class="fieldset" aria-describedby=described_by>
                <legend class="fieldset__legend fieldset__legend--s">{legend}</legend>
                {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
                <ErrorMessage id=format!("{id}-error") error=error />
                {children()}
            </fieldset>
        </div>
    }
}

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
    let described_by = described_by(&id, hint.is_some(), error);
    view! {
        <FieldFrame id=id.clone() label=label hint=hint error=error>
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
        </FieldFrame>
    }
}

/// A labelled input for a one-time code from an authenticator app: numeric keyboard on phones and
/// the browser's `one-time-code` autofill.
#[component]
pub fn OneTimeCodeField(
    /// The input's element id.
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
) -> impl IntoView {
    let described_by = described_by(&id, hint.is_some(), error);
    view! {
        <FieldFrame id=id.clone() label=label hint=hint error=error>
            <input
                class="input input--code"
                class:input--error=move || error.with(Option::is_some)
                id=id.clone()
                name=id
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                spellcheck="false"
                aria-describedby=described_by
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                bind:value=value
            />
        </FieldFrame>
    }
}

/// A labelled `<select>` whose shown choice always follows `value` (also when it is set by the
/// page, or when the options change).
#[component]
pub fn ChoiceField(
    /// The select's element id.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The bound value (a code, or empty).
    value: RwSignal<String>,
    /// `(code, label)` pairs.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The inline error message, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The text of the empty choice (none: no empty choice).
    #[prop(optional)]
    empty: Option<&'static str>,
    /// Help shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let described_by = described_by(&id, hint.is_some(), error);
    view! {
        <FieldFrame id=id.clone() label=label hint=hint error=error>
            <select
                class="select"
                class:input--error=move || error.with(Option::is_some)
                id=id.clone()
                name=id
                aria-describedby=described_by
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {empty
                    .map(|e| {
                        view! {
                            <option value="" prop:selected=move || value.with(String::is_empty)>
                                {e}
                            </option>
                        }
                    })}
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(code, text)| {
                            let c = code.clone();
                            view! {
                                <option value=code prop:selected=move || value.with(|v| *v == c)>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </FieldFrame>
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
    let described_by = described_by(&id, false, error);
    view! {
        <FieldFrame id=id.clone() label=label hint=None error=error>
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
        </FieldFrame>
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
    let described_by = described_by(&id, hint.is_some(), error);
    view! {
        <FieldFrame id=id.clone() label=label hint=hint error=error>
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
        </FieldFrame>
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

/// The codes of reference-data `vocabulary` as checkboxes (`{prefix}-{code}`), each ticking its
/// code in `selected`. Only the items: the caller gives the `checkboxes` container.
#[component]
pub fn VocabularyChecks(
    /// Id prefix of the checkboxes.
    #[prop(into)]
    prefix: String,
    /// The vocabulary.
    vocabulary: &'static str,
    /// The codes ticked.
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let refdata = crate::components::record::use_reference_data();
    move || {
        let prefix = prefix.clone();
        refdata
            .with(|d| crate::components::record::choices(d, vocabulary))
            .into_iter()
            .map(|(code, label)| {
                let id = format!("{prefix}-{code}");
                let (c1, c2) = (code.clone(), code.clone());
                view! {
                    <div class="checkboxes__item">
                        <input
                            class="checkboxes__input"
                            type="checkbox"
                            id=id.clone()
                            prop:checked=move || selected.with(|s| s.contains(&c1))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected.update(|s| {
                                    s.retain(|x| *x != c2);
                                    if on {
                                        s.push(c2.clone());
                                    }
                                })
                            }
                        />
                        <label class="label checkboxes__label" for=id>
                            {label}
                        </label>
                    </div>
                }
            })
            .collect_view()
    }
}
