//! `/cps/files/{id}`: a case file as the CPS received it (for a prosecutor). The structured file
//! exactly as last submitted, every form its type holds laid out by the shared `render`, the
//! decisions so far, and the prosecutor's decision: accept, charge (with the offences) or return
//! (with an action plan that becomes the officer's tasks).

mod decision;

use self::decision::DecisionForm;
use super::{download_pdf, fact, route_text, state_tag, DecisionList, FormView};
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::loader::{id_page, load_into, RecordFrame};
use crate::components::permissions::can;
use crate::components::time::local_time;
use crate::routes::set_document_title;
use crate::session::use_session;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::case::{documents_for, render, CaseFileState, CpsCaseFile};
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

/// Fetches the PDF bundle of the file and hands it to the browser to save.
fn download_bundle(
    client: AuthClient,
    file: RwSignal<Option<CpsCaseFile>>,
    downloading: RwSignal<bool>,
    summary: RwSignal<Vec<ErrorItem>>,
) {
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
                    let _ = summary.try_set(vec![ErrorItem::general("The browser could not save the PDF.")]);
                }
            }
            Err(e) => {
                let _ = summary.try_set(vec![ErrorItem::general(e.message())]);
            }
        }
    });
}

/// The forms on the file: their contents list, then each form laid out.
#[component]
fn FileForms(file: RwSignal<Option<CpsCaseFile>>) -> impl IntoView {
    let kinds = move || {
        file.with(|f| {
            f.as_ref()
                .map(|f| documents_for(f.file.file_type).to_vec())
                .unwrap_or_default()
        })
    };
    view! {
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
    let bundle = move |_| download_bundle(client, file, downloading, summary);
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
        <FileForms file=file />
        <DecisionList decisions=Signal::derive(move || {
            file.with(|f| f.as_ref().map(|f| f.decisions.clone()).unwrap_or_default())
        }) />
        <Show when=move || prosecutor.get() && state.get() == CaseFileState::Submitted>
            <DecisionForm file=file client=client notice=notice />
        </Show>
    }
}
