//! The documents of a case file: each one's section with its editor (saved as a new version),
//! its certification and its history of versions.

use super::super::{user_text, FormView};
use super::FileCtx;
use crate::components::field::{fid, CheckboxField, TextArea};
use crate::components::permissions::can;
use crate::components::time::local_time;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::case::{
    check_document, render, CertifyRequest, Disclosure, DocumentContent, DocumentKind, Mg15, Mg3, Mg5, Mg6,
};
use bluelamp_shared::error::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The text fields of a written form: (path, label, hint, rows).
pub(super) fn text_fields(kind: DocumentKind) -> &'static [(&'static str, &'static str, &'static str, u32)] {
    match kind {
        DocumentKind::Mg3 => &[
            (
                "grounds",
                "The evidence that supports a charge",
                "In brief: the key evidence against each suspect (at least 20 characters).",
                6,
            ),
            (
                "advice_sought",
                "The advice you seek",
                "The charges to decide, or what further evidence is needed (at least 20 characters).",
                3,
            ),
        ],
        DocumentKind::Mg5 => &[(
            "summary",
            "Case summary",
            "What happened and the key evidence (at least 20 characters). A supervisor certifies each saved version.",
            8,
        )],
        DocumentKind::Mg6 => &[
            (
                "information",
                "Case information for the prosecutor",
                "Witness issues, public interest, risks (at least 20 characters). Never disclosed to the defence.",
                5,
            ),
            (
                "victim_wishes",
                "The victim's wishes",
                "Compensation, special measures, views on bail.",
                3,
            ),
        ],
        DocumentKind::Mg6c | DocumentKind::Mg6d => &[(
            "note",
            "Note for the prosecutor (optional)",
            "Anything the prosecutor should know about the schedule.",
            3,
        )],
        DocumentKind::Mg15 => &[(
            "account",
            "The suspect's account in interview",
            "Summarised: what the suspect said in answer to the allegation (at least 20 characters).",
            6,
        )],
        _ => &[],
    }
}

/// The values of a written form being edited: up to two texts and the completeness certificate.
#[derive(Debug, Clone, Copy)]
pub(super) struct Draft {
    pub(super) texts: [RwSignal<String>; 2],
    pub(super) complete: RwSignal<bool>,
}

impl Draft {
    pub(super) fn from(content: Option<&DocumentContent>) -> Self {
        let (a, b, complete) = match content {
            Some(DocumentContent::Mg3(x)) => (x.grounds.clone(), x.advice_sought.clone(), false),
            Some(DocumentContent::Mg5(x)) => (x.summary.clone(), String::new(), false),
            Some(DocumentContent::Mg6(x)) => (x.information.clone(), x.victim_wishes.clone(), false),
            Some(DocumentContent::Mg6c(x)) | Some(DocumentContent::Mg6d(x)) => {
                (x.note.clone(), String::new(), x.complete)
            }
            Some(DocumentContent::Mg15(x)) => (x.account.clone(), String::new(), false),
            None => (String::new(), String::new(), false),
        };
        Self {
            texts: [RwSignal::new(a), RwSignal::new(b)],
            complete: RwSignal::new(complete),
        }
    }

    pub(super) fn content(&self, kind: DocumentKind) -> Option<DocumentContent> {
        untrack(|| self.typed(kind))
    }

    /// What is typed now (tracked: the checklist follows the typing).
    pub(super) fn typed(&self, kind: DocumentKind) -> Option<DocumentContent> {
        let t = |i: usize| self.texts[i].get().trim().to_owned();
        let disclosure = || Disclosure {
            complete: self.complete.get(),
            note: t(0),
        };
        Some(match kind {
            DocumentKind::Mg3 => DocumentContent::Mg3(Mg3 {
                grounds: t(0),
                advice_sought: t(1),
            }),
            DocumentKind::Mg5 => DocumentContent::Mg5(Mg5 { summary: t(0) }),
            DocumentKind::Mg6 => DocumentContent::Mg6(Mg6 {
                information: t(0),
                victim_wishes: t(1),
            }),
            DocumentKind::Mg6c => DocumentContent::Mg6c(disclosure()),
            DocumentKind::Mg6d => DocumentContent::Mg6d(disclosure()),
            DocumentKind::Mg15 => DocumentContent::Mg15(Mg15 { account: t(0) }),
            _ => return None,
        })
    }
}

/// The written content of a version, as (label, text) lines.
pub(super) fn content_lines(c: &DocumentContent) -> Vec<(&'static str, String)> {
    match c {
        DocumentContent::Mg3(x) => vec![
            ("Grounds", x.grounds.clone()),
            ("Advice sought", x.advice_sought.clone()),
        ],
        DocumentContent::Mg5(x) => vec![("Summary", x.summary.clone())],
        DocumentContent::Mg6(x) => vec![
            ("Case information", x.information.clone()),
            ("Victim's wishes", x.victim_wishes.clone()),
        ],
        DocumentContent::Mg6c(x) | DocumentContent::Mg6d(x) => vec![
            (
                "Schedule complete",
                if x.complete { "Certified" } else { "Not certified" }.to_owned(),
            ),
            ("Note", x.note.clone()),
        ],
        DocumentContent::Mg15(x) => vec![("Account", x.account.clone())],
    }
}

/// One form the file type needs: as the CPS will read it, with its editor when officers write it.
#[component]
pub(super) fn DocumentSection(ctx: FileCtx, kind: DocumentKind) -> impl IntoView {
    let k = kind.as_str();
    let section_id = format!("doc-{k}");
    let title_id = format!("doc-{k}-title");
    let missing = move || {
        ctx.with(|f| {
            f.readiness
                .iter()
                .filter(|m| m.document == kind)
                .map(|m| m.message.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="section doc" id=section_id data-kind=k tabindex="-1" aria-labelledby=title_id>
            <h2 class="heading-l" id=format!("doc-{k}-title")>
                {format!("{} {}", kind.code(), kind.title())}
            </h2>
            <p class="small doc__status" id=format!("doc-{k}-status")>
                {move || {
                    let m = missing();
                    if m.is_empty() {
                        "Complete for this file type.".to_owned()
                    } else {
                        format!("Still needed: {}", m.join("; "))
                    }
                }}
            </p>
            <div class="mg-form" id=format!("doc-{k}-form")>
                {move || ctx.with(|f| Some(render(&f.content, kind))).map(|form| view! { <FormView form=form /> })}
            </div>
            {kind.certified().then(|| view! { <Certification ctx=ctx kind=kind /> })}
            {kind.written().then(|| view! { <Editor ctx=ctx kind=kind /> <History ctx=ctx kind=kind /> })}
        </section>
    }
}

/// The editor of a written form: each save is a new version.
#[component]
pub(super) fn Editor(ctx: FileCtx, kind: DocumentKind) -> impl IntoView {
    let k = kind.as_str();
    let prefix = format!("doc-{k}");
    let builder = can(Capability::BuildCaseFiles);
    let draft = Draft::from(
        ctx.file
            .with_untracked(|f| {
                f.as_ref()
                    .and_then(|f| f.content.document(kind).map(|d| d.content.clone()))
            })
            .as_ref(),
    );
    ctx.drafts.update(|d| {
        d.retain(|(k, _)| *k != kind);
        d.push((kind, draft));
    });
    let busy = RwSignal::new(false);
    let p = prefix.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(doc) = draft.content(kind) else {
            return;
        };
        let problems = check_document(&doc);
        if !problems.is_empty() {
            ctx.invalid(&p, &problems);
            return;
        }
        let id = ctx.id();
        let p = p.clone();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.save_document(id, &doc).await;
            let _ = busy.try_set(false);
            match r {
                Ok(f) => {
                    let v = f.content.document(kind).map(|d| d.version).unwrap_or_default();
                    ctx.saved(f, &format!("{} saved as version {v}.", kind.code()))
                }
                Err(e) => ctx.fail(&p, e),
            }
        });
    };
    let can_edit = Memo::new(move |_| builder.get() && ctx.with(|f| f.state.editable()));
    move || {
        if !can_edit.get() {
            return None;
        }
        let fields = text_fields(kind)
            .iter()
            .enumerate()
            .map(|(i, (path, label, hint, rows))| {
                let id = fid(&prefix, path);
                view! {
                    <TextArea
                        id=id.clone()
                        label=*label
                        hint=*hint
                        value=draft.texts[i]
                        error=ctx.err(id)
                        rows=*rows
                    />
                }
            })
            .collect_view();
        let disclosure = matches!(kind, DocumentKind::Mg6c | DocumentKind::Mg6d).then(|| {
            view! {
                <CheckboxField
                    id=fid(&prefix, "complete")
                    label="I certify the schedule lists all the unused material"
                    checked=draft.complete
                />
                <p class="hint">
                    {if kind == DocumentKind::Mg6d {
                        "The disclosure officer's certificate: every item of sensitive unused material on the crime's register is listed above (a nil schedule too)."
                    } else {
                        "The disclosure officer's certificate: every item of non-sensitive unused material on the crime's register is listed above (a nil schedule too)."
                    }}
                </p>
            }
        });
        Some(view! {
            <form novalidate class="doc-editor" id=format!("{prefix}-editor") on:submit=save.clone()>
                <h3 class="heading-s">{format!("Write the {}", kind.code())}</h3>
                {disclosure}
                {fields}
                <button type="submit" class="button" id=format!("{prefix}-save") aria-disabled=move || busy.get().to_string()>
                    {format!("Save the {}", kind.code())}
                </button>
            </form>
        })
    }
}

/// The MG5's certificate: who certified which version, and the supervisor's button.
#[component]
pub(super) fn Certification(ctx: FileCtx, kind: DocumentKind) -> impl IntoView {
    let k = kind.as_str();
    let supervisor = can(Capability::CertifyCaseFiles);
    let busy = RwSignal::new(false);
    let latest = move || ctx.with(|f| f.content.document(kind).cloned());
    let certify = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(v) = latest_untracked(ctx, kind) else {
            return;
        };
        let req = CertifyRequest {
            kind: Some(kind),
            version: Some(v),
        };
        let id = ctx.id();
        let prefix = format!("doc-{}", kind.as_str());
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.certify_document(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(f) => ctx.saved(f, &format!("{} version {v} certified.", kind.code())),
                Err(e) => {
                    if e.code() == Some(ErrorCode::Conflict) {
                        // A newer version was saved: show it, so the supervisor reads it first.
                        ctx.reload.update(|n| *n += 1);
                    }
                    ctx.fail(&prefix, e)
                }
            }
        });
    };
    let can_certify = move || {
        supervisor.get()
            && ctx.with(|f| f.state.editable())
            && latest().is_some_and(|v| v.certified_by.is_none())
    };
    view! {
        <p class="body doc__certification" id=format!("doc-{k}-certification")>
            {move || match latest() {
                None => "Not certified: not written yet.".to_owned(),
                Some(v) => match (&v.certified_by, v.certified_at) {
                    (Some(by), at) => format!(
                        "Certified by {} (version {}{})",
                        user_text(by),
                        v.version,
                        at.map(|t| format!(", {}", local_time(t))).unwrap_or_default(),
                    ),
                    _ => format!("Not certified (version {} is waiting for a supervisor)", v.version),
                },
            }}
        </p>
        <Show when=can_certify>
            <p class="hint">"You certify the version shown above, as saved."</p>
            <button
                type="button"
                class="button"
                id=format!("doc-{k}-certify")
                aria-disabled=move || busy.get().to_string()
                on:click=certify
            >
                {move || format!("Certify version {}", latest().map(|v| v.version).unwrap_or_default())}
            </button>
        </Show>
    }
}

pub(super) fn latest_untracked(ctx: FileCtx, kind: DocumentKind) -> Option<i64> {
    ctx.file.with_untracked(|f| {
        f.as_ref()
            .and_then(|f| f.content.document(kind).map(|d| d.version))
    })
}

/// Every saved version of a written form, newest first.
#[component]
pub(super) fn History(ctx: FileCtx, kind: DocumentKind) -> impl IntoView {
    let k = kind.as_str();
    let versions = move || {
        ctx.with(|f| {
            f.history
                .iter()
                .filter(|v| v.content.kind() == kind)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <details class="details doc__history" id=format!("doc-{k}-history")>
            <summary class="details__summary">{move || format!("Versions ({})", versions().len())}</summary>
            {move || {
                let list = versions();
                if list.is_empty() {
                    return view! { <p class="body">"Nothing saved yet."</p> }.into_any();
                }
                view! {
                    <ol class="timeline">
                        {list
                            .into_iter()
                            .map(|v| {
                                let cert = if kind.certified() {
                                    match &v.certified_by {
                                        Some(by) => format!(" · certified by {}", user_text(by)),
                                        None => " · not certified".to_owned(),
                                    }
                                } else {
                                    String::new()
                                };
                                view! {
                                    <li class="timeline__item" data-version=v.version.to_string()>
                                        <span class="timeline__date">{format!("Version {}", v.version)}</span>
                                        {format!(" – {}, {}{cert}", user_text(&v.written_by), local_time(v.written_at))}
                                        {content_lines(&v.content)
                                            .into_iter()
                                            .map(|(l, t)| view! { <p class="small pre-line">{format!("{l}: {t}")}</p> })
                                            .collect_view()}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </details>
    }
}
