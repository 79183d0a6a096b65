//! `users` and `user_roles`.

use crate::db::schema::{forces, user_roles, users};
use crate::db::AnyConnection;
use crate::error::ApiError;
use bluelamp_shared::auth::{AccountKind, Role};
use bluelamp_shared::ids::UserId;
use bluelamp_shared::users::{UserDto, UserRef};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;

use crate::kernel::forces::Force;

/// A user row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct User {
    /// Id (UUID text).
    pub id: String,
    /// Force code.
    pub force_code: String,
    /// Sign-in name (lower case).
    pub username: String,
    /// Full name.
    pub display_name: String,
    /// Collar number.
    pub collar_number: String,
    /// Rank.
    pub rank: String,
    /// `officer` or `partner`.
    pub kind: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// May sign in.
    pub active: bool,
    /// Consecutive failed sign-ins.
    pub failed_attempts: i32,
    /// Locked until.
    pub locked_until: Option<NaiveDateTime>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
    /// Optimistic-concurrency version.
    pub version: i64,
    /// The station, team or unit the user belongs to.
    pub unit_id: Option<String>,
}

impl User {
    /// The account kind.
    pub fn account_kind(&self) -> AccountKind {
        if self.kind == "partner" {
            AccountKind::Partner
        } else {
            AccountKind::Officer
        }
    }

    /// The typed id.
    pub fn user_id(&self) -> UserId {
        UserId(self.id.parse().unwrap_or_default())
    }

    /// As the API shows it.
    pub fn to_dto(&self, force: &Force, roles: Vec<Role>, now: NaiveDateTime) -> UserDto {
        UserDto {
            id: self.user_id(),
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            collar_number: self.collar_number.clone(),
            rank: self.rank.clone(),
            force: force.to_dto(),
            kind: self.account_kind(),
            roles,
            active: self.active,
            locked_until: self.locked_until.filter(|t| *t > now).map(crate::db::utc),
            created_at: crate::db::utc(self.created_at),
            version: self.version,
            unit_id: self.unit_id.as_deref().and_then(|u| u.parse().ok()),
        }
    }

    /// By id.
    pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<User>> {
        users::table
            .find(id)
            .select(User::as_select())
            .first(conn)
            .optional()
    }

    /// By sign-in name (case-insensitive: names are stored lower case).
    pub fn find_by_username(conn: &mut AnyConnection, username: &str) -> QueryResult<Option<User>> {
        users::table
            .filter(users::username.eq(username.trim().to_lowercase()))
            .select(User::as_select())
            .first(conn)
            .optional()
    }

    /// With its force.
    pub fn find_with_force(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<(User, Force)>> {
        users::table
            .inner_join(forces::table)
            .filter(users::id.eq(id))
            .select((User::as_select(), Force::as_select()))
            .first(conn)
            .optional()
    }

    /// Users of a force ordered by (display name, id), after a cursor.
    pub fn list_for_force(
        conn: &mut AnyConnection,
        force_code: &str,
        after: Option<(String, String)>,
        limit: i64,
    ) -> QueryResult<Vec<User>> {
        let mut q = users::table
            .filter(users::force_code.eq(force_code))
            .select(User::as_select())
            .order((users::display_name.asc(), users::id.asc()))
            .limit(limit)
            .into_boxed();
        if let Some((name, id)) = after {
            q = q.filter(
                users::display_name
                    .gt(name.clone())
                    .or(users::display_name.eq(name).and(users::id.gt(id))),
            );
        }
        q.load(conn)
    }

    /// Inserts a user with roles.
    pub fn insert(conn: &mut AnyConnection, user: &User, roles: &[Role]) -> QueryResult<()> {
        diesel::insert_into(users::table).values(user).execute(conn)?;
        set_roles(conn, &user.id, roles)
    }
}

/// Roles of one user.
pub fn roles_of(conn: &mut AnyConnection, user_id: &str) -> QueryResult<Vec<Role>> {
    let names: Vec<String> = user_roles::table
        .filter(user_roles::user_id.eq(user_id))
        .select(user_roles::role)
        .load(conn)?;
    let mut roles: Vec<Role> = names.iter().filter_map(|n| Role::parse(n)).collect();
    roles.sort();
    Ok(roles)
}

/// Roles of many users.
pub fn roles_of_many(conn: &mut AnyConnection, ids: &[String]) -> QueryResult<HashMap<String, Vec<Role>>> {
    let rows: Vec<(String, String)> = user_roles::table
        .filter(user_roles::user_id.eq_any(ids))
        .select((user_roles::user_id, user_roles::role))
        .load(conn)?;
    let mut map: HashMap<String, Vec<Role>> = HashMap::new();
    for (u, r) in rows {
        if let Some(role) = Role::parse(&r) {
            map.entry(u).or_default().push(role);
        }
    }
    for v in map.values_mut() {
        v.sort();
    }
    Ok(map)
}

/// Replaces a user's roles.
pub fn set_roles(conn: &mut AnyConnection, user_id: &str, roles: &[Role]) -> QueryResult<()> {
    diesel::delete(user_roles::table.filter(user_roles::user_id.eq(user_id))).execute(conn)?;
    let mut uniq: Vec<Role> = roles.to_vec();
    uniq.sort();
    uniq.dedup();
    // One row at a time: batch inserts are not portable through `MultiConnection`.
    for r in uniq {
        diesel::insert_into(user_roles::table)
            .values((user_roles::user_id.eq(user_id), user_roles::role.eq(r.as_str())))
            .execute(conn)?;
    }
    Ok(())
}

/// Records a failed sign-in; returns the new count.
pub fn record_failure(conn: &mut AnyConnection, user_id: &str) -> QueryResult<i32> {
    diesel::update(users::table.find(user_id))
        .set(users::failed_attempts.eq(users::failed_attempts + 1))
        .execute(conn)?;
    users::table
        .find(user_id)
        .select(users::failed_attempts)
        .first(conn)
}

/// Locks an account until `until` and resets the failure count.
pub fn lock(conn: &mut AnyConnection, user_id: &str, until: NaiveDateTime) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((users::locked_until.eq(Some(until)), users::failed_attempts.eq(0)))
        .execute(conn)
        .map(|_| ())
}

/// Clears failures and any lock after a successful sign-in.
pub fn clear_failures(conn: &mut AnyConnection, user_id: &str) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::failed_attempts.eq(0),
            users::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The changes an update may make.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct UserChanges {
    /// New full name.
    pub display_name: Option<String>,
    /// New rank.
    pub rank: Option<String>,
    /// Activate or deactivate.
    pub active: Option<bool>,
    /// New password hash.
    pub password_hash: Option<String>,
    /// Lock state (Some(None) clears it).
    pub locked_until: Option<Option<NaiveDateTime>>,
    /// Failure count.
    pub failed_attempts: Option<i32>,
    /// The station, team or unit (Some(None) clears it).
    pub unit_id: Option<Option<String>>,
}

/// Applies changes if the stored version is still `expected_version`; returns whether it was.
pub fn update_if_version(
    conn: &mut AnyConnection,
    user_id: &str,
    expected_version: i64,
    changes: &UserChanges,
) -> QueryResult<bool> {
    let n = diesel::update(
        users::table
            .filter(users::id.eq(user_id))
            .filter(users::version.eq(expected_version)),
    )
    .set((
        users::version.eq(expected_version + 1),
        users::updated_at.eq(crate::db::now()),
    ))
    .execute(conn)?;
    if n == 0 {
        return Ok(false);
    }
    let has_changes = changes.display_name.is_some()
        || changes.rank.is_some()
        || changes.active.is_some()
        || changes.password_hash.is_some()
        || changes.locked_until.is_some()
        || changes.failed_attempts.is_some()
        || changes.unit_id.is_some();
    if has_changes {
        diesel::update(users::table.find(user_id))
            .set(changes)
            .execute(conn)?;
    }
    Ok(true)
}

/// Names of users, by id.
pub fn user_refs(conn: &mut AnyConnection, ids: &[String]) -> Result<HashMap<String, UserRef>, ApiError> {
    let mut wanted: Vec<&String> = ids.iter().collect();
    wanted.sort();
    wanted.dedup();
    let rows: Vec<(String, String, String)> = users::table
        .filter(users::id.eq_any(wanted))
        .select((users::id, users::display_name, users::collar_number))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, display_name, collar_number)| {
            (
                id.clone(),
                UserRef {
                    id: UserId(id.parse().unwrap_or_default()),
                    display_name,
                    collar_number,
                },
            )
        })
        .collect())
}

/// One user's name (an unknown id shows as itself).
pub fn user_ref(refs: &HashMap<String, UserRef>, id: &str) -> UserRef {
    refs.get(id).cloned().unwrap_or_else(|| UserRef {
        id: UserId(id.parse().unwrap_or_default()),
        display_name: id.to_owned(),
        collar_number: String::new(),
    })
}
