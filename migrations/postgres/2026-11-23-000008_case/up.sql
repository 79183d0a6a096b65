-- Case: witness statements and the unused-material register kept on the crime, and prosecution case
-- files built from them. A file's content is drawn from the records when it is read; what is stored
-- on the file is only what officers write on it (versioned documents), what was sent to the CPS
-- (each submission's content, as sent) and the CPS's decisions.

-- Offences the Director's Guidance says the CPS decides whatever the plea, with the reason.
ALTER TABLE offences ADD COLUMN cps_referral TEXT NULL;
UPDATE offences SET cps_referral = 'assaults occasioning actual bodily harm or worse are CPS decisions' WHERE code IN ('abh', 'gbh_intent');
UPDATE offences SET cps_referral = 'harassment and stalking are CPS decisions' WHERE code IN ('harassment', 'stalking_fear');
UPDATE offences SET cps_referral = 'controlling or coercive behaviour is domestic abuse: a CPS decision' WHERE code = 'coercive_control';
UPDATE offences SET cps_referral = 'cases involving a death are CPS decisions' WHERE code = 'murder';

CREATE TABLE statements (
    id TEXT PRIMARY KEY NOT NULL,
    crime_id TEXT NOT NULL REFERENCES crimes(id),
    -- The force of the officer who took it (another force may add where sharing allows).
    force_code TEXT NOT NULL REFERENCES forces(code),
    witness_person_id TEXT NULL,
    witness_name TEXT NOT NULL,
    officer_witness BOOLEAN NOT NULL,
    occupation TEXT NOT NULL,
    over_18 BOOLEAN NOT NULL,
    text TEXT NOT NULL,
    personal_statement BOOLEAN NOT NULL,
    made_at TIMESTAMP NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL,
    CHECK (officer_witness = (witness_person_id IS NULL))
);
CREATE INDEX statements_crime ON statements(crime_id, made_at);

CREATE TABLE unused_material (
    id TEXT PRIMARY KEY NOT NULL,
    crime_id TEXT NOT NULL REFERENCES crimes(id),
    number BIGINT NOT NULL,
    description TEXT NOT NULL,
    location TEXT NOT NULL,
    sensitive BOOLEAN NOT NULL,
    sensitivity_reason TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL,
    UNIQUE (crime_id, number),
    CHECK (sensitive OR sensitivity_reason = '')
);

CREATE TABLE case_files (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    urn TEXT NOT NULL UNIQUE,
    crime_id TEXT NOT NULL REFERENCES crimes(id),
    file_type TEXT NOT NULL CHECK (file_type IN ('pre_charge', 'gap', 'ngap', 'upgrade')),
    state TEXT NOT NULL CHECK (state IN ('building', 'submitted', 'returned', 'charged', 'accepted')),
    -- Offence codes the CPS decided to charge (JSON array; empty until it does).
    cps_charges TEXT NOT NULL DEFAULT '[]',
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX case_files_crime ON case_files(crime_id);
CREATE INDEX case_files_state ON case_files(state, updated_at);

-- Written documents: every save is a new row; a certified row is never changed.
CREATE TABLE case_documents (
    id TEXT PRIMARY KEY NOT NULL,
    case_file_id TEXT NOT NULL REFERENCES case_files(id),
    kind TEXT NOT NULL CHECK (kind IN ('mg3', 'mg5', 'mg6', 'mg6c', 'mg6d', 'mg15')),
    version BIGINT NOT NULL,
    content TEXT NOT NULL,
    written_by TEXT NOT NULL REFERENCES users(id),
    written_at TIMESTAMP NOT NULL,
    certified_by TEXT NULL REFERENCES users(id),
    certified_at TIMESTAMP NULL,
    UNIQUE (case_file_id, kind, version),
    CHECK ((certified_by IS NULL) = (certified_at IS NULL))
);

CREATE TABLE case_submissions (
    id TEXT PRIMARY KEY NOT NULL,
    case_file_id TEXT NOT NULL REFERENCES case_files(id),
    number BIGINT NOT NULL,
    file_type TEXT NOT NULL,
    -- The structured file exactly as sent (JSON).
    content TEXT NOT NULL,
    submitted_by TEXT NOT NULL REFERENCES users(id),
    submitted_at TIMESTAMP NOT NULL,
    UNIQUE (case_file_id, number)
);

CREATE TABLE case_decisions (
    id TEXT PRIMARY KEY NOT NULL,
    case_file_id TEXT NOT NULL REFERENCES case_files(id),
    submission BIGINT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('accept', 'charge', 'return')),
    -- JSON: the charges decided and the action plan.
    charges TEXT NOT NULL,
    actions TEXT NOT NULL,
    comments TEXT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users(id),
    decided_at TIMESTAMP NOT NULL,
    -- One decision per submission, whatever the code does.
    UNIQUE (case_file_id, submission)
);
