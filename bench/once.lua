-- Every token of $TOKENS_FILE from line $OFFSET on, each sent once: thread k of n sends lines
-- OFFSET+k, OFFSET+k+n, ... When its share runs out it sends /health (warm-up) or, with
-- EXHAUSTED=wrap, starts over (the bench then reports the cache hits that caused).
local tokens = {}
local i, step, first = 0, 1, 0

function setup(thread)
  thread:set("id", thread_count or 0)
  thread_count = (thread_count or 0) + 1
end

function init(args)
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  step = tonumber(os.getenv("THREADS") or "2")
  first = tonumber(os.getenv("OFFSET") or "0") + (id or 0) + 1
  i = first
end

function request()
  if i > #tokens then
    if os.getenv("EXHAUSTED") == "wrap" then
      i = (id or 0) + 1
    else
      return wrk.format("GET", "/health")
    end
  end
  local t = tokens[i]
  i = i + step
  return wrk.format("GET", "/rest-endpoints/1", { ["Authorization"] = "Bearer " .. t })
end
