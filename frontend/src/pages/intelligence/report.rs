//! `/intelligence/reports/{id}`: one report. The page first asks why the user needs to see it
//! (the purpose goes to the audit log with every read), then shows the reference, state, grading,
//! handling conditions, the disseminated and (for the submitter and the intelligence unit) the
//! original text, subjects, questions and answers, and the moves the caller may make now: for the
//! intelligence unit the grading screen (3x5x2, sanitised text, need-to-know restriction), for the
//! submitter of a returned report the answers.

use super::{
    assessment_label, fmt_date, grading_text, handling_label, priority_label, priority_options,
    source_evaluation_label, state_label, HandlingBox, PurposeAsk,
};
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::field::{CheckboxField, SelectField, TextArea, TextField};
use crate::components::record::SummaryLine;
use crate::components::time::{local_time, today};
use crate::routes::{set_document_title, Page};
use crate::session::use_session;
use bluelamp_shared::auth::Role;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::ids::UserId;
use bluelamp_shared::intelligence::{
    check_report_action, Assessment, Grading, HandlingCode, Priority, ReportAction, ReportDto, ReportState,
    ReportTransition, SourceEvaluation,
};
use bluelamp_shared::records::{Grantee, Restriction};
use chrono::{Months, NaiveDate};
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

/// The review date offered: three months from today.
fn default_review(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_months(Months::new(3))
        .unwrap_or(today + chrono::Duration::days(91))
}

fn fact(key: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{key}</dt>
            <dd class="summary-list__value">{value}</dd>
        </div>
    }
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

    // The grading screen, pre-filled with what is known.
    let source = RwSignal::new(
        g0.source_evaluation
            .map(|s| s.code().to_owned())
            .unwrap_or_default(),
    );
    let assessment = RwSignal::new(g0.assessment.map(|s| s.code().to_owned()).unwrap_or_default());
    let handling = RwSignal::new(g0.handling.map(|s| s.code().to_owned()).unwrap_or_default());
    let conditions = RwSignal::new(g0.handling_conditions.clone().unwrap_or_default());
    let priority = RwSignal::new(
        g0.priority
            .unwrap_or_else(|| report.with_untracked(|r| r.priority))
            .code()
            .to_owned(),
    );
    let review = RwSignal::new(
        g0.review_date
            .filter(|d| *d > today)
            .unwrap_or_else(|| default_review(today))
            .format("%Y-%m-%d")
            .to_string(),
    );
    let sanitised = RwSignal::new(prefill);
    // Until it is disseminated every report is restricted to the intelligence unit: that is no
    // need-to-know choice, so the screen starts unrestricted (only a disseminated report's
    // restriction is the unit's choice).
    let restricted0 = report.with_untracked(|r| {
        if r.state == ReportState::Disseminated {
            r.meta.restriction.clone()
        } else {
            Restriction::default()
        }
    });
    let restrict = RwSignal::new(restricted0.restricted);
    let grantee_role = RwSignal::new(
        restricted0
            .grantees
            .iter()
            .find_map(|g| match g {
                Grantee::Role(r) => Some(r.as_str().to_owned()),
                Grantee::User(_) => None,
            })
            .unwrap_or_else(|| Role::IntelligenceOfficer.as_str().to_owned()),
    );
    let grantee_user = RwSignal::new(String::new());
    let comments = RwSignal::new(String::new());

    let request = move |a: ReportAction| -> (ReportTransition, Vec<FieldError>) {
        let mut own = Vec::new();
        let mut t = ReportTransition {
            action: Some(a),
            ..Default::default()
        };
        match a {
            ReportAction::Disseminate => {
                let h = HandlingCode::parse(handling.get().trim());
                let review_text = review.get();
                let review_date = if review_text.trim().is_empty() {
                    None
                } else {
                    let d = NaiveDate::parse_from_str(review_text.trim(), "%Y-%m-%d").ok();
                    if d.is_none() {
                        own.push(FieldError::new(
                            "grading.review_date",
                            "format",
                            "Enter the review date as a real date",
                        ));
                    }
                    d
                };
                t.grading = Some(Grading {
                    source_evaluation: SourceEvaluation::parse(source.get().trim()),
                    assessment: Assessment::parse(assessment.get().trim()),
                    handling: h,
                    handling_conditions: (h == Some(HandlingCode::C))
                        .then(|| conditions.get().trim().to_owned())
                        .filter(|c| !c.is_empty()),
                    priority: Priority::parse(priority.get().trim()),
                    review_date,
                });
                t.sanitised_text = Some(sanitised.get().trim().to_owned()).filter(|s| !s.is_empty());
                if restrict.get() {
                    let mut grantees = Vec::new();
                    if let Some(r) = Role::parse(grantee_role.get().trim()) {
                        grantees.push(Grantee::Role(r));
                    }
                    let user = grantee_user.get();
                    if !user.trim().is_empty() {
                        match user.trim().parse::<UserId>() {
                            Ok(u) => grantees.push(Grantee::User(u)),
                            Err(_) => own.push(FieldError::new(
                                "restriction.grantees.user",
                                "format",
                                "Enter the user's id, or leave it empty",
                            )),
                        }
                    }
                    t.restriction = Some(Restriction {
                        restricted: true,
                        grantees,
                    });
                }
            }
            ReportAction::Return | ReportAction::Resubmit => {
                t.comments = Some(comments.get().trim().to_owned()).filter(|s| !s.is_empty());
            }
            ReportAction::StartEvaluation | ReportAction::Archive => {}
        }
        let mut all = check_report_action(a, &t, today);
        all.retain(|e| !own.iter().any(|o| o.path == e.path));
        all.extend(own);
        (t, all)
    };

    let show = move |problems: Vec<FieldError>| {
        let _ = summary.try_set(summary_items(&problems));
        let _ = errors.try_set(problems);
        let _ = notice.try_set(None);
    };

    let go = move |a: ReportAction| {
        if busy.get_untracked() {
            return;
        }
        let (t, problems) = untrack(|| request(a));
        if !problems.is_empty() {
            show(problems);
            return;
        }
        let (id, version) = report.with_untracked(|r| (r.id, r.meta.version));
        busy.set(true);
        spawn_local(async move {
            let p = purpose.get_value();
            let r = client.report_transition(id, &t, version, &p).await;
            let _ = busy.try_set(false);
            match r {
                Ok(r) => {
                    let _ = report.try_set(r);
                    let _ = comments.try_set(String::new());
                    let _ = summary.try_set(Vec::new());
                    let _ = errors.try_set(Vec::new());
                    let _ = notice.try_set(Some(format!("Done: {}.", action_label(a).to_lowercase())));
                }
                Err(ApiError::Problem(pr)) if pr.code == ErrorCode::PreconditionFailed => {
                    match pr
                        .current
                        .clone()
                        .and_then(|v| serde_json::from_value::<ReportDto>(v).ok())
                    {
                        Some(r) => {
                            let _ = report.try_set(r);
                        }
                        None => {
                            if let Ok(r) = client.report(id, &p).await {
                                let _ = report.try_set(r);
                            }
                        }
                    }
                    let _ = errors.try_set(Vec::new());
                    let _ = summary.try_set(vec![ErrorItem::general(
                        "Someone else changed this report while you were working on it. The page now shows it as it is: check it and try again.",
                    )]);
                }
                Err(e) => {
                    let fields = e.field_errors().to_vec();
                    if fields.is_empty() {
                        let _ = errors.try_set(Vec::new());
                        let _ = summary.try_set(vec![ErrorItem::general(e.message())]);
                    } else {
                        show(fields);
                    }
                }
            }
        });
    };

    // Messages go as soon as the field is put right.
    Effect::new(move |_| {
        let shown: Vec<String> = errors.with(|es| es.iter().map(|e| e.path.clone()).collect());
        if shown.is_empty() {
            return;
        }
        let actions = report.with(|r| r.actions.clone());
        let mut found: Vec<FieldError> = Vec::new();
        for a in actions {
            found.extend(request(a).1);
        }
        let kept: Vec<FieldError> = errors.with_untracked(|es| {
            es.iter()
                .filter(|e| found.iter().any(|f| f.path == e.path) || field_id(&e.path).is_none())
                .cloned()
                .collect()
        });
        if kept.len() != shown.len() {
            errors.set(kept);
        }
    });

    let e = move |id: &'static str| {
        Signal::derive(move || {
            errors.with(|es| {
                es.iter()
                    .find(|e| {
                        field_id(&e.path) == Some(id)
                            || (id == "restrict-user" && e.path == "restriction.grantees.user")
                    })
                    .map(|e| e.message.clone())
            })
        })
    };
    let has = move |a: ReportAction| report.with(|r| r.actions.contains(&a));

    let source_options = Signal::derive(|| {
        [
            SourceEvaluation::Reliable,
            SourceEvaluation::Untested,
            SourceEvaluation::NotReliable,
        ]
        .iter()
        .map(|s| (s.code().to_owned(), source_evaluation_label(*s).to_owned()))
        .collect::<Vec<_>>()
    });
    let assessment_options = Signal::derive(|| {
        [
            Assessment::A,
            Assessment::B,
            Assessment::C,
            Assessment::D,
            Assessment::E,
        ]
        .iter()
        .map(|a| (a.code().to_owned(), assessment_label(*a).to_owned()))
        .collect::<Vec<_>>()
    });
    let handling_options = Signal::derive(|| {
        [HandlingCode::P, HandlingCode::C]
            .iter()
            .map(|h| (h.code().to_owned(), handling_label(*h).to_owned()))
            .collect::<Vec<_>>()
    });
    let priorities = Signal::derive(priority_options);
    let roles = Signal::derive(|| {
        Role::ALL
            .iter()
            .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
            .collect::<Vec<_>>()
    });

    let facts = move || {
        let r = report.get();
        let g = r.grading.clone().unwrap_or_default();
        view! {
            <dl class="summary-list" id="report-facts">
                {fact(
                    "Grading",
                    view! {
                        <strong id="report-grading" class="intel-grading">
                            {grading_text(&r).unwrap_or_else(|| "Not graded yet".to_owned())}
                        </strong>
                    },
                )}
                {r.legacy_grading
                    .clone()
                    .map(|l| fact("Original 5x5x5 grading", view! { <span id="report-legacy-grading">{l.short()}</span> }))}
                {g.source_evaluation.map(|s| fact("Source evaluation", source_evaluation_label(s)))}
                {g.assessment.map(|a| fact("Intelligence assessment", assessment_label(a)))}
                {fact("Priority", view! { <span id="report-priority">{priority_label(g.priority.unwrap_or(r.priority))}</span> })}
                {g.review_date.map(|d| fact("Review by", view! { <span id="report-review-date">{fmt_date(d)}</span> }))}
                {fact("Obtained", local_time(r.obtained_at))}
                {r.obtained_where.clone().map(|w| fact("Where obtained", view! { <span id="report-obtained-where">{w}</span> }))}
                {r.source_reference.clone().map(|s| fact("Source reference", view! { <span id="report-source-reference">{s}</span> }))}
                {r.submitted_by
                    .clone()
                    .map(|u| fact("Submitted by", format!("{} ({})", u.display_name, u.collar_number)))}
                {fact(
                    "Restriction",
                    if r.meta.restriction.restricted { "Restricted (need to know)" } else { "Not restricted" },
                )}
                {fact("Owning force", r.meta.force.to_string())}
            </dl>
        }
    };

    let texts = move || {
        let r = report.get();
        view! {
            <HandlingBox report=r.clone() id="report-handling" />
            {r.sanitised_text
                .clone()
                .map(|t| {
                    view! {
                        <section class="section" aria-labelledby="report-sanitised-title">
                            <h2 class="heading-l" id="report-sanitised-title">
                                "Disseminated text"
                            </h2>
                            <p class="intel-text" id="report-sanitised-text">{t}</p>
                        </section>
                    }
                })}
            {r.original_text
                .clone()
                .map(|t| {
                    view! {
                        <section class="section" aria-labelledby="report-original-title">
                            <h2 class="heading-l" id="report-original-title">
                                "Original text"
                            </h2>
                            <p class="hint">"Only the submitter and the intelligence unit see this."</p>
                            <p class="intel-text intel-text--original" id="report-original-text">{t}</p>
                        </section>
                    }
                })}
            <section class="section" aria-labelledby="report-subjects-title">
                <h2 class="heading-l" id="report-subjects-title">
                    "About"
                </h2>
                {if r.subjects.is_empty() {
                    view! { <p class="body" id="report-subjects">"No subject you may see."</p> }.into_any()
                } else {
                    view! {
                        <ul class="list link-list" id="report-subjects">
                            {r.subjects
                                .iter()
                                .map(|s| view! { <li class="link-list__item report-subject"><SummaryLine summary=s.clone() /></li> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </section>
            {(r.questions.is_some() || r.answers.is_some())
                .then(|| {
                    view! {
                        <section class="section" aria-labelledby="report-qa-title">
                            <h2 class="heading-l" id="report-qa-title">
                                "Questions and answers"
                            </h2>
                            <dl class="summary-list">
                                {r.questions
                                    .clone()
                                    .map(|q| fact("Questions from the intelligence unit", view! { <span id="report-questions" class="intel-text">{q}</span> }))}
                                {r.answers
                                    .clone()
                                    .map(|a| fact("Answers", view! { <span id="report-answers" class="intel-text">{a}</span> }))}
                            </dl>
                        </section>
                    }
                })}
        }
    };

    let grading_screen = move || {
        has(ReportAction::Disseminate).then(|| {
            view! {
                <fieldset class="fieldset grading" id="grading">
                    <legend class="fieldset__legend">"Grade (3x5x2)"</legend>
                    <SelectField
                        id="grade-source"
                        label="Source evaluation"
                        value=source
                        options=source_options
                        error=e("grade-source")
                        empty="Choose"
                    />
                    <SelectField
                        id="grade-assessment"
                        label="Intelligence assessment"
                        value=assessment
                        options=assessment_options
                        error=e("grade-assessment")
                        empty="Choose"
                    />
                    <SelectField
                        id="grade-handling"
                        label="Handling code"
                        value=handling
                        options=handling_options
                        error=e("grade-handling")
                        empty="Choose"
                    />
                    <Show when=move || handling.with(|h| h == "C")>
                        <TextArea
                            id="grade-conditions"
                            label="Handling conditions"
                            hint="Required with code C: shown wherever this intelligence is shown, and on exports."
                            value=conditions
                            error=e("grade-conditions")
                            rows=3
                        />
                    </Show>
                    <SelectField
                        id="grade-priority"
                        label="Priority"
                        value=priority
                        options=priorities
                        error=e("grade-priority")
                        empty="Choose"
                    />
                    <TextField
                        id="grade-review-date"
                        label="Review by"
                        hint="At least every two years; three months is offered."
                        input_type="date"
                        value=review
                        error=e("grade-review-date")
                    />
                    <TextArea
                        id="sanitised-text"
                        label="Sanitised text to disseminate"
                        hint="Edit the submitter's words: remove everything that could identify the source."
                        value=sanitised
                        error=e("sanitised-text")
                        rows=8
                    />
                    <CheckboxField id="restrict" label="Restrict to those who need to know" checked=restrict />
                    <Show when=move || restrict.get()>
                        <div class="row-group">
                            <SelectField
                                id="restrict-role"
                                label="Visible to holders of the role"
                                value=grantee_role
                                options=roles
                                error=e("restrict-role")
                                empty="No role"
                            />
                            <TextField
                                id="restrict-user"
                                label="And to this user (id, optional)"
                                value=grantee_user
                                error=e("restrict-user")
                            />
                            <p class="hint">"A restricted report is never shared with other forces."</p>
                        </div>
                    </Show>
                </fieldset>
            }
        })
    };

    let comments_box = move || {
        let label = if has(ReportAction::Resubmit) {
            Some("Your answers to the questions")
        } else if has(ReportAction::Return) {
            Some("Questions for the submitter (to return the report)")
        } else {
            None
        };
        label.map(|label| {
            view! { <TextArea id="report-comments" label=label value=comments error=e("report-comments") rows=4 /> }
        })
    };

    let buttons = move || {
        report
            .with(|r| r.actions.clone())
            .into_iter()
            .map(|a| {
                let secondary = matches!(a, ReportAction::Return | ReportAction::Archive);
                view! {
                    <button
                        type="button"
                        class="button"
                        class:button--secondary=secondary
                        id=format!("action-{}", a.as_str())
                        data-action=a.as_str()
                        aria-disabled=move || busy.get().to_string()
                        on:click=move |_| go(a)
                    >
                        {action_label(a)}
                    </button>
                }
            })
            .collect_view()
    };

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
        {facts}
        {texts}
        <section class="section workflow" id="report-actions" aria-labelledby="report-actions-title">
            <h2 class="heading-l" id="report-actions-title">
                "Next steps"
            </h2>
            {move || {
                report
                    .with(|r| r.actions.is_empty())
                    .then(|| view! { <p class="body">"There is nothing for you to do to this report now."</p> })
            }}
            {grading_screen}
            {comments_box}
            <div class="button-group">{buttons}</div>
        </section>
        <p class="body">
            <A href=Page::Intelligence.path()>"Back to Intelligence"</A>
        </p>
    }
}
