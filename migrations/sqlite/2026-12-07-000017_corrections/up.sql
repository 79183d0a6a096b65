-- Corrections asked of the force that owns an index record: by another force that sees it, or by the
-- owner's staff for the data subject (rectification). Each is decided by the owner, with its reason;
-- none is deleted, so a refused correction stays listed with the record.
CREATE TABLE correction_requests (
    id TEXT PRIMARY KEY NOT NULL,
    record_kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    owner_force TEXT NOT NULL REFERENCES forces(code),
    source TEXT NOT NULL CHECK (source IN ('partner_force', 'data_subject')),
    requested_by TEXT NOT NULL REFERENCES users(id),
    requested_by_force TEXT NOT NULL REFERENCES forces(code),
    requested_at TIMESTAMP NOT NULL,
    field TEXT NOT NULL,
    current_value TEXT NOT NULL,
    proposed_value TEXT NOT NULL,
    reason TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'refused')),
    decided_by TEXT NULL REFERENCES users(id),
    decided_at TIMESTAMP NULL,
    decision_reason TEXT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX correction_requests_owner ON correction_requests(owner_force, state, requested_at);
CREATE INDEX correction_requests_requester ON correction_requests(requested_by_force, requested_at);
CREATE INDEX correction_requests_record ON correction_requests(record_id);
