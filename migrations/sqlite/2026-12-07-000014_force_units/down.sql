ALTER TABLE users DROP COLUMN unit_id;
DROP TABLE force_units;
