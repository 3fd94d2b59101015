-- Tests of the Lua module: the same data as tests/python/reference.py and
-- the numbers its independent formulas (numpy, scipy) give, printed by
-- `python3 tests/python/reference.py`; errors through pcall; accumulators.
-- Prints "N passed, M failed" and exits non-zero on a failure.

local csat = require "csat"

local NAN = 0 / 0

local NPS = { 10, 9, 9, 8, 7, 10, 6, 5, 9, 10, 3, 8, 9, NAN, 10, 7, 0, 9, 10, 6,
              8, 9, 10, 4, 9, 7, 10, 9, 2, 10, NAN, 8, 9, 10, 7, 6, 9, 10, 1, 8 }
local NPS_W = { 1.25, 0.8, 1.1, 0.95, 1.4, 0.6, 1.05, 2.1, 0.75, 1.0,
                1.3, 0.9, 1.15, 1.0, 0.85, 1.6, 0.7, 1.2, 0.0, 1.35,
                0.65, 1.45, 0.9, 1.05, 1.1, 0.55, 1.25, 0.95, 1.8, 1.0,
                0.5, 1.2, 0.85, 1.3, 1.0, 0.75, 1.15, 0.9, 1.5, 1.05 }
local SAT = { 5, 4, 4, 3, 5, 2, 4, 5, 1, 4, 5, 3, NAN, 4, 5, 5, 2, 4, 3, 5,
              4, 4, 5, 3, 2, 5, 4, 1, 4, 5 }
local SAT_W = { 1.1, 0.9, 1.3, 0.7, 1.0, 1.6, 0.8, 1.2, 2.0, 0.95,
                1.05, 1.4, 1.0, 0.85, 0.6, 1.25, 1.5, 0.75, 1.1, 0.9,
                1.0, 1.2, 0.7, 1.3, 1.45, 0.8, 1.0, 1.7, 0.9, 1.15 }
local EFFORT = { 6, 7, 5, 4, 6, 2, 7, 5, 3, 6, 7, 1, 5, 6, 4, 7, 6, 5, 2, 6 }
local HOURS = { 2.5, 3.75, 1.2, 8.0, 4.4, NAN, 6.1, 2.2, 3.3, 5.9, 12.25, 0.8, 4.05, 7.5 }
local HOURS_W = { 1.0, 0.5, 2.0, 1.5, 1.0, 1.0, 0.75, 1.25, 1.0, 2.5, 0.4, 1.1, 0.9, 1.3 }
local ITEMS = { { 4, 6, 8 }, { 5, 7, 9 }, { 3, 4, 6 }, { 2, 3, 5 }, { 4, 5, NAN }, { 5, 6, 10 },
                { 1, 2, 3 }, { 4, 7, 7 }, { 3, 5, 6 }, { 5, 5, 8 } }
local ITEM_SCALES = { { 1, 5 }, { 1, 7 }, { 0, 10 } }
local ITEM_WEIGHTS = { 2.0, 1.0, 1.0 }
local ITEMS_W = { 1.2, 0.8, 1.0, 1.5, 1.0, 0.9, 1.1, 1.3, 0.7, 1.0 }

-- Expected values (python3 tests/python/reference.py).
local expected = {
  nps_wald = { ci_lower = 2.3891990603306255, ci_upper = 55.505537781774642, detractors = 0.23684210526315788, n = 38, n_effective = 38, n_missing = 2, n_weighted = 38, passives = 0.23684210526315794, promoters = 0.52631578947368418, score = 28.947368421052634, se = 13.550335399124403 },
  nps_wald_w = { ci_lower = -10.535535578326556, ci_upper = 49.843322970168316, detractors = 0.28677379480840548, n = 38, n_effective = 34.00077926126032, n_missing = 2, n_weighted = 40.449999999999996, passives = 0.22991347342398027, promoters = 0.4833127317676143, score = 19.653893695920882, se = 15.403053072596132 },
  nps_adj = { ci_lower = 1.7384154353104506, ci_upper = 51.920121150055408, detractors = 0.23684210526315788, n = 38, n_effective = 38, n_missing = 2, n_weighted = 38, passives = 0.23684210526315794, promoters = 0.52631578947368418, score = 28.947368421052634, se = 12.801690773547843 },
  nps_adj_w90 = { ci_lower = -4.8139416682789253, ci_upper = 40.934678286328193, detractors = 0.28677379480840548, n = 38, n_effective = 34.00077926126032, n_missing = 2, n_weighted = 40.449999999999996, passives = 0.22991347342398027, promoters = 0.4833127317676143, score = 19.653893695920882, se = 13.906593025969244 },
  csat = { ci_lower = 0.50769865766906852, ci_upper = 0.82724383255516787, n = 29, n_effective = 29, n_missing = 1, n_weighted = 29, score = 68.965517241379317, se = 0.085909117090075829, share = 0.68965517241379315 },
  csat_w = { ci_lower = 0.4165368304873186, ci_upper = 0.76431611546781941, n = 29, n_effective = 26.73104027930432, n_missing = 1, n_weighted = 32.149999999999999, score = 60.342146189735615, se = 0.094616537275453952, share = 0.60342146189735613 },
  top1 = { ci_lower = 0.19940718526674997, ci_upper = 0.52654895909523858, n = 29, n_effective = 29, n_missing = 1, n_weighted = 29, score = 34.482758620689658, se = 0.088263227395460803, share = 0.34482758620689657 },
  bottom2_w = { ci_lower = 0.12938005206538566, ci_upper = 0.44500361647628167, n = 29, n_effective = 26.73104027930432, n_missing = 1, n_weighted = 32.149999999999999, score = 25.660964230171075, se = 0.084476714996895991, share = 0.25660964230171074 },
  box_2_4_99 = { ci_lower = 0.35703232902363213, ci_upper = 0.78327956961834988, n = 29, n_effective = 29, n_missing = 1, n_weighted = 29, score = 58.620689655172406, se = 0.091457239110722524, share = 0.58620689655172409 },
  mean = { ci_lower = 2.8464783493300581, ci_upper = 6.684290881439173, df = 12, max = 12.25, min = 0.80000000000000004, n = 13, n_effective = 13, n_missing = 1, n_weighted = 13, score = 4.7653846153846153, sd = 3.1754517142831173, se = 0.88071184450829265 },
  mean_w = { ci_lower = 2.6893589660483035, ci_upper = 6.221825244478012, df = 12, max = 12.25, min = 0.80000000000000004, n = 13, n_effective = 10.624971257760405, n_missing = 1, n_weighted = 15.200000000000001, score = 4.4555921052631575, sd = 2.8032282071141741, se = 0.81064014089021685 },
  ces_effort = { ci_lower = 4.1545688099141813, ci_upper = 5.8454311900858187, df = 19, max = 7, min = 1, n = 20, n_effective = 20, n_missing = 0, n_weighted = 20, score = 5, sd = 1.8064212949190013, se = 0.40392808114420825 },
  ces_low = { ci_lower = 0.48102718164647651, ci_upper = 0.85452275513239562, n = 20, n_effective = 20, n_missing = 0, n_weighted = 20, score = 70, se = 0.10246950765959599, share = 0.69999999999999996 },
  index = { ci_lower = 45.280656561529042, ci_upper = 87.682306401433891, df = 8, max = 96.666666666666671, min = 15.555555555555557, n = 9, n_effective = 9, n_missing = 1, n_weighted = 9, score = 66.481481481481467, sd = 27.581249221925667, se = 9.1937497406418895 },
  index_w = { ci_lower = 40.049198617968429, ci_upper = 87.091152259224543, df = 8, max = 97.5, min = 11.666666666666668, n = 9, n_effective = 8.5707502374169025, n_missing = 1, n_weighted = 9.5, score = 63.570175438596486, sd = 29.79084523530333, se = 10.199884927155857 },
}

-- Harness -------------------------------------------------------------------

local h = dofile((arg[0]:match("^(.*[/\\])") or "./") .. "harness.lua")
local test, check, same, raises = h.test, h.check, h.same, h.raises

local function close15(a, b)
  if b ~= b then
    return a ~= a
  end
  return a == b or math.abs(a - b) <= 5e-15 * math.max(math.abs(a), math.abs(b))
end

local function check_case(name, r)
  for field, want in pairs(expected[name]) do
    local got
    if field == "ci_lower" then
      got = r.ci[1]
    elseif field == "ci_upper" then
      got = r.ci[2]
    else
      got = r[field]
    end
    check(type(got) == "number", name .. "." .. field .. " missing")
    check(close15(got, want), string.format("%s.%s: %.17g ~= %.17g", name, field, got, want))
  end
end

-- Reference values --------------------------------------------------------------

local cases = {
  nps_wald = function() return csat.nps(NPS) end,
  nps_wald_w = function() return csat.nps(NPS, { weights = NPS_W }) end,
  nps_adj = function() return csat.nps(NPS, { method = "adjusted-wald" }) end,
  nps_adj_w90 = function()
    return csat.nps(NPS, { weights = NPS_W, level = 0.90, method = "adjusted-wald" })
  end,
  csat = function() return csat.csat(SAT) end,
  csat_w = function() return csat.csat(SAT, { weights = SAT_W }) end,
  top1 = function() return csat.top_box(SAT, 1) end,
  bottom2_w = function() return csat.bottom_box(SAT, 2, { weights = SAT_W }) end,
  box_2_4_99 = function() return csat.box_share(SAT, 2, 4, { level = 0.99 }) end,
  mean = function() return csat.mean_score(HOURS) end,
  mean_w = function() return csat.mean_score(HOURS, { weights = HOURS_W }) end,
  ces_effort = function() return csat.ces(EFFORT).effort end,
  ces_low = function() return csat.ces(EFFORT).low_effort end,
  index = function() return csat.index(ITEMS, { scales = ITEM_SCALES }) end,
  index_w = function()
    return csat.index(ITEMS, { scales = ITEM_SCALES, item_weights = ITEM_WEIGHTS, weights = ITEMS_W })
  end,
}

for name in pairs(expected) do
  test("reference " .. name, function() check_case(name, cases[name]()) end)
end

-- Result tables -------------------------------------------------------------------

test("nps fields", function()
  local r = csat.nps(NPS)
  check(r.method == "wald" and r.n == 38 and r.n_missing == 2 and r.level == 0.95)
  check(#r.ci == 2 and r.ci[1] < r.score and r.score < r.ci[2])
  check(math.abs(r.promoters + r.passives + r.detractors - 1) < 1e-15)
  check(csat.nps(NPS, { method = "adjusted-wald" }).method == "adjusted-wald")
  check(tostring(r):find("^NPS 28.95 %["))
end)

test("share fields", function()
  local r = csat.csat(SAT)
  check(r.box[1] == 4 and r.box[2] == 5 and r.score == 100 * r.share)
  local t = csat.top_box(SAT)
  check(t.box[1] == 4 and t.box[2] == 5)
  local b = csat.bottom_box(SAT)
  check(b.box[1] == 1 and b.box[2] == 2)
  check(csat.top_box({ 7, 6, 1 }, 2, { scale = { 1, 7 } }).box[1] == 6)
end)

test("mean of one value", function()
  local r = csat.mean_score({ 4.0 })
  check(r.score == 4 and r.sd ~= r.sd and r.se ~= r.se and r.ci[1] ~= r.ci[1])
end)

test("ces fields", function()
  local r = csat.ces(EFFORT)
  check(r.score == r.effort.score and r.se == r.effort.se and r.n == 20)
  check(r.low_effort.box[1] == 5 and r.low_effort.box[2] == 7)
  check(csat.ces(EFFORT, { low_effort_min = 6 }).low_effort.box[1] == 6)
end)

test("distribution", function()
  local d = csat.distribution(SAT)
  check(table.concat(d.values, ",") == "1,2,3,4,5")
  check(table.concat(d.counts, ",") == "2,3,4,10,10")
  check(d.n == 29 and d.n_missing == 1 and d.scale[1] == 1 and d.scale[2] == 5)
  local s = 0
  for _, v in ipairs(d.shares) do s = s + v end
  check(math.abs(s - 1) < 1e-15)
  local e = csat.distribution(EFFORT, { scale = { 1, 7 } })
  check(table.concat(e.counts, ",") == "1,2,1,2,4,6,4")
  local w = csat.distribution(SAT, { weights = SAT_W })
  check(math.abs(w.weights[1] - (2.0 + 1.7)) < 1e-15)
end)

test("index with one scale for all items", function()
  local a = csat.index({ { 1, 5 }, { 3, 2 } }, { scales = { 1, 5 } })
  local b = csat.index({ { 1, 5 }, { 3, 2 } }, { scales = { { 1, 5 }, { 1, 5 } } })
  check(same(a, b))
end)

test("missing values", function()
  local r = csat.csat({ 5, 4, NAN, 1, NAN })
  check(r.n == 3 and r.n_missing == 2)
end)

test("version", function()
  check(csat.version():match("^%d+%.%d+%.%d+$") and csat._VERSION == csat.version())
end)

-- Errors --------------------------------------------------------------------------

test("value off the scale", function()
  local e = raises("value 11 at index 4 is outside the scale 0..10", csat.nps, { 10, 9, 8, 11, 5 })
  check(e.code == csat.RANGE and e.status == "range" and e.index == 4 and e.column == nil)
  raises("outside the scale 1..5", csat.csat, { 0, 5 })
  raises("outside the scale", csat.nps, { math.huge })
end)

test("value not an integer", function()
  check(raises("9.5 at index 2", csat.nps, { 10, 9.5 }).index == 2)
end)

test("bad weights", function()
  local e = raises("weight %-1 at index 2", csat.nps, { 10, 9, 8 }, { weights = { 1, -1, 1 } })
  check(e.code == csat.WEIGHT and e.index == 2)
  raises("length of weights %(2%) differs from the number of answers %(3%)",
    csat.nps, { 10, 9, 8 }, { weights = { 1, 1 } })
  raises("length of weights", csat.mean_score, { 1, 2 }, { weights = { 1, 2, 3 } })
  e = raises("weights%[2%] is not a number", csat.nps, { 10, 9 }, { weights = { 1, "x" } })
  check(e.code == csat.ARGUMENT and e.index == 2)
end)

test("bad options", function()
  raises("method must be 'wald' or 'adjusted%-wald', not 'exact'", csat.nps, NPS, { method = "exact" })
  for _, level in ipairs({ 0, 1, 1.5, -0.1, NAN }) do
    raises("level", csat.nps, NPS, { level = level })
    raises("level", csat.mean_score, HOURS, { level = level })
  end
  raises("promoter_min must be an integer", csat.nps, NPS, { promoter_min = 8.5 })
  raises("unknown option 'promotor_min'", csat.nps, NPS, { promotor_min = 9 })
  raises("scale must be a table", csat.nps, NPS, { scale = 10 })
  raises("", csat.nps, NPS, { promoter_min = 6, detractor_max = 6 })
  raises("", csat.top_box, SAT, 0)
  raises("", csat.box_share, SAT, 4, 2)
  raises("expected an integer", csat.box_share, SAT, 2.5, 4)
end)

test("bad data", function()
  raises("values%[2%] is not a number %(string%)", csat.nps, { 1, "a" })
  raises("must be a table of numbers", csat.nps, 5)
  raises("", csat.nps, {})
  raises("", csat.nps, { NAN, NAN })
  raises("", csat.nps, { 10, 9 }, { weights = { 0, 0 } })
end)

test("index errors", function()
  raises("items%[2%] has 1 items", csat.index, { { 1, 2 }, { 1 } }, { scales = { 1, 5 } })
  raises("'scales' is required", csat.index, { { 1, 2 } })
  raises("", csat.index, { { 1, 2 }, { 3, 9 } }, { scales = { 1, 5 } })
  raises("length of item_weights", csat.index, { { 1, 2 } }, { scales = { 1, 5 }, item_weights = { 1, 2, 3 } })
end)

-- Accumulators ----------------------------------------------------------------------

local function slice(t, i, j)
  local s = {}
  for k = i, j do s[#s + 1] = t[k] end
  return s
end

test("tally estimators equal the array functions", function()
  local t = csat.Tally({ 0, 10 }):add(NPS)
  check(same(t:nps(), csat.nps(NPS)))
  check(same(t:nps({ method = "adjusted-wald", level = 0.9 }),
    csat.nps(NPS, { method = "adjusted-wald", level = 0.9 })))
  local s = csat.Tally(1, 5):add(SAT, SAT_W)
  check(same(s:csat(), csat.csat(SAT, { weights = SAT_W })))
  check(same(s:top_box(1), csat.top_box(SAT, 1, { weights = SAT_W })))
  check(same(s:bottom_box(), csat.bottom_box(SAT, 2, { weights = SAT_W })))
  check(same(s:box_share(2, 4), csat.box_share(SAT, 2, 4, { weights = SAT_W })))
  check(same(s:distribution(), csat.distribution(SAT, { weights = SAT_W })))
  local e = csat.Tally(1, 7):add(EFFORT)
  check(same(e:ces(), csat.ces(EFFORT)))
  check(same(e:mean(), csat.ces(EFFORT).effort))
end)

test("tally shards merge to the one-pass tally", function()
  local one = csat.Tally():add(NPS)
  local a = csat.Tally():add(slice(NPS, 1, 13))
  local b = csat.Tally():add(slice(NPS, 14, 27))
  local c = csat.Tally():add(slice(NPS, 28, 40))
  local merged = csat.Tally():merge(a):merge(b):merge(c)
  check(merged:serialize() == one:serialize())
  check(same(merged:nps(), one:nps()))
  local sum = a + b + c
  check(same(sum:nps(), one:nps()) and a.n == 13)
  check(one.n == 38 and one.sample.n_missing == 2 and one.scale[1] == 0 and one.scale[2] == 10)
end)

test("tally serialize and copy", function()
  local t = csat.Tally(1, 5):add(SAT, SAT_W)
  local s = t:serialize()
  check(type(s) == "string" and #s > 0)
  local back = csat.Tally.deserialize(s)
  check(back:serialize() == s and same(back:csat(), t:csat()))
  local c = t:copy():add({ 5, 5 })
  check(c.n == t.n + 2)
  check(tostring(t) == "Tally(1..5, n=29)")
end)

test("tally errors", function()
  local t = csat.Tally(1, 5)
  raises("outside the scale 1..5", t.add, t, { 1, 6 })
  check(t.n == 0)
  raises("", t.merge, t, csat.Tally(0, 10))
  raises("not a serialized tally", csat.Tally.deserialize, "garbage")
  raises("must be a string", csat.Tally.deserialize, 42)
  raises("", csat.Tally, 5, 1)
  raises("can only merge a Tally", t.merge, t, {})
end)

test("moments", function()
  local m = csat.Moments():add(HOURS, HOURS_W)
  local ref = csat.mean_score(HOURS, { weights = HOURS_W })
  local r = m:mean()
  check(m.n == 13 and m.n_missing == 1 and math.abs(m.n_weighted - ref.n_weighted) < 1e-12)
  check(math.abs(r.score - ref.score) < 1e-13 and math.abs(r.se - ref.se) < 1e-13)
  local back = csat.Moments.deserialize(m:serialize())
  check(back:serialize() == m:serialize() and same(back:mean(), m:mean()))
  local a = csat.Moments():add(slice(HOURS, 1, 7))
  local b = csat.Moments():add(slice(HOURS, 8, 14))
  local one = csat.Moments():add(HOURS)
  local sum = a + b
  check(sum.n == one.n and math.abs(sum:mean().score - one:mean().score) < 1e-13)
  check(a:copy():merge(b).n == one.n and a.n == 6)
  check(m:mean({ level = 0.9 }).level == 0.9)
  raises("", csat.Moments.deserialize, "x")
  raises("", m.add, m, { 1, math.huge })
end)

test("moments sample and copy", function()
  local m = csat.Moments():add(HOURS, HOURS_W)
  local ref = csat.mean_score(HOURS, { weights = HOURS_W })
  local s = m.sample
  check(s.n == 13 and s.n_missing == 1 and s.n_weighted == m.n_weighted)
  check(math.abs(s.n_effective - ref.n_effective) < 1e-12)
  local c = m:copy()
  check(c ~= m and c:serialize() == m:serialize() and same(c:mean(), m:mean()))
  -- The copy is independent of the original, both ways.
  local before = m:mean()
  c:add({ 1, 2 }, { 1, 1 })
  check(c.n == 15 and m.n == 13 and c:serialize() ~= m:serialize())
  check(same(m:mean(), before))
  m:add({ 100 })
  check(c.n == 15 and m.n == 14 and c:mean().score ~= m:mean().score)
  check(tostring(csat.Moments():add({ 1, 0 / 0 })) == "Moments(n=1)")
end)

test("garbage collection of handles", function()
  for _ = 1, 2000 do
    local t = csat.Tally(0, 1000):add({ 1, 2, 3 })
    local _ = t + t
  end
  collectgarbage()
  collectgarbage()
end)

h.finish()
