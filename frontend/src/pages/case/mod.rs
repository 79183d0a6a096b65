//! The Case module: `/case` (for a prosecutor, the CPS queue), the file-building page
//! `/case/files/{id}`, the CPS view `/cps/files/{id}`, and the case sections of the crime page
//! (statements, unused material, case files).
//!
//! Every MG form is laid out by `bluelamp_shared::case::render`, the same function the PDF bundle
//! uses, so the screen and the paper agree.

pub mod cps;
pub mod file;
pub mod on_crime;

use crate::api::AuthClient;
use crate::components::field::{described_by, ErrorMessage};
use crate::components::loader::{load, loaded};
use crate::components::module_page::ModulePage;
use crate::components::table::ScrollTable;
use crate::components::time::local_time;
use crate::routes::{cps_file_path, Page};
use crate::session::use_session;
use bluelamp_shared::auth::Role;
use bluelamp_shared::case::{
    ActionPlanItem, CaseFileState, Charge, DecisionDto, DecisionKind, FormLine, RenderedForm, Route,
};
use bluelamp_shared::users::UserRef;
use leptos::prelude::*;
use leptos_router::components::A;

/// `/case`: for a prosecutor, the files sent to the CPS; for officers, where case files are built.
#[component]
pub fn CasePage() -> impl IntoView {
    let user = use_session().user();
    let prosecutor =
        Memo::new(move |_| user.with(|u| u.as_ref().is_some_and(|u| u.roles.contains(&Role::Prosecutor))));
    view! {
        <ModulePage page=Page::Case>
            <Show
                when=move || prosecutor.get()
                fallback=|| {
                    view! {
                        <p class="body">
                            "A case file is the prosecution file sent to the Crown Prosecution Service. It is built from what the investigation and custody recorded: open the crime, take the witness statements, keep the unused-material register, then choose "
                            <strong>"Start a case file"</strong>
                            " in its Case files section."
                        </p>
                        <p class="body">
                            "The file page lists what the file still needs beside its forms, and sends it to the CPS once nothing is missing."
                        </p>
                        <p class="body">
                            <A href=Page::Investigation.path()>"Go to your investigations"</A>
                        </p>
                    }
                }
            >
                <CpsQueue />
            </Show>
        </ModulePage>
    }
}

/// The files sent to the CPS, newest first (`GET /cps/case-files`).
#[component]
fn CpsQueue() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0);
    let files = load(reload, move || async move { client.cps_case_files().await });
    view! {
        <section class="section" id="cps-queue" aria-labelledby="cps-queue-title">
            <h2 class="heading-l" id="cps-queue-title">
                "Files sent to the CPS"
            </h2>
            {loaded(
                files,
                |list| {
                    if list.is_empty() {
                        return view! { <p class="body">"No case files have been sent to the CPS yet."</p> }
                            .into_any();
                    }
                    view! {
                        <ScrollTable id="cps-queue-table" caption="Files sent to the CPS">
                            <thead>
                                <tr>
                                    <th scope="col">"URN"</th>
                                    <th scope="col">"Force"</th>
                                    <th scope="col">"File type"</th>
                                    <th scope="col">"State"</th>
                                    <th scope="col">"Last changed"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .into_iter()
                                    .map(|f| {
                                        view! {
                                            <tr data-case-file-id=f.id.to_string() data-state=f.state.as_str()>
                                                <td>
                                                    <A href=cps_file_path(f.id)>{f.urn.clone()}</A>
                                                </td>
                                                <td>{f.force.to_string()}</td>
                                                <td>{f.file_type.label()}</td>
                                                <td>{f.state.label()}</td>
                                                <td>{local_time(f.updated_at)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </ScrollTable>
                    }
                        .into_any()
                },
            )}
        </section>
    }
}

/// `Name (collar)`.
pub fn user_text(u: &UserRef) -> String {
    format!("{} ({})", u.display_name, u.collar_number)
}

/// A row of a summary list.
pub fn fact(key: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{key}</dt>
            <dd class="summary-list__value">{value}</dd>
        </div>
    }
}

/// The state of a file as a tag, in words (never colour alone).
pub fn state_tag(id: &'static str, state: CaseFileState) -> impl IntoView {
    view! {
        <strong class="tag tag--state" id=id data-state=state.as_str()>
            {state.label()}
        </strong>
    }
}

/// The charging route in words: who decides and why.
pub fn route_text(route: Route, reason: &str) -> String {
    let who = match route {
        Route::PoliceMayCharge => "Police may charge",
        Route::CpsDecides => "CPS decides",
    };
    format!("{who}: {reason}")
}

/// The name of a decision.
pub fn decision_label(k: DecisionKind) -> &'static str {
    match k {
        DecisionKind::Accept => "Accepted",
        DecisionKind::Charge => "Charge",
        DecisionKind::Return => "Returned with an action plan",
    }
}

fn charge_text(c: &Charge) -> String {
    format!("{} ({})", c.wording, c.legislation)
}

/// An action of a plan in words: `What (due 12/05/2026)`.
pub fn action_text(a: &ActionPlanItem) -> String {
    match a.due_on {
        Some(d) => format!("{} (due {})", a.action, d.format("%d/%m/%Y")),
        None => a.action.clone(),
    }
}

/// A form laid out by `render`: a heading and a summary list per section (a line without a label
/// is a paragraph).
#[component]
pub fn FormView(
    /// The form.
    form: RenderedForm,
) -> impl IntoView {
    form.sections
        .into_iter()
        .map(|s| {
            // Runs of labelled lines become one list; a paragraph breaks the run.
            let mut blocks: Vec<AnyView> = Vec::new();
            let mut run: Vec<FormLine> = Vec::new();
            let flush = |run: &mut Vec<FormLine>, blocks: &mut Vec<AnyView>| {
                if run.is_empty() {
                    return;
                }
                let rows = std::mem::take(run)
                    .into_iter()
                    .map(|l| {
                        view! {
                            <div class="summary-list__row">
                                <dt class="summary-list__key">{l.label}</dt>
                                <dd class="summary-list__value pre-line">{l.value}</dd>
                            </div>
                        }
                    })
                    .collect_view();
                blocks.push(view! { <dl class="summary-list">{rows}</dl> }.into_any());
            };
            for l in s.lines {
                if l.label.is_empty() {
                    flush(&mut run, &mut blocks);
                    blocks.push(view! { <p class="body pre-line">{l.value}</p> }.into_any());
                } else {
                    run.push(l);
                }
            }
            flush(&mut run, &mut blocks);
            view! {
                <h3 class="heading-s">{s.heading}</h3>
                {blocks}
            }
        })
        .collect_view()
}

/// The CPS's decisions on a file, oldest first.
#[component]
pub fn DecisionList(
    /// The decisions.
    #[prop(into)]
    decisions: Signal<Vec<DecisionDto>>,
) -> impl IntoView {
    view! {
        <section class="section" id="decisions" aria-labelledby="decisions-title">
            <h2 class="heading-l" id="decisions-title">
                "CPS decisions"
            </h2>
            {move || {
                let list = decisions.get();
                if list.is_empty() {
                    return view! { <p class="body">"No decision yet."</p> }.into_any();
                }
                list.into_iter()
                    .map(|d| {
                        view! {
                            <div class="row-group decision" data-decision=d.decision.as_str()>
                                <p class="body">
                                    <strong>{decision_label(d.decision)}</strong>
                                    {format!(
                                        " · submission {} · {} · {}",
                                        d.submission,
                                        user_text(&d.by),
                                        local_time(d.at),
                                    )}
                                </p>
                                {(!d.charges.is_empty())
                                    .then(|| {
                                        view! {
                                            <p class="small">"Charges:"</p>
                                            <ul class="list list--bullet">
                                                {d.charges.iter().map(|c| view! { <li>{charge_text(c)}</li> }).collect_view()}
                                            </ul>
                                        }
                                    })}
                                {(!d.actions.is_empty())
                                    .then(|| {
                                        view! {
                                            <p class="small">"Action plan:"</p>
                                            <ul class="list list--bullet action-plan">
                                                {d.actions.iter().map(|a| view! { <li>{action_text(a)}</li> }).collect_view()}
                                            </ul>
                                        }
                                    })}
                                {(!d.comments.trim().is_empty())
                                    .then(|| view! { <p class="body pre-line">{format!("Comments: {}", d.comments)}</p> })}
                            </div>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}

/// A checkbox with an inline error (the error summary's link focuses the checkbox).
#[component]
pub fn CheckWithError(
    /// The checkbox's element id.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The bound state.
    checked: RwSignal<bool>,
    /// The inline error, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let described = described_by(&id, false, error);
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <ErrorMessage id=format!("{id}-error") error=error />
            <div class="checkboxes__item">
                <input
                    class="checkboxes__input"
                    type="checkbox"
                    id=id.clone()
                    name=id.clone()
                    aria-describedby=described
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    prop:checked=move || checked.get()
                    on:change=move |ev| checked.set(event_target_checked(&ev))
                />
                <label class="label checkboxes__label" for=id>
                    {label}
                </label>
            </div>
        </div>
    }
}

/// Offers a PDF as a download named `filename` through a Blob URL (a plain link cannot carry the
/// bearer token).
pub fn download_pdf(bytes: &[u8], filename: &str) -> Result<(), String> {
    use leptos::wasm_bindgen::JsCast;
    let data = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&data);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/pdf");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(|_| "blob")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "url")?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("document")?;
    let a = doc
        .create_element("a")
        .map_err(|_| "element")?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "anchor")?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoked a little later: some browsers read the URL after the click returns.
    let later = url.clone();
    leptos::task::spawn_local(async move {
        gloo_timers::future::sleep(std::time::Duration::from_secs(30)).await;
        let _ = web_sys::Url::revoke_object_url(&later);
    });
    Ok(())
}

/// Whether the page has an element with this id.
pub fn element_exists(id: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .is_some()
}
