//! `/case/files/{id}`: building a case file. The heading with the URN, file type (changeable),
//! state and charging route; beside the forms, always in view, what the file still needs (the
//! shared `readiness` rule the server refuses a submission with, run here too over what is being
//! typed, so an item is marked as met the moment the text meets it), each item a link to where it
//! is put right; then each form the file type needs, laid out as the CPS will read it,
//! with an editor for the forms an officer writes; certification of the MG5; the submission to
//! the CPS and the CPS's decisions.

mod documents;
mod readiness;
mod submission;

use self::documents::{DocumentSection, Draft};
use self::readiness::Readiness;
use self::submission::{OtherForms, Submission};

use super::{action_text, fact, route_text, state_tag, user_text, DecisionList};
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::field::{fid, SelectField};
use crate::components::loader::{id_page, load_into, RecordFrame};
use crate::components::permissions::can;
use crate::components::time::local_time;
use crate::routes::{crime_path, set_document_title};
use crate::session::use_session;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::case::{
    CaseFileDto, CaseFileState, DecisionKind, DocumentKind, FileType, UpdateCaseFileRequest,
};
use bluelamp_shared::error::{ErrorCode, FieldError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

/// What every part of the file page shares.
#[derive(Debug, Clone, Copy)]
pub struct FileCtx {
    /// The file as last loaded or answered.
    pub file: RwSignal<Option<CaseFileDto>>,
    /// The error summary at the top of the page.
    pub summary: RwSignal<Vec<ErrorItem>>,
    /// Inline errors as (element id, message).
    pub errors: RwSignal<Vec<(String, String)>>,
    /// What just happened ("MG5 saved").
    pub notice: RwSignal<Option<String>>,
    /// Bumped to load the file again.
    pub reload: RwSignal<u32>,
    /// The editors of the written forms, for the checklist to read what is typed but not saved.
    drafts: RwSignal<Vec<(DocumentKind, Draft)>>,
    /// The API client.
    pub client: AuthClient,
}

impl FileCtx {
    /// The file's id.
    pub fn id(&self) -> Uuid {
        self.file
            .with_untracked(|f| f.as_ref().map(|f| f.id).unwrap_or_default())
    }

    /// The file's version (its `ETag`).
    pub fn version(&self) -> i64 {
        self.file
            .with_untracked(|f| f.as_ref().map(|f| f.meta.version).unwrap_or_default())
    }

    /// Reads the file (tracked) with `f`, or the default before it is loaded.
    pub fn with<T: Default>(&self, f: impl FnOnce(&CaseFileDto) -> T) -> T {
        self.file.with(|c| c.as_ref().map(f).unwrap_or_default())
    }

    /// The inline error of the element `id`.
    pub fn err(&self, id: impl Into<String>) -> Signal<Option<String>> {
        let id = id.into();
        let errors = self.errors;
        Signal::derive(move || errors.with(|es| es.iter().find(|(i, _)| *i == id).map(|(_, m)| m.clone())))
    }

    /// Shows problems (paths of the form with `prefix`).
    pub fn invalid(&self, prefix: &str, problems: &[FieldError]) {
        let items: Vec<(String, String)> = problems
            .iter()
            .map(|e| (fid(prefix, &e.path), e.message.clone()))
            .collect();
        let _ = self.summary.try_set(
            items
                .iter()
                .map(|(i, m)| ErrorItem::field(i.clone(), m.clone()))
                .collect(),
        );
        let _ = self.errors.try_set(items);
        let _ = self.notice.try_set(None);
    }

    /// Shows a failed call: field errors against the form's fields; 412 with the file as now saved.
    pub fn fail(&self, prefix: &str, e: ApiError) {
        if let ApiError::Problem(p) = &e {
            if p.code == ErrorCode::PreconditionFailed {
                match p
                    .current
                    .clone()
                    .and_then(|v| serde_json::from_value::<CaseFileDto>(v).ok())
                {
                    Some(f) => {
                        let _ = self.file.try_set(Some(f));
                    }
                    None => self.reload.update(|n| *n += 1),
                }
                let _ = self.summary.try_set(vec![ErrorItem::general(
                    "Someone else changed this file while you were working on it. The page now shows their changes: check them and try again.",
                )]);
                let _ = self.errors.try_set(Vec::new());
                return;
            }
        }
        let fields = e.field_errors().to_vec();
        if fields.is_empty() {
            let _ = self.summary.try_set(vec![ErrorItem::general(e.message())]);
            let _ = self.errors.try_set(Vec::new());
            let _ = self.notice.try_set(None);
        } else {
            self.invalid(prefix, &fields);
        }
    }

    /// A write worked: the file as answered, and a message.
    pub fn saved(&self, file: CaseFileDto, message: &str) {
        let _ = self.file.try_set(Some(file));
        let _ = self.summary.try_set(Vec::new());
        let _ = self.errors.try_set(Vec::new());
        let _ = self.notice.try_set(Some(message.to_owned()));
    }
}

/// `/case/files/{id}`.
#[component]
pub fn CaseFilePage() -> impl IntoView {
    id_page(
        "Case file",
        "Case file",
        "There is no such case file.",
        |id| view! { <FileLoader id=id /> },
    )
}

#[component]
fn FileLoader(id: Uuid) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let ctx = FileCtx {
        file: RwSignal::new(None),
        summary: RwSignal::new(Vec::new()),
        errors: RwSignal::new(Vec::new()),
        notice: RwSignal::new(None),
        reload: RwSignal::new(0),
        drafts: RwSignal::new(Vec::new()),
        client,
    };
    let failed = RwSignal::new(None::<ApiError>);
    load_into(Some(ctx.reload), ctx.file, failed, move || async move {
        client.case_file(id).await
    });
    let loaded = Memo::new(move |_| ctx.file.with(Option::is_some));
    view! {
        <RecordFrame title="Case file" not_found="There is no such case file." loaded=loaded failed=failed>
            <FileView ctx=ctx />
        </RecordFrame>
    }
}

#[component]
fn FileView(ctx: FileCtx) -> impl IntoView {
    let state = Memo::new(move |_| ctx.with(|f| Some(f.state)).unwrap_or(CaseFileState::Building));
    let urn = move || ctx.with(|f| f.urn.clone());
    Effect::new(move |_| set_document_title(&format!("Case file {}", urn())));
    view! {
        <p class="caption">"Case file"</p>
        <h1 class="heading-xl">
            <span id="case-urn">{urn}</span>
            " "
            {move || state_tag("case-state", state.get())}
        </h1>
        <p class="small" id="case-notice" role="status">
            {move || ctx.notice.get()}
        </p>
        <ErrorSummary items=ctx.summary id="case-error-summary" />
        <Returned ctx=ctx />
        <Facts ctx=ctx />
        <div class="case-layout">
            <div class="case-layout__main">
                <For
                    each=move || ctx.with(|f| f.required_documents.clone())
                    key=|k| *k
                    let:kind
                >
                    <DocumentSection ctx=ctx kind=kind />
                </For>
                <OtherForms ctx=ctx />
                <Submission ctx=ctx />
                <DecisionList decisions=Signal::derive(move || ctx.with(|f| f.decisions.clone())) />
            </div>
            <Readiness ctx=ctx />
        </div>
    }
}

/// What the CPS asked for when it returned the file.
#[component]
fn Returned(ctx: FileCtx) -> impl IntoView {
    move || {
        let last = ctx.with(|f| {
            (f.state == CaseFileState::Returned)
                .then(|| {
                    f.decisions
                        .iter()
                        .rev()
                        .find(|d| d.decision == DecisionKind::Return)
                        .cloned()
                })
                .flatten()
        })?;
        Some(view! {
            <div class="banner banner--warning" id="case-returned">
                <p class="banner__body">
                    {format!("Returned by the CPS: {} on {}", user_text(&last.by), local_time(last.at))}
                </p>
                <ul class="list list--bullet action-plan">
                    {last.actions.iter().map(|a| view! { <li>{action_text(a)}</li> }).collect_view()}
                </ul>
                {(!last.comments.trim().is_empty())
                    .then(|| view! { <p class="body pre-line">{format!("Comments: {}", last.comments)}</p> })}
                <p class="small">"Each action is also a task for the officer in charge. Put them right, then submit the file again."</p>
            </div>
        })
    }
}

/// The file's facts, and the file type (changed by the officers building it).
#[component]
fn Facts(ctx: FileCtx) -> impl IntoView {
    let builder = can(Capability::BuildCaseFiles);
    let file_type = RwSignal::new(
        ctx.file
            .with_untracked(|f| f.as_ref().map(|f| f.content.file_type.as_str().to_owned()))
            .unwrap_or_default(),
    );
    let busy = RwSignal::new(false);
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(t) = FileType::parse(&file_type.get_untracked()) else {
            ctx.invalid(
                "case",
                &[FieldError::new("file_type", "required", "Choose the file type")],
            );
            return;
        };
        if ctx
            .file
            .with_untracked(|f| f.as_ref().map(|f| f.content.file_type))
            == Some(t)
        {
            ctx.notice
                .set(Some(format!("The file is already: {}.", t.label())));
            return;
        }
        let req = UpdateCaseFileRequest { file_type: Some(t) };
        let (id, version) = (ctx.id(), ctx.version());
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.update_case_file(id, &req, version).await;
            let _ = busy.try_set(false);
            match r {
                Ok(f) => ctx.saved(f, &format!("File type changed to: {}.", t.label())),
                Err(e) => ctx.fail("case", e),
            }
        });
    };
    let types = Signal::derive(|| {
        FileType::ALL
            .into_iter()
            .map(|t| (t.as_str().to_owned(), t.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let can_change = move || builder.get() && ctx.with(|f| f.state.editable());
    view! {
        <dl class="summary-list" id="case-facts">
            {fact(
                "Crime",
                move || {
                    ctx.with(|f| Some((f.content.crime.id, f.content.crime.crn.clone())))
                        .map(|(id, crn)| {
                            view! { <A href=crime_path(id)>{crn.unwrap_or_else(|| "Open the crime".to_owned())}</A> }
                        })
                },
            )}
            {fact(
                "Offence",
                move || ctx.with(|f| f.content.crime.offence.clone()).unwrap_or_else(|| "—".to_owned()),
            )}
            {fact("File type", move || ctx.with(|f| Some(f.content.file_type.label())).unwrap_or_default())}
            {fact(
                "Charging route",
                move || {
                    ctx.with(|f| route_text(f.content.charging_route.route, &f.content.charging_route.reason))
                },
            )}
            {fact(
                "Officer in charge",
                move || {
                    ctx.with(|f| f.content.officer_in_charge.as_ref().map(user_text))
                        .unwrap_or_else(|| "Not allocated".to_owned())
                },
            )}
            {fact(
                "Defendants",
                move || {
                    let names = ctx.with(|f| f.content.defendants.iter().map(|d| d.name.clone()).collect::<Vec<_>>());
                    if names.is_empty() { "None identified".to_owned() } else { names.join("; ") }
                },
            )}
        </dl>
        <Show when=can_change>
            <details class="details">
                <summary class="details__summary">"Change the file type"</summary>
                <form novalidate id="case-file-type-form" on:submit=change>
                    <SelectField
                        id="case-file-type"
                        label="File type"
                        value=file_type
                        options=types
                        error=ctx.err("case-file-type")
                        empty="Choose"
                    />
                    <button type="submit" class="button button--secondary" id="case-file-type-save" aria-disabled=move || busy.get().to_string()>
                        "Change the file type"
                    </button>
                </form>
            </details>
        </Show>
    }
}
