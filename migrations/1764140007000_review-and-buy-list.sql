-- Up Migration
-- The seller's day (issue 15): the daily review and the buy list read picks across jobs (docs/autosourcing.md).
-- The buy list walks one action's picks newest action first by keyset (action_at or created_at, id), never OFFSET.
CREATE INDEX picks_action_recent ON picks (action_status, (COALESCE(action_at, created_at)) DESC, id DESC);
-- The stats' 7-day engagement and the best pick of the day scan only recent picks.
CREATE INDEX picks_created ON picks (created_at);
-- The review's window is the jobs that finished in it.
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
-- The review's history counts only fresh sightings (a cache replay is not one) of each reviewed ASIN.
CREATE INDEX sightings_fresh_asin ON sightings (asin, seen_at) WHERE fresh;

-- Down Migration
DROP INDEX sightings_fresh_asin;
DROP INDEX jobs_finished;
DROP INDEX picks_created;
DROP INDEX picks_action_recent;
