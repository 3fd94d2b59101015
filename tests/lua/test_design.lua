-- Survey designs in Lua: csat.design, opts.design on the scores (and with
-- opts.by, each group against the rest), key drivers of a design and
-- csat.rake. The reference is R's survey package, as in the C and Python
-- tests: tests/reference/design_reference.h (its banner documents the
-- data, the designs and every value), read here by a small reader of its C
-- arrays and constants. Prints "N passed, M failed" and exits non-zero on a
-- failure.

local csat = require "csat"

local here = arg[0]:match("^(.*[/\\])") or "./"
local h = dofile(here .. "harness.lua")
local test, check, raises = h.test, h.check, h.raises

local TOL = 1e-10

-- The header: arrays (tables) and constants (numbers) by name; NAN is NaN.
local function read_header(path)
  local f = assert(io.open(path, "r"))
  local text = f:read("a"):gsub("/%*.-%*/", "")
  f:close()
  local function number(v)
    v = v:match("^%s*(.-)%s*$")
    if v == "NAN" then return 0 / 0 end
    return assert(tonumber(v), v)
  end
  local out = {}
  for name, body in text:gmatch("static const [%w_]+ ([%w_]+)%[[%w_]*%] = {(.-)};") do
    local t = {}
    for v in body:gmatch("[^,]+") do
      if v:match("%S") then t[#t + 1] = number(v) end
    end
    out[name] = t
  end
  for name, v in text:gmatch("static const double ([%w_]+) = ([^;]+);") do
    out[name] = number(v)
  end
  for name, v in text:gmatch("#define ([RD][EA][FT]A?_[%w_]+) (%S+)") do
    out[name] = tonumber(v) or out[name]
  end
  return out
end

local R = read_header(here .. "../reference/design_reference.h")
local N = math.tointeger(R.DATA_DESIGN_N)

local function data(name)
  return assert(R["DATA_DESIGN_" .. name], name)
end

local function close(a, b, tol, what)
  tol = tol or TOL
  if not (a == b or math.abs(a - b) <= tol * math.max(math.abs(a), math.abs(b))) then
    error(string.format("%s: %.17g ~= %.17g", what or "", a, b), 2)
  end
end

local function rows_of(flat, k)
  local rows = {}
  for i = 1, #flat // k do
    local r = {}
    for j = 1, k do r[j] = flat[(i - 1) * k + j] end
    rows[i] = r
  end
  return rows
end

local CLASSES = { "Business", "Economy", "First" }
local CLASS = {}
for i, c in ipairs(data("CLASS")) do CLASS[i] = CLASSES[c + 1] end
local INDEX_ROWS = rows_of(data("INDEX_X"), 3)

local DESIGNS = {
  SIMPLE = { n = N },
  WEIGHTED = { weights = data("W") },
  STRAT = { weights = data("W"), strata = data("STRATA") },
  CLUS = { weights = data("W"), strata = data("STRATA"), clusters = data("CLUSTER"), nest = true },
  FPC = { weights = data("W"), strata = data("STRATA"), clusters = data("CLUSTER"),
          fpc = data("FPC"), nest = true },
  CLUS1 = { weights = data("W"), clusters = data("CLUSTER_GLOBAL") },
}
for _, rule in ipairs({ "remove", "certainty", "adjust", "average" }) do
  DESIGNS["LONELY_" .. rule:upper()] = { weights = data("W"), strata = data("LONELY_STRATA"),
    clusters = data("LONELY_CLUSTER"), nest = true, lonely_psu = rule }
end

-- Each measure of the banner: a function of the score options, and the
-- field of its estimate.
local MEASURES = {
  NPS = { function(o) return csat.nps(data("NPS_X"), o) end, "score" },
  CSAT = { function(o)
    o.scale, o.satisfied_min = { 1, 7 }, 6
    return csat.csat(data("SAT_X"), o)
  end, "share" },
  BOTTOM2 = { function(o)
    o.scale = { 1, 7 }
    return csat.bottom_box(data("SAT_X"), 2, o)
  end, "share" },
  SAT = { function(o) return csat.mean_score(data("SAT_X"), o) end, "score" },
  SAT_MISS = { function(o) return csat.mean_score(data("SAT_MISS_X"), o) end, "score" },
  CES = { function(o)
    o.scale, o.low_effort_min = { 1, 7 }, 5
    return csat.ces(data("CES_X"), o).effort
  end, "score" },
  LOW_EFFORT = { function(o)
    o.scale, o.low_effort_min = { 1, 7 }, 5
    return csat.ces(data("CES_X"), o).low_effort
  end, "share" },
  AGE = { function(o) return csat.mean_score(data("AGE_X"), o) end, "score" },
  INDEX = { function(o)
    o.scales, o.item_weights = { 1, 100 }, { 1, 2, 1 }
    return csat.index(INDEX_ROWS, o)
  end, "score" },
}

local function sorted_keys(t)
  local k = {}
  for name in pairs(t) do k[#k + 1] = name end
  table.sort(k)
  return k
end

local clus = csat.design(DESIGNS.CLUS)

-- The design --------------------------------------------------------------------

for _, name in ipairs(sorted_keys(DESIGNS)) do
  test("design " .. name .. " describes itself as R", function()
    local d = csat.design(DESIGNS[name])
    check(csat.is_design(d), "a design")
    check(d.n == N, "n")
    check(d.psus == R["REF_DESIGN_" .. name .. "_PSUS"], "psus")
    check(d.strata == R["REF_DESIGN_" .. name .. "_STRATA"], "strata")
    check(d.lonely == R["REF_DESIGN_" .. name .. "_LONELY"], "lonely")
    close(d.df, R["REF_DESIGN_" .. name .. "_DEGF"], TOL, "df")
    close(d.sum_w, R["REF_DESIGN_" .. name .. "_SUMW"], TOL, "sum_w")
    check(d.lonely_psu == (DESIGNS[name].lonely_psu or "fail"), "rule")
    check(h.same(d:describe().df, d.df), "describe")
  end)
end

test("weights, PSU codes and tostring", function()
  local w = clus:weights()
  check(#w == N and h.same(w, data("W")), "weights")
  local codes = clus:psu_codes()
  check(#codes == N and codes[1] == 0, "codes")
  local max = 0
  for _, c in ipairs(codes) do
    check(math.type(c) == "integer", "integer codes")
    if c > max then max = c end
  end
  check(max == clus.psus - 1, "PSU codes 0..P-1")
  check(tostring(clus) == "Design(n=1065, psus=104, strata=8, df=96, sum_w=1330.5, "
    .. "lonely_psu='fail')", tostring(clus))
  check(h.same(csat.design({ n = 3 }):weights(), { 1, 1, 1 }), "unit weights")
end)

-- Scores of a design against R -------------------------------------------------------

for _, name in ipairs(sorted_keys(DESIGNS)) do
  test("scores of design " .. name .. " equal R", function()
    local d = csat.design(DESIGNS[name])
    for _, m in ipairs(sorted_keys(MEASURES)) do
      local f, field = MEASURES[m][1], MEASURES[m][2]
      local r = f({ design = d })
      local p = "REF_DESIGN_" .. name .. "_" .. m .. "_"
      close(r[field], R[p .. "EST"], TOL, p .. "EST")
      close(r.se, R[p .. "SE"], TOL, p .. "SE")
      close(r.ci[1], R[p .. "LO"], TOL, p .. "LO")
      close(r.ci[2], R[p .. "HI"], TOL, p .. "HI")
      close(r.n_effective, R[p .. "NEFF"], TOL, p .. "NEFF")
      check(r.n == R["REF_DESIGN_" .. m .. "_NVALID"], p .. "n")
    end
  end)
end

-- Domains: opts.by with a design ----------------------------------------------------------

for _, name in ipairs({ "CLUS", "STRAT" }) do
  for _, m in ipairs({ "NPS", "CSAT", "SAT", "AGE" }) do
    test("domains of " .. name .. " " .. m .. " and each class against the rest", function()
      local f, field = MEASURES[m][1], MEASURES[m][2]
      local g = f({ design = csat.design(DESIGNS[name]), by = CLASS, min_n = 1 })
      check(csat.is_grouped(g) and #g == 3, "three classes")
      local c = g:compare()
      local p = "REF_DESIGN_" .. name .. "_BY_" .. m .. "_"
      for i, label in ipairs(CLASSES) do
        check(g.labels[i] == label and c[i].group == label and c[i].other == "rest", label)
        close(g[label][field], R[p .. "EST"][i], TOL, "est " .. label)
        close(g[label].se, R[p .. "SE"][i], TOL, "se " .. label)
        close(c[i].diff, R[p .. "DIFF"][i], TOL, "diff " .. label)
        close(c[i].se, R[p .. "DIFF_SE"][i], TOL, "diff se " .. label)
        close(c[i].statistic, R[p .. "DIFF_Z"][i], TOL, "z " .. label)
        close(c[i].p, R[p .. "DIFF_P"][i], TOL, "p " .. label)
        close(c[i].p_adjusted, R[p .. "DIFF_PADJ"][i], TOL, "holm " .. label)
        check(c[i].test == "z" and c[i].skipped == nil, "z test")
      end
    end)
  end
end

test("shares and CES by group of a design", function()
  local x = data("SAT_X")
  local top = csat.top_box(x, 2, { scale = { 1, 7 }, by = CLASS, design = clus, min_n = 1 })
  local box = csat.box_share(x, 6, 7, { scale = { 1, 7 }, by = CLASS, design = clus, min_n = 1 })
  local sat = csat.csat(x, { scale = { 1, 7 }, satisfied_min = 6, by = CLASS, design = clus,
                             min_n = 1 })
  local bottom = csat.bottom_box(x, 2, { scale = { 1, 7 }, by = CLASS, design = clus, min_n = 1 })
  local low = csat.box_share(x, 1, 2, { scale = { 1, 7 }, by = CLASS, design = clus, min_n = 1 })
  local ces = csat.ces(data("CES_X"), { scale = { 1, 7 }, low_effort_min = 5, by = CLASS,
                                        design = clus, min_n = 1 })
  local effort = csat.mean_score(data("CES_X"), { by = CLASS, design = clus, min_n = 1 })
  for _, label in ipairs(CLASSES) do
    check(h.same(top[label].ci, box[label].ci) and h.same(sat[label].ci, box[label].ci), label)
    check(top[label].share == box[label].share and bottom[label].se == low[label].se, label)
    check(ces[label].effort.se == effort[label].se, "CES effort " .. label)
  end
  check(h.same(ces:compare()[1].diff, effort:compare()[1].diff), "CES compared by its effort")
end)

test("comparisons a design does not have", function()
  local g = csat.nps(data("NPS_X"), { by = CLASS, design = clus, min_n = 1 })
  raises("compared with the rest or a benchmark", g.compare, g, "pairs")
  raises("compared with the rest or a benchmark", g.compare, g, "Economy")
  raises("tracking table", g.track, g)
  local b = g:compare({ benchmark = 0 })
  close(b[1].se, g.Business.se, 1e-15, "benchmark se")
  raises("index by group of a design", csat.index, INDEX_ROWS,
    { scales = { 1, 100 }, by = CLASS, design = clus })
end)

-- Labels ----------------------------------------------------------------------------------

test("a design of string labels equals the design of codes", function()
  local st, cl, clg = data("STRATA"), data("CLUSTER"), data("CLUSTER_GLOBAL")
  local region, flight, store = {}, {}, {}
  for i = 1, N do
    region[i] = "region " .. st[i]
    flight[i] = string.format("F%02d", cl[i])
    store[i] = clg[i] + 0.5         -- numbers that are not codes
  end
  local d = csat.design{ weights = data("W"), strata = region, clusters = flight, nest = true }
  check(h.same(d:describe(), clus:describe()), "the same design")
  check(h.same(d:psu_codes(), clus:psu_codes()), "the same PSUs")
  local u = csat.design{ weights = data("W"), strata = region, clusters = store }
  check(h.same(u:describe(), clus:describe()), "unique cluster labels")
  local a, b = csat.nps(data("NPS_X"), { design = d }), csat.nps(data("NPS_X"), { design = u })
  close(a.se, R.REF_DESIGN_CLUS_NPS_SE, TOL, "se")
  close(b.se, R.REF_DESIGN_CLUS_NPS_SE, TOL, "se")
end)

-- Bad input ---------------------------------------------------------------------------------

test("a NaN weight names its row", function()
  local e = raises("weight", csat.design, { weights = h.with(data("W"), 6, 0 / 0),
    strata = data("STRATA") })
  check(e.status == "weight" and e.index == 6, "weight at row 6: " .. tostring(e.index))
  check(tostring(e):find("index 6", 1, true), tostring(e))
end)

test("a cluster in two strata without nest names the labels", function()
  local region, flight = {}, {}
  for i, s in ipairs(data("STRATA")) do
    region[i] = "region " .. s
    flight[i] = string.format("F%02d", data("CLUSTER")[i])
  end
  local e = raises("is in stratum", csat.design, { strata = region, clusters = flight })
  check(e.status == "argument" and e.index ~= nil, "argument")
  check(tostring(e):find("cluster 'F%d%d' at index " .. e.index .. " is in stratum 'region %d'"),
    tostring(e))
end)

test("a lonely PSU fails by default", function()
  local o = { weights = data("W"), strata = data("LONELY_STRATA"),
              clusters = data("LONELY_CLUSTER"), nest = true }
  local e = raises("single PSU", csat.design, o)
  check(e.status == "argument" and data("LONELY_STRATA")[e.index] == 8, "a row of stratum 8")
  o.lonely_psu = "drop"
  raises("lonely_psu must be one of", csat.design, o)
  o.lonely_psu, o.nest = "remove", "yes"
  raises("nest must be true or false", csat.design, o)
end)

test("missing labels, other lengths and weights with a design are refused", function()
  local e = raises("strata%[3%] is missing", csat.design, { strata = { "a", "a", false, "b" } })
  check(e.index == 3, "row 3")
  raises("clusters has 3 labels for 4 rows", csat.design,
    { weights = { 1, 1, 1, 1 }, clusters = { 1, 2, 3 } })
  e = raises("design's rows %(1065%)", csat.nps, { 1, 2, 3 }, { design = clus })
  check(e.status == "argument", "argument")
  raises("weights and design were given together", csat.nps, data("NPS_X"),
    { design = clus, weights = data("W") })
  raises("design must be a design", csat.nps, data("NPS_X"), { design = {} })
end)

-- Key drivers of a design ---------------------------------------------------------------

for _, name in ipairs({ "CLUS", "STRAT", "SIMPLE" }) do
  test("key drivers of design " .. name .. " equal svyglm", function()
    local d = csat.design(DESIGNS[name])
    local m = csat.key_drivers(rows_of(data("DRIVERS_X"), 5), data("SAT_X"), { design = d })
    check(m.design == d and m.n == R.REF_DESIGN_GLM_NROWS, "n")
    close(m.df_resid, R["REF_DESIGN_" .. name .. "_GLM_DF"], TOL, "df")
    local p = "REF_DESIGN_" .. name .. "_GLM_"
    for j = 1, 6 do
      close(m.coef[j], R[p .. "COEF"][j], 1e-9, "coef " .. j)
      close(m.se[j], R[p .. "SE"][j], 1e-9, "se " .. j)
      close(m.t[j], R[p .. "T"][j], 1e-9, "t " .. j)
      close(m.p[j], R[p .. "P"][j], 1e-9, "p " .. j)
    end
    check(m:summary():find("design-based standard errors", 1, true), "summary")
  end)
end

-- Raking -----------------------------------------------------------------------------------

local SEX = { "M", "M", "M", "M", "F", "F" }
local AGE = { "young", "old", "young", "old", "young", "old" }

test("raking a two-by-two table by hand", function()
  -- Four men (two young, two old) and two women (one of each), unit
  -- weights; the population has 60 men, 40 women, 50 young and 50 old. The
  -- sample is proportional to independence, which raking keeps: men 60 x
  -- 50 / 100 = 30 young and 30 old (15 a row), women 20 and 20 (20 a row).
  -- The first sweep reaches it, the second changes nothing.
  local w, info = csat.rake(nil, { sex = { SEX, { M = 60, F = 40 } },
                                   age = { AGE, { young = 50, old = 50 } } })
  for i, v in ipairs({ 15, 15, 15, 15, 20, 20 }) do close(w[i], v, 1e-14, "w" .. i) end
  check(info.iterations == 2 and info.converged == 1 and info.trimmed == 0, "info")
  -- The list form, in its order; one margin is post-stratification.
  local w2 = csat.rake({ 1, 2, 1, 2, 1, 3 }, { { SEX, { M = 60, F = 40 }, name = "sex" } })
  for i, v in ipairs({ 10, 20, 10, 20, 10, 30 }) do close(w2[i], v, 1e-14, "post " .. i) end
end)

test("raking errors: an empty cell, a label without a total, no convergence", function()
  local e = raises("category 'X' of margin 'sex'", csat.rake, nil,
    { sex = { SEX, { M = 50, F = 30, X = 20 } }, age = { AGE, { young = 50, old = 50 } } })
  check(e.status == "empty" and e.column == "sex" and e.category == "X", "empty cell")
  e = raises("the label 'Q' of row 3 is not a category", csat.rake, nil,
    { sex = { { "M", "M", "Q", "M", "F", "F" }, { M = 60, F = 40 } } })
  check(e.index == 3, "row 3")
  e = raises("did not converge", csat.rake, nil,
    { sex = { SEX, { M = 60, F = 40 } }, age = { AGE, { young = 50, old = 50 } } },
    { max_iter = 1 })
  check(e.code == csat.CONVERGENCE and e.status == "convergence", "convergence")
  check(e.column == "sex" or e.column == "age", "the margin named")
  e = raises("weight", csat.rake, { 1, 1, 1, -1, 1, 1 }, { sex = { SEX, { M = 60, F = 40 } } })
  check(e.index == 4, "row 4")
  raises("unknown option", csat.rake, nil, { sex = { SEX, { M = 60, F = 40 } } }, { maxit = 3 })
end)

h.finish()
