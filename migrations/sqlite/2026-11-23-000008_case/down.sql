DROP TABLE case_decisions;
DROP TABLE case_submissions;
DROP TABLE case_documents;
DROP TABLE case_files;
DROP TABLE unused_material;
DROP TABLE statements;
ALTER TABLE offences DROP COLUMN cps_referral;
