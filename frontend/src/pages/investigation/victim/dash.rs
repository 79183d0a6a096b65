//! A victim's DASH risk assessments, and the form to record one (scored as it is answered).

use super::level_label;
use crate::components::field::{SelectField, TextField};
use crate::components::record::use_reference_data;
use crate::components::time::local_time;
use crate::pages::investigation::crime::CrimeCtx;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::victims::{
    check_dash, dash_level, dash_score, DashAnswer, DashDto, DashRequest, RiskLevel,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;
use uuid::Uuid;

/// The assessments made so far.
#[component]
fn DashResults(dash: Vec<DashDto>) -> impl IntoView {
    dash.iter()
        .map(|d| {
            view! {
                <p class="body dash-result" data-level=d.level.as_str()>
                    {format!(
                        "{}: score {}, {}{} ({} {})",
                        local_time(d.at),
                        d.score,
                        level_label(d.level),
                        if d.level != d.scored_level { " by professional judgement" } else { "" },
                        d.by.display_name,
                        d.by.collar_number,
                    )}
                </p>
            }
        })
        .collect_view()
}

/// One DASH question, answered yes, no or not known.
#[component]
fn DashQuestion(
    /// The radios' name (the first radio's id).
    name: String,
    n: u32,
    /// The question.
    question: String,
    answers: RwSignal<BTreeMap<u32, DashAnswer>>,
) -> impl IntoView {
    let radio = move |a: DashAnswer, text: &'static str, suffix: &'static str| {
        let rid = format!("{name}-{suffix}");
        let first = suffix == "yes";
        view! {
            <span class="radios__item">
                <input
                    class="radios__input"
                    type="radio"
                    id=if first { name.clone() } else { rid.clone() }
                    name=name.clone()
                    prop:checked=move || answers.with(|m| m.get(&n) == Some(&a))
                    on:change=move |_| answers.update(|m| {
                        m.insert(n, a);
                    })
                />
                <label class="label radios__label" for=if first { name.clone() } else { rid }>
                    {text}
                </label>
            </span>
        }
    };
    view! {
        <fieldset class="fieldset dash-question">
            <legend class="fieldset__legend fieldset__legend--s">{format!("{n}. {question}")}</legend>
            <div class="radios radios--inline">
                {radio(DashAnswer::Yes, "Yes", "yes")}
                {radio(DashAnswer::No, "No", "no")}
                {radio(DashAnswer::NotKnown, "Not known", "not-known")}
            </div>
        </fieldset>
    }
}

/// The DASH assessments made and the form.
#[component]
pub(super) fn DashDetails(
    ctx: CrimeCtx,
    vid: Uuid,
    dash: Vec<DashDto>,
    /// Id prefix (`victim-{id}`).
    p: String,
) -> impl IntoView {
    let refdata = use_reference_data();
    // DASH.
    let answers = RwSignal::new(BTreeMap::<u32, DashAnswer>::new());
    let judgement = RwSignal::new(String::new());
    let judgement_reason = RwSignal::new(String::new());
    let dash_request = move || DashRequest {
        answers: answers.get(),
        professional_judgement: RiskLevel::parse(&judgement.get()),
        judgement_reason: Some(judgement_reason.get().trim().to_owned()).filter(|s| !s.is_empty()),
    };
    let questions =
        move || refdata.with(|d| d.as_ref().map(|d| d.dash_questions.clone()).unwrap_or_default());
    let prefix = p.clone();
    let submit_dash = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = untrack(dash_request);
        let numbers: Vec<u32> = untrack(questions).iter().map(|q| q.number).collect();
        if let Err(problems) = check_dash(&req, &numbers) {
            let problems: Vec<FieldError> = problems
                .into_iter()
                .map(|e| FieldError {
                    path: format!("dash.{}", e.path),
                    ..e
                })
                .collect();
            ctx.invalid(&prefix, &problems);
            return;
        }
        let prefix = prefix.clone();
        spawn_local(async move {
            match ctx.client.dash(vid, &req).await {
                Ok(_) => ctx.saved(None, "DASH assessment recorded."),
                Err(e) => ctx.fail(&prefix, e),
            }
        });
    };
    let levels = Signal::derive(|| {
        [RiskLevel::Medium, RiskLevel::High]
            .into_iter()
            .map(|l| (l.as_str().to_owned(), level_label(l).to_owned()))
            .collect::<Vec<_>>()
    });
    let pv = StoredValue::new(p.clone());
    let id = move |f: &str| format!("{}-{f}", pv.get_value());
    view! {
        <details class="details">
            <summary class="details__summary">"DASH risk assessment"</summary>
            <DashResults dash=dash />
            <form novalidate on:submit=submit_dash>
                {move || {
                    questions()
                        .into_iter()
                        .map(|q| view! { <DashQuestion name=id(&format!("dash-answers-{}", q.number)) n=q.number question=q.text answers=answers /> })
                        .collect_view()
                }}
                <p class="body dash-score" aria-live="polite">
                    {move || {
                        let req = dash_request();
                        let score = dash_score(&req);
                        let scored = dash_level(score);
                        let level = req.professional_judgement.map_or(scored, |j| j.max(scored));
                        format!(
                            "Score {score} of {} answered: {}{}",
                            req.answers.len(),
                            level_label(level),
                            if level != scored { " (raised by professional judgement)" } else { "" },
                        )
                    }}
                </p>
                <div class="inline-fields">
                    <SelectField
                        id=id("dash-professional-judgement")
                        label="Professional judgement (raise the level)"
                        value=judgement
                        options=levels
                        error=ctx.err(id("dash-professional-judgement"))
                        empty="None"
                    />
                    <TextField
                        id=id("dash-judgement-reason")
                        label="Why"
                        value=judgement_reason
                        error=ctx.err(id("dash-judgement-reason"))
                    />
                </div>
                <button type="submit" class="button button--secondary" data-testid="submit-dash">
                    "Record the assessment"
                </button>
            </form>
        </details>
    }
}
