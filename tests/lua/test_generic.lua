-- Results described once, defaults from C, in Lua: the result tables are
-- built from the field lists csat_core exposes (result_fields), the
-- Kaplan-Meier steps come as columns keyed by the point's field names, and
-- every option default is the C initialiser's. Prints "N passed, M failed"
-- and exits non-zero on a failure.

local csat = require "csat"
local core = require "csat_core"

local h = dofile((arg[0]:match("^(.*[/\\])") or "./") .. "harness.lua")
local test, check = h.test, h.check

local NPS = { 10, 9, 0, 5, 7, 10, 3, 8, 9, 6 }
local SAT = { 1, 4, 2, 5, 3, 1, 4, 2, 5, 3 }

-- The C fields of a kind, in order.
local function fields(kind)
  local t = {}
  for name in core.result_fields(kind):gmatch("([%w_]+):[%w_]+") do
    t[#t + 1] = name
  end
  return t
end

-- Where the C field `name` of a result table r is: one half of a joined
-- pair (ci = {lower, upper}, x_ci, box = {min, max}), or r[name].
local function value_of(r, name)
  local stem, half = name:match("^(.-)_(lower)$")
  if not stem then stem, half = name:match("^(.-)_(upper)$") end
  local t = stem and r[stem == "ci" and "ci" or stem .. "_ci"]
  if type(t) == "table" then
    return t[half == "lower" and 1 or 2]
  end
  stem, half = name:match("^(.+)_(min)$")
  if not stem then stem, half = name:match("^(.+)_(max)$") end
  if stem and type(r[stem]) == "table" then
    return r[stem][half == "min" and 1 or 2]
  end
  return r[name]
end

test("every result kind has a field list", function()
  local n = 0
  for kind in core.result_kinds():gmatch("%S+") do
    n = n + 1
    check(#fields(kind) > 0, kind)
  end
  check(n >= 18, "kinds")
  check(core.result_fields("no such result") == nil, "unknown kind")
end)

test("result tables hold every C field under the generic rules", function()
  local cases = {
    nps_result = csat.nps(NPS), share_result = csat.csat(SAT), mean_result = csat.mean_score(SAT),
    comparison = csat.compare(csat.nps(NPS), nil, { benchmark = 10 }),
    trend_result = csat.trend({ csat.nps(NPS), csat.nps({ 10, 9, 9, 5 }) }),
    rank_result = csat.percentile_rank(30, { 10, 20, 40 }),
    retention_result = csat.retention(100, 90, 5), rate_result = csat.rate(12, 400),
    survival_point = csat.survival({ 3, 5, 7, 9 }, { observed = { 1, 0, 1, 1 } }):at(6),
    curve_summary = csat.survival({ 3, 5, 7, 9 }, { observed = { 1, 0, 1, 1 } }),
    resolution_result = csat.resolution_times({ 1, 2, 3 }, { sla = 2 }),
    reviews_result = csat.reviews({ 5, 4, 3, 1 }),
  }
  for kind, r in pairs(cases) do
    for _, name in ipairs(fields(kind)) do
      check(value_of(r, name) ~= nil, kind .. "." .. name .. " is missing")
    end
  end
  local n = csat.nps(NPS, { method = "adjusted-wald" })
  check(n.method == "adjusted-wald" and type(n.ci) == "table" and #n.ci == 2, "nps")
  check(csat.csat(SAT).box[1] == 4 and csat.csat(SAT).box[2] == 5, "box")
  check(csat.mean_score(SAT).min == 1 and csat.mean_score(SAT).max == 5, "min and max")
  local s = csat.survival({ 4, 2, 6, 1, 5, 3 })
  check(type(s.median_ci) == "table" and s.median_ci[1] == 1, "median_ci")
end)

test("results go back to the library unchanged", function()
  for _, r in ipairs({ csat.nps(NPS), csat.nps(NPS, { method = "adjusted-wald" }),
                       csat.csat(SAT), csat.mean_score(SAT) }) do
    local c = csat.compare(r, r)
    check(c.diff == 0, r.kind)
  end
end)

test("the Kaplan-Meier steps are columns keyed by the point's fields", function()
  local h = core.survival_fit({ 3, 5, 7, 9, 4, 4, 8 }, { 1, 0, 1, 1, 1, 0, 1 }, nil)
  local steps = core.survival_steps(h)
  local k = core.survival_summary(h).steps
  local names = fields("survival_point")
  local count = 0
  for _ in pairs(steps) do count = count + 1 end
  check(count == #names, "one column per field")
  for i = 1, k do
    local p = core.survival_step(h, i - 1)
    for _, name in ipairs(names) do
      check(#steps[name] == k and steps[name][i] == p[name], name .. "[" .. i .. "]")
    end
  end
  local curve = csat.survival({ 3, 5, 7, 9, 4, 4, 8 }, { observed = { 1, 0, 1, 1, 1, 0, 1 } })
  for _, name in ipairs(names) do
    for i = 1, k do
      check(curve[name][i] == steps[name][i], "curve." .. name)
    end
  end
end)

test("option defaults are the C initialisers'", function()
  local o = core.nps_options()
  local r = csat.nps(NPS)
  check(r.level == o.level and r.method == "wald", "nps")
  check(csat.csat(SAT).box[1] == core.csat_options().satisfied_min, "csat")
  local d = csat.distribution(SAT)
  check(d.scale[1] == core.scale_options().scale_min and d.scale[2] == core.scale_options().scale_max,
    "distribution")
  local b = core.business_options()
  check(csat.rate(3, 10).per == b.per and csat.rate(3, 10).level == b.level, "rate")
  check(b.timing == core.CSAT_CLV_END_OF_PERIOD and b.horizon == math.huge, "business options")
  check(csat.clv(40, 0.8, 0.1) == core.business_clv(40, 0.8, 0.1, nil), "clv")
  check(csat.clv(40, 0.8, 0.1) == csat.clv(40, 0.8, 0.1, { timing = "end" }), "clv end")
  check(csat.clv(40, 0.8, 0.1) ~= csat.clv(40, 0.8, 0.1, { timing = "start" }), "clv start")
  local p = { 0.01, 0.04, 0.03, 0.2 }
  local a, holm = csat.adjust(p), csat.adjust(p, "holm")
  for i = 1, #p do check(a[i] == holm[i], "adjust") end
  check(csat.compare(r, nil, { benchmark = 10 }).level == core.compare_options().level, "compare")
  check(csat.Tally(0, 10):add(NPS):mean().level == core.mean_options().level, "tally mean")
  local m = csat.key_drivers({ { 1, 2 }, { 2, 1 }, { 3, 5 }, { 4, 3 }, { 5, 6 }, { 6, 4 } },
    { 1.5, 2.0, 4.1, 3.3, 5.9, 4.8 })
  check(m.intercept == (core.drivers_options().intercept == 1), "intercept")
  check(m.level == core.drivers_options().level, "fit level")
end)

test("complaints per 1,000 and referrals per customer, as in Python", function()
  local c = csat.complaints({ 1, 2, 2, 3 }, { customers = 400 })
  check(c.rate.per == 1000 and c.rate.rate == 4 / 400 * 1000, "complaints")
  check(csat.complaints({ 1, 2 }, { customers = 400, per = 100 }).rate.per == 100, "per")
  check(csat.referral_rate(30, 100).per == 1, "referrals")
  check(c.codes[1] == 2 and c.counts[1] == 2 and c.shares[1] == 0.5 and c.cum_shares[3] == 1,
    "columns")
end)

h.finish()
