DROP TABLE server_secrets;
DROP TABLE idempotency_keys;
DROP TABLE audit_events;
DROP FUNCTION audit_events_append_only;
DROP TABLE sessions;
DROP TABLE user_roles;
DROP TABLE users;
DROP TABLE forces;
