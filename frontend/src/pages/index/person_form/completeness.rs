//! The 4+1 indicator of a person as typed (worked out live with the shared rule; it never stops
//! saving).

use bluelamp_shared::index::people::Completeness;
use leptos::prelude::*;

/// The 4+1 data-quality indicator: what is there, and what is missing.
#[component]
pub fn CompletenessView(
    /// The indicator.
    #[prop(into)]
    value: Signal<Completeness>,
) -> impl IntoView {
    // A missing item: its mark in red, its words bold in the text colour. (The style sheet's red
    // on the box's grey is 4.3:1, under the 4.5:1 WCAG asks of text; a symbol needs only 3:1.)
    let row = move |label: &'static str, ok: bool| {
        view! {
            <li class="completeness__item">
                <span class="completeness__mark" class:completeness__item--missing=!ok aria-hidden="true">
                    {if ok { "✓" } else { "✗" }}
                </span>
                {if ok { label.into_any() } else { view! { <strong>{label}</strong> }.into_any() }}
                <span class="visually-hidden">{if ok { ": recorded" } else { ": missing" }}</span>
            </li>
        }
    };
    view! {
        <div class="completeness" id="completeness" aria-live="polite">
            {move || {
                let c = value.get();
                let count = [c.name, c.date_of_birth, c.gender, c.contact].iter().filter(|b| **b).count();
                view! {
                    <p class="completeness__title">
                        {if c.complete {
                            "4+1 data quality: complete".to_owned()
                        } else {
                            format!("4+1 data quality: {count} of 4 recorded — complete as soon as possible")
                        }}
                    </p>
                    <ul class="completeness__list">
                        {row("Name (given name and surname)", c.name)}
                        {row("Date of birth or estimated age", c.date_of_birth)}
                        {row("Gender", c.gender)}
                        {row("+1: address, telephone or e-mail", c.contact)}
                    </ul>
                    {(!c.missing.is_empty())
                        .then(|| {
                            view! {
                                <p class="small" id="completeness-missing">
                                    {format!("Missing: {}.", c.missing.join(", "))}
                                </p>
                            }
                        })}
                }
            }}
        </div>
    }
}
