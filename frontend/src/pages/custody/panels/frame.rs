//! The one frame every panel of the record page shares ([`EntryPanel`]): the section with its
//! heading, what the panel shows above its form, and the entry form with its submit button; the
//! panel gives only its fields. And the one small form that completes an earlier entry with the
//! time something happened ([`TimeOnlyForm`]: a representative's arrival, an interview's end).

use super::super::record::{EntryForm, EntryFormView, RecordCtx};
use super::time_or_now;
use crate::components::field::TextField;
use bluelamp_shared::custody::CustodyEntry;
use bluelamp_shared::error::FieldError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// A panel of the record page: `<section id>` with its `<h2 id="{id}-title">`, then `intro`, then
/// the entry form `#{prefix}-form` (the form's prefix) with the fields given as children.
#[component]
pub fn EntryPanel(
    /// The record page.
    ctx: RecordCtx,
    /// The section's element id (`visits`).
    id: &'static str,
    /// The heading.
    title: &'static str,
    /// The form's state (its prefix makes the form's and the fields' element ids).
    form: EntryForm,
    /// The submit button's text.
    submit_label: &'static str,
    /// Reads the fields into the entry.
    entry: Callback<(), (CustodyEntry, Vec<FieldError>)>,
    /// Said once the entry is recorded.
    done: &'static str,
    /// Resets the fields once the entry is recorded.
    #[prop(optional)]
    on_done: Option<Callback<()>>,
    /// What the panel shows between its heading and its form.
    #[prop(optional)]
    intro: Option<AnyView>,
    /// The fields.
    children: Children,
) -> impl IntoView {
    // Without a reset, a callback that does nothing (the form calls it once the entry is saved).
    let on_done = on_done.unwrap_or_else(|| Callback::new(|_| ()));
    view! {
        <section class="section custody-panel" id=id aria-labelledby=format!("{id}-title")>
            <h2 class="heading-l" id=format!("{id}-title")>
                {title}
            </h2>
            {intro}
            <EntryFormView
                ctx=ctx
                form=form
                id=form.id("form")
                submit_label=submit_label
                entry=entry
                done=done
                on_done=on_done
            >
                {children()}
            </EntryFormView>
        </section>
    }
}

/// A form of one time field (`{prefix}-{path}`, "Leave empty for now.") that records the entry
/// `entry` makes of that time (now when left empty).
#[component]
pub fn TimeOnlyForm(
    /// The record page.
    ctx: RecordCtx,
    /// The prefix of the field's element id (`arrival-{id}`).
    prefix: String,
    /// The `<form>` element's id (`arrival-form-{id}`).
    form_id: String,
    /// The field's path (`arrived_at`).
    path: &'static str,
    /// The field's label.
    label: &'static str,
    /// The submit button's text.
    submit_label: &'static str,
    /// Said once the entry is recorded.
    done: &'static str,
    /// Makes the entry of the time.
    entry: Callback<Option<DateTime<Utc>>, CustodyEntry>,
) -> impl IntoView {
    let form = EntryForm::new(prefix);
    let at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let time = time_or_now(ctx, &mut p, path, &at.get_untracked());
        (entry.run(time), p)
    });
    view! {
        <EntryFormView ctx=ctx form=form id=form_id submit_label=submit_label entry=build done=done>
            <TextField
                id=form.id(path)
                label=label
                hint="Leave empty for now."
                input_type="datetime-local"
                value=at
                error=form.err(path)
            />
        </EntryFormView>
    }
}
