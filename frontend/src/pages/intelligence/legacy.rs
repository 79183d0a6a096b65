//! `/intelligence/legacy`: imports a report graded 5x5x5 on the old system (intelligence
//! officers). The report arrives already disseminated, keeping its original grading next to the
//! mapped 3x5x2 one.

use crate::api::AuthClient;
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::live_search::LiveSearch;
use crate::components::module_page::ModulePage;
use crate::components::permissions::can;
use crate::components::record::kind_label;
use crate::components::time::from_input;
use crate::routes::{report_path, Page};
use crate::session::use_session;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::intelligence::{LegacyGrading, LegacyImportRequest, ReportDto};
use bluelamp_shared::records::{RecordKind, RecordRef};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

fn options(codes: &[&str]) -> Vec<(String, String)> {
    codes.iter().map(|c| ((*c).to_owned(), (*c).to_owned())).collect()
}

fn field_id(path: &str) -> Option<&'static str> {
    Some(match path.split('.').next().unwrap_or_default() {
        "legacy_reference" => "legacy-reference",
        "text" => "legacy-text",
        "grading" => match path {
            "grading.intelligence" => "legacy-intelligence",
            "grading.handling" => "legacy-handling",
            _ => "legacy-source",
        },
        "obtained_at" => "legacy-obtained-at",
        "subjects" => "legacy-subject-search",
        "review_date" => "legacy-review-date",
        _ => return None,
    })
}

/// `/intelligence/legacy`.
#[component]
pub fn LegacyImportPage() -> impl IntoView {
    let allowed = can(Capability::EvaluateIntelligence);
    view! {
        <ModulePage page=Page::LegacyIntelligence>
            <Show
                when=move || allowed.get()
                fallback=|| view! { <p class="body">"Only the intelligence unit imports legacy intelligence."</p> }
            >
                <LegacyForm />
            </Show>
        </ModulePage>
    }
}

/// The form's inputs.
#[derive(Debug, Clone, Copy)]
struct Inputs {
    reference: RwSignal<String>,
    text: RwSignal<String>,
    source: RwSignal<String>,
    intelligence: RwSignal<String>,
    handling: RwSignal<String>,
    obtained: RwSignal<String>,
    review: RwSignal<String>,
    subjects: RwSignal<Vec<(RecordRef, String)>>,
}

impl Inputs {
    /// The import request, or every problem with the form.
    fn request(self) -> Result<LegacyImportRequest, Vec<FieldError>> {
        let Self {
            reference,
            text,
            source,
            intelligence,
            handling,
            obtained,
            review,
            subjects,
        } = self;
        let mut problems = Vec::new();
        let req_text = |s: RwSignal<String>| s.get_untracked().trim().to_owned();
        if req_text(reference).is_empty() {
            problems.push(FieldError::new(
                "legacy_reference",
                "required",
                "Enter the old system's reference",
            ));
        }
        if req_text(text).is_empty() {
            problems.push(FieldError::new("text", "required", "Enter the disseminated text"));
        }
        for (path, s, what) in [
            ("grading.source", source, "the source evaluation (A to E)"),
            (
                "grading.intelligence",
                intelligence,
                "the intelligence evaluation (1 to 5)",
            ),
            ("grading.handling", handling, "the handling code (1 to 5)"),
        ] {
            if req_text(s).is_empty() {
                problems.push(FieldError::new(path, "required", format!("Choose {what}")));
            }
        }
        let obtained_at = from_input(&req_text(obtained));
        if obtained_at.is_none() {
            problems.push(FieldError::new(
                "obtained_at",
                "required",
                "Enter when it was obtained",
            ));
        }
        let review_date = NaiveDate::parse_from_str(&req_text(review), "%Y-%m-%d").ok();
        if review_date.is_none() {
            problems.push(FieldError::new(
                "review_date",
                "required",
                "Enter the review date",
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let req = LegacyImportRequest {
            legacy_reference: req_text(reference),
            text: req_text(text),
            grading: LegacyGrading {
                source: req_text(source),
                intelligence: req_text(intelligence),
                handling: req_text(handling),
            },
            obtained_at,
            subjects: subjects.get_untracked().into_iter().map(|(r, _)| r).collect(),
            review_date,
        };
        Ok(req)
    }
}

/// The message for element `id`.
fn error_of(errors: RwSignal<Vec<FieldError>>, id: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|es| {
            es.iter()
                .find(|e| field_id(&e.path) == Some(id))
                .map(|e| e.message.clone())
        })
    })
}

/// The report made, once imported.
#[component]
fn Imported(done: RwSignal<Option<ReportDto>>) -> impl IntoView {
    view! {
    {move || {
        done.get()
            .map(|r| {
                view! {
                    <div class="banner banner--success" id="legacy-imported" role="status">
                        <p class="banner__body">
                            "Imported as "
                            <A href=report_path(r.id) attr:id="legacy-report-link">{r.reference.clone()}</A>
                            {r.grading_short.clone().map(|g| format!(" (mapped grading {g})"))}
                        </p>
                    </div>
                }
            })
    }}
    }
}

/// The original 5x5x5 grading.
#[component]
fn GradingFieldset(f: Inputs, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let e = move |id: &'static str| error_of(errors, id);
    let Inputs {
        source,
        intelligence,
        handling,
        ..
    } = f;
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Original 5x5x5 grading"</legend>
            <SelectField
                id="legacy-source"
                label="Source evaluation (A–E)"
                value=source
                options=Signal::derive(|| options(&["A", "B", "C", "D", "E"]))
                error=e("legacy-source")
                empty="Choose"
            />
            <SelectField
                id="legacy-intelligence"
                label="Intelligence evaluation (1–5)"
                value=intelligence
                options=Signal::derive(|| options(&["1", "2", "3", "4", "5"]))
                error=e("legacy-intelligence")
                empty="Choose"
            />
            <SelectField
                id="legacy-handling"
                label="Handling code (1–5)"
                value=handling
                options=Signal::derive(|| options(&["1", "2", "3", "4", "5"]))
                error=e("legacy-handling")
                empty="Choose"
            />
        </fieldset>
    }
}

/// The subjects: records of the index picked as you type.
#[component]
fn SubjectsFieldset(
    subjects: RwSignal<Vec<(RecordRef, String)>>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let e = move |id: &'static str| error_of(errors, id);
    let search = LiveSearch::new(None);
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Subjects"</legend>
            <ul class="list" id="legacy-subjects">
                {move || {
                    subjects
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, (_, label))| {
                            view! {
                                <li class="picked">
                                    {label.clone()}
                                    " "
                                    <button
                                        type="button"
                                        class="button button--secondary button--small"
                                        on:click=move |_| subjects.update(|l| if i < l.len() { l.remove(i); })
                                    >
                                        "Remove"
                                        <span class="visually-hidden">{format!(" {label}")}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <TextField
                id="legacy-subject-search"
                label="Find a subject"
                value=search.query
                error=e("legacy-subject-search")
            />
            <p class="small" role="status">{move || search.status()}</p>
            <ul class="list picker-options">
                {move || {
                    search
                        .results
                        .get()
                        .map(|(_, r)| r.hits)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|h| h.summary.record.kind != RecordKind::Event)
                        .map(|h| {
                            let r = h.summary.record;
                            let label = format!("{}: {}", kind_label(r.kind), h.summary.label);
                            let text = label.clone();
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="button button--secondary option"
                                        data-testid="legacy-subject-option"
                                        on:click=move |_| {
                                            let label = label.clone();
                                            subjects.update(|l| if !l.iter().any(|(x, _)| *x == r) { l.push((r, label)); });
                                            search.query.set(String::new());
                                        }
                                    >
                                        {text}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </fieldset>
    }
}

#[component]
fn LegacyForm() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let f = Inputs {
        reference: RwSignal::new(String::new()),
        text: RwSignal::new(String::new()),
        source: RwSignal::new(String::new()),
        intelligence: RwSignal::new(String::new()),
        handling: RwSignal::new(String::new()),
        obtained: RwSignal::new(String::new()),
        review: RwSignal::new(String::new()),
        subjects: RwSignal::new(Vec::new()),
    };
    let Inputs {
        reference,
        text,
        obtained,
        review,
        ..
    } = f;
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<ReportDto>);

    let e = move |id: &'static str| error_of(errors, id);
    let show = move |problems: Vec<FieldError>| {
        let items = problems
            .iter()
            .map(|p| match field_id(&p.path) {
                Some(id) => ErrorItem::field(id, p.message.clone()),
                None => ErrorItem::general(p.message.clone()),
            })
            .collect();
        let _ = summary.try_set(items);
        let _ = errors.try_set(problems);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = match f.request() {
            Ok(req) => req,
            Err(problems) => {
                show(problems);
                return;
            }
        };
        busy.set(true);
        spawn_local(async move {
            let r = client.import_legacy_report(&req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(r) => {
                    let _ = summary.try_set(Vec::new());
                    let _ = errors.try_set(Vec::new());
                    let _ = done.try_set(Some(r));
                }
                Err(err) => {
                    let fields = err.field_errors().to_vec();
                    if fields.is_empty() {
                        let _ = summary.try_set(vec![ErrorItem::general(err.message())]);
                    } else {
                        show(fields);
                    }
                }
            }
        });
    };

    view! {
        <Imported done=done />
        <ErrorSummary items=summary id="legacy-error-summary" />
        <form novalidate class="intel-form" id="legacy-form" on:submit=on_submit>
            <TextField id="legacy-reference" label="Old system's reference" value=reference error=e("legacy-reference") />
            <TextArea id="legacy-text" label="Disseminated text" value=text error=e("legacy-text") rows=6 />
            <GradingFieldset f=f errors=errors />
            <TextField
                id="legacy-obtained-at"
                label="When it was obtained"
                input_type="datetime-local"
                value=obtained
                error=e("legacy-obtained-at")
            />
            <TextField
                id="legacy-review-date"
                label="Review by"
                input_type="date"
                value=review
                error=e("legacy-review-date")
            />
            <SubjectsFieldset subjects=f.subjects errors=errors />
            <button type="submit" class="button" id="legacy-submit" aria-disabled=move || busy.get().to_string()>
                "Import"
            </button>
        </form>
    }
}
