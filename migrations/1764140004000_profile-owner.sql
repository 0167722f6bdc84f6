-- Up Migration
-- A profile spends tokens on its creator's behalf: it remembers which API key saved it, so its jobs need that key
-- to be active with the tokens:spend scope and charge that key's daily quota. NULL = saved in local mode (the fixed
-- local key has no row) or before this column existed; outside local mode such a profile's jobs do not run until a
-- key that may spend saves it again (docs/autosourcing.md#token-use).
ALTER TABLE profiles ADD COLUMN owner_key_id uuid REFERENCES api_keys(id) ON DELETE SET NULL;

-- Down Migration
ALTER TABLE profiles DROP COLUMN owner_key_id;
