-- Up Migration
-- The scoring settings as an append-only audit log (PUT /api/v1/config): each change is a new version holding the
-- overrides of DEFAULT_SCORING_CONFIG it resolves to; the current settings are the highest version (none = version 0,
-- the defaults). A writer inserts previous + 1, so two concurrent writers collide on the primary key (docs/scoring.md#configuration).
CREATE TABLE scoring_settings (
  version           integer PRIMARY KEY CHECK (version > 0),
  overrides         jsonb NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  created_by_key_id uuid REFERENCES api_keys(id) ON DELETE SET NULL,
  note              text
);

-- Down Migration
DROP TABLE scoring_settings;
