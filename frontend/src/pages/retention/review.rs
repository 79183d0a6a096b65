//! `/retention/{id}`: one record's retention review: the group that applies and the rules' reason,
//! a reviewer's override if any, when the review falls due and why, every decision, and two forms:
//! "Change the group" and "Decide the review" (the National Retention Assessment Criteria). Each form
//! is checked with the shared rules before it is sent, with `If-Match` for the review as read; the
//! server's answer is shown at once.

use super::{day_text, group_label, reason_text, GROUPS};
use crate::api::{ApiError, AuthClient};
use crate::components::create_form::CreateForm;
use crate::components::error_summary::keep_unfixed;
use crate::components::field::{fid, CheckboxField, ChoiceField, FieldsetFrame, TextArea, TextField};
use crate::components::loader::{id_page, load_into, RecordFrame};
use crate::components::section::Section;
use crate::components::time::{local_time, today};
use crate::routes::Page;
use crate::session::use_session;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::retention::reviews::{
    check_decision, check_override, NracAnswers, OverrideGroupRequest, RetentionDecisionDto,
    RetentionDecisionRequest, RetentionOutcome, ReviewDto,
};
use bluelamp_shared::retention::{add_years, MopiGroup};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

/// The group form's fields, top to bottom.
const GROUP_ORDER: &[&str] = &["group", "justification"];
/// The decision form's fields, top to bottom.
const DECISION_ORDER: &[&str] = &["nrac", "justification", "next_review_on"];

/// Field path → element id in the group form.
fn group_id(path: &str) -> String {
    fid("group", path)
}

/// Field path → element id in the decision form (`decision-nrac` is the first question's box).
fn decision_id(path: &str) -> String {
    fid("decision", path)
}

/// The element id of the `n`th NRAC question's box (0-based).
fn question_id(n: usize) -> String {
    if n == 0 {
        decision_id("nrac")
    } else {
        format!("{}-{}", decision_id("nrac"), n + 1)
    }
}

/// The page of one review.
#[component]
pub fn ReviewPage() -> impl IntoView {
    id_page(
        "Retention review",
        "Retention review",
        "There is no such record to review.",
        |id| view! { <Review id=id /> },
    )
}

/// Whether a write failed because the review changed meanwhile.
fn stale(e: &ApiError) -> bool {
    matches!(
        e.code(),
        Some(ErrorCode::PreconditionFailed | ErrorCode::Conflict)
    )
}

/// One review, loaded.
#[component]
fn Review(id: Uuid) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let review = RwSignal::new(None::<ReviewDto>);
    let failed = RwSignal::new(None::<ApiError>);
    load_into(None, review, failed, move || async move {
        client.retention_review(id).await
    });
    let loaded = Signal::derive(move || review.with(Option::is_some));
    view! {
        <RecordFrame
            title="Retention review"
            not_found="There is no such record to review."
            loaded=loaded
            failed=failed
        >
            <p class="body">
                <A href=Page::Retention.path() attr:id="back-to-retention">
                    "Back to the retention reviews"
                </A>
            </p>
            <h1 class="heading-xl" id="review-title">
                {move || review.with(|r| r.as_ref().map(|r| format!("Retention review: {}", r.reference)))}
            </h1>
            {move || review.get().map(summary)}
            <Section id="review-override" title="Group set by a reviewer">
                {move || review.get().map(|r| override_view(&r))}
            </Section>
            <Section id="review-decisions" title="Decisions">
                {move || review.get().map(|r| decisions_view(r.decisions))}
            </Section>
            <GroupForm id=id review=review />
            <DecisionForm id=id review=review />
        </RecordFrame>
    }
}

/// A row of a summary list.
fn row(key: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{key}</dt>
            <dd class="summary-list__value pre-line" style="overflow-wrap: anywhere">
                {value}
            </dd>
        </div>
    }
}

/// What the record is, its group and why, and when its review falls due.
fn summary(r: ReviewDto) -> impl IntoView {
    let group = match &r.overridden {
        Some(_) => format!("{} (overridden by a reviewer)", group_label(r.group)),
        None => group_label(r.group).to_owned(),
    };
    let due = if r.due {
        "Yes: it is due for review now".to_owned()
    } else {
        "No".to_owned()
    };
    let seriousness = (!r.derived_group.is_offence_group()).then(|| {
        row(
            "Seriousness of the offence",
            group_label(r.seriousness).to_owned(),
        )
    });
    view! {
        <dl class="summary-list" id="review-summary" data-group=r.group.code()>
            {row("Reference", r.reference.clone())}
            {row("What", r.summary.clone())}
            {row("Group", group)}
            {row("Group the rules gave", group_label(r.derived_group).to_owned())}
            {row("Why the rules gave it", r.derived_reason.clone())}
            {seriousness}
            {row("Review due on", day_text(r.review_due.on))}
            {row("Why then", reason_text(r.review_due.reason).to_owned())}
            {row("Due now", due)}
        </dl>
    }
}

/// The reviewer's override, or a sentence saying there is none.
fn override_view(r: &ReviewDto) -> AnyView {
    match &r.overridden {
        None => view! {
            <p class="body" id="review-override-none">
                "No reviewer has changed the group the rules gave."
            </p>
        }
        .into_any(),
        Some(o) => view! {
            <dl class="summary-list" id="review-override-details">
                {row("Group set", group_label(o.group).to_owned())}
                {row("Why", o.justification.clone())}
                {row("Set by", format!("{} ({})", o.by.display_name, o.by.collar_number))}
                {row("Set", local_time(o.at))}
            </dl>
        }
        .into_any(),
    }
}

/// The NRAC questions answered "yes", in words.
fn concerns(n: &NracAnswers) -> String {
    n.questions()
        .into_iter()
        .filter(|(_, yes)| *yes)
        .map(|(q, _)| q)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every decision, newest first.
fn decisions_view(all: Vec<RetentionDecisionDto>) -> AnyView {
    if all.is_empty() {
        return view! {
            <p class="body" id="review-decisions-none">
                "No decision has been made on this record yet."
            </p>
        }
        .into_any();
    }
    let items = all
        .into_iter()
        .map(|d| {
            let outcome = match d.outcome {
                RetentionOutcome::Retain => "Kept",
            };
            view! {
                <li class="retention-decision" data-decision=d.id.to_string()>
                    <h3 class="heading-s">
                        {format!("{outcome} until the review on {}", day_text(d.next_review_on))}
                    </h3>
                    <dl class="summary-list">
                        {row("Concerns", concerns(&d.nrac))}
                        {row("Why", d.justification.clone())}
                        {row("Next review", day_text(d.next_review_on))}
                        {row("Decided by", format!("{} ({})", d.by.display_name, d.by.collar_number))}
                        {row("Decided", local_time(d.at))}
                    </dl>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="list" id="review-decisions-list">{items}</ul> }.into_any()
}

/// Sends a write for the review as read (its version); when it changed meanwhile, the review is
/// read again (and the server's refusal shown).
async fn write_review(
    client: AuthClient,
    id: Uuid,
    review: RwSignal<Option<ReviewDto>>,
    result: Result<ReviewDto, ApiError>,
) -> Result<ReviewDto, ApiError> {
    if let Err(e) = &result {
        if stale(e) {
            if let Ok(fresh) = client.retention_review(id).await {
                let _ = review.try_set(Some(fresh));
            }
        }
    }
    result
}

/// "Change the group": a select of the five groups and a justification.
#[component]
fn GroupForm(id: Uuid, review: RwSignal<Option<ReviewDto>>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let current = review.with_untracked(|r| r.as_ref().map(|r| r.group.code()).unwrap_or("3"));
    let group = RwSignal::new(current.to_owned());
    let justification = RwSignal::new(String::new());
    let form = CreateForm::<OverrideGroupRequest>::new(GROUP_ORDER, group_id);
    let checked = move || {
        let req = OverrideGroupRequest {
            group: MopiGroup::parse(&group.get_untracked()).unwrap_or(MopiGroup::OtherOffences),
            justification: justification.get_untracked().trim().to_owned(),
        };
        let problems = check_override(&req);
        (req, problems)
    };
    form.recheck(vec![group, justification], move || checked().1);
    let on_submit = move || {
        let (req, problems) = checked();
        let version = review.with_untracked(|r| r.as_ref().map(|r| r.version).unwrap_or_default());
        form.submit(
            req,
            problems,
            move |req, _key| async move {
                let result = client.override_retention_group(id, &req, version).await;
                write_review(client, id, review, result).await
            },
            move |r: ReviewDto| {
                justification.set(String::new());
                group.set(r.group.code().to_owned());
                let text = format!(
                    "The group is now {}. The review is due on {}.",
                    group_label(r.group),
                    day_text(r.review_due.on)
                );
                review.set(Some(r));
                text
            },
        );
    };
    let options: Vec<(String, String)> = GROUPS
        .into_iter()
        .map(|g| (g.code().to_owned(), group_label(g).to_owned()))
        .collect();
    let fields = view! {
        <ChoiceField
            id=group_id("group")
            label="Group"
            hint="The group that applies to this record. The review date follows it."
            value=group
            options=options
            error=form.error_at("group")
        />
        <TextArea
            id=group_id("justification")
            label="Why the rules' group is wrong for this record"
            hint="At least 20 characters. Kept with the record and in its audit log."
            value=justification
            error=form.error_at("justification")
            rows=3
        />
    };
    view! {
        <Section id="review-group" title="Change the group">
            <p class="body">
                "Change the group only when the rules' group is wrong for this record, and say why."
            </p>
            {form.frame("group", "Change the group", "Changing the group…", on_submit, fields)}
        </Section>
    }
}

/// "Decide the review": the six NRAC questions, a justification and the next review's date.
#[component]
fn DecisionForm(id: Uuid, review: RwSignal<Option<ReviewDto>>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let answers: [RwSignal<bool>; 6] = std::array::from_fn(|_| RwSignal::new(false));
    let justification = RwSignal::new(String::new());
    let next_review_on = RwSignal::new(String::new());
    let form = CreateForm::<RetentionDecisionRequest>::new(DECISION_ORDER, decision_id);
    let checked = move || {
        let a = answers.map(|s| s.get_untracked());
        let nrac = NracAnswers {
            serious_harm: a[0],
            children_or_vulnerable_adults: a[1],
            breach_of_trust: a[2],
            links_increasing_risk: a[3],
            substance_misuse: a[4],
            mental_state: a[5],
        };
        let today = today();
        let typed = next_review_on.get_untracked();
        let date = NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d").ok();
        let req = RetentionDecisionRequest {
            outcome: RetentionOutcome::Retain,
            nrac,
            justification: justification.get_untracked().trim().to_owned(),
            next_review_on: date.unwrap_or(today),
        };
        // The browser does not have the groups' review periods: the server says when a date is too late.
        let mut problems = check_decision(&req, today, add_years(today, 100));
        if date.is_none() {
            problems.retain(|e| e.path != "next_review_on");
            let message = if typed.trim().is_empty() {
                "Enter the date of the next review"
            } else {
                "Enter the date of the next review as a real date"
            };
            problems.push(FieldError::new("next_review_on", "required", message));
        }
        (req, problems)
    };
    // After a failed submit, each message goes as soon as its field is put right.
    Effect::new(move |_| {
        for a in answers {
            a.track();
        }
        justification.track();
        next_review_on.track();
        keep_unfixed(form.errors, checked().1);
    });
    let on_submit = move || {
        let (req, problems) = checked();
        let version = review.with_untracked(|r| r.as_ref().map(|r| r.version).unwrap_or_default());
        form.submit(
            req,
            problems,
            move |req, _key| async move {
                let result = client.decide_retention_review(id, &req, version).await;
                write_review(client, id, review, result).await
            },
            move |r: ReviewDto| {
                for a in answers {
                    a.set(false);
                }
                justification.set(String::new());
                next_review_on.set(String::new());
                let text = format!(
                    "Your decision is recorded: the record is kept and reviewed again on {}.",
                    day_text(r.review_due.on)
                );
                review.set(Some(r));
                text
            },
        );
    };
    let questions = NracAnswers::default()
        .questions()
        .into_iter()
        .enumerate()
        .map(|(n, (q, _))| view! { <CheckboxField id=question_id(n) label=q checked=answers[n] /> })
        .collect_view();
    let fields = view! {
        <FieldsetFrame
            id=decision_id("nrac")
            legend="Which of these concerns apply?"
            hint=Some("Tick each question the answer to which is yes. A record is kept only for a concern.")
            error=form.error_at("nrac")
        >
            <div class="checkboxes">{questions}</div>
        </FieldsetFrame>
        <TextArea
            id=decision_id("justification")
            label="Why the record should be kept"
            hint="At least 20 characters. Kept with the record and in its audit log."
            value=justification
            error=form.error_at("justification")
            rows=4
        />
        <TextField
            id=decision_id("next_review_on")
            label="Date of the next review"
            input_type="date"
            hint="After today, and within the group's review period."
            value=next_review_on
            error=form.error_at("next_review_on")
        />
    };
    view! {
        <Section id="review-decide" title="Decide the review">
            <p class="body">
                "Answer the National Retention Assessment Criteria. If any concern applies, keep the record and set the date of its next review."
            </p>
            {form.frame("decision", "Keep the record", "Recording the decision…", on_submit, fields)}
        </Section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_have_their_own_ids() {
        assert_eq!(
            DECISION_ORDER.iter().map(|p| decision_id(p)).collect::<Vec<_>>(),
            [
                "decision-nrac",
                "decision-justification",
                "decision-next-review-on"
            ]
        );
        assert_eq!(
            GROUP_ORDER.iter().map(|p| group_id(p)).collect::<Vec<_>>(),
            ["group-group", "group-justification"]
        );
        assert_eq!(question_id(0), "decision-nrac");
        assert_eq!(question_id(5), "decision-nrac-6");
    }

    #[test]
    fn concerns_list_the_questions_answered_yes() {
        let n = NracAnswers {
            breach_of_trust: true,
            ..Default::default()
        };
        assert_eq!(concerns(&n), "Did the behaviour involve a breach of trust?");
    }
}
