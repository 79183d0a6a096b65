//! Tasks (actions), the "my work" inbox, and drafts that are saved as the officer types.

use crate::error::FieldError;
use crate::ids::UserId;
use crate::users::UserRef;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Why a task exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// An action set by the officer in charge or a supervisor.
    Action,
    /// Work a supervisor asked for when returning a crime from review.
    ReviewReturn,
    /// A Victims' Code update deadline.
    VictimUpdate,
    /// A MARAC referral after a high-risk DASH assessment.
    Marac,
    /// An action of the prosecutor's action plan on a returned case file.
    CpsAction,
}

impl TaskKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::Action => "action",
            TaskKind::ReviewReturn => "review_return",
            TaskKind::VictimUpdate => "victim_update",
            TaskKind::Marac => "marac",
            TaskKind::CpsAction => "cps_action",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            TaskKind::Action,
            TaskKind::ReviewReturn,
            TaskKind::VictimUpdate,
            TaskKind::Marac,
            TaskKind::CpsAction,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

/// Setting a task.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CreateTaskRequest {
    /// What to do.
    #[serde(default)]
    pub title: String,
    /// Detail.
    #[serde(default)]
    pub details: String,
    /// Who (defaults to the officer in charge, else the caller).
    #[serde(default)]
    pub assignee: Option<UserId>,
    /// When it is due.
    #[serde(default)]
    pub due_at: Option<DateTime<Utc>>,
}

/// Longest task title, in characters (surrounding spaces not counted).
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest task detail, in characters.
pub const MAX_DETAILS_CHARS: usize = 10_000;

/// Checks a task.
pub fn check_task(t: &CreateTaskRequest) -> Vec<FieldError> {
    let mut e = Vec::new();
    let n = t.title.trim().chars().count();
    if n == 0 {
        e.push(FieldError::new("title", "required", "Say what needs doing"));
    } else if n > MAX_TITLE_CHARS {
        e.push(FieldError::new("title", "length", "At most 300 characters"));
    }
    if t.details.chars().count() > MAX_DETAILS_CHARS {
        e.push(FieldError::new("details", "length", "At most 10,000 characters"));
    }
    e
}

/// Completing a task.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CompleteTaskRequest {
    /// What was done or found.
    #[serde(default)]
    pub result: String,
}

/// A task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TaskDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The crime it belongs to.
    #[schema(value_type = String, format = Uuid)]
    pub crime_id: Uuid,
    /// Why it exists.
    pub kind: TaskKind,
    /// What to do.
    pub title: String,
    /// Detail (a MARAC task carries the pre-filled referral).
    pub details: String,
    /// Who.
    pub assignee: Option<UserRef>,
    /// When it is due.
    pub due_at: Option<DateTime<Utc>>,
    /// When it was done.
    pub completed_at: Option<DateTime<Utc>>,
    /// What was done.
    pub result: Option<String>,
    /// Who set it.
    pub created_by: Option<UserRef>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Version (`ETag`).
    pub version: i64,
}

/// What an item of "my work" is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WorkKind {
    /// A task assigned to you.
    Task,
    /// A crime of yours a supervisor returned.
    ReturnedCrime,
    /// A crime waiting for your review.
    ReviewDue,
    /// A crime or incident of yours still waiting for the recording decision.
    RecordingDecision,
    /// A cancellation waiting for your approval.
    CancellationDue,
    /// An intelligence report of yours returned with questions.
    ReturnedIntelligence,
    /// Intelligence waiting for evaluation (intelligence unit).
    IntelligenceToEvaluate,
}

/// One item of "my work".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct WorkItem {
    /// What it is.
    pub kind: WorkKind,
    /// What to do.
    pub title: String,
    /// The crime.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub crime_id: Option<Uuid>,
    /// The incident.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub incident_id: Option<Uuid>,
    /// The task.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub task_id: Option<Uuid>,
    /// The intelligence report.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub report_id: Option<Uuid>,
    /// The crime reference number.
    pub crn: Option<String>,
    /// When it is due.
    pub due_at: Option<DateTime<Utc>>,
    /// Past due.
    pub overdue: bool,
}

/// Orders work by what is due first (undated work last, oldest first among equals).
pub fn sort_work(items: &mut [WorkItem]) {
    items.sort_by(|a, b| match (a.due_at, b.due_at) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.title.cmp(&b.title),
    });
}

/// Everything waiting for the caller, sorted by what is due first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MyWork {
    /// The items.
    pub items: Vec<WorkItem>,
}

/// The largest draft accepted, in bytes of JSON.
pub const MAX_DRAFT_BYTES: usize = 256 * 1024;

/// Saving a draft.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SaveDraftRequest {
    /// Which form (e.g. `retail_theft`).
    #[serde(default)]
    pub form: String,
    /// A short label for the drafts list.
    #[serde(default)]
    pub label: String,
    /// The form's state, as the app keeps it.
    #[serde(default)]
    pub data: serde_json::Value,
}

/// A saved draft (visible only to its author).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DraftDto {
    /// Id (chosen by the app, so saving is idempotent).
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Which form.
    pub form: String,
    /// Label.
    pub label: String,
    /// The form's state.
    pub data: serde_json::Value,
    /// Last saved.
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn item(title: &str, due: Option<u32>) -> WorkItem {
        WorkItem {
            kind: WorkKind::Task,
            title: title.into(),
            crime_id: None,
            incident_id: None,
            task_id: None,
            report_id: None,
            crn: None,
            due_at: due.map(|h| Utc.with_ymd_and_hms(2026, 11, 23, h, 0, 0).unwrap()),
            overdue: false,
        }
    }

    #[test]
    fn work_is_sorted_by_what_is_due_first() {
        let mut w = vec![
            item("b", None),
            item("late", Some(15)),
            item("a", None),
            item("soon", Some(9)),
        ];
        sort_work(&mut w);
        let titles: Vec<&str> = w.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["soon", "late", "a", "b"]);
    }
}
