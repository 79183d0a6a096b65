//! The one search box across the index.

use crate::records::{RecordKind, RecordSummary};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Search parameters.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What was typed: a name (with or without a date of birth or age), a PNC ID or CRO number, a VRM,
    /// a phone number, a postcode or street, an organisation's name.
    #[serde(default)]
    pub q: String,
    /// Only this kind of record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<RecordKind>,
    /// How many results (1 to 50, default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

/// The most results one search answers.
pub const MAX_SEARCH_RESULTS: u32 = 50;
/// How many results a search answers when no `limit` is given.
pub const DEFAULT_SEARCH_RESULTS: u32 = 20;

impl SearchQuery {
    /// The number of results asked for: 1 to [`MAX_SEARCH_RESULTS`], refused outside it.
    pub fn checked_limit(&self) -> Result<u32, crate::error::FieldError> {
        crate::paging::check_limit_up_to(self.limit, DEFAULT_SEARCH_RESULTS, MAX_SEARCH_RESULTS)
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SearchHit {
    /// The record, with enough to tell records apart.
    pub summary: RecordSummary,
    /// Likelihood, 0 to 100.
    pub score: u8,
    /// Why it matched.
    pub reasons: Vec<String>,
}

/// Results, most likely first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SearchResults {
    /// How the query was understood ("name: John Smith, born 1985").
    pub understood_as: String,
    /// The results.
    pub hits: Vec<SearchHit>,
}
