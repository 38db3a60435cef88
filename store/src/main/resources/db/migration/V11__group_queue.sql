-- Issue 14: a ring group may queue its callers (answered by the server, hold music, members rung
-- in arrival order). Same rules as V1: runs unchanged on H2 and PostgreSQL.
ALTER TABLE pbx_group ADD COLUMN queue_enabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE pbx_group ADD COLUMN queue_max_wait_seconds INTEGER DEFAULT 120 NOT NULL;
ALTER TABLE pbx_group ADD COLUMN queue_max_callers INTEGER DEFAULT 10 NOT NULL;
