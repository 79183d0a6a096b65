//! `/intelligence/reports/{id}`: one report. The page first asks why the user needs to see it
//! (the purpose goes to the audit log with every read), then shows the reference, state, grading,
//! handling conditions, the disseminated and (for the submitter and the intelligence unit) the
//! original text, subjects, questions and answers, and the moves the caller may make now: for the
//! intelligence unit the grading screen (3x5x2, sanitised text, need-to-know restriction), for the
//! submitter of a returned report the answers.

mod facts;
mod grading;

use self::facts::{ReportFacts, ReportTexts};
use self::grading::{ActionButtons, CommentsBox, GradeForm, GradingScreen, Moves};
use super::{state_label, PurposeAsk};
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::time::today;
use crate::routes::{set_document_title, Page};
use crate::session::use_session;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::intelligence::{ReportAction, ReportDto};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

/// What the page holds once the report is loaded.
#[derive(Debug, Clone)]
enum Load {
    /// The purpose has not been stated yet.
    Ask,
    /// Loading with the purpose stated.
    Loading,
    /// Loaded (with the purpose it was read under).
    Loaded(Box<ReportDto>, String),
    /// The report could not be loaded.
    Failed(ApiError),
}

/// `/intelligence/reports/:id`.
#[component]
pub fn ReportPage() -> impl IntoView {
    set_document_title("Intelligence report");
    let client = AuthClient::new(use_session());
    let id = crate::routes::use_path_id();
    let state = RwSignal::new(Load::Ask);
    let purpose_error = RwSignal::new(None::<String>);
    let generation = StoredValue::new(0u64);
    // Another report: ask again.
    Effect::new(move |prev: Option<Option<Uuid>>| {
        let now = id.get();
        if prev.is_some_and(|p| p != now) {
            state.set(Load::Ask);
            purpose_error.set(None);
        }
        now
    });
    let on_purpose = Callback::new(move |p: String| {
        let Some(id) = id.get_untracked() else {
            return;
        };
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        state.set(Load::Loading);
        purpose_error.set(None);
        spawn_local(async move {
            let r = client.report(id, &p).await;
            if generation.try_get_value() != Some(gen) {
                return;
            }
            let _ = state.try_set(match r {
                Ok(r) => {
                    set_document_title(&r.reference);
                    Load::Loaded(Box::new(r), p)
                }
                Err(e) if e.needs_purpose() => {
                    let _ = purpose_error.try_set(Some(e.message()));
                    Load::Ask
                }
                Err(e) => Load::Failed(e),
            });
        });
    });

    move || {
        if id.get().is_none() {
            return view! {
                <h1 class="heading-xl">"Intelligence report"</h1>
                <p class="error-message" role="alert">"There is no such report."</p>
            }
            .into_any();
        }
        match state.get() {
            Load::Ask => view! {
                <p class="caption">"Intelligence"</p>
                <h1 class="heading-xl">"Intelligence report"</h1>
                <div class="notice" role="region" aria-labelledby="purpose-title">
                    <h2 class="heading-m" id="purpose-title">
                        "State your purpose"
                    </h2>
                    <p class="body">"Intelligence is shown only for a stated purpose."</p>
                    <PurposeAsk
                        input_id="access-purpose"
                        submit_id="access-submit"
                        label="Why do you need to see this report?"
                        button="Show the report"
                        on_purpose=on_purpose
                        server_error=purpose_error
                    />
                </div>
            }
            .into_any(),
            Load::Loading => view! {
                <p class="body" role="status">
                    "Loading…"
                </p>
            }
            .into_any(),
            Load::Failed(e) => view! {
                <h1 class="heading-xl">"Intelligence report"</h1>
                <p class="error-message" role="alert" id="report-error">
                    {match e {
                        ApiError::Unexpected { status: 404 } => "There is no such report.".to_owned(),
                        ApiError::Problem(p) if p.code == ErrorCode::NotFound => {
                            "There is no such report, or you may not see it.".to_owned()
                        }
                        e => e.message(),
                    }}
                </p>
                <p class="body">
                    <A href=Page::Intelligence.path()>"Back to Intelligence"</A>
                </p>
            }
            .into_any(),
            Load::Loaded(r, purpose) => view! { <ReportView report=*r purpose=purpose /> }.into_any(),
        }
    }
}

/// The label of a move, on its button.
fn action_label(a: ReportAction) -> &'static str {
    match a {
        ReportAction::StartEvaluation => "Start evaluation",
        ReportAction::Return => "Return with questions",
        ReportAction::Resubmit => "Send answers and resubmit",
        ReportAction::Disseminate => "Grade and disseminate",
        ReportAction::Archive => "Archive",
    }
}

/// Field path of a move → element id (`None`: a problem for the summary only).
fn field_id(path: &str) -> Option<&'static str> {
    let parts: Vec<&str> = path.split('.').collect();
    Some(match parts.as_slice() {
        ["grading", "source_evaluation", ..] => "grade-source",
        ["grading", "assessment", ..] => "grade-assessment",
        ["grading", "handling", ..] => "grade-handling",
        ["grading", "handling_conditions", ..] => "grade-conditions",
        ["grading", "priority", ..] => "grade-priority",
        ["grading", "review_date", ..] => "grade-review-date",
        ["grading", ..] => "grade-source",
        ["sanitised_text", ..] => "sanitised-text",
        ["comments", ..] => "report-comments",
        ["restriction", "grantees", ..] => "restrict-role",
        ["restriction", ..] => "restrict",
        _ => return None,
    })
}

/// The order of the grading screen (element ids), for the error summary.
const ORDER: &[&str] = &[
    "grade-source",
    "grade-assessment",
    "grade-handling",
    "grade-conditions",
    "grade-priority",
    "grade-review-date",
    "sanitised-text",
    "restrict",
    "restrict-role",
    "restrict-user",
    "report-comments",
];

fn summary_items(errors: &[FieldError]) -> Vec<ErrorItem> {
    let mut items: Vec<(usize, ErrorItem)> = errors
        .iter()
        .map(|e| match field_id(&e.path) {
            Some(id) => (
                ORDER.iter().position(|o| *o == id).unwrap_or(ORDER.len()),
                ErrorItem::field(id, e.message.clone()),
            ),
            None => (ORDER.len(), ErrorItem::general(e.message.clone())),
        })
        .collect();
    items.sort_by_key(|(p, _)| *p);
    items.dedup_by(|a, b| a.1 == b.1);
    items.into_iter().map(|(_, i)| i).collect()
}

#[component]
fn ReportView(report: ReportDto, purpose: String) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let today = today();
    let g0 = report.grading.clone().unwrap_or_default();
    let prefill = report
        .sanitised_text
        .clone()
        .or_else(|| report.original_text.clone())
        .unwrap_or_default();
    let report = RwSignal::new(report);
    let purpose = StoredValue::new(purpose);
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let form = GradeForm::new(report, &g0, prefill, today);
    let moves = Moves {
        client,
        report,
        purpose,
        summary,
        errors,
        notice,
        busy,
        form,
    };
    moves.recheck();

    view! {
        <p class="caption">"Intelligence report"</p>
        <h1 class="heading-xl" id="report-reference">
            {move || report.with(|r| r.reference.clone())}
        </h1>
        <p class="body">
            <strong
                class="tag tag--state"
                id="report-state"
                data-state=move || report.with(|r| r.state.code())
            >
                {move || report.with(|r| state_label(r.state))}
            </strong>
        </p>
        <ErrorSummary items=summary id="report-error-summary" />
        <p class="body notice-text" id="report-notice" role="status">
            {move || notice.get()}
        </p>
        <ReportFacts report=report />
        <ReportTexts report=report />
        <section class="section workflow" id="report-actions" aria-labelledby="report-actions-title">
            <h2 class="heading-l" id="report-actions-title">
                "Next steps"
            </h2>
            {move || {
                report
                    .with(|r| r.actions.is_empty())
                    .then(|| view! { <p class="body">"There is nothing for you to do to this report now."</p> })
            }}
            <GradingScreen moves=moves />
            <CommentsBox moves=moves />
            <div class="button-group">
                <ActionButtons moves=moves />
            </div>
        </section>
        <p class="body">
            <A href=Page::Intelligence.path()>"Back to Intelligence"</A>
        </p>
    }
}
