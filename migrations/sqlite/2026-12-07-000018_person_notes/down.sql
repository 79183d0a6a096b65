DROP TABLE person_notes;
