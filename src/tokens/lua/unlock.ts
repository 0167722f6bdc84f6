/**
 * unlock — release a lock (bootstrap, AutoSourcing profile) only if this caller still holds it (it may have expired and
 * passed on).
 *
 * KEYS[1] lock key
 * ARGV[1] the owner token the caller set it with
 *
 * Returns { released (1|0) }
 */
export const UNLOCK_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return {1}
end
return {0}
`;
