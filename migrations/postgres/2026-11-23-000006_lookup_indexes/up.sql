-- Indexes for lookups that otherwise read whole tables.
-- Replacing an object's search keys deletes them by object: without this index each delete read the
-- whole table (400,000 rows at the 1M-person scale, 30-60 ms per object; see docs/performance.md).
CREATE INDEX object_keys_object ON object_keys(object_id);
-- Victims' Code deadline tasks are found by victim and event.
CREATE INDEX tasks_victim ON tasks(victim_id, update_event);
-- The my-work inbox: a user's draft crimes, undecided incidents and returned intelligence.
CREATE INDEX crimes_created_by ON crimes(created_by, state);
CREATE INDEX incidents_created_by ON incidents(created_by, decided_at);
CREATE INDEX intel_reports_created_by ON intel_reports(created_by, state);
