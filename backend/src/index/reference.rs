//! Reference data: vocabularies, link reasons and forename equivalents, read from the database.

use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::index::names::Equivalents;
use crate::index::queries::{self, LinkReasonRow};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::records::RecordKind;
use bluelamp_shared::reference::lists::local_force;
use bluelamp_shared::reference::{LinkReason, ReferenceCode};
use std::collections::HashMap;

/// Reference data loaded for one request.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    codes: HashMap<(String, String), (String, bool)>,
    reasons: HashMap<String, LinkReasonRow>,
}

impl Reference {
    /// Loads codes and link reasons.
    pub fn load(conn: &mut AnyConnection) -> Result<Self, ApiError> {
        let codes = queries::reference_codes(conn)?
            .into_iter()
            .map(|(v, c, l, a)| ((v, c), (l, a)))
            .collect();
        let reasons = queries::link_reasons(conn)?
            .into_iter()
            .map(|r| (r.code.clone(), r))
            .collect();
        Ok(Self { codes, reasons })
    }

    /// The label of a code (the code itself when unknown).
    pub fn label(&self, vocabulary: &str, code: &str) -> String {
        self.codes
            .get(&(vocabulary.to_owned(), code.to_owned()))
            .map(|(l, _)| l.clone())
            .unwrap_or_else(|| code.to_owned())
    }

    /// Checks that `code` is an active national code of `vocabulary`, adding a field error if not (a
    /// force's local value is refused here: use [`Reference::check_for`] where a list takes them).
    pub fn check(&self, errors: &mut Vec<FieldError>, path: &str, vocabulary: &str, code: Option<&str>) {
        self.check_in(errors, path, vocabulary, code, None);
    }

    /// Checks that `code` is an active code of `vocabulary` that `force`'s users may choose: a national
    /// one, or one of the force's own local values (never another force's).
    pub fn check_for(
        &self,
        force: &str,
        errors: &mut Vec<FieldError>,
        path: &str,
        vocabulary: &str,
        code: Option<&str>,
    ) {
        self.check_in(errors, path, vocabulary, code, Some(force));
    }

    fn check_in(
        &self,
        errors: &mut Vec<FieldError>,
        path: &str,
        vocabulary: &str,
        code: Option<&str>,
        force: Option<&str>,
    ) {
        if let Some(c) = code.filter(|c| !c.trim().is_empty()) {
            let allowed = match local_force(c) {
                None => true,
                Some(owner) => force == Some(owner),
            };
            match self.codes.get(&(vocabulary.to_owned(), c.to_owned())) {
                Some((_, true)) if allowed => {}
                _ => errors.push(FieldError::new(
                    path,
                    "unknown_code",
                    format!("`{c}` is not one of the {} codes", vocabulary.replace('_', " ")),
                )),
            }
        }
    }

    /// A link reason, if it exists and joins these kinds.
    pub fn reason(&self, code: &str) -> Option<&LinkReasonRow> {
        self.reasons.get(code).filter(|r| r.active)
    }

    /// Checks a link reason against the kinds it joins.
    pub fn check_reason(
        &self,
        errors: &mut Vec<FieldError>,
        path: &str,
        code: &str,
        from: RecordKind,
        to: RecordKind,
    ) {
        match self.reason(code) {
            None => errors.push(FieldError::new(
                path,
                "unknown_code",
                format!("`{code}` is not a link reason"),
            )),
            Some(r) if r.from_kind != from.as_str() || r.to_kind != to.as_str() => {
                errors.push(FieldError::new(
                    path,
                    "wrong_kinds",
                    format!(
                        "`{code}` links a {} to a {}, not a {} to a {}",
                        r.from_kind,
                        r.to_kind,
                        from.as_str(),
                        to.as_str()
                    ),
                ))
            }
            Some(_) => {}
        }
    }
}

/// How long reference data may be served from memory before it is read again.
pub const CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(60);

/// Reference data and forename equivalents, from the per-database cache (for hot paths like search).
pub fn cached(
    db: &Db,
    conn: &mut AnyConnection,
) -> Result<(std::sync::Arc<Reference>, std::sync::Arc<Equivalents>), ApiError> {
    let r = db.cached(conn, "reference", CACHE_TTL, Reference::load)?;
    let e = db.cached(conn, "equivalents", CACHE_TTL, equivalents)?;
    Ok((r, e))
}

/// Forename equivalents.
pub fn equivalents(conn: &mut AnyConnection) -> Result<Equivalents, ApiError> {
    Ok(Equivalents::new(queries::name_equivalents(conn)?))
}

/// The codes of every vocabulary and the active link reasons, for the forms of `force`'s users: another
/// force's local values come as not active (their labels show on shared records; they are not offered).
pub fn codes_and_reasons(
    conn: &mut AnyConnection,
    force: &str,
) -> Result<(Vec<ReferenceCode>, Vec<LinkReason>), ApiError> {
    let codes = queries::reference_codes(conn)?
        .into_iter()
        .map(|(vocabulary, code, label, active)| {
            let owner = local_force(&code).map(str::to_owned);
            ReferenceCode {
                active: active && owner.as_deref().is_none_or(|f| f == force),
                force: owner,
                vocabulary,
                code,
                label,
            }
        })
        .collect();
    let link_reasons = queries::link_reasons(conn)?
        .into_iter()
        .filter(|r| r.active)
        .filter_map(|r| {
            Some(LinkReason {
                from_kind: RecordKind::parse(&r.from_kind)?,
                to_kind: RecordKind::parse(&r.to_kind)?,
                code: r.code,
                label: r.label,
                inverse_label: r.inverse_label,
            })
        })
        .collect();
    Ok((codes, link_reasons))
}
