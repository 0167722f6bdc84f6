-- Up Migration
-- API keys are stored only as SHA-256 hashes; the raw key is shown once at creation (issue 7).
CREATE TABLE api_keys (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  key_hash      text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  key_prefix    text NOT NULL,
  scopes        text[] NOT NULL DEFAULT '{}',
  daily_token_quota integer CHECK (daily_token_quota IS NULL OR daily_token_quota > 0),
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  last_used_at  timestamptz
);

-- Down Migration
DROP TABLE api_keys;
