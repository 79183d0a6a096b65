-- Versioned reference lists (docs/reference-data.md): the edition in force of each list, every edition
-- ever applied, and on each value its attributes and (for a force-local value) its force. Values are
-- never deleted: a value left out of a newer edition is retired (active = FALSE) and stays readable.
CREATE TABLE reference_lists (
    name TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    version TEXT NOT NULL,
    force_local BOOLEAN NOT NULL DEFAULT FALSE,
    applied_at TIMESTAMP NOT NULL,
    revision BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE reference_list_editions (
    list TEXT NOT NULL REFERENCES reference_lists(name),
    version TEXT NOT NULL,
    source TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    applied_at TIMESTAMP NOT NULL,
    applied_by TEXT NULL REFERENCES users(id),
    added INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    retired INTEGER NOT NULL,
    PRIMARY KEY (list, version)
);

ALTER TABLE reference_codes ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE reference_codes ADD COLUMN force_code TEXT NULL;
ALTER TABLE offences ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0;
ALTER TABLE link_reasons ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0;
