//! The demo consortium: two forces, each with a user for every role.

use crate::db::now;
use crate::db::schema::users;
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::kernel::auth::password;
use crate::kernel::forces::Force;
use crate::kernel::users::User;
use bluelamp_shared::auth::Role;
use diesel::prelude::*;

/// The password of every demo user (printed at start-up; demo data only).
pub const DEMO_PASSWORD: &str = "bluelamp-demo";

/// The demo forces.
pub const DEMO_FORCES: &[(&str, &str)] = &[("NS", "Northshire Constabulary"), ("WV", "Wessex Vale Police")];

/// The demo custody suites: (force, code, name, number of cells C1..Cn).
pub const DEMO_SUITES: &[(&str, &str, &str, u32)] = &[
    ("NS", "NS-CEN", "Northshire Central custody", 24),
    ("NS", "NS-NTH", "Northshire North custody", 12),
    ("WV", "WV-MAIN", "Wessex Vale custody centre", 30),
];

/// A demo user: (force, username, name, collar number, rank, role).
pub type DemoUser = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Role,
);

/// Every demo user.
pub const DEMO_USERS: &[DemoUser] = &[
    (
        "NS",
        "ns.okafor",
        "Chidi Okafor",
        "4521",
        "Police Constable",
        Role::ResponseOfficer,
    ),
    (
        "NS",
        "ns.whitfield",
        "Hannah Whitfield",
        "3107",
        "Detective Constable",
        Role::Investigator,
    ),
    (
        "NS",
        "ns.llewellyn",
        "Gareth Llewellyn",
        "1882",
        "Police Sergeant",
        Role::Supervisor,
    ),
    (
        "NS",
        "ns.raman",
        "Priya Raman",
        "2045",
        "Police Sergeant",
        Role::CustodyOfficer,
    ),
    (
        "NS",
        "ns.doyle",
        "Kevin Doyle",
        "D7712",
        "Detention Officer",
        Role::DetentionOfficer,
    ),
    (
        "NS",
        "ns.macleod",
        "Fiona MacLeod",
        "0934",
        "Inspector",
        Role::Inspector,
    ),
    (
        "NS",
        "ns.adeyemi",
        "Marcus Adeyemi",
        "0211",
        "Superintendent",
        Role::Superintendent,
    ),
    (
        "NS",
        "ns.nowak",
        "Tomasz Nowak",
        "S5530",
        "Intelligence Officer",
        Role::IntelligenceOfficer,
    ),
    (
        "NS",
        "ns.pike",
        "Sandra Pike",
        "S6614",
        "Case Progression Officer",
        Role::CaseStaff,
    ),
    (
        "NS",
        "ns.birch",
        "Elaine Birch",
        "S6020",
        "Force Crime Registrar",
        Role::ForceCrimeRegistrar,
    ),
    (
        "NS",
        "ns.quayle",
        "Miriam Quayle",
        "S7105",
        "Information Manager",
        Role::InformationManager,
    ),
    (
        "NS",
        "ns.ashworth",
        "Robert Ashworth",
        "S9001",
        "Systems Administrator",
        Role::ForceAdmin,
    ),
    (
        "NS",
        "ns.carver",
        "Helen Carver",
        "S9000",
        "Consortium Systems Lead",
        Role::ConsortiumAdmin,
    ),
    (
        "WV",
        "wv.begum",
        "Aisha Begum",
        "2231",
        "Police Constable",
        Role::ResponseOfficer,
    ),
    (
        "WV",
        "wv.carter",
        "Liam Carter",
        "3390",
        "Detective Constable",
        Role::Investigator,
    ),
    (
        "WV",
        "wv.osei",
        "Kwame Osei",
        "1410",
        "Police Sergeant",
        Role::Supervisor,
    ),
    (
        "WV",
        "wv.harrington",
        "Joanne Harrington",
        "2207",
        "Police Sergeant",
        Role::CustodyOfficer,
    ),
    (
        "WV",
        "wv.ferreira",
        "Rui Ferreira",
        "D8120",
        "Detention Officer",
        Role::DetentionOfficer,
    ),
    (
        "WV",
        "wv.kowalczyk",
        "Anna Kowalczyk",
        "0871",
        "Inspector",
        Role::Inspector,
    ),
    (
        "WV",
        "wv.sinclair",
        "David Sinclair",
        "0190",
        "Superintendent",
        Role::Superintendent,
    ),
    (
        "WV",
        "wv.ahmed",
        "Yusuf Ahmed",
        "S5402",
        "Intelligence Officer",
        Role::IntelligenceOfficer,
    ),
    (
        "WV",
        "wv.morgan",
        "Bethan Morgan",
        "S6630",
        "Case Progression Officer",
        Role::CaseStaff,
    ),
    (
        "WV",
        "wv.price",
        "Gillian Price",
        "S6011",
        "Force Crime Registrar",
        Role::ForceCrimeRegistrar,
    ),
    (
        "WV",
        "wv.dunn",
        "Carys Dunn",
        "S7012",
        "Information Manager",
        Role::InformationManager,
    ),
    (
        "WV",
        "wv.thornton",
        "Mark Thornton",
        "S9002",
        "Systems Administrator",
        Role::ForceAdmin,
    ),
    (
        "NS",
        "cps.harding",
        "Priya Harding (CPS)",
        // Not a collar number: the CPS's account reference (unique in the force like one).
        "CPS01",
        "Crown Prosecutor",
        Role::Prosecutor,
    ),
];

/// Seeds the demo consortium if the database has no users; returns whether it seeded.
pub fn seed_demo_if_empty(db: &Db) -> anyhow::Result<bool> {
    let mut conn = db.get().map_err(|e| anyhow::anyhow!("{e}"))?;
    let count: i64 = users::table.count().get_result(&mut *conn)?;
    drop(conn);
    if count > 0 {
        return Ok(false);
    }
    seed_demo(db)?;
    Ok(true)
}

/// Seeds the demo consortium (forces and users that do not exist yet).
pub fn seed_demo(db: &Db) -> anyhow::Result<()> {
    // One hash for every demo user: they share the demo password, and hashing is deliberately slow.
    let hash = password::hash(DEMO_PASSWORD)?;
    db.write_sync(|conn| {
        for (code, name) in DEMO_FORCES {
            Force::ensure(conn, code, name)?;
        }
        let codes: Vec<&str> = DEMO_FORCES.iter().map(|(c, _)| *c).collect();
        crate::admin::agreements::share_everything(conn, &codes)?;
        for (force, code, name, cells) in DEMO_SUITES {
            let cells: Vec<String> = (1..=*cells).map(|n| format!("C{n}")).collect();
            crate::custody::ensure_suite(conn, force, code, name, &cells)?;
        }
        for (force, username, name, collar, rank, role) in DEMO_USERS {
            if User::find_by_username(conn, username)?.is_some() {
                continue;
            }
            let at = now();
            let user = User {
                id: uuid::Uuid::new_v4().to_string(),
                force_code: (*force).to_owned(),
                username: (*username).to_owned(),
                display_name: (*name).to_owned(),
                collar_number: (*collar).to_owned(),
                rank: (*rank).to_owned(),
                // The prosecutor is the CPS's partner account, registered with the consortium's lead force.
                kind: if *role == Role::Prosecutor {
                    "partner"
                } else {
                    "officer"
                }
                .to_owned(),
                password_hash: hash.clone(),
                active: true,
                failed_attempts: 0,
                locked_until: None,
                created_at: at,
                updated_at: at,
                version: 1,
                unit_id: None,
            };
            User::insert(conn, &user, &[*role])?;
            if *role == Role::Prosecutor {
                let cps = demo_prosecutor(conn, force)?;
                diesel::update(crate::db::schema::users::table.find(&user.id))
                    .set(crate::db::schema::users::partner_organisation_id.eq(cps))
                    .execute(conn)?;
            }
        }
        Ok::<_, ApiError>(())
    })
    .map_err(|e| anyhow::anyhow!("seeding failed: {e}"))
}

/// The demo prosecutor's organisation (registered with `force`), created the first time.
fn demo_prosecutor(conn: &mut AnyConnection, force: &str) -> Result<String, ApiError> {
    use crate::db::schema::partner_organisations as p;
    if let Some(id) = p::table
        .filter(p::code.eq("CPS-DEMO"))
        .select(p::id)
        .first::<String>(conn)
        .optional()?
    {
        return Ok(id);
    }
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(p::table)
        .values((
            p::id.eq(&id),
            p::code.eq("CPS-DEMO"),
            p::name.eq("Crown Prosecution Service (demo area)"),
            p::kind.eq("prosecutor"),
            p::force_code.eq(force),
            p::active.eq(true),
            p::created_at.eq(now()),
            p::version.eq(1),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The demo sign-ins as a table for the console.
pub fn demo_sign_ins() -> String {
    let mut s = format!("Demo sign-ins (password for all: {DEMO_PASSWORD}):\n");
    for (force, username, name, _, _, role) in DEMO_USERS {
        s.push_str(&format!(
            "  {force}  {username:<16} {name:<20} {}\n",
            role.label()
        ));
    }
    s
}
