-- Intelligence: the protected source register, graded reports (3x5x2), and the mapping from the legacy
-- 5x5x5 grading (reference data: a force corrects it without a release).

CREATE TABLE intel_sources (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    reference TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    details TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE intel_reports (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    reference TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('submitted', 'in_evaluation', 'returned', 'disseminated', 'archived')),
    restricted BOOLEAN NOT NULL DEFAULT TRUE,
    original_text TEXT NOT NULL,
    sanitised_text TEXT NULL,
    obtained_at TIMESTAMP NOT NULL,
    obtained_where TEXT NOT NULL,
    source_id TEXT NULL REFERENCES intel_sources(id),
    priority TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
    source_evaluation TEXT NULL CHECK (source_evaluation IN ('1', '2', '3')),
    assessment TEXT NULL CHECK (assessment IN ('A', 'B', 'C', 'D', 'E')),
    handling TEXT NULL CHECK (handling IN ('P', 'C')),
    handling_conditions TEXT NULL,
    review_date DATE NULL,
    legacy_reference TEXT NULL,
    legacy_grading TEXT NULL,
    questions TEXT NULL,
    answers TEXT NULL,
    evaluated_by TEXT NULL REFERENCES users(id),
    disseminated_at TIMESTAMP NULL,
    state_since TIMESTAMP NOT NULL,
    created_by TEXT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    -- Handling code C always carries its conditions.
    CHECK (handling IS NULL OR handling = 'P' OR handling_conditions IS NOT NULL)
);
CREATE INDEX intel_reports_queue ON intel_reports(force_code, state, created_at);
CREATE INDEX intel_reports_source ON intel_reports(source_id);

CREATE TABLE grading_map (
    dimension TEXT NOT NULL CHECK (dimension IN ('source', 'intelligence', 'handling')),
    legacy_code TEXT NOT NULL,
    mapped_code TEXT NOT NULL,
    conditions TEXT NULL,
    PRIMARY KEY (dimension, legacy_code)
);

INSERT INTO link_reasons (code, label, inverse_label, from_kind, to_kind, active) VALUES ('intel_subject', 'Subject', 'Subject of intelligence', 'event', 'person', TRUE);
INSERT INTO link_reasons (code, label, inverse_label, from_kind, to_kind, active) VALUES ('intel_subject_organisation', 'Subject', 'Subject of intelligence', 'event', 'organisation', TRUE);
INSERT INTO link_reasons (code, label, inverse_label, from_kind, to_kind, active) VALUES ('intel_subject_object', 'Subject', 'Subject of intelligence', 'event', 'object', TRUE);
INSERT INTO link_reasons (code, label, inverse_label, from_kind, to_kind, active) VALUES ('intel_subject_location', 'Subject', 'Subject of intelligence', 'event', 'location', TRUE);

-- 5x5x5 → 3x5x2 (indicative: check against the force's transition guidance).
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('source', 'A', '1', NULL);
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('source', 'B', '1', NULL);
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('source', 'C', '2', NULL);
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('source', 'D', '3', NULL);
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('source', 'E', '2', NULL);
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('intelligence', '1', 'A', NULL);
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('intelligence', '2', 'A', NULL);
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('intelligence', '3', 'B', NULL);
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('intelligence', '4', 'C', NULL);
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('intelligence', '5', 'E', NULL);
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('handling', '1', 'P', NULL);
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('handling', '2', 'P', NULL);
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('handling', '3', 'C', 'Legacy handling code 3: not to be shared outside UK law enforcement without the originator''s consent');
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('handling', '4', 'C', 'Legacy handling code 4: not to be disseminated outside the originating force');
INSERT INTO grading_map (dimension, legacy_code, mapped_code, conditions) VALUES ('handling', '5', 'C', 'Legacy handling code 5: special handling, consult the originating intelligence unit before any use');
