-- Notes on a person, added by any force that may add to the person (each says which force and who
-- wrote it). A note is never edited or deleted; it moves with the person on a merge and back on an
-- unmerge, like the person's other rows.
CREATE TABLE person_notes (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    force_code TEXT NOT NULL REFERENCES forces(code),
    author_id TEXT NOT NULL REFERENCES users(id),
    text TEXT NOT NULL,
    written_at TIMESTAMP NOT NULL
);
CREATE INDEX person_notes_person ON person_notes(person_id, written_at);
