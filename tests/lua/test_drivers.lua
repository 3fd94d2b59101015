-- Tests of key drivers in the Lua module: the small data set KD of
-- tests/python/drivers_reference.py and the numbers its independent
-- computations (statsmodels WLS, numpy all-subsets regressions) give,
-- printed by `/usr/bin/python3 tests/python/drivers_reference.py`; errors
-- through pcall; the XProd accumulator.
-- Prints "N passed, M failed" and exits non-zero on a failure.

local csat = require "csat"

local NAN = 0 / 0

-- 24 respondents, three ratings and the overall rating; row 12 misses its
-- second rating, row 8 weighs 0.
local NAMES = { "speed", "price", "staff" }
local X = { { 6, 5, 7 }, { 5, 7, 5 }, { 7, 7, 9 }, { 1, 4, 2 }, { 5, 6, 4 }, { 4, 5, 5 }, { 2, 4, 5 },
            { 6, 5, 6 }, { 2, 5, 2 }, { 6, 5, 7 }, { 3, 6, 3 }, { 5, NAN, 7 }, { 5, 6, 7 }, { 4, 6, 6 },
            { 5, 6, 6 }, { 2, 7, 4 }, { 4, 6, 4 }, { 7, 5, 8 }, { 6, 8, 7 }, { 6, 7, 6 }, { 5, 7, 9 },
            { 3, 6, 6 }, { 5, 7, 7 }, { 3, 6, 6 } }
local Y = { 6.5, 5.0, 7.0, 3.5, 4.5, 3.5, 1.5, 5.0, 1.5, 6.0, 3.5, 5.5, 5.0, 5.5, 4.0, 3.5,
            5.5, 4.5, 6.0, 6.5, 4.5, 3.0, 4.0, 5.0 }
local W = { 0.87, 1.39, 1.28, 1.64, 1.63, 1.55, 0.9, 0.0, 1.64, 1.02, 1.43, 0.92, 1.17, 1.31,
            0.75, 0.93, 0.52, 1.33, 0.89, 1.86, 1.49, 1.93, 2.15, 1.45 }

-- Expected values (/usr/bin/python3 tests/python/drivers_reference.py).
local KD_REF = {
  r2 = 0.58765590515037025,
  adj_r2 = 0.51893188934209866,
  f = 8.5509541059100904,
  f_p = 0.00096265447898496396,
  df_model = 3,
  df_resid = 18,
  sigma = 1.1661921774700352,
  n = 23,
  n_missing = 1,
  n_weighted = 29.129999999999995,
  n_effective = 20.139146594137365,
  coef = { 0.60281383285115098, 0.60099509394138084, 0.23021824745575831, -0.025395300436173524 },
  se = { 1.312465911579499, 0.20662950020135393, 0.25025782752864756, 0.17338162218753456 },
  t = { 0.45929865875578374, 2.9085638466711194, 0.91992426262632976, -0.14647054350838426 },
  p = { 0.6515180602018259, 0.0093704125016125447, 0.36977700999273599, 0.88517789637708133 },
  ci_lower = { -2.154574727851263, 0.1668826228043665, -0.29555393814201752, -0.3896565718627093 },
  ci_upper = { 3.360202393553565, 1.0351075650783952, 0.75599043305353408, 0.33886597099036231 },
  beta = { 0.70324225747888913, 0.16150380116380633, -0.035220080954420058 },
  vif = { 2.5519105146185241, 1.3454701765204509, 2.5240202750499279 },
  r = { 0.75382941021697192, 0.48297129113166321, 0.58121644983836396 },
  means = { 4.3096464126330245, 5.979059388946105, 5.645039478201169 },
  sds = { 1.709786840313726, 1.0250639077189174, 2.0264921806144027 },
  condition = 3.0528343477842217,
  first = { 0.56825877970806771, 0.23326126805738578, 0.33781256156271144 },
  last = { 0.19379585211589268, 0.019386143405878853, 0.00049145964265739916 },
  beta2 = { 0.49454967270400418, 0.02608347779035829, 0.0012404541024359024 },
  pratt = { 0.53012469619496294, 0.078001699370754948, -0.020470490415347802 },
  lmg = { 0.35141160688000467, 0.096707996699656823, 0.13953630157070893 },
  relative_weights = { 0.34543797005994969, 0.10360824088566258, 0.13860969420475774 },
  conditional = { 0.56825877970806815, 0.2921801888160534, 0.19379585211589268, 0.23326126805738612, 0.037476578635705471, 0.019386143405878853, 0.33781256156271178, 0.080304883506757574, 0.00049145964265739916 },
  complete = { 0.5, 1, 1, 0, 0.5, 0.5, 0, 0.5, 0.5 },
  noint_coef = { 0.59315471088249372, 0.32926491207086822, -0.020424755926009508 },
  noint_r2 = 0.96068827640299626,
}

-- Harness -------------------------------------------------------------------

local h = dofile((arg[0]:match("^(.*[/\\])") or "./") .. "harness.lua")
local test, check, raises, sum = h.test, h.check, h.raises, h.sum

-- Relative agreement to 1e-10 (statsmodels, numpy and scipy against the
-- library; the differences seen are about 1e-14).
local function close(a, b, rel, what)
  rel = rel or 1e-10
  if type(b) == "table" then
    check(type(a) == "table" and #a == #b, (what or "") .. ": lengths differ")
    for i = 1, #b do
      close(a[i], b[i], rel, (what or "") .. "[" .. i .. "]")
    end
    return
  end
  check(type(a) == "number", (what or "") .. ": not a number")
  local ok = a == b or math.abs(a - b) <= rel * math.max(math.abs(a), math.abs(b), 1e-3)
  check(ok, string.format("%s: %.17g ~= %.17g", what or "", a, b))
end

-- Bit-for-bit equality of numbers or (nested) arrays of numbers: the same
-- length and the same elements, other keys ignored (results also carry
-- fields by driver name), unlike harness.lua's same.
local function same(a, b)
  if type(a) == "table" and type(b) == "table" then
    if #a ~= #b then return false end
    for i = 1, #a do
      if not same(a[i], b[i]) then return false end
    end
    return true
  end
  return (a ~= a and b ~= b) or a == b
end

local function column(t, j)
  local c = {}
  for i, row in ipairs(t) do c[i] = row[j] end
  return c
end

local function model()
  return csat.key_drivers(X, Y, { weights = W, names = NAMES })
end

-- Fit -------------------------------------------------------------------------

test("fit equals statsmodels WLS", function()
  local m = model()
  for _, k in ipairs({ "r2", "adj_r2", "f", "f_p", "df_model", "df_resid", "sigma", "n",
                       "n_missing", "n_weighted", "n_effective", "condition" }) do
    close(m[k], KD_REF[k], 1e-10, k)
  end
  for _, k in ipairs({ "coef", "se", "t", "p", "beta", "vif", "r", "means", "sds" }) do
    close(m[k], KD_REF[k], 1e-10, k)
  end
  close(column(m.ci, 1), KD_REF.ci_lower, 1e-10, "ci_lower")
  close(column(m.ci, 2), KD_REF.ci_upper, 1e-10, "ci_upper")
  check(m.n == 23 and m.n_missing == 1 and m.df_resid == 18 and m.level == 0.95)
  check(math.type(m.n) == "integer" and m.intercept == true and m.n_drivers == 3)
  check(table.concat(m.terms, ",") == "(intercept),speed,price,staff")
  check(table.concat(m.names, ",") == "speed,price,staff")
end)

test("fit without intercept", function()
  local m = csat.key_drivers(X, Y, { weights = W, intercept = false })
  close(m.coef, KD_REF.noint_coef, 1e-10, "coef")
  close(m.r2, KD_REF.noint_r2, 1e-10, "r2")
  check(m.intercept == false and #m.coef == 3 and table.concat(m.names, ",") == "x1,x2,x3")
end)

test("level", function()
  local m = csat.key_drivers(X, Y, { weights = W, level = 0.9 })
  local m95 = model()
  check(m.level == 0.9 and same(m.coef, m95.coef))
  check(m.ci[2][1] > m95.ci[2][1] and m.ci[2][2] < m95.ci[2][2])
end)

-- Importance --------------------------------------------------------------------

test("importance equals all subsets", function()
  local m = model()
  for _, method in ipairs({ "first", "last", "beta2", "pratt", "lmg", "relative_weights" }) do
    local v, se = m:importance(method)
    close(v, KD_REF[method], 1e-10, method)
    check(same(se, { 0, 0, 0 }), method .. " se")
    check(same(m:importance_se(method), se))
  end
  check(same(m:importance(), m:importance("lmg")))
  for _, method in ipairs({ "pratt", "lmg", "relative_weights" }) do
    close(sum(m:importance(method)), m.r2, 1e-13, method .. " sum")
    close(sum(m:shares(method)), 1, 1e-13, method .. " shares")
  end
  local v = m:importance("lmg")
  local s = m:shares("lmg")
  for j = 1, 3 do check(s[j] == v[j] / m.r2) end
end)

test("monte carlo lmg", function()
  local m = model()
  local exact = m:importance("lmg")
  local v, se = m:importance("lmg", { exact_max = 1, permutations = 3000, seed = 5 })
  for j = 1, 3 do
    check(se[j] > 0 and math.abs(v[j] - exact[j]) < 5 * se[j], "driver " .. j)
  end
  close(sum(v), m.r2, 1e-12, "sum")
  check(same(v, (m:importance("lmg", { exact_max = 1, permutations = 3000, seed = 5 }))))
  check(not same(v, (m:importance("lmg", { exact_max = 1, permutations = 3000, seed = 6 }))))
end)

test("dominance", function()
  local m = model()
  local d = m:dominance()
  close(d.general, KD_REF.lmg, 1e-10, "general")
  for j = 1, 3 do
    for k = 1, 3 do
      close(d.conditional[j][k], KD_REF.conditional[(j - 1) * 3 + k], 1e-10, "conditional")
      check(d.complete[j][k] == KD_REF.complete[(j - 1) * 3 + k], "complete")
    end
  end
  check(same(d.general, m:importance("lmg")) and table.concat(d.names, ",") == "speed,price,staff")
end)

test("bootstrap is reproducible", function()
  local m = model()
  local a = m:bootstrap("lmg", { reps = 200, seed = 42 })
  local b = m:bootstrap("lmg", { reps = 200, seed = 42 })
  local c = m:bootstrap("lmg", { reps = 200, seed = 43 })
  check(same(a.lower, b.lower) and same(a.upper, b.upper))
  check(not same(a.lower, c.lower))
  check(same(a.estimate, m:importance("lmg")) and math.type(a.failed) == "integer")
  for j = 1, 3 do
    check(a.lower[j] <= a.upper[j])
  end
  local d = m:bootstrap("relative_weights", { reps = 100, level = 0.8 })
  check(#d.lower == 3 and #d.upper == 3)
end)

test("ipa quadrants", function()
  local m = model()
  local t = m:ipa("lmg")
  local imp, perf = m:importance("lmg"), m.means
  local mi, mp = sum(imp) / 3, sum(perf) / 3
  local names = {
    ["true false"] = "concentrate here", ["true true"] = "keep up the good work",
    ["false false"] = "low priority", ["false true"] = "possible overkill",
  }
  check(same(t.importance, imp) and same(t.performance, perf))
  check(table.concat(t.driver, ",") == "speed,price,staff")
  for j = 1, 3 do
    check(t.quadrant[j] == names[tostring(imp[j] >= mi) .. " " .. tostring(perf[j] >= mp)],
      "quadrant " .. j)
  end
  local r = m:ipa("lmg", { rescale = { 1, 10 }, importance_cross = 0.1, performance_cross = 50 })
  for j = 1, 3 do
    check(r.performance[j] == 100.0 * (perf[j] - 1) / 9)
    check(r.quadrant[j] == names[tostring(imp[j] >= 0.1) .. " " .. tostring(r.performance[j] >= 50)])
  end
  local g = m:ipa("lmg", { performance = { speed = 30, price = 80, staff = 90 },
                           importance_cross = 0.12, performance_cross = 50 })
  check(table.concat(g.quadrant, ",") == "concentrate here,possible overkill,keep up the good work")
  local p = m:ipa("lmg", { performance = { 30, 80, 90 }, importance_cross = 0.12,
                           performance_cross = 50 })
  check(same(p.quadrant, g.quadrant))
end)

test("summary and tostring", function()
  local m = model()
  local s = m:summary()
  check(s:find("(intercept)", 1, true) and s:find("staff", 1, true) and s:find("R² = 0.5877", 1, true))
  check(s:find("F(3, 18)", 1, true) and s:find("[2.5%", 1, true) and s:find("n = 23 (1 missing)", 1, true))
  check(s:find("^Key%-driver model: weighted least squares\n"))
  check(csat.key_drivers(X, Y):summary():find("^Key%-driver model: ordinary least squares\n"))
  check(tostring(m):find("^KeyDriverModel%(n=23, drivers=3, r2=0.5877"))
  check(csat.is_model(m) and not csat.is_model({}))
end)

-- Accumulator ---------------------------------------------------------------------

local function rows(i, j)
  local x, y, w = {}, {}, {}
  for k = i, j do
    x[#x + 1], y[#y + 1], w[#w + 1] = X[k], Y[k], W[k]
  end
  return x, y, w
end

test("xprod shards merge to the one-pass fit", function()
  local one = csat.XProd(3):add(X, Y, W)
  check(one.p == 3 and one.n == 23 and one.n_missing == 1)
  local a = csat.XProd(3):add(rows(1, 10))
  local b = csat.XProd(3):add(rows(11, 24))
  local merged = a:copy():merge(b)
  local ref = csat.key_drivers_from(one, { names = NAMES })
  local m = merged:fit({ names = NAMES })
  close(m.coef, ref.coef, 1e-12, "merged coef")
  close((a + b):fit().coef, ref.coef, 1e-12, "sum coef")
  close(ref.coef, model().coef, 1e-10, "rows coef")
  close(ref:importance("lmg"), KD_REF.lmg, 1e-10, "lmg")
  check(a.n == 10 and merged.n == 23)
  local s = one:serialize()
  local back = csat.XProd.deserialize(s)
  check(type(s) == "string" and back:serialize() == s and back.p == 3)
  check(same(back:fit().coef, csat.key_drivers_from(one).coef))
  check(tostring(one) == "XProd(p=3, n=23, n_missing=1)" and one.sample.n_missing == 1)
  raises("no rows to resample", ref.bootstrap, ref)
end)

test("xprod copy is independent", function()
  local one = csat.XProd(3):add(rows(1, 10))
  local ref = one:fit()
  local c = one:copy()
  check(c ~= one and c.p == 3 and c:serialize() == one:serialize() and c.weighted == one.weighted)
  check(same(c:fit().coef, ref.coef))
  c:add(rows(11, 24))
  check(c.n == 23 and one.n == 10 and c:serialize() ~= one:serialize())
  check(same(one:fit().coef, ref.coef))          -- the original is unchanged
  close(c:fit().coef, csat.XProd(3):add(X, Y, W):fit().coef, 1e-12, "copy coef")
  one:add(rows(11, 24))
  check(one.n == 23 and c.n == 23)
  local plain = csat.XProd(2):add({ { 1, 2 }, { 2, 1 }, { 3, 3 }, { 4, 1 } }, { 1, 2, 3, 5 })
  check(plain:copy().weighted == false and one:copy().weighted == true)
end)

test("xprod errors", function()
  local acc = csat.XProd(3)
  raises("the data have 2 drivers %(columns%), the accumulator 3", acc.add, acc, { { 1, 2 } }, { 1 })
  raises("infinite", acc.add, acc, { { 1, 2, math.huge } }, { 1 })
  check(acc.n == 0)
  raises("", acc.merge, acc, csat.XProd(2))
  raises("can only merge an XProd", acc.merge, acc, {})
  raises("", csat.XProd, 0)
  raises("non%-negative integer", csat.XProd, -1)
  raises("", csat.XProd.deserialize, "garbage")
  raises("expected an XProd", csat.key_drivers_from, {})
  local flat = csat.XProd(2):add({ { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 } }, { 1, 3, 2, 4 })
  local e = raises("driver 2 %('b'%)", csat.key_drivers_from, flat, { names = { "a", "b" } })
  check(e.code == csat.SINGULAR and e.column == "b" and e.index == nil)
end)

-- Errors ----------------------------------------------------------------------------

test("singular design names the driver", function()
  local x = {}
  for i, r in ipairs(X) do x[i] = { r[1], r[2], r[1] + r[2] } end
  local e = raises("driver 3 %('total'%) is a linear combination", csat.key_drivers, x, Y,
    { names = { "speed", "price", "total" } })
  check(e.code == csat.SINGULAR and e.status == "singular" and e.column == "total")
  for i, r in ipairs(X) do x[i] = { r[1], 4, r[3] } end
  -- Without names the driver is its 1-based number.
  e = raises("driver 2 is constant", csat.key_drivers, x, Y)
  check(e.code == csat.SINGULAR and e.column == 2 and not tostring(e):find("'x2'", 1, true))
  local flat = {}
  for i = 1, #Y do flat[i] = 3 end
  e = raises("outcome %(column 4%) is constant", csat.key_drivers, X, flat)
  check(e.code == csat.SINGULAR and e.column == 4)
end)

test("bad input", function()
  raises("length of y %(2%) differs from the number of rows %(24%)", csat.key_drivers, X, { 1, 2 })
  raises("length of weights", csat.key_drivers, X, Y, { weights = { 1, 2 } })
  local w = { table.unpack(W) }
  w[3] = -1
  raises("weight", csat.key_drivers, X, Y, { weights = w })
  local x = { table.unpack(X) }
  x[5] = { 5, math.huge, 4 }
  local e = raises("row 5, driver 2 %('price'%)", csat.key_drivers, x, Y, { names = NAMES })
  check(e.code == csat.RANGE and e.index == 5 and e.column == "price")
  raises("need more rows", csat.key_drivers, { X[1], X[2], X[3] }, { 1, 2, 3 })
  raises("rows%[2%] has 1 values, rows%[1%] has 3", csat.key_drivers, { { 1, 2, 3 }, { 1 } }, { 1, 2 })
  raises("rows must be a table of rows", csat.key_drivers, 5, Y)
  e = raises("rows%[1%]%[2%] is not a number", csat.key_drivers, { { 1, "a" } }, { 1 })
  check(e.code == csat.ARGUMENT and e.index == 1 and e.column == 2)
  raises("values%[2%] is not a number", csat.key_drivers, X, { 1, "a" })
  raises("names has 2 entries for 3 drivers", csat.key_drivers, X, Y, { names = { "a", "b" } })
  raises("occurs more than once", csat.key_drivers, X, Y, { names = { "a", "b", "a" } })
  raises("unknown option 'weight'", csat.key_drivers, X, Y, { weight = W })
  raises("intercept must be true or false", csat.key_drivers, X, Y, { intercept = 1 })
  for _, level in ipairs({ 0, 1, 1.5, NAN }) do
    raises("level", csat.key_drivers, X, Y, { level = level })
  end
end)

test("bad options of the methods", function()
  local m = model()
  raises("method must be one of", m.importance, m, "shapley")
  raises("seed must be a non%-negative integer", m.importance, m, "lmg", { seed = -1 })
  raises("permutations must be a non%-negative integer", m.importance, m, "lmg", { permutations = 2.5 })
  raises("unknown option 'reps'", m.importance, m, "lmg", { reps = 3 })
  raises("", m.bootstrap, m, "lmg", { reps = 1 })
  raises("level", m.bootstrap, m, "lmg", { level = 2 })
  raises("no number for driver 'staff'", m.ipa, m, "lmg", { performance = { 1, 2 } })
  raises("rescale must have min < max", m.ipa, m, "lmg", { rescale = { 5, 1 } })
  raises("no number for driver 'staff'", m.ipa, m, "lmg", { performance = { speed = 1, price = 2 } })
  -- Without an intercept only first (r²) and beta² exist.
  local origin = csat.key_drivers(X, Y, { weights = W, intercept = false })
  for _, method in ipairs({ "last", "pratt", "lmg", "relative_weights" }) do
    raises("intercept", origin.importance, origin, method)
  end
  raises("", origin.dominance, origin)
  close(origin:importance("first"), KD_REF.first, 1e-10, "first")
  local b2 = origin:importance("beta2")
  for j = 1, 3 do close(b2[j], origin.beta[j] ^ 2, 1e-13, "beta2") end
end)

test("garbage collection of handles", function()
  for _ = 1, 300 do
    local m = model()
    local _ = m:importance("lmg")
    local a = csat.XProd(3):add(X, Y, W)
    local _ = a + a
  end
  collectgarbage()
  collectgarbage()
end)

h.finish()
