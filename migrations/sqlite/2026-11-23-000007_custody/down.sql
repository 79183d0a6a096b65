DELETE FROM links WHERE reason = 'custody_detainee';
DELETE FROM link_reasons WHERE code = 'custody_detainee';
DROP TABLE custody_entries;
DROP TABLE custody_records;
DROP TABLE custody_risk_questions;
DROP TABLE custody_suites;
