//! The moves on a report: the grading screen (3x5x2, handling, review, sanitised text,
//! need-to-know restriction), the comments box, the buttons, and the transition each one sends.

use super::{action_label, field_id, summary_items};
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::ErrorItem;
use crate::components::field::{CheckboxField, SelectField, TextArea, TextField};
use crate::pages::intelligence::{
    assessment_label, handling_label, priority_options, source_evaluation_label,
};
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

/// The review date offered: three months from today.
pub(super) fn default_review(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_months(Months::new(3))
        .unwrap_or(today + chrono::Duration::days(91))
}

/// The grading screen and the comments, one signal per input.
#[derive(Debug, Clone, Copy)]
pub(super) struct GradeForm {
    source: RwSignal<String>,
    assessment: RwSignal<String>,
    handling: RwSignal<String>,
    conditions: RwSignal<String>,
    priority: RwSignal<String>,
    review: RwSignal<String>,
    sanitised: RwSignal<String>,
    restrict: RwSignal<bool>,
    grantee_role: RwSignal<String>,
    grantee_user: RwSignal<String>,
    pub(super) comments: RwSignal<String>,
    today: NaiveDate,
}

impl GradeForm {
    /// The grading screen, pre-filled with what is known.
    pub(super) fn new(report: RwSignal<ReportDto>, g0: &Grading, prefill: String, today: NaiveDate) -> Self {
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
        Self {
            source,
            assessment,
            handling,
            conditions,
            priority,
            review,
            sanitised,
            restrict,
            grantee_role,
            grantee_user,
            comments,
            today,
        }
    }

    /// The transition for move `a` and every problem with it (tracked).
    pub(super) fn request(self, a: ReportAction) -> (ReportTransition, Vec<FieldError>) {
        let today = self.today;
        let mut own = Vec::new();
        let mut t = ReportTransition {
            action: Some(a),
            ..Default::default()
        };
        match a {
            ReportAction::Disseminate => {
                t.grading = Some(self.grading(&mut own));
                t.sanitised_text = Some(self.sanitised.get().trim().to_owned()).filter(|s| !s.is_empty());
                if self.restrict.get() {
                    t.restriction = Some(self.restriction(&mut own));
                }
            }
            ReportAction::Return | ReportAction::Resubmit => {
                t.comments = Some(self.comments.get().trim().to_owned()).filter(|s| !s.is_empty());
            }
            ReportAction::StartEvaluation | ReportAction::Archive => {}
        }
        let mut all = check_report_action(a, &t, today);
        all.retain(|e| !own.iter().any(|o| o.path == e.path));
        all.extend(own);
        (t, all)
    }

    fn grading(self, own: &mut Vec<FieldError>) -> Grading {
        let h = HandlingCode::parse(self.handling.get().trim());
        let review_text = self.review.get();
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
        Grading {
            source_evaluation: SourceEvaluation::parse(self.source.get().trim()),
            assessment: Assessment::parse(self.assessment.get().trim()),
            handling: h,
            handling_conditions: (h == Some(HandlingCode::C))
                .then(|| self.conditions.get().trim().to_owned())
                .filter(|c| !c.is_empty()),
            priority: Priority::parse(self.priority.get().trim()),
            review_date,
        }
    }

    fn restriction(self, own: &mut Vec<FieldError>) -> Restriction {
        let mut grantees = Vec::new();
        if let Some(r) = Role::parse(self.grantee_role.get().trim()) {
            grantees.push(Grantee::Role(r));
        }
        let user = self.grantee_user.get();
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
        Restriction {
            restricted: true,
            grantees,
        }
    }
}

/// The message for the field with element id `id`.
fn error_of(errors: RwSignal<Vec<FieldError>>, id: &'static str) -> Signal<Option<String>> {
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
}

/// The page's moves: the report, who reads it and why, and where the outcome shows.
#[derive(Clone, Copy)]
pub(super) struct Moves {
    pub(super) client: AuthClient,
    pub(super) report: RwSignal<ReportDto>,
    pub(super) purpose: StoredValue<String>,
    pub(super) summary: RwSignal<Vec<ErrorItem>>,
    pub(super) errors: RwSignal<Vec<FieldError>>,
    pub(super) notice: RwSignal<Option<String>>,
    pub(super) busy: RwSignal<bool>,
    pub(super) form: GradeForm,
}

impl Moves {
    fn has(self, a: ReportAction) -> bool {
        self.report.with(|r| r.actions.contains(&a))
    }

    fn show(self, problems: Vec<FieldError>) {
        let _ = self.summary.try_set(summary_items(&problems));
        let _ = self.errors.try_set(problems);
        let _ = self.notice.try_set(None);
    }

    /// Makes move `a`: checked here first, then sent with the version loaded.
    fn go(self, a: ReportAction) {
        let Self {
            client,
            report,
            purpose,
            summary,
            errors,
            notice,
            busy,
            form,
        } = self;
        if busy.get_untracked() {
            return;
        }
        let (t, problems) = untrack(|| form.request(a));
        if !problems.is_empty() {
            self.show(problems);
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
                    let _ = form.comments.try_set(String::new());
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
                        self.show(fields);
                    }
                }
            }
        });
    }

    /// Messages go as soon as the field is put right.
    pub(super) fn recheck(self) {
        let Self {
            report, errors, form, ..
        } = self;
        Effect::new(move |_| {
            let shown: Vec<String> = errors.with(|es| es.iter().map(|e| e.path.clone()).collect());
            if shown.is_empty() {
                return;
            }
            let actions = report.with(|r| r.actions.clone());
            let mut found: Vec<FieldError> = Vec::new();
            for a in actions {
                found.extend(form.request(a).1);
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
    }
}

fn grading_options() -> [Signal<Vec<(String, String)>>; 3] {
    [
        Signal::derive(|| {
            [
                SourceEvaluation::Reliable,
                SourceEvaluation::Untested,
                SourceEvaluation::NotReliable,
            ]
            .iter()
            .map(|s| (s.code().to_owned(), source_evaluation_label(*s).to_owned()))
            .collect::<Vec<_>>()
        }),
        Signal::derive(|| {
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
        }),
        Signal::derive(|| {
            [HandlingCode::P, HandlingCode::C]
                .iter()
                .map(|h| (h.code().to_owned(), handling_label(*h).to_owned()))
                .collect::<Vec<_>>()
        }),
    ]
}

/// The grading screen (intelligence unit, when the report may be disseminated).
#[component]
pub(super) fn GradingScreen(moves: Moves) -> impl IntoView {
    let GradeForm {
        source,
        assessment,
        handling,
        conditions,
        priority,
        review,
        sanitised,
        restrict,
        grantee_role,
        grantee_user,
        ..
    } = moves.form;
    let errors = moves.errors;
    let e = move |id: &'static str| error_of(errors, id);
    let [source_options, assessment_options, handling_options] = grading_options();
    let priorities = Signal::derive(priority_options);
    let roles = Signal::derive(|| {
        Role::ALL
            .iter()
            .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let has = move |a: ReportAction| moves.has(a);
    move || {
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
    }
}

/// The comments box: answers (returned report, submitter) or questions (to return it).
#[component]
pub(super) fn CommentsBox(moves: Moves) -> impl IntoView {
    let (comments, errors) = (moves.form.comments, moves.errors);
    let e = move |id: &'static str| error_of(errors, id);
    let has = move |a: ReportAction| moves.has(a);
    move || {
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
    }
}

/// One button per move the caller may make now.
#[component]
pub(super) fn ActionButtons(moves: Moves) -> impl IntoView {
    let (report, busy) = (moves.report, moves.busy);
    let go = move |a: ReportAction| moves.go(a);
    move || {
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
    }
}
