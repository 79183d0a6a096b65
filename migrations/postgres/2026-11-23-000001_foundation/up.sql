-- Foundation: forces, users and roles, sessions, the append-only audit log, idempotency keys, secrets.
CREATE TABLE forces (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    collar_number TEXT NOT NULL,
    rank TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'officer' CHECK (kind IN ('officer', 'partner')),
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (force_code, collar_number)
);
CREATE INDEX users_force ON users(force_code, display_name);

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    refresh_token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    last_active_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP NULL,
    user_agent TEXT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    actor_user_id TEXT NULL,
    actor_username TEXT NULL,
    actor_force_code TEXT NULL,
    action TEXT NOT NULL,
    record_kind TEXT NULL,
    record_id TEXT NULL,
    request_id TEXT NULL,
    purpose TEXT NULL,
    detail TEXT NULL
);
CREATE INDEX audit_events_record ON audit_events(record_kind, record_id, id);
CREATE INDEX audit_events_actor ON audit_events(actor_user_id, id);
CREATE INDEX audit_events_force ON audit_events(actor_force_code, id);

-- The audit log is append-only: nothing, not even a bug in the application, may change or remove it.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);

CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
