//! Cursor pagination shared by every list endpoint.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The largest page any list endpoint returns.
pub const MAX_PAGE_SIZE: u32 = 100;
/// The page size used when the client does not ask for one.
pub const DEFAULT_PAGE_SIZE: u32 = 25;

/// Query parameters of every list endpoint.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Opaque cursor from the previous page's `next_cursor`; omit for the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// How many items to return (1 to 100, default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

impl PageQuery {
    /// The effective page size, clamped to `1..=MAX_PAGE_SIZE`.
    pub fn effective_limit(&self) -> u32 {
        self.limit.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE)
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_is_clamped() {
        let q = |l| PageQuery {
            cursor: None,
            limit: l,
        };
        assert_eq!(q(None).effective_limit(), DEFAULT_PAGE_SIZE);
        assert_eq!(q(Some(0)).effective_limit(), 1);
        assert_eq!(q(Some(5000)).effective_limit(), MAX_PAGE_SIZE);
        assert_eq!(q(Some(7)).effective_limit(), 7);
    }
}
