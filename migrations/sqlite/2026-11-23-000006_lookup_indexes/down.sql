DROP INDEX intel_reports_created_by;
DROP INDEX incidents_created_by;
DROP INDEX crimes_created_by;
DROP INDEX tasks_victim;
DROP INDEX object_keys_object;
