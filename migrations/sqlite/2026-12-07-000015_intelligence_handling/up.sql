-- An agreement sharing intelligence names the 3x5x2 handling codes it shares (P, C, or both, as
-- a comma-separated list); existing agreements share both, as before.
ALTER TABLE agreements ADD COLUMN intelligence_handling TEXT NOT NULL DEFAULT 'P,C';
