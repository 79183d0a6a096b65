//! "Reference lists" (consortium administrators, `ManageReferenceData`, and force administrators,
//! `ManageForceStructure`): every list with the edition in force, and one list opened with every
//! value it has had (filtered as you type), whose it is, and, for a force administrator, a button
//! retiring each active value of the force's own. The forms adding a force's value and applying a
//! new edition are in [`super::reference_forms`].

use super::reference_forms::{AddLocalValueForm, ApplyEditionForm};
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::field::FieldFrame;
use crate::components::focus_by_id;
use crate::components::loader::{load, loaded};
use crate::components::permissions::can;
use crate::components::section::Section;
use crate::components::table::ScrollTable;
use crate::components::time::local_time;
use crate::session::use_session;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::error::ErrorCode;
use bluelamp_shared::reference::lists::{ReferenceListDetail, ReferenceListSummary, ReferenceValueDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The opened list's heading (focused when a list is opened).
const LIST_TITLE_ID: &str = "reference-list-title";
/// The opened list's notice of what was just done (focused after a retirement).
const NOTICE_ID: &str = "reference-list-notice";
/// How much of a source the table of lists shows before "…" (the rest is a click away).
const SOURCE_SHOWN: usize = 60;

/// `text` cut to at most `max` characters (at a word where there is one), with `…`; `None` when
/// it fits.
pub(super) fn truncated(text: &str, max: usize) -> Option<String> {
    if text.chars().count() <= max {
        return None;
    }
    let head: String = text.chars().take(max).collect();
    let head = match head.rfind(' ') {
        Some(i) if i > max / 2 => &head[..i],
        _ => head.as_str(),
    };
    Some(format!("{}…", head.trim_end_matches([' ', ',', ';', ':'])))
}

/// Whether a value matches what was typed in the filter (part of its code or label, any case).
pub(super) fn matches(v: &ReferenceValueDto, filter: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty() || v.code.to_lowercase().contains(&f) || v.label.to_lowercase().contains(&f)
}

/// Whose a value is, as the user reads it: "National", "Your force" or the other force's code.
pub(super) fn whose(v: &ReferenceValueDto, own: &str) -> String {
    match v.force.as_deref() {
        None => "National".to_owned(),
        Some(f) if f == own => "Your force".to_owned(),
        Some(f) => format!("Force {f}"),
    }
}

/// "1 value" / "12 values".
pub(super) fn values_count(n: usize) -> String {
    format!("{n} value{}", if n == 1 { "" } else { "s" })
}

/// What an opened list's parts share: the list, its latest answer, and the signals reloading it
/// and the table of lists.
#[derive(Debug, Clone, Copy)]
pub(super) struct OpenList {
    /// The client acting for the administrator.
    pub(super) client: AuthClient,
    /// The list's name.
    pub(super) name: StoredValue<String>,
    /// The list as last answered.
    pub(super) detail: RwSignal<Option<Result<ReferenceListDetail, ApiError>>>,
    /// Bumped to read the list again.
    pub(super) reload: RwSignal<u32>,
    /// Bumped to read the table of lists again (its counts and versions).
    pub(super) lists_reload: RwSignal<u32>,
}

impl OpenList {
    /// The revision (`ETag`) of the list shown, if it is shown.
    pub(super) fn revision(self) -> Option<i64> {
        self.detail.with_untracked(|d| match d {
            Some(Ok(d)) => Some(d.summary.revision),
            _ => None,
        })
    }

    /// Shows the list as a change answered it, and has the table of lists read again.
    pub(super) fn changed(self, d: ReferenceListDetail) {
        let _ = self.detail.try_set(Some(Ok(d)));
        let _ = self.lists_reload.try_update(|n| *n += 1);
    }

    /// Reads the list again (after a refusal: it may have changed).
    pub(super) fn refresh(self) {
        let _ = self.reload.try_update(|n| *n += 1);
    }
}

/// The table of lists and, once one is opened, that list.
#[component]
pub(super) fn ReferenceSections() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let lists_reload = RwSignal::new(0u32);
    let lists = load(
        lists_reload,
        move || async move { client.reference_lists().await },
    );
    let opened = RwSignal::new(None::<String>);
    view! {
        <Section id="reference-lists" title="Reference lists">
            <p class="body">
                "The lists users choose codes from, each with the edition in force and where it was taken from. Choose a list's title to see its values."
            </p>
            {loaded(lists, move |all| lists_table(all, opened).into_any())}
        </Section>
        {move || {
            opened
                .get()
                .map(|name| view! { <OpenedList name=name lists_reload=lists_reload /> })
        }}
    }
}

/// The lists, one row each, each title a button opening its list.
fn lists_table(all: Vec<ReferenceListSummary>, opened: RwSignal<Option<String>>) -> impl IntoView {
    let rows = all
        .into_iter()
        .map(|l| {
            let source = match truncated(&l.source, SOURCE_SHOWN) {
                None => view! { {l.source.clone()} }.into_any(),
                Some(short) => view! {
                    <details class="details details--cell">
                        <summary class="details__summary">{short}</summary>
                        <p class="small">{l.source.clone()}</p>
                    </details>
                }
                .into_any(),
            };
            let name = l.list.clone();
            let open = move |_| {
                opened.set(Some(name.clone()));
                request_animation_frame(|| focus_by_id(LIST_TITLE_ID));
            };
            view! {
                <tr class="table__row" data-list=l.list.clone()>
                    // The title opens the list: on a phone it is the first thing in the row, with
                    // no scrolling to reach a button at the far end.
                    <th scope="row" class="table__header">
                        <button
                            type="button"
                            class="link-button"
                            id=format!("open-list-{}", l.list)
                            on:click=open
                        >
                            {l.title.clone()}
                        </button>
                    </th>
                    <td class="table__cell table__cell--nowrap">{l.list.clone()}</td>
                    <td class="table__cell table__cell--nowrap">{l.version.clone()}</td>
                    <td class="table__cell table__cell--source">{source}</td>
                    <td class="table__cell">{l.active}</td>
                    <td class="table__cell">{l.retired}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable id="reference-lists-table" caption="Every reference list, with the edition in force">
            <thead>
                <tr>
                    <th scope="col">"Title"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Version"</th>
                    <th scope="col">"Source"</th>
                    <th scope="col">"Active"</th>
                    <th scope="col">"Retired"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </ScrollTable>
    }
}

/// One opened list: what it is, its values with a filter, and what the user may change.
#[component]
fn OpenedList(name: String, lists_reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let client = AuthClient::new(session);
    let own = session
        .user()
        .with_untracked(|u| u.as_ref().map(|u| u.force.code.0.clone()))
        .unwrap_or_default();
    let reload = RwSignal::new(0u32);
    let detail = {
        let name = name.clone();
        load(reload, move || {
            let name = name.clone();
            async move { client.reference_list(&name).await }
        })
    };
    let list = OpenList {
        client,
        name: StoredValue::new(name.clone()),
        detail,
        reload,
        lists_reload,
    };
    let manage_structure = can(Capability::ManageForceStructure);
    let manage_editions = can(Capability::ManageReferenceData);
    let force_local =
        Signal::derive(move || detail.with(|d| matches!(d, Some(Ok(d)) if d.summary.force_local)));
    let shown = Signal::derive(move || detail.with(|d| matches!(d, Some(Ok(_)))));
    let notice = RwSignal::new(None::<String>);
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let title = {
        let name = name.clone();
        move || {
            detail.with(|d| match d {
                Some(Ok(d)) => d.summary.title.clone(),
                _ => format!("List {name}"),
            })
        }
    };
    view! {
        <section
            class="section"
            id="reference-list"
            aria-labelledby=LIST_TITLE_ID
            data-list=name.clone()
        >
            <h2 class="heading-l" id=LIST_TITLE_ID tabindex="-1">
                {title}
            </h2>
            <div class="notification" role="status" id=NOTICE_ID tabindex="-1">
                {move || notice.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            <ErrorSummary items=summary id="reference-list-error-summary" />
            {move || {
                detail
                    .with(|d| match d {
                        None => view! { <p class="small" role="status">"Loading…"</p> }.into_any(),
                        Some(Err(e)) => {
                            view! { <p class="error-message" role="alert">{e.message()}</p> }
                                .into_any()
                        }
                        Some(Ok(d)) => list_facts(d).into_any(),
                    })
            }}
            <Show when=move || shown.get()>
                <ValuesTable list=list own=own.clone() notice=notice summary=summary />
            </Show>
            <Show when=move || manage_structure.get() && force_local.get()>
                <AddLocalValueForm list=list />
            </Show>
            <Show when=move || manage_editions.get() && shown.get()>
                <ApplyEditionForm list=list />
            </Show>
        </section>
    }
}

/// What the list is: its name, edition, source, when it was applied and how many values it has.
fn list_facts(d: &ReferenceListDetail) -> impl IntoView {
    let s = &d.summary;
    let row = |key: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt class="summary-list__key">{key}</dt>
                <dd class="summary-list__value">{value}</dd>
            </div>
        }
    };
    let force_values = if s.force_local {
        "Forces may add their own values"
    } else {
        "National values only"
    };
    view! {
        <dl class="summary-list" id="reference-list-facts">
            {row("Name", s.list.clone())}
            {row("Version", s.version.clone())}
            {row("Source", s.source.clone())}
            {row("Applied", local_time(s.applied_at))}
            {row("Values", format!("{} active, {} retired", s.active, s.retired))}
            {row("Force values", force_values.to_owned())}
        </dl>
    }
}

/// The values of the opened list, with a filter box, and a "Retire" button on each active value of
/// the user's own force (for a force administrator).
#[component]
fn ValuesTable(
    list: OpenList,
    own: String,
    notice: RwSignal<Option<String>>,
    summary: RwSignal<Vec<ErrorItem>>,
) -> impl IntoView {
    let manage_structure = can(Capability::ManageForceStructure);
    let filter = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let own = StoredValue::new(own);
    let count = move || {
        list.detail.with(|d| {
            let Some(Ok(d)) = d else {
                return String::new();
            };
            let all = d.values.len();
            let f = filter.get();
            let n = d.values.iter().filter(|v| matches(v, &f)).count();
            if f.trim().is_empty() {
                format!("Showing all {}.", values_count(all))
            } else if n == 0 {
                format!("No value matches “{}”.", f.trim())
            } else {
                format!("Showing {n} of {}.", values_count(all))
            }
        })
    };
    let retire = move |code: String, label: String| {
        if busy.get_untracked() {
            return;
        }
        let Some(revision) = list.revision() else {
            return;
        };
        busy.set(true);
        notice.set(None);
        summary.set(Vec::new());
        let name = list.name.get_value();
        spawn_local(async move {
            let result = list.client.retire_local_value(&name, &code, revision).await;
            let _ = busy.try_set(false);
            match result {
                Ok(d) => {
                    list.changed(d);
                    let _ = notice.try_set(Some(format!(
                        "“{label}” ({code}) is retired: records that use it keep it, and it is no longer offered."
                    )));
                    // The button went with the value's retirement: the keyboard carries on from
                    // the news.
                    request_animation_frame(|| focus_by_id(NOTICE_ID));
                }
                Err(e) if e.code() == Some(ErrorCode::PreconditionFailed) => {
                    list.refresh();
                    let _ = summary.try_set(vec![ErrorItem::general(format!(
                        "The list changed since it was shown, so “{label}” was not retired. It has been reloaded: check the value and retire it again if you still mean to."
                    ))]);
                }
                Err(e) => {
                    list.refresh();
                    let _ = summary.try_set(vec![ErrorItem::general(format!(
                        "“{label}” ({code}) was not retired: {}",
                        e.message()
                    ))]);
                }
            }
        });
    };
    let rows = move || {
        list.detail.with(|d| {
            let Some(Ok(d)) = d else {
                return ().into_any();
            };
            let can_retire = manage_structure.get() && d.summary.force_local;
            let own = own.get_value();
            d.values
                .iter()
                .map(|v| {
                    let mine = v.force.as_deref() == Some(own.as_str());
                    let action = (can_retire && mine && v.active).then(|| {
                        let (code, label) = (v.code.clone(), v.label.clone());
                        view! {
                            <button
                                type="button"
                                class="button button--warning button--small"
                                data-action="retire"
                                aria-disabled=move || busy.get().to_string()
                                on:click=move |_| retire(code.clone(), label.clone())
                            >
                                "Retire"
                                <span class="visually-hidden">{format!(" {} ({})", v.label, v.code)}</span>
                            </button>
                        }
                    });
                    let v_ = v.clone();
                    view! {
                        <tr
                            class="table__row"
                            data-code=v.code.clone()
                            data-active=v.active.to_string()
                            data-force=v.force.clone().unwrap_or_default()
                            hidden=move || !matches(&v_, &filter.get())
                        >
                            <th scope="row" class="table__header table__cell--nowrap">{v.code.clone()}</th>
                            <td class="table__cell">{v.label.clone()}</td>
                            <td class="table__cell">{if v.active { "Active" } else { "Retired" }}</td>
                            <td class="table__cell">{whose(v, &own)}</td>
                            {can_retire.then(|| view! { <td class="table__cell">{action}</td> })}
                        </tr>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    let action_column = move || {
        let force_local = list
            .detail
            .with(|d| matches!(d, Some(Ok(d)) if d.summary.force_local));
        (manage_structure.get() && force_local).then(|| view! { <th scope="col">"Action"</th> })
    };
    let no_error = Signal::derive(|| None::<String>);
    view! {
        <h3 class="heading-m">"Values"</h3>
        <FieldFrame
            id="reference-values-filter"
            label="Filter the values"
            hint=Some("Part of a code or label, for example “mental”.")
            error=no_error
        >
            <input
                class="input input--wide"
                type="search"
                id="reference-values-filter"
                name="reference-values-filter"
                autocomplete="off"
                spellcheck="false"
                aria-describedby="reference-values-filter-hint"
                aria-controls="reference-values-table"
                prop:value=move || filter.get()
                on:input=move |ev| filter.set(event_target_value(&ev))
            />
        </FieldFrame>
        <p class="small" role="status" id="reference-values-count">
            {count}
        </p>
        <ScrollTable id="reference-values-table" caption="Values of the list">
            <thead>
                <tr>
                    <th scope="col">"Code"</th>
                    <th scope="col">"Label"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Whose"</th>
                    {action_column}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </ScrollTable>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(code: &str, label: &str, force: Option<&str>) -> ReferenceValueDto {
        ReferenceValueDto {
            code: code.into(),
            label: label.into(),
            attributes: Default::default(),
            active: true,
            force: force.map(Into::into),
        }
    }

    #[test]
    fn a_long_source_is_cut_at_a_word_and_a_short_one_is_left_whole() {
        assert_eq!(truncated("Home Office", 60), None);
        assert_eq!(
            truncated("Home Office Counting Rules for Recorded Crime, Annex", 30).as_deref(),
            Some("Home Office Counting Rules…")
        );
        assert_eq!(truncated("abcdefghij", 4).as_deref(), Some("abcd…"));
    }

    #[test]
    fn the_filter_finds_part_of_a_code_or_label_in_any_case() {
        let v = value("NS:street_drinking", "Street-drinking outreach", Some("NS"));
        assert!(matches(&v, ""));
        assert!(matches(&v, " OUTREACH "));
        assert!(matches(&v, "ns:street"));
        assert!(!matches(&v, "mental"));
    }

    #[test]
    fn whose_a_value_is_names_the_users_force_apart() {
        assert_eq!(whose(&value("GBR", "British", None), "NS"), "National");
        assert_eq!(whose(&value("NS:x", "X", Some("NS")), "NS"), "Your force");
        assert_eq!(whose(&value("WV:x", "X", Some("WV")), "NS"), "Force WV");
    }
}
