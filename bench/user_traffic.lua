-- Real Clerk traffic: USERS signed-in users (100,000), each request from one of them; one request in
-- REUSE (5) brings a token never seen before (a user's SDK fetched a fresh one, as Clerk's does about
-- every 50 s of a 60 s token), which replaces that user's token; the others reuse a current token.
-- Thread k of n owns the k-th share of the users: their current tokens start as its share of
-- $USERS_FILE (the 100,000 tokens the bench has already shown the service once), and its fresh tokens
-- are its share of lines OFFSET+1 .. OFFSET+REGION of $FRESH_FILE (wrapping if they run out).
-- Requests are formatted once, in init (as in tokens.lua): per request the script picks and returns one.
local current, fresh = {}, {}
local n, f, seed, reuse = 0, 0, 0, 5

function setup(thread)
  thread:set("id", thread_count or 0)
  thread_count = (thread_count or 0) + 1
end

local function share(file, offset, region, threads)
  local per = math.floor(region / threads)
  local first = offset + (id or 0) * per + 1
  local last, out, i = first + per - 1, {}, 0
  for line in io.lines(file) do
    i = i + 1
    if i > last then break end
    if i >= first then
      out[#out + 1] = wrk.format("GET", "/rest-endpoints/1", { ["Authorization"] = "Bearer " .. line })
    end
  end
  return out
end

function init(args)
  local threads = tonumber(os.getenv("THREADS") or "2")
  current = share(os.getenv("USERS_FILE"), 0, tonumber(os.getenv("USERS") or "100000"), threads)
  fresh = share(os.getenv("FRESH_FILE"), tonumber(os.getenv("OFFSET") or "0"), tonumber(os.getenv("REGION")), threads)
  seed = 12345 + (id or 0)
  reuse = tonumber(os.getenv("REUSE") or "5")
end

-- a small linear congruential generator: the same user sequence in every run
local function nextUser()
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % #current + 1
end

function request()
  n = n + 1
  local u = nextUser()
  if n % reuse == 0 then
    f = f % #fresh + 1
    current[u] = fresh[f]
  end
  return current[u]
end
