//! A table of data that may be wider than the screen ([`ScrollTable`]): on a phone it scrolls
//! sideways inside its frame instead of widening the page.

use leptos::prelude::*;

/// `<div class="table-wrapper">` around `<table id class>` with its `<caption id="{id}-caption">`,
/// then the children (`thead`, `tbody`). The frame scrolls sideways when the table is wider than
/// the screen, so it is a region named by the caption that takes keyboard focus: a keyboard user
/// reaches it with Tab and scrolls it with the arrow keys (WCAG 2.1.1; axe-core's
/// `scrollable-region-focusable`).
#[component]
pub fn ScrollTable(
    /// The table's element id; the caption's is `{id}-caption`.
    id: &'static str,
    /// What the table holds, in words: its caption, and the name of the scrolling region.
    #[prop(into)]
    caption: String,
    /// The caption's class: by default it is for screen readers only.
    #[prop(default = "visually-hidden")]
    caption_class: &'static str,
    /// The table's classes.
    #[prop(default = "table")]
    class: &'static str,
    /// The rows: `thead` and `tbody`.
    children: Children,
) -> impl IntoView {
    let caption_id = format!("{id}-caption");
    let labelled_by = caption_id.clone();
    view! {
        <div class="table-wrapper" role="region" aria-labelledby=labelled_by tabindex="0">
            <table class=class id=id>
                <caption class=caption_class id=caption_id>
                    {caption}
                </caption>
                {children()}
            </table>
        </div>
    }
}
