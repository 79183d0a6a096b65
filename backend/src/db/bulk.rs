//! The bulk-write path: the one way rows are written in bulk, outside the request path (the synthetic
//! generator today, the back-record importer next), so that bulk rows look exactly like rows the API
//! writes.
//!
//! Rows go into multi-row `INSERT ... VALUES (...),(...)` statements ([`Insert`], [`ROWS_PER_STATEMENT`]
//! rows each) built as SQL text with values quoted by [`Val`] (quotes doubled; the writer's own values,
//! checked by the shared rules first, never raw user input), one transaction per batch, executed with
//! `batch_execute`. [`Tables`] lists the shared index's tables in foreign-key order. What a writer owes
//! the rows, so that keys, links and audit stay as consistent as the API's:
//! - ids are UUID v7 chosen by the writer (inserts go to the end of the primary-key indexes);
//! - every search key is computed by the same functions as the API's write path
//!   (`index::names::name_keys` with the `name_equivalents` table for person names,
//!   `index::people::queries::normalise_value` for identifiers and contacts, and the object keys), never
//!   re-implemented;
//! - relations are `links` rows with a reason from reference data, as `POST /links` writes them;
//! - `version` starts at 1 and `created_at`/`updated_at` are the load's time (or the legacy record's);
//! - an import of real records writes an audit row per batch (who, what kind, how many); the
//!   generator's rows are synthetic and write none.

use chrono::{NaiveDate, NaiveDateTime};
use std::fmt::Write as _;

/// A value in a row.
pub enum Val<'a> {
    /// Text.
    S(&'a str),
    /// Text or NULL.
    OptS(Option<&'a str>),
    /// An integer.
    I(i64),
    /// A boolean.
    B(bool),
    /// A date.
    D(NaiveDate),
    /// A date or NULL.
    OptD(Option<NaiveDate>),
    /// A UTC timestamp (microseconds, as both databases store them).
    T(NaiveDateTime),
    /// NULL.
    Null,
}

/// Rows per `INSERT` statement.
pub const ROWS_PER_STATEMENT: usize = 1000;

/// Multi-row `INSERT` statements for one table.
pub struct Insert {
    pub head: &'static str,
    pub sql: String,
    pub rows: usize,
    /// Rows in the statement being built.
    pub in_statement: usize,
}

impl Insert {
    /// Statements for the table and columns of `head` (`INSERT INTO t (a, b)`).
    pub fn new(head: &'static str) -> Self {
        Self {
            head,
            sql: String::new(),
            rows: 0,
            in_statement: 0,
        }
    }

    /// Adds a row (values in the order of the head's columns).
    pub fn row(&mut self, vals: &[Val<'_>]) {
        if self.in_statement == 0 || self.in_statement == ROWS_PER_STATEMENT {
            if self.rows > 0 {
                self.sql.push_str(";\n");
            }
            self.sql.push_str(self.head);
            self.sql.push_str(" VALUES\n(");
            self.in_statement = 0;
        } else {
            self.sql.push_str(",\n(");
        }
        self.in_statement += 1;
        for (i, val) in vals.iter().enumerate() {
            if i > 0 {
                self.sql.push(',');
            }
            push_val(&mut self.sql, val);
        }
        self.sql.push(')');
        self.rows += 1;
    }

    /// Appends the statements built so far to `out` and starts again.
    pub fn finish_into(&mut self, out: &mut String) {
        if self.rows > 0 {
            out.push_str(&self.sql);
            out.push_str(";\n");
        }
        self.sql.clear();
        self.rows = 0;
        self.in_statement = 0;
    }
}

/// Appends `s` as a quoted SQL string literal (quotes doubled).
pub fn push_quoted(out: &mut String, s: &str) {
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
}

/// Appends a value as SQL.
pub fn push_val(out: &mut String, val: &Val<'_>) {
    // Writing to a String cannot fail.
    let _ = match val {
        Val::S(s) | Val::OptS(Some(s)) => {
            push_quoted(out, s);
            Ok(())
        }
        Val::OptS(None) | Val::OptD(None) | Val::Null => {
            out.push_str("NULL");
            Ok(())
        }
        Val::I(i) => write!(out, "{i}"),
        Val::B(b) => {
            out.push_str(if *b { "TRUE" } else { "FALSE" });
            Ok(())
        }
        Val::D(d) | Val::OptD(Some(d)) => write!(out, "'{}'", d.format("%Y-%m-%d")),
        Val::T(t) => write!(out, "'{}'", t.format("%Y-%m-%d %H:%M:%S%.6f")),
    };
}

/// The tables of one batch, in foreign-key order.
pub struct Tables {
    /// Rows of `people`.
    pub people: Insert,
    /// Rows of `names`.
    pub names: Insert,
    /// Rows of `name_keys`.
    pub name_keys: Insert,
    /// Rows of `dobs`.
    pub dobs: Insert,
    /// Rows of `identifiers`.
    pub identifiers: Insert,
    /// Rows of `contacts`.
    pub contacts: Insert,
    /// Rows of `markers`.
    pub markers: Insert,
    /// Rows of `locations`.
    pub locations: Insert,
    /// Rows of `objects`.
    pub objects: Insert,
    /// Rows of `object_keys`.
    pub object_keys: Insert,
    /// Rows of `organisations`.
    pub organisations: Insert,
    /// Rows of `links`.
    pub links: Insert,
}

impl Default for Tables {
    fn default() -> Self {
        Self::new()
    }
}

impl Tables {
    /// Empty statements for every table of the index.
    pub fn new() -> Self {
        Self {
            people: Insert::new(
                "INSERT INTO people (id, force_code, restricted, display_name, gender, ethnicity, nationality, \
                 estimated_age_min, estimated_age_max, merged_into, created_by, created_at, updated_at, version)",
            ),
            names: Insert::new(
                "INSERT INTO person_names (id, person_id, kind, forename, middle_names, surname, valid_from, \
                 valid_to, position)",
            ),
            name_keys: Insert::new(
                "INSERT INTO person_name_keys (person_id, name_id, surname_key, surname_prefix, forename_key, forename, \
                 surname, dob)",
            ),
            dobs: Insert::new("INSERT INTO person_dobs (id, person_id, dob)"),
            identifiers: Insert::new("INSERT INTO person_identifiers (id, person_id, kind, value, normalized)"),
            contacts: Insert::new("INSERT INTO person_contacts (id, person_id, kind, value, normalized)"),
            markers: Insert::new("INSERT INTO person_markers (id, person_id, code, set_on, expires_on, notes)"),
            locations: Insert::new(
                "INSERT INTO locations (id, force_code, restricted, kind, premises, street, street_key, locality, \
                 town, postcode, postcode_key, uprn, latitude, longitude, description, created_by, created_at, \
                 updated_at, version)",
            ),
            objects: Insert::new(
                "INSERT INTO objects (id, force_code, restricted, kind, description, vrm, vin, make, model, colour, \
                 phone_number, imei, serial_number, value_pence, created_by, created_at, updated_at, version)",
            ),
            object_keys: Insert::new("INSERT INTO object_keys (object_id, key)"),
            organisations: Insert::new(
                "INSERT INTO organisations (id, force_code, restricted, name, name_key, kind, phone, email, \
                 created_by, created_at, updated_at, version)",
            ),
            links: Insert::new(
                "INSERT INTO links (id, force_code, from_kind, from_id, to_kind, to_id, reason, valid_from, \
                 valid_to, source_kind, source_id, created_by, created_at)",
            ),
        }
    }

    /// The SQL of every table's rows, in foreign-key order, and starts again.
    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        for t in [
            &mut self.people,
            &mut self.names,
            &mut self.name_keys,
            &mut self.dobs,
            &mut self.identifiers,
            &mut self.contacts,
            &mut self.markers,
            &mut self.locations,
            &mut self.objects,
            &mut self.object_keys,
            &mut self.organisations,
            &mut self.links,
        ] {
            t.finish_into(&mut out);
        }
        out
    }
}
