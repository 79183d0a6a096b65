//! Searching the index as the user types ([`LiveSearch`]): debounced, and only the answer to the
//! latest query is shown.

use crate::api::AuthClient;
use crate::session::use_session;
use bluelamp_shared::index::search::SearchResults;
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// How long typing must pause before a search is sent.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Results for what was typed, as the user types. Each keystroke bumps a generation number;
/// only the answer to the latest generation is shown, so an older, slower answer never replaces
/// a newer one.
#[derive(Debug, Clone, Copy)]
pub struct LiveSearch {
    /// What is typed.
    pub query: RwSignal<String>,
    /// Only this kind of record (`None`: all).
    pub kind: RwSignal<Option<RecordKind>>,
    /// The results of the latest query answered, with that query.
    pub results: RwSignal<Option<(String, SearchResults)>>,
    /// A search is under way.
    pub busy: RwSignal<bool>,
    /// The last failure.
    pub error: RwSignal<Option<String>>,
}

impl LiveSearch {
    /// Starts searching as `query` and `kind` change.
    pub fn new(fixed_kind: Option<RecordKind>) -> Self {
        let s = Self {
            query: RwSignal::new(String::new()),
            kind: RwSignal::new(fixed_kind),
            results: RwSignal::new(None),
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
        };
        let client = AuthClient::new(use_session());
        let generation = StoredValue::new(0u64);
        Effect::new(move |_| {
            let q = s.query.get().trim().to_owned();
            let kind = s.kind.get();
            let gen = generation.get_value() + 1;
            generation.set_value(gen);
            if q.chars().count() < 2 {
                s.results.set(None);
                s.busy.set(false);
                s.error.set(None);
                return;
            }
            s.busy.set(true);
            spawn_local(async move {
                gloo_timers::future::sleep(DEBOUNCE).await;
                if generation.try_get_value() != Some(gen) {
                    return;
                }
                let answer = client.search(&q, kind, 20).await;
                if generation.try_get_value() != Some(gen) {
                    return; // a newer query was typed meanwhile
                }
                let _ = s.busy.try_set(false);
                match answer {
                    Ok(r) => {
                        let _ = s.error.try_set(None);
                        let _ = s.results.try_set(Some((q, r)));
                    }
                    Err(e) => {
                        let _ = s.error.try_set(Some(e.message()));
                    }
                }
            });
        });
        s
    }

    /// The status line read out by screen readers.
    pub fn status(&self) -> String {
        if let Some(e) = self.error.get() {
            return e;
        }
        match self.results.get() {
            None if self.busy.get() => "Searching…".to_owned(),
            None => String::new(),
            Some((q, r)) => match r.hits.len() {
                0 => format!("No results for “{q}”"),
                1 => format!("1 result for “{q}”"),
                n => format!("{n} results for “{q}”"),
            },
        }
    }
}
