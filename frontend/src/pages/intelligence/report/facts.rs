//! What a report says: the facts (grading, priority, dates, source, restriction), the handling
//! box, the disseminated and original texts, the subjects, questions and answers.

use crate::components::record::SummaryLine;
use crate::components::time::local_time;
use crate::pages::intelligence::{
    assessment_label, fmt_date, grading_text, priority_label, source_evaluation_label, HandlingBox,
};
use bluelamp_shared::intelligence::ReportDto;
use leptos::prelude::*;

fn fact(key: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{key}</dt>
            <dd class="summary-list__value">{value}</dd>
        </div>
    }
}

/// The facts of the report, as a summary list.
#[component]
pub(super) fn ReportFacts(report: RwSignal<ReportDto>) -> impl IntoView {
    move || {
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
    }
}

/// The handling box, the texts, the subjects, questions and answers.
#[component]
pub(super) fn ReportTexts(report: RwSignal<ReportDto>) -> impl IntoView {
    move || {
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
    }
}
