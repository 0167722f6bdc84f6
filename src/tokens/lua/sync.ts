import { PRELUDE } from "./prelude.ts";

/**
 * sync — apply a Keepa token snapshot if it is newer than the stored one; with mode "trip" (Keepa answered 429)
 * also block every instance until the deficit is repaid: refillIn + floor(deficit / rate) whole minutes + margin,
 * or indefinitely while the refill rate is 0. The block can only be extended. A trip also starts an hour of distrust
 * in projected refills (another consumer evidently spends from the key).
 *
 * KEYS[1] state hash   KEYS[2] leases zset   KEYS[3] reservations hash
 *
 * ARGV[1] now (caller ms)   ARGV[2] mode (sync|trip)   ARGV[3] tokensLeft   ARGV[4] refillIn   ARGV[5] refillRate
 * ARGV[6] Keepa timestamp   ARGV[7] received at (local ms)   ARGV[8] breaker margin ms
 *
 * Returns { applied (1|0), blockedUntil (ms, 0 = open), left, rate }
 */
export const SYNC_LUA = `${PRELUDE}
local now0, mode = tonumber(ARGV[1]), ARGV[2]
local left, refillIn, rate = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local ts, receivedAt, margin = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])

local s, now = open_state(KEYS, now0)
receivedAt = on_timeline(receivedAt, now, now0)
local applied = apply_snapshot(s, left, refillIn, rate, ts, receivedAt, now)

if mode == 'trip' then
  local untilMs = FOREVER
  if rate > 0 then untilMs = receivedAt + refillIn + math.floor(math.max(0, -left) / rate) * TICK + margin end
  -- Keepa refused although the ledger had tokens: another consumer shares the key. For the next hour only tokens
  -- Keepa itself confirmed after the latest refill tick are spent (one free /token per tick, see reserve).
  s.distrustUntil = math.max(num(s.distrustUntil, 0), math.min(untilMs, now + 3600000) + 3600000)
  if untilMs > num(s.blockedUntil, 0) then
    s.blockedUntil = untilMs
    if rate > 0 then s.blockReason = 'upstream_429' else s.blockReason = 'rate_zero' end
  end
end

save_state(KEYS[1], s)
return {applied, str(num(s.blockedUntil, 0)), str(num(s.left, 0)), str(num(s.rate, 0))}
`;
