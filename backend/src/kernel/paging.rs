//! Cursor paging for every list endpoint (API-DESIGN, "Pagination"): the limit checked by the shared
//! rule, an opaque cursor over the list's sort key, and the page with its next cursor.
//!
//! A list reads one row more than it answers: if that row exists there is a next page, and the cursor
//! names the last row answered (its sort key and id), so the next page starts strictly after it
//! ([`keyset!`](crate::keyset) adds that condition and the order to a diesel query). Rows a caller may
//! not see are left out after the read, so a page may hold fewer items than `limit`; only the absence
//! of `next_cursor` means the end.

use crate::error::ApiError;
use base64::Engine;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::paging::{Page, PageQuery, DEFAULT_PAGE_SIZE};
use chrono::NaiveDateTime;

/// Separates the sort key from the id inside a cursor (a character no key or id holds).
const SEPARATOR: char = '\u{1f}';
/// How a timestamp is written inside a cursor (to the microsecond, as both databases keep it).
const AT: &str = "%Y-%m-%dT%H:%M:%S%.6f";

/// Where a page starts: after the row with this sort key and id.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    /// The sort key of the last row answered, as text.
    pub key: String,
    /// The id of that row (the tie-break of equal keys).
    pub id: String,
}

impl Cursor {
    /// A cursor after a row ordered by a timestamp.
    pub fn at(at: NaiveDateTime, id: &str) -> Self {
        Cursor {
            key: at.format(AT).to_string(),
            id: id.to_owned(),
        }
    }

    /// A cursor after a row ordered by a date.
    pub fn on(on: chrono::NaiveDate, id: &str) -> Self {
        Cursor {
            key: on.to_string(),
            id: id.to_owned(),
        }
    }

    /// The sort key read back as the date [`Cursor::on`] wrote.
    pub fn date(&self) -> Result<chrono::NaiveDate, ApiError> {
        self.key
            .parse()
            .map_err(|_| ApiError::validation(vec![bad_cursor()]))
    }

    /// The sort key read back as the timestamp [`Cursor::at`] wrote.
    pub fn timestamp(&self) -> Result<NaiveDateTime, ApiError> {
        NaiveDateTime::parse_from_str(&self.key, AT).map_err(|_| ApiError::validation(vec![bad_cursor()]))
    }

    fn encode(&self) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{}{SEPARATOR}{}", self.key, self.id))
    }

    fn decode(text: &str) -> Result<Self, FieldError> {
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| bad_cursor())?;
        let raw = String::from_utf8(raw).map_err(|_| bad_cursor())?;
        let (key, id) = raw.split_once(SEPARATOR).ok_or_else(bad_cursor)?;
        Ok(Cursor {
            key: key.to_owned(),
            id: id.to_owned(),
        })
    }
}

fn bad_cursor() -> FieldError {
    FieldError::new("cursor", "format", "The cursor is not one this server issued")
}

/// A list request, checked: how many items, and after which row.
#[derive(Debug, Clone)]
pub struct Paging {
    /// Items to answer (1 to 100).
    pub limit: i64,
    /// Start after this row; `None` for the first page.
    pub after: Option<Cursor>,
}

impl Paging {
    /// Checks a list request (default page size 25): a limit out of range and a cursor this server
    /// did not issue are both refused, each naming its parameter.
    pub fn of(q: &PageQuery) -> Result<Self, ApiError> {
        Self::with_default(q, DEFAULT_PAGE_SIZE)
    }

    /// As [`Paging::of`], with a list's own default page size.
    pub fn with_default(q: &PageQuery, default: u32) -> Result<Self, ApiError> {
        let mut errors = Vec::new();
        let limit = q
            .checked_limit(default)
            .map_err(|e| errors.push(e))
            .unwrap_or(default);
        let after = q
            .cursor
            .as_deref()
            .map(Cursor::decode)
            .transpose()
            .map_err(|e| errors.push(e))
            .unwrap_or(None);
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        Ok(Paging {
            limit: i64::from(limit),
            after,
        })
    }

    /// How many rows to read: one more than the page, to know whether another follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }

    /// The timestamp and id the page starts after, for a list ordered by a timestamp.
    pub fn after_at(&self) -> Result<Option<(NaiveDateTime, String)>, ApiError> {
        self.after
            .as_ref()
            .map(|c| Ok((c.timestamp()?, c.id.clone())))
            .transpose()
    }

    /// Makes the page from the rows read (at most [`Paging::fetch`], in list order): keeps `limit`
    /// of them, names the last one kept in the next cursor when more were read, and turns the kept
    /// rows into items (which may leave out rows the caller may not see).
    pub fn page<R, T>(
        &self,
        mut rows: Vec<R>,
        key: impl Fn(&R) -> Cursor,
        items: impl FnOnce(Vec<R>) -> Result<Vec<T>, ApiError>,
    ) -> Result<Page<T>, ApiError> {
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next_cursor = if more {
            rows.last().map(|r| key(r).encode())
        } else {
            None
        };
        Ok(Page {
            items: items(rows)?,
            next_cursor,
        })
    }
}

/// Adds keyset paging to a boxed diesel query: the order (`asc` or `desc` by a timestamp column,
/// then the id column the same way), the rows after the cursor and the read limit.
///
/// ```ignore
/// let rows = keyset!(query, paging, asc(crimes::state_since, crimes::id)).load(conn)?;
/// ```
#[macro_export]
macro_rules! keyset {
    ($query:expr, $paging:expr, asc($at:expr, $id:expr)) => {{
        let q = $query.order(($at.asc(), $id.asc())).limit($paging.fetch());
        match $paging.after_at()? {
            Some((at, id)) => q.filter($at.gt(at).or($at.eq(at).and($id.gt(id)))),
            None => q,
        }
    }};
    ($query:expr, $paging:expr, desc($at:expr, $id:expr)) => {{
        let q = $query.order(($at.desc(), $id.desc())).limit($paging.fetch());
        match $paging.after_at()? {
            Some((at, id)) => q.filter($at.lt(at).or($at.eq(at).and($id.lt(id)))),
            None => q,
        }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(cursor: Option<&str>, limit: Option<u32>) -> PageQuery {
        PageQuery {
            cursor: cursor.map(str::to_owned),
            limit,
        }
    }

    #[test]
    fn a_cursor_reads_back_as_written() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 3, 29)
            .unwrap()
            .and_hms_micro_opt(1, 2, 3, 456_789)
            .unwrap();
        let c = Cursor::at(at, "a-b");
        let back = Cursor::decode(&c.encode()).unwrap();
        assert_eq!(back, c);
        assert_eq!(back.timestamp().unwrap(), at);
    }

    #[test]
    fn a_bad_cursor_and_a_bad_limit_are_both_named() {
        let Err(ApiError::Problem(p)) = Paging::of(&query(Some("not a cursor"), Some(0))) else {
            panic!("refused");
        };
        let paths: Vec<_> = p.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["limit", "cursor"]);
    }

    #[test]
    fn a_page_names_its_last_row_only_when_more_follow() {
        let p = Paging::of(&query(None, Some(2))).unwrap();
        let key = |r: &&str| Cursor {
            key: (*r).to_owned(),
            id: (*r).to_owned(),
        };
        let full = p.page(vec!["a", "b", "c"], key, Ok).unwrap();
        assert_eq!(full.items, ["a", "b"]);
        let next = Cursor::decode(full.next_cursor.as_deref().unwrap()).unwrap();
        assert_eq!(next.id, "b");
        let last = p.page(vec!["a", "b"], key, Ok).unwrap();
        assert_eq!(last.next_cursor, None);
    }
}
