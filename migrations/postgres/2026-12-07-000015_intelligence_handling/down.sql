ALTER TABLE agreements DROP COLUMN intelligence_handling;
