//! `/custody/suites/{id}`: the custody-suite board. Every detainee with what is due next: review,
//! detention limit, visit and medication, each counting down to the instant the server gave, on the
//! browser's clock corrected by the server's ([`ServerClock`]).
//!
//! The board is polled every [`POLL`]; the last one answered is kept in `localStorage` (one key per
//! suite, removed at sign-out) and shown at once on the next load. When a poll fails (server
//! stopped, network down) the last board stays on the screen, still counting down, under a banner
//! (`#board-stale`, `role="status"`) saying how old it is; polling goes on and the banner goes by
//! itself once a poll succeeds. A failed poll is only a failed call: it never signs the user out.

use super::{age_text, elapsed, is_due_soon, is_overdue, time_of_day, time_with_seconds, ServerClock};
use crate::api::{ApiError, AuthClient};
use crate::components::table::ScrollTable;
use crate::routes::{custody_record_path, set_document_title, Page};
use crate::session::use_session;
use bluelamp_shared::custody::{countdown, sort_board, Board, BoardRow};
use bluelamp_shared::error::ErrorCode;
use chrono::{DateTime, Utc};
use futures::future::{select, Either};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use uuid::Uuid;

/// How often the board is fetched.
pub const POLL: Duration = Duration::from_secs(10);

/// How long a fetch may take before it counts as failed (the next poll tries again).
const TIMEOUT: Duration = Duration::from_secs(8);

/// Prefix of the `localStorage` keys of saved boards (`bluelamp.board.{suite id}`).
pub const SAVED_BOARD_PREFIX: &str = "bluelamp.board.";

/// A board as kept in `localStorage`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SavedBoard {
    board: Board,
    /// The server's time when it was fetched.
    at: DateTime<Utc>,
    /// The server's clock minus the browser's, then (milliseconds).
    offset_ms: i64,
}

fn saved_key(suite: Uuid) -> String {
    format!("{SAVED_BOARD_PREFIX}{suite}")
}

/// Removes every board kept in this browser (called at sign-out: boards name detainees).
pub fn forget_saved_boards() {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(SAVED_BOARD_PREFIX))
        .collect();
    for k in keys {
        let _ = storage.remove_item(&k);
    }
}

/// Whether a failure means the server (or the network to it) is down, rather than a refusal.
fn unreachable(e: &ApiError) -> bool {
    match e {
        ApiError::Network(_) | ApiError::Decode(_) => true,
        ApiError::Unexpected { status } => *status >= 500,
        ApiError::Problem(p) => matches!(p.code, ErrorCode::ServiceUnavailable | ErrorCode::InternalError),
        ApiError::SignedOut => false,
    }
}

/// `/custody/suites/{id}`.
#[component]
pub fn BoardPage() -> impl IntoView {
    set_document_title("Custody board");
    let id = crate::routes::use_path_id();
    move || match id.get() {
        Some(id) => view! { <BoardView suite=id /> }.into_any(),
        None => view! {
            <h1 class="heading-xl">"Custody board"</h1>
            <p class="error-message" role="alert">"There is no such custody suite."</p>
        }
        .into_any(),
    }
}

/// What the board page shows: the board, when it was last updated, whether it is the copy
/// saved on this device, and the last failure to refresh it.
#[derive(Clone, Copy)]
struct Shown {
    board: RwSignal<Option<Board>>,
    updated_at: RwSignal<Option<DateTime<Utc>>>,
    from_saved: RwSignal<bool>,
    failure: RwSignal<Option<ApiError>>,
}

/// Fetches the board once (unless a fetch is under way), with a timeout; keeps it on this device.
async fn refresh_board(
    client: AuthClient,
    suite: Uuid,
    clock: ServerClock,
    shown: Shown,
    in_flight: StoredValue<bool>,
    key: StoredValue<String>,
) {
    let Shown {
        board,
        updated_at,
        from_saved,
        failure,
    } = shown;
    if in_flight.try_get_value() != Some(false) {
        return;
    }
    in_flight.set_value(true);
    let call = Box::pin(client.custody_board(suite));
    let timeout = Box::pin(gloo_timers::future::sleep(TIMEOUT));
    let result = match select(call, timeout).await {
        Either::Left((r, _)) => r,
        Either::Right(_) => Err(ApiError::Network("no answer in time".to_owned())),
    };
    if in_flight.try_get_value().is_none() {
        return; // the page was left meanwhile
    }
    in_flight.set_value(false);
    match result {
        Ok(mut b) => {
            clock.sync(b.server_time);
            sort_board(&mut b.rows);
            let at = b.server_time;
            let _ = LocalStorage::set(
                key.get_value(),
                &SavedBoard {
                    board: b.clone(),
                    at,
                    offset_ms: clock.offset_ms(),
                },
            );
            if board.with_untracked(|old| old.as_ref() != Some(&b)) {
                board.set(Some(b));
            }
            updated_at.set(Some(at));
            from_saved.set(false);
            failure.set(None);
        }
        // Signed out meanwhile: the router is taking the user away.
        Err(ApiError::SignedOut) => {}
        Err(e) => failure.set(Some(e)),
    }
}

/// The warning while the board cannot be refreshed, saying how old the board shown is.
#[component]
fn StaleBanner(
    failure: RwSignal<Option<ApiError>>,
    updated_at: RwSignal<Option<DateTime<Utc>>>,
    clock: ServerClock,
) -> impl IntoView {
    move || {
        failure.get().map(|e| {
            let text = move || {
                let now = clock.now();
                let lead = if unreachable(&e) {
                    "Server unreachable".to_owned()
                } else {
                    format!("The board could not be refreshed: {}", e.message())
                };
                match updated_at.get() {
                    Some(at) => format!(
                        "{lead} — showing the board as it was at {} ({}). Times keep counting down. Trying again every {} seconds.",
                        time_with_seconds(at),
                        age_text(at, now),
                        POLL.as_secs()
                    ),
                    None => format!(
                        "{lead} — the board could not be loaded. Trying again every {} seconds.",
                        POLL.as_secs()
                    ),
                }
            };
            view! {
                <div class="banner banner--warning board-stale" id="board-stale" role="status">
                    <p class="banner__body">{text}</p>
                </div>
            }
        })
    }
}

#[component]
fn BoardView(suite: Uuid) -> impl IntoView {
    let session = use_session();
    let client = AuthClient::new(session);
    let clock = ServerClock::start();
    let key = saved_key(suite);
    let saved: Option<SavedBoard> = LocalStorage::get(&key).ok();
    if let Some(s) = &saved {
        clock.set_offset_ms(s.offset_ms);
    }
    let board = RwSignal::new(saved.as_ref().map(|s| {
        let mut b = s.board.clone();
        sort_board(&mut b.rows);
        b
    }));
    // The server's time at the last successful fetch (or the saved board's).
    let updated_at = RwSignal::new(saved.as_ref().map(|s| s.at));
    let from_saved = RwSignal::new(saved.is_some());
    let failure = RwSignal::new(None::<ApiError>);
    let in_flight = StoredValue::new(false);
    let key = StoredValue::new(key);

    let shown = Shown {
        board,
        updated_at,
        from_saved,
        failure,
    };
    let refresh = move || refresh_board(client, suite, clock, shown, in_flight, key);

    // Poll until the page is left. While the session is locked (the sign-in dialog is up) the
    // poll waits rather than failing.
    let alive = StoredValue::new(());
    spawn_local(async move {
        loop {
            if alive.try_get_value().is_none() {
                break;
            }
            if session.lock_reason().get_untracked().is_none() {
                refresh().await;
            }
            gloo_timers::future::sleep(POLL).await;
        }
    });

    let name = Memo::new(move |_| {
        board
            .with(|b| b.as_ref().map(|b| b.suite.name.clone()))
            .unwrap_or_else(|| "Custody board".to_owned())
    });
    Effect::new(move |_| set_document_title(&format!("{} board", name.get())));

    let updated_text = move || match updated_at.get() {
        None => "Not loaded yet.".to_owned(),
        Some(at) if from_saved.get() && failure.with(Option::is_none) => {
            format!("Saved on this device at {}; refreshing…", time_with_seconds(at))
        }
        Some(at) if from_saved.get() => format!("Saved on this device at {}", time_with_seconds(at)),
        Some(at) => format!("Last updated {}", time_with_seconds(at)),
    };

    view! {
        <p class="caption">"Custody board"</p>
        <h1 class="heading-xl" id="board-title">
            {move || name.get()}
        </h1>
        <div class="button-group quick-actions">
            <A href=Page::CustodyBookIn.path() attr:class="button" attr:id="board-book-in">
                "Book in a detainee"
            </A>
            <button
                type="button"
                class="button button--secondary"
                id="board-refresh"
                on:click=move |_| spawn_local(refresh())
            >
                "Refresh now"
            </button>
        </div>
        <StaleBanner failure=failure updated_at=updated_at clock=clock />
        <p
            class="small board-updated"
            id="board-updated"
            data-updated=move || updated_at.get().map(|t| t.to_rfc3339()).unwrap_or_default()
        >
            {updated_text}
        </p>
        {move || match board.get() {
            None if failure.with(Option::is_none) => {
                view! { <p class="body" role="status">"Loading the board…"</p> }.into_any()
            }
            None => ().into_any(),
            Some(b) => view! { <BoardTable board=b clock=clock /> }.into_any(),
        }}
    }
}

/// A cell counting down to `due` (`none` when there is nothing due), standing out when overdue.
fn due_cell(
    class: &'static str,
    due: Option<DateTime<Utc>>,
    none: &'static str,
    extra: Option<String>,
    clock: ServerClock,
) -> AnyView {
    match due {
        None => view! {
            <td class=format!("{class} due due--none")>
                <span class="countdown">{none}</span>
                {extra.map(|x| view! { <span class="due-what">{x}</span> })}
            </td>
        }
        .into_any(),
        Some(d) => view! {
            <td
                class=format!("{class} due")
                class:overdue=move || is_overdue(d, clock.now())
                class:due-soon=move || is_due_soon(d, clock.now())
                data-due=d.to_rfc3339()
            >
                <span class="countdown">{move || countdown(d, clock.now())}</span>
                <span class="due-at">{format!("at {}", time_of_day(d))}</span>
                {extra.map(|x| view! { <span class="due-what">{x}</span> })}
            </td>
        }
        .into_any(),
    }
}

fn row_view(r: BoardRow, clock: ServerClock) -> impl IntoView {
    let dues = [r.next_review_due, r.limit, r.next_visit_due, r.next_dose_due];
    let any_overdue = move || dues.iter().flatten().any(|d| is_overdue(*d, clock.now()));
    let relevant = r.relevant_time;
    let mut tags: Vec<(&'static str, String)> =
        vec![("tag tag--level", format!("Level {}", r.observation_level))];
    if r.risk_assessment_due {
        tags.push(("tag tag--overdue", "Risk assessment due".to_owned()));
    }
    if r.rousing {
        tags.push(("tag tag--rousing", "Rousing".to_owned()));
    }
    tags.extend(r.risk_markers.iter().map(|m| ("tag tag--risk", m.clone())));
    let visit_none = if r.observation_level >= 3 {
        "constant"
    } else {
        "—"
    };
    view! {
        <tr
            class="board-row"
            class:board-row--overdue=any_overdue
            data-record=r.record_id.to_string()
            data-number=r.number.clone()
        >
            <td class="cell-cell">{r.cell.clone().unwrap_or_else(|| "—".to_owned())}</td>
            <th scope="row" class="cell-detainee">
                <A href=custody_record_path(r.record_id) attr:class="board-record-link">
                    {r.detainee.clone()}
                </A>
                <span class="board-number">{r.number.clone()}</span>
            </th>
            <td class="cell-time-in-custody">
                <span class="countdown">{move || elapsed(relevant, clock.now())}</span>
                <span class="due-at">{format!("since {}", time_of_day(relevant))}</span>
            </td>
            {due_cell("cell-review", r.next_review_due, "—", None, clock)}
            {due_cell("cell-limit", r.limit, "charged", None, clock)}
            {due_cell("cell-visit", r.next_visit_due, visit_none, None, clock)}
            {due_cell("cell-dose", r.next_dose_due, "—", r.next_dose_medicine.clone(), clock)}
            <td class="cell-risk">
                <ul class="tags">
                    {tags
                        .into_iter()
                        .map(|(class, text)| view! { <li class=class>{text}</li> })
                        .collect_view()}
                </ul>
            </td>
        </tr>
    }
}

/// The board's table: one row per detainee, what is due first at the top.
#[component]
fn BoardTable(board: Board, clock: ServerClock) -> impl IntoView {
    let count = match board.rows.len() {
        0 => "no detainees".to_owned(),
        1 => "1 detainee".to_owned(),
        n => format!("{n} detainees"),
    };
    let caption = format!("{}: {count}, what is due first at the top", board.suite.name);
    if board.rows.is_empty() {
        return view! {
            <table class="table board" id="custody-board">
                <caption class="board__caption">{caption}</caption>
            </table>
            <p class="body" id="board-empty">"No one is in custody in this suite."</p>
        }
        .into_any();
    }
    view! {
        <ScrollTable id="custody-board" caption=caption caption_class="board__caption" class="table board">
            <thead>
                <tr>
                    <th scope="col">"Cell"</th>
                    <th scope="col">"Detainee"</th>
                    <th scope="col">"In custody"</th>
                    <th scope="col">"Next review"</th>
                    <th scope="col">"Time limit"</th>
                    <th scope="col">"Next visit"</th>
                    <th scope="col">"Next medication"</th>
                    <th scope="col">"Risk"</th>
                </tr>
            </thead>
            <tbody>
                {board.rows.into_iter().map(|r| row_view(r, clock)).collect_view()}
            </tbody>
        </ScrollTable>
    }
    .into_any()
}
