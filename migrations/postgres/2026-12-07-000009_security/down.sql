ALTER TABLE person_markers DROP COLUMN ended_by_force;
ALTER TABLE person_markers DROP COLUMN ended_reason;
ALTER TABLE person_markers DROP COLUMN ended_on;
ALTER TABLE person_markers DROP COLUMN set_by_force;
DROP TABLE spent_refresh_tokens;
