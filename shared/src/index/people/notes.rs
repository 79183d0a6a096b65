//! Notes on a person: what a force that sees the person adds to the record without changing it (a
//! partner force's officer noting what they know, the owner's staff noting what the fields do not
//! hold). Each note says who wrote it and for which force; a note is never edited or removed, so what
//! an officer read stays as they read it. A correction to the owner's data is asked of the owner
//! instead (`/corrections`).

use crate::error::FieldError;
use crate::ids::ForceCode;
use crate::users::UserRef;
use crate::validation::check_length;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// The longest note, in characters (a note is a paragraph or two; a statement or a report has a
/// record of its own).
pub const NOTE_MAX_CHARS: usize = 2_000;

/// Add a note to a person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AddNoteRequest {
    /// The note (line breaks are kept).
    #[schema(example = "Known to Wessex Vale response teams as 'Dee'; uses a mobility scooter.")]
    pub text: String,
}

/// A note on a person, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NoteDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The note.
    pub text: String,
    /// The force whose user wrote it (another force's note on the owner's record says so).
    pub force: ForceCode,
    /// Who wrote it.
    pub author: UserRef,
    /// When.
    pub written_at: DateTime<Utc>,
}

/// Checks a note: required (not only spaces) and at most [`NOTE_MAX_CHARS`] characters.
pub fn check_note(r: &AddNoteRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_length(&mut errors, "text", &r.text, 1, NOTE_MAX_CHARS, "note");
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<String> {
        check_note(&AddNoteRequest { text: text.into() })
            .into_iter()
            .map(|e| format!("{}:{}", e.path, e.code))
            .collect()
    }

    #[test]
    fn a_note_is_required_and_at_most_the_limit() {
        assert_eq!(paths(""), ["text:required"]);
        assert_eq!(paths(" \n "), ["text:required"]);
        assert!(paths("x").is_empty());
        assert!(paths(&"é".repeat(NOTE_MAX_CHARS - 1)).is_empty());
        assert!(paths(&"é".repeat(NOTE_MAX_CHARS)).is_empty());
        assert_eq!(paths(&"é".repeat(NOTE_MAX_CHARS + 1)), ["text:length"]);
    }
}
