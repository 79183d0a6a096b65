//! The tasks of a crime (adding and completing them) and its plan and log.

use super::CrimeCtx;
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::section::Section;
use crate::components::time::{from_input, local_time, now, relative};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::tasks::{CompleteTaskRequest, CreateTaskRequest};
use bluelamp_shared::investigation::victims::{UpdateEvent, UpdateEventRequest};
use bluelamp_shared::investigation::{AddLogEntry, LogKind};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn Tasks(ctx: CrimeCtx) -> impl IntoView {
    let title = RwSignal::new(String::new());
    let details = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let event = RwSignal::new(String::new());
    let event_on = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let d = due.get_untracked();
        let due_at = from_input(&d);
        let req = CreateTaskRequest {
            title: title.get_untracked().trim().to_owned(),
            details: details.get_untracked().trim().to_owned(),
            assignee: None,
            due_at,
        };
        let mut problems = bluelamp_shared::investigation::tasks::check_task(&req);
        if !d.trim().is_empty() && due_at.is_none() {
            problems.push(FieldError::new("due_at", "format", "Enter a real date and time"));
        }
        if !problems.is_empty() {
            ctx.invalid("task", &problems);
            return;
        }
        let id = ctx.id();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.create_task(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => {
                    for s in [title, details, due] {
                        let _ = s.try_set(String::new());
                    }
                    ctx.saved(None, "Task added.")
                }
                Err(e) => ctx.fail("task", e),
            }
        });
    };
    let record_event = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(e) = UpdateEvent::parse(&event.get_untracked()) else {
            ctx.invalid(
                "victim-update",
                &[FieldError::new("event", "required", "Choose what happened")],
            );
            return;
        };
        let on = chrono::NaiveDate::parse_from_str(event_on.get_untracked().trim(), "%Y-%m-%d").ok();
        let id = ctx.id();
        spawn_local(async move {
            match ctx
                .client
                .victim_update(id, &UpdateEventRequest { event: e, on })
                .await
            {
                Ok(t) => ctx.saved(None, &format!("{} update task(s) set for the victims.", t.len())),
                Err(err) => ctx.fail("victim-update", err),
            }
        });
    };
    let events = Signal::derive(|| {
        UpdateEvent::ALL
            .into_iter()
            .map(|e| {
                (
                    e.as_str().to_owned(),
                    e.task_title("the victim")
                        .replace("Offer the victim", "Recorded: offer"),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <Section id="tasks" title="Tasks">
            {move || ctx.with(|c| c.tasks.is_empty()).then(|| view! { <p class="body">"No tasks."</p> })}
            <For each=move || ctx.with(|c| c.tasks.clone()) key=|t| (t.id, t.version) let:t>
                <TaskView ctx=ctx t=t />
            </For>
            <Show when=move || ctx.with(|c| c.state.is_open())>
                <details class="details">
                    <summary class="details__summary">"Add a task"</summary>
                    <form novalidate id="task-form" on:submit=add>
                        <TextField id="task-title" label="What needs doing" value=title error=ctx.err("task-title") />
                        <TextArea id="task-details" label="Detail (optional)" value=details error=ctx.err("task-details") rows=2 />
                        <TextField id="task-due-at" label="Due (optional)" input_type="datetime-local" value=due error=ctx.err("task-due-at") />
                        <button type="submit" class="button button--secondary" id="task-add" aria-disabled=move || busy.get().to_string()>
                            "Add task"
                        </button>
                    </form>
                </details>
                <details class="details">
                    <summary class="details__summary">"Something the victims must be told about happened"</summary>
                    <form novalidate id="victim-update-form" on:submit=record_event>
                        <div class="inline-fields">
                            <SelectField id="victim-update-event" label="What happened" value=event options=events error=ctx.err("victim-update-event") empty="Choose" />
                            <TextField id="victim-update-on" label="On (defaults to today)" input_type="date" value=event_on error=ctx.err("victim-update-on") />
                        </div>
                        <button type="submit" class="button button--secondary" id="victim-update-add">
                            "Set the update deadlines"
                        </button>
                    </form>
                </details>
            </Show>
        </Section>
    }
}

#[component]
pub(super) fn TaskView(ctx: CrimeCtx, t: bluelamp_shared::investigation::tasks::TaskDto) -> impl IntoView {
    let result = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let tid = t.id;
    let prefix = format!("task-{}", t.id);
    let p2 = prefix.clone();
    let overdue = t.completed_at.is_none() && t.due_at.is_some_and(|d| d < now());
    let complete = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = CompleteTaskRequest {
            result: result.get_untracked().trim().to_owned(),
        };
        busy.set(true);
        let p3 = p2.clone();
        spawn_local(async move {
            let r = ctx.client.complete_task(tid, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => ctx.saved(None, "Task completed."),
                Err(e) => ctx.fail(&p3, e),
            }
        });
    };
    let done = t.completed_at.is_some();
    view! {
        <div class="task row-group" class:task--done=done class:overdue=overdue data-task-id=t.id.to_string()>
            <p class="body task__title">
                <strong>{t.title.clone()}</strong>
                {overdue.then(|| view! { " " <span class="tag tag--overdue">"Overdue"</span> })}
            </p>
            {(!t.details.is_empty()).then(|| view! { <p class="small pre-line">{t.details.clone()}</p> })}
            <p class="small">
                {format!(
                    "{}{}",
                    t.assignee.as_ref().map(|u| format!("For {} · ", u.display_name)).unwrap_or_default(),
                    t.due_at.map(|d| format!("due {} ({})", local_time(d), relative(d))).unwrap_or_else(|| "no due date".to_owned()),
                )}
            </p>
            {match t.completed_at {
                Some(at) => view! {
                    <p class="small">{format!("Done {}: {}", local_time(at), t.result.clone().unwrap_or_default())}</p>
                }
                    .into_any(),
                None => view! {
                    <form novalidate class="inline-fields" on:submit=complete>
                        <TextField id=format!("{prefix}-result") label="What was done" value=result error=ctx.err(format!("{prefix}-result")) />
                        <button type="submit" class="button button--secondary button--small" data-testid="complete-task" aria-disabled=move || busy.get().to_string()>
                            "Mark as done"
                        </button>
                    </form>
                }
                    .into_any(),
            }}
        </div>
    }
}

#[component]
pub(super) fn Log(ctx: CrimeCtx) -> impl IntoView {
    let kind = RwSignal::new("log".to_owned());
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = AddLogEntry {
            kind: if kind.get_untracked() == "plan" {
                LogKind::Plan
            } else {
                LogKind::Log
            },
            text: text.get_untracked().trim().to_owned(),
        };
        if req.text.is_empty() {
            ctx.invalid("log", &[FieldError::new("text", "required", "Write the entry")]);
            return;
        }
        let id = ctx.id();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.add_log(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => {
                    let _ = text.try_set(String::new());
                    ctx.saved(None, "Entry added.")
                }
                Err(e) => ctx.fail("log", e),
            }
        });
    };
    let kinds = Signal::derive(|| {
        vec![
            (
                "plan".to_owned(),
                "Investigation plan (line of enquiry)".to_owned(),
            ),
            ("log".to_owned(), "Investigation log (what was done)".to_owned()),
        ]
    });
    view! {
        <Section id="log" title="Plan and log">
            {move || {
                let entries = ctx.with(|c| c.log.clone());
                if entries.is_empty() {
                    return view! { <p class="body">"Nothing written yet."</p> }.into_any();
                }
                view! {
                    <ol class="timeline">
                        {entries
                            .into_iter()
                            .map(|e| {
                                view! {
                                    <li class="timeline__item" data-kind=if e.kind == LogKind::Plan { "plan" } else { "log" }>
                                        <span class="timeline__date">{local_time(e.at)}</span>
                                        {format!(
                                            " {} – {} ({}): ",
                                            if e.kind == LogKind::Plan { "Plan" } else { "Log" },
                                            e.by.display_name,
                                            e.by.collar_number,
                                        )}
                                        <span class="pre-line">{e.text}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            <Show when=move || ctx.with(|c| c.state.is_open())>
                <form novalidate id="log-form" on:submit=add>
                    <SelectField id="log-kind" label="Add to" value=kind options=kinds error=Signal::derive(|| None::<String>) empty="Choose" />
                    <TextArea id="log-text" label="Entry" value=text error=ctx.err("log-text") rows=3 />
                    <button type="submit" class="button button--secondary" id="log-add" aria-disabled=move || busy.get().to_string()>
                        "Add entry"
                    </button>
                </form>
            </Show>
        </Section>
    }
}
