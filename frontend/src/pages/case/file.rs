//! `/case/files/{id}`: building a case file. The heading with the URN, file type (changeable),
//! state and charging route; beside the forms, always in view, what the file still needs (the
//! shared `readiness` rule the server refuses a submission with, run here too over what is being
//! typed, so an item is marked as met the moment the text meets it), each item a link to where it
//! is put right; then each form the file type needs, laid out as the CPS will read it,
//! with an editor for the forms an officer writes; certification of the MG5; the submission to
//! the CPS and the CPS's decisions.

use super::{
    action_text, download_pdf, element_exists, fact, route_text, state_tag, user_text, DecisionList, FormView,
};
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::field::fid;
use crate::components::field::{CheckboxField, SelectField, TextArea};
use crate::components::focus_by_id;
use crate::components::ids::new_idempotency_key;
use crate::components::loader::{id_page, load_into, RecordFrame};
use crate::components::permissions::can;
use crate::components::time::local_time;
use crate::routes::{crime_path, custody_record_path, set_document_title};
use crate::session::use_session;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::case::{
    check_document, readiness, render, CaseFileDto, CaseFileState, CertifyRequest, DecisionKind, Disclosure,
    DocumentContent, DocumentKind, DocumentVersion, FileType, FixAt, Mg15, Mg3, Mg5, Mg6, Missing,
    UpdateCaseFileRequest,
};
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::investigation::UserRef;
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

/// The section of the crime page where a missing item is put right.
fn crime_anchor(m: &Missing) -> &'static str {
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
fn file_target(code: &str) -> Option<String> {
    let field = fid("doc", code);
    if element_exists(&field) {
        return Some(field);
    }
    let kind = code.split('.').next().and_then(DocumentKind::parse)?;
    Some(format!("doc-{}", kind.as_str()))
}

/// The codes of the saved file's missing items that what is typed in the editors (not yet saved)
/// would meet: the shared [`readiness`] rule run over the file with the typed forms as new versions.
fn met_by_typing(ctx: FileCtx) -> Vec<String> {
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
fn Readiness(ctx: FileCtx) -> impl IntoView {
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

/// The text fields of a written form: (path, label, hint, rows).
fn text_fields(kind: DocumentKind) -> &'static [(&'static str, &'static str, &'static str, u32)] {
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
struct Draft {
    texts: [RwSignal<String>; 2],
    complete: RwSignal<bool>,
}

impl Draft {
    fn from(content: Option<&DocumentContent>) -> Self {
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

    fn content(&self, kind: DocumentKind) -> Option<DocumentContent> {
        untrack(|| self.typed(kind))
    }

    /// What is typed now (tracked: the checklist follows the typing).
    fn typed(&self, kind: DocumentKind) -> Option<DocumentContent> {
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
fn content_lines(c: &DocumentContent) -> Vec<(&'static str, String)> {
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
fn DocumentSection(ctx: FileCtx, kind: DocumentKind) -> impl IntoView {
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
fn Editor(ctx: FileCtx, kind: DocumentKind) -> impl IntoView {
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
fn Certification(ctx: FileCtx, kind: DocumentKind) -> impl IntoView {
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

fn latest_untracked(ctx: FileCtx, kind: DocumentKind) -> Option<i64> {
    ctx.file.with_untracked(|f| {
        f.as_ref()
            .and_then(|f| f.content.document(kind).map(|d| d.version))
    })
}

/// Every saved version of a written form, newest first.
#[component]
fn History(ctx: FileCtx, kind: DocumentKind) -> impl IntoView {
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

/// The forms this file type does not need, for reference only.
#[component]
fn OtherForms(ctx: FileCtx) -> impl IntoView {
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

/// Sending the file to the CPS, the PDF bundle and the submissions so far.
#[component]
fn Submission(ctx: FileCtx) -> impl IntoView {
    let submitter = can(Capability::SubmitCaseFiles);
    let busy = RwSignal::new(false);
    let downloading = RwSignal::new(false);
    let submit = move |_| {
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
    };
    let bundle = move |_| {
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
    };
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
            {move || {
                let list = ctx.with(|f| f.submissions.clone());
                if list.is_empty() {
                    return view! { <p class="body">"Not submitted yet."</p> }.into_any();
                }
                view! {
                    <table class="table" id="submissions">
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
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}
