//! The CPS's decisions: accept, charge or return with an action plan.

use super::*;

/// The prosecutor's decision on a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// The file is accepted as it stands.
    Accept,
    /// Charging decision: charge (with the offences given).
    Charge,
    /// Returned with an action plan.
    Return,
}

impl DecisionKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Accept => "accept",
            DecisionKind::Charge => "charge",
            DecisionKind::Return => "return",
        }
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<Self> {
        [DecisionKind::Accept, DecisionKind::Charge, DecisionKind::Return]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One action of a prosecutor's action plan: it becomes a task for the officer in charge.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ActionPlanItem {
    /// What must be done.
    #[serde(default)]
    pub action: String,
    /// By when.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

/// The prosecutor's decision, sent through the partner interface.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DecisionRequest {
    /// Accept, charge or return.
    pub decision: Option<DecisionKind>,
    /// Charge: the offence codes to charge (reference data).
    #[serde(default)]
    pub offences: Vec<String>,
    /// Return: the action plan (at least one action, each with a due date).
    #[serde(default)]
    pub actions: Vec<ActionPlanItem>,
    /// The prosecutor's comments.
    #[serde(default)]
    pub comments: String,
}

/// Every rule on a decision that needs no database.
pub fn check_decision(d: &DecisionRequest, today: NaiveDate) -> Vec<FieldError> {
    let mut e = Vec::new();
    match d.decision {
        None => e.push(FieldError::new(
            "decision",
            "required",
            "Choose accept, charge or return",
        )),
        Some(DecisionKind::Charge) if d.offences.is_empty() => e.push(FieldError::new(
            "offences",
            "required",
            "Give the offences to charge",
        )),
        Some(DecisionKind::Return) if d.actions.is_empty() => e.push(FieldError::new(
            "actions",
            "required",
            "Give the action plan: what the officer must do",
        )),
        _ => {}
    }
    for (i, a) in d.actions.iter().enumerate() {
        if a.action.trim().is_empty() {
            e.push(FieldError::new(
                format!("actions.{i}.action"),
                "required",
                "Say what must be done",
            ));
        }
        match a.due_on {
            None => e.push(FieldError::new(
                format!("actions.{i}.due_on"),
                "required",
                "Give the date it is due",
            )),
            Some(d) if d < today => e.push(FieldError::new(
                format!("actions.{i}.due_on"),
                "past",
                "Cannot be due in the past",
            )),
            _ => {}
        }
    }
    if d.decision != Some(DecisionKind::Return) && !d.actions.is_empty() {
        e.push(FieldError::new(
            "actions",
            "return_only",
            "An action plan goes with a returned file",
        ));
    }
    if d.decision != Some(DecisionKind::Charge) && !d.offences.is_empty() {
        e.push(FieldError::new(
            "offences",
            "charge_only",
            "Offences go with a charging decision",
        ));
    }
    if d.comments.chars().count() > MAX_NARRATIVE_CHARS {
        e.push(FieldError::new("comments", "length", "At most 50,000 characters"));
    }
    e
}

/// A decision as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DecisionDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Which submission it answers.
    pub submission: i64,
    /// Accept, charge or return.
    pub decision: DecisionKind,
    /// The charges decided.
    pub charges: Vec<Charge>,
    /// The action plan.
    pub actions: Vec<ActionPlanItem>,
    /// Comments.
    pub comments: String,
    /// The prosecutor.
    pub by: UserRef,
    /// When.
    pub at: DateTime<Utc>,
}
