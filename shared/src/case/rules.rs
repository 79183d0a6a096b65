//! File types and the forms each needs (FILE_RULES), as data.

use super::*;

/// The least a written narrative (summary, grounds, account) must hold to be more than a placeholder.
pub const MIN_NARRATIVE_CHARS: usize = 20;

/// The most any narrative may hold.
pub const MAX_NARRATIVE_CHARS: usize = 50_000;

/// The Home Office classification of shoplifting: retail theft, which police may charge whatever
/// the anticipated plea.
pub const RETAIL_THEFT_CLASSIFICATION: &str = "46";

/// The file types of the National File Standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FileType {
    /// Pre-charge: a request to the CPS for a charging decision.
    PreCharge,
    /// Anticipated guilty plea (a proportionate, short file).
    Gap,
    /// Anticipated not guilty plea (a full file).
    Ngap,
    /// The upgrade to a full trial file after a not guilty plea at the first hearing.
    Upgrade,
}

impl FileType {
    /// Every file type.
    pub const ALL: [FileType; 4] = [
        FileType::PreCharge,
        FileType::Gap,
        FileType::Ngap,
        FileType::Upgrade,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            FileType::PreCharge => "pre_charge",
            FileType::Gap => "gap",
            FileType::Ngap => "ngap",
            FileType::Upgrade => "upgrade",
        }
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            FileType::PreCharge => "Pre-charge: request for a charging decision",
            FileType::Gap => "Anticipated guilty plea (GAP)",
            FileType::Ngap => "Anticipated not guilty plea (NGAP)",
            FileType::Upgrade => "Upgrade after first hearing",
        }
    }

    /// Whether the file goes with a charge already made (everything but pre-charge).
    pub fn post_charge(self) -> bool {
        self != FileType::PreCharge
    }
}

/// The MG forms a file can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// MG1 file front sheet.
    Mg1,
    /// MG3 report for a charging decision.
    Mg3,
    /// MG4 charge sheet.
    Mg4,
    /// MG5 case summary (certified by a supervisor).
    Mg5,
    /// MG6 case information (for the CPS only).
    Mg6,
    /// MG6C schedule of non-sensitive unused material.
    Mg6c,
    /// MG6D schedule of sensitive unused material.
    Mg6d,
    /// MG9 witness list.
    Mg9,
    /// MG11 witness statements.
    Mg11,
    /// MG12 exhibit list.
    Mg12,
    /// MG15 record of interview.
    Mg15,
}

impl DocumentKind {
    /// Every form, in bundle order.
    pub const ALL: [DocumentKind; 11] = [
        DocumentKind::Mg1,
        DocumentKind::Mg3,
        DocumentKind::Mg4,
        DocumentKind::Mg5,
        DocumentKind::Mg6,
        DocumentKind::Mg6c,
        DocumentKind::Mg6d,
        DocumentKind::Mg9,
        DocumentKind::Mg11,
        DocumentKind::Mg12,
        DocumentKind::Mg15,
    ];

    /// The wire name (`mg6c`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Mg1 => "mg1",
            DocumentKind::Mg3 => "mg3",
            DocumentKind::Mg4 => "mg4",
            DocumentKind::Mg5 => "mg5",
            DocumentKind::Mg6 => "mg6",
            DocumentKind::Mg6c => "mg6c",
            DocumentKind::Mg6d => "mg6d",
            DocumentKind::Mg9 => "mg9",
            DocumentKind::Mg11 => "mg11",
            DocumentKind::Mg12 => "mg12",
            DocumentKind::Mg15 => "mg15",
        }
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The form's number (`MG6C`).
    pub fn code(self) -> String {
        self.as_str().to_uppercase()
    }

    /// The form's title.
    pub fn title(self) -> &'static str {
        match self {
            DocumentKind::Mg1 => "File front sheet",
            DocumentKind::Mg3 => "Report for a charging decision",
            DocumentKind::Mg4 => "Charge",
            DocumentKind::Mg5 => "Case summary",
            DocumentKind::Mg6 => "Case file information",
            DocumentKind::Mg6c => "Schedule of non-sensitive unused material",
            DocumentKind::Mg6d => "Schedule of sensitive unused material",
            DocumentKind::Mg9 => "Witness list",
            DocumentKind::Mg11 => "Witness statements",
            DocumentKind::Mg12 => "Exhibit list",
            DocumentKind::Mg15 => "Record of interview",
        }
    }

    /// Whether an officer writes it on the file (the others are drawn from the records).
    pub fn written(self) -> bool {
        matches!(
            self,
            DocumentKind::Mg3
                | DocumentKind::Mg5
                | DocumentKind::Mg6
                | DocumentKind::Mg6c
                | DocumentKind::Mg6d
                | DocumentKind::Mg15
        )
    }

    /// Whether a supervisor certifies it.
    pub fn certified(self) -> bool {
        self == DocumentKind::Mg5
    }
}

/// The documents one file type needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileRule {
    /// The file type.
    pub file_type: FileType,
    /// The forms it must hold; no other form is required of it.
    pub documents: &'static [DocumentKind],
}

/// What each file type needs (National File Standard, proportionate by anticipated plea).
pub const FILE_RULES: &[FileRule] = &[
    FileRule {
        file_type: FileType::PreCharge,
        documents: &[
            DocumentKind::Mg3,
            DocumentKind::Mg5,
            DocumentKind::Mg6,
            DocumentKind::Mg11,
            DocumentKind::Mg15,
        ],
    },
    FileRule {
        file_type: FileType::Gap,
        documents: &[
            DocumentKind::Mg1,
            DocumentKind::Mg4,
            DocumentKind::Mg5,
            DocumentKind::Mg6c,
            DocumentKind::Mg11,
        ],
    },
    FileRule {
        file_type: FileType::Ngap,
        documents: &[
            DocumentKind::Mg1,
            DocumentKind::Mg4,
            DocumentKind::Mg5,
            DocumentKind::Mg6,
            DocumentKind::Mg6c,
            DocumentKind::Mg6d,
            DocumentKind::Mg9,
            DocumentKind::Mg11,
            DocumentKind::Mg12,
            DocumentKind::Mg15,
        ],
    },
    FileRule {
        file_type: FileType::Upgrade,
        documents: &[
            DocumentKind::Mg1,
            DocumentKind::Mg4,
            DocumentKind::Mg5,
            DocumentKind::Mg6,
            DocumentKind::Mg6c,
            DocumentKind::Mg6d,
            DocumentKind::Mg9,
            DocumentKind::Mg11,
            DocumentKind::Mg12,
            DocumentKind::Mg15,
        ],
    },
];

/// The forms a file type needs.
pub fn documents_for(file_type: FileType) -> &'static [DocumentKind] {
    FILE_RULES
        .iter()
        .find(|r| r.file_type == file_type)
        .map(|r| r.documents)
        .unwrap_or(&[])
}
