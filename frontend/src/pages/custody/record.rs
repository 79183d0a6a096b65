//! `/custody/records/{id}`: a custody record. The detainee (warning and risk markers first), the
//! PACE clocks as live countdowns, a panel per part of the detention (visits, medication, rights,
//! representatives, risk, healthcare, property, interviews, notes, review, extension, warrant,
//! charge, disposal) and the events log. A closed record is read-only except for annotations.
//!
//! Every panel's form is an [`EntryFormView`]: it builds a [`CustodyEntry`], checks it with
//! [`check_entry`] (the function the server runs), posts it with an `Idempotency-Key`, replaces the
//! record with the answer and says what was recorded; the server's refusals (422 field errors,
//! including PACE rules, 409, 403) are shown in the form's error summary and next to its fields.

use super::fields::{err_of, fid, merge, Errors};
use super::{elapsed, is_overdue, minutes_text, pace_rule, ServerClock};
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::ids::new_idempotency_key;
use crate::components::loader::{id_page, load_into, RecordFrame};
use crate::components::record::{record_link, use_reference_data, MarkerBadges};
use crate::components::table::ScrollTable;
use crate::components::time::local_time;
use crate::routes::{custody_board_path, set_document_title};
use crate::session::use_session;
use bluelamp_shared::custody::{
    check_entry, countdown, CustodyEntry, CustodyRecordDto, CustodyState, DetentionDecision, RiskQuestion,
};
use bluelamp_shared::custody_clocks::LimitBasis;
use bluelamp_shared::error::{ErrorCode, FieldError};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

/// What every panel of the record page shares.
#[derive(Debug, Clone, Copy)]
pub struct RecordCtx {
    /// The record as last loaded or answered.
    pub record: RwSignal<Option<CustodyRecordDto>>,
    /// The API client.
    pub client: AuthClient,
    /// The server's clock, as the browser reckons it.
    pub clock: ServerClock,
    /// The risk-assessment questions in force.
    pub questions: Signal<Vec<RiskQuestion>>,
    /// Bumped to load the record again.
    pub reload: RwSignal<u32>,
}

impl RecordCtx {
    /// Reads the record (tracked) with `f`, or the default before it is loaded.
    pub fn with<T: Default>(&self, f: impl FnOnce(&CustodyRecordDto) -> T) -> T {
        self.record.with(|r| r.as_ref().map(f).unwrap_or_default())
    }

    /// The record's id.
    pub fn id(&self) -> Uuid {
        self.record
            .with_untracked(|r| r.as_ref().map(|r| r.id).unwrap_or_default())
    }

    /// Whether the record is open (tracked).
    pub fn is_open(&self) -> bool {
        self.with(|r| r.state == CustodyState::Open)
    }
}

/// Whether the page has an element with this id.
fn element_exists(id: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .is_some()
}

/// A problem's message, citing the PACE rule when the code names one.
fn message_of(e: &FieldError) -> String {
    match pace_rule(&e.code) {
        Some(rule) if !e.message.contains(&rule) => format!("{} ({rule})", e.message),
        _ => e.message.clone(),
    }
}

/// The state of one entry form: its element-id prefix, inline errors, error summary, what was
/// just recorded, whether it is sending, and the idempotency key of the entry last sent.
#[derive(Debug, Clone, Copy)]
pub struct EntryForm {
    prefix: StoredValue<String>,
    /// Inline errors: `(element id, message)`.
    pub errors: Errors,
    summary: RwSignal<Vec<ErrorItem>>,
    notice: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    last: StoredValue<Option<(CustodyEntry, String)>>,
}

impl EntryForm {
    /// A form whose fields' element ids are `{prefix}-{path}`.
    pub fn new(prefix: impl Into<String>) -> Self {
        Self {
            prefix: StoredValue::new(prefix.into()),
            errors: RwSignal::new(Vec::new()),
            summary: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            busy: RwSignal::new(false),
            last: StoredValue::new(None),
        }
    }

    /// The element id of the field at `path` (`at` → `visit-at`).
    pub fn id(&self, path: &str) -> String {
        self.prefix.with_value(|p| fid(p, path))
    }

    /// The inline error of the field at `path`.
    pub fn err(&self, path: &str) -> Signal<Option<String>> {
        err_of(self.errors, self.id(path))
    }

    /// Lists problems in the summary and next to their fields; a problem about a field the form
    /// does not have is listed without a link.
    fn show(&self, problems: &[FieldError]) {
        let mut inline = Vec::new();
        let mut items = Vec::new();
        for e in problems {
            let id = self.id(&e.path);
            let msg = message_of(e);
            if element_exists(&id) {
                inline.push((id.clone(), msg.clone()));
                items.push(ErrorItem::field(id, msg));
            } else {
                items.push(ErrorItem::general(msg));
            }
        }
        items.dedup();
        let _ = self.notice.try_set(None);
        let _ = self.errors.try_set(inline);
        let _ = self.summary.try_set(items);
    }

    /// The idempotency key for `entry`: the same as last time when the same entry is sent again
    /// (a retry after a failure), a new one otherwise.
    fn key_for(&self, entry: &CustodyEntry) -> String {
        if let Some(k) = self
            .last
            .with_value(|l| l.as_ref().filter(|(e, _)| e == entry).map(|(_, k)| k.clone()))
        {
            return k;
        }
        let k = new_idempotency_key();
        self.last.set_value(Some((entry.clone(), k.clone())));
        k
    }
}

/// A form that records one entry on the record: `children` are its fields, `entry` reads them
/// into the entry (with a problem for each field that cannot be read), `done` is said when the
/// server has recorded it, and `on_done` then resets the fields. The form's element id is `id`;
/// its submit button `{prefix}-submit`, its error summary `{prefix}-error-summary` and its status
/// line `{prefix}-notice`.
#[component]
pub fn EntryFormView(
    /// The record page.
    ctx: RecordCtx,
    /// The form's state.
    form: EntryForm,
    /// The `<form>` element's id.
    #[prop(into)]
    id: String,
    /// The submit button's text.
    #[prop(into)]
    submit_label: String,
    /// Reads the fields into the entry.
    entry: Callback<(), (CustodyEntry, Vec<FieldError>)>,
    /// Said once the entry is recorded.
    #[prop(into)]
    done: String,
    /// Resets the fields once the entry is recorded.
    #[prop(optional)]
    on_done: Option<Callback<()>>,
    /// The fields.
    children: Children,
) -> impl IntoView {
    let done = StoredValue::new(done);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.busy.get_untracked() {
            return;
        }
        let (entry, read) = entry.run(());
        let checked = ctx
            .questions
            .with_untracked(|q| check_entry(&entry, q, ctx.clock.now_untracked()));
        let problems = merge(read, checked);
        if !problems.is_empty() {
            form.show(&problems);
            return;
        }
        let key = form.key_for(&entry);
        let record_id = ctx.id();
        form.busy.set(true);
        form.notice.set(None);
        spawn_local(async move {
            let answer = ctx.client.add_custody_entry(record_id, &entry, &key).await;
            if form.busy.try_set(false).is_some() {
                // The form is gone (the page was left): only keep the record up to date.
                if let Ok(rec) = answer {
                    let _ = ctx.record.try_set(Some(rec));
                }
                return;
            }
            match answer {
                Ok(rec) => {
                    form.last.set_value(None);
                    form.errors.set(Vec::new());
                    form.summary.set(Vec::new());
                    form.notice.set(Some(done.get_value()));
                    if let Some(cb) = on_done {
                        cb.run(());
                    }
                    ctx.clock.sync(rec.server_time);
                    let _ = ctx.record.try_set(Some(rec));
                }
                Err(e) => {
                    let fields = e.field_errors().to_vec();
                    if !fields.is_empty() {
                        form.show(&fields);
                        return;
                    }
                    let text = match &e {
                        ApiError::Network(_) => format!(
                            "{} Press the button again when the connection is back: it will not be recorded twice.",
                            e.message()
                        ),
                        ApiError::Problem(p) if p.code == ErrorCode::Conflict => {
                            // The record changed state (closed, say): show it as it is now.
                            ctx.reload.update(|n| *n += 1);
                            e.message()
                        }
                        _ => e.message(),
                    };
                    form.errors.set(Vec::new());
                    form.summary.set(vec![ErrorItem::general(text)]);
                }
            }
        });
    };
    let prefix = form.prefix.get_value();
    view! {
        <div class="entry-form">
            <ErrorSummary items=form.summary id=format!("{prefix}-error-summary") />
            <form novalidate id=id on:submit=on_submit>
                {children()}
                <div class="button-group">
                    <button
                        type="submit"
                        class="button"
                        id=format!("{prefix}-submit")
                        aria-disabled=move || form.busy.get().to_string()
                    >
                        {submit_label}
                    </button>
                    <p class="small entry-notice" id=format!("{prefix}-notice") role="status">
                        {move || form.notice.get()}
                    </p>
                </div>
            </form>
        </div>
    }
}

/// `/custody/records/{id}`.
#[component]
pub fn CustodyRecordPage() -> impl IntoView {
    id_page(
        "Custody record",
        "Custody record",
        "There is no such custody record.",
        |id| {
            view! { <RecordLoader id=id /> }
        },
    )
}

#[component]
fn RecordLoader(id: Uuid) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let refdata = use_reference_data();
    let ctx = RecordCtx {
        record: RwSignal::new(None),
        client,
        clock: ServerClock::start(),
        questions: Signal::derive(move || {
            refdata.with(|d| {
                d.as_ref()
                    .map(|d| d.custody_risk_questions.clone())
                    .unwrap_or_default()
            })
        }),
        reload: RwSignal::new(0),
    };
    let failed = RwSignal::new(None::<ApiError>);
    load_into(Some(ctx.reload), ctx.record, failed, move || async move {
        let record = client.custody_record(id).await?;
        ctx.clock.sync(record.server_time);
        Ok(record)
    });
    let loaded = Memo::new(move |_| ctx.record.with(Option::is_some));
    view! {
        <RecordFrame title="Custody record" not_found="There is no such custody record." loaded=loaded failed=failed>
            <RecordView ctx=ctx />
        </RecordFrame>
    }
}

/// A countdown to `due` that stands out when overdue (class `overdue` and the word OVERDUE), with
/// the time it is due.
pub fn live_due(clock: ServerClock, due: DateTime<Utc>) -> impl IntoView {
    view! {
        <span
            class="countdown"
            class:overdue=move || is_overdue(due, clock.now())
            data-due=due.to_rfc3339()
        >
            {move || countdown(due, clock.now())}
        </span>
        <span class="due-at">{format!(" (by {})", local_time(due))}</span>
    }
}

fn fact(key: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{key}</dt>
            <dd class="summary-list__value">{value}</dd>
        </div>
    }
}

fn basis_label(b: LimitBasis) -> &'static str {
    match b {
        LimitBasis::Basic24h => "basic limit, 24 hours (s.41)",
        LimitBasis::Superintendent => "superintendent's extension (s.42)",
        LimitBasis::Warrant => "warrant of further detention (ss.43–44)",
    }
}

#[component]
fn RecordView(ctx: RecordCtx) -> impl IntoView {
    let number = move || ctx.with(|r| r.number.clone());
    let open = Memo::new(move |_| ctx.is_open());
    Effect::new(move |_| set_document_title(&format!("Custody record {}", number())));
    view! {
        <p class="caption">"Custody record"</p>
        <h1 class="heading-xl">
            <span id="custody-number">{number}</span>
            " "
            <strong
                class="tag tag--state"
                id="custody-state"
                data-state=move || if open.get() { "open" } else { "closed" }
            >
                {move || if open.get() { "In custody" } else { "Closed" }}
            </strong>
        </h1>
        <Detainee ctx=ctx />
        <Clocks ctx=ctx />
        <Facts ctx=ctx />
        <Show
            when=move || open.get()
            fallback=move || {
                view! {
                    <div class="banner" id="custody-closed">
                        <p class="banner__body">
                            "This record is closed: the detainee has left police detention. It can only be annotated."
                        </p>
                    </div>
                    <super::panels::AnnotationPanel ctx=ctx />
                }
            }
        >
            <super::panels::OpenPanels ctx=ctx />
        </Show>
        <EventsLog ctx=ctx />
    }
}

/// The detainee, with warning markers and the risk markers of the care now, first.
#[component]
fn Detainee(ctx: RecordCtx) -> impl IntoView {
    view! {
        <div class="detainee warnings" id="custody-detainee">
            {move || {
                ctx.with(|r| Some(r.detainee.clone()))
                    .map(|d| {
                        let details = d.details.join(" · ");
                        view! {
                            <p class="heading-m detainee__name">{record_link(&d)}</p>
                            {(!details.is_empty()).then(|| view! { <p class="small">{details}</p> })}
                            <div id="custody-markers">
                                <MarkerBadges codes=d.markers.clone() />
                            </div>
                        }
                    })
            }}
            <ul class="tags" id="custody-risk-markers" aria-label="Risk markers">
                {move || {
                    ctx.with(|r| r.care.risk_markers.clone())
                        .into_iter()
                        .map(|m| view! { <li class="tag tag--risk">{m}</li> })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// The PACE clocks and the care clocks, counting down live.
#[component]
fn Clocks(ctx: RecordCtx) -> impl IntoView {
    let clock = ctx.clock;
    let open = move || ctx.is_open();
    view! {
        <section class="section" id="custody-clocks" aria-labelledby="custody-clocks-title">
            <h2 class="heading-l" id="custody-clocks-title">
                "Clocks"
            </h2>
            <dl class="summary-list clocks">
                {fact(
                    "Time in custody",
                    view! {
                        <span id="clock-time-in-custody">
                            {move || {
                                let (rel, mins) = ctx.with(|r| Some((r.relevant_time, r.clocks.time_in_custody_minutes)))
                                    .unwrap_or_default();
                                if open() { elapsed(rel, clock.now()) } else { minutes_text(mins) }
                            }}
                        </span>
                    },
                )}
                {fact(
                    "Next review",
                    view! {
                        <span id="clock-review">
                            {move || {
                                ctx.with(|r| Some((r.clocks.next_review_due, r.clocks.next_review_number, r.clocks.late_reviews)))
                                    .map(|(due, n, late)| {
                                        view! {
                                            {match due {
                                                Some(d) => view! {
                                                    <span class="clock-label">{format!("Review {n}: ")}</span>
                                                    {live_due(clock, d)}
                                                }
                                                    .into_any(),
                                                None => "—".into_any(),
                                            }}
                                            {(late > 0)
                                                .then(|| {
                                                    view! {
                                                        <span class="tag tag--overdue late-reviews">
                                                            {format!("{late} review(s) carried out late")}
                                                        </span>
                                                    }
                                                })}
                                        }
                                    })
                            }}
                        </span>
                    },
                )}
                {fact(
                    "Detention limit",
                    view! {
                        <span id="clock-limit">
                            {move || {
                                ctx.with(|r| Some((r.clocks.clone(), r.charged_at, r.state)))
                                    .map(|(c, charged, state)| {
                                        if c.limit_applies {
                                            view! {
                                                {live_due(clock, c.limit)}
                                                <span class="clock-basis">{format!(" – {}", basis_label(c.limit_basis))}</span>
                                            }
                                                .into_any()
                                        } else if charged.is_some() {
                                            "Charged: the limit on detention without charge no longer applies".into_any()
                                        } else if state == CustodyState::Closed {
                                            "Released".into_any()
                                        } else {
                                            "—".into_any()
                                        }
                                    })
                            }}
                        </span>
                    },
                )}
                {fact(
                    "Next visit",
                    view! {
                        <span id="clock-visit">
                            {move || {
                                ctx.with(|r| Some((r.care.next_visit_due, r.care.observation_level, r.state)))
                                    .map(|(due, level, state)| match due {
                                        Some(d) => live_due(clock, d).into_any(),
                                        None if state == CustodyState::Open && level >= 3 => {
                                            format!("Constant observation (level {level})").into_any()
                                        }
                                        None => "—".into_any(),
                                    })
                            }}
                        </span>
                    },
                )}
                <For
                    each=move || ctx.with(|r| r.medication.clone())
                    key=|m| (m.id, m.next_due)
                    let:m
                >
                    {fact(
                        "Next dose",
                        view! {
                            <span id=format!("clock-dose-{}", m.id) class="clock-dose">
                                <span class="clock-label">{format!("{} {}: ", m.prescription.medicine, m.prescription.dose)}</span>
                                {match m.next_due {
                                    Some(d) => live_due(clock, d).into_any(),
                                    None => "—".into_any(),
                                }}
                            </span>
                        },
                    )}
                </For>
            </dl>
        </section>
    }
}

/// The arrest, the decision and the rest of what was recorded on booking in.
#[component]
fn Facts(ctx: RecordCtx) -> impl IntoView {
    view! {
        <dl class="summary-list" id="custody-facts">
            {fact(
                "Suite and cell",
                move || {
                    ctx.with(|r| Some((r.suite.clone(), r.cell.clone())))
                        .map(|(s, c)| {
                            view! {
                                <A href=custody_board_path(s.id) attr:id="custody-suite-link">{s.name.clone()}</A>
                                <span id="custody-cell">
                                    {format!(", cell {}", c.unwrap_or_else(|| "not yet given".to_owned()))}
                                </span>
                            }
                        })
                },
            )}
            {fact(
                "Arrested",
                move || {
                    ctx.with(|r| {
                        format!(
                            "{} at {}, by {}",
                            r.arrest.at.map(local_time).unwrap_or_else(|| "—".to_owned()),
                            r.arrest.place,
                            r.arrest.officer
                        )
                    })
                },
            )}
            {fact(
                "Offences",
                move || {
                    ctx.with(|r| {
                        let mut s = r.offence_labels.join("; ");
                        if r.indictable {
                            s.push_str(" (indictable)");
                        }
                        s
                    })
                },
            )}
            {fact("Grounds", move || ctx.with(|r| r.arrest.grounds.clone()))}
            {fact("Necessity", move || ctx.with(|r| r.arrest.necessity.clone()))}
            {fact("Arrest Summons Number", move || ctx.with(|r| r.asn.clone()))}
            {fact("Relevant time", move || ctx.with(|r| local_time(r.relevant_time)))}
            {fact(
                "Decision",
                move || {
                    ctx.with(|r| {
                        let d = match r.decision.decision {
                            DetentionDecision::Authorised => "Detention authorised",
                            DetentionDecision::Refused => "Detention refused",
                        };
                        format!("{d} {} by {}: {}", local_time(r.decision.at), r.decision.by.name, r.decision.reason)
                    })
                },
            )}
            {fact(
                "Crime",
                move || {
                    ctx.with(|r| r.crime.clone())
                        .map(|c| record_crime_link(&c))
                        .unwrap_or_else(|| "—".into_any())
                },
            )}
            {fact(
                "Ethnicity and nationality",
                move || {
                    ctx.with(|r| {
                        format!(
                            "Self-defined {}, officer-defined {}; {}",
                            r.self_defined_ethnicity, r.officer_defined_ethnicity, r.nationality
                        )
                    })
                },
            )}
            {move || {
                ctx.with(|r| r.charged_at)
                    .map(|c| fact("Charged", local_time(c)))
            }}
            {move || {
                ctx.with(|r| r.disposal.clone())
                    .map(|d| {
                        let outcome = d.outcome.map(|o| o.label()).unwrap_or("Detention refused");
                        let bail = d
                            .bail_date
                            .map(|b| format!("; answer bail {}", b.format("%-d %b %Y")))
                            .unwrap_or_default();
                        fact(
                            "Disposal",
                            format!("{outcome}, {} by {}{bail}. {}", local_time(d.at), d.by.name, d.notes),
                        )
                    })
            }}
        </dl>
    }
}

fn record_crime_link(c: &bluelamp_shared::records::RecordSummary) -> AnyView {
    let href = crate::routes::crime_path(c.record.id);
    let label = c.label.clone();
    view! { <A href=href attr:id="custody-crime-link">{label}</A> }.into_any()
}

/// Every entry, newest first.
#[component]
fn EventsLog(ctx: RecordCtx) -> impl IntoView {
    view! {
        <section class="section" id="events" aria-labelledby="events-title">
            <h2 class="heading-l" id="events-title">
                "Events log"
            </h2>
            <ScrollTable id="custody-events" caption="Every entry of the record, newest first">
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"What"</th>
                        <th scope="col">"Recorded by"</th>
                        <th scope="col">"Recorded at"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || ctx.with(|r| r.entries.clone()) key=|e| e.id let:e>
                        <tr class="event-row" data-kind=e.entry.kind() data-entry=e.id.to_string()>
                            <td class="table__cell--nowrap">{local_time(e.at)}</td>
                            <td>{e.summary.clone()}</td>
                            <td>{e.recorded_by.name.clone()}</td>
                            <td class="table__cell--nowrap">{local_time(e.recorded_at)}</td>
                        </tr>
                    </For>
                </tbody>
            </ScrollTable>
        </section>
    }
}
