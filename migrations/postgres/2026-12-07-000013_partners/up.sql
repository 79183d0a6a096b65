-- Partner organisations (the prosecutor, victim services, safeguarding hubs, youth offending teams),
-- registered and managed by a force; partner accounts name the organisation they belong to.
CREATE TABLE partner_organisations (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('prosecutor', 'victim_services', 'safeguarding_hub', 'youth_offending_team')),
    force_code TEXT NOT NULL REFERENCES forces(code),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
ALTER TABLE users ADD COLUMN partner_organisation_id TEXT NULL;
