//! The Intelligence module: `/intelligence` (submit, the evaluation queue, searching disseminated
//! intelligence), the submission form, the report page with the grading screen, the protected
//! source register, the legacy import, and the intelligence panel shown on record pages.
//!
//! Every read of intelligence states a purpose (`X-Access-Purpose`): the app asks the user why
//! before it loads anything, and shows no count of anything before that.

pub mod legacy;
pub mod report;
pub mod sources;
pub mod submit;

use crate::api::{ApiError, AuthClient};
use crate::components::field::{described_by, FieldFrame};
use crate::components::loader::{load, loaded};
use crate::components::module_page::ModulePage;
use crate::components::permissions::can;
use crate::components::record::record_link;
use crate::components::table::ScrollTable;
use crate::components::time::{local_time, relative};
use crate::routes::{report_path, Page};
use crate::session::use_session;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::intelligence::{
    Assessment, HandlingCode, Priority, QueueItem, ReportDto, ReportState, SourceEvaluation, SourceKind,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

/// Purposes offered as suggestions (the user may type any other).
pub const COMMON_PURPOSES: [&str; 6] = [
    "Evaluating intelligence",
    "Investigation of a crime",
    "Safeguarding a vulnerable person",
    "Briefing before deployment",
    "Intelligence development",
    "Answering questions on my own report",
];

/// The label of a source evaluation, e.g. `1 – reliable`.
pub fn source_evaluation_label(s: SourceEvaluation) -> &'static str {
    match s {
        SourceEvaluation::Reliable => "1 – reliable",
        SourceEvaluation::Untested => "2 – untested",
        SourceEvaluation::NotReliable => "3 – not reliable",
    }
}

/// The label of an intelligence assessment, e.g. `A – known directly to the source`.
pub fn assessment_label(a: Assessment) -> &'static str {
    match a {
        Assessment::A => "A – known directly to the source",
        Assessment::B => "B – known indirectly to the source, corroborated",
        Assessment::C => "C – known indirectly to the source",
        Assessment::D => "D – not known",
        Assessment::E => "E – suspected to be false",
    }
}

/// The label of a handling code.
pub fn handling_label(h: HandlingCode) -> &'static str {
    match h {
        HandlingCode::P => "P – lawful sharing permitted",
        HandlingCode::C => "C – lawful sharing permitted with conditions",
    }
}

/// The label of a priority.
pub fn priority_label(p: Priority) -> &'static str {
    match p {
        Priority::High => "High – threat to life, serious harm, imminent",
        Priority::Medium => "Medium – time-critical",
        Priority::Low => "Low",
    }
}

/// The short name of a priority, for lists.
pub fn priority_short(p: Priority) -> &'static str {
    match p {
        Priority::High => "High",
        Priority::Medium => "Medium",
        Priority::Low => "Low",
    }
}

/// The label of a report state.
pub fn state_label(s: ReportState) -> &'static str {
    match s {
        ReportState::Submitted => "Submitted",
        ReportState::InEvaluation => "In evaluation",
        ReportState::Returned => "Returned with questions",
        ReportState::Disseminated => "Disseminated",
        ReportState::Archived => "Archived",
    }
}

/// The label of a kind of source.
pub fn source_kind_label(k: SourceKind) -> &'static str {
    match k {
        SourceKind::MemberOfPublic => "Member of the public",
        SourceKind::Officer => "Police officer or staff (own observation)",
        SourceKind::PartnerAgency => "Partner agency",
        SourceKind::Chis => "Covert human intelligence source (registered)",
        SourceKind::Anonymous => "Anonymous (for example Crimestoppers)",
        SourceKind::OpenSource => "Open source",
    }
}

/// Every kind of source, in the order offered.
pub const SOURCE_KINDS: [SourceKind; 6] = [
    SourceKind::MemberOfPublic,
    SourceKind::Officer,
    SourceKind::PartnerAgency,
    SourceKind::Chis,
    SourceKind::Anonymous,
    SourceKind::OpenSource,
];

/// Every priority, most urgent first.
pub const PRIORITIES: [Priority; 3] = [Priority::High, Priority::Medium, Priority::Low];

/// `(code, label)` options of the priorities.
pub fn priority_options() -> Vec<(String, String)> {
    PRIORITIES
        .iter()
        .map(|p| (p.code().to_owned(), priority_label(*p).to_owned()))
        .collect()
}

/// A date as `5 Mar 2027`.
pub fn fmt_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// Asks why the user needs to see intelligence: a text input (with common purposes offered) and
/// a submit button. `on_purpose` gets the purpose, trimmed.
#[component]
pub fn PurposeAsk(
    /// Element id of the input.
    input_id: &'static str,
    /// Element id of the submit button.
    submit_id: &'static str,
    /// The visible label of the input.
    label: &'static str,
    /// The text of the submit button.
    button: &'static str,
    /// Called with the purpose stated.
    on_purpose: Callback<String>,
    /// A problem from the server about the purpose (shown inline).
    #[prop(into, optional)]
    server_error: Signal<Option<String>>,
) -> impl IntoView {
    let purpose = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let shown_error = Signal::derive(move || error.get().or_else(|| server_error.get()));
    let list_id = format!("{input_id}-suggestions");
    let described = described_by(input_id, true, shown_error);
    view! {
        <form
            class="purpose-form"
            novalidate
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let p = purpose.get_untracked().trim().to_owned();
                if p.is_empty() {
                    error.set(Some("Say why you need to see this intelligence".to_owned()));
                    crate::components::focus_by_id(input_id);
                    return;
                }
                error.set(None);
                on_purpose.run(p);
            }
        >
            <FieldFrame
                id=input_id
                label=label
                hint=Some(
                    "Your reason is recorded in the audit log with your name. Choose a suggestion or type your own.",
                )
                error=shown_error
            >
                <input
                    class="input input--wide"
                    class:input--error=move || shown_error.with(Option::is_some)
                    id=input_id
                    name=input_id
                    type="text"
                    autocomplete="off"
                    list=list_id.clone()
                    aria-describedby=described
                    aria-invalid=move || if shown_error.with(Option::is_some) { "true" } else { "false" }
                    bind:value=purpose
                />
                <datalist id=list_id>
                    {COMMON_PURPOSES.iter().map(|p| view! { <option value=*p></option> }).collect_view()}
                </datalist>
            </FieldFrame>
            <button type="submit" class="button" id=submit_id>
                {button}
            </button>
        </form>
    }
}

/// The handling code and its conditions, in a prominent box (`.intel-handling`).
#[component]
pub fn HandlingBox(
    /// The report.
    report: ReportDto,
    /// Element id of the box, if it needs one.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let g = report.grading.clone().unwrap_or_default();
    let legacy = report.legacy_grading.clone();
    let conditions = g.handling_conditions.clone().filter(|c| !c.trim().is_empty());
    match (g.handling, legacy) {
        (Some(h), _) => {
            let code = h.code();
            view! {
                <div
                    class="intel-handling"
                    class:intel-handling--conditions=h == HandlingCode::C
                    id=id
                    data-handling=code
                    role="note"
                >
                    <p class="intel-handling__code">
                        <strong>{format!("Handling code {}", handling_label(h))}</strong>
                    </p>
                    {match (h, conditions) {
                        (HandlingCode::C, Some(c)) => view! {
                            <p class="intel-handling__title">"Conditions (must be followed wherever this is shared):"</p>
                            <p class="intel-conditions">{c}</p>
                        }
                            .into_any(),
                        (HandlingCode::C, None) => view! {
                            <p class="intel-conditions">"Conditions apply: ask the intelligence unit before sharing."</p>
                        }
                            .into_any(),
                        (HandlingCode::P, _) => ().into_any(),
                    }}
                </div>
            }
            .into_any()
        }
        (None, Some(l)) => view! {
            <div class="intel-handling" id=id data-handling=format!("legacy-{}", l.handling) role="note">
                <p class="intel-handling__code">
                    <strong>{format!("Legacy 5x5x5 handling code {}", l.handling)}</strong>
                </p>
                <p class="intel-conditions">"Graded on the old system: check the handling code before sharing."</p>
            </div>
        }
        .into_any(),
        (None, None) => ().into_any(),
    }
}

/// The grading's short form (`1A P`), or the legacy one (`B2/4`).
pub fn grading_text(r: &ReportDto) -> Option<String> {
    r.grading_short
        .clone()
        .or_else(|| r.grading.as_ref().and_then(|g| g.short()))
        .or_else(|| {
            r.legacy_grading
                .as_ref()
                .map(|l| format!("{} (5x5x5)", l.short()))
        })
}

/// One disseminated report in a list: reference, grading, handling box, sanitised text, state,
/// subjects (`article.intel-report`).
#[component]
pub fn ReportCard(
    /// The report.
    report: ReportDto,
) -> impl IntoView {
    let r = report;
    let grading = grading_text(&r).unwrap_or_else(|| "Not graded".to_owned());
    let review = r
        .grading
        .as_ref()
        .and_then(|g| g.review_date)
        .map(|d| format!(" · review by {}", fmt_date(d)))
        .unwrap_or_default();
    let text = r
        .sanitised_text
        .clone()
        .or_else(|| r.original_text.clone())
        .unwrap_or_default();
    let subjects = r.subjects.clone();
    let reference = r.reference.clone();
    let handling = view! { <HandlingBox report=r.clone() /> };
    view! {
        <article
            class="intel-report"
            data-report-id=r.id.to_string()
            data-state=r.state.code()
        >
            <h3 class="heading-m intel-report__title">
                <A href=report_path(r.id) attr:class="report-ref">
                    {reference}
                </A>
                " "
                <span class="tag tag--grading intel-grading" title="Grading (3x5x2)">
                    {grading}
                </span>
                " "
                <span class="tag tag--state intel-state" data-state=r.state.code()>
                    {state_label(r.state)}
                </span>
            </h3>
            {handling}
            <p class="intel-text">{text}</p>
            <p class="small">
                {format!(
                    "Priority: {} · obtained {}{}",
                    priority_short(r.priority),
                    local_time(r.obtained_at),
                    review,
                )}
            </p>
            {(!subjects.is_empty())
                .then(|| {
                    view! {
                        <p class="small intel-subjects">
                            "About: "
                            {subjects
                                .iter()
                                .enumerate()
                                .map(|(i, s)| view! { {(i > 0).then_some(", ")} {record_link(s)} })
                                .collect_view()}
                        </p>
                    }
                })}
        </article>
    }
}

/// A list of reports (or a sentence saying there are none).
fn report_list(list: Vec<ReportDto>, none: &'static str) -> AnyView {
    if list.is_empty() {
        return view! { <p class="body intel-none">{none}</p> }.into_any();
    }
    view! {
        <div class="intel-list">
            {list.into_iter().map(|r| view! { <ReportCard report=r /> }).collect_view()}
        </div>
    }
    .into_any()
}

/// The disseminated intelligence about one record, shown on its page (`#intelligence-panel`).
/// Nothing is loaded (and no count shown) until the user has said why they need it.
#[component]
pub fn IntelligencePanel(
    /// The record (person, organisation, object or location).
    subject_id: Uuid,
) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let state = RwSignal::new(None::<Option<Result<Vec<ReportDto>, ApiError>>>);
    let purpose_error = RwSignal::new(None::<String>);
    let on_purpose = Callback::new(move |p: String| {
        state.set(Some(None));
        purpose_error.set(None);
        spawn_local(async move {
            let r = client.intelligence(None, Some(subject_id), &p).await;
            if let Err(e) = &r {
                if e.needs_purpose() {
                    let _ = purpose_error.try_set(Some(e.message()));
                    let _ = state.try_set(None);
                    return;
                }
            }
            let _ = state.try_set(Some(Some(r)));
        });
    });
    view! {
        <section class="section intelligence-panel" id="intelligence-panel" aria-labelledby="intelligence-panel-title">
            <h2 class="heading-l" id="intelligence-panel-title">
                "Intelligence"
            </h2>
            {move || match state.get() {
                None => view! {
                    <PurposeAsk
                        input_id="intel-purpose"
                        submit_id="show-intelligence"
                        label="Why do you need to see intelligence about this record?"
                        button="Show intelligence"
                        on_purpose=on_purpose
                        server_error=purpose_error
                    />
                }
                    .into_any(),
                Some(None) => view! { <p class="small" role="status">"Loading intelligence…"</p> }.into_any(),
                Some(Some(Err(e))) => view! {
                    <p class="error-message" role="alert">{e.message()}</p>
                    <button type="button" class="button button--secondary" on:click=move |_| state.set(None)>
                        "Try again"
                    </button>
                }
                    .into_any(),
                Some(Some(Ok(list))) => view! {
                    <div id="intelligence-results" role="status">
                        {report_list(list, "There is no disseminated intelligence about this record that you may see.")}
                    </div>
                    <button
                        type="button"
                        class="button button--secondary button--small"
                        id="hide-intelligence"
                        on:click=move |_| state.set(None)
                    >
                        "Hide intelligence"
                    </button>
                }
                    .into_any(),
            }}
        </section>
    }
}

/// `/intelligence`: submit, the evaluation queue (intelligence officers), and search over
/// disseminated intelligence.
#[component]
pub fn IntelligencePage() -> impl IntoView {
    let can_submit = can(Capability::SubmitIntelligence);
    let can_evaluate = can(Capability::EvaluateIntelligence);
    let can_sources = can(Capability::ReadSourceRegister);
    view! {
        <ModulePage page=Page::Intelligence>
            <div class="button-group quick-actions">
                <Show when=move || can_submit.get()>
                    <A href=Page::NewIntelligence.path() attr:class="button" attr:id="submit-intelligence">
                        "Submit intelligence"
                    </A>
                </Show>
                <Show when=move || can_sources.get()>
                    <A
                        href=Page::IntelligenceSources.path()
                        attr:class="button button--secondary"
                        attr:id="source-register-link"
                    >
                        "Source register"
                    </A>
                </Show>
                <Show when=move || can_evaluate.get()>
                    <A
                        href=Page::LegacyIntelligence.path()
                        attr:class="button button--secondary"
                        attr:id="legacy-import-link"
                    >
                        "Import legacy intelligence"
                    </A>
                </Show>
            </div>
            <Show when=move || can_evaluate.get()>
                <EvaluationQueue />
            </Show>
            <IntelligenceSearch />
        </ModulePage>
    }
}

#[component]
fn EvaluationQueue() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0u32);
    let queue = load(reload, move || async move { client.report_queue().await });
    view! {
        <section class="section" id="evaluation-queue" aria-labelledby="evaluation-queue-title">
            <h2 class="heading-l" id="evaluation-queue-title">
                "Waiting for evaluation"
            </h2>
            <p class="hint">"Most urgent first, then oldest."</p>
            {loaded(
                queue,
                |list: Vec<QueueItem>| {
                    if list.is_empty() {
                        return view! {
                            <p class="body">"No reports are waiting for evaluation."</p>
                        }
                            .into_any();
                    }
                    view! {
                        <ScrollTable id="evaluation-queue-table" caption="Reports waiting for evaluation">
                            <thead>
                                <tr>
                                    <th scope="col">"Reference"</th>
                                    <th scope="col">"Priority"</th>
                                    <th scope="col">"Submitted"</th>
                                    <th scope="col">"About"</th>
                                    <th scope="col">"State"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .into_iter()
                                    .map(|q| {
                                        view! {
                                            <tr
                                                class="queue-row"
                                                class:queue-row--high=q.priority == Priority::High
                                                data-report-id=q.id.to_string()
                                                data-priority=q.priority.code()
                                            >
                                                <td>
                                                    <A href=report_path(q.id) attr:class="report-ref">
                                                        {q.reference.clone()}
                                                    </A>
                                                </td>
                                                <td class="queue-priority">
                                                    {if q.priority == Priority::High {
                                                        view! { <strong class="tag tag--overdue">"High"</strong> }.into_any()
                                                    } else {
                                                        view! { <span>{priority_short(q.priority)}</span> }.into_any()
                                                    }}
                                                </td>
                                                <td class="queue-age" title=local_time(q.submitted_at)>
                                                    {relative(q.submitted_at)}
                                                </td>
                                                <td class="queue-subjects">{q.subjects.join("; ")}</td>
                                                <td>{state_label(q.state)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </ScrollTable>
                    }
                        .into_any()
                },
            )}
        </section>
    }
}

/// Search over disseminated intelligence (`#intel-search`, with its purpose).
#[component]
fn IntelligenceSearch() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let q = RwSignal::new(String::new());
    let purpose = RwSignal::new(String::new());
    let q_error = RwSignal::new(None::<String>);
    let purpose_error = RwSignal::new(None::<String>);
    let results = RwSignal::new(None::<Option<Result<Vec<ReportDto>, ApiError>>>);
    let generation = StoredValue::new(0u64);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let words = q.get_untracked().trim().to_owned();
        let why = purpose.get_untracked().trim().to_owned();
        q_error.set(
            words
                .is_empty()
                .then(|| "Enter words or a report reference".to_owned()),
        );
        purpose_error.set(
            why.is_empty()
                .then(|| "Say why you are searching intelligence".to_owned()),
        );
        if words.is_empty() {
            crate::components::focus_by_id("intel-search");
            return;
        }
        if why.is_empty() {
            crate::components::focus_by_id("intel-search-purpose");
            return;
        }
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        results.set(Some(None));
        spawn_local(async move {
            let r = client.intelligence(Some(&words), None, &why).await;
            if generation.try_get_value() != Some(gen) {
                return;
            }
            if let Err(e) = &r {
                if e.needs_purpose() {
                    let _ = purpose_error.try_set(Some(e.message()));
                    let _ = results.try_set(None);
                    return;
                }
            }
            let _ = results.try_set(Some(Some(r)));
        });
    };
    view! {
        <section class="section" id="intel-search-section" aria-labelledby="intel-search-title">
            <h2 class="heading-l" id="intel-search-title">
                "Search disseminated intelligence"
            </h2>
            <form class="intel-search-form" novalidate role="search" on:submit=on_submit>
                <crate::components::field::TextField
                    id="intel-search"
                    label="Words or report reference"
                    hint="For example a name, a vehicle registration or NS-INT-2026-000031."
                    value=q
                    error=q_error
                />
                <crate::components::field::TextField
                    id="intel-search-purpose"
                    label="Why are you searching?"
                    hint="Your reason is recorded in the audit log with your name."
                    value=purpose
                    error=purpose_error
                />
                <button type="submit" class="button" id="intel-search-submit">
                    "Search intelligence"
                </button>
            </form>
            <div id="intel-results" aria-live="polite">
                {move || match results.get() {
                    None => ().into_any(),
                    Some(None) => view! { <p class="small" role="status">"Searching…"</p> }.into_any(),
                    Some(Some(Err(e))) => view! { <p class="error-message" role="alert">{e.message()}</p> }.into_any(),
                    Some(Some(Ok(list))) => report_list(list, "No disseminated intelligence you may see matches."),
                }}
            </div>
        </section>
    }
}
