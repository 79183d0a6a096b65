//! `/cps/files/{id}`: a case file as the CPS received it (for a prosecutor). The structured file
//! exactly as last submitted, every form its type holds laid out by the shared `render`, the
//! decisions so far, and the prosecutor's decision: accept, charge (with the offences) or return
//! (with an action plan that becomes the officer's tasks).

use super::{download_pdf, fact, route_text, state_tag, DecisionList, FormView};
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::field::{fid, ErrorMessage, FieldsetFrame, TextArea};
use crate::components::ids::new_idempotency_key;
use crate::components::loader::{id_page, load_into, RecordFrame};
use crate::components::permissions::can;
use crate::components::time::{local_time, today_text};
use crate::routes::set_document_title;
use crate::session::use_session;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::case::{
    check_decision, documents_for, render, ActionPlanItem, CaseFileState, CpsCaseFile, DecisionKind,
    DecisionRequest,
};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::reference::ReferenceData;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// `/cps/files/{id}`.
#[component]
pub fn CpsFilePage() -> impl IntoView {
    id_page(
        "Case file for the CPS",
        "Case file",
        "There is no such case file.",
        |id| view! { <CpsLoader id=id /> },
    )
}

#[component]
fn CpsLoader(id: Uuid) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let file = RwSignal::new(None::<CpsCaseFile>);
    let failed = RwSignal::new(None::<ApiError>);
    load_into(None, file, failed, move || async move {
        client.cps_case_file(id).await
    });
    let loaded = Memo::new(move |_| file.with(Option::is_some));
    view! {
        <RecordFrame title="Case file" not_found="There is no such case file." loaded=loaded failed=failed>
            <CpsView file=file client=client />
        </RecordFrame>
    }
}

#[component]
fn CpsView(file: RwSignal<Option<CpsCaseFile>>, client: AuthClient) -> impl IntoView {
    let with = move |f: &dyn Fn(&CpsCaseFile) -> String| file.with(|x| x.as_ref().map(f).unwrap_or_default());
    let state = Memo::new(move |_| {
        file.with(|f| f.as_ref().map(|f| f.state))
            .unwrap_or(CaseFileState::Submitted)
    });
    let urn = move || with(&|f| f.urn.clone());
    Effect::new(move |_| set_document_title(&format!("Case file {}", urn())));
    let notice = RwSignal::new(None::<String>);
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let downloading = RwSignal::new(false);
    let bundle = move |_| {
        if downloading.get_untracked() {
            return;
        }
        let Some((id, urn)) = file.with_untracked(|f| f.as_ref().map(|f| (f.id, f.urn.clone()))) else {
            return;
        };
        downloading.set(true);
        spawn_local(async move {
            let r = client.cps_bundle(id).await;
            let _ = downloading.try_set(false);
            match r {
                Ok(bytes) => {
                    if download_pdf(&bytes, &format!("{}.pdf", urn.replace('/', "-"))).is_err() {
                        let _ =
                            summary.try_set(vec![ErrorItem::general("The browser could not save the PDF.")]);
                    }
                }
                Err(e) => {
                    let _ = summary.try_set(vec![ErrorItem::general(e.message())]);
                }
            }
        });
    };
    let kinds = move || {
        file.with(|f| {
            f.as_ref()
                .map(|f| documents_for(f.file.file_type).to_vec())
                .unwrap_or_default()
        })
    };
    let prosecutor = can(Capability::DecideCaseFiles);
    view! {
        <p class="caption">"Case file sent to the CPS"</p>
        <h1 class="heading-xl">
            <span id="cps-urn">{urn}</span>
            " "
            {move || state_tag("cps-state", state.get())}
        </h1>
        <p class="small" id="cps-notice" role="status">
            {move || notice.get()}
        </p>
        <ErrorSummary items=summary id="cps-error-summary" />
        <dl class="summary-list" id="cps-facts">
            {fact("Force", move || with(&|f| f.file.force.to_string()))}
            {fact("File type", move || with(&|f| f.file.file_type.label().to_owned()))}
            {fact(
                "Submission",
                move || with(&|f| format!("Number {}, sent {}", f.submission, local_time(f.submitted_at))),
            )}
            {fact("Crime reference", move || with(&|f| f.file.crime.crn.clone().unwrap_or_else(|| "—".to_owned())))}
            {fact(
                "Charging route",
                move || with(&|f| route_text(f.file.charging_route.route, &f.file.charging_route.reason)),
            )}
        </dl>
        <p class="body">
            <button
                type="button"
                class="button button--secondary"
                id="cps-bundle"
                aria-disabled=move || downloading.get().to_string()
                on:click=bundle
            >
                "Download the PDF bundle"
            </button>
        </p>
        <nav class="contents" aria-labelledby="cps-contents-title">
            <h2 class="heading-s" id="cps-contents-title">
                "Forms on the file"
            </h2>
            <ul class="contents__list">
                {move || {
                    kinds()
                        .into_iter()
                        .map(|k| {
                            view! {
                                <li>
                                    <a href=format!("#doc-{}", k.as_str()) target="_self">
                                        {format!("{} {}", k.code(), k.title())}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </nav>
        {move || {
            file.with(|f| {
                    f.as_ref()
                        .map(|f| {
                            documents_for(f.file.file_type)
                                .iter()
                                .map(|&k| render(&f.file, k))
                                .collect::<Vec<_>>()
                        })
                        .unwrap_or_default()
                })
                .into_iter()
                .map(|form| {
                    let k = form.kind.as_str();
                    let title = form.title.clone();
                    view! {
                        <section class="section doc" id=format!("doc-{k}") data-kind=k aria-labelledby=format!("doc-{k}-title")>
                            <h2 class="heading-l" id=format!("doc-{k}-title")>
                                {title}
                            </h2>
                            <FormView form=form />
                        </section>
                    }
                })
                .collect_view()
        }}
        <DecisionList decisions=Signal::derive(move || {
            file.with(|f| f.as_ref().map(|f| f.decisions.clone()).unwrap_or_default())
        }) />
        <Show when=move || prosecutor.get() && state.get() == CaseFileState::Submitted>
            <DecisionForm file=file client=client notice=notice />
        </Show>
    }
}

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

/// The prosecutor's decision: accept, charge or return.
#[component]
fn DecisionForm(
    file: RwSignal<Option<CpsCaseFile>>,
    client: AuthClient,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let refdata = crate::components::record::use_reference_data();
    let proposed: Vec<String> = file.with_untracked(|f| {
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
    });
    let decision = RwSignal::new(String::new());
    let offences = RwSignal::new(proposed.clone());
    let actions = RwSignal::new(vec![ActionRow::new()]);
    let comments = RwSignal::new(String::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let busy = RwSignal::new(false);
    let key = StoredValue::new(new_idempotency_key());
    let proposed = StoredValue::new(proposed);
    let options = Memo::new(move |_| refdata.with(|d| proposed.with_value(|p| offence_options(d, p))));
    let err = move |id: &str| {
        let id = id.to_owned();
        Signal::derive(move || errors.with(|es| es.iter().find(|(i, _)| *i == id).map(|(_, m)| m.clone())))
    };
    let show = move |problems: &[FieldError]| {
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
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
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
        if !problems.is_empty() {
            show(&problems);
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
                        show(&fields);
                    }
                }
            }
        });
    };
    let radio = move |kind: DecisionKind, text: &'static str, hint: &'static str| {
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
                        {radio(DecisionKind::Accept, "Accept the file", "The file is complete as it stands.")}
                        {radio(DecisionKind::Charge, "Charge", "Authorise the charges chosen below.")}
                        {radio(DecisionKind::Return, "Return to the police", "With an action plan: each action becomes a task for the officer in charge.")}
                    </div>
                </FieldsetFrame>
                <Show when=move || chosen() == Some(DecisionKind::Charge)>
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
                </Show>
                <Show when=move || chosen() == Some(DecisionKind::Return)>
                    <fieldset class="fieldset" id="cps-actions">
                        <legend class="fieldset__legend fieldset__legend--s">"Action plan"</legend>
                        <p class="hint">"What the officer must do, each with the date it is due."</p>
                        {move || {
                            actions
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, row)| {
                                    let a_id = format!("cps-actions-{i}-action");
                                    let d_id = format!("cps-actions-{i}-due-on");
                                    let a_err = err(&a_id);
                                    let d_err = err(&d_id);
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
                                })
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
                </Show>
                <TextArea id="cps-comments" label="Comments" hint="For the officer in charge (optional)." value=comments error=err("cps-comments") rows=4 />
                <button type="submit" class="button" id="cps-decision-submit" aria-disabled=move || busy.get().to_string()>
                    "Record the decision"
                </button>
            </form>
        </section>
    }
}
