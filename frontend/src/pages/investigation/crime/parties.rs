//! The people and organisations of a crime, by role, and adding one (a record of the index or a
//! new person or organisation).

use super::{role_label, CrimeCtx};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::person_choice::{blank_to_none, new_person};
use crate::components::record::record_link;
use crate::components::record_picker::{Picked, RecordPicker};
use crate::components::section::Section;
use bluelamp_shared::index::organisations::OrganisationInput;
use bluelamp_shared::investigation::{AddPartyRequest, PartyRole};
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The parties recorded, by role.
#[component]
fn PartyList(ctx: CrimeCtx) -> impl IntoView {
    move || {
        let parties = ctx.with(|c| c.parties.clone());
        if parties.is_empty() {
            return view! { <p class="body">"None recorded yet."</p> }.into_any();
        }
        [PartyRole::Victim, PartyRole::Suspect, PartyRole::Offender, PartyRole::Witness, PartyRole::PersonReporting]
            .into_iter()
            .filter_map(|r| {
                let of: Vec<_> = parties.iter().filter(|p| p.role == r).cloned().collect();
                (!of.is_empty())
                    .then(|| {
                        view! {
                            <h3 class="heading-s">{role_label(r)}</h3>
                            <ul class="list party-list" data-role=format!("{r:?}").to_lowercase()>
                                {of
                                    .into_iter()
                                    .map(|p| {
                                        let body = match (&p.record, &p.description) {
                                            (Some(s), _) => record_link(s),
                                            (None, Some(d)) => view! { <span>{format!("Not identified: {d}")}</span> }.into_any(),
                                            _ => view! { <span>"—"</span> }.into_any(),
                                        };
                                        view! { <li class="party">{body}</li> }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
            })
            .collect_view()
            .into_any()
    }
}

/// The roles a party may have.
fn party_roles() -> Vec<(String, String)> {
    [
        ("victim", "Victim"),
        ("witness", "Witness"),
        ("suspect", "Suspect"),
        ("offender", "Offender"),
        ("person_reporting", "Person reporting"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_owned(), b.to_owned()))
    .collect::<Vec<_>>()
}

/// Who the party is, by role: someone recorded, a new person, and for a victim a new
/// organisation, for a suspect a description.
fn party_modes(role: RwSignal<String>) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        let mut v = vec![
            ("existing".to_owned(), "Someone already recorded".to_owned()),
            ("new_person".to_owned(), "A new person".to_owned()),
        ];
        match role.get().as_str() {
            "victim" => v.push((
                "new_organisation".to_owned(),
                "A new organisation (a business is never a person)".to_owned(),
            )),
            "suspect" => v.push((
                "description".to_owned(),
                "An unknown suspect (description)".to_owned(),
            )),
            _ => {}
        }
        v
    })
}

/// The fields for who the party is, by mode.
#[component]
fn WhoFields(ctx: CrimeCtx, form: PartyForm) -> impl IntoView {
    let PartyForm {
        role,
        mode,
        picked,
        forename,
        surname,
        org_name,
        description,
        reason,
    } = form;
    let kinds = move || {
        if role.get() == "victim" {
            vec![RecordKind::Person, RecordKind::Organisation]
        } else {
            vec![RecordKind::Person]
        }
    };
    move || {
        match mode.get().as_str() {
        "existing" => view! {
            <RecordPicker
                id="party-person-id"
                label="Find them"
                kinds=kinds()
                picked=picked
                error=ctx.err("party-person-id")
            />
        }
            .into_any(),
        "new_person" => view! {
            <div class="inline-fields">
                <TextField id="party-forename" label="Given name" value=forename error=ctx.err("party-new-person-names-0-forename") />
                <TextField id="party-surname" label="Surname" value=surname error=ctx.err("party-new-person-names-0-surname") />
            </div>
            <TextField
                id="party-new-person-new-record-reason"
                label="If they may already be recorded: why a new record (optional)"
                value=reason
                error=ctx.err("party-new-person-new-record-reason")
            />
        }
            .into_any(),
        "new_organisation" => view! {
            <TextField id="party-new-organisation-name" label="Organisation name" value=org_name error=ctx.err("party-new-organisation-name") />
        }
            .into_any(),
        _ => view! {
            <TextArea id="party-description" label="Description of the suspect" value=description error=ctx.err("party-description") rows=2 />
        }
            .into_any(),
    }
    }
}

/// The form adding a party.
#[component]
fn AddParty(ctx: CrimeCtx) -> impl IntoView {
    let form = PartyForm {
        role: RwSignal::new("victim".to_owned()),
        mode: RwSignal::new("existing".to_owned()),
        picked: RwSignal::new(None::<Picked>),
        forename: RwSignal::new(String::new()),
        surname: RwSignal::new(String::new()),
        org_name: RwSignal::new(String::new()),
        description: RwSignal::new(String::new()),
        reason: RwSignal::new(String::new()),
    };
    let PartyForm {
        role,
        mode,
        picked,
        forename,
        surname,
        org_name,
        description,
        reason,
    } = form;
    let busy = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = form.request();
        let problems = bluelamp_shared::investigation::check_party(&req);
        if !problems.is_empty() {
            ctx.invalid("party", &problems);
            return;
        }
        let id = ctx.id();
        busy.set(true);
        spawn_local(async move {
            let r = ctx.client.add_party(id, &req).await;
            let _ = busy.try_set(false);
            match r {
                Ok(c) => {
                    let _ = picked.try_set(None);
                    for s in [forename, surname, org_name, description, reason] {
                        let _ = s.try_set(String::new());
                    }
                    ctx.saved(Some(c), "Party added.")
                }
                Err(e) => ctx.fail("party", e),
            }
        });
    };
    let roles = Signal::derive(party_roles);
    let modes = party_modes(role);
    view! {
        <details class="details">
            <summary class="details__summary">"Add a person or organisation"</summary>
            <form novalidate id="party-form" on:submit=add>
                <div class="inline-fields">
                    <SelectField id="party-role" label="Role" value=role options=roles error=ctx.err("party-role") empty="Choose" />
                    <SelectField id="party-mode" label="Who" value=mode options=modes error=Signal::derive(|| None::<String>) empty="Choose" />
                </div>
                <WhoFields ctx=ctx form=form />
                <button type="submit" class="button button--secondary" id="party-add" aria-disabled=move || busy.get().to_string()>
                    "Add"
                </button>
            </form>
        </details>
    }
}

/// The parties of a crime by role, and the form adding one.
#[component]
pub(super) fn Parties(ctx: CrimeCtx) -> impl IntoView {
    let open = move || ctx.with(|c| c.state.is_open());
    view! {
        <Section id="parties" title="People and organisations">
            <PartyList ctx=ctx />
            <Show when=open>
                <AddParty ctx=ctx />
            </Show>
        </Section>
    }
}

/// The inputs of the form adding a party.
#[derive(Debug, Clone, Copy)]
struct PartyForm {
    role: RwSignal<String>,
    mode: RwSignal<String>,
    picked: RwSignal<Option<Picked>>,
    forename: RwSignal<String>,
    surname: RwSignal<String>,
    org_name: RwSignal<String>,
    description: RwSignal<String>,
    reason: RwSignal<String>,
}

impl PartyForm {
    /// The request from what is typed: a record picked, a new person, a new organisation or a
    /// description of someone not identified.
    fn request(&self) -> AddPartyRequest {
        let role = match self.role.get_untracked().as_str() {
            "witness" => PartyRole::Witness,
            "suspect" => PartyRole::Suspect,
            "offender" => PartyRole::Offender,
            "person_reporting" => PartyRole::PersonReporting,
            _ => PartyRole::Victim,
        };
        let mut req = AddPartyRequest {
            role,
            person_id: None,
            organisation_id: None,
            new_person: None,
            new_organisation: None,
            description: None,
        };
        match self.mode.get_untracked().as_str() {
            "existing" => match self.picked.get_untracked() {
                Some(p) if p.kind == RecordKind::Organisation => req.organisation_id = Some(p.id),
                Some(p) => req.person_id = Some(p.id),
                None => {}
            },
            "new_person" => {
                req.new_person = Some(new_person(
                    &self.forename.get_untracked(),
                    &self.surname.get_untracked(),
                    None,
                    blank_to_none(&self.reason.get_untracked()),
                ))
            }
            "new_organisation" => {
                req.new_organisation = Some(OrganisationInput {
                    name: self.org_name.get_untracked().trim().to_owned(),
                    kind: "business".to_owned(),
                    ..Default::default()
                })
            }
            _ => {
                req.description =
                    Some(self.description.get_untracked().trim().to_owned()).filter(|d| !d.is_empty())
            }
        }
        req
    }
}
