//! The one CSV writer: every CSV the product writes (the audit export today; management information
//! and import reports next) goes through [`CsvExport`], which neutralises cells a spreadsheet would run
//! as a formula (OWASP CSV injection guidance): a cell that begins with `=`, `+`, `-`, `@`, a tab or a
//! carriage return is written with a leading `'`, so it is shown as the text it is.

use crate::error::ApiError;
use std::borrow::Cow;

/// A CSV document being written, header first.
pub struct CsvExport {
    writer: csv::Writer<Vec<u8>>,
}

/// The cell as a spreadsheet may safely open it.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

impl CsvExport {
    /// A document with these column names.
    pub fn new(header: &[&str]) -> Result<Self, ApiError> {
        let mut out = Self {
            writer: csv::Writer::from_writer(Vec::new()),
        };
        out.row(header)?;
        Ok(out)
    }

    /// Appends a row, every cell neutralised.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), ApiError> {
        self.writer
            .write_record(cells.iter().map(|c| neutralise(c.as_ref()).into_owned()))
            .map_err(ApiError::internal)
    }

    /// The document as text.
    pub fn finish(self) -> Result<String, ApiError> {
        let bytes = self
            .writer
            .into_inner()
            .map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?;
        String::from_utf8(bytes).map_err(ApiError::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised_and_others_kept() {
        for bad in [
            "=HYPERLINK(\"http://evil.example/x\",\"click\")",
            "+1",
            "-1+2",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralise(bad), format!("'{bad}"), "{bad:?}");
        }
        for good in ["", "a=b", "Smith", "1-2", " =x", "'=x", "ns.okafor"] {
            assert_eq!(neutralise(good), good, "{good:?}");
        }
    }

    #[test]
    fn a_document_quotes_and_neutralises() {
        let mut doc = CsvExport::new(&["a", "b"]).expect("header");
        doc.row(&["=1+1", "x,y"]).expect("row");
        assert_eq!(doc.finish().expect("text"), "a,b\n'=1+1,\"x,y\"\n");
    }
}
