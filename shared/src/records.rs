//! What every record of the shared index has: a kind, an owning force, an optional restriction.

use crate::auth::Role;
use crate::ids::{ForceCode, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// The kinds of record in the shared index (POLE: people, objects, locations, events).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A person (nominal).
    Person,
    /// An organisation (business, public body...).
    Organisation,
    /// An object: vehicle, telephone, property, weapon, drugs, document.
    Object,
    /// A location: address, point, area or no fixed abode.
    Location,
    /// An event (crime, incident, custody, intelligence report) from the modules.
    Event,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 5] = [
        RecordKind::Person,
        RecordKind::Organisation,
        RecordKind::Object,
        RecordKind::Location,
        RecordKind::Event,
    ];

    /// The wire and stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Person => "person",
            RecordKind::Organisation => "organisation",
            RecordKind::Object => "object",
            RecordKind::Location => "location",
            RecordKind::Event => "event",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The API collection of records of this kind.
    pub fn collection(self) -> &'static str {
        match self {
            RecordKind::Person => "people",
            RecordKind::Organisation => "organisations",
            RecordKind::Object => "objects",
            RecordKind::Location => "locations",
            RecordKind::Event => "events",
        }
    }
}

/// A reference to any record of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub struct RecordRef {
    /// The kind of record.
    pub kind: RecordKind,
    /// Its id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
}

/// Someone a restricted record is visible to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum Grantee {
    /// A named user of the owning force.
    User(UserId),
    /// Every holder of a role in the owning force.
    Role(Role),
}

/// Need-to-know restriction of a record. Restricted records are visible only to the grantees (and the
/// user who restricted it) in the owning force, never shared with other forces, and never counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Restriction {
    /// Whether the record is restricted.
    #[serde(default)]
    pub restricted: bool,
    /// Who may see it when restricted.
    #[serde(default)]
    pub grantees: Vec<Grantee>,
}

/// Ownership and audit facts shown on every record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RecordMeta {
    /// The owning force (it stays the owner when other forces add to the record).
    pub force: ForceCode,
    /// Restriction.
    pub restriction: Restriction,
    /// Version for optimistic concurrency (also the `ETag`).
    pub version: i64,
    /// Created.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Last changed.
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A short description of any record, for links, search results and pickers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RecordSummary {
    /// The record.
    pub record: RecordRef,
    /// The main label (a person's name, a VRM, an address).
    pub label: String,
    /// Secondary facts to tell records apart (date of birth, last address, make and model...).
    pub details: Vec<String>,
    /// Active warning markers (people only), prominent in lists.
    pub markers: Vec<String>,
    /// A photograph reference (people only).
    pub photo: Option<String>,
    /// The owning force.
    pub force: ForceCode,
    /// Whether the record is restricted (only ever shown to those it is visible to).
    pub restricted: bool,
}
