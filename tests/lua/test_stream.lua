-- Scores of Lua tables read a chunk at a time (no copy of the table): every
-- score equals the array call of csat_core on the same table bit for bit
-- over many chunks and a partial last one (weighted scores take the array
-- call itself); errors are those of the array call (message, code, 1-based
-- index); a Tally that refuses a table is left as it was.
-- Prints "N passed, M failed" and exits non-zero on a failure.

local h = dofile((arg[0]:match("^(.*[/\\])") or "./") .. "harness.lua")
local csat = require "csat"
local raw = require "csat_core"

local N = 2048 * 5 + 77          -- five whole chunks and a partial one

-- Fixed data: answers 0..10 with a NaN every 997 rows, weights in
-- [0.25, 4) with exact binary fractions and awkward decimals mixed.
local x, w, effort = {}, {}, {}
for i = 1, N do
  x[i] = (i * 7 + i // 13) % 11
  if i % 997 == 0 then x[i] = 0 / 0 end
  w[i] = 0.25 + ((i * 37) % 100) / 26.0
  effort[i] = 1 + (i * 5) % 7
end

-- Every number of csat_core's result b in the csat result a (which shows
-- ci_lower / ci_upper as ci, box_min / box_max as box and the method by
-- name).
local function same_fields(a, b, what)
  local n = 0
  for k, v in pairs(b) do
    local got = a[k]
    if k == "ci_lower" then got = a.ci[1] elseif k == "ci_upper" then got = a.ci[2] end
    local base, side = tostring(k):match("^(.*)_(m[ia][nx])$")
    if got == nil and base and type(a[base]) == "table" then
      got = a[base][side == "min" and 1 or 2]
    end
    if type(v) == "number" and k ~= "method" then
      h.check(h.same(got, v), what .. ": " .. k .. " " .. tostring(got) .. " ~= " .. tostring(v))
      n = n + 1
    end
  end
  h.check(n >= 8, what .. ": only " .. n .. " numbers compared")
end

h.test("scores of tables equal the array calls bit for bit", function()
  for _, weights in ipairs({ false, true }) do
    local wt = weights and w or nil
    local tag = weights and " (weighted)" or ""
    same_fields(csat.nps(x, { weights = wt }), raw.score_nps(x, wt, raw.nps_options()), "nps" .. tag)
    local c = raw.csat_options()
    c.scale_min, c.scale_max, c.satisfied_min = 0, 10, 9
    same_fields(csat.csat(x, { weights = wt, scale = { 0, 10 }, satisfied_min = 9 }),
      raw.score_csat(x, wt, c), "csat" .. tag)
    local s = raw.scale_options()
    s.scale_min, s.scale_max = 0, 10
    same_fields(csat.box_share(x, 3, 7, { weights = wt, scale = { 0, 10 } }),
      raw.score_box_share(x, wt, 3, 7, s), "box_share" .. tag)
    same_fields(csat.top_box(x, 3, { weights = wt, scale = { 0, 10 } }),
      raw.score_top_box(x, wt, 3, s), "top_box" .. tag)
    same_fields(csat.bottom_box(x, 2, { weights = wt, scale = { 0, 10 } }),
      raw.score_bottom_box(x, wt, 2, s), "bottom_box" .. tag)
    local e = csat.ces(effort, { weights = wt })
    local r = raw.score_ces(effort, wt, raw.ces_options())
    same_fields(e.effort or e, r.effort, "ces effort" .. tag)
    same_fields(e.low_effort, r.low_effort, "ces low effort" .. tag)
  end
end)

h.test("the NaN answers are counted missing", function()
  local r = csat.nps(x)
  h.check(r.n_missing == N // 997, "n_missing " .. r.n_missing)
  h.check(r.n + r.n_missing == N, "n " .. r.n)
end)

h.test("errors are the array call's", function()
  local bad = {}
  for i = 1, N do bad[i] = x[i] end
  bad[5000] = 11
  local e = h.raises("outside", csat.nps, bad)
  h.check(e.index == 5000, "index " .. tostring(e.index))
  local ok, raw_err = pcall(raw.score_nps, bad, nil, raw.nps_options())
  h.check(not ok and raw_err.index == 4999, "array call index " .. tostring(raw_err and raw_err.index))
  bad[5000] = "7"
  e = h.raises("not a number", csat.nps, bad)
  h.check(e.index == 5000, "index " .. tostring(e.index))
  local short = {}
  for i = 1, N - 1 do short[i] = 1.0 end
  h.raises("weights", csat.nps, x, { weights = short })
  local neg = {}
  for i = 1, N do neg[i] = w[i] end
  neg[4097] = -1
  e = h.raises("weight", csat.nps, x, { weights = neg })
  h.check(e.index == 4097, "weight index " .. tostring(e.index))
end)

h.test("a tally streamed from tables equals one fed the array", function()
  local a = csat.Tally(0, 10):add(x, w):add(x):add(x)
  local b = csat.Tally(0, 10)
  raw.tally_add(b._t, x, w)
  raw.tally_add(b._t, x, nil)
  raw.tally_add(b._t, x, nil)
  h.check(a:serialize() == b:serialize(), "serialised tallies differ")
end)

h.test("a tally that refuses a table is left as it was", function()
  local t = csat.Tally(0, 10):add(x, w)
  local before = t:serialize()
  local bad = {}
  for i = 1, N do bad[i] = x[i] end
  bad[N] = 12                    -- in the last chunk: the others were counted
  local e = h.raises("outside", t.add, t, bad)
  h.check(e.index == N, "index " .. tostring(e.index))
  h.check(t:serialize() == before, "the tally changed")
  bad[N] = "x"
  h.raises("not a number", t.add, t, bad)
  h.check(t:serialize() == before, "the tally changed")
end)

h.finish()
