import { PRELUDE } from "./prelude.ts";

/**
 * settle — record what a reservation's Keepa calls cost (charge) and/or close it (release). Both idempotent:
 * a charge is applied once per charge key, a release once per reservation.
 *
 * KEYS[1] state hash   KEYS[2] leases zset   KEYS[3] reservations hash
 * KEYS[4] set of charge keys already applied to this reservation   KEYS[5] quota counter ("" slot when none)
 *
 * ARGV[1] now (caller ms)   ARGV[2] reservation id   ARGV[3] charge key ("" = no charge)
 * ARGV[4] tokens consumed   ARGV[5] uncertain (1 = the cost is an estimate: also demand a resync)
 *                          (without a snapshot the charge is debited from the stored balance, which cannot hold it)
 * ARGV[6] release (1|0)     ARGV[7] has snapshot (1|0)
 * ARGV[8] tokensLeft   ARGV[9] refillIn   ARGV[10] refillRate   ARGV[11] Keepa timestamp   ARGV[12] received at
 * ARGV[13] charge-log ttl ms
 *
 * Returns { found (1|0), charged (1|0: this charge key was new), released (tokens returned), spent (total),
 *           remaining, applied (1|0: the snapshot was newer and replaced the stored one) }
 */
export const SETTLE_LUA = `${PRELUDE}
local now0, id, chargeKey, consumed = tonumber(ARGV[1]), ARGV[2], ARGV[3], tonumber(ARGV[4])
local uncertain, release, hasSnap = ARGV[5] == '1', ARGV[6] == '1', ARGV[7] == '1'

local s, now = open_state(KEYS, now0)

local applied = 0
if hasSnap then
  applied = apply_snapshot(s, tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11]), 
on_timeline(tonumber(ARGV[12]), now, now0), now)
end

local raw = redis.call('HGET', KEYS[3], id)
local r = nil
if raw then r = cjson.decode(raw) end

local charged = 0
if chargeKey ~= '' and redis.call('SADD', KEYS[4], chargeKey) == 1 then
  charged = 1
  redis.call('PEXPIRE', KEYS[4], tonumber(ARGV[13]))
  if r then
    local covered = math.min(consumed, r.remaining)
    r.remaining = r.remaining - covered
    r.spent = r.spent + consumed
    s.reserved = num(s.reserved, 0) - covered
    -- An underestimate still counts against the caller's quota (unless the day's counter already expired).
    if KEYS[5] ~= '' and consumed > covered and redis.call('EXISTS', KEYS[5]) == 1 then 
redis.call('INCRBY', KEYS[5], consumed - covered) end
  end
  -- With no snapshot the stored balance cannot include this charge: debit it here. Unknown cost (uncertain)
  -- additionally demands a fresh snapshot before anything else is admitted.
  if not hasSnap then s.left = num(s.left, 0) - consumed end
  if uncertain then s.resyncSince = now end
end

local released = 0
if release and r then
  released = r.remaining
  s.reserved = num(s.reserved, 0) - r.remaining
  if KEYS[5] ~= '' and r.remaining > 0 and redis.call('EXISTS', KEYS[5]) == 1 then 
redis.call('DECRBY', KEYS[5], r.remaining) end
  redis.call('HDEL', KEYS[3], id)
  redis.call('ZREM', KEYS[2], id)
  -- The charge log outlives the release (until its TTL), so a retried release-with-charge is still a no-op.
elseif r then
  redis.call('HSET', KEYS[3], id, cjson.encode(r))
end

save_state(KEYS[1], s)
local found, spent, remaining = 0, 0, 0
if r then found, spent, remaining = 1, r.spent, r.remaining - released end
return {found, charged, str(released), str(spent), str(remaining), applied}
`;
