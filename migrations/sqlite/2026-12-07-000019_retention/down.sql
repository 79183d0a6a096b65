DROP TABLE job_leases;
DROP TABLE retention_decisions;
DROP TABLE retention_assessments;
