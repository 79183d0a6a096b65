ALTER TABLE custody_suites DROP COLUMN version;
ALTER TABLE custody_suites DROP COLUMN station;
CREATE TABLE sharing_agreements (
    owner_force TEXT NOT NULL REFERENCES forces(code),
    viewer_force TEXT NOT NULL REFERENCES forces(code),
    record_kind TEXT NOT NULL,
    can_view BOOLEAN NOT NULL DEFAULT TRUE,
    can_add BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (owner_force, viewer_force, record_kind)
);
DROP TABLE agreement_events;
DROP TABLE agreements;
DROP INDEX forces_pnc_code;
ALTER TABLE forces DROP COLUMN pnc_code;
