-- Round-robin over many distinct tokens (one per line of $TOKENS_FILE); each wrk thread starts at
-- its own offset so the threads do not send the same token at the same moment.
local tokens = {}
local i = 0

function setup(thread)
  thread:set("offset", (thread_count or 0) * 5000)
  thread_count = (thread_count or 0) + 1
end

function init(args)
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  i = offset or 0
end

function request()
  i = i % #tokens + 1
  return wrk.format("GET", "/rest-endpoints/1", { ["Authorization"] = "Bearer " .. tokens[i] })
end
