/**
 * Lua shared by every ledger script (prepended to each; Redis scripts cannot import).
 *
 * State hash fields: left (Keepa balance at the last roll-forward; may be fractional or negative), rate (tokens/min),
 * refillAt (local ms of the next refill tick), kts (Keepa timestamp of the applied snapshot), syncedAt (local ms it
 * was applied), reserved (Σ remaining of open reservations), blockedUntil / blockReason (breaker), resyncSince (local
 * ms since which a fresh snapshot is required), kleft (tokensLeft of the applied snapshot), distrustUntil (after an
 * upstream 429 someone else spends from this key: projected refills are not trusted until then), lastNow (the latest
 * caller time seen: clocks never run backwards), proj (tokens the refill ticks added since the applied snapshot:
 * `left - proj` is what Keepa confirmed).
 */
export const PRELUDE = `
local TICK = 60000
local FOREVER = 1e15 -- exact in "%.14g", so it round-trips through the hash
local function num(v, d) local n = tonumber(v) if n == nil then return d end return n end
local function str(v) if v == nil then return '' end return tostring(v) end

local function load_state(key)
  local raw = redis.call('HGETALL', key)
  local s = {}
  for i = 1, #raw, 2 do s[raw[i]] = raw[i + 1] end
  return s
end

local FIELDS = {'left', 'rate', 'refillAt', 'kts', 'kleft', 'syncedAt', 'reserved', 'blockedUntil', 'blockReason', 
'resyncSince', 'distrustUntil', 'lastNow', 'proj'}
local function save_state(key, s)
  local args = {}
  local gone = {}
  for _, f in ipairs(FIELDS) do
    if s[f] == nil then table.insert(gone, f) else table.insert(args, f) table.insert(args, tostring(s[f])) end
  end
  if #args > 0 then redis.call('HSET', key, unpack(args)) end
  if #gone > 0 then redis.call('HDEL', key, unpack(gone)) end
end

-- The caller's clock, never behind the latest one seen: a lagging instance cannot rewind the ledger.
local function clock(s, now)
  local t = math.max(num(s.lastNow, 0), now)
  s.lastNow = t
  return t
end

-- Applies the whole refill ticks that passed since refillAt, capped at 60 x rate (unused tokens expire).
local function roll_forward(s, now)
  if s.rate == nil then return end
  local rate = num(s.rate, 0)
  local at = num(s.refillAt, now)
  if now < at then return end
  local k = 1 + math.floor((now - at) / TICK)
  if rate > 0 then
    local before = num(s.left, 0)
    s.left = math.min(60 * rate, before + k * rate)
    s.proj = num(s.proj, 0) + math.max(0, s.left - before)
  end
  s.refillAt = at + k * TICK
end

-- Expired leases are charged their remaining estimate, not refunded: the crashed request may have reached Keepa.
local function reap(s, leases, data, now, limit)
  local expired = redis.call('ZRANGEBYSCORE', leases, '-inf', now, 'LIMIT', 0, limit)
  for _, id in ipairs(expired) do
    local raw = redis.call('HGET', data, id)
    if raw then
      local r = cjson.decode(raw)
      s.left = num(s.left, 0) - r.remaining
      s.reserved = num(s.reserved, 0) - r.remaining
    end
    redis.call('ZREM', leases, id)
    redis.call('HDEL', data, id)
    s.resyncSince = now
  end
  return #expired
end

-- Monotonic: only a snapshot with a newer Keepa timestamp replaces the stored one. Two responses stamped in the
-- same millisecond are ordered by balance: within one instant a lower balance is the later state.
local function apply_snapshot(s, left, refillIn, rate, ts, receivedAt, now)
  local kts = num(s.kts, -1)
  if ts < kts or (ts == kts and left > num(s.kleft, left)) then return 0 end
  s.left = left
  s.kleft = left
  s.rate = rate
  s.refillAt = receivedAt + refillIn
  s.kts = ts
  s.syncedAt = now
  s.proj = nil
  if s.resyncSince ~= nil and receivedAt >= num(s.resyncSince, 0) then s.resyncSince = nil end
  if rate <= 0 then
    s.blockedUntil = FOREVER
    s.blockReason = 'rate_zero'
  elseif s.blockReason == 'rate_zero' then
    s.blockedUntil = nil
    s.blockReason = nil
  end
  roll_forward(s, now)
  return 1
end

-- Σ remaining can drift only through a bug or a lost write; with no lease open it is provably 0, so heal it there.
local function reconcile(s, leases)
  if num(s.reserved, 0) ~= 0 and redis.call('ZCARD', leases) == 0 then s.reserved = 0 end
end

-- The opening every mutating script shares: state, the guarded clock, refills, reaped leases.
local function open_state(keys, now0)
  local s = load_state(keys[1])
  local now = clock(s, now0)
  roll_forward(s, now)
  reap(s, keys[2], keys[3], now, 25)
  reconcile(s, keys[2])
  return s, now
end

-- A receive time from the caller's clock, moved onto the ledger's guarded timeline (now >= now0): a caller whose
-- clock lags cannot place a refill tick earlier than it really is. The shift only ever delays, so it errs safe.
local function on_timeline(receivedAt, now, now0)
  return receivedAt + (now - now0)
end

local function available(s)
  return num(s.left, 0) - num(s.reserved, 0)
end
`;
