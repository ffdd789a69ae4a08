-- Round-robin over the first $TOKENS_LIMIT tokens of $TOKENS_FILE (one per line), GET $TOKEN_PATH.
-- TOKENS_LIMIT=1 is the one-token baseline of the same client work (a request built in Lua each time).
-- Each wrk thread starts at its own offset so the threads do not send the same token at once.
local tokens = {}
local i = 0
local path

function setup(thread)
  thread:set("offset", (thread_count or 0) * 5000)
  thread_count = (thread_count or 0) + 1
end

function init(args)
  local limit = tonumber(os.getenv("TOKENS_LIMIT") or "1000000000")
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    if #tokens >= limit then break end
    tokens[#tokens + 1] = line
  end
  i = offset or 0
  path = os.getenv("TOKEN_PATH") or "/rest-endpoints/1"
end

function request()
  i = i % #tokens + 1
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[i] })
end
