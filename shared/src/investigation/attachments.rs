//! Parties, property and exhibits attached to a crime, with their checks.

use super::*;

/// How a party is involved in a crime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    /// Victim (a person or an organisation).
    Victim,
    /// Witness.
    Witness,
    /// Suspect (identified, or an unknown suspect's description).
    Suspect,
    /// Offender.
    Offender,
    /// The person who reported it.
    PersonReporting,
}

impl PartyRole {
    /// The link reason that joins the crime to a person in this role.
    pub fn person_link_reason(self) -> &'static str {
        match self {
            PartyRole::Victim => "victim",
            PartyRole::Witness => "witness",
            PartyRole::Suspect => "known_suspect",
            PartyRole::Offender => "offender",
            PartyRole::PersonReporting => "person_reporting",
        }
    }

    /// The role a link reason stands for.
    pub fn from_link_reason(reason: &str) -> Option<Self> {
        match reason {
            "victim" | "victim_organisation" => Some(PartyRole::Victim),
            "witness" => Some(PartyRole::Witness),
            "known_suspect" => Some(PartyRole::Suspect),
            "offender" => Some(PartyRole::Offender),
            "person_reporting" => Some(PartyRole::PersonReporting),
            _ => None,
        }
    }
}

/// Attaching a party: an existing record, a new person or organisation (created in the same
/// transaction), or, for a suspect only, the description of an unknown suspect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AddPartyRequest {
    /// How they are involved.
    pub role: PartyRole,
    /// An existing person (or organisation, for a victim).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub person_id: Option<Uuid>,
    /// An existing organisation (victims only).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub organisation_id: Option<Uuid>,
    /// A new person (duplicate suggestions apply: send `new_record_reason` if matches were shown).
    #[serde(default)]
    pub new_person: Option<CreatePersonRequest>,
    /// A new organisation (victims only).
    #[serde(default)]
    pub new_organisation: Option<OrganisationInput>,
    /// An unknown suspect's description (suspects only).
    #[serde(default)]
    pub description: Option<String>,
}

/// Checks that exactly one kind of party is given and that it fits the role.
pub fn check_party(p: &AddPartyRequest) -> Vec<FieldError> {
    let given = [
        p.person_id.is_some(),
        p.organisation_id.is_some(),
        p.new_person.is_some(),
        p.new_organisation.is_some(),
        !blank(&p.description),
    ]
    .into_iter()
    .filter(|b| *b)
    .count();
    let mut e = Vec::new();
    if given != 1 {
        e.push(FieldError::new(
            "person_id",
            "one_of",
            "Give exactly one of: an existing person or organisation, a new one, or an unknown suspect's description",
        ));
    }
    if p.role != PartyRole::Victim && (p.organisation_id.is_some() || p.new_organisation.is_some()) {
        e.push(FieldError::new(
            "organisation_id",
            "victims_only",
            "Only a victim can be an organisation",
        ));
    }
    if p.role != PartyRole::Suspect && !blank(&p.description) {
        e.push(FieldError::new(
            "description",
            "suspects_only",
            "Only a suspect can be described without a record",
        ));
    }
    e
}

/// A party to a crime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PartyDto {
    /// The link (or unknown-suspect) id; remove the party with it.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// How they are involved.
    pub role: PartyRole,
    /// The person or organisation, when there is a record.
    pub record: Option<RecordSummary>,
    /// An unknown suspect's description.
    pub description: Option<String>,
}

/// How property is involved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PropertyRole {
    /// Stolen.
    Stolen,
    /// Damaged.
    Damaged,
    /// A vehicle involved.
    VehicleInvolved,
}

impl PropertyRole {
    /// The link reason.
    pub fn link_reason(self) -> &'static str {
        match self {
            PropertyRole::Stolen => "stolen",
            PropertyRole::Damaged => "damaged",
            PropertyRole::VehicleInvolved => "vehicle_involved",
        }
    }

    /// The role a link reason stands for.
    pub fn from_link_reason(reason: &str) -> Option<Self> {
        match reason {
            "stolen" => Some(PropertyRole::Stolen),
            "damaged" => Some(PropertyRole::Damaged),
            "vehicle_involved" => Some(PropertyRole::VehicleInvolved),
            _ => None,
        }
    }
}

/// Attaching property: an existing object or a new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AddPropertyRequest {
    /// How it is involved.
    pub role: PropertyRole,
    /// An existing object.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub object_id: Option<Uuid>,
    /// A new object.
    #[serde(default)]
    pub new_object: Option<ObjectInput>,
}

/// Property on a crime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PropertyDto {
    /// The link id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// How it is involved.
    pub role: PropertyRole,
    /// The object.
    pub object: RecordSummary,
    /// Its value in pence, when known.
    pub value_pence: Option<i64>,
}

/// Seizing an exhibit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AddExhibitRequest {
    /// Exhibit reference, usually the seizing officer's initials and a number (e.g. `JD/1`).
    #[serde(default)]
    pub reference: String,
    /// An existing object.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub object_id: Option<Uuid>,
    /// A new object (e.g. `{"kind": "document", "description": "CCTV footage on USB stick"}`).
    #[serde(default)]
    pub new_object: Option<ObjectInput>,
    /// Who seized it (name, and collar number if an officer). Defaults to the caller.
    #[serde(default)]
    pub seized_by: Option<String>,
    /// When. Defaults to now.
    #[serde(default)]
    pub seized_at: Option<DateTime<Utc>>,
    /// Where or from whom it was seized.
    #[serde(default)]
    pub seized_from: String,
    /// Where it is stored (property store and location reference).
    #[serde(default)]
    pub storage: String,
}

/// Longest exhibit reference, in characters (surrounding spaces not counted).
pub const MAX_EXHIBIT_REFERENCE_CHARS: usize = 40;

/// Every rule on an exhibit that needs no database.
pub fn check_exhibit(x: &AddExhibitRequest, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    let r = x.reference.trim();
    if r.is_empty() {
        e.push(FieldError::new(
            "reference",
            "required",
            "Enter the exhibit reference (e.g. JD/1)",
        ));
    } else if r.chars().count() > MAX_EXHIBIT_REFERENCE_CHARS {
        e.push(FieldError::new("reference", "length", "At most 40 characters"));
    }
    if x.object_id.is_some() == x.new_object.is_some() {
        e.push(FieldError::new(
            "object_id",
            "one_of",
            "Give an existing object or describe a new one",
        ));
    }
    if x.seized_from.trim().is_empty() {
        e.push(FieldError::new(
            "seized_from",
            "required",
            "Say where or from whom it was seized",
        ));
    }
    if x.storage.trim().is_empty() {
        e.push(FieldError::new("storage", "required", "Say where it is stored"));
    }
    if x.seized_at.is_some_and(|t| t > now + Duration::minutes(5)) {
        e.push(FieldError::new("seized_at", "future", "Cannot be in the future"));
    }
    e
}

/// A move of an exhibit (continuity).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MoveExhibitRequest {
    /// Where it now is, or who now holds it.
    #[serde(default)]
    pub to: String,
    /// Why (e.g. "to forensic laboratory", "produced at court").
    #[serde(default)]
    pub reason: String,
}

/// One link in an exhibit's chain of continuity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ExhibitMovementDto {
    /// Where it went.
    pub to: String,
    /// Why.
    pub reason: String,
    /// Who moved it.
    pub by: UserRef,
    /// When.
    pub at: DateTime<Utc>,
}

/// An exhibit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ExhibitDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Exhibit reference.
    pub reference: String,
    /// The object.
    pub object: RecordSummary,
    /// Who seized it.
    pub seized_by: String,
    /// When.
    pub seized_at: DateTime<Utc>,
    /// Where or from whom.
    pub seized_from: String,
    /// Where it is now.
    pub storage: String,
    /// Continuity, oldest first.
    pub movements: Vec<ExhibitMovementDto>,
}
