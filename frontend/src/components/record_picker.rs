//! Picking a record of the index by searching as you type ([`RecordPicker`]), and the record
//! picked ([`Picked`]).

use super::field::TextField;
use super::live_search::LiveSearch;
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use uuid::Uuid;

/// A record picked from suggestions or search results.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Picked {
    /// Its id.
    pub id: Uuid,
    /// What it is called.
    pub label: String,
    /// Its kind (people and organisations share some pickers).
    #[serde(default = "default_kind")]
    pub kind: RecordKind,
}

fn default_kind() -> RecordKind {
    RecordKind::Organisation
}

/// Picks a record of the index by searching as you type (`GET /search`): the input is `#{id}`,
/// each result a button `[data-testid=pick-option]`; once picked, its label and a "Change" button.
#[component]
pub fn RecordPicker(
    /// Element id of the search input.
    id: &'static str,
    /// The label.
    label: &'static str,
    /// The kinds that may be picked (the first, if only one, narrows the search).
    kinds: Vec<RecordKind>,
    /// The record picked.
    picked: RwSignal<Option<Picked>>,
    /// The inline error.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Help under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let search = LiveSearch::new((kinds.len() == 1).then(|| kinds[0]));
    let kinds = StoredValue::new(kinds);
    view! {
        <div class="record-picker">
            {move || {
                picked
                    .get()
                    .map(|p| {
                        view! {
                            <p class="body picked">
                                <span class="label">{label}</span>
                                <strong>{p.label}</strong>
                                " "
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    on:click=move |_| picked.set(None)
                                >
                                    "Change"
                                    <span class="visually-hidden">{format!(" {}", label.to_lowercase())}</span>
                                </button>
                            </p>
                        }
                    })
            }}
            <div hidden=move || picked.with(Option::is_some)>
                {match hint {
                    Some(h) => view! { <TextField id=id label=label hint=h value=search.query error=error /> }.into_any(),
                    None => view! { <TextField id=id label=label value=search.query error=error /> }.into_any(),
                }}
                <p class="small" role="status">
                    {move || search.status()}
                </p>
                <ul class="list picker-options">
                    {move || {
                        search
                            .results
                            .get()
                            .map(|(_, r)| r.hits)
                            .unwrap_or_default()
                            .into_iter()
                            .filter(|h| kinds.with_value(|k| k.contains(&h.summary.record.kind)))
                            .map(|h| {
                                let p = Picked {
                                    id: h.summary.record.id,
                                    label: h.summary.label.clone(),
                                    kind: h.summary.record.kind,
                                };
                                let details = h.summary.details.join(" · ");
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="button button--secondary option"
                                            data-testid="pick-option"
                                            on:click=move |_| picked.set(Some(p.clone()))
                                        >
                                            <span class="option__label">{h.summary.label.clone()}</span>
                                            {(!details.is_empty())
                                                .then(|| view! { <span class="option__details">{details}</span> })}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </div>
    }
}
