-- Round-robin over the first $TOKENS_LIMIT tokens of $TOKENS_FILE (one per line), GET $TOKEN_PATH.
-- TOKENS_LIMIT=1 is the one-token baseline of the same client work (a request returned by Lua each time).
-- Every request is formatted once, in init (about 0.8 KB a token, 80 MB a thread for 100,000): per
-- request the script only returns the next one, so that the client's cost does not grow with the number
-- of tokens (formatting in request() cost wrk 3-11 % of the one-token rate on this 2-core host, shared
-- with the service).
-- Each wrk thread starts at its own offset so the threads do not send the same token at once.
local requests = {}
local i = 0

function setup(thread)
  thread:set("offset", (thread_count or 0) * 5000)
  thread_count = (thread_count or 0) + 1
end

function init(args)
  local limit = tonumber(os.getenv("TOKENS_LIMIT") or "1000000000")
  local path = os.getenv("TOKEN_PATH") or "/rest-endpoints/1"
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    if #requests >= limit then break end
    requests[#requests + 1] = wrk.format("GET", path, { ["Authorization"] = "Bearer " .. line })
  end
  i = (offset or 0) % #requests
end

function request()
  i = i % #requests + 1
  return requests[i]
end
