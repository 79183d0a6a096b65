DELETE FROM name_equivalents;
DELETE FROM link_reasons;
DELETE FROM reference_codes;
