//! The Custody module: `/custody` (the user's force's suites and booking in), the suite board
//! ([`board`]), booking in ([`book_in`]) and the custody record ([`record`]).
//!
//! Every countdown runs on the browser's clock corrected by the server's ([`ServerClock`]): the
//! server answers the instants things are due and its own time, and the page counts down locally,
//! so the times keep moving between refreshes and when the server cannot be reached.

pub mod board;
pub mod book_in;
pub mod fields;
mod panels;
pub mod record;

use crate::components::module_page::ModulePage;
use crate::components::record::use_reference_data;
use crate::routes::{custody_board_path, Page};
use crate::session::use_session;
use bluelamp_shared::custody::{minutes_until, CustodySuite};
use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

/// Now, by the browser's own clock.
pub fn client_now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The server's time as the browser reckons it: the browser's clock plus the offset measured at
/// the last answer, ticking every second so countdowns move without any network.
#[derive(Debug, Clone, Copy)]
pub struct ServerClock {
    offset_ms: StoredValue<i64>,
    now: RwSignal<DateTime<Utc>>,
}

impl ServerClock {
    /// Starts a clock that ticks every second until the calling component is dropped.
    pub fn start() -> Self {
        let clock = Self {
            offset_ms: StoredValue::new(0),
            now: RwSignal::new(client_now()),
        };
        if let Ok(handle) = set_interval_with_handle(move || clock.tick(), std::time::Duration::from_secs(1))
        {
            on_cleanup(move || handle.clear());
        }
        clock
    }

    fn tick(&self) {
        if let Some(offset) = self.offset_ms.try_get_value() {
            let _ = self.now.try_set(client_now() + Duration::milliseconds(offset));
        }
    }

    /// Takes the server's time from an answer just received: from now on the clock runs at
    /// `server_time` plus what the browser's clock has moved since.
    pub fn sync(&self, server_time: DateTime<Utc>) {
        self.set_offset_ms((server_time - client_now()).num_milliseconds());
    }

    /// Sets the offset from the browser's clock (milliseconds; e.g. one kept with a saved board).
    pub fn set_offset_ms(&self, offset: i64) {
        if self.offset_ms.try_set_value(offset).is_none() {
            self.tick();
        }
    }

    /// The offset from the browser's clock, in milliseconds.
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.try_get_value().unwrap_or_default()
    }

    /// The server's time now (tracked: re-runs every second).
    pub fn now(&self) -> DateTime<Utc> {
        self.now.get()
    }

    /// The server's time now (not tracked).
    pub fn now_untracked(&self) -> DateTime<Utc> {
        self.now.get_untracked()
    }
}

/// Whole minutes as staff read them: `1h 05m`, `12m`.
pub fn minutes_text(m: i64) -> String {
    if m >= 60 {
        format!("{}h {:02}m", m / 60, m % 60)
    } else {
        format!("{m}m")
    }
}

/// Time since `from` (counting up; never negative), e.g. `5h 03m`.
pub fn elapsed(from: DateTime<Utc>, now: DateTime<Utc>) -> String {
    minutes_text(minutes_until(now, from).max(0))
}

/// Whether `due` has passed.
pub fn is_overdue(due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    minutes_until(due, now) < 0
}

/// Whether `due` is within the next 15 minutes (and not yet passed).
pub fn is_due_soon(due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    (0..15).contains(&minutes_until(due, now))
}

fn js_date(t: DateTime<Utc>) -> js_sys::Date {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.timestamp_millis() as f64))
}

/// The time of day in the browser's time zone, `14:03`.
pub fn time_of_day(t: DateTime<Utc>) -> String {
    let d = js_date(t);
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// The time of day with seconds in the browser's time zone, `14:03:12`.
pub fn time_with_seconds(t: DateTime<Utc>) -> String {
    let d = js_date(t);
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// How long ago `then` was, in words that change once a minute: `less than a minute ago`,
/// `2 min ago`, `1 h 5 min ago`.
pub fn age_text(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let m = (now - then).num_minutes().max(0);
    match m {
        0 => "less than a minute ago".to_owned(),
        m if m < 60 => format!("{m} min ago"),
        m => format!("{} h {} min ago", m / 60, m % 60),
    }
}

/// A PACE rule code of a refusal (`pace_s42_4_b`) as people cite it (`PACE s.42(4)(b)`).
pub fn pace_rule(code: &str) -> Option<String> {
    let rest = code.strip_prefix("pace_")?;
    let mut parts = rest.split('_');
    let section = parts.next()?.strip_prefix('s')?;
    if section.is_empty() {
        return None;
    }
    let subs: String = parts.map(|p| format!("({p})")).collect();
    Some(format!("PACE s.{}{subs}", section.to_uppercase()))
}

/// The suites of the signed-in user's force (reference data).
pub fn own_suites() -> Signal<Vec<CustodySuite>> {
    let refdata = use_reference_data();
    let user = use_session().user();
    Signal::derive(move || {
        let force = user.with(|u| u.as_ref().map(|u| u.force.code.0.clone()).unwrap_or_default());
        refdata.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.custody_suites
                        .iter()
                        .filter(|s| s.force_code == force)
                        .cloned()
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}

/// `/custody`: the suites of the user's force, each linking to its board, and booking in.
#[component]
pub fn CustodyPage() -> impl IntoView {
    let suites = own_suites();
    let refdata = use_reference_data();
    view! {
        <ModulePage page=Page::Custody>
            <p class="body">
                "Custody records under PACE: booking in and authorising detention, visits, care and medication, reviews, extensions, charging and release."
            </p>
            <div class="button-group quick-actions">
                <A href=Page::CustodyBookIn.path() attr:class="button" attr:id="book-in-link">
                    "Book in a detainee"
                </A>
            </div>
            <section class="section" id="custody-suites" aria-labelledby="custody-suites-title">
                <h2 class="heading-l" id="custody-suites-title">
                    "Custody suites"
                </h2>
                {move || {
                    let list = suites.get();
                    if refdata.with(Option::is_none) {
                        return view! { <p class="small" role="status">"Loading…"</p> }.into_any();
                    }
                    if list.is_empty() {
                        return view! { <p class="body">"Your force has no custody suites recorded."</p> }
                            .into_any();
                    }
                    view! {
                        <ul class="list suite-list">
                            {list
                                .into_iter()
                                .map(|s| {
                                    let cells = match s.cells.len() {
                                        1 => "1 cell".to_owned(),
                                        n => format!("{n} cells"),
                                    };
                                    view! {
                                        <li class="suite" data-suite=s.id.to_string()>
                                            <A href=custody_board_path(s.id) attr:class="suite-link heading-m">
                                                {format!("{} board", s.name)}
                                            </A>
                                            <span class="small">{format!(" {} · {cells}", s.code)}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </section>
        </ModulePage>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pace_rules_read_as_cited() {
        assert_eq!(pace_rule("pace_s42_4_b").as_deref(), Some("PACE s.42(4)(b)"));
        assert_eq!(pace_rule("pace_s40").as_deref(), Some("PACE s.40"));
        assert_eq!(pace_rule("required"), None);
        assert_eq!(minutes_text(65), "1h 05m");
        assert_eq!(minutes_text(5), "5m");
    }
}
