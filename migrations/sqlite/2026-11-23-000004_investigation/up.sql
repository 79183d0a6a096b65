-- Investigation: incidents, crimes and their workflow, attachments, victims' care, tasks and drafts;
-- with the reference data they need (offences, outcome types, DASH questions, Victims' Code deadline
-- rules, the bank-holiday calendar). Forces can change reference rows without a release.

CREATE TABLE offences (
    code TEXT PRIMARY KEY NOT NULL,
    label TEXT NOT NULL,
    legislation TEXT NOT NULL,
    classification TEXT NOT NULL,
    mode_of_trial TEXT NOT NULL CHECK (mode_of_trial IN ('summary', 'either_way', 'indictable')),
    active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE outcome_types (
    code TEXT PRIMARY KEY NOT NULL,
    label TEXT NOT NULL,
    requires_suspect BOOLEAN NOT NULL,
    sort_order INTEGER NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE dash_questions (
    number INTEGER PRIMARY KEY NOT NULL,
    text TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

-- Victims' Code: tell a (non-)enhanced victim of an event within so many working days.
CREATE TABLE victim_update_rules (
    event TEXT NOT NULL,
    enhanced BOOLEAN NOT NULL,
    working_days INTEGER NOT NULL CHECK (working_days >= 0),
    PRIMARY KEY (event, enhanced)
);

CREATE TABLE bank_holidays (
    day DATE PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);

-- Reference numbers per force, kind and year: incremented in the writing transaction, never reused.
CREATE TABLE reference_sequences (
    force_code TEXT NOT NULL REFERENCES forces(code),
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_value BIGINT NOT NULL,
    PRIMARY KEY (force_code, kind, year)
);

CREATE TABLE incidents (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    reference TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    opening_category TEXT NOT NULL,
    qualifiers TEXT NOT NULL,
    summary TEXT NOT NULL,
    reported_at TIMESTAMP NOT NULL,
    location_id TEXT NULL REFERENCES locations(id),
    closing_category TEXT NULL,
    decision TEXT NULL CHECK (decision IN ('crime_recorded', 'no_crime')),
    decided_at TIMESTAMP NULL,
    no_crime_rationale TEXT NULL,
    crime_id TEXT NULL,
    created_by TEXT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX incidents_undecided ON incidents(force_code, decided_at, reported_at);

CREATE TABLE crimes (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    restricted BOOLEAN NOT NULL DEFAULT FALSE,
    crn TEXT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('draft', 'recorded', 'allocated', 'under_investigation',
        'awaiting_review', 'finalised', 'reopened', 'cancelled')),
    incident_id TEXT NULL REFERENCES incidents(id),
    classification TEXT NULL,
    offence TEXT NULL REFERENCES offences(code),
    offence_from TIMESTAMP NULL,
    offence_to TIMESTAMP NULL,
    location_id TEXT NULL REFERENCES locations(id),
    modus_operandi TEXT NOT NULL,
    hate_strands TEXT NOT NULL,
    domestic_abuse BOOLEAN NOT NULL DEFAULT FALSE,
    reported_at TIMESTAMP NOT NULL,
    recorded_at TIMESTAMP NULL,
    officer_in_charge TEXT NULL REFERENCES users(id),
    unit TEXT NULL,
    proposed_outcome TEXT NULL,
    outcome TEXT NULL REFERENCES outcome_types(code),
    finalised_at TIMESTAMP NULL,
    returned_comments TEXT NULL,
    state_since TIMESTAMP NOT NULL,
    created_by TEXT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX crimes_queue ON crimes(force_code, state, state_since);
CREATE INDEX crimes_oic ON crimes(officer_in_charge, state);
CREATE INDEX crimes_unit ON crimes(force_code, unit, state);
CREATE INDEX crimes_incident ON crimes(incident_id);

CREATE TABLE crime_unknown_suspects (
    id TEXT PRIMARY KEY NOT NULL,
    crime_id TEXT NOT NULL REFERENCES crimes(id),
    description TEXT NOT NULL,
    created_by TEXT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX crime_unknown_suspects_crime ON crime_unknown_suspects(crime_id);

CREATE TABLE exhibits (
    id TEXT PRIMARY KEY NOT NULL,
    crime_id TEXT NOT NULL REFERENCES crimes(id),
    object_id TEXT NOT NULL REFERENCES objects(id),
    reference TEXT NOT NULL,
    seized_by TEXT NOT NULL,
    seized_at TIMESTAMP NOT NULL,
    seized_from TEXT NOT NULL,
    storage TEXT NOT NULL,
    created_by TEXT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (crime_id, reference)
);

CREATE TABLE exhibit_movements (
    id TEXT PRIMARY KEY NOT NULL,
    exhibit_id TEXT NOT NULL REFERENCES exhibits(id),
    to_place TEXT NOT NULL,
    reason TEXT NOT NULL,
    moved_by TEXT NOT NULL REFERENCES users(id),
    moved_at TIMESTAMP NOT NULL
);
CREATE INDEX exhibit_movements_exhibit ON exhibit_movements(exhibit_id);

CREATE TABLE crime_classifications (
    id TEXT PRIMARY KEY NOT NULL,
    crime_id TEXT NOT NULL REFERENCES crimes(id),
    classification TEXT NOT NULL,
    offence TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_by TEXT NOT NULL REFERENCES users(id),
    changed_at TIMESTAMP NOT NULL
);
CREATE INDEX crime_classifications_crime ON crime_classifications(crime_id);

CREATE TABLE crime_cancellations (
    id TEXT PRIMARY KEY NOT NULL,
    crime_id TEXT NOT NULL REFERENCES crimes(id),
    force_code TEXT NOT NULL REFERENCES forces(code),
    reason TEXT NOT NULL,
    additional_information TEXT NOT NULL,
    requested_by TEXT NOT NULL REFERENCES users(id),
    requested_at TIMESTAMP NOT NULL,
    approved BOOLEAN NULL,
    comment TEXT NULL,
    decided_by TEXT NULL REFERENCES users(id),
    decided_at TIMESTAMP NULL
);
-- One pending cancellation per crime.
CREATE UNIQUE INDEX crime_cancellations_pending ON crime_cancellations(crime_id) WHERE approved IS NULL;
CREATE INDEX crime_cancellations_force ON crime_cancellations(force_code, approved);

CREATE TABLE crime_log (
    id TEXT PRIMARY KEY NOT NULL,
    crime_id TEXT NOT NULL REFERENCES crimes(id),
    kind TEXT NOT NULL CHECK (kind IN ('plan', 'log')),
    text TEXT NOT NULL,
    written_by TEXT NOT NULL REFERENCES users(id),
    written_at TIMESTAMP NOT NULL
);
CREATE INDEX crime_log_crime ON crime_log(crime_id);

CREATE TABLE victims (
    id TEXT PRIMARY KEY NOT NULL,
    crime_id TEXT NOT NULL REFERENCES crimes(id),
    party_kind TEXT NOT NULL,
    party_id TEXT NOT NULL,
    care TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (crime_id, party_id)
);

CREATE TABLE tasks (
    id TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    crime_id TEXT NOT NULL REFERENCES crimes(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    details TEXT NOT NULL,
    assignee TEXT NULL REFERENCES users(id),
    due_at TIMESTAMP NULL,
    completed_at TIMESTAMP NULL,
    result TEXT NULL,
    victim_id TEXT NULL REFERENCES victims(id),
    update_event TEXT NULL,
    created_by TEXT NULL,
    created_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX tasks_assignee ON tasks(assignee, completed_at);
CREATE INDEX tasks_crime ON tasks(crime_id);

CREATE TABLE victim_contacts (
    id TEXT PRIMARY KEY NOT NULL,
    victim_id TEXT NOT NULL REFERENCES victims(id),
    at TIMESTAMP NOT NULL,
    method TEXT NOT NULL,
    summary TEXT NOT NULL,
    update_event TEXT NULL,
    contacted_by TEXT NOT NULL REFERENCES users(id)
);
CREATE INDEX victim_contacts_victim ON victim_contacts(victim_id);

-- Never sent twice for the same victim of the same crime (a victim row is one person on one crime).
CREATE TABLE victim_referrals (
    id TEXT PRIMARY KEY NOT NULL,
    victim_id TEXT NOT NULL UNIQUE REFERENCES victims(id),
    status TEXT NOT NULL,
    payload TEXT NOT NULL,
    sent_by TEXT NOT NULL REFERENCES users(id),
    sent_at TIMESTAMP NOT NULL
);

CREATE TABLE dash_assessments (
    id TEXT PRIMARY KEY NOT NULL,
    victim_id TEXT NOT NULL REFERENCES victims(id),
    answers TEXT NOT NULL,
    score INTEGER NOT NULL,
    scored_level TEXT NOT NULL,
    judgement TEXT NULL,
    judgement_reason TEXT NULL,
    level TEXT NOT NULL,
    marac_task_id TEXT NULL REFERENCES tasks(id),
    assessed_by TEXT NOT NULL REFERENCES users(id),
    assessed_at TIMESTAMP NOT NULL
);
CREATE INDEX dash_assessments_victim ON dash_assessments(victim_id);

CREATE TABLE drafts (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    form TEXT NOT NULL,
    label TEXT NOT NULL,
    data TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX drafts_user ON drafts(user_id, updated_at);

-- Reference data. Home Office classification codes, outcome numbering, the DASH wording and the
-- Victims' Code deadlines are marked unverified in docs (domain brief): they are rows, so a force's
-- crime registrar corrects them without a release. Bank holidays: England and Wales, 2025-2027.
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_channel', 'call_999', '999 call', 0, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_channel', 'call_101', '101 call', 1, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_channel', 'front_counter', 'Front counter', 2, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_channel', 'officer_generated', 'Officer-generated', 3, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_channel', 'online', 'Online report (Single Online Home)', 4, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_channel', 'partner', 'Partner agency', 5, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_channel', 'email', 'E-mail', 6, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_opening', 'crime_violence', 'Crime – violence against the person', 0, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_opening', 'crime_property', 'Crime – property (theft, burglary, damage)', 1, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_opening', 'crime_other', 'Crime – other', 2, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_opening', 'asb_personal', 'Anti-social behaviour – personal', 3, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_opening', 'asb_nuisance', 'Anti-social behaviour – nuisance', 4, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_opening', 'asb_environmental', 'Anti-social behaviour – environmental', 5, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_opening', 'domestic', 'Domestic incident', 6, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_opening', 'concern_for_welfare', 'Concern for welfare', 7, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_opening', 'missing_person', 'Missing person', 8, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_opening', 'road_traffic', 'Road traffic', 9, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_opening', 'suspicious', 'Suspicious circumstances', 10, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_opening', 'public_safety', 'Public safety', 11, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_qualifier', 'domestic', 'Domestic', 0, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_qualifier', 'alcohol', 'Alcohol-related', 1, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_qualifier', 'drugs', 'Drug-related', 2, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_qualifier', 'mental_health', 'Mental health', 3, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_qualifier', 'hate', 'Hate', 4, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_qualifier', 'repeat_victim', 'Repeat victim', 5, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_qualifier', 'vulnerable_victim', 'Vulnerable victim', 6, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_qualifier', 'youth', 'Youth-related', 7, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_qualifier', 'retail', 'Retail / business', 8, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_closing', 'crime_recorded', 'Crime recorded', 0, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_closing', 'no_crime', 'Not a crime in law', 1, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_closing', 'asb', 'Anti-social behaviour', 2, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_closing', 'advice_given', 'Advice given', 3, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_closing', 'no_trace', 'No trace', 4, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_closing', 'duplicate', 'Duplicate report', 5, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_closing', 'transferred', 'Transferred to another force or agency', 6, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('incident_closing', 'non_police', 'Non-police matter', 7, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '1', 'Homicide', 0, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '5D', 'Assault with intent to cause serious harm', 1, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '8N', 'Assault with injury', 2, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '105A', 'Assault without injury', 3, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '8L', 'Harassment', 4, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '8Q', 'Stalking', 5, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '8U', 'Controlling or coercive behaviour', 6, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '9A', 'Public fear, alarm or distress', 7, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '28', 'Burglary – residential', 8, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '30', 'Burglary – business and community', 9, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '34B', 'Robbery of personal property', 10, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '39', 'Theft from the person', 11, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '45', 'Theft from a vehicle', 12, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '46', 'Shoplifting', 13, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '49', 'Other theft', 14, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '58', 'Criminal damage', 15, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '92A', 'Trafficking in controlled drugs', 16, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('ho_classification', '92D', 'Possession of controlled drugs', 17, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('hate_strand', 'race', 'Race or ethnicity', 0, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('hate_strand', 'religion', 'Religion or belief', 1, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('hate_strand', 'sexual_orientation', 'Sexual orientation', 2, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('hate_strand', 'disability', 'Disability', 3, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('hate_strand', 'transgender', 'Transgender identity', 4, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('investigation_unit', 'volume_crime', 'Volume crime investigation team', 0, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('investigation_unit', 'cid', 'Criminal Investigation Department', 1, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('investigation_unit', 'safeguarding', 'Public protection / safeguarding', 2, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('investigation_unit', 'neighbourhood', 'Neighbourhood policing team', 3, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('investigation_unit', 'retail_crime', 'Business and retail crime unit', 4, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('victim_need', 'safety', 'Safety and security', 0, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('victim_need', 'health', 'Health and wellbeing', 1, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('victim_need', 'emotional_support', 'Emotional support', 2, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('victim_need', 'practical_help', 'Practical help', 3, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('victim_need', 'interpreter', 'Interpreter', 4, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('victim_need', 'disability_access', 'Disability or access needs', 5, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('victim_need', 'dependants', 'Children or dependants', 6, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('victim_need', 'financial', 'Financial help', 7, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('enhanced_reason', 'most_serious_crime', 'Victim of the most serious crime', 0, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('enhanced_reason', 'persistently_targeted', 'Persistently targeted', 1, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('enhanced_reason', 'vulnerable', 'Vulnerable', 2, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('enhanced_reason', 'intimidated', 'Intimidated', 3, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('contact_method', 'phone', 'Telephone call', 0, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('contact_method', 'text', 'Text message', 1, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('contact_method', 'email', 'E-mail', 2, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('contact_method', 'letter', 'Letter', 3, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('contact_method', 'visit', 'Visit in person', 4, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('update_frequency', 'milestones', 'At each key stage only', 0, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('update_frequency', 'weekly', 'Weekly', 1, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('update_frequency', 'fortnightly', 'Fortnightly', 2, TRUE);
INSERT INTO reference_codes (vocabulary, code, label, sort_order, active) VALUES ('update_frequency', 'monthly', 'Monthly', 3, TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('theft_shop', 'Theft from a shop or stall', 'Theft Act 1968 s.1', '46', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('theft_person', 'Theft from the person', 'Theft Act 1968 s.1', '39', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('theft_from_vehicle', 'Theft from a motor vehicle', 'Theft Act 1968 s.1', '45', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('theft_other', 'Theft (other)', 'Theft Act 1968 s.1', '49', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('burglary_dwelling', 'Burglary of a dwelling', 'Theft Act 1968 s.9', '28', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('burglary_business', 'Burglary of a building other than a dwelling', 'Theft Act 1968 s.9', '30', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('robbery', 'Robbery', 'Theft Act 1968 s.8', '34B', 'indictable', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('common_assault', 'Common assault', 'Criminal Justice Act 1988 s.39', '105A', 'summary', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('abh', 'Assault occasioning actual bodily harm', 'Offences Against the Person Act 1861 s.47', '8N', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('gbh_intent', 'Wounding or causing grievous bodily harm with intent', 'Offences Against the Person Act 1861 s.18', '5D', 'indictable', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('harassment', 'Harassment', 'Protection from Harassment Act 1997 s.2', '8L', 'summary', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('stalking_fear', 'Stalking involving fear of violence or serious alarm or distress', 'Protection from Harassment Act 1997 s.4A', '8Q', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('coercive_control', 'Controlling or coercive behaviour in an intimate or family relationship', 'Serious Crime Act 2015 s.76', '8U', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('criminal_damage', 'Criminal damage', 'Criminal Damage Act 1971 s.1(1)', '58', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('public_order_4a', 'Intentional harassment, alarm or distress', 'Public Order Act 1986 s.4A', '9A', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('drugs_possession', 'Possession of a controlled drug', 'Misuse of Drugs Act 1971 s.5(2)', '92D', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('drugs_supply', 'Possession of a controlled drug with intent to supply', 'Misuse of Drugs Act 1971 s.5(3)', '92A', 'either_way', TRUE);
INSERT INTO offences (code, label, legislation, classification, mode_of_trial, active) VALUES ('murder', 'Murder', 'Common law', '1', 'indictable', TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('1', 'Charged or summonsed', TRUE, 0, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('2', 'Youth caution', TRUE, 1, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('3', 'Adult caution', TRUE, 2, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('4', 'Taken into consideration', TRUE, 3, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('5', 'Offender died', TRUE, 4, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('6', 'Penalty notice for disorder', TRUE, 5, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('7', 'Cannabis or khat warning', TRUE, 6, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('8', 'Community resolution', TRUE, 7, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('10', 'Formal action not in the public interest (police decision)', TRUE, 8, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('11', 'Prosecution prevented – suspect under age', TRUE, 9, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('12', 'Prosecution prevented – suspect too ill', TRUE, 10, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('13', 'Prosecution prevented – victim or key witness dead or too ill', TRUE, 11, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('14', 'Evidential difficulties: suspect not identified, victim does not support', FALSE, 12, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('15', 'Evidential difficulties: suspect identified, victim supports', TRUE, 13, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('16', 'Evidential difficulties: suspect identified, victim does not support', TRUE, 14, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('18', 'Investigation complete – no suspect identified', FALSE, 15, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('20', 'Action undertaken by another body or agency', FALSE, 16, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('21', 'Further investigation not in the public interest (police decision)', TRUE, 17, TRUE);
INSERT INTO outcome_types (code, label, requires_suspect, sort_order, active) VALUES ('22', 'Diversionary, educational or intervention activity', TRUE, 18, TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (1, 'Has the current incident resulted in injury?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (2, 'Are you very frightened?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (3, 'Are you afraid of further injury or violence?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (4, 'Do you feel isolated from family or friends?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (5, 'Are you feeling depressed or having suicidal thoughts?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (6, 'Have you separated or tried to separate from the abuser within the past year?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (7, 'Is there conflict over child contact?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (8, 'Does the abuser constantly text, call, contact, follow, stalk or harass you?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (9, 'Are you pregnant or have you recently had a baby (within the last 18 months)?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (10, 'Are there any children or step-children who are not the abuser''s in the household?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (11, 'Has the abuser ever hurt the children or dependants?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (12, 'Has the abuser ever threatened to hurt or kill the children or dependants?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (13, 'Is the abuse happening more often?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (14, 'Is the abuse getting worse?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (15, 'Does the abuser try to control everything you do, or are they excessively jealous?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (16, 'Has the abuser ever used weapons or objects to hurt you?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (17, 'Has the abuser ever threatened to kill you or someone else, and you believed them?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (18, 'Has the abuser ever attempted to strangle, choke, suffocate or drown you?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (19, 'Does the abuser do or say things of a sexual nature that make you feel bad or that physically hurt you or someone else?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (20, 'Is there any other person who has threatened you or whom you are afraid of?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (21, 'Do you know if the abuser has hurt anyone else?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (22, 'Has the abuser ever mistreated an animal or the family pet?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (23, 'Are there any financial issues?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (24, 'Has the abuser had problems in the past year with drugs, alcohol or mental health leading to problems in leading a normal life?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (25, 'Has the abuser ever threatened or attempted suicide?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (26, 'Has the abuser ever broken bail, an injunction or a formal agreement about when they can see you or the children?', TRUE);
INSERT INTO dash_questions (number, text, active) VALUES (27, 'Do you know if the abuser has ever been in trouble with the police or has a criminal history?', TRUE);
INSERT INTO victim_update_rules (event, enhanced, working_days) VALUES ('recorded', TRUE, 2);
INSERT INTO victim_update_rules (event, enhanced, working_days) VALUES ('recorded', FALSE, 2);
INSERT INTO victim_update_rules (event, enhanced, working_days) VALUES ('arrest', TRUE, 1);
INSERT INTO victim_update_rules (event, enhanced, working_days) VALUES ('arrest', FALSE, 5);
INSERT INTO victim_update_rules (event, enhanced, working_days) VALUES ('bail', TRUE, 1);
INSERT INTO victim_update_rules (event, enhanced, working_days) VALUES ('bail', FALSE, 5);
INSERT INTO victim_update_rules (event, enhanced, working_days) VALUES ('charge', TRUE, 1);
INSERT INTO victim_update_rules (event, enhanced, working_days) VALUES ('charge', FALSE, 5);
INSERT INTO victim_update_rules (event, enhanced, working_days) VALUES ('no_further_action', TRUE, 1);
INSERT INTO victim_update_rules (event, enhanced, working_days) VALUES ('no_further_action', FALSE, 5);
INSERT INTO victim_update_rules (event, enhanced, working_days) VALUES ('outcome', TRUE, 1);
INSERT INTO victim_update_rules (event, enhanced, working_days) VALUES ('outcome', FALSE, 5);
INSERT INTO bank_holidays (day, name) VALUES ('2025-01-01', 'New Year''s Day');
INSERT INTO bank_holidays (day, name) VALUES ('2025-04-18', 'Good Friday');
INSERT INTO bank_holidays (day, name) VALUES ('2025-04-21', 'Easter Monday');
INSERT INTO bank_holidays (day, name) VALUES ('2025-05-05', 'Early May bank holiday');
INSERT INTO bank_holidays (day, name) VALUES ('2025-05-26', 'Spring bank holiday');
INSERT INTO bank_holidays (day, name) VALUES ('2025-08-25', 'Summer bank holiday');
INSERT INTO bank_holidays (day, name) VALUES ('2025-12-25', 'Christmas Day');
INSERT INTO bank_holidays (day, name) VALUES ('2025-12-26', 'Boxing Day');
INSERT INTO bank_holidays (day, name) VALUES ('2026-01-01', 'New Year''s Day');
INSERT INTO bank_holidays (day, name) VALUES ('2026-04-03', 'Good Friday');
INSERT INTO bank_holidays (day, name) VALUES ('2026-04-06', 'Easter Monday');
INSERT INTO bank_holidays (day, name) VALUES ('2026-05-04', 'Early May bank holiday');
INSERT INTO bank_holidays (day, name) VALUES ('2026-05-25', 'Spring bank holiday');
INSERT INTO bank_holidays (day, name) VALUES ('2026-08-31', 'Summer bank holiday');
INSERT INTO bank_holidays (day, name) VALUES ('2026-12-25', 'Christmas Day');
INSERT INTO bank_holidays (day, name) VALUES ('2026-12-28', 'Boxing Day (substitute day)');
INSERT INTO bank_holidays (day, name) VALUES ('2027-01-01', 'New Year''s Day');
INSERT INTO bank_holidays (day, name) VALUES ('2027-03-26', 'Good Friday');
INSERT INTO bank_holidays (day, name) VALUES ('2027-03-29', 'Easter Monday');
INSERT INTO bank_holidays (day, name) VALUES ('2027-05-03', 'Early May bank holiday');
INSERT INTO bank_holidays (day, name) VALUES ('2027-05-31', 'Spring bank holiday');
INSERT INTO bank_holidays (day, name) VALUES ('2027-08-30', 'Summer bank holiday');
INSERT INTO bank_holidays (day, name) VALUES ('2027-12-27', 'Christmas Day (substitute day)');
INSERT INTO bank_holidays (day, name) VALUES ('2027-12-28', 'Boxing Day (substitute day)');
