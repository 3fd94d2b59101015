-- Scores by group in Lua: opts.by on every score function, the grouped
-- table, comparisons, tracking and errors. The reference of every group is
-- the ungrouped function on the group's rows (scores, sample sizes and
-- shares equal; a mean may differ from its rows' in the last bit, the
-- library summing a group's rows in other blocks). Prints "N passed, M
-- failed" and exits non-zero on a failure.

local csat = require "csat"

local h = dofile((arg[0]:match("^(.*[/\\])") or "./") .. "harness.lua")
local test, check, raises = h.test, h.check, h.raises

local NAN = 0 / 0

-- A small deterministic generator (the tests must not depend on math.random).
local seed = 12345
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return (seed >> 8) % n
end

local N = 500
local REC, SAT, EFFORT, HOURS, W, CLS, PURPOSE, REGION = {}, {}, {}, {}, {}, {}, {}, {}
local CLASSES = { "Economy", "Economy", "Economy", "Business", "Business", "First" }
for i = 1, N do
  REC[i] = rand(11) + 0.0
  if rand(20) == 0 then REC[i] = NAN end
  SAT[i] = rand(5) + 1
  EFFORT[i] = rand(7) + 1
  HOURS[i] = rand(1000) / 37
  W[i] = 0.5 + rand(100) / 66
  CLS[i] = CLASSES[rand(6) + 1]
  PURPOSE[i] = rand(2) == 0 and "Leisure" or "Business"
  REGION[i] = rand(4) + 1
end
CLS[4], CLS[18] = nil, false      -- missing labels: a hole and false
CLS[N] = 0 / 0                    -- the last one explicit (NaN)

-- The rows of t whose label is `label`.
local function rows_of(t, by, label)
  local out = {}
  for i = 1, N do
    if by[i] == label then out[#out + 1] = t[i] end
  end
  return out
end

local function close(a, b, rel, what)
  local scale = math.max(math.abs(a), math.abs(b))
  if not (a == b or (a ~= a and b ~= b) or math.abs(a - b) <= rel * scale) then
    error(string.format("%s: %.17g vs %.17g", what or "value", a, b), 2)
  end
end

-- Grouped = ungrouped on the group's rows --------------------------------------------

local SCORES = {
  { "nps", function(x, o) return csat.nps(x, o) end, REC },
  { "csat", function(x, o) return csat.csat(x, o) end, SAT },
  { "box_share", function(x, o) return csat.box_share(x, 2, 3, o) end, SAT },
  { "top_box", function(x, o) return csat.top_box(x, 2, o) end, SAT },
  { "bottom_box", function(x, o) return csat.bottom_box(x, 1, o) end, SAT },
  { "mean_score", function(x, o) return csat.mean_score(x, o) end, HOURS },
  { "ces", function(x, o) return csat.ces(x, o) end, EFFORT },
}

for _, case in ipairs(SCORES) do
  for _, weighted in ipairs({ false, true }) do
    test(case[1] .. (weighted and " weighted" or "") .. " by group equals the filtered rows",
      function()
        local fn, x = case[2], case[3]
        local g = fn(x, { by = CLS, weights = weighted and W or nil })
        check(csat.is_grouped(g), "a grouped table")
        check(#g == 3 and g.labels[1] == "Business" and g.labels[3] == "First", "sorted labels")
        for _, label in ipairs(g.labels) do
          local w = weighted and rows_of(W, CLS, label) or nil
          local r = fn(rows_of(x, CLS, label), { weights = w })
          local got = g[label]
          if case[1] == "mean_score" then
            close(got.score, r.score, 4e-16, label)
          else
            check(got.score == r.score,
              string.format("%s: %.17g vs %.17g", label, got.score, r.score))
          end
          check(got.n == r.n and got.n_missing == r.n_missing, "sample sizes")
          if r.share then check(got.share == r.share and got.se == r.se, "share") end
          if r.low_effort then check(got.low_effort.share == r.low_effort.share, "low effort") end
        end
        check(g.n_unlabelled == 3, "unlabelled " .. g.n_unlabelled)
      end)
  end
end

test("distribution and index by group", function()
  local d = csat.distribution(SAT, { by = CLS })
  local rows = {}
  for i = 1, N do rows[i] = { SAT[i], EFFORT[i] } end
  local gi = csat.index(rows, { by = CLS, scales = { { 1, 5 }, { 1, 7 } } })
  for _, label in ipairs(d.labels) do
    local r = csat.distribution(rows_of(SAT, CLS, label))
    check(h.same(d[label].counts, r.counts) and h.same(d[label].shares, r.shares), label)
    check(d[label].n == r.n, "n")
    local ri = csat.index(rows_of(rows, CLS, label), { scales = { { 1, 5 }, { 1, 7 } } })
    close(gi[label].score, ri.score, 4e-16, label)
  end
  raises("no score", function() d:compare() end)
  check(#gi:compare("pairs") == 3, "index pairs")
end)

-- Labels ---------------------------------------------------------------------------

test("number labels, numbers before strings, ISO dates as strings", function()
  local g = csat.nps(REC, { by = REGION })
  check(#g == 4 and g.labels[1] == 1 and g.labels[4] == 4, "sorted numbers")
  for _, label in ipairs(g.labels) do
    check(g[label].score == csat.nps(rows_of(REC, REGION, label)).score, label)
  end
  local mixed = csat.nps({ 9, 3, 10, 7 }, { by = { "b", 2, "a", 1.0 }, min_n = 1 })
  check(h.same(mixed.labels, { 1, 2, "a", "b" }), "numbers first")
  check(mixed[1.0] == mixed[1] and mixed[1].n == 1 and mixed[1].score == 0, "1.0 and 1")
  local months = csat.nps({ 9, 3, 10, 7 }, { by = { "2024-03", "2024-01", "2024-03", "2024-02" } })
  check(h.same(months.labels, { "2024-01", "2024-02", "2024-03" }), "months in order")
end)

test("crossed labels", function()
  local g = csat.nps(REC, { by = { CLS, PURPOSE } })
  check(#g == 6, "six combinations")
  check(g.labels[1][1] == "Business" and g.labels[1][2] == "Business", "first combination")
  for _, label in ipairs(g.labels) do
    local x = {}
    for i = 1, N do
      if CLS[i] == label[1] and PURPOSE[i] == label[2] then x[#x + 1] = REC[i] end
    end
    check(g:get(label[1], label[2]).score == csat.nps(x).score, label[1] .. " x " .. label[2])
  end
  check(g.n_unlabelled == 3, "unlabelled")
  local sparse = csat.nps({ 9, 1, 5, 10 }, { by = { { "a", "a", "b", "b" }, { 1, 2, 1, 1 } } })
  check(#sparse == 3 and sparse:get("b", 1).n == 2 and sparse:get("b", 2) == nil, "occurring only")
end)

test("missing labels are counted and left out", function()
  local g = csat.nps({ 9, 10, 3, 7, 8 }, { by = { "a", nil, "a", false, 0 / 0 }, min_n = 1 })
  check(g.n_unlabelled == 3 and #g == 1 and g.a.n == 2, "two labelled answers")
  check(tostring(g):find("3 answers without a label", 1, true), tostring(g))
  local none = csat.nps({ 9, 10 }, { by = { false, false } })
  check(#none == 0 and none.n_unlabelled == 2, "no group, no error")
end)

-- Flags ------------------------------------------------------------------------------

test("a group of one is small; min_n", function()
  local x, by = {}, {}
  for i = 1, 40 do x[i], by[i] = 9, "big" end
  x[41], by[41] = 3, "one"
  local g = csat.nps(x, { by = by })
  check(g.min_n == require("csat_core").group_options().min_n, "the library's default")
  check(g.flags.one == "small" and g.flags.big == "ok" and h.same(g.small, { "one" }), "flags")
  check(g.one.score == -100 and g.one.n == 1, "still scored")
  check(#csat.nps(x, { by = by, min_n = 41 }).small == 2, "min_n 41")
  check(#csat.nps(x, { by = by, min_n = 1 }).small == 0, "min_n 1")
  raises("min_n", csat.nps, x, { by = by, min_n = -1 })
  raises("min_n", csat.nps, x, { by = by, min_n = 2.5 })
end)

test("an all-missing group is empty, without error", function()
  local g = csat.nps({ 9, 10, 7, NAN, NAN, 3 },
    { by = { "a", "a", "a", "gone", "gone", "a" }, min_n = 1 })
  check(g.flags.gone == "empty" and h.same(g.empty, { "gone" }), "flag")
  check(g.gone.score ~= g.gone.score and g.gone.n == 0 and g.gone.n_missing == 2, "NaN score")
  local t = g:compare()
  check(t[2].group == "gone" and t[2].skipped == "empty" and t[2].p ~= t[2].p, "skipped")
end)

-- Comparisons ---------------------------------------------------------------------------

local SEG_X, SEG_BY = {}, {}
do
  local sizes = { { "A", 300, 0 }, { "B", 250, 1 }, { "C", 200, -1 }, { "D", 150, 2 },
                  { "E", 5, 0 } }
  for _, s in ipairs(sizes) do
    for _ = 1, s[2] do
      SEG_X[#SEG_X + 1] = math.max(0, math.min(10, 3 + rand(8) + s[3]))
      SEG_BY[#SEG_BY + 1] = s[1]
    end
  end
end

-- The comparisons made (not skipped).
local function made(t)
  local out = {}
  for _, r in ipairs(t) do
    if r.skipped == nil then out[#out + 1] = r end
  end
  return out
end

-- p_adjusted: ≥ p, equal to csat.adjust over the comparisons made, monotone in p.
local function check_adjusted(rows, method)
  local p = {}
  for i, r in ipairs(rows) do p[i] = r.p end
  local adj = csat.adjust(p, method)
  for i, r in ipairs(rows) do
    close(r.p_adjusted, adj[i], 1e-14, "p_adjusted")
    check(r.p_adjusted >= r.p - 1e-15, "p_adjusted >= p")
  end
  table.sort(rows, function(a, b) return a.p < b.p end)
  for i = 2, #rows do
    check(rows[i].p_adjusted >= rows[i - 1].p_adjusted - 1e-15, "monotone")
  end
end

test("compare with the rest", function()
  local g = csat.nps(SEG_X, { by = SEG_BY })
  local t = g:compare("rest")
  check(#t == 5 and t[1].group == "A" and t[1].other == "rest", "one row per group")
  check(t[5].skipped == "small" and t[5].diff ~= t[5].diff, "the small group skipped")
  local m = made(t)
  check(#m == 4, "four made")
  for _, r in ipairs(m) do
    local rest = {}
    for i = 1, #SEG_X do
      if SEG_BY[i] ~= r.group then rest[#rest + 1] = SEG_X[i] end
    end
    close(r.diff, g[r.group].score - csat.nps(rest).score, 1e-12, "diff " .. r.group)
    check(r.test == "z" and r.ci[1] < r.diff and r.diff < r.ci[2], "interval")
  end
  check_adjusted(m, "holm")
end)

for _, method in ipairs({ "holm", "bh", "bonferroni" }) do
  test("compare pairs, adjusted by " .. method, function()
    local t = csat.nps(SEG_X, { by = SEG_BY }):compare("pairs", { adjust = method })
    check(#t == 10, "G(G - 1)/2 rows")
    local m = made(t)
    check(#m == 6, "pairs without the small group")
    check_adjusted(m, method)
  end)
end

test("compare with a reference group and a benchmark", function()
  local g = csat.nps(SEG_X, { by = SEG_BY })
  local t = g:compare("B")
  check(#t == 4 and t[1].group == "A" and t[1].other == "B", "reference rows")
  close(t[1].diff, g.A.score - g.B.score, 1e-12, "diff")
  local same = g:compare(nil, { reference = "B" })
  check(h.same(same, t), "reference= says the same")
  local b = g:compare({ benchmark = 20, level = 0.9 })
  check(#b == 5 and b[3].other == 20 and b[3].level == 0.9, "benchmark rows")
  close(b[3].diff, g.C.score - 20, 1e-12, "benchmark diff")
  raises("no group", function() g:compare("Z") end)
  raises("one of", function() g:compare("rest", { benchmark = 3 }) end)
  raises("adjust", function() g:compare("rest", { adjust = "tukey" }) end)
  -- A CES compares by its mean effort.
  local effort = {}
  for i, v in ipairs(SEG_X) do effort[i] = math.max(1, math.min(7, v)) end
  local c = csat.ces(effort, { by = SEG_BY })
  close(c:compare("A")[2].diff, c.C.effort.score - c.A.effort.score, 1e-12, "CES by effort")
end)

-- Tracking ---------------------------------------------------------------------------------

test("track: a signal on an outlier period", function()
  local x, by = {}, {}
  for month = 1, 10 do
    for i = 1, 400 do
      local u = rand(10)
      local v
      if month ~= 8 then
        v = u < 1 and 3 or (u < 4 and 8 or 10)      -- 10 % detractors, 60 % promoters
      else
        v = u < 6 and 3 or (u < 8 and 8 or 10)      -- 60 % detractors
      end
      x[#x + 1] = v
      by[#by + 1] = string.format("2023-%02d", month)
    end
  end
  local t = csat.nps(x, { by = by }):track()
  check(#t == 10 and t[1].period == "2023-01", "periods in order")
  -- The limits come from the earlier periods: none before the drop signals.
  for k = 1, 8 do
    check(t[k].signal == (k == 8), "signal of period " .. k)
  end
  check(t[8].change < -40 and t[8].change_p < 1e-6, "the drop")
  check(t[1].change ~= t[1].change and t[1].flag == "ok", "no change for the first")
  check(t.trend ~= nil and t.trend.waves == 10, "trend")
  local x2, by2 = {}, {}
  for i = 1, 40 do x2[i], by2[i] = 9, 1 end
  x2[41], by2[41] = 3, 2
  local short = csat.nps(x2, { by = by2 }):track()
  check(short.trend == nil and short[2].flag == "small", "no trend")
end)

-- Errors ----------------------------------------------------------------------------------

test("a bad answer names its 1-based row", function()
  local x = h.with(SAT, 7, 6)
  local e = raises("outside the scale", csat.csat, x, { by = PURPOSE })
  check(e.index == 7 and e.code == csat.RANGE, "index " .. tostring(e.index))
  check(tostring(e):find("index 7", 1, true), tostring(e))
  local w = h.with(W, 9, -1)
  e = raises("weight", csat.nps, REC, { by = PURPOSE, weights = w })
  check(e.index == 9, "weight index")
end)

test("a bad label names its 1-based row", function()
  local e = raises("by%[3%] is not a label", csat.nps, { 1, 2, 3 }, { by = { "a", "b", true } })
  check(e.index == 3 and e.code == csat.ARGUMENT, "index")
  e = raises("by%[1%]%[2%] is not a label", csat.nps, { 1, 2 }, { by = { { "a", {} }, { 1, 2 } } })
  check(e.index == 2, "crossed part's row")
  raises("2 labels for 3 answers", csat.nps, { 1, 2, 3 }, { by = { "a", "b" } })
  raises("labels for 2 answers", csat.nps, { 1, 2 }, { by = { "a", "b", "c" } })
  raises("must be a table", csat.nps, { 1, 2 }, { by = "a" })
  raises("unknown option", csat.nps, { 1, 2 }, { by = { 1, 2 }, group = 1 })
end)

test("a bad group code at the library", function()
  local core = require "csat_core"
  local a = core.grouped_create(3, 0, 10)
  local ok, e = pcall(core.grouped_add, a, { 1, 2 }, nil, { 0, 7 })
  check(not ok and e.index == 1 and e.message:find("group code 7"), "0-based from csat_core")
  ok, e = pcall(core.grouped_add, a, { 1, 2 }, nil, { 0, 1.5 })
  check(not ok and e.index == 1 and e.message:find("not a 32%-bit integer"), tostring(e.message))
end)

-- Display -----------------------------------------------------------------------------------

test("tostring and lookups", function()
  local g = csat.nps(SEG_X, { by = SEG_BY })
  local text = tostring(g)
  check(text:find("NPS by group (5 groups)", 1, true) and text:find("small", 1, true), text)
  check(g.Z == nil and g:get("A") == g.A and g.results[1] == g.A, "lookups")
  local s = csat.csat(SAT, { by = PURPOSE })
  check(tostring(s):find("share by group", 1, true), "share")
end)

h.finish()
