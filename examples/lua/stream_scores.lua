-- NPS of a stream of survey answers: accumulate per request, merge per
-- minute, as a Lua service would do it (OpenResty handlers keeping their
-- summaries in a shared dict or Redis).
--
--     lua5.4 stream_scores.lua [--answers N] [--chunk BYTES] [stream.csv]
--
-- The stream is a CSV file, one answer per line:
--
--     time,request,segment,nps,seconds
--     1717200000,1,consumer,9,31.5
--
-- time in seconds since the epoch, the request that brought the answer, the
-- customer's segment, the answer to "would you recommend us?" (0-10, or
-- empty when skipped) and the seconds the customer took to answer. Without
-- a file the example writes a demo stream of N answers (default 200000) to
-- a temporary file first.
--
-- The file is read in chunks of --chunk bytes (default 64 KiB), never
-- whole. Each request's answers go into fresh tallies (NPS: all its
-- answers, and those of each segment it has) and moments (seconds to
-- answer), which are serialised at once: those bytes are all a request
-- handler keeps (in OpenResty: ngx.shared.DICT:rpush
-- of the string; with Redis: RPUSH minute:<m> <bytes>). At each new minute
-- the minute's strings are merged into one tally and one moments state, the
-- minute is printed and its merged bytes stored in turn; at the end the
-- minutes are merged into the whole stream.
--
-- The example then reads the file once more as a single pass into one
-- tally and one moments state and checks the merged result against it: the
-- tally's bytes must be identical (counts are integers) and the moments
-- equal to 1e-12 relative, read field by field from their bytes with
-- string.unpack as doc/format.md lays them out. It exits with status 1 if
-- they differ.

local csat = require "csat"

local SEGMENTS = { "enterprise", "mid-market", "small business", "consumer", "partner" }

local function usage(msg)
  if msg then
    io.stderr:write("stream_scores.lua: ", msg, "\n")
  end
  io.stderr:write("usage: lua5.4 stream_scores.lua [--answers N] [--chunk BYTES] [stream.csv]\n")
  os.exit(2)
end

local function parse_args(argv)
  local o = { answers = 200000, chunk = 65536 }
  local i = 1
  while i <= #argv do
    local a = argv[i]
    if a == "--answers" or a == "--chunk" then
      local v = math.tointeger(tonumber(argv[i + 1]))
      if not v or v < 1 then
        usage(a .. " needs a positive whole number")
      end
      o[a:sub(3)] = v
      i = i + 2
    elseif a == "-h" or a == "--help" then
      usage()
    elseif a:sub(1, 1) == "-" then
      usage("unknown option " .. a)
    elseif o.path then
      usage("one stream file only")
    else
      o.path = a
      i = i + 1
    end
  end
  return o
end

-- The demo stream --------------------------------------------------------------

-- A linear congruential generator (Knuth's MMIX constants): the same
-- stream on every machine and Lua build.
local function lcg(seed)
  local state = seed
  return function()
    state = state * 6364136223846793005 + 1442695040888963407
    return ((state >> 11) & 0x1FFFFFFFFFFFFF) / 9007199254740992.0   -- [0, 1)
  end
end

-- Answers 0..10 of a segment: a common shape, better for the first segments.
local function answer_of(u, s)
  local w, total = {}, 0
  local shape = { 2, 1, 1.5, 2, 2.5, 5, 6, 10, 14, 13, 11 }
  for a = 0, 10 do
    w[a] = shape[a + 1] * math.exp((0.12 - 0.05 * s) * a)
    total = total + w[a]
  end
  local c = 0
  for a = 0, 10 do
    c = c + w[a] / total
    if u < c then
      return a
    end
  end
  return 10
end

local function write_demo(path, n)
  local f = assert(io.open(path, "w"))
  local rand = lcg(20240601)
  local t, request = 1717200000, 0
  f:write("time,request,segment,nps,seconds\n")
  local written = 0
  while written < n do
    request = request + 1
    t = t + math.floor(rand() * 3)                 -- a few requests a second
    local size = 1 + math.floor(rand() * 40)       -- answers posted by this request
    for _ = 1, math.min(size, n - written) do
      local s = 1 + math.floor(rand() * #SEGMENTS)
      local answer = rand() < 0.02 and "" or tostring(answer_of(rand(), s))
      local seconds = -math.log(1 - rand()) * (10 + 5 * s)
      f:write(string.format("%d,%d,%s,%s,%.3f\n", t, request, SEGMENTS[s], answer, seconds))
      written = written + 1
    end
  end
  f:close()
end

-- Reading the stream in chunks ----------------------------------------------------------

-- Calls on_line(fields) for every data line of the file, reading `chunk`
-- bytes at a time; a line cut by a chunk boundary waits for the next chunk.
local function each_line(path, chunk, on_line)
  local f = assert(io.open(path, "rb"))
  local rest, header = "", true
  while true do
    local block = f:read(chunk)
    if not block then
      break
    end
    block = rest .. block
    local start = 1
    while true do
      local stop = block:find("\n", start, true)
      if not stop then
        break
      end
      local line = block:sub(start, stop - 1)
      start = stop + 1
      if header then
        header = false
      elseif line ~= "" then
        on_line(line)
      end
    end
    rest = block:sub(start)
  end
  f:close()
  if rest ~= "" and not header then
    on_line(rest)
  end
end

local function parse(line)
  local t, req, seg, nps, secs = line:match("^(%d+),(%d+),([^,]*),([^,]*),([^,]*)$")
  if not t then
    error("not a stream line: " .. line)
  end
  return tonumber(t), tonumber(req), seg, nps == "" and 0 / 0 or tonumber(nps), tonumber(secs)
end

-- Accumulate per request, merge per minute -----------------------------------------------

-- A request's answers summarised and serialised, what a handler stores:
-- the tally of all its answers, one per segment it has answers of, and the
-- moments of the seconds to answer.
local function summarise(answers, segments, seconds)
  local by = {}
  for i, s in ipairs(segments) do
    by[s] = by[s] or {}
    table.insert(by[s], answers[i])
  end
  local blob = {
    nps = csat.Tally(0, 10):add(answers):serialize(),
    seconds = csat.Moments():add(seconds):serialize(),
    segment = {},
  }
  for s, a in pairs(by) do
    blob.segment[s] = csat.Tally(0, 10):add(a):serialize()
  end
  return blob
end

local function size_of(blob)
  local n = #blob.nps + #blob.seconds
  for _, b in pairs(blob.segment) do
    n = n + #b
  end
  return n
end

-- Several serialised summaries merged into one (still serialised).
local function merge(blobs)
  local nps, seconds, segment = csat.Tally(0, 10), csat.Moments(), {}
  for _, b in ipairs(blobs) do
    nps:merge(csat.Tally.deserialize(b.nps))
    seconds:merge(csat.Moments.deserialize(b.seconds))
    for s, t in pairs(b.segment) do
      segment[s] = segment[s] or csat.Tally(0, 10)
      segment[s]:merge(csat.Tally.deserialize(t))
    end
  end
  local out = { nps = nps:serialize(), seconds = seconds:serialize(), segment = {} }
  for s, t in pairs(segment) do
    out.segment[s] = t:serialize()
  end
  return out
end

local function fmt_nps(tally_bytes)
  local t = csat.Tally.deserialize(tally_bytes)
  local r = t:nps()
  return string.format("NPS %+6.1f  95%% CI [%+6.1f, %+6.1f]  n = %d", r.score, r.ci[1], r.ci[2],
    r.n)
end

local function stream(path, chunk)
  local minutes = {}           -- merged bytes of each minute, in order
  local bucket, minute = {}, nil
  local req_id, req_answers, req_segments, req_seconds = nil, {}, {}, {}
  local requests, stored = 0, 0

  local function close_request()
    if req_id then
      local blob = summarise(req_answers, req_segments, req_seconds)
      stored = stored + size_of(blob)
      bucket[#bucket + 1] = blob
      requests = requests + 1
      req_answers, req_segments, req_seconds = {}, {}, {}
    end
  end

  local function close_minute()
    if minute and #bucket > 0 then
      local m = merge(bucket)
      minutes[#minutes + 1] = m
      if #minutes <= 5 then
        print(string.format("  minute %s  %3d requests  %s  mean %.1f s to answer",
          os.date("!%H:%M", minute * 60), #bucket, fmt_nps(m.nps),
          csat.Moments.deserialize(m.seconds):mean().score))
      elseif #minutes == 6 then
        print("  ...")
      end
      bucket = {}
    end
  end

  each_line(path, chunk, function(line)
    local t, req, seg, nps, secs = parse(line)
    if req ~= req_id then
      close_request()
      req_id = req
      local m = t // 60
      if m ~= minute then
        close_minute()
        minute = m
      end
    end
    req_answers[#req_answers + 1] = nps
    req_segments[#req_segments + 1] = seg
    req_seconds[#req_seconds + 1] = secs
  end)
  close_request()
  close_minute()
  return minutes, requests, stored
end

-- One pass, and the check ------------------------------------------------------------------

local function one_pass(path, chunk)
  local nps, seconds, segment = csat.Tally(0, 10), csat.Moments(), {}
  local answers, times, by = {}, {}, {}
  local function flush()
    nps:add(answers)
    seconds:add(times)
    for s, a in pairs(by) do
      segment[s] = segment[s] or csat.Tally(0, 10)
      segment[s]:add(a)
    end
    answers, times, by = {}, {}, {}
  end
  each_line(path, chunk, function(line)
    local _, _, seg, answer, secs = parse(line)
    answers[#answers + 1] = answer
    times[#times + 1] = secs
    by[seg] = by[seg] or {}
    table.insert(by[seg], answer)
    if #answers == 100000 then
      flush()
    end
  end)
  flush()
  local out = { nps = nps:serialize(), seconds = seconds:serialize(), segment = {} }
  for s, t in pairs(segment) do
    out.segment[s] = t:serialize()
  end
  return out
end

-- Moments bytes (doc/format.md, CSTM version 1): n, n_missing and the
-- eight doubles.
local function moments_fields(b)
  local magic, version, n, n_missing, w, mean, m2, w2, mean2, m2_2, min, max =
    string.unpack("<c4I4I8I8dddddddd", b)
  assert(magic == "CSTM" and version == 1, "not moments of version 1")
  return { n, n_missing }, { w, mean, m2, w2, mean2, m2_2, min, max }
end

local function compare(merged, single)
  local ok = true
  local same = merged.nps == single.nps
  for s, b in pairs(single.segment) do
    same = same and merged.segment[s] == b
  end
  for s in pairs(merged.segment) do
    same = same and single.segment[s] ~= nil
  end
  print("  tallies (all answers, each segment): " .. (same and "identical bytes" or "DIFFERENT"))
  ok = ok and same
  local ca, da = moments_fields(merged.seconds)
  local cb, db = moments_fields(single.seconds)
  local worst = 0
  for i = 1, #da do
    local d = math.abs(da[i] - db[i])
    if d > 0 then
      worst = math.max(worst, d / math.max(math.abs(da[i]), math.abs(db[i])))
    end
  end
  local counts = ca[1] == cb[1] and ca[2] == cb[2]
  print(string.format("  moments: counts %s, sums max relative difference %.1e",
    counts and "equal" or "DIFFERENT", worst))
  ok = ok and counts and worst <= 1e-12
  return ok
end

local function main(argv)
  local o = parse_args(argv)
  local path, temporary = o.path, false
  if not path then
    path, temporary = os.tmpname(), true
    write_demo(path, o.answers)
    print(string.format("Demo stream of %d answers written to %s", o.answers, path))
  end
  print(string.format("Per minute (read in chunks of %d bytes; tallies and moments per request):",
    o.chunk))
  local minutes, requests, stored = stream(path, o.chunk)
  local total = merge(minutes)
  print(string.format("Whole stream: %d requests over %d minutes, %s", requests, #minutes,
    fmt_nps(total.nps)))
  print(string.format("  mean %.2f s to answer; a request stores %d bytes on average (%d in all)",
    csat.Moments.deserialize(total.seconds):mean().score, stored // requests, stored))
  for _, s in ipairs(SEGMENTS) do
    if total.segment[s] then
      print(string.format("  %-15s %s", s, fmt_nps(total.segment[s])))
    end
  end
  print("Check against one pass over the file:")
  local ok = compare(total, one_pass(path, o.chunk))
  print("  " .. (ok and "the merged minutes equal one pass" or "MISMATCH"))
  if temporary then
    os.remove(path)
  end
  os.exit(ok and 0 or 1)
end

main(arg)
