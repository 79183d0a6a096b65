//! Each MG form laid out as the CPS reads it, for the pages and the PDF bundle.

use super::*;

/// One line of a rendered form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FormLine {
    /// The label (empty for a paragraph).
    pub label: String,
    /// The value.
    pub value: String,
}

/// A section of a rendered form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FormSection {
    /// Heading.
    pub heading: String,
    /// Lines.
    pub lines: Vec<FormLine>,
}

/// A form laid out for reading: the same on screen and in the PDF bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RenderedForm {
    /// Which form.
    pub kind: DocumentKind,
    /// `MG5 Case summary`.
    pub title: String,
    /// Sections.
    pub sections: Vec<FormSection>,
}

pub(super) fn line(label: &str, value: impl Into<String>) -> FormLine {
    let value = value.into();
    FormLine {
        label: label.to_owned(),
        value: if value.trim().is_empty() {
            "—".to_owned()
        } else {
            value
        },
    }
}

pub(super) fn section(heading: impl Into<String>, lines: Vec<FormLine>) -> FormSection {
    FormSection {
        heading: heading.into(),
        lines,
    }
}

pub(super) fn when(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%d/%m/%Y %H:%M UTC").to_string())
        .unwrap_or_default()
}

pub(super) fn charges_text(charges: &[Charge]) -> String {
    charges
        .iter()
        .map(|c| format!("{} ({})", c.wording, c.legislation))
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn written(c: &CaseFileContent, kind: DocumentKind) -> Vec<FormLine> {
    let Some(v) = c.document(kind) else {
        return vec![line("Status", "Not written yet")];
    };
    let mut lines = match &v.content {
        DocumentContent::Mg3(x) => vec![
            line("Grounds for charge", &x.grounds),
            line("Advice sought", &x.advice_sought),
        ],
        DocumentContent::Mg5(x) => vec![line("Summary", &x.summary)],
        DocumentContent::Mg6(x) => vec![
            line("Case information", &x.information),
            line("Victim's wishes", &x.victim_wishes),
        ],
        DocumentContent::Mg6c(x) | DocumentContent::Mg6d(x) => vec![
            line(
                "Schedule complete",
                if x.complete {
                    "Certified by the disclosure officer"
                } else {
                    "Not certified"
                },
            ),
            line("Note", &x.note),
        ],
        DocumentContent::Mg15(x) => vec![line("Suspect's account", &x.account)],
    };
    lines.push(line(
        "Version",
        format!(
            "{} by {} at {}",
            v.version,
            v.written_by.display_name,
            when(Some(v.written_at))
        ),
    ));
    if kind.certified() {
        lines.push(line(
            "Certified",
            match (&v.certified_by, v.certified_at) {
                (Some(by), at) => format!("by {} at {}", by.display_name, when(at)),
                _ => "Not certified".to_owned(),
            },
        ));
    }
    lines
}

pub(super) fn unused_schedule(c: &CaseFileContent, kind: DocumentKind, sensitive: bool) -> Vec<FormSection> {
    let items: Vec<FormLine> = c
        .unused_material
        .iter()
        .filter(|u| u.sensitive == sensitive)
        .map(|u| {
            let mut v = format!("{} (kept at: {})", u.description, u.location);
            if sensitive {
                v.push_str(&format!(". Sensitive because: {}", u.sensitivity_reason));
            }
            line(&format!("Item {}", u.number), v)
        })
        .collect();
    vec![
        section(
            "Items",
            if items.is_empty() {
                vec![line("", "Nil schedule: no such material")]
            } else {
                items
            },
        ),
        section("Disclosure officer", written(c, kind)),
    ]
}

/// Lays out a form of the file.
pub fn render(c: &CaseFileContent, kind: DocumentKind) -> RenderedForm {
    use DocumentKind as K;
    let sections = match kind {
        K::Mg1 => {
            let mut s = vec![file_section(c)];
            s.extend(defendant_sections(c));
            s
        }
        K::Mg3 => mg3_sections(c, kind),
        K::Mg4 => defendant_sections(c),
        K::Mg5 => {
            let mut offence = offence_lines(c);
            offence.push(line("How", &c.crime.modus_operandi));
            vec![
                section("The offence", offence),
                section("Summary", written(c, kind)),
            ]
        }
        K::Mg6 => vec![section("For the prosecutor only", written(c, kind))],
        K::Mg6c => unused_schedule(c, kind, false),
        K::Mg6d => unused_schedule(c, kind, true),
        K::Mg9 => vec![witnesses_section(c)],
        K::Mg11 => statement_sections(c),
        K::Mg12 => vec![section(
            "Exhibits",
            if c.exhibits.is_empty() {
                vec![line("", "No exhibits")]
            } else {
                c.exhibits
                    .iter()
                    .map(|x| {
                        line(
                            &x.reference,
                            format!(
                                "{}; seized by {}; now at {}",
                                x.description, x.seized_by, x.storage
                            ),
                        )
                    })
                    .collect()
            },
        )],
        K::Mg15 => mg15_sections(c, kind),
    };
    RenderedForm {
        kind,
        title: format!("{} {}", kind.code(), kind.title()),
        sections,
    }
}

/// MG1's file section: the references, the officer in charge, the charging route, the victims.
fn file_section(c: &CaseFileContent) -> FormSection {
    section(
        "File",
        vec![
            line("URN", &c.urn),
            line("File type", c.file_type.label()),
            line("Force", c.force.to_string()),
            line("Crime reference", c.crime.crn.clone().unwrap_or_default()),
            line(
                "Officer in charge",
                c.officer_in_charge
                    .as_ref()
                    .map(|u| format!("{} {}", u.display_name, u.collar_number))
                    .unwrap_or_default(),
            ),
            line(
                "Charging route",
                format!(
                    "{}: {}",
                    match c.charging_route.route {
                        Route::PoliceMayCharge => "Police may charge",
                        Route::CpsDecides => "CPS decides",
                    },
                    c.charging_route.reason
                ),
            ),
            line("Victims", c.crime.victims.join("; ")),
        ],
    )
}

/// A section per defendant: who they are, the charges and how they were released.
fn defendant_sections(c: &CaseFileContent) -> Vec<FormSection> {
    c.defendants
        .iter()
        .map(|d| {
            section(
                format!("Defendant: {}", d.name),
                vec![
                    line(
                        "Date of birth",
                        d.date_of_birth
                            .map(|x| x.format("%d/%m/%Y").to_string())
                            .unwrap_or_default(),
                    ),
                    line("ASN", d.asn.clone().unwrap_or_default()),
                    line("Custody number", d.custody_number.clone().unwrap_or_default()),
                    line("Charges", charges_text(&d.charges)),
                    line("Charged at", when(d.charged_at)),
                    line("Disposal", d.disposal.clone().unwrap_or_default()),
                    line(
                        "First hearing (bail date)",
                        d.bail_date
                            .map(|x| x.format("%d/%m/%Y").to_string())
                            .unwrap_or_default(),
                    ),
                ],
            )
        })
        .collect::<Vec<_>>()
}

/// MG3: the proposed charges, the offence and the request.
fn mg3_sections(c: &CaseFileContent, kind: DocumentKind) -> Vec<FormSection> {
    let mut s = vec![section(
        "Proposed charges",
        c.defendants
            .iter()
            .map(|d| line(&d.name, charges_text(&d.arrest_offences)))
            .collect(),
    )];
    s.push(section("The offence", offence_lines(c)));
    s.push(section("Request", written(c, kind)));
    s
}

/// The offence: what, when and where.
fn offence_lines(c: &CaseFileContent) -> Vec<FormLine> {
    vec![
        line("Offence", c.crime.offence.clone().unwrap_or_default()),
        line("When", when(c.crime.offence_from)),
        line("Where", c.crime.location.clone().unwrap_or_default()),
    ]
}

/// MG9: the witnesses (statements other than victim personal statements).
fn witnesses_section(c: &CaseFileContent) -> FormSection {
    let witnesses: Vec<&StatementDto> = c.statements.iter().filter(|s| !s.personal_statement).collect();
    section(
        "Witnesses",
        if witnesses.is_empty() {
            vec![line("", "No witnesses")]
        } else {
            witnesses
                .iter()
                .map(|w| line(&w.witness_name, w.occupation.clone()))
                .collect()
        },
    )
}

/// MG11: each statement with its declaration.
fn statement_sections(c: &CaseFileContent) -> Vec<FormSection> {
    c.statements
        .iter()
        .map(|s| {
            section(
                format!(
                    "{} of {}",
                    if s.personal_statement {
                        "Victim personal statement"
                    } else {
                        "Statement"
                    },
                    s.witness_name
                ),
                vec![
                    line("Occupation", &s.occupation),
                    line("Over 18", if s.over_18 { "Yes" } else { "No" }),
                    line(
                        "Declaration",
                        "This statement is true to the best of my knowledge and belief and I make it knowing that, if it is tendered in evidence, I shall be liable to prosecution if I have wilfully stated anything which I know to be false or do not believe to be true.",
                    ),
                    line("Made", when(Some(s.made_at))),
                    line("Statement", &s.text),
                    line(
                        "Taken by",
                        format!("{} {} ({})", s.recorded_by.display_name, s.recorded_by.collar_number, s.force),
                    ),
                ],
            )
        })
        .collect()
}

/// MG15: each defendant's interviews, then the record written.
fn mg15_sections(c: &CaseFileContent, kind: DocumentKind) -> Vec<FormSection> {
    let mut s: Vec<FormSection> = c
        .defendants
        .iter()
        .map(|d| {
            section(
                format!("Interviews of {}", d.name),
                if d.interviews.is_empty() {
                    vec![line("", "No interview recorded in custody")]
                } else {
                    d.interviews
                        .iter()
                        .map(|i| line(&i.by, format!("{} to {}", when(i.started_at), when(i.ended_at))))
                        .collect()
                },
            )
        })
        .collect();
    s.push(section("Record", written(c, kind)));
    s
}
