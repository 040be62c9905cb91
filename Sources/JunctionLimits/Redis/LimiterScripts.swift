import JunctionRedis

/// The Lua scripts of `RedisRateLimiter`: each step of a request is one script, so one round trip, run
/// atomically by Redis, on Redis's own clock (`TIME`), so every instance counts in the same windows.
///
/// Every script gets the same seven keys, all in one hash slot (`{key_…}`):
/// 1. requests: sorted set of request ids scored by time;
/// 2. tokens: sorted set of reservation ids scored by time; 3. their amounts (hash); 4. their total;
/// 5. the budget: a counter for a calendar period, or a sorted set for a rolling window; 6. a rolling
///    window's amounts; 7. its total.
enum LimiterScripts {
    /// Shared functions: the clock, and pruning a sliding sum.
    static let prelude = """
        local function now_ms()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        local function prune(z, h, s, cutoff)
          while true do
            local old = redis.call('ZRANGEBYSCORE', z, '-inf', cutoff, 'LIMIT', 0, 500)
            if #old == 0 then break end
            local amounts = redis.call('HMGET', h, unpack(old))
            local total = 0
            for i = 1, #amounts do total = total + (tonumber(amounts[i]) or 0) end
            redis.call('ZREM', z, unpack(old))
            redis.call('HDEL', h, unpack(old))
            if total ~= 0 then redis.call('DECRBY', s, total) end
          end
          if redis.call('ZCARD', z) == 0 then redis.call('DEL', s) end
          return tonumber(redis.call('GET', s) or '0')
        end
        local function edge(z, index)
          local r = redis.call('ZRANGE', z, index, index, 'WITHSCORES')
          if #r == 0 then return -1 end
          return tonumber(r[2])
        end
        local function budget_edge(kind)
          if kind == 'rolling' then return edge(KEYS[5], -1) end
          return -1
        end
        local function budget_spent(kind, now, window)
          if kind == 'day' then return tonumber(redis.call('GET', KEYS[5]) or '0') end
          if kind == 'rolling' then return prune(KEYS[5], KEYS[6], KEYS[7], now - window) end
          return 0
        end
        """

    /// Step 1. ARGV: rpm (0 = none), request id, budget kind (`none`, `day`, `rolling`), budget tokens,
    /// rolling window ms, dry run (`1` = count nothing, for usage).
    /// Returns {allowed, reason, now, requests, oldest request, newest request, tokens, newest token
    /// entry, budget spent, newest budget entry}.
    static let admit = RedisScript(prelude + "\n" + """
        local now = now_ms()
        local rpm = tonumber(ARGV[1])
        local kind = ARGV[3]
        local budget = tonumber(ARGV[4])
        local dry = ARGV[6] == '1'
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 60000)
        local tokens = prune(KEYS[2], KEYS[3], KEYS[4], now - 60000)
        local spent = budget_spent(kind, now, tonumber(ARGV[5]))
        local count = redis.call('ZCARD', KEYS[1])
        local allowed, reason = 1, 'ok'
        if kind ~= 'none' and spent >= budget then
          allowed, reason = 0, 'budget'
        elseif rpm > 0 and count >= rpm then
          allowed, reason = 0, 'requests'
        elseif rpm > 0 and not dry then
          redis.call('ZADD', KEYS[1], now, ARGV[2])
          redis.call('PEXPIRE', KEYS[1], 60000)
          count = count + 1
        end
        return {allowed, reason, now, count, edge(KEYS[1], 0), edge(KEYS[1], -1), tokens, edge(KEYS[2], -1), spent, budget_edge(kind)}
        """)

    /// Step 2. ARGV: tpm (0 = none), reservation id, estimate, budget kind, budget tokens, rolling window ms,
    /// calendar counter TTL seconds. Returns {allowed, reason, now, tokens, newest token entry, budget
    /// spent, newest budget entry, seconds until enough tokens left the window}.
    static let reserve = RedisScript(prelude + "\n" + """
        local now = now_ms()
        local tpm = tonumber(ARGV[1])
        local id = ARGV[2]
        local estimate = tonumber(ARGV[3])
        local kind = ARGV[4]
        local budget = tonumber(ARGV[5])
        local tokens = prune(KEYS[2], KEYS[3], KEYS[4], now - 60000)
        local spent = budget_spent(kind, now, tonumber(ARGV[6]))
        local allowed, reason, wait = 1, 'ok', 0
        if tpm > 0 and estimate > tpm then
          allowed, reason = 0, 'request_too_large'
        elseif tpm > 0 and tokens + estimate > tpm then
          allowed, reason = 0, 'tokens'
          local entries = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
          local left = tokens
          for i = 1, #entries, 2 do
            left = left - (tonumber(redis.call('HGET', KEYS[3], entries[i])) or 0)
            if left + estimate <= tpm then wait = tonumber(entries[i + 1]) + 60000 - now break end
          end
        elseif kind ~= 'none' and spent + estimate > budget then
          allowed, reason = 0, 'budget'
        end
        if allowed == 1 then
          if tpm > 0 then
            redis.call('ZADD', KEYS[2], now, id)
            redis.call('HSET', KEYS[3], id, estimate)
            redis.call('INCRBY', KEYS[4], estimate)
            for i = 2, 4 do redis.call('PEXPIRE', KEYS[i], 60000) end
            tokens = tokens + estimate
          end
          if kind == 'day' then
            redis.call('INCRBY', KEYS[5], estimate)
            redis.call('EXPIRE', KEYS[5], tonumber(ARGV[7]))
          elseif kind == 'rolling' then
            redis.call('ZADD', KEYS[5], now, id)
            redis.call('HSET', KEYS[6], id, estimate)
            redis.call('INCRBY', KEYS[7], estimate)
            for i = 5, 7 do redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[6])) end
          end
          if kind ~= 'none' then spent = spent + estimate end
        end
        return {allowed, reason, now, tokens, edge(KEYS[2], -1), spent, budget_edge(kind), wait}
        """)

    /// Step 3. ARGV: reservation id, delta (actual - estimate), budget kind. Adjusts what is still counted.
    static let settle = RedisScript("""
        local id = ARGV[1]
        local delta = tonumber(ARGV[2])
        if redis.call('ZSCORE', KEYS[2], id) then
          redis.call('HINCRBY', KEYS[3], id, delta)
          redis.call('INCRBY', KEYS[4], delta)
        end
        if ARGV[3] == 'day' and redis.call('EXISTS', KEYS[5]) == 1 then
          local value = redis.call('INCRBY', KEYS[5], delta)
          if value < 0 then redis.call('SET', KEYS[5], 0, 'KEEPTTL') end
        elseif ARGV[3] == 'rolling' and redis.call('ZSCORE', KEYS[5], id) then
          redis.call('HINCRBY', KEYS[6], id, delta)
          redis.call('INCRBY', KEYS[7], delta)
        end
        return 1
        """)
}
