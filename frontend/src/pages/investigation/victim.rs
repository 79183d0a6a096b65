//! One victim's care on the crime page: the Victims' Code care record (saved with `If-Match`),
//! the referral to victim services (what it still needs, or its status), the contact log and the
//! DASH risk assessment.

use super::crime::CrimeCtx;
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::record::{choices, record_link, use_reference_data};
use crate::components::time::{local_time, today_text};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::victims::{
    check_care, check_dash, dash_level, dash_score, ContactInput, DashAnswer, DashRequest, RiskLevel,
    UpdateEvent, VictimCare, VictimDto,
};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

fn yes_no(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".to_owned(),
        Some(false) => "no".to_owned(),
        None => String::new(),
    }
}

fn parse_yes_no(s: &str) -> Option<bool> {
    match s {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

fn opt(s: RwSignal<String>) -> Option<String> {
    Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty())
}

fn level_label(l: RiskLevel) -> &'static str {
    match l {
        RiskLevel::Standard => "Standard",
        RiskLevel::Medium => "Medium",
        RiskLevel::High => "High (MARAC referral)",
    }
}

/// Checkboxes for the codes of `vocabulary`, bound to `selected`.
#[component]
fn CodeChecks(
    /// Id prefix of the checkboxes.
    prefix: String,
    /// The legend.
    legend: &'static str,
    /// The vocabulary.
    vocabulary: &'static str,
    /// The codes ticked.
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let refdata = use_reference_data();
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend fieldset__legend--s">{legend}</legend>
            <div class="checkboxes">
                {move || {
                    let prefix = prefix.clone();
                    refdata
                        .with(|d| choices(d, vocabulary))
                        .into_iter()
                        .map(|(code, label)| {
                            let id = format!("{prefix}-{code}");
                            let (c1, c2) = (code.clone(), code.clone());
                            view! {
                                <div class="checkboxes__item">
                                    <input
                                        class="checkboxes__input"
                                        type="checkbox"
                                        id=id.clone()
                                        prop:checked=move || selected.with(|s| s.contains(&c1))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            selected.update(|s| {
                                                s.retain(|x| *x != c2);
                                                if on {
                                                    s.push(c2.clone());
                                                }
                                            })
                                        }
                                    />
                                    <label class="label checkboxes__label" for=id>
                                        {label}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </fieldset>
    }
}

/// One victim of the crime.
#[component]
pub fn VictimCard(
    /// The crime page.
    ctx: CrimeCtx,
    /// The victim.
    victim: VictimDto,
) -> impl IntoView {
    let refdata = use_reference_data();
    let vid = victim.id;
    let version = victim.version;
    let p = format!("victim-{vid}");
    let c = victim.care.clone();
    let assessed = RwSignal::new(
        c.needs_assessed_on
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    );
    let needs = RwSignal::new(c.needs.clone());
    let enhanced = RwSignal::new(c.enhanced_reasons.clone());
    let update_method = RwSignal::new(c.update_method.clone().unwrap_or_default());
    let update_frequency = RwSignal::new(c.update_frequency.clone().unwrap_or_default());
    let safe = RwSignal::new(yes_no(c.safe_to_contact));
    let safe_method = RwSignal::new(c.safe_contact_method.clone().unwrap_or_default());
    let safe_number = RwSignal::new(c.safe_contact_number.clone().unwrap_or_default());
    let consent = RwSignal::new(yes_no(c.consent_to_referral));
    let vulnerabilities = RwSignal::new(c.vulnerabilities.clone());
    let busy = RwSignal::new(false);

    let prefix = p.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let mut problems = Vec::new();
        let a = assessed.get_untracked();
        let needs_assessed_on = NaiveDate::parse_from_str(a.trim(), "%Y-%m-%d").ok();
        if !a.trim().is_empty() && needs_assessed_on.is_none() {
            problems.push(FieldError::new(
                "needs_assessed_on",
                "format",
                "Enter a real date",
            ));
        }
        let care = VictimCare {
            needs_assessed_on,
            needs: needs.get_untracked(),
            enhanced_reasons: enhanced.get_untracked(),
            update_method: opt(update_method),
            update_frequency: opt(update_frequency),
            safe_to_contact: parse_yes_no(&safe.get_untracked()),
            safe_contact_method: opt(safe_method),
            safe_contact_number: opt(safe_number),
            consent_to_referral: parse_yes_no(&consent.get_untracked()),
            vulnerabilities: vulnerabilities.get_untracked(),
        };
        let today = NaiveDate::parse_from_str(&today_text(), "%Y-%m-%d").unwrap_or_default();
        problems.extend(check_care(&care, today));
        if !problems.is_empty() {
            ctx.invalid(&prefix, &problems);
            return;
        }
        busy.set(true);
        let prefix = prefix.clone();
        spawn_local(async move {
            let r = ctx.client.update_victim(vid, &care, version).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => ctx.saved(None, "Victim care saved."),
                Err(e) => ctx.fail(&prefix, e),
            }
        });
    };

    let prefix = p.clone();
    let refer = move |_| {
        let prefix = prefix.clone();
        spawn_local(async move {
            match ctx.client.send_referral(vid).await {
                Ok(_) => ctx.saved(None, "Referral sent to victim services."),
                Err(e) => ctx.fail(&prefix, e),
            }
        });
    };

    // Contact log.
    let contact_method = RwSignal::new(String::new());
    let contact_summary = RwSignal::new(String::new());
    let contact_update = RwSignal::new(String::new());
    let prefix = p.clone();
    let add_contact = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = ContactInput {
            at: None,
            method: contact_method.get_untracked(),
            summary: contact_summary.get_untracked().trim().to_owned(),
            update: UpdateEvent::parse(&contact_update.get_untracked()),
        };
        let mut problems = Vec::new();
        if req.method.is_empty() {
            problems.push(FieldError::new(
                "contact.method",
                "required",
                "Choose how you contacted the victim",
            ));
        }
        if req.summary.is_empty() {
            problems.push(FieldError::new(
                "contact.summary",
                "required",
                "Say what was said",
            ));
        }
        if !problems.is_empty() {
            ctx.invalid(&prefix, &problems);
            return;
        }
        let prefix = prefix.clone();
        spawn_local(async move {
            match ctx.client.add_contact(vid, &req).await {
                Ok(_) => ctx.saved(None, "Contact logged."),
                Err(e) => {
                    let e = match e {
                        crate::api::ApiError::Problem(mut pr) => {
                            for fe in pr.errors.iter_mut() {
                                fe.path = format!("contact.{}", fe.path);
                            }
                            crate::api::ApiError::Problem(pr)
                        }
                        e => e,
                    };
                    ctx.fail(&prefix, e)
                }
            }
        });
    };

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
    let yes_no_choices = Signal::derive(|| {
        vec![
            ("yes".to_owned(), "Yes".to_owned()),
            ("no".to_owned(), "No".to_owned()),
        ]
    });
    let methods = Signal::derive(move || refdata.with(|d| choices(d, "contact_method")));
    let frequencies = Signal::derive(move || refdata.with(|d| choices(d, "update_frequency")));
    let events = Signal::derive(|| {
        UpdateEvent::ALL
            .into_iter()
            .map(|e| (e.as_str().to_owned(), e.task_title("the victim")))
            .collect::<Vec<_>>()
    });
    let levels = Signal::derive(|| {
        [RiskLevel::Medium, RiskLevel::High]
            .into_iter()
            .map(|l| (l.as_str().to_owned(), level_label(l).to_owned()))
            .collect::<Vec<_>>()
    });
    let pv = StoredValue::new(p.clone());
    let id = move |f: &str| format!("{}-{f}", pv.get_value());
    let missing = victim.referral_missing.clone();
    let referral = victim.referral.clone();
    view! {
        <div class="victim row-group" data-victim-id=vid.to_string()>
            <h3 class="heading-m">
                {record_link(&victim.party)}
                {victim.enhanced.then(|| view! { " " <span class="tag tag--enhanced">"Enhanced entitlements"</span> })}
            </h3>
            <div class="referral" id=id("referral")>
                {match referral {
                    Some(r) => view! {
                        <p class="body">
                            <strong>{format!("Referral {}", r.status)}</strong>
                            {format!(" · sent {} by {}", local_time(r.sent_at), r.sent_by.display_name)}
                        </p>
                    }
                        .into_any(),
                    None => view! {
                        {(!missing.is_empty())
                            .then(|| {
                                view! {
                                    <div class="notice">
                                        <p class="body">"Before a referral to victim services can be sent:"</p>
                                        <ul class="list list--bullet referral-missing">
                                            {missing.iter().map(|e| view! { <li>{e.message.clone()}</li> }).collect_view()}
                                        </ul>
                                    </div>
                                }
                            })}
                        <button type="button" class="button button--secondary" data-testid="send-referral" on:click=refer>
                            "Send referral to victim services"
                        </button>
                    }
                        .into_any(),
                }}
            </div>
            <details class="details">
                <summary class="details__summary">"Care under the Victims' Code"</summary>
                <form novalidate on:submit=save>
                    <TextField
                        id=id("needs-assessed-on")
                        label="Needs assessed on"
                        input_type="date"
                        value=assessed
                        error=ctx.err(id("needs-assessed-on"))
                    />
                    <CodeChecks prefix=id("needs") legend="Needs found" vocabulary="victim_need" selected=needs />
                    <CodeChecks
                        prefix=id("enhanced-reasons")
                        legend="Enhanced entitlements because"
                        vocabulary="enhanced_reason"
                        selected=enhanced
                    />
                    <CodeChecks prefix=id("vulnerabilities") legend="Vulnerabilities" vocabulary="vulnerability" selected=vulnerabilities />
                    <div class="inline-fields">
                        <SelectField id=id("update-method") label="Updates by" value=update_method options=methods error=ctx.err(id("update-method")) empty="Not asked" />
                        <SelectField
                            id=id("update-frequency")
                            label="How often"
                            value=update_frequency
                            options=frequencies
                            error=ctx.err(id("update-frequency"))
                            empty="Not asked"
                        />
                    </div>
                    <div class="inline-fields">
                        <SelectField id=id("safe-to-contact") label="Safe to contact?" value=safe options=yes_no_choices error=ctx.err(id("safe-to-contact")) empty="Not asked" />
                        <SelectField
                            id=id("safe-contact-method")
                            label="Safe way to contact"
                            value=safe_method
                            options=methods
                            error=ctx.err(id("safe-contact-method"))
                            empty="Not asked"
                        />
                        <TextField id=id("safe-contact-number") label="Safe number" input_type="tel" value=safe_number error=ctx.err(id("safe-contact-number")) />
                    </div>
                    <SelectField
                        id=id("consent-to-referral")
                        label="Consents to referral to victim services?"
                        value=consent
                        options=yes_no_choices
                        error=ctx.err(id("consent-to-referral"))
                        empty="Not asked"
                    />
                    <button type="submit" class="button button--secondary" data-testid="save-care" aria-disabled=move || busy.get().to_string()>
                        "Save care"
                    </button>
                </form>
            </details>
            <details class="details">
                <summary class="details__summary">{format!("Contact log ({})", victim.contacts.len())}</summary>
                <ol class="timeline">
                    {victim
                        .contacts
                        .iter()
                        .map(|c| {
                            view! {
                                <li class="timeline__item">
                                    <span class="timeline__date">{c.contact.at.map(local_time).unwrap_or_default()}</span>
                                    {format!(" {} – {} ({}): {}", c.contact.method, c.by.display_name, c.by.collar_number, c.contact.summary)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
                <form novalidate on:submit=add_contact>
                    <div class="inline-fields">
                        <SelectField id=id("contact-method") label="How" value=contact_method options=methods error=ctx.err(id("contact-method")) empty="Choose" />
                        <SelectField
                            id=id("contact-update")
                            label="This gave the update (optional)"
                            value=contact_update
                            options=events
                            error=ctx.err(id("contact-update"))
                            empty="None"
                        />
                    </div>
                    <TextArea id=id("contact-summary") label="What was said" value=contact_summary error=ctx.err(id("contact-summary")) rows=2 />
                    <button type="submit" class="button button--secondary" data-testid="add-contact">
                        "Log contact"
                    </button>
                </form>
            </details>
            <details class="details">
                <summary class="details__summary">"DASH risk assessment"</summary>
                {victim
                    .dash
                    .iter()
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
                    .collect_view()}
                <form novalidate on:submit=submit_dash>
                    {move || {
                        questions()
                            .into_iter()
                            .map(|q| {
                                let n = q.number;
                                let name = id(&format!("dash-answers-{n}"));
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
                                        <legend class="fieldset__legend fieldset__legend--s">{format!("{n}. {}", q.text)}</legend>
                                        <div class="radios radios--inline">
                                            {radio(DashAnswer::Yes, "Yes", "yes")}
                                            {radio(DashAnswer::No, "No", "no")}
                                            {radio(DashAnswer::NotKnown, "Not known", "not-known")}
                                        </div>
                                    </fieldset>
                                }
                            })
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
        </div>
    }
}
