-- The scores of scores.c, from Lua, printed as hexadecimal floats (and the
-- key-driver model of the second file, arg[2], if given).
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
end
