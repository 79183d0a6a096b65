//! The case file's readiness checklist: the shared readiness rule run over what is typed, each item
//! linked to where it is put right (on the file or on the crime).

use super::super::element_exists;
use super::FileCtx;
use crate::components::field::fid;
use crate::components::focus_by_id;
use crate::routes::{crime_path, custody_record_path};
use bluelamp_shared::case::{readiness, DocumentKind, DocumentVersion, FixAt, Missing};
use bluelamp_shared::users::UserRef;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

/// The section of the crime page where a missing item is put right.
pub(super) fn crime_anchor(m: &Missing) -> &'static str {
    match m.code.as_str() {
        "mg1.officer_in_charge" => "workflow",
        "mg1.defendants" | "mg3.offences" => "parties",
        "mg9.witnesses" | "mg11.statements" => "statements",
        _ => match m.document {
            DocumentKind::Mg6c | DocumentKind::Mg6d => "unused-material",
            DocumentKind::Mg11 | DocumentKind::Mg9 => "statements",
            DocumentKind::Mg12 => "exhibits",
            _ => "case-files",
        },
    }
}

/// The element a missing item on this page leads to: its field when there is one, else its form.
pub(super) fn file_target(code: &str) -> Option<String> {
    let field = fid("doc", code);
    if element_exists(&field) {
        return Some(field);
    }
    let kind = code.split('.').next().and_then(DocumentKind::parse)?;
    Some(format!("doc-{}", kind.as_str()))
}

/// The codes of the saved file's missing items that what is typed in the editors (not yet saved)
/// would meet: the shared [`readiness`] rule run over the file with the typed forms as new versions.
pub(super) fn met_by_typing(ctx: FileCtx) -> Vec<String> {
    let Some(file) = ctx.file.get() else {
        return Vec::new();
    };
    let mut content = file.content;
    let mut changed = false;
    for (kind, draft) in ctx.drafts.get() {
        let Some(typed) = draft.typed(kind) else {
            continue;
        };
        let latest = content.document(kind).cloned();
        if latest.as_ref().map(|v| &v.content) == Some(&typed) {
            continue;
        }
        changed = true;
        content.documents.push(DocumentVersion {
            version: latest.as_ref().map_or(1, |v| v.version + 1),
            content: typed,
            written_by: latest.as_ref().map_or_else(
                || UserRef {
                    id: bluelamp_shared::ids::UserId(Uuid::nil()),
                    display_name: String::new(),
                    collar_number: String::new(),
                },
                |v| v.written_by.clone(),
            ),
            written_at: file.meta.updated_at,
            certified_by: None,
            certified_at: None,
        });
    }
    if !changed {
        return Vec::new();
    }
    let still: Vec<String> = readiness(&content).into_iter().map(|m| m.code).collect();
    file.readiness
        .into_iter()
        .map(|m| m.code)
        .filter(|c| !still.contains(c))
        .collect()
}

/// "Still needed": what the file lacks for its type, always beside the forms.
#[component]
pub(super) fn Readiness(ctx: FileCtx) -> impl IntoView {
    let item = move |m: Missing, crime: Uuid, met: bool| {
        let code = m.code.clone();
        let form = m.document.code();
        let link = match m.fix_at {
            FixAt::File => {
                let href = format!("#doc-{}", m.document.as_str());
                let section = format!("doc-{}", m.document.as_str());
                view! {
                    // target="_self" keeps the router from treating the fragment as a navigation.
                    <a
                        href=href
                        target="_self"
                        on:click=move |ev| {
                            ev.prevent_default();
                            focus_by_id(&file_target(&code).unwrap_or_else(|| section.clone()));
                        }
                    >
                        {m.message.clone()}
                    </a>
                }
                .into_any()
            }
            FixAt::Crime => {
                let href = format!("{}#{}", crime_path(crime), crime_anchor(&m));
                view! { <A href=href>{m.message.clone()}</A> }.into_any()
            }
            FixAt::Custody => {
                let href = match m.record_id {
                    Some(r) => custody_record_path(r),
                    None => crime_path(crime),
                };
                view! { <A href=href>{m.message.clone()}</A> }.into_any()
            }
        };
        let place = match m.fix_at {
            FixAt::File => "on this file",
            FixAt::Crime => "on the crime",
            FixAt::Custody => "on the custody record",
        };
        view! {
            <li class="readiness__item" class:readiness__item--typed=met data-code=m.code.clone() data-fix-at=place>
                <span class="readiness__form">{form}</span>
                " "
                {link}
                <span class="small">{format!(" ({place})")}</span>
                {met.then(|| view! {
                    <p class="small readiness__typed">"Met by what you have typed: save to keep it."</p>
                })}
            </li>
        }
    };
    view! {
        <aside class="readiness" id="readiness" aria-labelledby="readiness-title" aria-live="polite">
            <h2 class="heading-m" id="readiness-title">
                "Still needed"
            </h2>
            {move || {
                let (list, crime) = ctx.with(|f| (f.readiness.clone(), f.content.crime.id));
                let typed = met_by_typing(ctx);
                if list.is_empty() {
                    view! {
                        <p class="body readiness__ready" id="readiness-ready">
                            <strong>"Ready to submit"</strong>
                            ": nothing is missing for this file type."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="small" id="readiness-count">
                            {format!(
                                "{} more {} before the file can go to the CPS:",
                                list.len(),
                                if list.len() == 1 { "thing is needed" } else { "things are needed" },
                            )}
                        </p>
                        <ul class="list readiness__list" id="readiness-list">
                            {list
                                .into_iter()
                                .map(|m| {
                                    let met = typed.contains(&m.code);
                                    item(m, crime, met)
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </aside>
    }
}
