ALTER TABLE users DROP COLUMN sso_subject;
ALTER TABLE users DROP COLUMN sso_issuer;
DROP TABLE sso_sign_ins;
DROP TABLE identity_providers;
