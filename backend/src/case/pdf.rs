//! The PDF bundle of a case file: every form its type needs, laid out by
//! `bluelamp_shared::case::render` (the same layout the app shows), one form per page or more.

use crate::error::ApiError;
use bluelamp_shared::case::{documents_for, render, CaseFileContent, RenderedForm};
use printpdf::{BuiltinFont, IndirectFontRef, Mm, PdfDocument, PdfDocumentReference, PdfLayerReference};

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 18.0;
/// Characters per line of body text at 10 pt Helvetica across the page.
const WRAP: usize = 95;

/// The built-in PDF fonts cover Windows-1252 only: anything else is replaced, never dropped silently.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '—' | '–' => '-',
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            '→' => '>',
            c if c.is_ascii() || ('\u{a0}'..='\u{ff}').contains(&c) => c,
            _ => '?',
        })
        .collect()
}

struct Writer {
    doc: PdfDocumentReference,
    layer: PdfLayerReference,
    regular: IndirectFontRef,
    bold: IndirectFontRef,
    y: f32,
}

impl Writer {
    fn page(&mut self) {
        let (page, layer) = self.doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "forms");
        self.layer = self.doc.get_page(page).get_layer(layer);
        self.y = PAGE_H - MARGIN;
    }

    fn text(&mut self, s: &str, size: f32, bold: bool, indent: f32) {
        let step = size * 0.45;
        if self.y - step < MARGIN {
            self.page();
        }
        let font = if bold { &self.bold } else { &self.regular };
        self.layer
            .use_text(printable(s), size, Mm(MARGIN + indent), Mm(self.y), font);
        self.y -= step;
    }

    fn form(&mut self, f: &RenderedForm, urn: &str) {
        self.text(&format!("{}    URN {urn}", f.title), 14.0, true, 0.0);
        self.y -= 2.0;
        for s in &f.sections {
            self.text(&s.heading, 11.0, true, 0.0);
            for l in &s.lines {
                if !l.label.is_empty() {
                    self.text(&l.label, 9.0, true, 2.0);
                }
                for para in l.value.lines() {
                    for w in textwrap::wrap(para, WRAP) {
                        self.text(&w, 10.0, false, 4.0);
                    }
                }
            }
            self.y -= 2.0;
        }
    }
}

/// The bundle of every form the file's type needs, in form order.
pub fn bundle(content: &CaseFileContent) -> Result<Vec<u8>, ApiError> {
    let (doc, page, layer) = PdfDocument::new(
        format!("Case file {}", content.urn),
        Mm(PAGE_W),
        Mm(PAGE_H),
        "forms",
    );
    let regular = doc
        .add_builtin_font(BuiltinFont::Helvetica)
        .map_err(ApiError::internal)?;
    let bold = doc
        .add_builtin_font(BuiltinFont::HelveticaBold)
        .map_err(ApiError::internal)?;
    let layer = doc.get_page(page).get_layer(layer);
    let mut w = Writer {
        doc,
        layer,
        regular,
        bold,
        y: PAGE_H - MARGIN,
    };
    for (i, kind) in documents_for(content.file_type).iter().enumerate() {
        if i > 0 {
            w.page();
        }
        w.form(&render(content, *kind), &content.urn);
    }
    w.doc.save_to_bytes().map_err(ApiError::internal)
}
