-- Up Migration
-- AutoSourcing runs: scheduling bookkeeping, dispatch/reaper fields, completion webhook deliveries (issue 6).
ALTER TABLE profiles
  ADD COLUMN description text CHECK (description IS NULL OR length(description) <= 500),
  ADD COLUMN last_slot   timestamptz,
  ADD COLUMN last_job_id uuid,
  ADD COLUMN last_run_at timestamptz,
  ADD COLUMN last_status text,
  ADD COLUMN run_count   integer NOT NULL DEFAULT 0;
-- Profile names are what people pick from a list: two with the same name would be ambiguous.
CREATE UNIQUE INDEX profiles_name_unique ON profiles (lower(name));

ALTER TABLE jobs
  -- When the scheduler last handed the job to the background function; a job still pending long after it is re-sent.
  ADD COLUMN dispatched_at  timestamptz,
  ADD COLUMN dispatch_count integer NOT NULL DEFAULT 0,
  -- Worker starts (a skipped job may be retried within its slot).
  ADD COLUMN attempts       integer NOT NULL DEFAULT 0,
  ADD COLUMN reservation_id text,
  ADD COLUMN plan           jsonb;
CREATE INDEX jobs_profile_created ON jobs (profile_id, created_at DESC);
-- The reaper's scan: only open jobs carry a deadline that matters.
CREATE INDEX jobs_open_deadline ON jobs (deadline_at) WHERE status IN ('pending', 'running');

ALTER TABLE picks
  ADD COLUMN featured  boolean NOT NULL DEFAULT false,
  ADD COLUMN action_at timestamptz;
CREATE INDEX picks_job ON picks (job_id, created_at);

ALTER TABLE sightings
  ADD COLUMN velocity       integer,
  ADD COLUMN recommendation text,
  ADD COLUMN selected       boolean NOT NULL DEFAULT false;
-- A batch written twice (a retried transaction) must not double the history.
CREATE UNIQUE INDEX sightings_job_asin ON sightings (job_id, asin);

CREATE TABLE webhook_deliveries (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_id          uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  url             text NOT NULL,
  event           text NOT NULL,
  -- The exact bytes signed and sent, so every retry carries the same body and signature.
  payload         text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'abandoned')),
  attempts        integer NOT NULL DEFAULT 0,
  last_status_code integer,
  last_error      text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (job_id, url, event)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'failed');

-- Down Migration
DROP TABLE webhook_deliveries;
DROP INDEX sightings_job_asin;
ALTER TABLE sightings DROP COLUMN selected, DROP COLUMN recommendation, DROP COLUMN velocity;
DROP INDEX picks_job;
ALTER TABLE picks DROP COLUMN action_at, DROP COLUMN featured;
DROP INDEX jobs_open_deadline;
DROP INDEX jobs_profile_created;
ALTER TABLE jobs DROP COLUMN plan, DROP COLUMN reservation_id, DROP COLUMN attempts, DROP COLUMN dispatch_count, DROP COLUMN dispatched_at;
DROP INDEX profiles_name_unique;
ALTER TABLE profiles DROP COLUMN run_count, DROP COLUMN last_status, DROP COLUMN last_run_at, DROP COLUMN last_job_id, DROP COLUMN last_slot, DROP COLUMN description;
