DROP TABLE mfa_policies;
DROP TABLE recovery_codes;
ALTER TABLE sessions DROP COLUMN mfa_enrolment_pending;
ALTER TABLE users DROP COLUMN totp_last_step;
ALTER TABLE users DROP COLUMN totp_enabled_at;
ALTER TABLE users DROP COLUMN totp_pending_secret;
ALTER TABLE users DROP COLUMN totp_secret;
