//! The forms of an opened reference list ([`super::reference`]): "Add a value for your force" (force
//! administrators, on the lists that take force-local values) and "Apply a new edition" (consortium
//! administrators: the edition's JSON pasted or read from a file, sent with the list's `ETag`).

use super::reference::OpenList;
use crate::components::error_summary::{
    error_for, items_for, keep_unfixed, problems_from, ErrorItem, ErrorSummary,
};
use crate::components::field::{FieldFrame, TextArea, TextField};
use crate::components::file_text::read_chosen_file;
use crate::components::ids::new_idempotency_key;
use crate::session::use_session;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::reference::lists::{check_local_value, NewLocalValue, ReferenceListEdition};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The add-value form's fields, top to bottom.
const LOCAL_ORDER: &[&str] = &["code", "label"];

/// Field path → element id in the add-value form (a fault of the list itself goes to the code).
fn local_id(path: &str) -> String {
    let path = if path == "label" { "label" } else { "code" };
    format!("reference-new-{path}")
}

/// The code field's hint (its length is the shared rule's, `LOCAL_CODE_MAX`).
const CODE_HINT: &str = "Up to 36 letters, digits, _, - or . with no spaces. It is stored with your force's code in front, for example NS:shopwatch.";

/// The add-value form's inputs.
#[derive(Debug, Clone, Copy)]
struct NewValue {
    code: RwSignal<String>,
    label: RwSignal<String>,
}

impl NewValue {
    fn request(self) -> NewLocalValue {
        NewLocalValue {
            code: self.code.get_untracked().trim().to_owned(),
            label: self.label.get_untracked().trim().to_owned(),
        }
    }
}

/// "Add a value for your force": the shared rules are checked before sending; a code the force
/// already has comes back from the server against its field. Sent with an idempotency key kept
/// while the request is the same, so a double submit or a retry adds the value once.
#[component]
pub(super) fn AddLocalValueForm(list: OpenList) -> impl IntoView {
    let force = use_session()
        .user()
        .with_untracked(|u| u.as_ref().map(|u| u.force.code.0.clone()))
        .unwrap_or_default();
    let f = NewValue {
        code: RwSignal::new(String::new()),
        label: RwSignal::new(String::new()),
    };
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let added = RwSignal::new(None::<String>);
    let key = StoredValue::new(new_idempotency_key());
    let last_sent = StoredValue::new(None::<NewLocalValue>);

    // After a failed submit, each message goes as soon as its field is put right.
    Effect::new(move |_| {
        f.code.track();
        f.label.track();
        keep_unfixed(errors, check_local_value(true, &f.request()));
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = f.request();
        let problems = check_local_value(true, &req);
        added.set(None);
        if !problems.is_empty() {
            summary.set(items_for(&problems, LOCAL_ORDER, local_id));
            errors.set(problems);
            return;
        }
        if last_sent.with_value(|l| l.as_ref() != Some(&req)) {
            key.set_value(new_idempotency_key());
            last_sent.set_value(Some(req.clone()));
        }
        let idempotency_key = key.get_value();
        let name = list.name.get_value();
        let force = force.clone();
        busy.set(true);
        spawn_local(async move {
            let result = list.client.add_local_value(&name, &req, &idempotency_key).await;
            let _ = busy.try_set(false);
            match result {
                Ok(d) => {
                    list.changed(d);
                    for field in [f.code, f.label] {
                        let _ = field.try_set(String::new());
                    }
                    let _ = errors.try_set(Vec::new());
                    let _ = summary.try_set(Vec::new());
                    key.try_set_value(new_idempotency_key());
                    last_sent.try_set_value(None);
                    let _ = added.try_set(Some(format!(
                        "“{}” is added as {force}:{}. Your force's users are offered it from now on.",
                        req.label, req.code
                    )));
                }
                Err(e) => {
                    let (fields, items) = problems_from(&e, LOCAL_ORDER, local_id);
                    let _ = errors.try_set(fields);
                    let _ = summary.try_set(items);
                }
            }
        });
    };

    // A fault of the list itself ("this national list takes none") is shown at the code.
    let code_error = Signal::derive(move || {
        errors.with(|es| es.iter().find(|e| e.path != "label").map(|e| e.message.clone()))
    });
    view! {
        <section class="section" id="reference-new-value" aria-labelledby="reference-new-value-title">
            <h3 class="heading-m" id="reference-new-value-title">
                "Add a value for your force"
            </h3>
            <p class="body">
                "Your force's users are offered it with the national values; other forces see only its label, on records you share with them."
            </p>
            <div class="notification" role="status" id="reference-new-value-notice">
                {move || added.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            <ErrorSummary items=summary id="reference-new-value-error-summary" />
            <form novalidate on:submit=on_submit id="reference-new-value-form">
                <TextField
                    id=local_id("code")
                    label="Code"
                    hint=CODE_HINT
                    value=f.code
                    error=code_error
                />
                <TextField
                    id=local_id("label")
                    label="Label"
                    hint="What users see: up to 200 characters."
                    value=f.label
                    error=error_for(errors, "label")
                />
                <button
                    type="submit"
                    class="button"
                    id="reference-new-submit"
                    aria-disabled=move || busy.get().to_string()
                >
                    {move || if busy.get() { "Adding the value…" } else { "Add the value" }}
                </button>
            </form>
        </section>
    }
}

/// The edition field's element id (every fault of an edition links to it).
const EDITION_ID: &str = "reference-edition";
/// The file input's element id.
const EDITION_FILE_ID: &str = "reference-edition-file";
/// The largest file read into the edition field.
const EDITION_FILE_MAX: f64 = 5.0 * 1024.0 * 1024.0;

/// One fault of an edition as the summary lists it: its path, the code of the value it is about
/// (when the edition has one there) and the message.
pub(super) fn fault_text(f: &FieldError, edition: Option<&ReferenceListEdition>) -> String {
    let code = f
        .path
        .strip_prefix("values.")
        .and_then(|rest| rest.split('.').next())
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| edition.and_then(|e| e.values.get(i)))
        .map(|v| v.code.trim())
        .filter(|c| !c.is_empty());
    match code {
        Some(code) => format!("{} (code {code}): {}", f.path, f.message),
        None => format!("{}: {}", f.path, f.message),
    }
}

/// The edition typed or read, parsed; the reason when it is not an edition.
fn parse_edition(text: &str) -> Result<ReferenceListEdition, String> {
    if text.trim().is_empty() {
        return Err("Paste the edition's JSON, or choose a .json file".to_owned());
    }
    serde_json::from_str(text).map_err(|e| format!("The edition is not in the edition's JSON format: {e}"))
}

/// "Apply a new edition": the edition is read as JSON here (a paste that is not an edition is
/// answered at once), then sent whole with `If-Match` = the list's `ETag`; the server names every
/// fault (`values.<index>.<field>`), all listed in the summary.
#[component]
pub(super) fn ApplyEditionForm(list: OpenList) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let applied = RwSignal::new(None::<String>);
    let reading = RwSignal::new(None::<String>);

    // A changed edition is a new attempt: its old message goes.
    Effect::new(move |first: Option<()>| {
        text.track();
        if first.is_some() {
            error.set(None);
        }
    });

    let fail = move |message: String, items: Vec<ErrorItem>| {
        let _ = error.try_set(Some(message));
        let _ = summary.try_set(items);
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        applied.set(None);
        let edition = match parse_edition(&text.get_untracked()) {
            Ok(e) => e,
            Err(m) => {
                fail(m.clone(), vec![ErrorItem::field(EDITION_ID, m)]);
                return;
            }
        };
        let Some(revision) = list.revision() else {
            return;
        };
        let name = list.name.get_value();
        busy.set(true);
        spawn_local(async move {
            let result = list.client.apply_edition(&name, &edition, revision).await;
            let _ = busy.try_set(false);
            match result {
                Ok(d) => {
                    let s = &d.summary;
                    let news = format!(
                        "Applied version {}: {} active, {} retired.",
                        s.version, s.active, s.retired
                    );
                    list.changed(d);
                    let _ = text.try_set(String::new());
                    let _ = error.try_set(None);
                    let _ = summary.try_set(Vec::new());
                    let _ = applied.try_set(Some(news));
                }
                Err(e) if e.code() == Some(ErrorCode::PreconditionFailed) => {
                    list.refresh();
                    let m = "The list changed since it was shown, so the edition was not applied. It has been reloaded: check that your edition is still newer than the version in force, and apply it again.".to_owned();
                    fail(m.clone(), vec![ErrorItem::field(EDITION_ID, m)]);
                }
                Err(e) if !e.field_errors().is_empty() => {
                    let faults = e.field_errors();
                    let items: Vec<ErrorItem> = faults
                        .iter()
                        .map(|f| ErrorItem::field(EDITION_ID, fault_text(f, Some(&edition))))
                        .collect();
                    let message = match faults {
                        [one] => fault_text(one, Some(&edition)),
                        _ => format!(
                            "The edition has {} faults, listed at the top of this form. Nothing was changed.",
                            faults.len()
                        ),
                    };
                    fail(message, items);
                }
                Err(e) => {
                    let (_, items) = problems_from(&e, &[], |_| EDITION_ID.to_owned());
                    fail(e.message(), items);
                }
            }
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        read_chosen_file(
            &ev,
            EDITION_FILE_MAX,
            "is too large to be an edition (over 5 MB).",
            "is in the field above: check it, then apply it.",
            text,
            reading,
        );
    };

    let in_force = move || {
        list.detail.with(|d| match d {
            Some(Ok(d)) => format!(
                "The version in force is {}. A newer edition replaces it whole: values it leaves out are retired (kept on the records that use them, no longer offered).",
                d.summary.version
            ),
            _ => String::new(),
        })
    };
    view! {
        <section class="section" id="reference-edition-section" aria-labelledby="reference-edition-title">
            <h3 class="heading-m" id="reference-edition-title">
                "Apply a new edition"
            </h3>
            <p class="body">{in_force}</p>
            <div class="notification" role="status" id="reference-edition-notice">
                {move || applied.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            <ErrorSummary items=summary id="reference-edition-error-summary" />
            <form novalidate on:submit=on_submit id="reference-edition-form">
                <TextArea
                    id=EDITION_ID
                    label="The edition (JSON)"
                    hint="The whole list: list, title, source, version (YYYY-MM-DD, newer than the one in force), force_local and values, each with code, label and attributes."
                    value=text
                    error=error
                    rows=12
                />
                <FieldFrame
                    id=EDITION_FILE_ID
                    label="Or read the edition from a .json file"
                    hint=None
                    error=Signal::derive(|| None::<String>)
                >
                    <input
                        class="file-upload"
                        type="file"
                        id=EDITION_FILE_ID
                        name=EDITION_FILE_ID
                        accept=".json,application/json"
                        aria-describedby="reference-edition-file-status"
                        on:change=on_file
                    />
                </FieldFrame>
                <p class="small" role="status" id="reference-edition-file-status">
                    {move || reading.get()}
                </p>
                <button
                    type="submit"
                    class="button"
                    id="reference-edition-submit"
                    aria-disabled=move || busy.get().to_string()
                >
                    {move || if busy.get() { "Applying the edition…" } else { "Apply the edition" }}
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot read its own fixture should stop there.
mod tests {
    use super::*;
    use bluelamp_shared::reference::lists::LOCAL_CODE_MAX;

    #[test]
    fn a_fault_names_its_path_the_values_code_and_the_message() {
        let e: ReferenceListEdition = serde_json::from_str(
            r#"{"list": "gender", "title": "t", "source": "s", "version": "2030-01-01",
                "values": [{"code": "male", "label": "Male"}, {"code": "x y", "label": ""}]}"#,
        )
        .unwrap();
        let f = FieldError::new("values.1.label", "required", "Enter the label");
        assert_eq!(
            fault_text(&f, Some(&e)),
            "values.1.label (code x y): Enter the label"
        );
        let f = FieldError::new("version", "not_newer", "Must be newer");
        assert_eq!(fault_text(&f, Some(&e)), "version: Must be newer");
        let f = FieldError::new("values.9.code", "required", "Enter the code");
        assert_eq!(fault_text(&f, Some(&e)), "values.9.code: Enter the code");
    }

    #[test]
    fn the_code_hint_gives_the_shared_rules_length() {
        assert!(CODE_HINT.contains(&format!("Up to {LOCAL_CODE_MAX} ")));
    }

    #[test]
    fn an_empty_or_malformed_paste_is_answered_before_sending() {
        assert!(parse_edition("  ").unwrap_err().contains("Paste"));
        assert!(parse_edition("{\"list\": 1}")
            .unwrap_err()
            .contains("not in the edition's JSON format"));
    }
}
