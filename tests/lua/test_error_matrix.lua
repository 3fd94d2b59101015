-- The bad-input matrix of doc/errors.md, from Lua.
--
-- One row per (function, cell): the call and words its error message must
-- hold. In Lua every failure is an error object (csat.lua's header): code
-- and status (the library's, or csat.ARGUMENT for input of the wrong type:
-- nil for data, a string for a number), the message with every position
-- 1-based, index and column (1-based, or nil), and tostring giving the
-- message. Every row also checks that the object is consistent: its status
-- names its code, an index or numbered column appears in the message. The C suite
-- tests/test_errors.c covers every cell; this table covers the main cells of
-- every family: nil, empty, all NaN, +-inf, out of scale, bad weights, zero
-- spread, collinear, too few, size overflow and bad options.
-- Prints "N passed, M failed" and exits non-zero on a failure.

local csat = require "csat"

local NAN, INF = 0 / 0, math.huge

-- Harness -------------------------------------------------------------------

local h = dofile((arg[0]:match("^(.*[/\\])") or "./") .. "harness.lua")
local report, succeeds, check, close = h.report, h.test, h.check, h.close
local with, scaled, filled = h.with, h.scaled, h.filled

-- What is wrong with an error object, or nil: code and status agree,
-- tostring ends with the message, index and column are 1-based and appear
-- in the message (a named column as 'name').
local function malformed(err)
  if not csat.is_error(err) then
    return "error is a " .. type(err) .. ", not an error object"
  elseif math.type(err.code) ~= "integer" or type(err.status) ~= "string"
      or csat[err.status:upper()] ~= err.code or err.code == csat.OK then
    return "code " .. tostring(err.code) .. " and status " .. tostring(err.status) .. " disagree"
  elseif type(err.message) ~= "string" or #err.message == 0
      or tostring(err):sub(-#err.message) ~= err.message then
    return "tostring '" .. tostring(err) .. "' does not give the message"
  elseif err.index ~= nil and not (math.type(err.index) == "integer" and err.index >= 1
      and err.message:find("%f[%d]" .. err.index .. "%f[%D]")) then
    return "index " .. tostring(err.index) .. " is not 1-based in '" .. err.message .. "'"
  elseif math.type(err.column) == "integer" and not (err.column >= 1
      and err.message:find("%f[%d]" .. err.column .. "%f[%D]")) then
    return "column " .. err.column .. " is not 1-based in '" .. err.message .. "'"
  elseif type(err.column) == "string" and not err.message:find("'" .. err.column .. "'", 1, true) then
    return "column '" .. err.column .. "' is not named in '" .. err.message .. "'"
  elseif err.column ~= nil and math.type(err.column) ~= "integer" and type(err.column) ~= "string" then
    return "column " .. tostring(err.column) .. " is neither a number nor a name"
  end
  return nil
end

-- The call must raise an error object whose message holds `words` (plain
-- text, not a pattern).
local function fails(name, words, fn)
  local ok, err = pcall(fn)
  if ok then
    report(name, false, "succeeded, expected an error with '" .. words .. "'")
  elseif malformed(err) then
    report(name, false, malformed(err))
  elseif not tostring(err):find(words, 1, true) then
    report(name, false, "message '" .. tostring(err) .. "' lacks '" .. words .. "'")
  else
    report(name, true)
  end
end

-- A copy of a result table with some fields replaced (same metatable).
local function altered(r, fields)
  local c = {}
  for k, v in pairs(r) do
    c[k] = v
  end
  for k, v in pairs(fields) do
    c[k] = v
  end
  return setmetatable(c, getmetatable(r))
end

-- Fixtures ------------------------------------------------------------------

local NPS = { 10, 9, 8, 7, 3, 10, 0, 6, 9, 5 }
local SAT = { 1, 4, 2, 5, 3, 1, 4, 2, 5, 3 }
local CES = { 1, 4, 7, 3, 6, 2, 5, 1, 4, 7 }
local W = { 0.83, 1.27, 0.61, 1.95, 1.02, 0.74, 1.33, 0.58, 1.41, 0.96 }
local X = { { 3, 2 }, { 5, 4 }, { 4, 6 }, { 6, 3 }, { 2, 5 }, { 7, 4 },
            { 5, 7 }, { 4, 2 }, { 6, 5 }, { 3, 6 }, { 5, 3 }, { 7, 4 } }
local Y = { 3.1, 5.2, 5.9, 5.1, 3.6, 6.4, 6.8, 3.2, 6.0, 4.9, 4.3, 6.1 }
local KW = { 0.83, 1.27, 0.61, 1.95, 1.02, 0.74, 1.33, 0.58, 1.41, 0.96, 1.18, 0.87 }

local function rows_with(f)
  local r = {}
  for i, row in ipairs(X) do
    r[i] = { f(i, row) }
  end
  return r
end

local X1 = rows_with(function(_, row) return row[1] end)
local X_CONST = rows_with(function(_, row) return row[1], 0.7 end)
local X_COLLINEAR = rows_with(function(_, row) return row[1], 2 * row[1] + 1 end)
local X_INF = rows_with(function(i, row) return row[1], i == 5 and INF or row[2] end)

-- Scores --------------------------------------------------------------------

local scores = {
  { "nps", function(x, o) return csat.nps(x, o) end, NPS, 0, 10 },
  { "csat", function(x, o) return csat.csat(x, o) end, SAT, 1, 5 },
  { "top_box", function(x, o) return csat.top_box(x, 2, o) end, SAT, 1, 5 },
  { "bottom_box", function(x, o) return csat.bottom_box(x, 2, o) end, SAT, 1, 5 },
  { "box_share", function(x, o) return csat.box_share(x, 4, 5, o) end, SAT, 1, 5 },
  { "ces", function(x, o) return csat.ces(x, o) end, CES, 1, 7 },
  { "distribution", function(x, o) return csat.distribution(x, o) end, SAT, 1, 5 },
}

for _, s in ipairs(scores) do
  local name, f, data, lo, hi = s[1], s[2], s[3], s[4], s[5]
  fails(name .. " nil", "must be a table", function() return f(nil) end)
  fails(name .. " empty", "no valid", function() return f({}) end)
  fails(name .. " all NaN", "no valid", function() return f({ NAN, NAN }) end)
  fails(name .. " inf", "inf at index 3 is outside the scale", function()
    return f(with(data, 3, INF))
  end)
  fails(name .. " -inf", "at index 3 is outside the scale", function()
    return f(with(data, 3, -INF))
  end)
  fails(name .. " out of scale", "at index 4 is outside the scale " .. lo .. ".." .. hi,
    function() return f(with(data, 4, hi + 1)) end)
  fails(name .. " non-integer", "at index 5 is not an integer", function()
    return f(with(data, 5, lo + 0.5))
  end)
  fails(name .. " negative weight", "weight -1 at index 2", function()
    return f(data, { weights = with(W, 2, -1) })
  end)
  fails(name .. " NaN weight", "at index 6 is negative, NaN", function()
    return f(data, { weights = with(W, 6, NAN) })
  end)
  fails(name .. " zero weights", "sum to 0", function()
    return f(data, { weights = filled(#data, 0) })
  end)
  fails(name .. " huge weights", "outside [1e-50, 1e50]", function()
    return f(data, { weights = scaled(W, 1e300) })
  end)
  fails(name .. " tiny weights", "outside [1e-50, 1e50]", function()
    return f(data, { weights = scaled(W, 1e-300) })
  end)
  fails(name .. " scale overflow", "invalid scale", function()
    return f(data, { scale = { -(1 << 31), (1 << 31) - 1 } })
  end)
  if name ~= "distribution" then
    fails(name .. " level", "level 1.5", function() return f(data, { level = 1.5 }) end)
    fails(name .. " level string", "level must be a number", function()
      return f(data, { level = "0.9" })
    end)
  end
  succeeds(name .. " weights within range are scale-free", function()
    local a, b = f(data, { weights = W }), f(data, { weights = scaled(W, 1e45) })
    local c = f(data, { weights = scaled(W, 1e-45) })
    if a.se then
      close(b.se, a.se, 1e-12, "se at 1e45")
      close(c.se, a.se, 1e-12, "se at 1e-45")
    end
  end)
end

fails("nps thresholds", "detractor_max < promoter_min", function()
  return csat.nps(NPS, { promoter_min = 6, detractor_max = 6 })
end)
fails("top_box k", "k = 0", function() return csat.top_box(SAT, 0) end)
fails("top_box k string", "expected an integer", function() return csat.top_box(SAT, "2") end)
succeeds("nps zero spread", function()
  local r = csat.nps({ 10, 10, 10 })
  check(r.se == 0 and r.score == 100, "se " .. r.se)
end)

fails("mean_score nil", "must be a table", function() return csat.mean_score(nil) end)
fails("mean_score empty", "no valid", function() return csat.mean_score({}) end)
fails("mean_score all NaN", "no valid", function() return csat.mean_score({ NAN }) end)
fails("mean_score inf", "inf at index 2 is infinite", function()
  return csat.mean_score({ 1, INF })
end)
fails("mean_score out of range", "beyond +-1e50", function()
  return csat.mean_score({ 1e308, -1e308 })
end)
fails("mean_score weights 1e308", "outside [1e-50, 1e50]", function()
  return csat.mean_score({ 1, 2 }, { weights = { 1e308, 1e308 } })
end)
fails("mean_score level", "level 0", function() return csat.mean_score(Y, { level = 0 }) end)
succeeds("mean_score one value", function()
  local r = csat.mean_score({ 4 })
  check(r.score == 4 and r.sd ~= r.sd, "sd of one value must be NaN")
end)
succeeds("mean_score zero spread", function()
  local r = csat.mean_score(filled(5, 0.7), { weights = { 1, 2, 3, 1, 2 } })
  check(r.sd == 0 and r.se == 0, "sd " .. r.sd)
end)

local INDEX = { { 1, 0 }, { 2, 3 }, { 3, 5 }, { 4, 7 }, { 5, 10 }, { 3, 2 } }
local SCALES = { { 1, 5 }, { 0, 10 } }
-- No rows: Lua cannot tell the number of items, so k = 0 is what is wrong.
fails("index empty", "need k >= 1 items", function()
  return csat.index({}, { scales = { 1, 5 } })
end)
fails("index all NaN", "no valid", function()
  return csat.index({ { NAN, NAN }, { NAN, NAN } }, { scales = SCALES })
end)
fails("index inf", "row 3, item 2", function()
  return csat.index(with(INDEX, 3, { 3, INF }), { scales = SCALES })
end)
fails("index out of scale", "value 6 at row 2, item 1", function()
  return csat.index({ { 1, 0 }, { 6, 3 } }, { scales = SCALES })
end)
fails("index negative weight", "weight -1 at index 2", function()
  return csat.index(INDEX, { scales = SCALES, weights = { 1, -1, 1, 1, 1, 1 } })
end)
fails("index item weights overflow", "item weights", function()
  return csat.index(INDEX, { scales = SCALES, item_weights = { 1e308, 1e308 } })
end)
fails("index bad scale", "item 2 has an invalid scale", function()
  return csat.index(INDEX, { scales = { { 1, 5 }, { 10, 0 } } })
end)

-- Accumulators ----------------------------------------------------------------

local function tally_past_two_to_the_64()
  local t = csat.Tally(1, 5):add({ 1 })
  local p = t:copy()
  for _ = 1, 63 do
    p:merge(p)
    t:merge(p)
  end
  return t
end

fails("Tally bad scale", "invalid scale", function() return csat.Tally(5, 1) end)
fails("Tally scale overflow", "at most 1048576 points", function()
  return csat.Tally(-(1 << 31), (1 << 31) - 1)
end)
fails("Tally:add out of scale", "value 6 at index 2", function()
  return csat.Tally(1, 5):add({ 1, 6 })
end)
fails("Tally:add inf", "inf at index 2", function() return csat.Tally(1, 5):add({ 1, INF }) end)
fails("Tally:add non-integer", "not an integer", function()
  return csat.Tally(1, 5):add({ 1, 2.5 })
end)
fails("Tally:add huge weights", "outside [1e-50, 1e50]", function()
  return csat.Tally(1, 5):add({ 1, 2 }, { 1e300, 1e300 })
end)
fails("Tally:add count overflow", "would overflow", function()
  return tally_past_two_to_the_64():add({ 1 })
end)
fails("Tally:merge other scale", "cannot merge", function()
  return csat.Tally(1, 5):merge(csat.Tally(0, 10))
end)
fails("Tally:merge count overflow", "would overflow", function()
  return tally_past_two_to_the_64():merge(csat.Tally(1, 5):add({ 1 }))
end)
fails("Tally.deserialize empty", "not a serialized tally", function()
  return csat.Tally.deserialize("")
end)
fails("Tally.deserialize garbage", "not a serialized tally", function()
  return csat.Tally.deserialize("not a tally at all, nor anything else")
end)
fails("Tally:nps empty", "no valid", function() return csat.Tally(0, 10):nps() end)
fails("Tally:mean all NaN", "no valid", function()
  return csat.Tally(1, 5):add({ NAN, NAN }):mean()
end)
fails("Tally:nps other scale", "scale_max", function() return csat.Tally(1, 5):add(SAT):nps() end)
succeeds("Tally unchanged by a failed add", function()
  local t = csat.Tally(1, 5):add(SAT)
  local before = t:serialize()
  check(not pcall(function() t:add({ 1, 6 }) end), "add must fail")
  check(not pcall(function() t:add({ 1, 2 }, { 1, -1 }) end), "add must fail")
  check(t:serialize() == before, "the tally changed")
end)

-- Little-endian patching of serialized accumulators (doc/methods.md,
-- "Serialisation format").
local function patch_u64(s, offset, v)
  return s:sub(1, offset) .. string.pack("<I8", v) .. s:sub(offset + 9)
end

local function patch_f64(s, offset, v)
  return s:sub(1, offset) .. string.pack("<d", v) .. s:sub(offset + 9)
end

local TALLY_BLOB = csat.Tally(1, 5):add({ 1, 2, 2, 5 }):add({ 3, 4 }, { 2, 0.5 }):serialize()
fails("Tally.deserialize sum of w^2 zero", "inconsistent", function()
  return csat.Tally.deserialize(patch_f64(TALLY_BLOB, 24 + 32 * 2 + 24, 0))
end)
fails("Tally.deserialize counts wrap", "inconsistent", function()
  return csat.Tally.deserialize(patch_u64(patch_u64(TALLY_BLOB, 24, 1 << 63), 56, 1 << 63))
end)

fails("Moments:add inf", "inf at index 2 is infinite", function()
  return csat.Moments():add({ 1, INF })
end)
fails("Moments:add out of range", "beyond +-1e50", function()
  return csat.Moments():add({ 1, 1e60 })
end)
fails("Moments:add tiny weights", "outside [1e-50, 1e50]", function()
  return csat.Moments():add({ 1, 2 }, { 1e-300, 1e-300 })
end)
fails("Moments:mean empty", "no valid", function() return csat.Moments():mean() end)
fails("Moments:mean zero weights", "sum to 0", function()
  return csat.Moments():add({ 1, 2 }, { 0, 0 }):mean()
end)
local MOMENTS_BLOB = csat.Moments():add({ 1, 2, 4 }, { 1, 2, 1 }):serialize()
fails("Moments.deserialize zeros", "not a serialized", function()
  return csat.Moments.deserialize(string.rep("\0", 96))
end)
fails("Moments.deserialize min above max", "inconsistent", function()
  return csat.Moments.deserialize(patch_f64(patch_f64(MOMENTS_BLOB, 72, 4), 80, 1))
end)
fails("Moments.deserialize n 0 with weight", "inconsistent", function()
  return csat.Moments.deserialize(patch_u64(MOMENTS_BLOB, 8, 0))
end)
fails("Moments:merge count overflow", "do not fit", function()
  return csat.Moments():add({ 1, 2, 3 }):merge(
    csat.Moments.deserialize(patch_u64(MOMENTS_BLOB, 8, -2)))
end)

fails("XProd p = 0", "p = 0", function() return csat.XProd(0) end)
fails("XProd:add inf", "infinite", function() return csat.XProd(2):add(X_INF, Y) end)
fails("XProd:add negative weight", "weight -1 at index 4", function()
  return csat.XProd(2):add(X, Y, with(KW, 4, -1))
end)
fails("XProd:add huge weights", "outside [1e-50, 1e50]", function()
  return csat.XProd(2):add(X, Y, scaled(KW, 1e300))
end)
fails("XProd:merge other p", "cannot merge", function()
  return csat.XProd(2):merge(csat.XProd(3))
end)
local XPROD_BLOB = csat.XProd(2):add(X, Y, KW):serialize()
fails("XProd.deserialize empty", "not a serialized", function()
  return csat.XProd.deserialize("")
end)
fails("XProd.deserialize n 0, n_pos 10^6", "inconsistent", function()
  return csat.XProd.deserialize(patch_u64(patch_u64(XPROD_BLOB, 16, 0), 32, 1000000))
end)
succeeds("XProd unchanged by a failed add", function()
  local a = csat.XProd(2):add(X, Y)
  local before = a:serialize()
  check(not pcall(function() a:add(X_INF, Y) end), "add must fail")
  check(a:serialize() == before, "the accumulator changed")
end)

-- Key drivers -----------------------------------------------------------------

fails("key_drivers nil", "must be a table", function() return csat.key_drivers(nil, Y) end)
fails("key_drivers all NaN", "0 complete rows", function()
  return csat.key_drivers(X, filled(12, NAN))
end)
fails("key_drivers inf", "row 5, driver 2", function() return csat.key_drivers(X_INF, Y) end)
fails("key_drivers out of range", "beyond +-1e50", function()
  return csat.key_drivers(X, with(Y, 5, 1e60))
end)
fails("key_drivers negative weight", "weight -1", function()
  return csat.key_drivers(X, Y, { weights = with(KW, 4, -1) })
end)
fails("key_drivers zero weights", "0 complete rows with positive weight", function()
  return csat.key_drivers(X, Y, { weights = filled(12, 0) })
end)
fails("key_drivers huge weights", "outside [1e-50, 1e50]", function()
  return csat.key_drivers(X, Y, { weights = scaled(KW, 1e300) })
end)
fails("key_drivers constant outcome", "constant", function()
  return csat.key_drivers(X, filled(12, 0.7))
end)
fails("key_drivers constant outcome, weighted", "constant", function()
  return csat.key_drivers(X, filled(12, 7), { weights = KW })
end)
fails("key_drivers constant driver", "driver 2 is constant", function()
  return csat.key_drivers(X_CONST, Y, { weights = KW })
end)
fails("key_drivers collinear", "linear combination", function()
  return csat.key_drivers(X_COLLINEAR, Y)
end)
fails("key_drivers n <= p", "need more rows than coefficients", function()
  return csat.key_drivers({ X[1], X[2], X[3] }, { Y[1], Y[2], Y[3] })
end)
fails("key_drivers level", "level", function() return csat.key_drivers(X, Y, { level = 1.5 }) end)
fails("key_drivers_from constant driver", "driver 2 is constant", function()
  return csat.key_drivers_from(csat.XProd(2):add(X_CONST, Y, KW))
end)
fails("key_drivers_from empty", "complete rows", function()
  return csat.key_drivers_from(csat.XProd(2))
end)
succeeds("key_drivers weights within range are scale-free", function()
  local a = csat.key_drivers(X, Y, { weights = KW })
  local b = csat.key_drivers(X, Y, { weights = scaled(KW, 1e45) })
  for j = 1, #a.coef do
    close(b.coef[j], a.coef[j], 1e-9, "coefficient " .. j)
    close(b.se[j], a.se[j], 1e-9, "se " .. j)
  end
end)

local model = csat.key_drivers(X, Y, { weights = KW })
fails("importance method", "method must be one of", function() return model:importance("gini") end)
fails("importance exact_max", "exact_max = 31", function()
  return model:importance("lmg", { exact_max = 31 })
end)
fails("importance permutations", "permutations", function()
  return model:importance("lmg", { exact_max = 1, permutations = 1 })
end)
fails("importance without intercept", "intercept", function()
  return csat.key_drivers(X, Y, { intercept = false }):importance("lmg")
end)
fails("bootstrap reps overflow", "do not fit", function()
  return csat.key_drivers(X1, Y):bootstrap("lmg", { reps = (1 << 61) + 1 })
end)
fails("bootstrap reps beyond memory", "at most 10000000 replicates", function()
  return csat.key_drivers(X1, Y):bootstrap("lmg", { reps = 1 << 58 })
end)
fails("bootstrap reps < 2", "at least 2", function()
  return model:bootstrap("lmg", { reps = 1 })
end)
fails("bootstrap of an XProd model", "no rows to resample", function()
  return csat.key_drivers_from(csat.XProd(2):add(X, Y)):bootstrap("lmg")
end)

-- Comparisons -----------------------------------------------------------------

local NPS_R = csat.nps(NPS, { weights = W })
local NPS_R2 = csat.nps({ 10, 9, 9, 7, 3, 10, 0, 6, 9, 9 })
local SHARE_R = csat.csat(SAT, { weights = W })
local MEAN_R = csat.mean_score(Y)
local MEAN_R2 = csat.mean_score(scaled(Y, 1.1))

fails("compare nil", "must be a result", function() return csat.compare(nil, NPS_R2) end)
fails("compare kinds", "cannot compare", function() return csat.compare(NPS_R, SHARE_R) end)
fails("compare NaN score", "not between -100 and 100", function()
  return csat.compare(altered(NPS_R, { score = NAN }), NPS_R2)
end)
fails("compare inf score", "not between -100 and 100", function()
  return csat.compare(altered(NPS_R, { score = INF }), NPS_R2)
end)
fails("compare NPS out of scale", "not between -100 and 100", function()
  return csat.compare(altered(NPS_R, { score = 150 }), NPS_R2)
end)
fails("compare NaN se", "standard error", function()
  return csat.compare(altered(NPS_R, { se = NAN }), NPS_R2)
end)
fails("compare NaN mean", "not a finite number", function()
  return csat.compare(altered(MEAN_R, { score = NAN }), MEAN_R2)
end)
fails("compare one observation", "degrees of freedom", function()
  return csat.compare(altered(MEAN_R, { df = 0 }), MEAN_R2)
end)
fails("compare share out of scale", "not a valid share", function()
  return csat.compare(altered(SHARE_R, { share = 1.5 }), SHARE_R)
end)
fails("compare benchmark out of scale", "benchmark 101", function()
  return csat.compare(NPS_R, nil, { benchmark = 101 })
end)
fails("compare level", "level", function() return csat.compare(NPS_R, NPS_R2, { level = 1.5 }) end)
succeeds("compare extreme SEs keep the Welch df", function()
  for _, se in ipairs({ 1e-160, 1e160 }) do
    local c = csat.compare(altered(MEAN_R, { se = se, df = 99 }),
      altered(MEAN_R2, { se = se, df = 99 }))
    close(c.df, 198, 1e-9, "df at se " .. se)
    check(c.p >= 0 and c.p <= 1, "p " .. c.p)
  end
end)
succeeds("compare zero SE", function()
  local c = csat.compare(altered(NPS_R, { se = 0 }), altered(NPS_R2, { se = 0 }))
  check(c.p == 0 or c.p == 1, "p " .. c.p)
end)

fails("adjust NaN", "at index 2 is not in [0, 1]", function() return csat.adjust({ 0.1, NAN }) end)
fails("adjust inf", "at index 2 is not in [0, 1]", function() return csat.adjust({ 0.1, INF }) end)
fails("adjust out of scale", "1.5 at index 3", function()
  return csat.adjust({ 0.1, 0.2, 1.5 })
end)
fails("adjust method", "method must be", function() return csat.adjust({ 0.1 }, "fisher") end)
fails("trend n <= p", "at least 2 waves", function() return csat.trend({ { 30, 2 } }) end)
fails("trend NaN score", "wave 2", function() return csat.trend({ { 30, 2 }, { NAN, 2 } }) end)
fails("trend inf score", "wave 2", function() return csat.trend({ { 30, 2 }, { INF, 2 } }) end)
fails("trend zero se", "wave 2", function() return csat.trend({ { 30, 2 }, { 31, 0 } }) end)
fails("percentile_rank empty", "no peer", function() return csat.percentile_rank(30, {}) end)
fails("percentile_rank NaN peer", "at index 2", function()
  return csat.percentile_rank(30, { 20, NAN })
end)
fails("percentile_rank NaN score", "score", function()
  return csat.percentile_rank(NAN, { 20, 30 })
end)

local GAP_E, GAP_P = {}, {}
for i = 0, 299 do
  GAP_E[i + 1] = { i % 5 + 1, i % 7 + 1 }
  GAP_P[i + 1] = { (3 * i) % 5 + 1, (2 * i) % 7 + 1 }
end
fails("gap all NaN", "attribute 1", function()
  return csat.gap({ { NAN, NAN }, { NAN, NAN } }, { { 1, 2 }, { 3, 4 } })
end)
fails("gap inf", "row 281, attribute 2", function()
  return csat.gap(GAP_E, with(GAP_P, 281, { 1, INF }))
end)
fails("gap difference overflow", "row 281, attribute 2", function()
  return csat.gap(with(GAP_E, 281, { 1, -1e308 }), with(GAP_P, 281, { 1, 1e308 }))
end)
fails("gap n <= p", "at least 2", function() return csat.gap({ { 1, 2 } }, { { 2, 3 } }) end)

-- Business measures -----------------------------------------------------------

fails("retention zero start", "no customers at the start", function()
  return csat.retention(0, 10, 0)
end)
fails("retention NaN", "finite", function() return csat.retention(NAN, 10, 0) end)
fails("retention inconsistent", "inconsistent", function() return csat.retention(100, 95, 96) end)
fails("churn empty", "no customer was active", function() return csat.churn({}, {}, 0, 1) end)
fails("churn inf start", "customer 2", function()
  return csat.churn({ 0, INF }, { NAN, NAN }, 0, 1)
end)
fails("churn end before start", "before its start", function()
  return csat.churn({ 0, 2 }, { NAN, 1 }, 0, 3)
end)
fails("churn period", "t0 < t1", function() return csat.churn({ 0, 1 }, { 2, NAN }, 3, 3) end)
fails("churn_convert out of scale", "0 <= churn <= 1", function()
  return csat.churn_convert(1.5, 12)
end)
local DUR = { 3, 5, 5, 8, 10, 12, 15, 20 }
fails("survival empty", "no valid", function() return csat.survival({}) end)
fails("survival all NaN", "no valid", function() return csat.survival({ NAN, NAN }) end)
fails("survival inf", "at index 3", function() return csat.survival(with(DUR, 3, INF)) end)
fails("survival negative", "time -1 at index 4", function()
  return csat.survival(with(DUR, 4, -1))
end)
fails("survival flag", "flag 0.5", function()
  return csat.survival(DUR, { observed = with(filled(8, 1), 5, 0.5) })
end)
fails("survival level", "level", function() return csat.survival(DUR, { level = 1.5 }) end)
fails("clv retention out of scale", "retention", function() return csat.clv(100, 1.5, 0.1) end)
fails("clv horizon", "whole number", function()
  return csat.clv(100, 0.8, 0.1, { horizon = 2.5 })
end)
fails("clv diverges", "converge", function() return csat.clv(100, 1, 0) end)
fails("rate negative", "whole number", function() return csat.rate(-1, 100) end)
fails("rate non-integer", "whole number", function() return csat.rate(2.5, 100) end)
fails("rate zero exposure", "exposure", function() return csat.rate(3, 0) end)
fails("complaints empty", "no valid", function() return csat.complaints({}) end)
fails("complaints code beyond 2^53", "2^53", function()
  return csat.complaints({ 1, 1 << 60 })
end)
local RT, RF = { 3, 5, 5, 8, 10, 12, 15, 20 }, { 1, 1, 0, 1, 0, 1, 1, 0 }
fails("resolution_times empty", "no valid", function()
  return csat.resolution_times({}, { sla = 1 })
end)
fails("resolution_times inf", "at index 3", function()
  return csat.resolution_times(with(RT, 3, INF), { resolved = RF, sla = 10 })
end)
fails("resolution_times none resolved", "no resolved complaint", function()
  return csat.resolution_times(RT, { resolved = filled(8, 0), sla = 10 })
end)
fails("resolution_times sla", "SLA", function()
  return csat.resolution_times(RT, { resolved = RF, sla = -1 })
end)
fails("reviews empty", "no valid", function() return csat.reviews({}) end)
fails("reviews out of scale", "value 6 at index 2", function() return csat.reviews({ 1, 6 }) end)
fails("reviews non-integer", "not an integer", function() return csat.reviews({ 1, 4.5 }) end)
fails("reviews prior", "prior", function() return csat.reviews(SAT, { prior = { 3, -1 } }) end)

h.finish()
