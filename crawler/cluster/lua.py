"""The Lua scripts of a shared crawl: each runs atomically in Redis."""

from __future__ import annotations

POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
local token = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], token, r[2] .. '\\n' .. r[1])
return {token, r[1]}
"""
# the requests of an in-flight hash (each value: score, newline, request) back in the queue
HAND_BACK = """
local function hand_back(inflight, queue)
  local items = redis.call('HVALS', inflight)
  for _, v in ipairs(items) do
    local nl = string.find(v, '\\n', 1, true)
    redis.call('ZADD', queue, tonumber(string.sub(v, 1, nl - 1)), string.sub(v, nl + 1))
  end
  return items
end
"""
REQUEUE_IF_DEAD = HAND_BACK + """
if redis.call('EXISTS', KEYS[5]) == 1 then return -1 end
local items = hand_back(KEYS[1], KEYS[2])
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
return #items
"""
BLOOM_ADD = """
local new = 0
for i = 1, #ARGV do
  if redis.call('GETBIT', KEYS[1], ARGV[i]) == 0 then new = 1; break end
end
if new == 0 then return -1 end
for i = 1, #ARGV do redis.call('SETBIT', KEYS[1], ARGV[i], 1) end
return redis.call('INCR', KEYS[2])
"""
PACE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local delay = math.max(tonumber(ARGV[1]), tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0'))
local last = redis.call('GET', KEYS[1])
local ready = tonumber(redis.call('GET', KEYS[3]) or '0')
if last then ready = math.max(ready, tonumber(last) + delay) end
if now >= ready then
  redis.call('SET', KEYS[1], now, 'PX', delay + 600000)
  return {0, t[1], t[2]}
end
return {ready - now}
"""
HOLD = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], until_, 'PX', tonumber(ARGV[1]) + 600000)
return 0
"""
RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
LEAVE = HAND_BACK + """
local items = hand_back(KEYS[3], KEYS[5])
redis.call('SREM', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[3], KEYS[4])
return {redis.call('SCARD', KEYS[1]), #items}
"""
