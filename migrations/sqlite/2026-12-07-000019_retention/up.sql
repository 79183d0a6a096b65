-- MoPI retention: each record's assessment (the group the rules give and why, a reviewer's override
-- with its justification, when it is due for review), kept up to date by the retention job, and every
-- review decision (none is deleted).
CREATE TABLE retention_assessments (
    record_id TEXT PRIMARY KEY NOT NULL,
    record_kind TEXT NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    derived_group TEXT NOT NULL,
    seriousness TEXT NOT NULL,
    derived_reason TEXT NOT NULL,
    override_group TEXT NULL,
    override_justification TEXT NULL,
    overridden_by TEXT NULL REFERENCES users(id),
    overridden_at TIMESTAMP NULL,
    review_due DATE NOT NULL,
    review_reason TEXT NOT NULL,
    assessed_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX retention_assessments_queue ON retention_assessments(force_code, review_due, record_id);

CREATE TABLE retention_decisions (
    id TEXT PRIMARY KEY NOT NULL,
    record_id TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    outcome TEXT NOT NULL CHECK (outcome IN ('retain')),
    nrac TEXT NOT NULL,
    justification TEXT NOT NULL,
    next_review_on DATE NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users(id),
    decided_at TIMESTAMP NOT NULL
);
CREATE INDEX retention_decisions_record ON retention_decisions(record_id, decided_at);

-- One row a background job: a run takes the lease (an UPDATE that succeeds only when no other run
-- holds it), so two runs at once never both work.
CREATE TABLE job_leases (
    name TEXT PRIMARY KEY NOT NULL,
    holder TEXT NULL,
    held_until TIMESTAMP NULL,
    last_finished_at TIMESTAMP NULL
);
INSERT INTO job_leases (name) VALUES ('retention');
