-- Each token of $TOKENS_FILE in lines OFFSET+1 .. OFFSET+REGION sent once: thread k of n sends the
-- k-th contiguous share of that region, in order. When its share runs out it sends /health
-- (warm-up) or, with EXHAUSTED=wrap, starts its share over (the bench then reports the cache hits).
local tokens = {}
local i, first, last = 0, 0, 0

function setup(thread)
  thread:set("id", thread_count or 0)
  thread_count = (thread_count or 0) + 1
end

function init(args)
  local offset = tonumber(os.getenv("OFFSET") or "0")
  local region = tonumber(os.getenv("REGION"))
  local threads = tonumber(os.getenv("THREADS") or "2")
  local share = math.floor(region / threads)
  first = offset + (id or 0) * share + 1
  last = first + share - 1
  local n = 0
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    n = n + 1
    if n > last then break end
    if n >= first then tokens[n - first + 1] = line end
  end
  i = 1
end

function request()
  if i > #tokens then
    if os.getenv("EXHAUSTED") == "wrap" then
      i = 1
    else
      return wrk.format("GET", "/health")
    end
  end
  local t = tokens[i]
  i = i + 1
  return wrk.format("GET", "/rest-endpoints/1", { ["Authorization"] = "Bearer " .. t })
end
