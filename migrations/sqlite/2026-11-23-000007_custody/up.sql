-- Custody (PACE 1984 and Code C): suites, the booking-in risk questions (reference data), custody
-- records and their append-only entries. Every clock is computed from the entries, never stored as
-- typed; the record row keeps only what the board filters and orders on.

CREATE TABLE custody_suites (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- JSON array of cell names, in the order staff walk them.
    cells TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE custody_risk_questions (
    code TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    level_if_yes INTEGER NOT NULL CHECK (level_if_yes BETWEEN 1 AND 4),
    rousing_if_yes BOOLEAN NOT NULL,
    marker_if_yes TEXT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE custody_records (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    number TEXT NOT NULL UNIQUE,
    suite_id TEXT NOT NULL REFERENCES custody_suites(id),
    cell TEXT NULL,
    person_id TEXT NOT NULL,
    crime_id TEXT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    -- The arrest as given at the desk (JSON: at, place, officer, offences, grounds, necessity).
    arrest TEXT NOT NULL,
    indictable BOOLEAN NOT NULL,
    asn TEXT NOT NULL,
    relevant_time TIMESTAMP NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('authorised', 'refused')),
    decided_at TIMESTAMP NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users(id),
    decision_reason TEXT NOT NULL,
    self_defined_ethnicity TEXT NOT NULL,
    officer_defined_ethnicity TEXT NOT NULL,
    nationality TEXT NOT NULL,
    released_at TIMESTAMP NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK ((state = 'open') = (released_at IS NULL))
);
-- One open custody record per person, whatever the code does.
CREATE UNIQUE INDEX custody_records_one_open ON custody_records(person_id) WHERE state = 'open';
-- The board: a suite's open records.
CREATE INDEX custody_records_suite_open ON custody_records(suite_id) WHERE state = 'open';
CREATE INDEX custody_records_person ON custody_records(person_id, created_at);

CREATE TABLE custody_entries (
    id TEXT PRIMARY KEY NOT NULL,
    record_id TEXT NOT NULL REFERENCES custody_records(id),
    kind TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    -- The entry as recorded (JSON, tagged by kind).
    data TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX custody_entries_record ON custody_entries(record_id, kind, at);

INSERT INTO link_reasons (code, label, inverse_label, from_kind, to_kind, active) VALUES ('custody_detainee', 'Detainee', 'Detained (custody record)', 'event', 'person', TRUE);

-- Booking-in risk questions (indicative: a force replaces them with its own as data).
INSERT INTO custody_risk_questions (code, position, text, level_if_yes, rousing_if_yes, marker_if_yes) VALUES ('injury_illness', 1, 'Do you have any illness or injury?', 1, FALSE, 'Illness or injury');
INSERT INTO custody_risk_questions (code, position, text, level_if_yes, rousing_if_yes, marker_if_yes) VALUES ('medication', 2, 'Are you taking or should you be taking any medication?', 1, FALSE, 'Medication');
INSERT INTO custody_risk_questions (code, position, text, level_if_yes, rousing_if_yes, marker_if_yes) VALUES ('mental_health', 3, 'Do you have any mental health condition, or have you seen a doctor or mental health team about one?', 2, FALSE, 'Mental health');
INSERT INTO custody_risk_questions (code, position, text, level_if_yes, rousing_if_yes, marker_if_yes) VALUES ('self_harm_history', 4, 'Have you ever tried to harm yourself?', 2, FALSE, 'Self-harm history');
INSERT INTO custody_risk_questions (code, position, text, level_if_yes, rousing_if_yes, marker_if_yes) VALUES ('suicidal_now', 5, 'Are you feeling like harming yourself now?', 3, FALSE, 'Suicide / self-harm risk');
INSERT INTO custody_risk_questions (code, position, text, level_if_yes, rousing_if_yes, marker_if_yes) VALUES ('intoxicated', 6, 'Is the detainee under the influence of drink or drugs (officer''s assessment)?', 2, TRUE, 'Intoxicated');
INSERT INTO custody_risk_questions (code, position, text, level_if_yes, rousing_if_yes, marker_if_yes) VALUES ('head_injury', 7, 'Is there any sign of a head injury?', 2, TRUE, 'Head injury');
INSERT INTO custody_risk_questions (code, position, text, level_if_yes, rousing_if_yes, marker_if_yes) VALUES ('vulnerable', 8, 'Is the detainee a juvenile or vulnerable adult needing an appropriate adult?', 1, FALSE, 'Needs appropriate adult');
