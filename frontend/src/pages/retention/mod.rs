//! `/retention`: MoPI retention reviews, for information managers (`ReviewRetention`): running the
//! assessment now (it also runs every night), and the queue of the force's records due for review,
//! soonest due first, each leading to its review ([`review`], `/retention/{id}`).
//!
//! The server checks every call again; the page only spares other users a queue that would fail.

pub mod review;

use crate::api::retention::RunSummary;
use crate::api::AuthClient;
use crate::components::loader::{load, loaded};
use crate::components::permissions::can;
use crate::components::section::Section;
use crate::components::table::ScrollTable;
use crate::routes::{retention_review_path, set_document_title, Page};
use crate::session::use_session;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::retention::reviews::ReviewDto;
use bluelamp_shared::retention::{MopiGroup, ReviewReason};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// A group's name in the queue's narrow column.
pub(crate) fn group_short(g: MopiGroup) -> &'static str {
    match g {
        MopiGroup::PublicProtection => "Group 1",
        MopiGroup::SeriousOffences => "Group 2",
        MopiGroup::OtherOffences => "Group 3",
        MopiGroup::Undetected => "Undetected crime",
        MopiGroup::Intelligence => "Intelligence",
    }
}

/// A group in plain words.
pub(crate) fn group_label(g: MopiGroup) -> &'static str {
    match g {
        MopiGroup::PublicProtection => "Group 1: certain public protection matters",
        MopiGroup::SeriousOffences => "Group 2: other sexual, violent or serious offences",
        MopiGroup::OtherOffences => "Group 3: all other offences",
        MopiGroup::Undetected => "Undetected crime: kept by the seriousness of the offence",
        MopiGroup::Intelligence => "Intelligence: kept while it is needed",
    }
}

/// Every group, in the order they are offered.
pub(crate) const GROUPS: [MopiGroup; 5] = [
    MopiGroup::PublicProtection,
    MopiGroup::SeriousOffences,
    MopiGroup::OtherOffences,
    MopiGroup::Undetected,
    MopiGroup::Intelligence,
];

/// Why a review falls when it does, in words.
pub(crate) fn reason_text(r: ReviewReason) -> &'static str {
    match r {
        ReviewReason::Periodic => "The regular review of a group 1 record",
        ReviewReason::DeemedAge => {
            "The person is deemed to have reached the age at which group 1 records are reviewed"
        }
        ReviewReason::ClearPeriod => "The clear period (no further offending) has run",
        ReviewReason::NextReview => "The date a reviewer set at the last review",
    }
}

/// A date in words, e.g. `1 March 2021`.
pub(crate) fn day_text(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// What a run did, in words.
fn run_text(s: RunSummary) -> String {
    let records = if s.assessed == 1 { "record" } else { "records" };
    format!(
        "The assessment has run: {} {records} assessed, {} changed group or review date. The queue below is up to date.",
        s.assessed, s.changed
    )
}

/// The retention reviews page.
#[component]
pub fn RetentionPage() -> impl IntoView {
    let page = Page::Retention;
    set_document_title(page.label());
    let allowed = can(Capability::ReviewRetention);
    view! {
        <h1 class="heading-xl">{page.label()}</h1>
        <Show
            when=move || allowed.get()
            fallback=move || {
                view! {
                    <p class="body">
                        "Your roles do not give you access to retention reviews. If you need it, ask your force administrator."
                    </p>
                }
            }
        >
            <Queue />
        </Show>
    }
}

/// The run button and the queue.
#[component]
fn Queue() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0u32);
    let list = load(reload, move || async move { client.retention_reviews().await });
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<String>);
    let run = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        notice.set(None);
        failed.set(None);
        spawn_local(async move {
            let result = client.run_retention().await;
            let _ = busy.try_set(false);
            match result {
                Ok(s) => {
                    let _ = notice.try_set(Some(run_text(s)));
                    let _ = reload.try_update(|n| *n += 1);
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e.message()));
                }
            }
        });
    };
    view! {
        <p class="body">
            "Your force's records due for review under the Management of Police Information (MoPI), soonest due first. Open one to check its group and decide whether to keep it."
        </p>
        <Section id="retention-run" title="Run the assessment">
            <p class="body">
                "The assessment runs every night. Run it now to bring the queue up to date, for example after records have changed."
            </p>
            <div class="notification" role="status" id="retention-run-notice">
                {move || notice.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            {move || {
                failed
                    .get()
                    .map(|m| view! { <p class="error-message" role="alert" id="retention-run-error">{m}</p> })
            }}
            <button
                type="button"
                class="button"
                id="retention-run-button"
                aria-disabled=move || busy.get().to_string()
                on:click=run
            >
                {move || if busy.get() { "Running the assessment…" } else { "Run the assessment now" }}
            </button>
        </Section>
        <Section id="retention-queue" title="Due for review">
            {loaded(list, queue_table)}
        </Section>
    }
}

/// The queue as a table (or a sentence when it is empty).
fn queue_table(items: Vec<ReviewDto>) -> AnyView {
    if items.is_empty() {
        return view! { <p class="body" id="retention-queue-none">"No record is due for review."</p> }
            .into_any();
    }
    let rows = items
        .into_iter()
        .map(|r| {
            let group = match r.overridden {
                Some(_) => format!("{} (overridden)", group_short(r.group)),
                None => group_short(r.group).to_owned(),
            };
            view! {
                <tr class="table__row" data-record=r.record_id.to_string()>
                    <th scope="row" class="table__header">
                        <A href=retention_review_path(r.record_id) attr:class="retention-ref">
                            {r.reference.clone()}
                        </A>
                    </th>
                    <td class="table__cell">{r.summary.clone()}</td>
                    <td class="table__cell">{group}</td>
                    <td class="table__cell table__cell--nowrap">{day_text(r.review_due.on)}</td>
                    <td class="table__cell">{reason_text(r.review_due.reason)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable id="retention-queue-table" caption="Records due for review, soonest due first">
            <thead>
                <tr>
                    <th scope="col">"Reference"</th>
                    <th scope="col">"What"</th>
                    <th scope="col">"Group"</th>
                    <th scope="col">"Due on"</th>
                    <th scope="col">"Why then"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </ScrollTable>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_reasons_are_said_in_words() {
        assert_eq!(group_short(MopiGroup::OtherOffences), "Group 3");
        assert!(group_label(MopiGroup::PublicProtection).starts_with("Group 1"));
        assert_eq!(GROUPS.len(), 5);
        assert_eq!(
            NaiveDate::from_ymd_opt(2021, 3, 1).map(day_text).as_deref(),
            Some("1 March 2021")
        );
        assert_eq!(
            run_text(RunSummary {
                assessed: 1,
                changed: 0
            }),
            "The assessment has run: 1 record assessed, 0 changed group or review date. The queue below is up to date."
        );
    }
}
