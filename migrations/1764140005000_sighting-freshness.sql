-- Up Migration
-- A sighting is an observation of the market. A product served from the product cache was observed by an earlier
-- run, so seeing it again is not a new sighting: `fresh` says whether this job bought the data from Keepa. The daily
-- review counts only fresh sightings (docs/autosourcing.md#daily-review). Rows written before this column existed
-- are taken as fresh: those jobs always fetched what they scored unless it was cached, which was not recorded.
ALTER TABLE sightings ADD COLUMN fresh boolean NOT NULL DEFAULT true;
-- Where the numbers of a sighting came from: the sell condition and whether it was verified with live offers.
ALTER TABLE sightings ADD COLUMN verified boolean NOT NULL DEFAULT false;
ALTER TABLE sightings ADD COLUMN max_buy_cents integer;

-- Down Migration
ALTER TABLE sightings DROP COLUMN max_buy_cents;
ALTER TABLE sightings DROP COLUMN verified;
ALTER TABLE sightings DROP COLUMN fresh;
