-- Up Migration
-- AutoSourcing: saved search profiles run on a schedule and leave picks for review (docs/autosourcing.md).
CREATE TABLE profiles (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  discovery     jsonb NOT NULL,
  scoring       jsonb NOT NULL DEFAULT '{}'::jsonb,
  schedule_minutes integer NOT NULL DEFAULT 60 CHECK (schedule_minutes >= 15),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE jobs (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  profile_id    uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  slot          timestamptz,
  trigger       text NOT NULL CHECK (trigger IN ('schedule', 'webhook', 'manual')),
  idempotency_key text,
  status        text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'running', 'succeeded', 'partial', 'skipped', 'failed', 'cancelled')),
  status_reason text,
  retry_at      timestamptz,
  tokens_reserved integer NOT NULL DEFAULT 0,
  tokens_spent  integer NOT NULL DEFAULT 0,
  tested_count  integer NOT NULL DEFAULT 0,
  selected_count integer NOT NULL DEFAULT 0,
  deadline_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  duration_ms   integer,
  error         text
);
-- One job per profile per schedule slot, however often the scheduler fires.
CREATE UNIQUE INDEX jobs_profile_slot ON jobs (profile_id, slot) WHERE slot IS NOT NULL;
CREATE UNIQUE INDEX jobs_idempotency ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_status ON jobs (status, created_at DESC);

CREATE TABLE picks (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_id        uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  profile_id    uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  asin          text NOT NULL CHECK (asin ~ '^[A-Z0-9]{10}$'),
  title         text,
  buy_price_cents integer,
  sell_price_cents integer,
  profit_cents  integer,
  roi_percent   numeric(8, 2),
  bsr           integer,
  velocity      integer NOT NULL,
  stability     integer NOT NULL,
  confidence    integer NOT NULL,
  recommendation text NOT NULL CHECK (recommendation IN ('STRONG_BUY', 'BUY', 'CONSIDER', 'SKIP')),
  tier          text NOT NULL CHECK (tier IN ('HOT', 'TOP', 'WATCH', 'OTHER')),
  tier_reason   text NOT NULL,
  action_status text NOT NULL DEFAULT 'pending' CHECK (action_status IN ('pending', 'to_buy', 'favorite', 'ignored', 'analyzing')),
  notes         text,
  scores        jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (job_id, asin)
);
CREATE INDEX picks_profile_asin ON picks (profile_id, asin, created_at DESC);

-- Every time an ASIN is seen, so history is never lost (R12): dedupe only what the user is shown.
CREATE TABLE sightings (
  id            bigserial PRIMARY KEY,
  asin          text NOT NULL,
  job_id        uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  profile_id    uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  seen_at       timestamptz NOT NULL DEFAULT now(),
  bsr           integer,
  buy_price_cents integer,
  sell_price_cents integer,
  roi_percent   numeric(8, 2)
);
CREATE INDEX sightings_asin ON sightings (asin, seen_at DESC);

-- Down Migration
DROP TABLE sightings;
DROP TABLE picks;
DROP TABLE jobs;
DROP TABLE profiles;
