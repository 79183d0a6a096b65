//! "Partner organisations" (`ManageUsers` for a force administrator, `ManageForces` for a consortium
//! administrator, who also chooses the force that manages it): the organisations, registering one,
//! closing one (asking first: its staff's accounts are deactivated) or reopening one, and adding an
//! account to a prosecutor's.

use super::close_reopen::{close_reopen_button, close_reopen_notice};
use crate::api::AuthClient;
use crate::components::confirm::ConfirmAction;
use crate::components::create_form::CreateForm;
use crate::components::field::{SelectField, TextField};
use crate::components::focus_by_id;
use crate::components::loader::{load, loaded};
use crate::components::permissions::can;
use crate::components::section::Section;
use crate::components::table::ScrollTable;
use crate::session::use_session;
use bluelamp_shared::admin::partners::{
    check_new_partner, CreatePartnerAccountRequest, CreatePartnerOrganisationRequest, PartnerKind,
    PartnerOrganisationDto, UpdatePartnerOrganisationRequest,
};
use bluelamp_shared::auth::Capability;
use bluelamp_shared::error::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The register form's fields, top to bottom.
const PARTNER_ORDER: &[&str] = &["code", "name", "kind", "force"];

/// Field path → element id in the register form.
fn new_partner_id(path: &str) -> String {
    format!("new-partner-{path}")
}

/// The add-account form's fields, top to bottom.
const ACCOUNT_ORDER: &[&str] = &["username", "display_name", "reference", "password"];

/// Field path → element id in the add-account form.
fn account_id(path: &str) -> String {
    format!("partner-account-{}", path.replace('_', "-"))
}

/// The organisation an account is being added to.
#[derive(Debug, Clone, PartialEq)]
struct Chosen {
    id: uuid::Uuid,
    name: String,
}

/// The table, the account form of the organisation chosen in it, and the register form, over one
/// list (reloaded after each change).
#[component]
pub(super) fn PartnersSections() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0u32);
    let partners = load(
        reload,
        move || async move { client.partner_organisations().await },
    );
    let notice = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(None::<Chosen>);
    view! {
        <Section id="partners" title="Partner organisations">
            <div class="notification" role="status" id="partners-notice">
                {move || notice.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            {loaded(partners, move |all| partners_table(all, reload, notice, chosen).into_any())}
            {move || chosen.get().map(|c| view! { <PartnerAccountForm chosen=c reload=reload /> })}
        </Section>
        <NewPartnerForm reload=reload />
    }
}

/// "Close" (asking first, in the row) for an open organisation, "Reopen" for a closed one.
fn close_or_reopen(
    code: &str,
    name: &str,
    active: bool,
    toggle: impl Fn() + Send + Sync + 'static,
) -> AnyView {
    if !active {
        return close_reopen_button(name, active, toggle).into_any();
    }
    view! {
        <ConfirmAction
            id=format!("partner-{code}-close")
            label="Close"
            aria_label=format!("Close {name}")
            question=format!(
                "Close {name}? Its staff's accounts are deactivated at once and they can no longer sign in.",
            )
            confirm="Yes, close it"
            action="close"
            class="button button--secondary button--small"
            on_confirm=Callback::new(move |()| toggle())
        />
    }
    .into_any()
}

/// The organisations, one row each, with "Close" / "Reopen" and, for an open prosecutor's, "Add an
/// account".
fn partners_table(
    all: Vec<PartnerOrganisationDto>,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
    chosen: RwSignal<Option<Chosen>>,
) -> impl IntoView {
    if all.is_empty() {
        return view! { <p class="body">"No partner organisation is registered yet."</p> }.into_any();
    }
    let client = AuthClient::new(use_session());
    let rows = all
        .into_iter()
        .map(|p| {
            let (id, version, active, name) = (p.id, p.version, p.active, p.name.clone());
            let toggle = {
                let name = name.clone();
                move || {
                    let name = name.clone();
                    spawn_local(async move {
                        let req = UpdatePartnerOrganisationRequest {
                            active: Some(!active),
                            ..Default::default()
                        };
                        let result = client.update_partner(id, &req, version).await;
                        let ok = result.is_ok();
                        let text = close_reopen_notice(&name, result.map(|p| p.active));
                        let _ = notice.try_set(Some(text));
                        if ok {
                            let _ = reload.try_update(|n| *n += 1);
                        }
                    });
                }
            };
            let add_account = (active && p.kind.account_role().is_some()).then(|| {
                let name = name.clone();
                let label = format!("Add an account to {name}");
                let pick = move |_| {
                    chosen.set(Some(Chosen {
                        id,
                        name: name.clone(),
                    }));
                    request_animation_frame(|| focus_by_id("partner-account-title"));
                };
                view! {
                    <button
                        type="button"
                        class="button button--secondary button--small"
                        data-action="add-account"
                        aria-label=label
                        on:click=pick
                    >
                        "Add an account"
                    </button>
                }
            });
            view! {
                <tr class="table__row" data-partner=p.code.clone() data-active=p.active.to_string()>
                    <th scope="row" class="table__header">{p.code.clone()}</th>
                    <td class="table__cell">{p.name.clone()}</td>
                    <td class="table__cell">{p.kind.label()}</td>
                    <td class="table__cell">{p.force.0.clone()}</td>
                    <td class="table__cell">{if p.active { "Open" } else { "Closed" }}</td>
                    <td class="table__cell" data-accounts="">{p.accounts}</td>
                    <td class="table__cell">
                        {close_or_reopen(&p.code, &name, active, toggle)} {add_account}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable id="partners-table" caption="Partner organisations, with their open accounts">
            <thead>
                <tr>
                    <th scope="col">"Code"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Kind"</th>
                    <th scope="col">"Force"</th>
                    <th scope="col">"State"</th>
                    <th scope="col">"Accounts"</th>
                    <th scope="col">"Action"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </ScrollTable>
    }
    .into_any()
}

/// The register form's inputs.
#[derive(Debug, Clone, Copy)]
struct NewPartner {
    code: RwSignal<String>,
    name: RwSignal<String>,
    kind: RwSignal<String>,
    force: RwSignal<String>,
}

impl NewPartner {
    /// The request, and the faults the shared rules find (with an unchosen kind or force).
    fn checked(self, consortium: bool) -> (CreatePartnerOrganisationRequest, Vec<FieldError>) {
        let kind = PartnerKind::parse(&self.kind.get_untracked());
        let force = self.force.get_untracked().trim().to_owned();
        let req = CreatePartnerOrganisationRequest {
            code: self.code.get_untracked().trim().to_owned(),
            name: self.name.get_untracked().trim().to_owned(),
            kind: kind.unwrap_or(PartnerKind::Prosecutor),
            force: (consortium && !force.is_empty()).then_some(force),
        };
        let mut problems = check_new_partner(&req);
        if kind.is_none() {
            problems.push(FieldError::new(
                "kind",
                "required",
                "Choose what the organisation is",
            ));
        }
        if consortium && req.force.is_none() {
            problems.push(FieldError::new(
                "force",
                "required",
                "Choose the force that manages it",
            ));
        }
        (req, problems)
    }
}

/// "Register a partner organisation": a consortium administrator also chooses the force that
/// manages it (a force administrator's own force does).
#[component]
fn NewPartnerForm(reload: RwSignal<u32>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let consortium = can(Capability::ManageForces).get_untracked();
    let f = NewPartner {
        code: RwSignal::new(String::new()),
        name: RwSignal::new(String::new()),
        kind: RwSignal::new(String::new()),
        force: RwSignal::new(String::new()),
    };
    let form = CreateForm::new(PARTNER_ORDER, new_partner_id);
    form.recheck(vec![f.code, f.name, f.kind, f.force], move || {
        f.checked(consortium).1
    });
    let on_submit = move || {
        let (req, problems) = f.checked(consortium);
        form.submit(
            req,
            problems,
            move |req, key| async move { client.create_partner(&req, &key).await },
            move |p| {
                for s in [f.code, f.name] {
                    let _ = s.try_set(String::new());
                }
                let _ = reload.try_update(|n| *n += 1);
                format!("{} ({}) is registered.", p.name, p.code)
            },
        );
    };
    let kinds = Signal::derive(|| {
        PartnerKind::ALL
            .into_iter()
            .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let forces = consortium.then(|| {
        let none = RwSignal::new(0u32);
        let all = load(none, move || async move { client.forces().await });
        let choices = Signal::derive(move || {
            all.with(|f| match f {
                Some(Ok(all)) => all
                    .iter()
                    .map(|f| (f.code.0.clone(), format!("{} ({})", f.name, f.code)))
                    .collect(),
                _ => Vec::new(),
            })
        });
        view! {
            <SelectField
                id=new_partner_id("force")
                label="Force that manages it"
                value=f.force
                options=choices
                error=form.error_at("force")
                empty="Choose a force"
            />
        }
    });
    let fields = view! {
        <TextField
            id=new_partner_id("code")
            label="Code"
            hint="2 to 16 capital letters, digits or hyphens, starting with a letter. For example, CPS-MERCIA."
            value=f.code
            error=form.error_at("code")
        />
        <TextField
            id=new_partner_id("name")
            label="Name"
            hint="For example, CPS West Midlands."
            value=f.name
            error=form.error_at("name")
        />
        <SelectField
            id=new_partner_id("kind")
            label="What it is"
            value=f.kind
            options=kinds
            error=form.error_at("kind")
            empty="Choose"
        />
        {forces}
    };
    view! {
        <Section id="new-partner" title="Register a partner organisation">
            <p class="body">
                "Only a prosecutor's staff sign in as people; the other kinds exchange referrals system to system."
            </p>
            {form.frame("new-partner", "Register the organisation", "Registering…", on_submit, fields)}
        </Section>
    }
}

/// The add-account form's inputs.
#[derive(Debug, Clone, Copy)]
struct NewAccount {
    username: RwSignal<String>,
    display_name: RwSignal<String>,
    reference: RwSignal<String>,
    password: RwSignal<String>,
}

impl NewAccount {
    /// The request, and the fields left empty (the rest are the server's to check).
    fn checked(self) -> (CreatePartnerAccountRequest, Vec<FieldError>) {
        let req = CreatePartnerAccountRequest {
            username: self.username.get_untracked().trim().to_owned(),
            display_name: self.display_name.get_untracked().trim().to_owned(),
            reference: self.reference.get_untracked().trim().to_owned(),
            password: self.password.get_untracked(),
        };
        let mut problems = Vec::new();
        for (path, value, message) in [
            ("username", &req.username, "Enter the username"),
            ("display_name", &req.display_name, "Enter their full name"),
            ("reference", &req.reference, "Enter their reference"),
            ("password", &req.password, "Enter an initial password"),
        ] {
            if value.is_empty() {
                problems.push(FieldError::new(path, "required", message));
            }
        }
        (req, problems)
    }
}

/// "Add an account to <organisation>": a member of a prosecutor's staff, who holds the
/// prosecutor's role only.
#[component]
fn PartnerAccountForm(chosen: Chosen, reload: RwSignal<u32>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let f = NewAccount {
        username: RwSignal::new(String::new()),
        display_name: RwSignal::new(String::new()),
        reference: RwSignal::new(String::new()),
        password: RwSignal::new(String::new()),
    };
    let form = CreateForm::new(ACCOUNT_ORDER, account_id);
    form.recheck(
        vec![f.username, f.display_name, f.reference, f.password],
        move || f.checked().1,
    );
    let org = chosen.id;
    let org_name = chosen.name.clone();
    let on_submit = move || {
        let (req, problems) = f.checked();
        let org_name = org_name.clone();
        form.submit(
            req,
            problems,
            move |req, key| async move { client.create_partner_account(org, &req, &key).await },
            move |u| {
                for s in [f.username, f.display_name, f.reference, f.password] {
                    let _ = s.try_set(String::new());
                }
                let _ = reload.try_update(|n| *n += 1);
                format!(
                    "{} ({}) can now sign in for {org_name} with the initial password you chose.",
                    u.display_name, u.username
                )
            },
        );
    };
    let fields = view! {
        <TextField
            id=account_id("username")
            label="Username"
            hint="3 to 64 lower-case letters, digits, dots, hyphens or underscores. For example, cps.okoro."
            value=f.username
            error=form.error_at("username")
        />
        <TextField
            id=account_id("display_name")
            label="Full name"
            value=f.display_name
            error=form.error_at("display_name")
        />
        <TextField
            id=account_id("reference")
            label="Reference"
            hint="The organisation's own reference for them: 2 to 8 letters or digits."
            value=f.reference
            error=form.error_at("reference")
        />
        <TextField
            id=account_id("password")
            label="Initial password"
            hint="At least 12 characters, not a commonly used password. Give it to them in person."
            value=f.password
            input_type="password"
            autocomplete="new-password"
            error=form.error_at("password")
        />
    };
    view! {
        <section class="section" id="partner-account" aria-labelledby="partner-account-title">
            <h3 class="heading-m" id="partner-account-title" tabindex="-1">
                {format!("Add an account to {}", chosen.name)}
            </h3>
            {form.frame("partner-account", "Add the account", "Adding the account…", on_submit, fields)}
        </section>
    }
}
