-- Multi-factor sign-in (TOTP, RFC 6238): a user's authenticator secret (pending until confirmed with
-- a code), the last time step used (a code works once), recovery codes kept hashed, the roles a force
-- requires it of, and sessions opened before enrolment (only the enrolment is open to them).
ALTER TABLE users ADD COLUMN totp_secret TEXT NULL;
ALTER TABLE users ADD COLUMN totp_pending_secret TEXT NULL;
ALTER TABLE users ADD COLUMN totp_enabled_at TIMESTAMP NULL;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NULL;
ALTER TABLE sessions ADD COLUMN mfa_enrolment_pending BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at TIMESTAMP NULL,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE mfa_policies (
    force_code TEXT NOT NULL REFERENCES forces(code),
    role TEXT NOT NULL,
    PRIMARY KEY (force_code, role)
);
