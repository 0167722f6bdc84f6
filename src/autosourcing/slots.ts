/**
 * Netlify may fire a tick a little before the hour; counting it into the coming slot keeps 11:59:59.5 from
 * landing in the 11:00 slot (which already ran) and skipping 12:00. The slot arithmetic itself lives in SQL
 * (store/schedule.ts createDueJobs), tested at a boundary in test/autosourcing/scheduler.test.ts.
 */
export const SLOT_GRACE_SECONDS = 120;
