//! `/admin`: administration, each part shown to the holders of its capability:
//! - consortium administrators (`ManageForces`): the forces of the consortium, adding a force and
//!   a user (its first administrator) to a force ([`forces`]);
//! - force administrators: the force's sharing agreements and proposing one (`ManageSharing`,
//!   [`agreements`], [`propose`]), the users of the force (each on its own page, [`user`]), creating one and the roles that must use
//!   an authenticator app, adding users from a CSV file, and single sign-on with the force's
//!   identity provider (`ManageUsers`, [`mfa_policy`], [`bulk_users`], [`identity_provider`]), the
//!   force's custody suites
//!   (`ManageForceStructure`, [`suites`]), its stations, teams and units (`ManageForceStructure`,
//!   [`units`]), and the audit log (`ReadAuditLog`, [`audit`]);
//! - both: the partner organisations and their staff's accounts (`ManageUsers` or `ManageForces`,
//!   [`partners`]);
//! - both: the reference lists ([`reference`]), where a consortium administrator applies a new
//!   edition of a list (`ManageReferenceData`) and a force administrator adds and retires the
//!   force's own values (`ManageForceStructure`, [`reference_forms`]).
//!
//! The server checks every call again; hiding a part only spares the user a section that would
//! fail.

mod agreement_steps;
mod agreements;
mod audit;
mod bulk_users;
mod close_reopen;
mod create_user;
mod forces;
mod identity_provider;
mod mfa_policy;
mod partners;
mod propose;
mod reference;
mod reference_forms;
mod roles;
mod suites;
mod units;
pub mod user;
mod users;

use self::audit::{AuditTable, RecordAudit};
use self::create_user::{CreateUserForm, Target};
use self::users::UsersTable;
use crate::components::module_page::ModulePage;
use crate::components::permissions::can;
use crate::routes::Page;
use crate::session::use_session;
use bluelamp_shared::auth::Capability;
use leptos::prelude::*;

/// What this page offers, in the order of its sections.
const ON_THIS_PAGE: [Capability; 6] = [
    Capability::ManageForces,
    Capability::ManageReferenceData,
    Capability::ManageSharing,
    Capability::ManageUsers,
    Capability::ManageForceStructure,
    Capability::ReadAuditLog,
];

/// The administration page.
#[component]
pub fn AdminPage() -> impl IntoView {
    let manage_forces = can(Capability::ManageForces);
    let manage_sharing = can(Capability::ManageSharing);
    let manage_users = can(Capability::ManageUsers);
    let manage_structure = can(Capability::ManageForceStructure);
    let read_audit = can(Capability::ReadAuditLog);
    let manage_reference = can(Capability::ManageReferenceData);
    // Bumped after a user is created, so the users and activity tables reload (keeping their old
    // rows meanwhile).
    let reload = RwSignal::new(0u32);
    let user = use_session().user();
    let offered = move || {
        user.with(|u| {
            ON_THIS_PAGE
                .into_iter()
                .filter(|c| u.as_ref().is_some_and(|u| u.capabilities.contains(c)))
                .map(|c| view! { <li>{c.label()}</li> })
                .collect_view()
        })
    };
    view! {
        <ModulePage page=Page::Admin>
            <p class="body">"Here you can:"</p>
            <ul class="list list--bullet body">{offered}</ul>
            <Show when=move || manage_forces.get()>
                <forces::ForcesSections />
            </Show>
            <Show when=move || manage_sharing.get()>
                <agreements::AgreementsSections />
            </Show>
            <Show when=move || manage_users.get()>
                <UsersTable reload=reload />
                <CreateUserForm reload=reload target=Target::OwnForce />
                <bulk_users::BulkUsersSection reload=reload />
                <mfa_policy::MfaPolicySection />
                <identity_provider::IdentityProviderSection />
            </Show>
            <Show when=move || manage_users.get() || manage_forces.get()>
                <partners::PartnersSections />
            </Show>
            <Show when=move || manage_structure.get()>
                <suites::SuitesSections />
                <units::UnitsSections />
            </Show>
            <Show when=move || manage_reference.get() || manage_structure.get()>
                <reference::ReferenceSections />
            </Show>
            <Show when=move || read_audit.get()>
                <AuditTable reload=reload />
                <RecordAudit />
            </Show>
        </ModulePage>
    }
}
