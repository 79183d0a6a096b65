//! "Stations, teams and units" (force administrators, `ManageForceStructure`): the force's stations
//! and the teams and units working from them, adding one, and closing or reopening one (one that
//! users belong to, or that units work from, cannot be closed: the server says so).

use super::close_reopen::{close_reopen_button, close_reopen_notice};
use crate::api::AuthClient;
use crate::components::create_form::CreateForm;
use crate::components::field::{SelectField, TextField};
use crate::components::loader::{load, loaded};
use crate::components::section::Section;
use crate::components::table::ScrollTable;
use crate::session::use_session;
use bluelamp_shared::admin::units::{
    check_new_unit, CreateUnitRequest, UnitDto, UnitKind, UpdateUnitRequest,
};
use bluelamp_shared::error::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

/// The add form's fields, top to bottom.
const UNIT_ORDER: &[&str] = &["code", "name", "kind", "station"];

/// Field path → element id in the add form.
fn new_unit_id(path: &str) -> String {
    format!("new-unit-{path}")
}

/// The name users see of a kind.
fn kind_label(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Station => "Station",
        UnitKind::Team => "Team",
        UnitKind::Unit => "Unit",
    }
}

/// The table and the add form, over one list (reloaded after each change).
#[component]
pub(super) fn UnitsSections() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0u32);
    let units = load(reload, move || async move { client.force_units().await });
    let notice = RwSignal::new(None::<String>);
    let stations = Signal::derive(move || {
        units.with(|u| match u {
            Some(Ok(all)) => all
                .iter()
                .filter(|u| u.kind == UnitKind::Station && u.active)
                .map(|u| (u.id.to_string(), format!("{} ({})", u.name, u.code)))
                .collect(),
            _ => Vec::new(),
        })
    });
    view! {
        <Section id="force-units" title="Stations, teams and units">
            <div class="notification" role="status" id="force-units-notice">
                {move || notice.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            {loaded(units, move |all| units_table(all, reload, notice).into_any())}
        </Section>
        <NewUnitForm reload=reload stations=stations />
    }
}

/// The stations, teams and units, one row each, with "Close" / "Reopen".
fn units_table(all: Vec<UnitDto>, reload: RwSignal<u32>, notice: RwSignal<Option<String>>) -> impl IntoView {
    if all.is_empty() {
        return view! { <p class="body">"Your force has no station, team or unit yet."</p> }.into_any();
    }
    let client = AuthClient::new(use_session());
    let names: HashMap<uuid::Uuid, String> = all.iter().map(|u| (u.id, u.name.clone())).collect();
    let rows = all
        .into_iter()
        .map(|u| {
            let (id, version, active, name) = (u.id, u.version, u.active, u.name.clone());
            let toggle = {
                let name = name.clone();
                move || {
                    let name = name.clone();
                    spawn_local(async move {
                        let req = UpdateUnitRequest {
                            active: Some(!active),
                            ..Default::default()
                        };
                        let result = client.update_unit(id, &req, version).await;
                        let ok = result.is_ok();
                        let text = close_reopen_notice(&name, result.map(|u| u.active));
                        let _ = notice.try_set(Some(text));
                        if ok {
                            let _ = reload.try_update(|n| *n += 1);
                        }
                    });
                }
            };
            let station = u
                .station
                .and_then(|s| names.get(&s).cloned())
                .unwrap_or_else(|| "—".to_owned());
            view! {
                <tr class="table__row" data-unit=u.code.clone() data-active=u.active.to_string()>
                    <th scope="row" class="table__header">{u.code.clone()}</th>
                    <td class="table__cell">{u.name.clone()}</td>
                    <td class="table__cell">{kind_label(u.kind)}</td>
                    <td class="table__cell" data-station="">{station}</td>
                    <td class="table__cell">{u.members}</td>
                    <td class="table__cell">{if u.active { "Open" } else { "Closed" }}</td>
                    <td class="table__cell">{close_reopen_button(&name, active, toggle)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable id="force-units-table" caption="Your force's stations, teams and units">
            <thead>
                <tr>
                    <th scope="col">"Code"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Kind"</th>
                    <th scope="col">"Station"</th>
                    <th scope="col">"Members"</th>
                    <th scope="col">"State"</th>
                    <th scope="col">"Action"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </ScrollTable>
    }
    .into_any()
}

/// The add form's inputs.
#[derive(Debug, Clone, Copy)]
struct NewUnit {
    code: RwSignal<String>,
    name: RwSignal<String>,
    kind: RwSignal<String>,
    station: RwSignal<String>,
}

impl NewUnit {
    /// The request, and the faults the shared rules find (with an unchosen kind).
    fn checked(self, force: &str) -> (CreateUnitRequest, Vec<FieldError>) {
        let kind = UnitKind::parse(&self.kind.get_untracked());
        let req = CreateUnitRequest {
            code: self.code.get_untracked().trim().to_owned(),
            name: self.name.get_untracked().trim().to_owned(),
            kind: kind.unwrap_or(UnitKind::Unit),
            station: self.station.get_untracked().parse().ok(),
        };
        let mut problems = check_new_unit(&req, force);
        if kind.is_none() {
            problems.push(FieldError::new("kind", "required", "Choose what it is"));
        }
        (req, problems)
    }
}

/// "Add a station, team or unit": the shared rules are checked before sending; a code already
/// taken comes back from the server against its field.
#[component]
fn NewUnitForm(reload: RwSignal<u32>, stations: Signal<Vec<(String, String)>>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let force = use_session()
        .user()
        .with_untracked(|u| u.as_ref().map(|u| u.force.code.0.clone()))
        .unwrap_or_default();
    let prefix = format!("{force}-");
    let f = NewUnit {
        code: RwSignal::new(prefix.clone()),
        name: RwSignal::new(String::new()),
        kind: RwSignal::new(String::new()),
        station: RwSignal::new(String::new()),
    };
    let form = CreateForm::new(UNIT_ORDER, new_unit_id);
    let force = StoredValue::new(force);
    form.recheck(vec![f.code, f.name, f.kind, f.station], move || {
        force.with_value(|force| f.checked(force).1)
    });
    let on_submit = move || {
        let (req, problems) = force.with_value(|force| f.checked(force));
        let prefix = prefix.clone();
        form.submit(
            req,
            problems,
            move |req, key| async move { client.create_unit(&req, &key).await },
            move |u| {
                let _ = f.code.try_set(prefix);
                let _ = f.name.try_set(String::new());
                let _ = reload.try_update(|n| *n += 1);
                format!("{} ({}) is added.", u.name, u.code)
            },
        );
    };
    let kinds = Signal::derive(|| {
        [UnitKind::Station, UnitKind::Team, UnitKind::Unit]
            .into_iter()
            .map(|k| (k.as_str().to_owned(), kind_label(k).to_owned()))
            .collect::<Vec<_>>()
    });
    let fields = view! {
        <TextField
            id=new_unit_id("code")
            label="Code"
            hint="Your force's code, a hyphen and 2 to 12 capital letters, digits or hyphens. For example, NS-CID."
            value=f.code
            error=form.error_at("code")
        />
        <TextField
            id=new_unit_id("name")
            label="Name"
            hint="For example, Criminal Investigation Department."
            value=f.name
            error=form.error_at("name")
        />
        <SelectField
            id=new_unit_id("kind")
            label="What it is"
            value=f.kind
            options=kinds
            error=form.error_at("kind")
            empty="Choose"
        />
        <SelectField
            id=new_unit_id("station")
            label="Station it works from (teams and units only)"
            value=f.station
            options=stations
            error=form.error_at("station")
            empty="None"
        />
    };
    view! {
        <Section id="new-unit" title="Add a station, team or unit">
            {form.frame("new-unit", "Add it", "Adding…", on_submit, fields)}
        </Section>
    }
}
