//! The property of a crime (stolen, damaged, recovered) and its exhibits with their continuity.

use super::CrimeCtx;
use crate::components::field::{SelectField, TextField};
use crate::components::money::{parse_pounds, pounds};
use crate::components::record::record_link;
use crate::components::section::Section;
use crate::components::table::ScrollTable;
use crate::components::time::{local_time, now};
use crate::session::use_session;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::index::objects::{ObjectInput, ObjectKind};
use bluelamp_shared::investigation::{
    AddExhibitRequest, AddPropertyRequest, MoveExhibitRequest, PropertyRole,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The property recorded, with its total value.
#[component]
fn PropertyTable(ctx: CrimeCtx) -> impl IntoView {
    move || {
        let items = ctx.with(|c| c.property.clone());
        if items.is_empty() {
            return view! { <p class="body">"None recorded."</p> }.into_any();
        }
        let total: i64 = items.iter().filter_map(|p| p.value_pence).sum();
        view! {
            <ScrollTable id="property-table" caption="Property">
                <thead>
                    <tr>
                        <th scope="col">"Item"</th>
                        <th scope="col">"How involved"</th>
                        <th scope="col">"Value"</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|p| {
                            view! {
                                <tr>
                                    <td>{record_link(&p.object)}</td>
                                    <td>{format!("{:?}", p.role).replace("VehicleInvolved", "Vehicle involved")}</td>
                                    <td>{p.value_pence.map(pounds).unwrap_or_else(|| "—".to_owned())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                    <tr>
                        <th scope="row" colspan="2">"Total"</th>
                        <td id="property-total">{pounds(total)}</td>
                    </tr>
                </tbody>
            </ScrollTable>
        }
            .into_any()
    }
}

#[component]
pub(super) fn Property(ctx: CrimeCtx) -> impl IntoView {
    let role = RwSignal::new("stolen".to_owned());
    let description = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let v = value.get_untracked();
        let value_pence = parse_pounds(&v);
        let mut problems = Vec::new();
        if description.get_untracked().trim().is_empty() {
            problems.push(FieldError::new(
                "description",
                "required",
                "Say what the property is",
            ));
        }
        if !v.trim().is_empty() && value_pence.is_none() {
            problems.push(FieldError::new(
                "value",
                "format",
                "Enter the value in pounds, for example 12.50",
            ));
        }
        if !problems.is_empty() {
            ctx.invalid("property", &problems);
            return;
        }
        let req = AddPropertyRequest {
            role: match role.get_untracked().as_str() {
                "damaged" => PropertyRole::Damaged,
                "vehicle_involved" => PropertyRole::VehicleInvolved,
                _ => PropertyRole::Stolen,
            },
            object_id: None,
            new_object: Some(ObjectInput {
                kind: ObjectKind::Property,
                description: description.get_untracked().trim().to_owned(),
                value_pence,
                ..Default::default()
            }),
        };
        let id = ctx.id();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.add_property(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(c) => {
                    let _ = description.try_set(String::new());
                    let _ = value.try_set(String::new());
                    ctx.saved(Some(c), "Property added.")
                }
                Err(e) => ctx.fail("property", e),
            }
        });
    };
    let roles = Signal::derive(|| {
        vec![
            ("stolen".to_owned(), "Stolen".to_owned()),
            ("damaged".to_owned(), "Damaged".to_owned()),
        ]
    });
    view! {
        <Section id="property" title="Property">
            <PropertyTable ctx=ctx />
            <Show when=move || ctx.with(|c| c.state.is_open())>
                <details class="details">
                    <summary class="details__summary">"Add property"</summary>
                    <form novalidate id="property-form" on:submit=add>
                        <div class="inline-fields">
                            <SelectField id="property-role" label="How involved" value=role options=roles error=Signal::derive(|| None::<String>) empty="Choose" />
                            <TextField id="property-description" label="Item" value=description error=ctx.err("property-description") />
                            <TextField id="property-value" label="Value (£)" value=value error=ctx.err("property-value") />
                        </div>
                        <button type="submit" class="button button--secondary" id="property-add" aria-disabled=move || busy.get().to_string()>
                            "Add"
                        </button>
                    </form>
                </details>
            </Show>
        </Section>
    }
}

#[component]
pub(super) fn Exhibits(ctx: CrimeCtx) -> impl IntoView {
    let initials: String = use_session()
        .user()
        .with_untracked(|u| u.as_ref().map(|u| u.display_name.clone()))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let reference = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let seized_from = RwSignal::new(String::new());
    let storage = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // Suggest the next reference in the officer's series.
    Effect::new(move |_| {
        let n = ctx.with(|c| c.exhibits.len()) + 1;
        if reference.with_untracked(String::is_empty)
            || reference.with_untracked(|r| r.starts_with(&format!("{initials}/")))
        {
            reference.set(format!("{initials}/{n}"));
        }
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = AddExhibitRequest {
            reference: reference.get_untracked().trim().to_owned(),
            object_id: None,
            new_object: Some(ObjectInput {
                kind: ObjectKind::Property,
                description: description.get_untracked().trim().to_owned(),
                ..Default::default()
            }),
            seized_by: None,
            seized_at: None,
            seized_from: seized_from.get_untracked().trim().to_owned(),
            storage: storage.get_untracked().trim().to_owned(),
        };
        let mut problems = bluelamp_shared::investigation::check_exhibit(&req, now());
        if req.new_object.as_ref().is_some_and(|o| o.description.is_empty()) {
            problems.push(FieldError::new("description", "required", "Describe the exhibit"));
        }
        if !problems.is_empty() {
            ctx.invalid("exhibit", &problems);
            return;
        }
        let id = ctx.id();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.add_exhibit(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(c) => {
                    for s in [description, seized_from, storage] {
                        let _ = s.try_set(String::new());
                    }
                    ctx.saved(Some(c), "Exhibit added.")
                }
                Err(e) => ctx.fail("exhibit", e),
            }
        });
    };
    view! {
        <Section id="exhibits" title="Exhibits">
            {move || ctx.with(|c| c.exhibits.is_empty()).then(|| view! { <p class="body">"None seized."</p> })}
            <For
                each=move || ctx.with(|c| c.exhibits.clone())
                key=|x| (x.id, x.movements.len())
                let:x
            >
                <ExhibitView ctx=ctx x=x />
            </For>
            <Show when=move || ctx.with(|c| c.state.is_open())>
                <details class="details">
                    <summary class="details__summary">"Add an exhibit"</summary>
                    <form novalidate id="exhibit-form" on:submit=add>
                        <div class="inline-fields">
                            <TextField id="exhibit-reference" label="Exhibit reference" value=reference error=ctx.err("exhibit-reference") />
                            <TextField id="exhibit-description" label="What it is" value=description error=ctx.err("exhibit-description") />
                        </div>
                        <div class="inline-fields">
                            <TextField id="exhibit-seized-from" label="Seized from (where or whom)" value=seized_from error=ctx.err("exhibit-seized-from") />
                            <TextField id="exhibit-storage" label="Where it is stored" value=storage error=ctx.err("exhibit-storage") />
                        </div>
                        <button type="submit" class="button button--secondary" id="exhibit-add" aria-disabled=move || busy.get().to_string()>
                            "Add exhibit"
                        </button>
                    </form>
                </details>
            </Show>
        </Section>
    }
}

#[component]
pub(super) fn ExhibitView(ctx: CrimeCtx, x: bluelamp_shared::investigation::ExhibitDto) -> impl IntoView {
    let to = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let xid = x.id;
    let prefix = format!("exhibit-{}", x.id);
    let p2 = prefix.clone();
    let move_it = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = MoveExhibitRequest {
            to: to.get_untracked().trim().to_owned(),
            reason: reason.get_untracked().trim().to_owned(),
        };
        let mut problems = Vec::new();
        if req.to.is_empty() {
            problems.push(FieldError::new(
                "to",
                "required",
                "Say where the exhibit went or who now holds it",
            ));
        }
        if req.reason.is_empty() {
            problems.push(FieldError::new("reason", "required", "Say why it was moved"));
        }
        if !problems.is_empty() {
            ctx.invalid(&p2, &problems);
            return;
        }
        busy.set(true);
        let p3 = p2.clone();
        spawn_local(async move {
            let r = ctx.client.move_exhibit(xid, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => ctx.saved(None, "Movement recorded."),
                Err(e) => ctx.fail(&p3, e),
            }
        });
    };
    view! {
        <div class="exhibit row-group" data-exhibit-id=x.id.to_string()>
            <h3 class="heading-s">{format!("{} – {}", x.reference, x.object.label)}</h3>
            <p class="small">
                {format!(
                    "Seized by {} {} from {}. Now: {}",
                    x.seized_by,
                    local_time(x.seized_at),
                    x.seized_from,
                    x.movements.last().map(|m| m.to.clone()).unwrap_or_else(|| x.storage.clone()),
                )}
            </p>
            <ol class="timeline continuity">
                <li class="timeline__item">
                    <span class="timeline__date">{local_time(x.seized_at)}</span>
                    {format!(" Seized; stored at {}", x.storage)}
                </li>
                {x
                    .movements
                    .iter()
                    .map(|m| {
                        view! {
                            <li class="timeline__item">
                                <span class="timeline__date">{local_time(m.at)}</span>
                                {format!(" To {} ({}) by {} ({})", m.to, m.reason, m.by.display_name, m.by.collar_number)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <details class="details">
                <summary class="details__summary">"Record a move"</summary>
                <form novalidate on:submit=move_it>
                    <div class="inline-fields">
                        <TextField id=format!("{prefix}-to") label="To (place or person)" value=to error=ctx.err(format!("{prefix}-to")) />
                        <TextField id=format!("{prefix}-reason") label="Why" value=reason error=ctx.err(format!("{prefix}-reason")) />
                    </div>
                    <button type="submit" class="button button--secondary button--small" data-testid="exhibit-move" aria-disabled=move || busy.get().to_string()>
                        "Record the move"
                    </button>
                </form>
            </details>
        </div>
    }
}
