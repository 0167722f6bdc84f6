import { PRELUDE } from "./prelude.ts";

/**
 * status — read-only view of the ledger projected to now (nothing is written, so it is safe on a hot path).
 *
 * KEYS[1] state hash   KEYS[2] leases zset   KEYS[3] reservations hash
 * ARGV[1] now (caller ms)   ARGV[2] max reservations to list
 *
 * Returns { known (1|0), left, rate, refillAt, kts, syncedAt, reserved, blockedUntil, blockReason, resyncSince,
 *           now, reservations (JSON array of {id, remaining, reserved, spent, action, class, holder, expiry}) }
 */
export const STATUS_LUA = `${PRELUDE}
local s = load_state(KEYS[1])
local now = math.max(num(s.lastNow, 0), tonumber(ARGV[1]))
roll_forward(s, now)
local list = {}
local ids = redis.call('ZRANGE', KEYS[2], 0, tonumber(ARGV[2]) - 1)
for _, id in ipairs(ids) do
  local raw = redis.call('HGET', KEYS[3], id)
  if raw then
    local r = cjson.decode(raw)
    r.id = id
    table.insert(list, r)
  end
end
local known = 0
if s.rate ~= nil then known = 1 end
local encoded = '[]'
if #list > 0 then encoded = cjson.encode(list) end
return {known, str(s.left), str(s.rate), str(s.refillAt), str(s.kts), str(s.syncedAt), str(num(s.reserved, 0)),
        str(num(s.blockedUntil, 0)), str(s.blockReason), str(s.resyncSince), str(now), encoded}
`;
