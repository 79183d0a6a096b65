//! Objects: vehicles, telephones, property, weapons, drugs, documents.

use crate::error::FieldError;
use crate::records::{RecordMeta, Restriction};
use crate::validation as v;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Kinds of object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    /// A vehicle (VRM, VIN, make, model, colour).
    #[default]
    Vehicle,
    /// A telephone (number, IMEI).
    Telephone,
    /// Property (description, value, serial number).
    Property,
    /// A weapon.
    Weapon,
    /// Drugs.
    Drugs,
    /// A document.
    Document,
}

impl ObjectKind {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Vehicle => "vehicle",
            ObjectKind::Telephone => "telephone",
            ObjectKind::Property => "property",
            ObjectKind::Weapon => "weapon",
            ObjectKind::Drugs => "drugs",
            ObjectKind::Document => "document",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        use ObjectKind::*;
        [Vehicle, Telephone, Property, Weapon, Drugs, Document]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// An object as recorded; the fields that apply depend on the kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ObjectInput {
    /// Kind.
    #[serde(default)]
    pub kind: ObjectKind,
    /// What it is, in words.
    #[serde(default)]
    pub description: String,
    /// Vehicle registration mark.
    #[serde(default)]
    #[schema(example = "AB12 CDE")]
    pub vrm: Option<String>,
    /// Vehicle identification number.
    #[serde(default)]
    pub vin: Option<String>,
    /// Make.
    #[serde(default)]
    pub make: Option<String>,
    /// Model.
    #[serde(default)]
    pub model: Option<String>,
    /// Colour.
    #[serde(default)]
    pub colour: Option<String>,
    /// Telephone number.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Handset IMEI.
    #[serde(default)]
    pub imei: Option<String>,
    /// Serial number.
    #[serde(default)]
    pub serial_number: Option<String>,
    /// Value in pence.
    #[serde(default)]
    pub value_pence: Option<i64>,
    /// Need-to-know restriction.
    #[serde(default)]
    pub restriction: Restriction,
}

fn present(o: &Option<String>) -> Option<&str> {
    o.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl ObjectInput {
    /// One line for lists.
    pub fn label(&self) -> String {
        match self.kind {
            ObjectKind::Vehicle => {
                let mut s = present(&self.vrm)
                    .map(v::compact)
                    .unwrap_or_else(|| "Vehicle".to_owned());
                let desc: Vec<&str> = [present(&self.colour), present(&self.make), present(&self.model)]
                    .into_iter()
                    .flatten()
                    .collect();
                if !desc.is_empty() {
                    s = format!("{s} ({})", desc.join(" "));
                }
                s
            }
            ObjectKind::Telephone => present(&self.phone_number)
                .map(str::to_owned)
                .or_else(|| present(&self.imei).map(|i| format!("IMEI {i}")))
                .unwrap_or_else(|| "Telephone".to_owned()),
            _ => {
                if self.description.trim().is_empty() {
                    self.kind.as_str().to_owned()
                } else {
                    self.description.trim().to_owned()
                }
            }
        }
    }
}

/// The lowest value of an object, in pence.
pub const MIN_VALUE_PENCE: i64 = 0;

/// Every rule on an object, at once.
pub fn check_object(o: &ObjectInput) -> Vec<FieldError> {
    let mut e = Vec::new();
    if let Some(x) = present(&o.vrm) {
        v::push_rule(&mut e, "vrm", v::vrm(x));
    }
    if let Some(x) = present(&o.vin) {
        v::push_rule(&mut e, "vin", v::vin(x));
    }
    if let Some(x) = present(&o.phone_number) {
        v::push_rule(&mut e, "phone_number", v::phone(x));
    }
    if let Some(x) = present(&o.imei) {
        v::push_rule(&mut e, "imei", v::imei(x));
    }
    match o.kind {
        ObjectKind::Vehicle
            if present(&o.vrm).is_none() && present(&o.vin).is_none() && o.description.trim().is_empty() =>
        {
            e.push(FieldError::new(
                "vrm",
                "required",
                "Enter the registration mark, the VIN or a description",
            ));
        }
        ObjectKind::Telephone if present(&o.phone_number).is_none() && present(&o.imei).is_none() => {
            e.push(FieldError::new(
                "phone_number",
                "required",
                "Enter the number or the IMEI",
            ));
        }
        ObjectKind::Property | ObjectKind::Weapon | ObjectKind::Drugs | ObjectKind::Document
            if o.description.trim().is_empty() =>
        {
            e.push(FieldError::new("description", "required", "Describe the item"));
        }
        _ => {}
    }
    if o.value_pence.is_some_and(|p| p < MIN_VALUE_PENCE) {
        e.push(FieldError::new(
            "value_pence",
            "range",
            "The value cannot be negative",
        ));
    }
    e.sort_by(|a, b| a.path.cmp(&b.path));
    e
}

/// An object as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ObjectDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// One line.
    pub label: String,
    /// The object.
    #[serde(flatten)]
    pub object: ObjectInput,
    /// Links (owner, driver, events), visible ones only.
    pub links: Vec<crate::index::links::LinkView>,
    /// Ownership, restriction, version.
    pub meta: RecordMeta,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_rules() {
        let car = ObjectInput {
            vrm: Some("ab12cde".into()),
            colour: Some("Blue".into()),
            make: Some("Ford".into()),
            ..Default::default()
        };
        assert!(check_object(&car).is_empty());
        assert_eq!(car.label(), "AB12CDE (Blue Ford)");
        let bad = ObjectInput {
            vrm: Some("!!".into()),
            ..Default::default()
        };
        assert_eq!(check_object(&bad)[0].path, "vrm");
        let phone = ObjectInput {
            kind: ObjectKind::Telephone,
            ..Default::default()
        };
        assert_eq!(check_object(&phone)[0].code, "required");
        let knife = ObjectInput {
            kind: ObjectKind::Weapon,
            description: "Kitchen knife".into(),
            ..Default::default()
        };
        assert!(check_object(&knife).is_empty());
    }
}
