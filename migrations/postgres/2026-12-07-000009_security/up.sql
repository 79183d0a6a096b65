-- Security: refresh tokens already spent, so that presenting one again (a stolen copy, or the
-- client's own after theft) is recognised and ends the whole session (OAuth 2.0 Security BCP,
-- refresh token rotation). A row goes with its session.
CREATE TABLE spent_refresh_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    spent_at TIMESTAMP NOT NULL
);
CREATE INDEX spent_refresh_tokens_session ON spent_refresh_tokens(session_id);

-- Warning markers are never deleted: each says which force set it, and the owning force ends one with a
-- reason, after which it stays on the person as history.
ALTER TABLE person_markers ADD COLUMN set_by_force TEXT NULL;
ALTER TABLE person_markers ADD COLUMN ended_on DATE NULL;
ALTER TABLE person_markers ADD COLUMN ended_reason TEXT NULL;
ALTER TABLE person_markers ADD COLUMN ended_by_force TEXT NULL;
