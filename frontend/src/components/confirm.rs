//! An action that asks before it acts, in the page rather than in the browser's own dialog
//! (`window.confirm` cannot be styled, is blocked by some browsers and reads badly on a phone): the
//! button, and in its place once pressed the question with "Yes, …" and "Cancel".

use leptos::html::Button;
use leptos::prelude::*;

/// The button `label` (element id `id`, `data-action` `action`). Pressing it puts in its place
/// `question` (`{id}-question`), a warning button `confirm` (`{id}-yes`) that calls `on_confirm`,
/// and "Cancel" (`{id}-cancel`), which puts the button back, as does Escape. Focus follows: to the
/// warning button when asked, back to the button when cancelled or done.
#[component]
pub fn ConfirmAction(
    /// The button's element id; the confirmation's ids start with it.
    #[prop(into)]
    id: String,
    /// The button's text ("Deactivate").
    #[prop(into)]
    label: String,
    /// What the button does, for screen readers, where its text alone does not say
    /// ("Close CPS Northshire" in a table row).
    #[prop(optional, into)]
    aria_label: Option<String>,
    /// The question, saying what will happen ("Deactivate Hannah Whitfield? …").
    #[prop(into)]
    question: String,
    /// The confirming button's text ("Yes, deactivate").
    #[prop(into)]
    confirm: String,
    /// The `data-action` of the button (`deactivate`, `close`).
    #[prop(optional)]
    action: Option<&'static str>,
    /// The button's classes.
    #[prop(default = "button button--secondary")]
    class: &'static str,
    /// Whether the action is under way: the button says so and does nothing meanwhile.
    #[prop(into, default = Signal::stored(false))]
    busy: Signal<bool>,
    /// Does the action.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let trigger = NodeRef::<Button>::new();
    let yes = NodeRef::<Button>::new();
    let focus = |node: NodeRef<Button>| {
        request_animation_frame(move || {
            if let Some(el) = node.get_untracked() {
                let _ = el.focus();
            }
        })
    };
    let ask = move |_| {
        if busy.get_untracked() {
            return;
        }
        asking.set(true);
        focus(yes);
    };
    let cancel = move || {
        asking.set(false);
        focus(trigger);
    };
    let go = move |_| {
        asking.set(false);
        focus(trigger);
        on_confirm.run(());
    };
    let question_id = format!("{id}-question");
    let labelled_by = question_id.clone();
    let (yes_id, cancel_id) = (format!("{id}-yes"), format!("{id}-cancel"));
    view! {
        <button
            type="button"
            class=class
            id=id
            data-action=action
            aria-label=aria_label
            aria-disabled=move || busy.get().to_string()
            hidden=move || asking.get()
            node_ref=trigger
            on:click=ask
        >
            {move || if busy.get() { "Working…".to_owned() } else { label.clone() }}
        </button>
        <div
            class="confirm"
            role="group"
            aria-labelledby=labelled_by
            hidden=move || !asking.get()
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    cancel();
                }
            }
        >
            <p class="body confirm__question" id=question_id>
                {question}
            </p>
            <div class="button-group">
                <button
                    type="button"
                    class="button button--warning"
                    id=yes_id
                    data-action="confirm"
                    node_ref=yes
                    on:click=go
                >
                    {confirm}
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    id=cancel_id
                    data-action="cancel"
                    on:click=move |_| cancel()
                >
                    "Cancel"
                </button>
            </div>
        </div>
    }
}
