//! MoPI retention reviews (information managers): running the assessment, the queue of records due
//! for review, one record's review, overriding its group and deciding it.

use super::{ApiError, AuthClient};
use bluelamp_shared::retention::reviews::{OverrideGroupRequest, RetentionDecisionRequest, ReviewDto};
use serde::Deserialize;
use uuid::Uuid;

/// What a run of the assessment did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct RunSummary {
    /// How many records were assessed.
    pub assessed: u64,
    /// How many of them changed group or review date.
    pub changed: u64,
}

impl AuthClient {
    /// `POST /retention/runs`: assesses the records now (a conflict while a run is under way).
    pub async fn run_retention(&self) -> Result<RunSummary, ApiError> {
        self.post_json("/retention/runs", &serde_json::json!({})).await
    }

    /// `GET /retention/reviews`: the records due for review by today, soonest due first, as many
    /// as the API gives at once.
    pub async fn retention_reviews(&self) -> Result<Vec<ReviewDto>, ApiError> {
        self.list_items("/retention/reviews", &[], None).await
    }

    /// `GET /retention/reviews/{id}`: one record's review (its `version` is the ETag's).
    pub async fn retention_review(&self, id: Uuid) -> Result<ReviewDto, ApiError> {
        self.get_json(&format!("/retention/reviews/{id}")).await
    }

    /// `POST /retention/reviews/{id}/group` with `If-Match` for the review at `version`.
    pub async fn override_retention_group(
        &self,
        id: Uuid,
        req: &OverrideGroupRequest,
        version: i64,
    ) -> Result<ReviewDto, ApiError> {
        self.write_if_match(false, &format!("/retention/reviews/{id}/group"), req, version)
            .await
    }

    /// `POST /retention/reviews/{id}/decisions` with `If-Match` for the review at `version`.
    pub async fn decide_retention_review(
        &self,
        id: Uuid,
        req: &RetentionDecisionRequest,
        version: i64,
    ) -> Result<ReviewDto, ApiError> {
        self.write_if_match(false, &format!("/retention/reviews/{id}/decisions"), req, version)
            .await
    }
}
