-- The Lua surface of libcsat 1.0: error objects (code, status, message,
-- 1-based index, column by name, tostring), a singular design told apart
-- from bad input, the position of argument errors, results keyed by driver
-- name, and the summary's wording. Prints "N passed, M failed" and exits
-- non-zero on a failure.

local csat = require "csat"

local NAN, INF = 0 / 0, math.huge

-- Harness -------------------------------------------------------------------

local h = dofile((arg[0]:match("^(.*[/\\])") or "./") .. "harness.lua")
local test, check, with = h.test, h.check, h.with

-- The error object fn(...) raises.
local function caught(fn, ...)
  local ok, err = pcall(fn, ...)
  check(not ok, "no error raised", 2)
  check(csat.is_error(err), "not an error object: " .. tostring(err))
  return err
end

-- err has the fields in `want` (a field set to false must be nil) and its
-- message holds `words` (plain text).
local function is(err, want, words)
  for k, v in pairs(want) do
    if v == false then v = nil end
    check(err[k] == v, string.format("%s is %s, not %s (%s)", k, tostring(err[k]), tostring(v),
      tostring(err)))
  end
  if words then
    check(err.message:find(words, 1, true), "message '" .. err.message .. "' lacks '" .. words
      .. "'")
  end
end

local NAMES = { "speed", "price", "staff" }
local X = { { 6, 5, 7 }, { 5, 7, 5 }, { 7, 7, 9 }, { 1, 4, 2 }, { 5, 6, 4 }, { 4, 5, 5 },
            { 2, 4, 5 }, { 6, 5, 6 }, { 2, 5, 2 }, { 6, 5, 7 }, { 3, 6, 3 }, { 5, 6, 7 } }
local Y = { 6.5, 5.0, 7.0, 3.5, 4.5, 3.5, 1.5, 5.0, 1.5, 6.0, 3.5, 5.5 }
local W = { 0.87, 1.39, 1.28, 1.64, 1.63, 1.55, 0.9, 1.2, 1.64, 1.02, 1.43, 0.92 }

local function collinear()
  local x = {}
  for i, r in ipairs(X) do x[i] = { r[1], r[2], r[1] - r[2] } end
  return x
end

-- Error objects ---------------------------------------------------------------

test("status constants are exported, one name per code", function()
  local names = { "OK", "NULL", "EMPTY", "RANGE", "WEIGHT", "ARGUMENT", "NOMEM", "SINGULAR",
                  "TOO_FEW", "FORMAT", "OVERFLOW" }
  local seen = {}
  for _, n in ipairs(names) do
    check(math.type(csat[n]) == "integer", n .. " is not exported")
    check(not seen[csat[n]], n .. " repeats a code")
    seen[csat[n]] = true
  end
  check(csat.OK == 0)
end)

test("an error object has code, status, message, 1-based index and tostring", function()
  local err = caught(csat.nps, { 10, 9, 8, 11, 5 })
  is(err, { code = csat.RANGE, status = "range", index = 4, column = false, where = false },
    "value 11 at index 4 is outside the scale 0..10")
  check(tostring(err) == err.message, "tostring")
  check("nps: " .. err == "nps: " .. err.message and err .. "!" == err.message .. "!", "concat")
  check(not csat.is_error(err.message) and not csat.is_error({ code = 3 }), "is_error")
end)

test("statuses of bad data are told apart", function()
  is(caught(csat.nps, {}), { code = csat.EMPTY, status = "empty", index = false })
  is(caught(csat.nps, { 10, 9 }, { weights = { 1, -1 } }),
    { code = csat.WEIGHT, status = "weight", index = 2 }, "at index 2")
  is(caught(csat.Tally.deserialize, "garbage"), { code = csat.FORMAT, status = "format" })
  is(caught(csat.key_drivers, { X[1], X[2], X[3] }, { 1, 2, 3 }),
    { code = csat.TOO_FEW, status = "too_few" })
end)

test("a singular design is distinguishable from bad input", function()
  local singular = caught(csat.key_drivers, collinear(), Y, { names = NAMES })
  local bad = caught(csat.key_drivers, with(X, 4, { 1, INF, 2 }), Y, { names = NAMES })
  check(singular.code == csat.SINGULAR and singular.status == "singular", "singular")
  check(bad.code ~= csat.SINGULAR and bad.status == "range", "bad input " .. bad.status)
  local acc = csat.XProd(3):add(collinear(), Y)
  check(caught(csat.key_drivers_from, acc).code == csat.SINGULAR, "from an XProd")
end)

-- Positions: 1-based everywhere ---------------------------------------------------

test("rows and columns are 1-based and named when names are given", function()
  -- rows[4][2] is the second driver ('price') of the fourth row.
  local x = with(X, 4, { 1, INF, 2 })
  is(caught(csat.key_drivers, x, Y, { names = NAMES }),
    { code = csat.RANGE, index = 4, column = "price" }, "row 4, driver 2 ('price')")
  is(caught(csat.key_drivers, x, Y), { index = 4, column = 2 }, "row 4, driver 2 is")
  is(caught(csat.key_drivers, collinear(), Y, { names = NAMES }),
    { code = csat.SINGULAR, index = false, column = "staff" }, "driver 3 ('staff')")
  is(caught(csat.key_drivers, collinear(), Y), { column = 3 }, "driver 3 is")
  is(caught(csat.key_drivers, X, with(Y, 7, INF)), { index = 7, column = 4 }, "row 7 (column 4)")
end)

test("a non-numeric value names its row and column", function()
  local x = with(X, 3, { 7, "7", 9 })
  is(caught(csat.key_drivers, x, Y, { names = NAMES }),
    { code = csat.ARGUMENT, status = "argument", index = 3, column = "price" },
    "rows[3][2] ('price') is not a number (string)")
  is(caught(csat.key_drivers, x, Y), { index = 3, column = 2 }, "rows[3][2] is not a number")
  is(caught(csat.key_drivers, X, with(Y, 5, "4.5")), { index = 5, column = false },
    "values[5] is not a number (string)")
  is(caught(csat.nps, { 10, 9 }, { weights = { 1, true } }), { index = 2, column = false },
    "weights[2] is not a number (boolean)")
  is(caught(csat.gap, { { 1, 2 }, { 2, 3 } }, { { 1, 2 }, { 3, {} } }, { names = { "a", "b" } }),
    { index = 2, column = "b" }, "[2][2] ('b') is not a number (table)")
  is(caught(csat.index, { { 1, 2 }, { "3", 4 } }, { scales = { 1, 5 } }),
    { index = 2, column = 1 }, "items[2][1] is not a number")
end)

test("every family reports 1-based positions", function()
  is(caught(csat.csat, { 1, 2, 6 }), { index = 3 }, "value 6 at index 3")
  is(caught(csat.mean_score, { 1, 2, INF }), { index = 3 }, "at index 3")
  is(caught(function() return csat.Tally(1, 5):add({ 1, 9 }) end), { index = 2 }, "at index 2")
  is(caught(function() return csat.Moments():add({ INF }) end), { index = 1 }, "at index 1")
  is(caught(function() return csat.XProd(3):add(X, Y, with(W, 12, -1)) end),
    { code = csat.WEIGHT, index = 12 }, "at index 12")
  is(caught(csat.index, { { 1, 0 }, { 6, 3 } }, { scales = { { 1, 5 }, { 0, 10 } } }),
    { index = 2, column = 1 }, "value 6 at row 2, item 1 is outside")
  is(caught(csat.index, { { 1, 0 } }, { scales = { { 1, 5 }, { 10, 0 } } }),
    { index = false, column = 2 }, "item 2 has an invalid scale")
  is(caught(csat.adjust, { 0.1, 0.2, 1.5 }), { index = 3 }, "1.5 at index 3")
  is(caught(csat.trend, { { 30, 2 }, { 31, 2 }, { 32, 0 } }), { index = 3 }, "wave 3 has")
  is(caught(csat.percentile_rank, 3, { 1, 2, NAN }), { index = 3 }, "at index 3")
  is(caught(csat.gap, { { 1, NAN }, { 2, NAN } }, { { 1, 2 }, { 3, 4 } },
    { names = { "a", "b" } }), { code = csat.TOO_FEW, column = "b" }, "attribute 2 ('b') has 0")
  is(caught(csat.churn, { 0, 1, INF }, { NAN, NAN, NAN }, 0, 1), { index = 3 }, "customer 3")
  is(caught(csat.survival, { 3, 5, -1 }), { index = 3 }, "time -1 at index 3")
  is(caught(csat.survival, { 3, 5 }, { observed = { 1, 0.5 } }), { index = 2 }, "at index 2")
  is(caught(csat.complaints, { 1, 2, 2.5 }), { index = 3 }, "at index 3")
  is(caught(csat.reviews, { 1, 2, 6 }), { index = 3 }, "value 6 at index 3")
  is(caught(csat.resolution_times, { 1, 2 }, { sla = 1, quantiles = { 0.5, 2 } }),
    { index = 2 }, "probability 2 at index 2")
end)

test("an importance-performance error names the driver", function()
  local m = csat.key_drivers(X, Y, { names = NAMES })
  is(caught(m.ipa, m, "lmg", { performance = { 1, NAN, 3 } }),
    { code = csat.ARGUMENT, index = 2, column = "price" }, "driver 2 ('price')")
  is(caught(m.ipa, m, "lmg", { performance = { speed = 1, price = 2 } }),
    { code = csat.ARGUMENT, column = "staff" }, "no number for driver 'staff'")
end)

-- Argument errors ---------------------------------------------------------------

test("argument errors are error objects at the caller's position", function()
  local line
  local ok, err = pcall(function()
    line = debug.getinfo(1, "l").currentline + 1
    local r = csat.nps({ 10 }, { promotor_min = 9 })
    return r
  end)
  check(not ok and csat.is_error(err), "unknown option")
  is(err, { code = csat.ARGUMENT, status = "argument", index = false, column = false },
    "nps: unknown option 'promotor_min'")
  local where = "test_surface.lua:" .. line
  check(err.where and err.where:sub(-#where) == where, "where " .. tostring(err.where))
  check(tostring(err) == err.where .. ": " .. err.message, "tostring " .. tostring(err))
  ok, err = pcall(function()
    line = debug.getinfo(1, "l").currentline + 1
    local r = csat.nps({ 10 }, { level = "0.9" })
    return r
  end)
  check(err.where:sub(-#("test_surface.lua:" .. line)) == "test_surface.lua:" .. line,
    "string level at " .. tostring(err.where))
  is(err, { code = csat.ARGUMENT }, 'level must be a number, not the string "0.9"')
  -- Through methods, metamethods and nested csat calls the position is
  -- still the caller's, never csat.lua's.
  local m = csat.key_drivers(X, Y)
  for _, f in ipairs({
    function() local r = m:importance("gini"); return r end,
    function() local r = m:bootstrap("lmg", { reps = "10" }); return r end,
    function() local r = csat.Tally(1, 5) + 3; return r end,
    function() local r = csat.reviews({ 1, 2 }, { level = "0.9" }); return r end,
    function() local r = csat.percentile_rank("3", { 1, 2 }); return r end,
  }) do
    err = caught(f)
    check(err.code == csat.ARGUMENT and err.where and err.where:find("test_surface.lua:", 1, true)
      and not err.where:find("csat.lua", 1, true), "where " .. tostring(err.where))
  end
  -- Called by pcall itself (a C function), as error(msg, 2) there: no position.
  check(caught(csat.nps, { 10 }, { bogus = 1 }).where == nil, "position under pcall")
end)

test("errors about the data carry no position", function()
  local ok, err = pcall(function()
    local r = csat.nps({ 10, 11 })
    return r
  end)
  check(not ok and err.where == nil and tostring(err) == err.message, tostring(err))
end)

-- Results keyed by name -----------------------------------------------------------

test("importance is keyed by driver name and by position", function()
  local m = csat.key_drivers(X, Y, { weights = W, names = NAMES })
  for _, method in ipairs({ "lmg", "first", "last", "beta2", "pratt", "relative_weights" }) do
    local v, se = m:importance(method)
    check(#v == 3 and #se == 3, method .. " length")
    for j, name in ipairs(NAMES) do
      check(v[name] == v[j] and se[name] == se[j], method .. " " .. name)
    end
    local n = 0
    for _ in ipairs(v) do n = n + 1 end
    check(n == 3, "ipairs sees the positions only")
  end
  local shares = m:shares("lmg")
  check(shares.price == shares[2] and #shares == 3, "shares")
  local d = m:dominance()
  check(d.general.staff == d.general[3] and d.conditional.speed == d.conditional[1], "dominance")
  check(d.complete.speed.price == d.complete[1][2] and d.complete.price[3] == d.complete[2][3],
    "complete dominance")
  local b = m:bootstrap("lmg", { reps = 50, seed = 2 })
  for j, name in ipairs(NAMES) do
    check(b.estimate[name] == b.estimate[j] and b.lower[name] == b.lower[j]
      and b.upper[name] == b.upper[j], "bootstrap " .. name)
  end
  local q = m:ipa("lmg")
  check(q.quadrant.price == q.quadrant[2] and q.importance.staff == q.importance[3]
    and q.performance.speed == q.performance[1] and q.driver[2] == "price", "ipa")
end)

test("per-driver and per-term statistics are keyed by name", function()
  local m = csat.key_drivers(X, Y, { names = NAMES })
  for j, name in ipairs(NAMES) do
    for _, k in ipairs({ "beta", "vif", "r", "means", "sds" }) do
      check(m[k][name] == m[k][j] and #m[k] == 3, k .. " " .. name)
    end
  end
  for i, term in ipairs(m.terms) do
    for _, k in ipairs({ "coef", "se", "t", "p", "ci" }) do
      check(m[k][term] == m[k][i] and #m[k] == 4, k .. " " .. term)
    end
  end
  check(m.coef["(intercept)"] == m.coef[1] and m.ci.staff[2] == m.ci[4][2], "terms")
  -- Default names x1..xp key the results too.
  local d = csat.key_drivers(X, Y)
  check(d:importance().x2 == d:importance()[2] and d.coef.x3 == d.coef[4], "default names")
  local e = caught(csat.key_drivers, X, Y, { names = { "a", "(intercept)", "c" } })
  is(e, { code = csat.ARGUMENT, index = 2 }, "reserved")
end)

-- Summary -------------------------------------------------------------------------

test("the summary says weighted least squares only with weights", function()
  local first = function(m) return m:summary():match("^[^\n]*") end
  check(first(csat.key_drivers(X, Y)) == "Key-driver model: ordinary least squares")
  check(first(csat.key_drivers(X, Y, { weights = W })) == "Key-driver model: weighted least squares")
  check(first(csat.key_drivers(X, Y, { intercept = false }))
    == "Key-driver model: ordinary least squares, no intercept")
  local plain, weighted = csat.XProd(3):add(X, Y), csat.XProd(3):add(X, Y, W)
  check(not plain.weighted and weighted.weighted, "XProd.weighted")
  check(first(plain:fit()) == "Key-driver model: ordinary least squares", "XProd")
  check(first(weighted:fit()) == "Key-driver model: weighted least squares", "weighted XProd")
  check(first((plain + weighted):fit()):find("weighted"), "merged")
  check(first(plain:copy():fit()):find("ordinary"), "copy")
  check(first(csat.XProd.deserialize(plain:serialize()):fit()):find("ordinary"), "deserialized")
  check(first(csat.XProd.deserialize(weighted:serialize()):fit()):find("weighted"),
    "deserialized weighted")
end)

h.finish()
