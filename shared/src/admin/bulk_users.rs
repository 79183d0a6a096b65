//! Creating a force's users in bulk from a CSV file: the columns, reading the file, and every rule a
//! row must meet (the same as one user's), checked for the whole file before anything is created.

use crate::auth::Role;
use crate::error::FieldError;
use crate::users::CreateUserRequest;
use crate::validation;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The columns a file must have, in any order (a header line names them).
pub const COLUMNS: [&str; 5] = ["username", "display_name", "collar_number", "rank", "roles"];

/// The most users one file may create (each gets a password hashed with a deliberately slow
/// function; split a larger file).
pub const MAX_ROWS: usize = 200;

/// Create users from a CSV file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BulkUsersRequest {
    /// The file: a header line naming the columns `username`, `display_name`, `collar_number`, `rank`
    /// and `roles` (in any order), then one user a line; several roles are separated by `;`. At most
    /// 200 users.
    #[serde(default)]
    #[schema(
        example = "username,display_name,collar_number,rank,roles\nns.quinn,Ada Quinn,4711,Police Constable,response_officer\n"
    )]
    pub csv: String,
    /// Check the file and say what would be created, creating nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// A user the file creates (or would create, on a dry run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BulkCreatedUser {
    /// The line of the file it came from (the header is line 1).
    pub line: usize,
    /// Sign-in name.
    pub username: String,
    /// The new account's id (absent on a dry run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<crate::ids::UserId>,
    /// The initial password, shown this once (absent on a dry run and when a retry replays the first
    /// answer: set a new one for the user then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_password: Option<String>,
}

/// What a bulk creation did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BulkUsersResult {
    /// Whether nothing was created (a dry run).
    pub dry_run: bool,
    /// The users, in the file's order.
    pub users: Vec<BulkCreatedUser>,
}

/// One row read from the file, before the password is chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkRow {
    /// The line of the file (the header is line 1).
    pub line: usize,
    /// The user as a single-user request (without a password).
    pub user: CreateUserRequest,
}

fn at(line: usize, field: &str) -> String {
    format!("rows.{line}.{field}")
}

/// Reads and checks a whole file: the rows it could read, and every fault with its path (`csv` for the
/// file itself, `rows.<line>.<column>` for a cell); nothing may be created unless there is no fault. Usernames repeated in the file are faults; usernames and collar
/// numbers already taken are the server's to check, as is each user's password (the server chooses it).
pub fn read_file(csv_text: &str) -> (Vec<BulkRow>, Vec<FieldError>) {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(csv_text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_lowercase()).collect(),
        Err(_) => {
            return (
                Vec::new(),
                vec![FieldError::new(
                    "csv",
                    "format",
                    "The file could not be read as CSV",
                )],
            )
        }
    };
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| !header.iter().any(|h| h == c))
        .collect();
    let unknown: Vec<&str> = header
        .iter()
        .map(String::as_str)
        .filter(|h| !COLUMNS.contains(h))
        .collect();
    if header.iter().all(|h| h.is_empty()) || !missing.is_empty() || !unknown.is_empty() {
        let fault = FieldError::new(
            "csv",
            "columns",
            format!(
                "The first line must name the columns {} (missing: {}; not known: {})",
                COLUMNS.join(", "),
                if missing.is_empty() {
                    "none".to_owned()
                } else {
                    missing.join(", ")
                },
                if unknown.is_empty() {
                    "none".to_owned()
                } else {
                    unknown.join(", ")
                },
            ),
        );
        return (Vec::new(), vec![fault]);
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_default();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(_) => {
                errors.push(FieldError::new(
                    format!("rows.{line}"),
                    "format",
                    format!("Line {line} does not have {} cells", COLUMNS.len()),
                ));
                continue;
            }
        };
        let cell = |name: &str| record.get(col(name)).unwrap_or_default().to_owned();
        let mut roles = Vec::new();
        for r in cell("roles").split(';').map(str::trim).filter(|r| !r.is_empty()) {
            match Role::parse(r) {
                Some(role) => roles.push(role),
                None => errors.push(FieldError::new(
                    at(line, "roles"),
                    "unknown",
                    format!("`{r}` is not a role"),
                )),
            }
        }
        let user = CreateUserRequest {
            username: cell("username"),
            display_name: cell("display_name"),
            collar_number: cell("collar_number"),
            rank: cell("rank"),
            roles,
            // A placeholder that meets the password rule: the server chooses each user's password.
            password: "placeholder-not-used-7Qx".to_owned(),
        };
        for e in validation::check(&user) {
            errors.push(FieldError::new(at(line, &e.path), e.code, e.message));
        }
        let key = user.username.trim().to_lowercase();
        if !key.is_empty() {
            if let Some(first) = seen.insert(key, line) {
                errors.push(FieldError::new(
                    at(line, "username"),
                    "duplicate",
                    format!("Line {first} already has this user name"),
                ));
            }
        }
        rows.push(BulkRow { line, user });
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(FieldError::new(
            "csv",
            "required",
            "The file has no users after its header line",
        ));
    }
    if rows.len() > MAX_ROWS {
        errors.push(FieldError::new(
            "csv",
            "too_many",
            format!("At most {MAX_ROWS} users a file: split it"),
        ));
    }
    (rows, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<String> {
        read_file(text)
            .1
            .into_iter()
            .map(|e| format!("{}:{}", e.path, e.code))
            .collect()
    }

    const HEADER: &str = "username,display_name,collar_number,rank,roles\n";

    fn rows(n: usize) -> String {
        let mut s = HEADER.to_owned();
        for i in 0..n {
            s.push_str(&format!(
                "user.{i},Ada Quinn,{},Police Constable,response_officer\n",
                1000 + i
            ));
        }
        s
    }

    #[test]
    fn a_good_file_is_read_in_any_column_order_with_several_roles() {
        let text = "roles,rank,collar_number,display_name,username\nresponse_officer; investigator,Police Constable,4711,Ada Quinn,ns.quinn\n";
        let (rows, errors) = read_file(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].user.roles, [Role::ResponseOfficer, Role::Investigator]);
        assert_eq!(rows[0].user.collar_number, "4711");
    }

    #[test]
    fn every_bad_cell_is_named_by_line_and_column() {
        let text = format!(
            "{HEADER}ns.quinn,Ada Quinn,4711,Police Constable,response_officer\n,Bo,1,,wizard\nns.quinn,Ada Quinn,4712,Police Constable,prosecutor\nshort,line\n"
        );
        let mut got = paths(&text);
        got.sort();
        assert_eq!(
            got,
            [
                "rows.3.collar_number:format",
                "rows.3.rank:required",
                "rows.3.roles:required",
                "rows.3.roles:unknown",
                "rows.3.username:required",
                "rows.4.roles:partner_role",
                "rows.4.username:duplicate",
                "rows.5:format",
            ]
        );
    }

    #[test]
    fn the_columns_and_the_number_of_rows_are_checked_at_the_limit() {
        assert!(paths(&rows(MAX_ROWS - 1)).is_empty());
        assert!(paths(&rows(MAX_ROWS)).is_empty());
        assert_eq!(read_file(&rows(MAX_ROWS)).0.len(), MAX_ROWS);
        assert_eq!(paths(&rows(MAX_ROWS + 1)), ["csv:too_many"]);
        assert_eq!(paths(HEADER), ["csv:required"]);
        assert_eq!(paths("username,display_name\nx,y\n"), ["csv:columns"]);
        assert_eq!(paths(&format!("{},extra\n", HEADER.trim_end())), ["csv:columns"]);
        assert_eq!(paths(""), ["csv:columns"]);
    }
}
