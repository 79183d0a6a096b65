-- A force's structure: police stations, and the teams and units that work from them; users belong to one.
CREATE TABLE force_units (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('station', 'team', 'unit')),
    station_id TEXT NULL REFERENCES force_units(id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX force_units_force ON force_units(force_code);
ALTER TABLE users ADD COLUMN unit_id TEXT NULL;
