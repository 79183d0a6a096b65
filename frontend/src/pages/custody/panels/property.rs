//! The detainee's property, the interviews (started and ended) and the notes and cell moves of a
//! custody record.

use super::super::fields::{non_empty, read_time};
use super::super::record::{EntryForm, RecordCtx};
use super::frame::{EntryPanel, TimeOnlyForm};
use super::{at_field, in_owner, time_or_now};
use crate::components::field::ChoiceField;
use crate::components::field::{CheckboxField, TextArea, TextField};
use crate::components::time::local_time;
use bluelamp_shared::custody::{CustodyEntry, InterviewEntry, NoteEntry, PropertyEntry, PropertyItem};
use leptos::prelude::*;
use uuid::Uuid;

/// One item row of the property form.
#[derive(Debug, Clone, Copy)]
pub(super) struct ItemRow {
    key: u64,
    description: RwSignal<String>,
    retained: RwSignal<bool>,
}

/// The property recorded so far, item by item.
#[component]
fn PropertyList(ctx: RecordCtx) -> impl IntoView {
    view! {
        <ul class="list property-list">
            {move || {
                ctx.with(|r| {
                    r.entries
                        .iter()
                        .filter_map(|e| match &e.entry {
                            CustodyEntry::Property(p) => Some((e.at, p.items.clone())),
                            _ => None,
                        })
                        .flat_map(|(at, items)| items.into_iter().map(move |i| (at, i)))
                        .collect::<Vec<_>>()
                })
                    .into_iter()
                    .map(|(at, i)| {
                        view! {
                            <li class="property-item">
                                {format!(
                                    "{} – {} ({})",
                                    i.description,
                                    if i.retained { "kept by the police" } else { "with the detainee" },
                                    local_time(at),
                                )}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// Property taken from the detainee.
#[component]
pub(super) fn PropertyPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("property");
    let owner = StoredValue::new(Owner::current());
    let next = StoredValue::new(0u64);
    let new_row = move || {
        let key = next.get_value() + 1;
        next.set_value(key);
        in_owner(owner, || ItemRow {
            key,
            description: RwSignal::new(String::new()),
            retained: RwSignal::new(true),
        })
    };
    let rows = RwSignal::new(vec![new_row()]);
    let at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let items = rows
            .get_untracked()
            .iter()
            .map(|r| PropertyItem {
                description: r.description.get_untracked().trim().to_owned(),
                retained: r.retained.get_untracked(),
            })
            .collect();
        let entry = CustodyEntry::Property(PropertyEntry {
            at: read_time(&mut p, "at", &at.get_untracked()),
            items,
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        rows.set(vec![new_row()]);
        at.set(String::new());
    });
    view! {
        <EntryPanel
            ctx=ctx
            id="property"
            title="Property"
            form=form
            submit_label="Record property"
            entry=build
            done="Property recorded."
            on_done=on_done
            intro=view! {
                <PropertyList ctx=ctx />
            }
                .into_any()
        >
            {move || {
                rows.get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let k = r.key;
                        view! {
                            <div class="inline-fields property-row">
                                <TextField
                                    id=form.id(&format!("items.{i}.description"))
                                    label="Item"
                                    value=r.description
                                    error=form.err(&format!("items.{i}.description"))
                                />
                                <CheckboxField
                                    id=form.id(&format!("items.{i}.retained"))
                                    label="Kept by the police"
                                    checked=r.retained
                                />
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    id=form.id(&format!("items.{i}.remove"))
                                    hidden=move || rows.with(|l| l.len() < 2)
                                    on:click=move |_| rows.update(|l| l.retain(|x| x.key != k))
                                >
                                    "Remove"
                                    <span class="visually-hidden">{format!(" item {}", i + 1)}</span>
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button
                type="button"
                class="button button--secondary"
                id="property-add-item"
                on:click=move |_| {
                    let row = new_row();
                    rows.update(|l| l.push(row));
                }
            >
                "Add another item"
            </button>
            {at_field(form, at, "When")}
        </EntryPanel>
    }
}

/// Interviews: starting one, and recording the end of one under way.
#[component]
pub(super) fn InterviewsPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("interview");
    let by = RwSignal::new(String::new());
    let started_at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Interview(InterviewEntry {
            started_at: time_or_now(ctx, &mut p, "started_at", &started_at.get_untracked()),
            ended_at: None,
            by: by.get_untracked().trim().to_owned(),
            of: None,
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        by.set(String::new());
        started_at.set(String::new());
    });
    // Each interview started, with its end (on the entry itself or a later one naming it).
    let interviews = move || {
        ctx.with(|r| {
            r.entries
                .iter()
                .filter_map(|e| match &e.entry {
                    CustodyEntry::Interview(i) if i.of.is_none() => {
                        let ended = i.ended_at.or_else(|| {
                            r.entries.iter().find_map(|x| match &x.entry {
                                CustodyEntry::Interview(j) if j.of == Some(e.id) => j.ended_at,
                                _ => None,
                            })
                        });
                        Some((e.id, i.clone(), ended))
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <EntryPanel
            ctx=ctx
            id="interviews"
            title="Interviews"
            form=form
            submit_label="Record the start"
            entry=build
            done="Interview started."
            on_done=on_done
            intro=view! {
                <ul class="list interviews">
                    <For each=interviews key=|(id, _, ended)| (*id, *ended) let:row>
                        {
                            let (id, i, ended) = row;
                            view! {
                                <li class="row-group interview" data-entry=id.to_string()>
                                    <p class="body">
                                        <strong>{i.by.clone()}</strong>
                                        {format!(
                                            " · started {}",
                                            i.started_at.map(local_time).unwrap_or_else(|| "—".to_owned()),
                                        )}
                                        {match ended {
                                            Some(x) => format!(" · ended {}", local_time(x)).into_any(),
                                            None => view! { " · " <strong class="tag tag--state">"Under way"</strong> }.into_any(),
                                        }}
                                    </p>
                                    {ended.is_none().then(|| view! { <InterviewEnd ctx=ctx of=id by=i.by.clone() /> })}
                                </li>
                            }
                        }
                    </For>
                </ul>
                <h3 class="heading-m">"Start an interview"</h3>
            }
                .into_any()
        >
            <TextField id=form.id("by") label="Interviewing officers" value=by error=form.err("by") />
            <TextField
                id=form.id("started_at")
                label="Started at"
                hint="Leave empty for now."
                input_type="datetime-local"
                value=started_at
                error=form.err("started_at")
            />
        </EntryPanel>
    }
}

/// Recording the end of an interview (`#interview-end-form-{entry id}`).
#[component]
pub(super) fn InterviewEnd(ctx: RecordCtx, of: Uuid, by: String) -> impl IntoView {
    let by = StoredValue::new(by);
    let entry = Callback::new(move |ended_at| {
        CustodyEntry::Interview(InterviewEntry {
            started_at: None,
            ended_at,
            by: by.get_value(),
            of: Some(of),
        })
    });
    view! {
        <TimeOnlyForm
            ctx=ctx
            prefix=format!("interview-end-{of}")
            form_id=format!("interview-end-form-{of}")
            path="ended_at"
            label="Ended at"
            submit_label="Record the end"
            done="Interview ended."
            entry=entry
        />
    }
}

/// A note in the events log, or a move of cell.
#[component]
pub(super) fn NotesPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("note");
    let text = RwSignal::new(String::new());
    let cell = RwSignal::new(String::new());
    let at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Note(NoteEntry {
            at: read_time(&mut p, "at", &at.get_untracked()),
            text: text.get_untracked().trim().to_owned(),
            cell: non_empty(&cell.get_untracked()),
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        text.set(String::new());
        cell.set(String::new());
        at.set(String::new());
    });
    let cells = Signal::derive(move || {
        ctx.with(|r| {
            r.suite
                .cells
                .iter()
                .filter(|c| Some(*c) != r.cell.as_ref())
                .map(|c| (c.clone(), c.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <EntryPanel
            ctx=ctx
            id="notes"
            title="Notes and cell moves"
            form=form
            submit_label="Record"
            entry=build
            done="Recorded."
            on_done=on_done
        >
            <TextArea
                id=form.id("text")
                label="What happened"
                hint="Optional for a move of cell."
                value=text
                error=form.err("text")
                rows=3
            />
            <ChoiceField
                id=form.id("cell")
                label="Move to cell"
                value=cell
                options=cells
                error=form.err("cell")
                empty="No move"
            />
            {at_field(form, at, "When")}
        </EntryPanel>
    }
}
