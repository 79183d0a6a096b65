//! The prosecutor's decision on a case file: accept, charge (with the offences) or return (with
//! an action plan that becomes the officer's tasks).

use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::field::{fid, ErrorMessage, FieldsetFrame, TextArea};
use crate::components::ids::new_idempotency_key;
use crate::components::time::today_text;
use bluelamp_shared::case::{check_decision, ActionPlanItem, CpsCaseFile, DecisionKind, DecisionRequest};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::reference::ReferenceData;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

type Errors = RwSignal<Vec<(String, String)>>;

/// One row of the action plan being written.
#[derive(Debug, Clone, Copy)]
struct ActionRow {
    action: RwSignal<String>,
    due_on: RwSignal<String>,
}

impl ActionRow {
    fn new() -> Self {
        Self {
            action: RwSignal::new(String::new()),
            due_on: RwSignal::new(String::new()),
        }
    }
}

/// The offences a prosecutor may charge, those the file proposes first: (code, label, proposed).
fn offence_options(d: &Option<ReferenceData>, proposed: &[String]) -> Vec<(String, String, bool)> {
    let Some(d) = d.as_ref() else {
        return Vec::new();
    };
    let mut v: Vec<(String, String, bool)> = d
        .offences
        .iter()
        .map(|o| {
            (
                o.code.clone(),
                format!("{} ({})", o.label, o.legislation),
                proposed.contains(&o.code),
            )
        })
        .collect();
    v.sort_by_key(|(_, _, p)| !*p);
    v
}

/// The element id of a field of the decision form, for the error summary's links.
fn target_of(path: &str, first_offence: Option<&str>) -> String {
    match path {
        "decision" => "cps-decision-accept".to_owned(),
        "offences" => first_offence
            .map(|c| format!("cps-offence-{c}"))
            .unwrap_or_else(|| "cps-decision-charge".to_owned()),
        "actions" => "cps-actions-0-action".to_owned(),
        p => fid("cps", p),
    }
}

/// The message for element `id`.
fn err_of(errors: Errors, id: &str) -> Signal<Option<String>> {
    let id = id.to_owned();
    Signal::derive(move || errors.with(|es| es.iter().find(|(i, _)| *i == id).map(|(_, m)| m.clone())))
}

/// The offences the file proposes (arrest offences and charges of every defendant), once each.
fn proposed_offences(file: RwSignal<Option<CpsCaseFile>>) -> Vec<String> {
    file.with_untracked(|f| {
        f.as_ref()
            .map(|f| {
                let mut v: Vec<String> = f
                    .file
                    .defendants
                    .iter()
                    .flat_map(|d| d.arrest_offences.iter().chain(d.charges.iter()))
                    .map(|c| c.offence.clone())
                    .collect();
                let mut unique = Vec::new();
                for c in v.drain(..) {
                    if !unique.contains(&c) {
                        unique.push(c);
                    }
                }
                unique
            })
            .unwrap_or_default()
    })
}

/// The decision form's inputs and where its outcome shows.
#[derive(Debug, Clone, Copy)]
struct Decision {
    decision: RwSignal<String>,
    offences: RwSignal<Vec<String>>,
    actions: RwSignal<Vec<ActionRow>>,
    comments: RwSignal<String>,
    summary: RwSignal<Vec<ErrorItem>>,
    errors: Errors,
    busy: RwSignal<bool>,
    key: StoredValue<String>,
    options: Memo<Vec<(String, String, bool)>>,
}

impl Decision {
    fn show(self, problems: &[FieldError]) {
        let Self {
            summary,
            errors,
            options,
            ..
        } = self;
        let first = options.with_untracked(|o| o.first().map(|(c, _, _)| c.clone()));
        let items: Vec<(String, String)> = problems
            .iter()
            .map(|e| (target_of(&e.path, first.as_deref()), e.message.clone()))
            .collect();
        summary.set(
            items
                .iter()
                .map(|(i, m)| ErrorItem::field(i.clone(), m.clone()))
                .collect(),
        );
        errors.set(items);
    }

    /// The request as entered, and every problem with it.
    fn request(self) -> (DecisionRequest, Vec<FieldError>) {
        let Self {
            decision,
            offences,
            actions,
            comments,
            ..
        } = self;
        let kind = DecisionKind::parse(&decision.get_untracked());
        let mut problems = Vec::new();
        let mut items = Vec::new();
        if kind == Some(DecisionKind::Return) {
            for (i, row) in actions.get_untracked().into_iter().enumerate() {
                let text = row.due_on.get_untracked();
                let due_on = if text.trim().is_empty() {
                    None
                } else {
                    let d = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
                    if d.is_none() {
                        problems.push(FieldError::new(
                            format!("actions.{i}.due_on"),
                            "format",
                            "Enter a real date",
                        ));
                    }
                    d
                };
                items.push(ActionPlanItem {
                    action: row.action.get_untracked().trim().to_owned(),
                    due_on,
                });
            }
        }
        let req = DecisionRequest {
            decision: kind,
            offences: if kind == Some(DecisionKind::Charge) {
                offences.get_untracked()
            } else {
                Vec::new()
            },
            actions: items,
            comments: comments.get_untracked().trim().to_owned(),
        };
        let today = NaiveDate::parse_from_str(&today_text(), "%Y-%m-%d").unwrap_or_default();
        problems.extend(check_decision(&req, today));
        (req, problems)
    }

    /// Checks and sends the decision.
    fn submit(
        self,
        file: RwSignal<Option<CpsCaseFile>>,
        client: AuthClient,
        notice: RwSignal<Option<String>>,
    ) {
        let Self {
            summary,
            errors,
            busy,
            key,
            ..
        } = self;
        if busy.get_untracked() {
            return;
        }
        let (req, problems) = self.request();
        if !problems.is_empty() {
            self.show(&problems);
            return;
        }
        let Some(id) = file.with_untracked(|f| f.as_ref().map(|f| f.id)) else {
            return;
        };
        let k = key.get_value();
        busy.set(true);
        spawn_local(async move {
            let r = client.cps_decide(id, &req, &k).await;
            let _ = busy.try_set(false);
            match r {
                Ok(f) => {
                    key.set_value(new_idempotency_key());
                    let _ = summary.try_set(Vec::new());
                    let _ = errors.try_set(Vec::new());
                    let _ = notice.try_set(Some(format!(
                        "Decision recorded. The file is now: {}.",
                        f.state.label()
                    )));
                    let _ = file.try_set(Some(f));
                }
                Err(e) => {
                    // A definite answer: a corrected decision is a new request.
                    if !matches!(e, ApiError::Network(_)) {
                        key.set_value(new_idempotency_key());
                    }
                    let fields = e.field_errors().to_vec();
                    if fields.is_empty() {
                        let _ = summary.try_set(vec![ErrorItem::general(e.message())]);
                        let _ = errors.try_set(Vec::new());
                    } else {
                        self.show(&fields);
                    }
                }
            }
        });
    }
}

/// One choice of decision, with its hint.
#[component]
fn DecisionRadio(
    decision: RwSignal<String>,
    kind: DecisionKind,
    text: &'static str,
    hint: &'static str,
) -> impl IntoView {
    let id = format!("cps-decision-{}", kind.as_str());
    let hint_id = format!("{id}-hint");
    view! {
        <div class="radios__item">
            <input
                class="radios__input"
                type="radio"
                id=id.clone()
                name="cps-decision"
                value=kind.as_str()
                aria-describedby=hint_id.clone()
                prop:checked=move || decision.with(|d| d == kind.as_str())
                on:change=move |_| decision.set(kind.as_str().to_owned())
            />
            <label class="label radios__label" for=id>
                {text}
            </label>
            <p class="hint radios__hint" id=hint_id>
                {hint}
            </p>
        </div>
    }
}

/// The offences to charge, those the file proposes first.
#[component]
fn OffenceChecks(
    options: Memo<Vec<(String, String, bool)>>,
    offences: RwSignal<Vec<String>>,
    offences_err: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="form-group" class:form-group--error=move || offences_err.with(Option::is_some) id="cps-offences">
            <fieldset class="fieldset" aria-describedby="cps-offences-error">
                <legend class="fieldset__legend fieldset__legend--s">"Offences to charge"</legend>
                <ErrorMessage id="cps-offences-error" error=offences_err />
                <div class="checkboxes">
                    {move || {
                        options
                            .get()
                            .into_iter()
                            .map(|(code, label, proposed)| {
                                let id = format!("cps-offence-{code}");
                                let c1 = code.clone();
                                let c2 = code.clone();
                                view! {
                                    <div class="checkboxes__item">
                                        <input
                                            class="checkboxes__input"
                                            type="checkbox"
                                            id=id.clone()
                                            value=code
                                            prop:checked=move || offences.with(|s| s.contains(&c1))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                offences
                                                    .update(|s| {
                                                        s.retain(|x| *x != c2);
                                                        if on {
                                                            s.push(c2.clone());
                                                        }
                                                    })
                                            }
                                        />
                                        <label class="label checkboxes__label" for=id>
                                            {label}
                                            {proposed.then_some(" – proposed on the file")}
                                        </label>
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </fieldset>
        </div>
    }
}

/// One action of the plan: what, when due, and its remove button.
#[component]
fn ActionRowFields(
    actions: RwSignal<Vec<ActionRow>>,
    errors: Errors,
    i: usize,
    row: ActionRow,
) -> impl IntoView {
    let a_id = format!("cps-actions-{i}-action");
    let d_id = format!("cps-actions-{i}-due-on");
    let a_err = err_of(errors, &a_id);
    let d_err = err_of(errors, &d_id);
    view! {
        <div class="row-group action-row" data-row=i.to_string()>
            <div class="inline-fields">
                <div class="form-group" class:form-group--error=move || a_err.with(Option::is_some)>
                    <label class="label" for=a_id.clone()>
                        {format!("Action {}", i + 1)}
                    </label>
                    <ErrorMessage id=format!("{a_id}-error") error=a_err />
                    <input
                        class="input input--wide"
                        type="text"
                        id=a_id.clone()
                        aria-describedby=format!("{a_id}-error")
                        aria-invalid=move || if a_err.with(Option::is_some) { "true" } else { "false" }
                        prop:value=move || row.action.get()
                        on:input=move |ev| row.action.set(event_target_value(&ev))
                    />
                </div>
                <div class="form-group" class:form-group--error=move || d_err.with(Option::is_some)>
                    <label class="label" for=d_id.clone()>
                        "Due on"
                    </label>
                    <ErrorMessage id=format!("{d_id}-error") error=d_err />
                    <input
                        class="input"
                        type="date"
                        id=d_id.clone()
                        min=today_text()
                        aria-describedby=format!("{d_id}-error")
                        aria-invalid=move || if d_err.with(Option::is_some) { "true" } else { "false" }
                        prop:value=move || row.due_on.get()
                        on:input=move |ev| row.due_on.set(event_target_value(&ev))
                    />
                </div>
            </div>
            <button
                type="button"
                class="button button--secondary button--small"
                id=format!("cps-actions-{i}-remove")
                on:click=move |_| {
                    actions
                        .update(|v| {
                            if i < v.len() {
                                v.remove(i);
                            }
                        })
                }
            >
                {format!("Remove action {}", i + 1)}
            </button>
        </div>
    }
}

/// The action plan (to return the file).
#[component]
fn ActionPlan(actions: RwSignal<Vec<ActionRow>>, errors: Errors) -> impl IntoView {
    view! {
        <fieldset class="fieldset" id="cps-actions">
            <legend class="fieldset__legend fieldset__legend--s">"Action plan"</legend>
            <p class="hint">"What the officer must do, each with the date it is due."</p>
            {move || {
                actions
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, row)| view! { <ActionRowFields actions=actions errors=errors i=i row=row /> })
                    .collect_view()
            }}
            <button
                type="button"
                class="button button--secondary"
                id="cps-action-add"
                on:click=move |_| actions.update(|v| v.push(ActionRow::new()))
            >
                "Add another action"
            </button>
        </fieldset>
    }
}

/// The prosecutor's decision: accept, charge or return.
#[component]
pub(super) fn DecisionForm(
    file: RwSignal<Option<CpsCaseFile>>,
    client: AuthClient,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let refdata = crate::components::record::use_reference_data();
    let proposed = proposed_offences(file);
    let offences = RwSignal::new(proposed.clone());
    let proposed = StoredValue::new(proposed);
    let d = Decision {
        decision: RwSignal::new(String::new()),
        offences,
        actions: RwSignal::new(vec![ActionRow::new()]),
        comments: RwSignal::new(String::new()),
        summary: RwSignal::new(Vec::new()),
        errors: RwSignal::new(Vec::new()),
        busy: RwSignal::new(false),
        key: StoredValue::new(new_idempotency_key()),
        options: Memo::new(move |_| refdata.with(|d| proposed.with_value(|p| offence_options(d, p)))),
    };
    let Decision {
        decision,
        actions,
        comments,
        summary,
        errors,
        busy,
        options,
        ..
    } = d;
    let err = move |id: &str| err_of(errors, id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        d.submit(file, client, notice);
    };
    let chosen = move || DecisionKind::parse(&decision.get());
    // The offences' error is kept against the first checkbox (where the summary's link leads).
    let offences_err = Signal::derive(move || {
        let first = options.with(|o| o.first().map(|(c, _, _)| format!("cps-offence-{c}")));
        errors.with(|es| {
            es.iter()
                .find(|(i, _)| Some(i) == first.as_ref() || i == "cps-decision-charge")
                .map(|(_, m)| m.clone())
        })
    });
    view! {
        <section class="section" id="cps-decision" aria-labelledby="cps-decision-title">
            <h2 class="heading-l" id="cps-decision-title">
                "Your decision"
            </h2>
            <ErrorSummary items=summary id="cps-decision-summary" />
            <form novalidate id="cps-decision-form" on:submit=submit>
                <FieldsetFrame id="cps-decision-accept" legend="Decision" error=err("cps-decision-accept")>
                    <div class="radios radios--stacked">
                        <DecisionRadio
                            decision=decision
                            kind=DecisionKind::Accept
                            text="Accept the file"
                            hint="The file is complete as it stands."
                        />
                        <DecisionRadio
                            decision=decision
                            kind=DecisionKind::Charge
                            text="Charge"
                            hint="Authorise the charges chosen below."
                        />
                        <DecisionRadio
                            decision=decision
                            kind=DecisionKind::Return
                            text="Return to the police"
                            hint="With an action plan: each action becomes a task for the officer in charge."
                        />
                    </div>
                </FieldsetFrame>
                <Show when=move || chosen() == Some(DecisionKind::Charge)>
                    <OffenceChecks options=options offences=offences offences_err=offences_err />
                </Show>
                <Show when=move || chosen() == Some(DecisionKind::Return)>
                    <ActionPlan actions=actions errors=errors />
                </Show>
                <TextArea id="cps-comments" label="Comments" hint="For the officer in charge (optional)." value=comments error=err("cps-comments") rows=4 />
                <button type="submit" class="button" id="cps-decision-submit" aria-disabled=move || busy.get().to_string()>
                    "Record the decision"
                </button>
            </form>
        </section>
    }
}
