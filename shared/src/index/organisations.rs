//! Organisations: businesses and bodies. A shop is a victim as an organisation, never as a person.

use crate::error::FieldError;
use crate::records::{RecordMeta, Restriction};
use crate::validation as v;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// An organisation as recorded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OrganisationInput {
    /// Name.
    #[serde(default)]
    #[schema(example = "Northby Superstore")]
    pub name: String,
    /// Code from the `organisation_kind` vocabulary (business, public body, charity...).
    #[serde(default)]
    #[schema(example = "business")]
    pub kind: String,
    /// Main telephone.
    #[serde(default)]
    pub phone: Option<String>,
    /// Main e-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Need-to-know restriction.
    #[serde(default)]
    pub restriction: Restriction,
}

/// Longest organisation name, in characters (surrounding spaces not counted).
pub const MAX_NAME_CHARS: usize = 200;

/// Every rule on an organisation, at once.
pub fn check_organisation(o: &OrganisationInput) -> Vec<FieldError> {
    let mut e = Vec::new();
    let n = o.name.trim().chars().count();
    if n == 0 {
        e.push(FieldError::new(
            "name",
            "required",
            "Enter the organisation's name",
        ));
    } else if n > MAX_NAME_CHARS {
        e.push(FieldError::new(
            "name",
            "length",
            "The name may be at most 200 characters",
        ));
    }
    if o.kind.trim().is_empty() {
        e.push(FieldError::new(
            "kind",
            "required",
            "Choose the kind of organisation",
        ));
    }
    if let Some(p) = o.phone.as_deref().filter(|p| !p.trim().is_empty()) {
        if let Err(er) = v::phone(p) {
            e.push(FieldError::new(
                "phone",
                er.code.to_string(),
                er.message.map(|m| m.to_string()).unwrap_or_default(),
            ));
        }
    }
    if let Some(m) = o.email.as_deref().filter(|p| !p.trim().is_empty()) {
        if let Err(er) = v::email(m) {
            e.push(FieldError::new(
                "email",
                er.code.to_string(),
                er.message.map(|m| m.to_string()).unwrap_or_default(),
            ));
        }
    }
    e
}

/// An organisation as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OrganisationDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The organisation.
    #[serde(flatten)]
    pub organisation: OrganisationInput,
    /// Links (contact people, premises, events), visible ones only.
    pub links: Vec<crate::index::links::LinkView>,
    /// Ownership, restriction, version.
    pub meta: RecordMeta,
}
