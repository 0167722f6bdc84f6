-- Up Migration
-- AutoSourcing review fixes (issue 6).

-- A NULL deadline was never reaped, so such a job could stay open forever: every job now has one.
UPDATE jobs SET deadline_at = created_at + interval '30 minutes' WHERE deadline_at IS NULL;
ALTER TABLE jobs
  ALTER COLUMN deadline_at SET DEFAULT now() + interval '30 minutes',
  ALTER COLUMN deadline_at SET NOT NULL,
  -- How many times the job ended (a skip, then its retry's end, …): completion webhooks are keyed by it.
  ADD COLUMN finishes integer NOT NULL DEFAULT 0;
UPDATE jobs SET finishes = 1 WHERE finished_at IS NOT NULL;

-- One delivery per job end, not per job: a skipped job that is retried and succeeds reports both ends.
ALTER TABLE webhook_deliveries ADD COLUMN job_finish integer NOT NULL DEFAULT 1;
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_job_id_url_event_key;
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_job_finish_key UNIQUE (job_id, url, event, job_finish);

-- A penny buy price makes a huge ROI; numeric(8,2) overflowed and failed a job after it had spent.
ALTER TABLE picks ALTER COLUMN roi_percent TYPE numeric(12, 2);
ALTER TABLE sightings ALTER COLUMN roi_percent TYPE numeric(12, 2);
-- A pick's history is counted per profile (as is_new is).
CREATE INDEX sightings_profile_asin ON sightings (profile_id, asin, seen_at);

-- Down Migration
DROP INDEX sightings_profile_asin;
ALTER TABLE sightings ALTER COLUMN roi_percent TYPE numeric(8, 2) USING LEAST(GREATEST(roi_percent, -999999.99), 999999.99);
ALTER TABLE picks ALTER COLUMN roi_percent TYPE numeric(8, 2) USING LEAST(GREATEST(roi_percent, -999999.99), 999999.99);
DELETE FROM webhook_deliveries d WHERE EXISTS (
  SELECT 1 FROM webhook_deliveries o WHERE o.job_id = d.job_id AND o.url = d.url AND o.event = d.event AND o.job_finish < d.job_finish);
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_job_finish_key;
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_job_id_url_event_key UNIQUE (job_id, url, event);
ALTER TABLE webhook_deliveries DROP COLUMN job_finish;
ALTER TABLE jobs DROP COLUMN finishes, ALTER COLUMN deadline_at DROP NOT NULL, ALTER COLUMN deadline_at DROP DEFAULT;
