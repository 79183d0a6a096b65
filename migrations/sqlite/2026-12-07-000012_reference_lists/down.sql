ALTER TABLE link_reasons DROP COLUMN sort_order;
ALTER TABLE offences DROP COLUMN sort_order;
ALTER TABLE reference_codes DROP COLUMN force_code;
ALTER TABLE reference_codes DROP COLUMN attributes;
DROP TABLE reference_list_editions;
DROP TABLE reference_lists;
