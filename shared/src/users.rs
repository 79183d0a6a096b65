//! User accounts, as force administrators manage them.

use crate::auth::{AccountKind, Role};
use crate::forces::ForceDto;
use crate::ids::UserId;
use crate::validation;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// A user account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UserDto {
    /// The user's id.
    pub id: UserId,
    /// User name used to sign in.
    pub username: String,
    /// Full name.
    pub display_name: String,
    /// Collar (warrant/staff) number, unique within the force.
    pub collar_number: String,
    /// Rank or grade.
    pub rank: String,
    /// The user's force.
    pub force: ForceDto,
    /// Officer or partner account.
    pub kind: AccountKind,
    /// Roles held.
    pub roles: Vec<Role>,
    /// Whether the account may sign in.
    pub active: bool,
    /// Locked after repeated failed sign-ins until this time, if locked now.
    pub locked_until: Option<DateTime<Utc>>,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// Version for optimistic concurrency (also sent as the `ETag`).
    pub version: i64,
    /// The station, team or unit the user belongs to, if any.
    #[serde(default)]
    pub unit_id: Option<uuid::Uuid>,
}

/// Create a user in the administrator's own force.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate, ToSchema)]
pub struct CreateUserRequest {
    /// User name: 3 to 40 lower-case letters, digits, dots, hyphens or underscores.
    #[serde(default)]
    #[validate(custom(function = "validation::username"))]
    #[schema(example = "ns.okafor")]
    pub username: String,
    /// Full name: letters, spaces, hyphens and apostrophes.
    #[serde(default)]
    #[validate(custom(function = "validation::display_name"))]
    #[schema(example = "Chidi Okafor")]
    pub display_name: String,
    /// Collar number: 2 to 8 letters or digits.
    #[serde(default)]
    #[validate(custom(function = "validation::collar_number"))]
    #[schema(example = "4521")]
    pub collar_number: String,
    /// Rank or grade.
    #[serde(default)]
    #[validate(custom(function = "validation::rank"))]
    #[schema(example = "Police Constable")]
    pub rank: String,
    /// Roles to grant (at least one).
    #[serde(default)]
    #[validate(
        length(min = 1, code = "required", message = "Give the user at least one role"),
        custom(function = "validation::police_roles")
    )]
    pub roles: Vec<Role>,
    /// Initial password: at least 12 characters and not a commonly used password.
    #[serde(default)]
    #[validate(custom(function = "validation::password"))]
    pub password: String,
}

/// Change a user. Absent fields are left as they are. Send the `ETag` you read as `If-Match`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate, ToSchema)]
pub struct UpdateUserRequest {
    /// New full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "validation::display_name"))]
    pub display_name: Option<String>,
    /// New rank or grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "validation::rank"))]
    pub rank: Option<String>,
    /// New set of roles (replaces the old set; at least one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(
        length(min = 1, code = "required", message = "Give the user at least one role"),
        custom(function = "validation::police_roles")
    )]
    pub roles: Option<Vec<Role>>,
    /// The station, team or unit of the user's force they belong to (its id), or `""` for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<String>,
    /// Activate or deactivate the account (deactivating ends its sessions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Clear a lock from failed sign-ins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unlock: Option<bool>,
    /// Turn off the user's multi-factor sign-in (a lost phone): they set it up again at their next
    /// sign-in if their role requires it. Ends the user's sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_mfa: Option<bool>,
    /// Set a new password (ends the user's sessions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "validation::password"))]
    pub password: Option<String>,
}

/// A user named on a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UserRef {
    /// The user.
    pub id: UserId,
    /// Their name.
    pub display_name: String,
    /// Their collar number.
    pub collar_number: String,
}
