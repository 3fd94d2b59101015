-- The scores, comparisons, business measures and scores by group of
-- scores.c, from Lua, printed as hexadecimal floats (and the key-driver
-- model of the second file, arg[2], if given).
local csat = require "csat"
local x, w = {}, {}
for line in io.lines(arg[1] or "data.txt") do
  local a, b = line:match("^(%S+)%s+(%S+)$")
  if a and line:sub(1, 1) ~= "#" then
    x[#x + 1] = a == "nan" and 0 / 0 or tonumber(a)
    w[#w + 1] = tonumber(b)
  end
end
local function out(name, v) print(name .. " " .. string.format("%a", v)) end
local r = csat.nps(x)
out("nps.score", r.score) out("nps.se", r.se) out("nps.lo", r.ci[1]) out("nps.hi", r.ci[2])
r = csat.nps(x, { weights = w })
out("npsw.score", r.score) out("npsw.se", r.se) out("npsw.lo", r.ci[1]) out("npsw.hi", r.ci[2])
r = csat.nps(x, { weights = w, method = "adjusted-wald" })
out("npsa.se", r.se) out("npsa.lo", r.ci[1]) out("npsa.hi", r.ci[2])
r = csat.csat(x, { weights = w, scale = { 0, 10 }, satisfied_min = 9, level = 0.9 })
out("csat.score", r.score) out("csat.se", r.se) out("csat.lo", r.ci[1]) out("csat.hi", r.ci[2])
r = csat.top_box(x, 2, { scale = { 0, 10 } })
out("top2.score", r.score) out("top2.lo", r.ci[1]) out("top2.hi", r.ci[2])
r = csat.mean_score(x, { weights = w })
out("mean.score", r.score) out("mean.sd", r.sd) out("mean.se", r.se) out("mean.lo", r.ci[1]) out("mean.hi", r.ci[2])
r = csat.ces(x, { scale = { 0, 10 }, low_effort_min = 7 })
out("ces.mean", r.effort.score) out("ces.se", r.effort.se) out("ces.low", r.low_effort.score)

-- Comparisons and business measures (scores.c, compare_business).
local function outs(name, t)
  for j, v in ipairs(t) do out(name .. (j - 1), v) end
end
local function outc(name, c)
  out(name .. ".diff", c.diff) out(name .. ".se", c.se) out(name .. ".lo", c.ci[1])
  out(name .. ".hi", c.ci[2]) out(name .. ".stat", c.statistic) out(name .. ".df", c.df)
  out(name .. ".p", c.p)
  return c.p
end
local n = #x
local a, b = csat.nps(x), csat.nps(x, { weights = w })
local s1 = csat.csat(x, { weights = w, scale = { 0, 10 }, satisfied_min = 9, level = 0.9 })
local s2 = csat.top_box(x, 2, { scale = { 0, 10 } })
local half = {}
for i = 1, n // 2 do half[i] = x[i] end
local m1, m2 = csat.mean_score(x, { weights = w }), csat.mean_score(half)
local d = csat.nps(half)
local p = {
  outc("cmp.nps", csat.compare(a, b)),
  outc("cmp.npsb", csat.compare(a, nil, { benchmark = 20, level = 0.9 })),
  outc("cmp.share", csat.compare(s1, s2)),
  outc("cmp.shareb", csat.compare(s2, nil, { benchmark = 0.3 })),
  outc("cmp.mean", csat.compare(m1, m2)),
  outc("cmp.meanb", csat.compare(m1, nil, { benchmark = 6.5, level = 0.99 })),
}
for _, method in ipairs({ "holm", "bh", "bonferroni" }) do
  outs("adj." .. method, csat.adjust(p, method))
end
local t = csat.trend({ a, b, d }, { times = { 1, 2.5, 4 }, level = 0.9 })
out("trend.slope", t.slope) out("trend.se", t.se) out("trend.lo", t.ci[1]) out("trend.hi", t.ci[2])
out("trend.z", t.z) out("trend.p", t.p) out("trend.intercept", t.intercept)
outc("trend.ch0", t.changes[1]) outc("trend.ch1", t.changes[2])
local ts = csat.trend({ s1, s2 })
out("trend_share.slope", ts.slope) out("trend_share.se", ts.se) outc("trend_share.ch0", ts.changes[1])
local rk = csat.percentile_rank(m1.score / 4, w)
out("rank.percentile", rk.percentile) out("rank.rank", rk.rank) out("rank.below", rk.below)
out("rank.equal", rk.equal)
local E, P = {}, {}
for i = 1, n do
  E[i] = { x[i], x[(i - 1 + 7) % n + 1] }
  P[i] = { x[(i - 1 + 3) % n + 1], 3 * w[i] }
end
local g = csat.gap(E, P)
for j = 1, 2 do
  local k = "gap" .. (j - 1)
  out(k .. ".diff", g.gap[j]) out(k .. ".se", g.se[j]) out(k .. ".lo", g.ci_lower[j])
  out(k .. ".hi", g.ci_upper[j]) out(k .. ".stat", g.t[j]) out(k .. ".df", g.df[j])
  out(k .. ".p", g.p[j]) out("gap.pairs" .. (j - 1), g.pairs[j])
end
local obs = {}
for i = 1, n do
  obs[i] = x[i] ~= x[i] and 0 / 0 or (x[i] >= 7 and 1 or 0)
end
local sv = csat.survival(w, { observed = obs })
out("km.median", sv.median) out("km.median_lo", sv.median_ci[1]) out("km.median_hi", sv.median_ci[2])
out("km.steps", sv.steps)
for k, step in ipairs({ 1, sv.steps // 2 + 1, sv.steps }) do
  out("km.s" .. (k - 1), sv.survival[step]) out("km.se" .. (k - 1), sv.se[step])
  out("km.lo" .. (k - 1), sv.ci_lower[step]) out("km.hi" .. (k - 1), sv.ci_upper[step])
end
local pt = sv:at(2.0)
out("km.at2", pt.survival) out("km.at2_se", pt.se)
local rr = csat.rate(rk.below, n, { per = 1000, level = 0.9 })
out("rate.rate", rr.rate) out("rate.lo", rr.ci[1]) out("rate.hi", rr.ci[2])
local c = csat.complaints(x)
out("pareto.categories", #c.codes) out("pareto.n", c.n)
for k = 1, 3 do
  out("pareto.code" .. (k - 1), c.codes[k]) out("pareto.count" .. (k - 1), c.counts[k])
  out("pareto.share" .. (k - 1), c.shares[k]) out("pareto.cum" .. (k - 1), c.cum_shares[k])
end
local rs = csat.resolution_times(w, { resolved = obs, sla = 2.0, quantiles = { 0.5, 0.9 } })
out("res.mean", rs.mean) out("res.sd", rs.sd) out("res.median", rs.median)
out("res.q0", rs.quantiles[0.5]) out("res.q1", rs.quantiles[0.9])
out("res.within_sla", rs.within_sla) out("res.km_median", rs.km_median)
out("res.km_within_sla", rs.km_within_sla)
local rv = csat.reviews(x, { scale = { 0, 10 }, positive_min = 9, prior = { 5, 10 } })
out("reviews.bayes", rv.bayesian_average) out("reviews.wilson", rv.wilson_lower)
out("reviews.mean", rv.rating.score) out("reviews.se", rv.rating.se)
out("reviews.pos_lo", rv.positive.ci[1])
out("clv.end", csat.clv(40, 0.8, 0.1))
out("clv.start10", csat.clv(40, 0.8, 0.1, { timing = "start", horizon = 10 }))
out("churn.annual", csat.churn_convert(0.02, 12))
out("retention.rate", csat.retention(1200, 1260, 150).retention)
local start, finish = {}, {}
for i = 1, n do
  start[i] = 10 * w[i]
  finish[i] = (x[i] ~= x[i] or x[i] >= 7) and 0 / 0 or start[i] + x[i] + 1
end
local ch = csat.churn(start, finish, 5, 15)
out("churn.retention", ch.retention) out("churn.lost", ch.lost) out("churn.acquired", ch.acquired)

-- Scores by group (scores.c, grouped): the same groups and periods, as
-- labels (false: a row without a group).
local FLAG_CODES = { ok = 0, small = 1, empty = 2 }
local SKIPPED_CODES = { small = 1, empty = 2 }
local PERIODS = 8
local by, periods = {}, {}
for i = 1, n do
  local i0, v = i - 1, x[i]
  if v ~= v and i0 % 2 == 0 then
    by[i] = "e"                                  -- only missing answers: empty
  elseif i0 == 3 then
    by[i] = "d"                                  -- a group of one
  elseif i0 % 11 == 10 then
    by[i] = false
  elseif v >= 9 and i0 % 4 == 0 then
    by[i] = "c"
  else
    local k = i0 % 7 + 1
    by[i] = ("aaaabbc"):sub(k, k)
  end
  local p = i0 * PERIODS // n
  local start = (p * n + PERIODS - 1) // PERIODS
  if (p == 2 and i0 >= start + 10) or (p == 5 and v == v and v < 7) then
    periods[i] = false
  else
    periods[i] = "p" .. (p + 1)
  end
end
local function outg(what, label, field, v) out(what .. "." .. label .. "." .. field, v) end
local function outg_nps(what, g)
  for _, l in ipairs(g.labels) do
    local r = g[l]
    outg(what, l, "score", r.score) outg(what, l, "se", r.se) outg(what, l, "lo", r.ci[1])
    outg(what, l, "hi", r.ci[2]) outg(what, l, "promoters", r.promoters) outg(what, l, "n", r.n)
    outg(what, l, "n_missing", r.n_missing) outg(what, l, "n_eff", r.n_effective)
    outg(what, l, "flag", FLAG_CODES[g.flags[l]])
  end
end
local function outg_share(what, g)
  for _, l in ipairs(g.labels) do
    local r = g[l]
    outg(what, l, "share", r.share) outg(what, l, "se", r.se) outg(what, l, "lo", r.ci[1])
    outg(what, l, "hi", r.ci[2]) outg(what, l, "n", r.n) outg(what, l, "n_weighted", r.n_weighted)
    outg(what, l, "flag", FLAG_CODES[g.flags[l]])
  end
end
local function outg_mean(what, g)
  for _, l in ipairs(g.labels) do
    local r = g[l]
    outg(what, l, "score", r.score) outg(what, l, "sd", r.sd) outg(what, l, "se", r.se)
    outg(what, l, "lo", r.ci[1]) outg(what, l, "hi", r.ci[2]) outg(what, l, "df", r.df)
    outg(what, l, "n", r.n) outg(what, l, "flag", FLAG_CODES[g.flags[l]])
  end
end
-- The rest of each group: the library's columns compare("rest") uses (no
-- public accessor; the grouped table computes them once, lazily).
local function outg_rest(what, g, fields)
  local cols = g._rest_fn()
  for j, l in ipairs(g.labels) do
    for _, f in ipairs(fields) do outg(what, l, f[1], cols[f[2]][j]) end
  end
end
local function outg_cmp(what, t)
  for _, c in ipairs(t) do
    local l = c.group
    outg(what, l, "diff", c.diff) outg(what, l, "se", c.se) outg(what, l, "lo", c.ci[1])
    outg(what, l, "hi", c.ci[2]) outg(what, l, "stat", c.statistic) outg(what, l, "df", c.df)
    outg(what, l, "p", c.p) outg(what, l, "p_adjusted", c.p_adjusted)
    outg(what, l, "skipped", c.skipped and SKIPPED_CODES[c.skipped] or 0)
  end
end
local function outg_track(what, t)
  for _, r in ipairs(t) do
    local l = r.period
    outg(what, l, "score", r.score) outg(what, l, "lo", r.ci[1]) outg(what, l, "hi", r.ci[2])
    outg(what, l, "change", r.change) outg(what, l, "change_se", r.change_se)
    outg(what, l, "change_p", r.change_p) outg(what, l, "center", r.center)
    outg(what, l, "lcl", r.lcl) outg(what, l, "ucl", r.ucl)
    outg(what, l, "signal", r.signal and 1 or 0) outg(what, l, "flag", FLAG_CODES[r.flag])
  end
  out(what .. ".trend.slope", t.trend.slope) out(what .. ".trend.se", t.trend.se)
  out(what .. ".trend.p", t.trend.p) out(what .. ".trend.intercept", t.trend.intercept)
end
outg_nps("gnps", csat.nps(x, { by = by }))
local gn = csat.nps(x, { weights = w, by = by })
outg_nps("gnpsw", gn)
outg_rest("gnpsw_rest", gn, { { "score", "score" }, { "se", "se" }, { "lo", "ci_lower" },
  { "hi", "ci_upper" }, { "promoters", "promoters" }, { "n", "n" }, { "n_missing", "n_missing" },
  { "n_eff", "n_effective" } })
local gs = csat.csat(x, { weights = w, scale = { 0, 10 }, satisfied_min = 9, level = 0.9,
                          by = by })
outg_share("gcsat", gs)
outg_rest("gcsat_rest", gs, { { "share", "share" }, { "se", "se" }, { "lo", "ci_lower" },
  { "hi", "ci_upper" }, { "n", "n" }, { "n_weighted", "n_weighted" } })
local gm = csat.mean_score(x, { weights = w, level = 0.9, by = by })
outg_mean("gmean", gm)
outg_rest("gmean_rest", gm, { { "score", "score" }, { "sd", "sd" }, { "se", "se" },
  { "lo", "ci_lower" }, { "hi", "ci_upper" }, { "df", "df" }, { "n", "n" } })
outg_cmp("gcmp_nps", gn:compare("rest"))
outg_cmp("gcmp_csat", gs:compare("rest"))
outg_cmp("gcmp_mean", gm:compare("rest"))
local pn = csat.nps(x, { by = periods })
outg_nps("pnps", pn)
outg_track("track_nps", pn:track())
local top2 = csat.top_box(x, 2, { scale = { 0, 10 }, by = periods })
outg_track("track_top2", top2:track({ level = 0.9 }))
outg_track("track_mean", csat.mean_score(x, { weights = w, by = periods }):track())

-- A survey design (scores.c, designed): strata s0..s2 (i % 3), clusters i / 25
-- numbered within strata.
local st, cl, parity, third = {}, {}, {}, {}
for i = 1, n do
  local i0 = i - 1
  st[i], cl[i], parity[i], third[i] = "s" .. (i0 % 3), i0 // 25, i0 % 2, i0 % 3
end
local design = csat.design{ weights = w, strata = st, clusters = cl, nest = true }
out("design.psus", design.psus) out("design.df", design.df)
r = csat.nps(x, { design = design })
out("dnps.score", r.score) out("dnps.se", r.se) out("dnps.lo", r.ci[1]) out("dnps.hi", r.ci[2])
out("dnps.n_eff", r.n_effective)
r = csat.csat(x, { scale = { 0, 10 }, satisfied_min = 9, level = 0.9, design = design })
out("dcsat.share", r.share) out("dcsat.se", r.se) out("dcsat.lo", r.ci[1])
out("dcsat.hi", r.ci[2]) out("dcsat.n_eff", r.n_effective)
r = csat.mean_score(x, { design = design })
out("dmean.score", r.score) out("dmean.se", r.se) out("dmean.lo", r.ci[1])
out("dmean.hi", r.ci[2]) out("dmean.df", r.df)
local dn = csat.nps(x, { by = by, design = design })
local ds = csat.csat(x, { scale = { 0, 10 }, satisfied_min = 9, level = 0.9, by = by,
                          design = design })
local dm = csat.mean_score(x, { by = by, design = design })
outg_nps("dgnps", dn)
outg_share("dgcsat", ds)
outg_mean("dgmean", dm)
outg_cmp("dgcmp_nps", dn:compare())
outg_cmp("dgcmp_csat", ds:compare())
outg_cmp("dgcmp_mean", dm:compare())
local raked, info = csat.rake(w, { { parity, { [0] = 600, [1] = 400 } },
                                   { third, { [0] = 300, [1] = 300, [2] = 400 } } })
for j = 1, 5 do out("rake.w" .. (j - 1), raked[j]) end
out("rake.iterations", info.iterations) out("rake.max_change", info.max_change)
out("rake.max_miss", info.max_miss)

if arg[2] then
  local X, Y, W = {}, {}, {}
  for line in io.lines(arg[2]) do
    if line:sub(1, 1) ~= "#" then
      local v = {}
      for a in line:gmatch("%S+") do
        v[#v + 1] = a == "nan" and 0 / 0 or tonumber(a)
      end
      X[#X + 1] = { v[1], v[2], v[3], v[4] }
      Y[#Y + 1], W[#W + 1] = v[5], v[6]
    end
  end
  local function outs(name, t)
    for j, v in ipairs(t) do out(name .. (j - 1), v) end
  end
  local m = csat.key_drivers(X, Y, { weights = W })
  out("kd.r2", m.r2) out("kd.adj_r2", m.adj_r2) out("kd.sigma", m.sigma) out("kd.f", m.f)
  out("kd.f_p", m.f_p) out("kd.condition", m.condition) out("kd.n_effective", m.n_effective)
  outs("kd.coef", m.coef) outs("kd.se", m.se) outs("kd.t", m.t) outs("kd.p", m.p)
  local lo, hi = {}, {}
  for j, c in ipairs(m.ci) do lo[j], hi[j] = c[1], c[2] end
  outs("kd.lo", lo) outs("kd.hi", hi)
  outs("kd.beta", m.beta) outs("kd.vif", m.vif) outs("kd.r", m.r) outs("kd.mean", m.means)
  outs("kd.sd", m.sds)
  for _, k in ipairs({ { "first", "kd.first" }, { "last", "kd.last" }, { "beta2", "kd.beta2" },
                       { "pratt", "kd.pratt" }, { "lmg", "kd.lmg" },
                       { "relative_weights", "kd.rw" } }) do
    outs(k[2], (m:importance(k[1])))
  end
  local mc, se = m:importance("lmg", { exact_max = 2, permutations = 2000, seed = 9 })
  outs("kd.mc", mc) outs("kd.mc_se", se)
  local d = m:dominance()
  local cond, comp = {}, {}
  for i = 1, 4 do
    for j = 1, 4 do
      cond[#cond + 1], comp[#comp + 1] = d.conditional[i][j], d.complete[i][j]
    end
  end
  outs("kd.cond", cond) outs("kd.comp", comp)
  local b = m:bootstrap("lmg", { reps = 200, level = 0.9, seed = 3 })
  outs("kd.boot_lo", b.lower) outs("kd.boot_hi", b.upper)
  local codes = { ["concentrate here"] = 0, ["keep up the good work"] = 1, ["low priority"] = 2,
                  ["possible overkill"] = 3 }
  local q = {}
  for j, name in ipairs(m:ipa("lmg").quadrant) do q[j] = codes[name] end
  outs("kd.ipa", q)
  local half = #X // 2
  local function slice(t, i, j) return { table.unpack(t, i, j) } end
  local acc = csat.XProd(4):add(slice(X, 1, half), slice(Y, 1, half), slice(W, 1, half))
  acc:merge(csat.XProd(4):add(slice(X, half + 1, #X), slice(Y, half + 1, #Y), slice(W, half + 1, #W)))
  local mx = csat.key_drivers_from(acc)
  outs("kd.xprod_coef", mx.coef) outs("kd.xprod_lmg", (mx:importance("lmg")))
  local kst, kcl = {}, {}
  for i = 1, #Y do kst[i], kcl[i] = (i - 1) % 4, (i - 1) // 10 end
  local kd = csat.design{ weights = W, strata = kst, clusters = kcl, nest = true }
  local md = csat.key_drivers(X, Y, { design = kd })
  out("kd.design_df", md.df_resid)
  outs("kd.design_coef", md.coef) outs("kd.design_se", md.se)
end
