DELETE FROM links WHERE reason LIKE 'intel_subject%';
DELETE FROM link_reasons WHERE code LIKE 'intel_subject%';
DROP TABLE grading_map;
DROP TABLE intel_reports;
DROP TABLE intel_sources;
