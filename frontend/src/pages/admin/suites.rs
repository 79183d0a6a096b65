//! "Custody suites" (force administrators, `ManageForceStructure`): the force's suites, opening a
//! new one, and closing or reopening one (a suite with detainees in it cannot be closed: the server
//! says so).

use crate::api::AuthClient;
use crate::components::error_summary::{items_for, keep_unfixed, problems_from, ErrorItem, ErrorSummary};
use crate::components::field::{TextArea, TextField};
use crate::components::ids::new_idempotency_key;
use crate::components::loader::{load, loaded};
use crate::components::section::Section;
use crate::components::table::ScrollTable;
use crate::session::use_session;
use bluelamp_shared::admin::suites::{check_new_suite, CreateSuiteRequest, SuiteDto, UpdateSuiteRequest};
use bluelamp_shared::error::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The form's fields, top to bottom.
const FORM_ORDER: &[&str] = &["code", "name", "station", "cells"];

/// Field path → element id in the new-suite form (every cell's fault goes to the cells field).
fn new_suite_id(path: &str) -> String {
    let path = if path.starts_with("cells") { "cells" } else { path };
    format!("new-suite-{path}")
}

/// The cells as typed: one a line or separated by commas, blanks dropped.
pub fn parse_cells(text: &str) -> Vec<String> {
    text.split(['\n', ','])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The faults of single cells (`cells.3`) told against the cells field, naming the cell.
fn cells_as_one(errors: Vec<FieldError>, cells: &[String]) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            if let Some(i) = e
                .path
                .strip_prefix("cells.")
                .and_then(|i| i.parse::<usize>().ok())
            {
                let name = cells.get(i).map(String::as_str).unwrap_or("?");
                e.message = format!("Cell “{name}”: {}", e.message);
                e.path = "cells".to_owned();
            }
            e
        })
        .collect()
}

/// The suites table and the new-suite form, over one list (reloaded once a suite is opened or
/// changed).
#[component]
pub(super) fn SuitesSections() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0u32);
    let suites = load(reload, move || async move { client.custody_suites().await });
    let notice = RwSignal::new(None::<String>);
    view! {
        <Section id="custody-suites" title="Custody suites">
            <div class="notification" role="status" id="custody-suites-notice">
                {move || notice.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            {loaded(suites, move |all| suites_table(all, reload, notice).into_any())}
        </Section>
        <NewSuiteForm reload=reload />
    }
}

/// The suites, one row each, with a button to close or reopen each.
fn suites_table(
    all: Vec<SuiteDto>,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    if all.is_empty() {
        return view! { <p class="body">"Your force has no custody suite yet."</p> }.into_any();
    }
    let client = AuthClient::new(use_session());
    view! {
        <ScrollTable id="suites-table" caption="Your force's custody suites">
            <thead>
                <tr>
                    <th scope="col">"Code"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Station"</th>
                    <th scope="col">"Cells"</th>
                    <th scope="col">"Open records"</th>
                    <th scope="col">"State"</th>
                    <th scope="col">"Action"</th>
                </tr>
            </thead>
            <tbody>
                {all
                    .into_iter()
                    .map(|s| {
                        let action = if s.active { "Close" } else { "Reopen" };
                        let label = format!("{action} {}", s.name);
                        let (id, version, active, name) = (s.id, s.version, s.active, s.name.clone());
                        let toggle = move |_| {
                            let name = name.clone();
                            spawn_local(async move {
                                let req = UpdateSuiteRequest {
                                    active: Some(!active),
                                    ..Default::default()
                                };
                                match client.update_suite(id, &req, version).await {
                                    Ok(s) => {
                                        let state = if s.active { "open" } else { "closed" };
                                        let _ = notice.try_set(Some(format!("{} is now {state}.", s.name)));
                                        let _ = reload.try_update(|n| *n += 1);
                                    }
                                    Err(e) => {
                                        let why = e
                                            .field_errors()
                                            .first()
                                            .map(|f| f.message.clone())
                                            .unwrap_or_else(|| e.message());
                                        let _ = notice.try_set(Some(format!("{name}: {why}")));
                                    }
                                }
                            });
                        };
                        view! {
                            <tr class="table__row" data-suite=s.code.clone() data-active=s.active.to_string()>
                                <th scope="row" class="table__header">{s.code.clone()}</th>
                                <td class="table__cell">{s.name.clone()}</td>
                                <td class="table__cell">{s.station.clone().unwrap_or_else(|| "—".to_owned())}</td>
                                <td class="table__cell">{s.cells.len()}</td>
                                <td class="table__cell">{s.open_records}</td>
                                <td class="table__cell">{if s.active { "Open" } else { "Closed" }}</td>
                                <td class="table__cell">
                                    <button
                                        type="button"
                                        class="button button--secondary button--small"
                                        data-action=if s.active { "close" } else { "reopen" }
                                        aria-label=label
                                        on:click=toggle
                                    >
                                        {action}
                                    </button>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </ScrollTable>
    }
    .into_any()
}

/// The new-suite form's inputs.
#[derive(Debug, Clone, Copy)]
struct NewSuite {
    code: RwSignal<String>,
    name: RwSignal<String>,
    station: RwSignal<String>,
    cells: RwSignal<String>,
}

impl NewSuite {
    fn request(self) -> CreateSuiteRequest {
        let station = self.station.get_untracked().trim().to_owned();
        CreateSuiteRequest {
            code: self.code.get_untracked().trim().to_owned(),
            name: self.name.get_untracked().trim().to_owned(),
            station: (!station.is_empty()).then_some(station),
            cells: parse_cells(&self.cells.get_untracked()),
        }
    }
}

/// The force's code, from the signed-in user.
fn own_force() -> String {
    use_session()
        .user()
        .with_untracked(|u| u.as_ref().map(|u| u.force.code.0.clone()))
        .unwrap_or_default()
}

/// "Open a custody suite": the shared rules are checked before sending; a code already taken comes
/// back from the server against its field.
#[component]
fn NewSuiteForm(reload: RwSignal<u32>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let force = own_force();
    let prefix = format!("{force}-");
    let f = NewSuite {
        code: RwSignal::new(prefix.clone()),
        name: RwSignal::new(String::new()),
        station: RwSignal::new(String::new()),
        cells: RwSignal::new(String::new()),
    };
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let added = RwSignal::new(None::<String>);
    let key = StoredValue::new(new_idempotency_key());
    let last_sent = StoredValue::new(None::<CreateSuiteRequest>);
    let check = {
        let force = force.clone();
        move |req: &CreateSuiteRequest| cells_as_one(check_new_suite(req, &force), &req.cells)
    };

    {
        let check = check.clone();
        Effect::new(move |_| {
            f.code.track();
            f.name.track();
            f.station.track();
            f.cells.track();
            keep_unfixed(errors, check(&f.request()));
        });
    }

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = f.request();
        let problems = check(&req);
        added.set(None);
        if !problems.is_empty() {
            summary.set(items_for(&problems, FORM_ORDER, new_suite_id));
            errors.set(problems);
            return;
        }
        if last_sent.with_value(|l| l.as_ref() != Some(&req)) {
            key.set_value(new_idempotency_key());
            last_sent.set_value(Some(req.clone()));
        }
        let idempotency_key = key.get_value();
        let prefix = prefix.clone();
        busy.set(true);
        spawn_local(async move {
            let result = client.create_suite(&req, &idempotency_key).await;
            let _ = busy.try_set(false);
            match result {
                Ok(s) => {
                    let _ = f.code.try_set(prefix);
                    for field in [f.name, f.station, f.cells] {
                        let _ = field.try_set(String::new());
                    }
                    let _ = errors.try_set(Vec::new());
                    let _ = summary.try_set(Vec::new());
                    key.try_set_value(new_idempotency_key());
                    last_sent.try_set_value(None);
                    let n = s.cells.len();
                    let _ = added.try_set(Some(format!(
                        "{} ({}) is open with {n} cell{}.",
                        s.name,
                        s.code,
                        if n == 1 { "" } else { "s" }
                    )));
                    let _ = reload.try_update(|n| *n += 1);
                }
                Err(e) => {
                    let (fields, items) = problems_from(&e, FORM_ORDER, new_suite_id);
                    let fields = cells_as_one(fields, &req.cells);
                    let _ = errors.try_set(fields);
                    let _ = summary.try_set(items);
                }
            }
        });
    };

    let cells_error = Signal::derive(move || {
        errors.with(|es| {
            let msgs: Vec<&str> = es
                .iter()
                .filter(|e| e.path == "cells")
                .map(|e| e.message.as_str())
                .collect();
            (!msgs.is_empty()).then(|| msgs.join(". "))
        })
    });
    let error_at = move |path: &'static str| {
        Signal::derive(move || {
            errors.with(|es| es.iter().find(|e| e.path == path).map(|e| e.message.clone()))
        })
    };

    view! {
        <Section id="new-suite" title="Open a custody suite">
            <div class="notification" role="status">
                {move || added.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            <ErrorSummary items=summary id="new-suite-error-summary" />
            <form novalidate on:submit=on_submit id="new-suite-form">
                <TextField
                    id=new_suite_id("code")
                    label="Code"
                    hint="Your force's code, a hyphen and 2 to 8 capital letters or digits. For example, NS-EAST."
                    value=f.code
                    error=error_at("code")
                />
                <TextField
                    id=new_suite_id("name")
                    label="Name"
                    hint="For example, Northshire East custody."
                    value=f.name
                    error=error_at("name")
                />
                <TextField
                    id=new_suite_id("station")
                    label="Station (optional)"
                    value=f.station
                    error=error_at("station")
                />
                <TextArea
                    id=new_suite_id("cells")
                    label="Cells"
                    hint="One a line, or separated by commas. For example, C1, C2, DRY-1."
                    value=f.cells
                    error=cells_error
                    rows=5
                />
                <button
                    type="submit"
                    class="button"
                    id="new-suite-submit"
                    aria-disabled=move || busy.get().to_string()
                >
                    {move || if busy.get() { "Opening the suite…" } else { "Open the suite" }}
                </button>
            </form>
        </Section>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_cells;

    #[test]
    fn cells_are_read_one_a_line_or_comma_separated() {
        assert_eq!(
            parse_cells("C1\nC2, C3,,\n  \nDRY-1 "),
            ["C1", "C2", "C3", "DRY-1"]
        );
    }
}
