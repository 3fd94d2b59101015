-- Regression tests of the hardening issue, as far as Lua reaches them.
--
-- Finding 8 (Lua part): numeric options and arguments are Lua numbers;
-- a string that looks like one ("0.9") is an error, never converted.
-- Findings 1, 2 and 5, fixed in the C library, are checked through the
-- module. Prints "N passed, M failed" and exits non-zero on a failure.

local csat = require "csat"
local core = require "csat_core"

-- Harness -------------------------------------------------------------------

local h = dofile((arg[0]:match("^(.*[/\\])") or "./") .. "harness.lua")
local test, check, raises, close = h.test, h.check, h.raises_text, h.close
local filled, scaled = h.filled, h.scaled

-- raises (harness.lua's raises_text) for csat_core itself, whose option
-- structs raise SWIG's string.
local function raises_raw(text, fn, ...)
  local ok, err = pcall(fn, ...)
  check(not ok, "no error raised, expected '" .. text .. "'")
  check(type(err) == "string" and err:find(text, 1, true) ~= nil,
    "error '" .. tostring(err) .. "' does not contain '" .. text .. "'")
end

local NPS = { 10, 9, 0, 5, 7, 10, 3, 8, 9, 6 }
local NPS_W = { 1.0, 2.0, 1.0, 3.0, 1.0, 1.0, 2.0, 0.5, 1.5, 1.0 }
local SAT = { 5, 4, 4, 3, 5, 2, 4, 5, 1, 4 }
local X = { { 6, 5 }, { 5, 7 }, { 7, 7 }, { 1, 4 }, { 5, 6 }, { 4, 5 }, { 2, 4 }, { 6, 5 },
            { 2, 5 }, { 6, 5 }, { 3, 6 }, { 5, 6 } }
local Y = { 6.5, 5.0, 7.0, 3.5, 4.5, 3.5, 1.5, 5.0, 1.5, 6.0, 3.5, 5.5 }
local W = { 0.87, 1.39, 1.28, 1.64, 1.63, 1.55, 0.9, 1.2, 1.64, 1.02, 1.43, 0.92 }

-- Finding 8: level = "0.9" and other numbers given as strings -------------------

local LEVEL = 'level must be a number, not the string "0.9"'

test("level as a string is refused by every score", function()
  raises(LEVEL, csat.nps, NPS, { level = "0.9" })
  raises(LEVEL, csat.csat, SAT, { level = "0.9" })
  raises(LEVEL, csat.box_share, SAT, 2, 4, { level = "0.9" })
  raises(LEVEL, csat.top_box, SAT, 2, { level = "0.9" })
  raises(LEVEL, csat.bottom_box, SAT, 2, { level = "0.9" })
  raises(LEVEL, csat.mean_score, SAT, { level = "0.9" })
  raises(LEVEL, csat.ces, { 5, 6, 7, 2 }, { level = "0.9" })
  raises(LEVEL, csat.index, { { 4, 5 }, { 3, 2 } }, { scales = { 1, 5 }, level = "0.9" })
  raises(LEVEL, csat.reviews, SAT, { level = "0.9" })
end)

test("level as a string is refused by accumulators", function()
  local t = csat.Tally(0, 10):add(NPS)
  raises(LEVEL, t.nps, t, { level = "0.9" })
  raises(LEVEL, t.csat, t, { level = "0.9" })
  raises(LEVEL, t.mean, t, { level = "0.9" })
  raises(LEVEL, t.top_box, t, 2, { level = "0.9" })
  local m = csat.Moments():add(SAT)
  raises(LEVEL, m.mean, m, { level = "0.9" })
end)

test("level as a string is refused by key drivers", function()
  raises(LEVEL, csat.key_drivers, X, Y, { level = "0.9" })
  local acc = csat.XProd(2):add(X, Y)
  raises(LEVEL, csat.key_drivers_from, acc, { level = "0.9" })
  local m = csat.key_drivers(X, Y)
  raises(LEVEL, m.bootstrap, m, "lmg", { reps = 10, level = "0.9" })
  raises('reps must be a non-negative integer, not the string "10"', m.bootstrap, m, "lmg",
    { reps = "10" })
  raises('seed must be a non-negative integer, not the string "1"', m.bootstrap, m, "lmg",
    { reps = 10, seed = "1" })
  raises('exact_max must be a non-negative integer, not the string "5"', m.importance, m,
    "lmg", { exact_max = "5" })
end)

test("level and other options as strings are refused by comparisons", function()
  local a, b = csat.nps(NPS), csat.nps(NPS, { weights = NPS_W })
  raises(LEVEL, csat.compare, a, b, { level = "0.9" })
  raises('benchmark must be a number, not the string "30"', csat.compare, a, nil,
    { benchmark = "30" })
  raises(LEVEL, csat.trend, { a, b }, { level = "0.9" })
  raises('target must be a number, not the string "4"', csat.gap, csat.mean_score(SAT),
    { target = "4" })
  raises(LEVEL, csat.gap, { { 1, 2 }, { 2, 3 }, { 3, 3 } }, { { 2, 2 }, { 3, 4 }, { 3, 5 } },
    { level = "0.9" })
  raises("expected 'double' got 'string'", csat.percentile_rank, "50", { 10, 20, 60 })
end)

test("numbers as strings are refused by business measures", function()
  raises(LEVEL, csat.survival, { 3, 5, 7 }, { level = "0.9" })
  raises('per must be a number, not the string "100"', csat.rate, 3, 10, { per = "100" })
  raises(LEVEL, csat.rate, 3, 10, { level = "0.9" })
  raises(LEVEL, csat.referral_rate, 3, 10, { level = "0.9" })
  raises('customers must be a number, not the string "100"', csat.complaints, { 1, 2, 1 },
    { customers = "100" })
  raises('horizon must be a number, not the string "5"', csat.clv, 100, 0.8, 0.1,
    { horizon = "5" })
  raises("expected 'double' got 'string'", csat.retention, "100", 90)
  raises("expected 'double' got 'string'", csat.churn_convert, "0.1", 12)
  raises("expected 'double' got 'string'", csat.churn, { 0, 1 }, { 0 / 0, 2 }, "0", 3)
  local s = csat.survival({ 3, 5, 7 })
  raises("expected 'double' got 'string'", s.at, s, "4")
end)

test("integer options as strings are refused", function()
  raises('promoter_min must be an integer, not the string "9"', csat.nps, NPS,
    { promoter_min = "9" })
  raises('satisfied_min must be an integer, not the string "4"', csat.csat, SAT,
    { satisfied_min = "4" })
  raises('scale[2] must be an integer, not the string "10"', csat.nps, NPS,
    { scale = { 0, "10" } })
  raises("expected an integer", csat.top_box, SAT, "2")
  raises("expected an integer", csat.box_share, SAT, "2", 4)
end)

test("the low-level option structs take numbers only", function()
  local o = core.nps_options()
  raises_raw("expected 'double' got 'string'", function() o.level = "0.9" end)
  raises_raw("expected 'csat_nps_method' got 'string'", function() o.method = "1" end)
  raises_raw("expected an integer", function() o.promoter_min = "9" end)
  o.level = 0.9
  check(o.level == 0.9)
end)

test("numbers are still accepted", function()
  local r = csat.nps(NPS, { level = 0.9, promoter_min = 9.0 })
  check(r.level == 0.9 and r.score == csat.nps(NPS).score)
  check(csat.compare(csat.nps(NPS), nil, { benchmark = 30, level = 0.9 }).level == 0.9)
  check(csat.rate(3, 10, { per = 100 }).rate == 30)
end)

-- Findings fixed in the C library, reached through Lua --------------------------

test("finding 1: bootstrap reps whose buffer size overflows are refused", function()
  local m = csat.key_drivers(X, Y, { weights = W })
  local ok, err = pcall(m.bootstrap, m, "lmg", { reps = (1 << 61) + 1 })
  check(not ok, "bootstrap with 2^61 + 1 replicates did not fail")
  check(csat.is_error(err) and type(err.message) == "string" and #err.message > 0, "no message")
  check(err.code == csat.OVERFLOW and err.status == "overflow", "status " .. tostring(err.status))
end)

test("finding 2: a constant outcome with an inexact mean is singular", function()
  raises("constant", csat.key_drivers, X, filled(#Y, 0.7))
  raises("constant", csat.key_drivers, X, filled(#Y, 7), { weights = W })
  local acc = csat.XProd(2):add(X, filled(#Y, 0.7))
  raises("constant", csat.key_drivers_from, acc)
end)

test("finding 2: a constant driver with weights is singular", function()
  local x = {}
  for i, r in ipairs(X) do x[i] = { r[1], 5 } end
  check(raises("driver 2", csat.key_drivers, x, Y, { weights = W }).code == csat.SINGULAR)
  check(raises("driver 2", csat.key_drivers_from, csat.XProd(2):add(x, Y, W)).column == 2)
end)

test("finding 5: the mean of huge values is not silently NaN", function()
  local ok, r = pcall(csat.mean_score, { 1e308, -1e308 })
  check(not ok and tostring(r):find("1e50", 1, true), "huge values not refused: " .. tostring(r))
  r = csat.mean_score({ 1e50, -1e50 })
  check(r.score == 0 and r.se == r.se and math.abs(r.se) < math.huge, "edge values")
end)

test("finding 5: the NPS SE does not depend on the scale of the weights", function()
  local ref = csat.nps(NPS, { weights = NPS_W })
  for _, k in ipairs({ 1e200, 1e-200, 1e154, 1e-154 }) do
    local ok, r = pcall(csat.nps, NPS, { weights = scaled(NPS_W, k) })
    check(not ok and tostring(r):find("weight", 1, true), "weights at scale " .. k .. " not refused")
  end
  for _, k in ipairs({ 1e45, 1e-45 }) do     -- within the weights the library accepts
    local r = csat.nps(NPS, { weights = scaled(NPS_W, k) })
    close(r.se, ref.se, 1e-12, "se at scale " .. k)
    close(r.score, ref.score, 1e-12, "score at scale " .. k)
  end
end)

-- Finding 3: blobs that no add or merge can produce are refused (byte
-- layouts in doc/methods.md, "Serialisation format").
local function with_f64(blob, offset, v)
  return blob:sub(1, offset) .. string.pack("<d", v) .. blob:sub(offset + 9)
end
local function with_u64(blob, offset, v)
  return blob:sub(1, offset) .. string.pack("<I8", v) .. blob:sub(offset + 9)
end

test("finding 3: a tally blob with inconsistent weight sums is refused", function()
  local t = csat.Tally(1, 5)
  t:add({ 1, 4, 5, 5, 3 }, { 1, 2, 1, 1, 1 })
  local blob = t:serialize()
  check(csat.Tally.deserialize(blob):serialize() == blob, "round trip")
  -- Point 5: two weighted answers, Σw = 2, Σw² = 2; Σw² = 0 is impossible.
  raises("inconsistent", csat.Tally.deserialize, with_f64(blob, 24 + 32 * 4 + 24, 0))
  -- 2^63 answers at each of two points wrap a 64-bit total.
  raises("inconsistent", csat.Tally.deserialize,
    with_u64(with_u64(blob, 24, 1 << 63), 24 + 32, 1 << 63))
end)

test("finding 3: moments with min above max or reserved bytes set are refused", function()
  local m = csat.Moments()
  m:add({ 1000, 1000, 1000 })
  local blob = m:serialize()
  raises("inconsistent", csat.Moments.deserialize, with_f64(blob, 24 + 8 * 6, 1001))
  raises("reserved", csat.Moments.deserialize, blob:sub(1, 90) .. "\1" .. blob:sub(92))
  raises("inconsistent", csat.Moments.deserialize, with_f64(with_u64(blob, 8, 0), 24, 4))
end)

-- Finding 6: NaN scores are refused; SEs s and 2s with n = 10 and 20 give
-- the Welch df (1 + 4)^2 / (1/9 + 16/19) = 4275/163 whatever s is.
test("finding 6: comparisons of extreme or NaN means", function()
  local xa, xb = {}, {}
  for i = 0, 9 do xa[#xa + 1] = i end
  for i = 0, 19 do xb[#xb + 1] = i end
  local a, b = csat.mean_score(xa), csat.mean_score(xb)
  for _, s in ipairs({ 1e-160, 1, 1e160 }) do
    a.se, b.se = s, 2 * s
    local c = csat.compare(a, b)
    close(c.df, 4275 / 163, 1e-14, "df at se " .. s)
    check(c.p == c.p, "p is NaN at se " .. s)
  end
  a.score = 0 / 0
  raises("score", csat.compare, a, b)
end)

h.finish()
