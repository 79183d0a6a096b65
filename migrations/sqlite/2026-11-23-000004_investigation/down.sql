DELETE FROM reference_codes WHERE vocabulary IN ('incident_channel', 'incident_opening', 'incident_qualifier',
    'incident_closing', 'ho_classification', 'hate_strand', 'investigation_unit', 'victim_need', 'enhanced_reason',
    'contact_method', 'update_frequency');
DROP TABLE drafts;
DROP TABLE dash_assessments;
DROP TABLE victim_referrals;
DROP TABLE victim_contacts;
DROP TABLE tasks;
DROP TABLE victims;
DROP TABLE crime_log;
DROP TABLE crime_cancellations;
DROP TABLE crime_classifications;
DROP TABLE exhibit_movements;
DROP TABLE exhibits;
DROP TABLE crime_unknown_suspects;
DROP TABLE crimes;
DROP TABLE incidents;
DROP TABLE reference_sequences;
DROP TABLE bank_holidays;
DROP TABLE victim_update_rules;
DROP TABLE dash_questions;
DROP TABLE outcome_types;
DROP TABLE offences;
