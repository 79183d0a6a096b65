//! Locations: addresses (UK postcode, optional UPRN), points, areas, no fixed abode.

use crate::error::FieldError;
use crate::records::{RecordMeta, Restriction};
use crate::validation as v;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Kinds of location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    /// A residential or business address.
    #[default]
    Address,
    /// A point given by coordinates.
    Point,
    /// An area described in words ("the park behind the library").
    Area,
    /// No fixed abode.
    NoFixedAbode,
}

impl LocationKind {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            LocationKind::Address => "address",
            LocationKind::Point => "point",
            LocationKind::Area => "area",
            LocationKind::NoFixedAbode => "no_fixed_abode",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        use LocationKind::*;
        [Address, Point, Area, NoFixedAbode]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A location as recorded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LocationInput {
    /// Kind.
    #[serde(default)]
    pub kind: LocationKind,
    /// Flat, house number or name.
    #[serde(default)]
    #[schema(example = "14")]
    pub premises: String,
    /// Street.
    #[serde(default)]
    #[schema(example = "Market Street")]
    pub street: String,
    /// Locality or district.
    #[serde(default)]
    pub locality: String,
    /// Town or city.
    #[serde(default)]
    #[schema(example = "Northby")]
    pub town: String,
    /// UK postcode.
    #[serde(default)]
    #[schema(example = "NB1 2AB")]
    pub postcode: String,
    /// Unique Property Reference Number (up to 12 digits).
    #[serde(default)]
    pub uprn: Option<String>,
    /// Latitude (WGS84).
    #[serde(default)]
    pub latitude: Option<f64>,
    /// Longitude (WGS84).
    #[serde(default)]
    pub longitude: Option<f64>,
    /// Words describing the place or area.
    #[serde(default)]
    pub description: String,
    /// Need-to-know restriction.
    #[serde(default)]
    pub restriction: Restriction,
}

impl LocationInput {
    /// One line for lists.
    pub fn label(&self) -> String {
        match self.kind {
            LocationKind::NoFixedAbode => "No fixed abode".to_owned(),
            LocationKind::Area => self.description.clone(),
            LocationKind::Point => match (self.latitude, self.longitude) {
                (Some(a), Some(o)) if self.description.is_empty() => format!("{a:.5}, {o:.5}"),
                _ => self.description.clone(),
            },
            LocationKind::Address => {
                let first = [self.premises.trim(), self.street.trim()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ");
                [
                    first.as_str(),
                    self.locality.trim(),
                    self.town.trim(),
                    &v::format_postcode(&self.postcode),
                ]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
            }
        }
    }
}

/// Longest UPRN, in digits.
pub const MAX_UPRN_DIGITS: usize = 12;
/// The lowest latitude (WGS84).
pub const MIN_LATITUDE: f64 = -90.0;
/// The highest latitude (WGS84).
pub const MAX_LATITUDE: f64 = 90.0;
/// The lowest longitude (WGS84).
pub const MIN_LONGITUDE: f64 = -180.0;
/// The highest longitude (WGS84).
pub const MAX_LONGITUDE: f64 = 180.0;

/// Every rule on a location, at once.
pub fn check_location(l: &LocationInput) -> Vec<FieldError> {
    let mut e = Vec::new();
    match l.kind {
        LocationKind::Address => {
            if l.premises.trim().is_empty() && l.street.trim().is_empty() {
                e.push(FieldError::new(
                    "street",
                    "required",
                    "Enter the street or the premises",
                ));
            }
            if l.postcode.trim().is_empty() && l.town.trim().is_empty() {
                e.push(FieldError::new(
                    "postcode",
                    "required",
                    "Enter the postcode, or the town if the postcode is not known",
                ));
            }
        }
        LocationKind::Point => {
            if l.latitude.is_none() || l.longitude.is_none() {
                e.push(FieldError::new(
                    "latitude",
                    "required",
                    "Enter the latitude and longitude",
                ));
            }
        }
        LocationKind::Area => {
            if l.description.trim().is_empty() {
                e.push(FieldError::new("description", "required", "Describe the area"));
            }
        }
        LocationKind::NoFixedAbode => {}
    }
    if !l.postcode.trim().is_empty() {
        v::push_rule(&mut e, "postcode", v::postcode(&l.postcode));
    }
    if let Some(u) = &l.uprn {
        if !(u.len() <= MAX_UPRN_DIGITS && !u.is_empty() && u.chars().all(|c| c.is_ascii_digit())) {
            e.push(FieldError::new("uprn", "format", "A UPRN is up to 12 digits"));
        }
    }
    if let Some(a) = l.latitude {
        if !(MIN_LATITUDE..=MAX_LATITUDE).contains(&a) {
            e.push(FieldError::new(
                "latitude",
                "range",
                "Latitude runs from -90 to 90",
            ));
        }
    }
    if let Some(o) = l.longitude {
        if !(MIN_LONGITUDE..=MAX_LONGITUDE).contains(&o) {
            e.push(FieldError::new(
                "longitude",
                "range",
                "Longitude runs from -180 to 180",
            ));
        }
    }
    e.sort_by(|a, b| a.path.cmp(&b.path));
    e
}

/// A location as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LocationDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// One line.
    pub label: String,
    /// The location.
    #[serde(flatten)]
    pub location: LocationInput,
    /// Links (who lives there, events there), visible ones only.
    pub links: Vec<crate::index::links::LinkView>,
    /// Ownership, restriction, version.
    pub meta: RecordMeta,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_rules() {
        let l = LocationInput {
            postcode: "not a postcode".into(),
            ..Default::default()
        };
        let paths: Vec<String> = check_location(&l)
            .into_iter()
            .map(|e| format!("{}:{}", e.path, e.code))
            .collect();
        assert_eq!(paths, vec!["postcode:format", "street:required"]);
        let ok = LocationInput {
            premises: "14".into(),
            street: "Market Street".into(),
            postcode: "nb12ab".into(),
            ..Default::default()
        };
        assert!(check_location(&ok).is_empty());
        assert_eq!(ok.label(), "14 Market Street, NB1 2AB");
        let nfa = LocationInput {
            kind: LocationKind::NoFixedAbode,
            ..Default::default()
        };
        assert!(check_location(&nfa).is_empty());
        let bad_point = LocationInput {
            kind: LocationKind::Point,
            latitude: Some(91.0),
            longitude: Some(0.0),
            ..Default::default()
        };
        assert_eq!(check_location(&bad_point)[0].code, "range");
    }
}
