-- Up Migration
-- Batch analysis (issue 15 item 4, docs/analysis.md): a list of up to 1,000 identifiers screened in the background.
-- Every row is written before any token is spent, so nothing is lost if a function dies; a run claims the analysis
-- with a lease, and the scheduler's tick re-queues one whose lease ran out (a crashed run) or whose retry time came.
CREATE TABLE analyses (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The key whose tokens and daily quota the analysis spends; NULL = created with the fixed local key.
  owner_key_id        uuid REFERENCES api_keys(id) ON DELETE SET NULL,
  status              text NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'running', 'waiting', 'complete', 'failed')),
  status_reason       text,
  -- When a waiting analysis may run again (the ledger's refusal said so).
  retry_at            timestamptz,
  strategy            text NOT NULL,
  sell_condition      text NOT NULL,
  -- The cost model of rows without their own cost; NULL = the strategy's default.
  cost_model          jsonb,
  total               integer NOT NULL CHECK (total BETWEEN 1 AND 1000),
  tokens_spent        integer NOT NULL DEFAULT 0,
  chunks              integer NOT NULL DEFAULT 0,
  -- The chunk reservation held right now: a run that dies holding it is charged it in full by the ledger.
  open_reservation_id text,
  open_reserved       integer NOT NULL DEFAULT 0,
  -- The claim: one run at a time, and a run past its lease is dead.
  lease_holder        text,
  lease_until         timestamptz,
  runs                integer NOT NULL DEFAULT 0,
  dispatched_at       timestamptz,
  dispatch_count      integer NOT NULL DEFAULT 0,
  created_at          timestamptz NOT NULL DEFAULT now(),
  started_at          timestamptz,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  finished_at         timestamptz
);
CREATE INDEX analyses_open ON analyses (status, retry_at) WHERE status IN ('pending', 'running', 'waiting');

CREATE TABLE analysis_rows (
  analysis_id    uuid NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
  -- The input row (1-based) of the identifier's first occurrence; later duplicates are listed in duplicate_rows.
  row_no         integer NOT NULL CHECK (row_no >= 1),
  input          text NOT NULL,
  -- What Keepa is asked for: an ASIN (ISBN-10 and 978 ISBN-13 become one), or a 979 ISBN-13 code; NULL if invalid.
  lookup_key     text,
  kind           text CHECK (kind IN ('asin', 'isbn13', 'code')),
  asin           text,
  cost_cents     integer,
  sell_condition text NOT NULL,
  duplicate_rows integer[] NOT NULL DEFAULT '{}',
  status         text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'found', 'not_found', 'invalid', 'skipped_budget')),
  reason         text,
  source         text CHECK (source IN ('cache', 'keepa')),
  product        jsonb,
  done_at        timestamptz,
  PRIMARY KEY (analysis_id, row_no)
);
-- Duplicates collapse: one row per identifier and analysis.
CREATE UNIQUE INDEX analysis_rows_key ON analysis_rows (analysis_id, lookup_key) WHERE lookup_key IS NOT NULL;
-- The worker's next chunk.
CREATE INDEX analysis_rows_pending ON analysis_rows (analysis_id, row_no) WHERE status = 'pending';

-- Down Migration
DROP TABLE analysis_rows;
DROP TABLE analyses;
