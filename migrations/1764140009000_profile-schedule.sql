-- Up Migration
-- Schedules a person writes (issue 16): local times on weekdays in an IANA zone, with a pause and skip dates
-- (docs/autosourcing.md#schedules). NULL keeps the profile on schedule_minutes. The scheduler computes the slot
-- (the run's UTC instant) in TypeScript; the unique index on (profile_id, slot) keeps it idempotent.
ALTER TABLE profiles ADD COLUMN schedule jsonb;

-- Down Migration
ALTER TABLE profiles DROP COLUMN schedule;
