//! Cursor pagination shared by every list endpoint.

use crate::error::FieldError;
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
    /// The first page of `limit` items.
    pub fn first(limit: u32) -> Self {
        PageQuery {
            cursor: None,
            limit: Some(limit),
        }
    }

    /// The page size asked for, or `default` when none was: a limit outside `1..=MAX_PAGE_SIZE` is
    /// refused (an error on `limit`), never quietly changed.
    pub fn checked_limit(&self, default: u32) -> Result<u32, FieldError> {
        check_limit(self.limit, default)
    }
}

/// A page size as every list takes it: `default` when absent, 1 to [`MAX_PAGE_SIZE`] when given.
pub fn check_limit(limit: Option<u32>, default: u32) -> Result<u32, FieldError> {
    check_limit_up_to(limit, default, MAX_PAGE_SIZE)
}

/// A `limit` as a list with a smaller ceiling takes it: `default` when absent, 1 to `max` when given.
pub fn check_limit_up_to(limit: Option<u32>, default: u32, max: u32) -> Result<u32, FieldError> {
    match limit {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(_) => Err(FieldError::new(
            "limit",
            "range",
            format!("Ask for 1 to {max} items"),
        )),
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

    fn limit(l: Option<u32>) -> Result<u32, FieldError> {
        PageQuery {
            cursor: None,
            limit: l,
        }
        .checked_limit(DEFAULT_PAGE_SIZE)
    }

    #[test]
    fn no_limit_is_the_default() {
        assert_eq!(limit(None), Ok(DEFAULT_PAGE_SIZE));
        assert_eq!(check_limit(None, 50), Ok(50));
    }

    #[test]
    fn limits_from_one_to_the_maximum_are_taken_as_asked() {
        assert_eq!(limit(Some(1)), Ok(1));
        assert_eq!(limit(Some(2)), Ok(2));
        assert_eq!(limit(Some(MAX_PAGE_SIZE - 1)), Ok(MAX_PAGE_SIZE - 1));
        assert_eq!(limit(Some(MAX_PAGE_SIZE)), Ok(MAX_PAGE_SIZE));
        assert_eq!(PageQuery::first(7).checked_limit(DEFAULT_PAGE_SIZE), Ok(7));
    }

    #[test]
    fn a_search_takes_one_to_fifty_results() {
        use crate::index::search::{SearchQuery, DEFAULT_SEARCH_RESULTS, MAX_SEARCH_RESULTS};
        let q = |l| SearchQuery {
            limit: l,
            ..SearchQuery::default()
        };
        assert_eq!(q(None).checked_limit(), Ok(DEFAULT_SEARCH_RESULTS));
        for l in [1, MAX_SEARCH_RESULTS - 1, MAX_SEARCH_RESULTS] {
            assert_eq!(q(Some(l)).checked_limit(), Ok(l));
        }
        for l in [0, MAX_SEARCH_RESULTS + 1] {
            assert_eq!(q(Some(l)).checked_limit().unwrap_err().code, "range", "{l}");
        }
    }

    #[test]
    fn limits_outside_the_range_are_refused_on_limit() {
        for l in [0, MAX_PAGE_SIZE + 1, 2_147_483_648, u32::MAX] {
            let e = limit(Some(l)).unwrap_err();
            assert_eq!((e.path.as_str(), e.code.as_str()), ("limit", "range"), "{l}");
        }
    }
}
