-- The shared index: people, organisations, objects, locations, links; reference data; sharing agreements;
-- need-to-know grants; reversible merges. Audit rows gain the owning force of the record they concern.

CREATE TABLE reference_codes (
    vocabulary TEXT NOT NULL,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (vocabulary, code)
);

CREATE TABLE link_reasons (
    code TEXT PRIMARY KEY NOT NULL,
    label TEXT NOT NULL,
    inverse_label TEXT NOT NULL,
    from_kind TEXT NOT NULL,
    to_kind TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

-- Forename equivalents (nicknames) used by name search: Bob -> robert.
CREATE TABLE name_equivalents (
    name TEXT NOT NULL,
    canonical TEXT NOT NULL,
    PRIMARY KEY (name, canonical)
);

-- Which forces see (and may add to) which kinds of records of which other forces.
CREATE TABLE sharing_agreements (
    owner_force TEXT NOT NULL REFERENCES forces(code),
    viewer_force TEXT NOT NULL REFERENCES forces(code),
    record_kind TEXT NOT NULL,
    can_view BOOLEAN NOT NULL DEFAULT TRUE,
    can_add BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (owner_force, viewer_force, record_kind)
);

-- Need-to-know grants on restricted records: a user id or a role, within the owning force.
CREATE TABLE record_grants (
    record_kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    grantee_type TEXT NOT NULL,
    grantee TEXT NOT NULL,
    PRIMARY KEY (record_kind, record_id, grantee_type, grantee)
);

CREATE TABLE people (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    restricted BOOLEAN NOT NULL DEFAULT FALSE,
    display_name TEXT NOT NULL,
    gender TEXT NULL,
    ethnicity TEXT NULL,
    nationality TEXT NULL,
    estimated_age_min INTEGER NULL,
    estimated_age_max INTEGER NULL,
    merged_into TEXT NULL,
    created_by TEXT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX people_force ON people(force_code);

CREATE TABLE person_names (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    forename TEXT NOT NULL,
    middle_names TEXT NOT NULL,
    surname TEXT NOT NULL,
    valid_from DATE NULL,
    valid_to DATE NULL,
    position INTEGER NOT NULL
);
CREATE INDEX person_names_person ON person_names(person_id);

-- Search keys for a name: phonetic surname, surname prefix, phonetic forename (one row per nickname
-- equivalent), so candidates come from indexes on both databases and ranking happens in the server.
CREATE TABLE person_name_keys (
    person_id TEXT NOT NULL REFERENCES people(id),
    name_id TEXT NOT NULL,
    surname_key TEXT NOT NULL,
    surname_prefix TEXT NOT NULL,
    forename_key TEXT NOT NULL,
    -- What ranking needs, so candidates are scored from the index rows alone: the normalised names of
    -- this name and the person's earliest date of birth.
    forename TEXT NOT NULL,
    surname TEXT NOT NULL,
    dob DATE NULL
);
CREATE INDEX person_name_keys_surname ON person_name_keys(surname_key, forename_key);
CREATE INDEX person_name_keys_prefix ON person_name_keys(surname_prefix, forename_key);
CREATE INDEX person_name_keys_person ON person_name_keys(person_id);

CREATE TABLE person_dobs (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    dob DATE NOT NULL
);
CREATE INDEX person_dobs_dob ON person_dobs(dob);
CREATE INDEX person_dobs_person ON person_dobs(person_id);

CREATE TABLE person_identifiers (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    normalized TEXT NOT NULL
);
CREATE INDEX person_identifiers_value ON person_identifiers(normalized);
CREATE INDEX person_identifiers_person ON person_identifiers(person_id);

CREATE TABLE person_contacts (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    normalized TEXT NOT NULL
);
CREATE INDEX person_contacts_value ON person_contacts(normalized);
CREATE INDEX person_contacts_person ON person_contacts(person_id);

CREATE TABLE person_markers (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    code TEXT NOT NULL,
    set_on DATE NOT NULL,
    expires_on DATE NULL,
    notes TEXT NULL
);
CREATE INDEX person_markers_person ON person_markers(person_id);

CREATE TABLE person_vulnerabilities (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    code TEXT NOT NULL,
    noted_on DATE NOT NULL,
    notes TEXT NULL
);
CREATE INDEX person_vulnerabilities_person ON person_vulnerabilities(person_id);

CREATE TABLE person_photos (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    reference TEXT NOT NULL,
    taken_on DATE NULL
);
CREATE INDEX person_photos_person ON person_photos(person_id);

CREATE TABLE organisations (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    restricted BOOLEAN NOT NULL DEFAULT FALSE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    phone TEXT NULL,
    email TEXT NULL,
    created_by TEXT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX organisations_name ON organisations(name_key);

CREATE TABLE objects (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    restricted BOOLEAN NOT NULL DEFAULT FALSE,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    vrm TEXT NULL,
    vin TEXT NULL,
    make TEXT NULL,
    model TEXT NULL,
    colour TEXT NULL,
    phone_number TEXT NULL,
    imei TEXT NULL,
    serial_number TEXT NULL,
    value_pence BIGINT NULL,
    created_by TEXT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

-- Searchable identifiers of objects (normalised VRM, VIN, phone number, IMEI, serial).
CREATE TABLE object_keys (
    object_id TEXT NOT NULL REFERENCES objects(id),
    key TEXT NOT NULL,
    PRIMARY KEY (key, object_id)
);

CREATE TABLE locations (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    restricted BOOLEAN NOT NULL DEFAULT FALSE,
    kind TEXT NOT NULL,
    premises TEXT NOT NULL,
    street TEXT NOT NULL,
    street_key TEXT NOT NULL,
    locality TEXT NOT NULL,
    town TEXT NOT NULL,
    postcode TEXT NOT NULL,
    postcode_key TEXT NOT NULL,
    uprn TEXT NULL,
    latitude DOUBLE PRECISION NULL,
    longitude DOUBLE PRECISION NULL,
    description TEXT NOT NULL,
    created_by TEXT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX locations_postcode ON locations(postcode_key);
CREATE INDEX locations_street ON locations(street_key);

CREATE TABLE links (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    from_kind TEXT NOT NULL,
    from_id TEXT NOT NULL,
    to_kind TEXT NOT NULL,
    to_id TEXT NOT NULL,
    reason TEXT NOT NULL REFERENCES link_reasons(code),
    valid_from DATE NULL,
    valid_to DATE NULL,
    source_kind TEXT NULL,
    source_id TEXT NULL,
    created_by TEXT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX links_from ON links(from_id);
CREATE INDEX links_to ON links(to_id);

CREATE TABLE person_merges (
    id TEXT PRIMARY KEY NOT NULL,
    survivor_id TEXT NOT NULL REFERENCES people(id),
    merged_id TEXT NOT NULL REFERENCES people(id),
    reason TEXT NOT NULL,
    moved TEXT NOT NULL,
    merged_by TEXT NOT NULL,
    merged_at TIMESTAMP NOT NULL,
    unmerged_by TEXT NULL,
    unmerged_at TIMESTAMP NULL
);
CREATE INDEX person_merges_people ON person_merges(survivor_id, merged_id);

ALTER TABLE audit_events ADD COLUMN record_force_code TEXT NULL;
CREATE INDEX audit_events_record_force ON audit_events(record_force_code, id);
