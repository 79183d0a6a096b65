-- Administration: forces carry their PNC force code; sharing agreements have a life (proposed by the
-- owning force, accepted by the partner, suspended or ended by either) and a history; custody suites
-- name their station and carry a version for safe edits.
ALTER TABLE forces ADD COLUMN pnc_code TEXT NULL;
CREATE UNIQUE INDEX forces_pnc_code ON forces(pnc_code);

CREATE TABLE agreements (
    id TEXT PRIMARY KEY NOT NULL,
    owner_force TEXT NOT NULL REFERENCES forces(code),
    partner_force TEXT NOT NULL REFERENCES forces(code),
    -- JSON array of scope names: index, crimes, intelligence.
    scopes TEXT NOT NULL,
    access TEXT NOT NULL CHECK (access IN ('read', 'read_and_link')),
    starts_on DATE NOT NULL,
    ends_on DATE NULL,
    purpose TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('proposed', 'active', 'suspended', 'ended', 'declined')),
    suspended_by TEXT NULL CHECK (suspended_by IN ('owner', 'partner')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK (owner_force <> partner_force)
);
CREATE INDEX agreements_partner ON agreements(partner_force, state);
CREATE INDEX agreements_owner ON agreements(owner_force, state);

CREATE TABLE agreement_events (
    id TEXT PRIMARY KEY NOT NULL,
    agreement_id TEXT NOT NULL REFERENCES agreements(id),
    at TIMESTAMP NOT NULL,
    action TEXT NOT NULL,
    by_force TEXT NOT NULL,
    by_user_id TEXT NOT NULL,
    by_user_name TEXT NOT NULL,
    reason TEXT NULL
);
CREATE INDEX agreement_events_agreement ON agreement_events(agreement_id, at);

-- The old table said only who sees what: each pair of forces becomes one agreement in force, with the
-- kinds it opened.
INSERT INTO agreements (id, owner_force, partner_force, scopes, access, starts_on, ends_on, purpose, state,
                        suspended_by, created_at, updated_at, version)
SELECT gen_random_uuid()::text,
       owner_force, viewer_force, '["index","crimes","intelligence"]',
       CASE WHEN can_add THEN 'read_and_link' ELSE 'read' END,
       CURRENT_DATE, NULL, 'Carried over from the sharing table (migration 000010)', 'active', NULL,
       LOCALTIMESTAMP, LOCALTIMESTAMP, 1
FROM (SELECT owner_force, viewer_force, bool_or(can_add) AS can_add
      FROM sharing_agreements WHERE can_view GROUP BY owner_force, viewer_force) AS pairs;
INSERT INTO agreement_events (id, agreement_id, at, action, by_force, by_user_id, by_user_name, reason)
SELECT gen_random_uuid()::text, id, LOCALTIMESTAMP, 'accept', owner_force, 'migration', 'Migration 000010', NULL FROM agreements;
DROP TABLE sharing_agreements;

ALTER TABLE custody_suites ADD COLUMN station TEXT NULL;
ALTER TABLE custody_suites ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
