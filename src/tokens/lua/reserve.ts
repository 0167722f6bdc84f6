import { PRELUDE } from "./prelude.ts";

/**
 * reserve — admit an action and hold its budget, or deny it writing no reservation.
 *
 * KEYS[1] state hash          KEYS[2] leases zset (id → expiry ms)
 * KEYS[3] reservations hash   KEYS[4] quota counter of the caller's API key for the current day
 *
 * ARGV[1] now (caller ms)     ARGV[2] reservation id    ARGV[3] action       ARGV[4] class (interactive|batch)
 * ARGV[5] cost (integer > 0)  ARGV[6] floor (tokens)    ARGV[7] floor as a fraction of capacity (batch reserve)
 * ARGV[8] lease ms            ARGV[9] holder            ARGV[10] stale after ms
 * ARGV[11] quota limit (0 = none)                       ARGV[12] quota resets at (caller ms)
 * ARGV[13] trust projected refills (1|0): 0 = spend only what Keepa confirmed since the latest refill tick
 * ARGV[14] dry run (1|0): 1 = answer whether the action would be admitted now, holding and debiting nothing
 *
 * Returns { allowed (1|0), reason, spendable, cost, deficit, retryAfterMs, capacity, rate, reserved, floor }
 * reason ∈ ok | ok_refresh | state_unknown | stale | upstream_blocked | exceeds_capacity | quota | insufficient |
 * class_floor. While refills are not trusted (ARGV[13] = 0, or for an hour after a trip) and a refill tick passed
 * since the last snapshot, only what Keepa confirmed counts (the balance without the ticks' refills): an action it
 * covers is admitted as ok_refresh (the caller then learns the balance through the free /token after its response,
 * once per tick), one it does not is stale (the caller learns the balance first, then retries).
 * A denial reserves and debits nothing; it may persist lazy maintenance (roll-forward, reaped leases).
 * Idempotent per reservation id (a retried call whose reply was lost does not reserve twice).
 */
export const RESERVE_LUA = `${PRELUDE}
local now0, id, action, class = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]
local cost, floorAbs, floorFrac = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local leaseMs, holder, staleMs = tonumber(ARGV[8]), ARGV[9], tonumber(ARGV[10])
local quotaLimit, quotaReset = tonumber(ARGV[11]), tonumber(ARGV[12])
local trustRefills = ARGV[13] == '1'
local dryRun = ARGV[14] == '1'

local s, now = open_state(KEYS, now0)

local function answer(allowed, reason, spendable, deficit, retry, capacity, floor)
  save_state(KEYS[1], s)
  return {allowed, reason, str(spendable), str(cost), str(deficit), str(math.max(0, math.ceil(retry))),
          str(capacity), str(num(s.rate, 0)), str(num(s.reserved, 0)), str(floor)}
end

-- Idempotent per id: a retried call whose first attempt already reserved (its reply was lost) admits again, no more.
if redis.call('HEXISTS', KEYS[3], id) == 1 then 
return answer(1, 'ok', available(s) - floorAbs, 0, 0, 60 * num(s.rate, 0), floorAbs) end
if s.rate == nil then return answer(0, 'state_unknown', 0, cost, 1000, 0, floorAbs) end
local blockedUntil = num(s.blockedUntil, 0)
if now < blockedUntil then
  local retry = blockedUntil - now
  if blockedUntil >= FOREVER then retry = TICK end
  return answer(0, 'upstream_blocked', 0, cost, retry, 60 * num(s.rate, 0), floorAbs)
end
if s.resyncSince ~= nil or now - num(s.syncedAt, 0) > staleMs then
  return answer(0, 'stale', 0, cost, 1000, 60 * num(s.rate, 0), floorAbs)
end
-- Refills projected since the snapshot are not spent until Keepa confirms them: admit against the rest.
local distrusted = (not trustRefills or now < num(s.distrustUntil, 0)) 
and num(s.syncedAt, 0) < num(s.refillAt, now) - TICK
local unconfirmed = 0
if distrusted then unconfirmed = num(s.proj, 0) end
local ok = 'ok'
if distrusted then ok = 'ok_refresh' end

local rate = num(s.rate, 0)
local capacity = 60 * rate
local floor = floorAbs
if class == 'batch' then floor = math.max(floorAbs, math.ceil(floorFrac * capacity)) end
local spendable = available(s) - unconfirmed - floor
if cost + floor > capacity then 
return answer(0, 'exceeds_capacity', spendable, cost - spendable, 0, capacity, floor) end

if quotaLimit > 0 then
  local used = num(redis.call('GET', KEYS[4]), 0)
  if used + cost > quotaLimit then
    return answer(0, 'quota', quotaLimit - used, used + cost - quotaLimit, quotaReset - now, capacity, floor)
  end
end

if spendable < cost and distrusted then return answer(0, 'stale', 0, cost, 1000, capacity, floor) end
if spendable < cost then
  local deficit = cost - spendable
  local ticks = math.ceil(deficit / rate)
  local retry = (num(s.refillAt, now) - now) + (ticks - 1) * TICK
  local reason = 'insufficient'
  if available(s) >= cost then reason = 'class_floor' end
  return answer(0, reason, spendable, deficit, retry, capacity, floor)
end

if dryRun then return answer(1, ok, spendable - cost, 0, 0, capacity, floor) end

local expiry = now + leaseMs
redis.call('HSET', KEYS[3], id, cjson.encode({remaining = cost, reserved = cost, spent = 0, action = action,
  class = class, holder = holder, expiry = expiry, at = now}))
redis.call('ZADD', KEYS[2], expiry, id)
s.reserved = num(s.reserved, 0) + cost
if quotaLimit > 0 then
  redis.call('INCRBY', KEYS[4], cost)
  redis.call('PEXPIREAT', KEYS[4], quotaReset + TICK)
end
return answer(1, ok, spendable - cost, 0, 0, capacity, floor)
`;
