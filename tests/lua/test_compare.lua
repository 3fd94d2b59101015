-- Tests of the Lua comparisons and business measures. The expected numbers
-- come from independent computations: scipy (ttest_ind, ttest_rel,
-- percentileofscore), statsmodels (multipletests, confint_proportions_2indep,
-- proportions_ztest, proportion_confint, WLS with cov_type "fixed scale"),
-- R (survival::survfit, poisson.test; tests/python/survival_reference.R) and
-- closed forms evaluated here. Prints "N passed, M failed" and exits
-- non-zero on a failure.

local csat = require "csat"

local NAN = 0 / 0

-- Harness -------------------------------------------------------------------

local h = dofile((arg[0]:match("^(.*[/\\])") or "./") .. "harness.lua")
local test, check, raises, sum = h.test, h.check, h.raises, h.sum

-- Relative agreement to rel (1e-12 unless given); two NaNs agree, unlike
-- harness.lua's close.
local function close(a, b, rel, what)
  rel = rel or 1e-12
  local ok = (a == b) or (b ~= b and a ~= a)
      or math.abs(a - b) <= rel * math.max(math.abs(a), math.abs(b), 1e-300)
  if not ok then
    error(string.format("%s: %.17g vs %.17g", what or "value", a, b), 2)
  end
end

-- Expected values (see the header) -------------------------------------------

local A = { 4.5, 3.0, 6.25, 5.5, 2.0, 7.0, 4.0, 5.0, 3.5, 6.0, 4.75, 5.25 }
local B = { 3.0, 2.5, 4.0, 5.0, 1.5, 3.5, 2.0, 4.5, 3.0 }
local S1 = { 5, 4, 4, 3, 5, 2, 4, 5, 1, 4, 5, 3, 4, 5, 5, 2, 4, 3, 5, 4, 4, 5, 3, 2, 5, 4, 1, 4, 5 }
local S2 = { 3, 4, 2, 3, 5, 2, 4, 3, 1, 4, 2, 3, 4, 5, 3, 2, 4, 3, 1, 4 }
local P = { 0.012, 0.04, 0.0031, 0.2, 0.049, 0.5, 0.0001, 0.04, 1.0, 0.03 }

local REF = {
  welch = { diff = 1.5069444444444446, se = 0.5634656258405903, t = 2.6744212518666988, p = 0.015051009431147653, df = 18.87173028464179, lo = 0.327054560302384, hi = 2.6868343285865053 },
  -- Shares in proportions (statsmodels' own unit); the benchmark is 0.6.
  shares = { diff = 0.2896551724137931, lo = 0.00919906341464971, hi = 0.5171671767350196, z = 2.0137458662386134, p = 0.044036221844209876 },
  share_bench = { z = 0.9855274566525751, p = 0.3243650515471618, lo = -0.09230134233093157, hi = 0.227243832555168 },
  holm = { 0.096, 0.24, 0.027899999999999998, 0.6000000000000001, 0.24, 1.0, 0.001, 0.24, 1.0, 0.21 },
  fdr_bh = { 0.04, 0.06666666666666667, 0.015499999999999998, 0.25, 0.07, 0.5555555555555556, 0.001, 0.06666666666666667, 1.0, 0.06666666666666667 },
  bonferroni = { 0.12, 0.4, 0.031, 1.0, 0.49, 1.0, 0.001, 0.4, 1.0, 0.3 },
  trend = { slope = 1.8250819857079534, se = 0.7775511381974192, z = 2.3472179462549607, p = 0.018914187459048434, intercept = -3653.9343819727237, lo = 0.3011097587028855, hi = 3.349054212713021 },
  rank40 = 73.07692307692308,
  gap = {
    { gap = 0.2857142857142857, t = 0.7947194142390261, p = 0.4570516478374692, pairs = 7 },
    { gap = 0.375, t = 1.4255728899344746, p = 0.19702207215775042, pairs = 8 },
    { gap = -0.14285714285714285, t = -0.5477225575051662, p = 0.6036450565101361, pairs = 7 },
  },
  reviews = { bayes = 3.4827586206896552, wilson_lower = 0.4601040767532747, mean = 3.736842105263158 },
  -- R survfit(Surv(time, status) ~ 1, conf.type = "log-log")
  km = {
    time = { 1, 1, 2, 3, 3, 3, 4, 5, 5, 6, 7, 8, 8, 9, 10, 12, 12, 13, 15, 18 },
    observed = { 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0 },
    step_time = { 1, 2, 3, 4, 5, 6, 8, 10, 12, 15 },
    n_risk = { 20, 18, 17, 14, 13, 11, 9, 6, 5, 2 },
    n_censor = { 1, 0, 1, 0, 1, 0, 0, 0, 1, 0 },
    survival = { 0.94999999999999996, 0.89722222222222214, 0.79166666666666652, 0.73511904761904756, 0.6785714285714286, 0.61688311688311692, 0.47979797979797983, 0.39983164983164987, 0.31986531986531991, 0.15993265993265995 },
    se_log = { 0.051298917604257706, 0.076808546422761914, 0.11722922015640781, 0.13869821755518355, 0.16014821873265228, 0.18638229812444776, 0.25784567632632949, 0.3159394342805526, 0.38706294854133949, 0.80611272545067514 },
    lower = { 0.69474319325657019, 0.64752911949468073, 0.53544777822149137, 0.47501048215886743, 0.41844920404790265, 0.35735231011340346, 0.23189880688971487, 0.16507834751014952, 0.10886412601944896, 0.013034917370818102 },
    upper = { 0.99280222859339717, 0.97329897465408088, 0.9163378983487761, 0.88055362274804139, 0.84148087299245256, 0.79709766465036247, 0.69140067487543599, 0.62718054636826592, 0.55661822517767523, 0.4610964765698804 },
  },
  -- R poisson.test(7, 2000)$conf.int
  poisson = { 0.0014071815257599336, 0.0072113376808511888 },
}

local function mean(t)
  return sum(t) / #t
end

local function var(t)
  local m, s = mean(t), 0
  for _, v in ipairs(t) do s = s + (v - m) ^ 2 end
  return s / (#t - 1)
end

-- Comparisons -------------------------------------------------------------------

test("two means: Welch's t test", function()
  local c = csat.compare(csat.mean_score(A), csat.mean_score(B))
  local r = REF.welch
  check(c.kind == "mean" and c.test == "t", "kind")
  close(c.diff, r.diff, 1e-14, "diff") close(c.se, r.se, 1e-13, "se")
  close(c.statistic, r.t, 1e-12, "t") close(c.p, r.p, 1e-10, "p") close(c.df, r.df, 1e-12, "df")
  close(c.ci[1], r.lo, 1e-12, "lower") close(c.ci[2], r.hi, 1e-12, "upper")
  check(c.level == 0.95, "level")
  check(tostring(c):find("^mean difference"), "tostring")
end)

test("two shares: Newcombe interval, pooled z", function()
  local c = csat.compare(csat.csat(S1), csat.csat(S2))
  local r = REF.shares
  close(c.diff, r.diff, 1e-14, "diff") close(c.ci[1], r.lo, 1e-12, "lower")
  close(c.ci[2], r.hi, 1e-12, "upper") close(c.statistic, r.z, 1e-12, "z")
  close(c.p, r.p, 1e-11, "p")
  check(c.df == math.huge and c.test == "z", "df")
end)

test("share against a benchmark: score test, shifted Wilson", function()
  local c = csat.compare(csat.csat(S1), nil, { benchmark = 0.6 })
  local r = REF.share_bench
  check(c.kind == "share vs benchmark", c.kind)
  close(c.statistic, r.z, 1e-12, "z") close(c.p, r.p, 1e-11, "p")
  close(c.ci[1], r.lo, 1e-12, "lower") close(c.ci[2], r.hi, 1e-12, "upper")
end)

test("a share benchmark in percent is refused with a hint", function()
  -- A share is a proportion in results and benchmarks alike.
  local s = csat.csat(S1)
  local ok, e = pcall(csat.compare, s, nil, { benchmark = 30 })
  check(not ok and type(e) == "table" and e.code == csat.ARGUMENT, "refused")
  check(tostring(e):find("share benchmark 30 is not a proportion between 0 and 1 (for 30 %, pass 0.3)",
    1, true), tostring(e))
  local c = csat.compare(s, nil, { benchmark = 0.3 })
  check(c.diff == s.share - 0.3, "0.3 is 30 %")
end)

test("two NPS and an NPS benchmark: z on the results' SE", function()
  local a = csat.nps({ 10, 9, 8, 7, 6, 10, 9, 3, 10, 9, 8, 10 })
  local b = csat.nps({ 10, 5, 8, 7, 6, 3, 9, 3, 2, 9, 7 })
  local c = csat.compare(a, b, { level = 0.9 })
  local se = math.sqrt(a.se ^ 2 + b.se ^ 2)
  close(c.diff, a.score - b.score, 1e-15, "diff") close(c.se, se, 1e-15, "se")
  close(c.statistic, (a.score - b.score) / se, 1e-15, "z")
  check(c.level == 0.9 and c.df == math.huge, "level, df")
  local k = csat.compare(a, nil, { benchmark = 20 })
  close(k.diff, a.score - 20, 1e-15, "benchmark diff") check(k.se == a.se, "benchmark se")
end)

test("CES compares by its mean effort", function()
  local e1, e2 = csat.ces({ 6, 7, 5, 4, 6, 2, 7, 5 }), csat.ces({ 3, 5, 4, 6, 2, 5, 4 })
  local c = csat.compare(e1, e2)
  local d = csat.compare(e1.effort, e2.effort)
  check(c.diff == d.diff and c.p == d.p and c.df == d.df, "same as the effort means")
end)

test("compare: errors", function()
  local n, s = csat.nps({ 10, 9, 3 }), csat.csat({ 5, 4, 2 })
  raises("cannot compare an NPS result with a share result", csat.compare, n, s)
  raises("not both", csat.compare, n, n, { benchmark = 10 })
  raises("not neither", csat.compare, n)
  raises("must be a result", csat.compare, { score = 3 }, nil, { benchmark = 1 })
  raises("unknown option", csat.compare, n, n, { alpha = 0.05 })
  raises("level", csat.compare, n, n, { level = 1.5 })
  raises("benchmark", csat.compare, n, nil, { benchmark = 150 })
  raises("benchmark", csat.compare, s, nil, { benchmark = 100 })
  raises("benchmark", csat.compare, s, nil, { benchmark = 1 })
  raises("benchmark", csat.compare, s, nil, { benchmark = 0 })
end)

test("adjusted p-values equal statsmodels", function()
  for method, ref in pairs({ holm = REF.holm, bh = REF.fdr_bh, fdr_bh = REF.fdr_bh,
                             bonferroni = REF.bonferroni }) do
    local got = csat.adjust(P, method)
    check(#got == #ref, method .. " length")
    for i = 1, #ref do close(got[i], ref[i], 1e-14, method .. "[" .. i .. "]") end
  end
  local default = csat.adjust(P)
  for i = 1, #P do check(default[i] == REF.holm[i] or math.abs(default[i] - REF.holm[i]) < 1e-15) end
  raises("method must be", csat.adjust, P, "sidak")
  raises("", csat.adjust, { 0.1, 1.5 })
  raises("", csat.adjust, { 0.1, NAN })
end)

test("trend equals WLS with known variances", function()
  local waves = { { 31.0, 2.5 }, { 34.5, 3.1 }, { 33.0, 2.2 }, { 38.2, 2.8 }, { 41.0, 3.5 } }
  local t = csat.trend(waves, { times = { 2019.0, 2020.0, 2021.5, 2022.0, 2024.0 } })
  local r = REF.trend
  close(t.slope, r.slope, 1e-11, "slope") close(t.se, r.se, 1e-11, "se")
  close(t.z, r.z, 1e-11, "z") close(t.p, r.p, 1e-9, "p")
  close(t.intercept, r.intercept, 1e-10, "intercept")
  close(t.ci[1], r.lo, 1e-11, "lower") close(t.ci[2], r.hi, 1e-11, "upper")
  check(t.waves == 5 and #t.changes == 4, "waves")
  close(t.changes[1].diff, 3.5, 1e-15, "change") close(t.changes[1].se, math.sqrt(2.5 ^ 2 + 3.1 ^ 2), 1e-15)
  local a, b = csat.nps({ 10, 9, 7, 3, 10 }), csat.nps({ 10, 9, 9, 6, 10, 8 })
  local from_results = csat.trend({ a, b })
  local from_pairs = csat.trend({ { a.score, a.se }, { b.score, b.se } })
  check(from_results.slope == from_pairs.slope and from_results.se == from_pairs.se, "results")
  -- Share results enter as their share and SE, both proportions.
  local s1, s2 = csat.csat(S1), csat.csat(S2)
  local shares = csat.trend({ s1, s2 })
  check(shares.changes[1].diff == s2.share - s1.share, "share trend in proportions")
  local share_pairs = csat.trend({ { s1.share, s1.se }, { s2.share, s2.se } })
  check(shares.slope == share_pairs.slope and shares.se == share_pairs.se, "share results")
  raises("one kind", csat.trend, { a, csat.csat({ 5, 4, 1 }) })
  raises("wave 2", csat.trend, { a, 42 })
  raises("", csat.trend, { { 30, 2 } })
  raises("", csat.trend, { { 30, 2 }, { 31, 0 } })
  raises("length of times", csat.trend, waves, { times = { 1, 2 } })
end)

test("percentile rank equals scipy (kind = mean)", function()
  local peers = { 12.5, 40, 22, 31, 40, 55, -3, 18, 40, 27, 31, 61, 5.5 }
  local r = csat.percentile_rank(40, peers)
  close(r.percentile, REF.rank40, 1e-14, "percentile")
  check(r.rank == 3 and r.of == 14 and r.below == 8 and r.equal == 3, "rank")
  check(math.type(r.rank) == "integer", "integer rank")
  raises("", csat.percentile_rank, 1, {})
  raises("", csat.percentile_rank, 1, { 1, NAN })
end)

test("gap equals paired t tests on the complete pairs", function()
  local E = { { 4, 5, 3 }, { 5, 5, 4 }, { NAN, 4, 4 }, { 6, 6, 5 }, { 4, 3, 2 }, { 5, 4, 5 },
              { 2, 4, 3 }, { 6, 5, 5 } }
  local Pc = { { 5, 5, 2 }, { 4, 6, 4 }, { 4, 4, 3 }, { 6, 7, 6 }, { 3, 3, 2 }, { 6, 5, NAN },
               { 3, 3, 3 }, { 7, 6, 5 } }
  local g = csat.gap(E, Pc, { names = { "speed", "price", "staff" } })
  for j, r in ipairs(REF.gap) do
    close(g.gap[j], r.gap, 1e-14, "gap") close(g.t[j], r.t, 1e-12, "t")
    close(g.p[j], r.p, 1e-10, "p")
    check(g.pairs[j] == r.pairs and g.df[j] == r.pairs - 1, "pairs")
  end
  check(g.attribute[3] == "staff" and g.level == 0.95, "names")
  check(g.gap.staff == g.gap[3] and g.p.price == g.p[2] and g.pairs.speed == g.pairs[1], "by name")
  raises("perceived is 2 × 3", csat.gap, E, { Pc[1], Pc[2] })
  raises("names", csat.gap, E, Pc, { names = { "a" } })
  local few = {}
  for i, row in ipairs(Pc) do few[i] = { row[1], i == 1 and 4 or NAN, row[3] } end
  raises("", csat.gap, E, few)
  local m = csat.mean_score(A)
  local c = csat.gap(m, { target = 5 })
  local k = csat.compare(m, nil, { benchmark = 5 })
  check(c.kind == "gap" and c.diff == k.diff and c.p == k.p, "target gap")
  raises("target", csat.gap, m, {})
end)

-- Business measures ------------------------------------------------------------------

test("retention, churn and conversion", function()
  local r = csat.retention(1200, 1260, 150)
  check(r.retention == (1260 - 150) / 1200 and r.lost == 90 and r.acquired == 150, "retention")
  check(csat.retention(500, 450).retention == 0.9, "no new customers")
  raises("", csat.retention, 0, 10)
  raises("", csat.retention, 100, 90, 95)
  local start = { 0, 10, 31, 45, 59, 90, 100, 120, 150 }
  local finish = { 40, NAN, 95, NAN, 70, NAN, 130, NAN, NAN }
  local c = csat.churn(start, finish, 59, 120)
  check(c.at_start == 4 and c.lost == 2 and c.acquired == 3 and c.at_end == 5, "churn counts")
  close(c.retention, 0.5, 1e-15, "churn retention")
  raises("", csat.churn, { 0, 1 }, { 5, 6 }, 3, 3)
  raises("length of end_time", csat.churn, { 0, 1 }, { 5 }, 2, 3)
  close(csat.churn_convert(0.02, 12), 1 - 0.98 ^ 12, 1e-14, "monthly to annual")
  raises("", csat.churn_convert, 1.5, 12)
end)

test("customer lifetime value equals the explicit sums", function()
  for _, h in ipairs({ 0, 1, 5, 36 }) do
    local q, s_end, s_start = 0.8 / 1.1, 0, 0
    for t = 1, h do s_end = s_end + 40 * q ^ t end
    for t = 0, h - 1 do s_start = s_start + 40 * q ^ t end
    close(csat.clv(40, 0.8, 0.1, { horizon = h }), s_end, 1e-12, "end " .. h)
    close(csat.clv(40, 0.8, 0.1, { timing = "start", horizon = h }), s_start, 1e-12, "start " .. h)
  end
  close(csat.clv(40, 0.8, 0.1), 40 * 0.8 / 0.3, 1e-14, "infinite end")
  close(csat.clv(40, 0.8, 0.1, { timing = "start" }), 40 * 1.1 / 0.3, 1e-14, "infinite start")
  raises("timing", csat.clv, 40, 0.8, 0.1, { timing = "middle" })
  raises("", csat.clv, 40, 1.0, 0.0)
  raises("", csat.clv, 40, 0.8, 0.1, { horizon = 2.5 })
end)

test("Kaplan-Meier equals R's survfit", function()
  local r = REF.km
  local s = csat.survival(r.time, { observed = r.observed })
  check(#s.time == #r.step_time and s.steps == #r.step_time, "steps")
  for i = 1, #r.step_time do
    check(s.time[i] == r.step_time[i] and s.n_risk[i] == r.n_risk[i], "time, n_risk")
    check(s.n_censor[i] == r.n_censor[i], "n_censor")
    close(s.survival[i], r.survival[i], 1e-14, "survival")
    close(s.se[i], r.survival[i] * r.se_log[i], 1e-13, "se")
    close(s.ci_lower[i], r.lower[i], 1e-12, "lower") close(s.ci_upper[i], r.upper[i], 1e-12, "upper")
  end
  check(s.median == 8 and s.median_ci[1] == 4 and s.median_ci[2] == 15, "median")
  check(s.n == 20 and s.events == 12 and s.n_missing == 0, "counts")
  local p = s:at(7.5)
  check(p.survival == s.survival[6] and p.ci[1] == s.ci_lower[6] and p.time == 7.5, "at")
  check(s:at(0.5).survival == 1, "before the first event")
  check(tostring(s):find("^Survival%(n=20"), "tostring")
  local half = csat.survival({ 4, 2, 6, 1, 5, 3 }, { level = 0.9 })
  check(half.median == 3.5 and half.median_ci[1] == 1 and half.median_ci[2] == 5, "half")
  raises("", csat.survival, { 1, -2 })
  raises("", csat.survival, { 1, 2 }, { observed = { 1, 2 } })
  raises("length of observed", csat.survival, { 1, 2 }, { observed = { 1 } })
  raises("unknown option", csat.survival, { 1, 2 }, { event = { 1, 1 } })
end)

test("rates equal R's poisson.test", function()
  local r = csat.rate(7, 2000, { per = 1000 })
  check(r.rate == 3.5 and r.per == 1000 and r.count == 7, "rate")
  close(r.ci[1], REF.poisson[1] * 1000, 1e-12, "lower") close(r.ci[2], REF.poisson[2] * 1000, 1e-12, "upper")
  local f = csat.referral_rate(37, 250)
  check(f.rate == 37 / 250 and f.per == 1, "referral rate")
  raises("", csat.rate, 2.5, 10)
  raises("", csat.rate, 3, 0)
end)

test("complaints in Pareto order, with a rate", function()
  local codes = { 3, 7, 3, 11, 7, 3, NAN, 5, 11, 8, 8 }
  local c = csat.complaints(codes, { customers = 4000 })
  local want = { { 3, 3 }, { 7, 2 }, { 8, 2 }, { 11, 2 }, { 5, 1 } }
  for i, w in ipairs(want) do
    check(c.codes[i] == w[1] and c.counts[i] == w[2], "category " .. i)
    close(c.shares[i], w[2] / 10, 1e-15, "share")
  end
  close(c.cum_shares[5], 1, 1e-15, "cumulative")
  check(c.n == 10 and c.n_missing == 1 and c.rate.rate == 10 / 4000 * 1000, "n and rate")
  local l = csat.complaints({ "billing", "app", false, "billing", "delivery", "app" })
  check(l.codes[1] == "app" and l.codes[2] == "billing" and l.codes[3] == "delivery", "labels")
  check(l.n_missing == 1 and l.rate == nil, "label counts")
  raises("", csat.complaints, { 1, 2.5 })
  raises("", csat.complaints, { NAN })
end)

test("resolution times", function()
  local t = { 2.5, 30, 4, 49, 12, 72, 8.5, 26, 96, 3, 47.5, 16, 55, 20, 6, 48, 36, 100, 1.5, 60 }
  local done = { 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1 }
  local r = csat.resolution_times(t, { resolved = done, sla = 24, quantiles = { 0.5, 0.9 } })
  local x = {}
  for i, v in ipairs(t) do if done[i] == 1 then x[#x + 1] = v end end
  check(r.n == 20 and r.n_open == 5 and r.n_missing == 0, "counts")
  close(r.mean, mean(x), 1e-14, "mean") close(r.sd, math.sqrt(var(x)), 1e-13, "sd")
  check(r.median == 16 and r.quantiles[0.5] == 16, "median")
  close(r.quantiles[0.9], 55.199999999999996, 1e-15, "quantile 0.9")   -- numpy.quantile, type 7
  check(r.within_sla == 9 / 15, "within sla")
  check(r.km_median == 28, "KM median (R)")
  close(r.km_within_sla, 1 - 0.54999999999999993, 1e-14, "KM within sla (R)")
  raises("sla", csat.resolution_times, t, {})
  raises("", csat.resolution_times, { 1, 2 }, { resolved = { 0, 0 }, sla = 5 })
end)

test("reviews", function()
  local stars = { 5, 4, 4, 3, 5, 1, 2, 5, 5, 4, NAN, 3, 5, 4, 2, 5, 4, 4, 5, 1 }
  local r = csat.reviews(stars)
  close(r.bayesian_average, REF.reviews.bayes, 1e-14, "bayesian")
  close(r.wilson_lower, REF.reviews.wilson_lower, 1e-13, "wilson")
  close(r.rating.score, REF.reviews.mean, 1e-15, "mean")
  check(r.rating.kind == "mean" and r.positive.kind == "share", "kinds")
  check(r.n == 19 and r.n_missing == 1 and r.distribution.counts[5] == 7, "distribution")
  local prior = csat.reviews(stars, { prior = { 4.2, 25 } })
  close(prior.bayesian_average, (25 * 4.2 + 71) / 44, 1e-14, "prior")
  local ten = csat.reviews({ 10, 9, 7, 8, 2 }, { scale = { 1, 10 }, positive_min = 8 })
  close(ten.bayesian_average, (10 * 5.5 + 36) / 15, 1e-14, "midpoint prior")
  raises("", csat.reviews, { 5, 6 })
  raises("prior", csat.reviews, { 5, 4 }, { prior = 3 })
end)

test("garbage collection of curves", function()
  for _ = 1, 300 do
    local s = csat.survival({ 1, 2, 3, 4 }, { observed = { 1, 0, 1, 1 } })
    local _ = s:at(2)
  end
  collectgarbage()
  collectgarbage()
end)

h.finish()
