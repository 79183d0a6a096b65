ALTER TABLE users DROP COLUMN partner_organisation_id;
DROP TABLE partner_organisations;
