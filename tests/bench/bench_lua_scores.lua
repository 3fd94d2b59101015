-- Scores of a Lua table of answers: csat.nps / csat.csat (the table read a
-- chunk at a time into a tally, no copy) against the array call through
-- csat_core (the table copied into one array, as every score was before)
-- and against the plain Lua loop that counts promoters and detractors —
-- the floor of anything that reads the table from Lua. Not a test.
--
-- Reading the table is the cost of both library paths; what streaming
-- saves is the copy's n doubles (8 MB per million answers) and the page
-- faults of fresh memory. Whether a copy gets fresh memory depends on the
-- allocator's state: on a 2-core test machine the copy took 1.8x the loop
-- in runs where it did and about 1.0x where freed memory was reused; the
-- streamed path took 0.97-1.04x the loop in every run.
--
-- Usage: meson devenv -C build lua5.4 "$PWD/tests/bench/bench_lua_scores.lua" [n] [repeats]

local csat = require "csat"
local raw = require "csat_core"

local n = tonumber(arg[1]) or 1000000
local repeats = tonumber(arg[2]) or 7

local x = {}
for i = 1, n do x[i] = (i * 7 + i // 13) % 11 end

-- Fastest of `repeats` runs: the machine may be busy.
local function best(f)
  local b = math.huge
  for _ = 1, repeats do
    local s = os.clock()
    f()
    b = math.min(b, os.clock() - s)
  end
  return b
end

local function loop()
  local pro, det = 0, 0
  for i = 1, n do
    local v = x[i]
    if v >= 9 then pro = pro + 1 elseif v <= 6 then det = det + 1 end
  end
  return 100 * (pro - det) / n
end

local nps_opts = raw.nps_options()
local t_loop = best(loop)
local t_stream = best(function() return csat.nps(x) end)
local t_copy = best(function() return raw.score_nps(x, nil, nps_opts) end)
assert(math.abs(csat.nps(x).score - loop()) < 1e-9)
local c_opts = raw.csat_options()
c_opts.scale_min, c_opts.scale_max = 0, 10
local t_csat = best(function() return csat.csat(x, { scale = { 0, 10 } }) end)
local t_csat_copy = best(function() return raw.score_csat(x, nil, c_opts) end)

print(string.format("n = %d, fastest of %d runs (ms)", n, repeats))
print(string.format("  Lua loop counting promoters and detractors  %8.2f", t_loop * 1e3))
print(string.format("  csat.nps (streamed)                         %8.2f   %.2fx the loop",
  t_stream * 1e3, t_stream / t_loop))
print(string.format("  NPS of the table copied into an array       %8.2f   %.2fx the loop",
  t_copy * 1e3, t_copy / t_loop))
print(string.format("  csat.csat (streamed) %8.2f, copied %8.2f", t_csat * 1e3, t_csat_copy * 1e3))
