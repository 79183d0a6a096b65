//! The MG forms officers write (MG3, MG5, MG6, MG6C/D, MG15), their checks and versions.

use super::*;

/// An exhibit as the MG12 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ExhibitLine {
    /// Exhibit reference.
    pub reference: String,
    /// What it is.
    pub description: String,
    /// Who seized it.
    pub seized_by: String,
    /// Where it is now.
    pub storage: String,
}

/// MG3: what the officer asks the prosecutor to decide.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Mg3 {
    /// The evidence that supports a charge, in brief.
    #[serde(default)]
    pub grounds: String,
    /// What advice is sought (charges, further evidence...).
    #[serde(default)]
    pub advice_sought: String,
}

/// MG5: the case summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Mg5 {
    /// The summary of the case: what happened and the key evidence.
    #[serde(default)]
    pub summary: String,
}

/// MG6: information for the prosecutor only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Mg6 {
    /// Case information (witness issues, public interest, risks).
    #[serde(default)]
    pub information: String,
    /// The victim's wishes (compensation, special measures, views on bail...).
    #[serde(default)]
    pub victim_wishes: String,
}

/// MG6C/MG6D: the disclosure officer's certificate that the schedule lists all the unused material.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Disclosure {
    /// The disclosure officer certifies the schedule is complete (a nil schedule too).
    #[serde(default)]
    pub complete: bool,
    /// Notes for the prosecutor.
    #[serde(default)]
    pub note: String,
}

/// MG15: the record of interview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Mg15 {
    /// The suspect's account in interview, summarised.
    #[serde(default)]
    pub account: String,
}

/// A document an officer writes on the file. Each save is a new version; a certified version is
/// never changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocumentContent {
    /// MG3.
    Mg3(Mg3),
    /// MG5.
    Mg5(Mg5),
    /// MG6.
    Mg6(Mg6),
    /// MG6C.
    Mg6c(Disclosure),
    /// MG6D.
    Mg6d(Disclosure),
    /// MG15.
    Mg15(Mg15),
}

impl DocumentContent {
    /// Which form it is.
    pub fn kind(&self) -> DocumentKind {
        match self {
            DocumentContent::Mg3(_) => DocumentKind::Mg3,
            DocumentContent::Mg5(_) => DocumentKind::Mg5,
            DocumentContent::Mg6(_) => DocumentKind::Mg6,
            DocumentContent::Mg6c(_) => DocumentKind::Mg6c,
            DocumentContent::Mg6d(_) => DocumentKind::Mg6d,
            DocumentContent::Mg15(_) => DocumentKind::Mg15,
        }
    }
}

/// Rules on a document that hold whatever the file type (length); what a file needs of it is
/// [`readiness`]'s, so a draft can always be saved.
pub fn check_document(d: &DocumentContent) -> Vec<FieldError> {
    let texts: Vec<(&str, &str)> = match d {
        DocumentContent::Mg3(m) => vec![("grounds", &m.grounds), ("advice_sought", &m.advice_sought)],
        DocumentContent::Mg5(m) => vec![("summary", &m.summary)],
        DocumentContent::Mg6(m) => vec![
            ("information", &m.information),
            ("victim_wishes", &m.victim_wishes),
        ],
        DocumentContent::Mg6c(m) | DocumentContent::Mg6d(m) => vec![("note", &m.note)],
        DocumentContent::Mg15(m) => vec![("account", &m.account)],
    };
    texts
        .into_iter()
        .filter(|(_, t)| t.chars().count() > MAX_NARRATIVE_CHARS)
        .map(|(p, _)| FieldError::new(p, "length", "At most 50,000 characters"))
        .collect()
}

/// One version of a written document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocumentVersion {
    /// Version number (1, 2...).
    pub version: i64,
    /// The content.
    pub content: DocumentContent,
    /// Who wrote it.
    pub written_by: UserRef,
    /// When.
    pub written_at: DateTime<Utc>,
    /// The supervisor who certified it (MG5), if certified.
    pub certified_by: Option<UserRef>,
    /// When.
    pub certified_at: Option<DateTime<Utc>>,
}
