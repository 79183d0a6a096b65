//! Duplicate suggestions for a person being entered (`POST /people/matches`), as the user types:
//! used by the person form and by every form that may create a person (the retail-theft suspect
//! and witness). Suggestions never block: a failure just shows none.

use crate::api::AuthClient;
use crate::components::record::MarkerBadges;
use crate::session::use_session;
use bluelamp_shared::index::people::{PersonMatch, PersonMatchQuery};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// How long typing must pause before duplicate suggestions are asked for.
pub const MATCH_DEBOUNCE: Duration = Duration::from_millis(250);

/// The live suggestions for one person being entered.
#[derive(Debug, Clone, Copy)]
pub struct PersonMatches {
    /// The latest suggestions.
    pub matches: RwSignal<Vec<PersonMatch>>,
    /// A request is under way.
    pub matching: RwSignal<bool>,
    /// Suggestions have been shown at least once (a new record then needs a reason).
    pub shown: RwSignal<bool>,
}

/// Whether a query says enough to be worth asking.
pub fn worth_asking(q: &PersonMatchQuery) -> bool {
    q.surname.chars().count() >= 2
        || (q.forename.chars().count() >= 2 && q.date_of_birth.is_some())
        || q.identifier.is_some()
        || q.phone.is_some()
}

impl PersonMatches {
    /// Asks for suggestions each time `query` (a tracked closure; `None`: do not ask) changes,
    /// debounced; only the answer to the latest query is kept.
    pub fn new(query: impl Fn() -> Option<PersonMatchQuery> + Send + Sync + 'static) -> Self {
        let s = Self {
            matches: RwSignal::new(Vec::new()),
            matching: RwSignal::new(false),
            shown: RwSignal::new(false),
        };
        let client = AuthClient::new(use_session());
        let generation = StoredValue::new(0u64);
        Effect::new(move |_| {
            let q = query();
            let gen = generation.get_value() + 1;
            generation.set_value(gen);
            let Some(q) = q.filter(worth_asking) else {
                s.matches.set(Vec::new());
                s.matching.set(false);
                return;
            };
            s.matching.set(true);
            spawn_local(async move {
                gloo_timers::future::sleep(MATCH_DEBOUNCE).await;
                if generation.try_get_value() != Some(gen) {
                    return;
                }
                let answer = client.person_matches(&q).await;
                if generation.try_get_value() != Some(gen) {
                    return;
                }
                let _ = s.matching.try_set(false);
                if let Ok(found) = answer {
                    if !found.is_empty() {
                        let _ = s.shown.try_set(true);
                    }
                    let _ = s.matches.try_set(found);
                }
            });
        });
        s
    }
}

/// The suggestions, each with a button (`data-testid="use-match"`) that picks it.
#[component]
pub fn MatchesPanel(
    /// The suggestions.
    matches: PersonMatches,
    /// Element id of the panel (its heading gets `{id}-title`).
    #[prop(into, default = "possible-matches".to_owned())]
    id: String,
    /// The heading.
    #[prop(default = "Possible matches")]
    title: &'static str,
    /// The text of each match's button.
    #[prop(default = "This is the person")]
    pick_label: &'static str,
    /// Called with the match picked.
    on_pick: Callback<PersonMatch>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let PersonMatches {
        matches, matching, ..
    } = matches;
    view! {
        <aside class="matches" id=id aria-live="polite" aria-labelledby=labelled_by>
            <h2 class="heading-m" id=title_id>
                {title}
            </h2>
            <p class="small" role="status">
                {move || {
                    if matching.get() {
                        "Looking for people already recorded…".to_owned()
                    } else {
                        match matches.with(Vec::len) {
                            0 => "No likely matches so far. Suggestions appear here as you type the name and date of birth.".to_owned(),
                            1 => "1 person already recorded may be the same person.".to_owned(),
                            n => format!("{n} people already recorded may be the same person."),
                        }
                    }
                }}
            </p>
            <ul class="list matches__list">
                {move || {
                    matches
                        .get()
                        .into_iter()
                        .map(|m| {
                            let details = m.summary.details.join(" · ");
                            let reasons = m.reasons.join("; ");
                            let label = m.summary.label.clone();
                            let markers = m.summary.markers.clone();
                            let line = format!(
                                "Force: {} · Match {}%{}",
                                m.summary.force,
                                m.score,
                                if reasons.is_empty() { String::new() } else { format!(" · {reasons}") },
                            );
                            let id = m.summary.record.id.to_string();
                            view! {
                                <li class="match" data-record-id=id>
                                    <p class="match__name">{label.clone()}</p>
                                    {(!details.is_empty())
                                        .then(|| view! { <p class="match__details">{details}</p> })}
                                    <MarkerBadges codes=markers />
                                    <p class="small">{line}</p>
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        data-testid="use-match"
                                        on:click=move |_| on_pick.run(m.clone())
                                    >
                                        {pick_label}
                                        <span class="visually-hidden">{format!(": {label}")}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </aside>
    }
}
