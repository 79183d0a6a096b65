//! The other forms of a case file and its submission to the CPS.

use super::super::{download_pdf, user_text, FormView};
use super::readiness::file_target;
use super::FileCtx;
use crate::components::error_summary::ErrorItem;
use crate::components::ids::new_idempotency_key;
use crate::components::permissions::can;
use crate::components::table::ScrollTable;
use crate::components::time::local_time;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::case::{render, CaseFileState, DocumentKind};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The forms this file type does not need, for reference only.
#[component]
pub(super) fn OtherForms(ctx: FileCtx) -> impl IntoView {
    let others = move || {
        ctx.with(|f| {
            DocumentKind::ALL
                .into_iter()
                .filter(|k| !f.required_documents.contains(k))
                .map(|k| render(&f.content, k))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <details class="details" id="other-forms">
            <summary class="details__summary">"Other forms (not needed for this file type)"</summary>
            {move || {
                others()
                    .into_iter()
                    .map(|form| {
                        let k = form.kind.as_str();
                        view! {
                            <div class="mg-form" id=format!("other-{k}")>
                                <h3 class="heading-m">{form.title.clone()}</h3>
                                <FormView form=form />
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </details>
    }
}

/// Submits the file to the CPS; if it is not ready, lists what is missing, each item linked.
fn submit_file(ctx: FileCtx, busy: RwSignal<bool>) {
    if busy.get_untracked() {
        return;
    }
    let id = ctx.id();
    let key = new_idempotency_key();
    busy.set(true);
    spawn_local(async move {
        let r = ctx.client.submit_case_file(id, &key).await;
        let _ = busy.try_set(false);
        match r {
            Ok(f) => {
                let n = f.submissions.last().map(|s| s.number).unwrap_or(1);
                ctx.saved(f, &format!("Submitted to the CPS (submission {n})."))
            }
            Err(e) if !e.field_errors().is_empty() => {
                // Not ready: the server's list of what is missing, each linked to its form.
                let items = e
                    .field_errors()
                    .iter()
                    .map(|fe| match file_target(&fe.path) {
                        Some(t) => ErrorItem::field(t, fe.message.clone()),
                        None => ErrorItem::general(fe.message.clone()),
                    })
                    .collect();
                let _ = ctx.errors.try_set(Vec::new());
                let _ = ctx.notice.try_set(None);
                let _ = ctx.summary.try_set(items);
                ctx.reload.update(|n| *n += 1);
            }
            Err(e) => ctx.fail("case", e),
        }
    });
}

/// Fetches the file's PDF bundle and hands it to the browser to save.
fn download_bundle(ctx: FileCtx, downloading: RwSignal<bool>) {
    if downloading.get_untracked() {
        return;
    }
    let id = ctx.id();
    let urn = ctx
        .file
        .with_untracked(|f| f.as_ref().map(|f| f.urn.clone()))
        .unwrap_or_default();
    downloading.set(true);
    spawn_local(async move {
        let r = ctx.client.case_bundle(id).await;
        let _ = downloading.try_set(false);
        match r {
            Ok(bytes) => {
                if download_pdf(&bytes, &format!("{}.pdf", urn.replace('/', "-"))).is_err() {
                    let _ = ctx
                        .summary
                        .try_set(vec![ErrorItem::general("The browser could not save the PDF.")]);
                }
            }
            Err(e) => ctx.fail("case", e),
        }
    });
}

/// The submissions so far.
#[component]
fn SubmissionsTable(ctx: FileCtx) -> impl IntoView {
    move || {
        let list = ctx.with(|f| f.submissions.clone());
        if list.is_empty() {
            return view! { <p class="body">"Not submitted yet."</p> }.into_any();
        }
        view! {
            <ScrollTable id="submissions" caption="Submissions to the CPS so far">
                <thead>
                    <tr>
                        <th scope="col">"Number"</th>
                        <th scope="col">"Sent as"</th>
                        <th scope="col">"By"</th>
                        <th scope="col">"When"</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|s| {
                            view! {
                                <tr>
                                    <td>{s.number}</td>
                                    <td>{s.file_type.label()}</td>
                                    <td>{user_text(&s.by)}</td>
                                    <td>{local_time(s.at)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </ScrollTable>
        }
        .into_any()
    }
}

/// Sending the file to the CPS, the PDF bundle and the submissions so far.
#[component]
pub(super) fn Submission(ctx: FileCtx) -> impl IntoView {
    let submitter = can(Capability::SubmitCaseFiles);
    let busy = RwSignal::new(false);
    let downloading = RwSignal::new(false);
    let submit = move |_| submit_file(ctx, busy);
    let bundle = move |_| download_bundle(ctx, downloading);
    let state = move || ctx.with(|f| Some(f.state)).unwrap_or(CaseFileState::Building);
    let can_submit = move || submitter.get() && state().editable();
    view! {
        <section class="section" id="submission" aria-labelledby="submission-title">
            <h2 class="heading-l" id="submission-title">
                "Send to the CPS"
            </h2>
            {move || {
                (state() == CaseFileState::Submitted)
                    .then(|| {
                        view! {
                            <p class="body" id="case-awaiting">
                                "The file is with the CPS. It cannot be changed until the prosecutor decides."
                            </p>
                        }
                    })
            }}
            <Show when=can_submit>
                <p class="hint">
                    {move || {
                        if ctx.with(|f| f.readiness.is_empty()) {
                            "Nothing is missing: the file can go to the CPS.".to_owned()
                        } else {
                            "The file still needs what is listed under \"Still needed\"; the CPS will not receive it until then.".to_owned()
                        }
                    }}
                </p>
                <button type="button" class="button" id="case-submit" aria-disabled=move || busy.get().to_string() on:click=submit>
                    "Submit to the CPS"
                </button>
            </Show>
            <p class="body">
                <button
                    type="button"
                    class="button button--secondary"
                    id="case-bundle"
                    aria-disabled=move || downloading.get().to_string()
                    on:click=bundle
                >
                    "Download the PDF bundle"
                </button>
            </p>
            <h3 class="heading-m">"Submissions"</h3>
            <SubmissionsTable ctx=ctx />
        </section>
    }
}
