-- Up Migration
-- Webhook subscriptions an API key makes for itself (POST /api/v1/webhooks): a job's deliveries go to the
-- subscriptions of its profile's owner key whose events match, besides COMPLETION_WEBHOOK_URLS. owner_key_id NULL =
-- made with the fixed local key (local mode only), matching profiles saved with it. The secret must be recoverable
-- to sign: 'v1:<iv>:<tag>:<ciphertext>' (AES-256-GCM under WEBHOOK_SUBSCRIPTION_KEY) or 'plain:<secret>' when no key
-- is configured (docs/autosourcing.md#webhook-subscriptions).
CREATE TABLE webhook_subscriptions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_key_id uuid REFERENCES api_keys(id) ON DELETE CASCADE,
  url          text NOT NULL,
  events       text[] NOT NULL,
  secret       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_owner ON webhook_subscriptions (owner_key_id, created_at, id);

-- A delivery to a subscription is signed with its secret; deleting the subscription drops its deliveries, so nothing
-- more is sent to it. Deliveries to the configured URLs keep subscription_id NULL and their old uniqueness.
ALTER TABLE webhook_deliveries ADD COLUMN subscription_id uuid REFERENCES webhook_subscriptions(id) ON DELETE CASCADE;
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_job_finish_key;
CREATE UNIQUE INDEX webhook_deliveries_configured_key ON webhook_deliveries (job_id, url, event, job_finish)
  WHERE subscription_id IS NULL;
CREATE UNIQUE INDEX webhook_deliveries_subscription_key ON webhook_deliveries (job_id, subscription_id, event, job_finish)
  WHERE subscription_id IS NOT NULL;

-- Down Migration
DELETE FROM webhook_deliveries WHERE subscription_id IS NOT NULL;
DROP INDEX webhook_deliveries_subscription_key;
DROP INDEX webhook_deliveries_configured_key;
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_job_finish_key UNIQUE (job_id, url, event, job_finish);
ALTER TABLE webhook_deliveries DROP COLUMN subscription_id;
DROP TABLE webhook_subscriptions;
