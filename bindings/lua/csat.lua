--- libcsat for Lua 5.4: customer-satisfaction scores with their uncertainty.
--
-- Tables in, tables out. Answers are a table of numbers (0/0, NaN, is a
-- missing answer); options are a table whose fields are all optional:
--
--   local csat = require "csat"
--   local r = csat.nps(answers, {weights = w, method = "adjusted-wald"})
--   print(r.score, r.ci[1], r.ci[2], r.n)
--
-- Every result has score, se, ci = {lower, upper}, level, n, n_weighted,
-- n_effective, n_missing and its own fields. Bad data or options raise an
-- error (use pcall) with the library's message. Every number is computed by
-- the C library (module csat_core); this file only reshapes tables.

local core = require "csat_core"

local M = {}

M._VERSION = core.version()

--- Version of the loaded C library, "MAJOR.MINOR.PATCH".
function M.version()
  return core.version()
end

local METHODS = { ["wald"] = core.CSAT_NPS_WALD, ["adjusted-wald"] = core.CSAT_NPS_ADJUSTED_WALD }
local METHOD_NAMES = { [core.CSAT_NPS_WALD] = "wald", [core.CSAT_NPS_ADJUSTED_WALD] = "adjusted-wald" }

-- Options -------------------------------------------------------------------

local function check_options(opts, allowed, fname)
  if opts == nil then
    return {}
  end
  if type(opts) ~= "table" then
    error(fname .. ": options must be a table, not " .. type(opts), 3)
  end
  for k in pairs(opts) do
    if not allowed[k] then
      error(fname .. ": unknown option '" .. tostring(k) .. "'", 3)
    end
  end
  return opts
end

local function set(...)
  local s = {}
  for _, k in ipairs({ ... }) do
    s[k] = true
  end
  return s
end

-- An integer option: a number with an integral value (never truncated).
local function int(v, what)
  if math.type(v) == "integer" then
    return v
  end
  local i = math.type(v) == "float" and math.tointeger(v)
  if not i then
    error(what .. " must be an integer, not " .. tostring(v), 4)
  end
  return i
end

local function scale_of(s, default, what)
  s = s or default
  what = what or "scale"
  if type(s) ~= "table" or #s ~= 2 then
    error(what .. " must be a table {min, max}", 4)
  end
  return int(s[1], what .. "[1]"), int(s[2], what .. "[2]")
end

local function nps_options(o, scale)
  local c = core.nps_options()
  c.scale_min, c.scale_max = scale_of(scale or o.scale, { 0, 10 })
  if o.promoter_min ~= nil then c.promoter_min = int(o.promoter_min, "promoter_min") end
  if o.detractor_max ~= nil then c.detractor_max = int(o.detractor_max, "detractor_max") end
  if o.level ~= nil then c.level = o.level end
  if o.method ~= nil then
    local m = METHODS[o.method]
    if m == nil then
      error("method must be 'wald' or 'adjusted-wald', not '" .. tostring(o.method) .. "'", 3)
    end
    c.method = m
  end
  return c
end

local function scale_options(o, scale)
  local c = core.scale_options()
  c.scale_min, c.scale_max = scale_of(scale or o.scale, { 1, 5 })
  if o.level ~= nil then c.level = o.level end
  return c
end

local function csat_options(o, scale)
  local c = core.csat_options()
  c.scale_min, c.scale_max = scale_of(scale or o.scale, { 1, 5 })
  if o.satisfied_min ~= nil then c.satisfied_min = int(o.satisfied_min, "satisfied_min") end
  if o.level ~= nil then c.level = o.level end
  return c
end

local function mean_options(o)
  local c = core.mean_options()
  if o.level ~= nil then c.level = o.level end
  return c
end

local function ces_options(o, scale)
  local c = core.ces_options()
  c.scale_min, c.scale_max = scale_of(scale or o.scale, { 1, 7 })
  if o.low_effort_min ~= nil then c.low_effort_min = int(o.low_effort_min, "low_effort_min") end
  if o.level ~= nil then c.level = o.level end
  return c
end

-- Results -------------------------------------------------------------------

local function fmt(v)
  return string.format("%.4g", v)
end

local Result = {}
Result.__index = Result
Result.__tostring = function(r)
  return string.format("%s %s [%s, %s] (se %s, n %d)", r.kind, fmt(r.score), fmt(r.ci[1]),
    fmt(r.ci[2]), fmt(r.se), r.n)
end

local function common(kind, d)
  return setmetatable({
    kind = kind,
    score = d.score, se = d.se, ci = { d.ci_lower, d.ci_upper }, level = d.level,
    n = d.n, n_weighted = d.n_weighted, n_effective = d.n_effective, n_missing = d.n_missing,
  }, Result)
end

local function nps_result(d)
  local r = common("NPS", d)
  r.promoters, r.passives, r.detractors = d.promoters, d.passives, d.detractors
  r.method = METHOD_NAMES[d.method]
  return r
end

local function share_result(d)
  local r = common("share", d)
  r.share = d.share
  r.box = { d.box_min, d.box_max }
  return r
end

local function mean_result(d)
  local r = common("mean", d)
  r.sd, r.df, r.min, r.max = d.sd, d.df, d.min, d.max
  return r
end

local function ces_result(d)
  local r = mean_result(d.effort)
  r.kind = "CES"
  r.effort = mean_result(d.effort)
  r.low_effort = share_result(d.low_effort)
  return r
end

local function sample_result(d)
  return { n = d.n, n_missing = d.n_missing, n_weighted = d.n_weighted,
           n_effective = d.n_effective }
end

local function distribution_result(lo, hi, counts, weights, shares, sample)
  local r = sample_result(sample)
  r.scale = { lo, hi }
  r.values, r.counts, r.weights, r.shares = {}, {}, {}, {}
  for i = 1, hi - lo + 1 do
    r.values[i] = lo + i - 1
    r.counts[i] = math.tointeger(counts[i]) or counts[i]
    r.weights[i] = weights[i]
    r.shares[i] = shares[i]
  end
  return r
end

-- Number of points of a scale for the output arrays; an invalid scale gives
-- 1 so that the library reports the problem.
local function points(lo, hi)
  local k = hi - lo + 1
  if k >= 1 and k <= core.CSAT_TALLY_MAX_POINTS then
    return k
  end
  return 1
end

-- Array functions -------------------------------------------------------------

local NPS_OPTS = set("weights", "scale", "promoter_min", "detractor_max", "level", "method")
local SHARE_OPTS = set("weights", "scale", "level")
local CSAT_OPTS = set("weights", "scale", "satisfied_min", "level")
local MEAN_OPTS = set("weights", "level")
local CES_OPTS = set("weights", "scale", "low_effort_min", "level")
local DIST_OPTS = set("weights", "scale")
local INDEX_OPTS = set("weights", "scales", "item_weights", "level")

--- Net Promoter Score. opts: weights, scale {0, 10}, promoter_min 9,
-- detractor_max 6, level 0.95, method "wald" | "adjusted-wald".
function M.nps(answers, opts)
  local o = check_options(opts, NPS_OPTS, "nps")
  return nps_result(core.nps(answers, o.weights, nps_options(o)))
end

--- CSAT: share of answers >= satisfied_min. opts: weights, scale {1, 5},
-- satisfied_min 4, level 0.95.
function M.csat(answers, opts)
  local o = check_options(opts, CSAT_OPTS, "csat")
  return share_result(core.csat(answers, o.weights, csat_options(o)))
end

--- Share of answers in the boxes lo..hi. opts: weights, scale {1, 5}, level.
function M.box_share(answers, lo, hi, opts)
  local o = check_options(opts, SHARE_OPTS, "box_share")
  return share_result(core.box_share(answers, o.weights, lo, hi, scale_options(o)))
end

--- Share of answers in the k highest points (k defaults to 2).
function M.top_box(answers, k, opts)
  local o = check_options(opts, SHARE_OPTS, "top_box")
  return share_result(core.top_box(answers, o.weights, k or 2, scale_options(o)))
end

--- Share of answers in the k lowest points (k defaults to 2).
function M.bottom_box(answers, k, opts)
  local o = check_options(opts, SHARE_OPTS, "bottom_box")
  return share_result(core.bottom_box(answers, o.weights, k or 2, scale_options(o)))
end

--- Mean of any finite values with sd, se and t interval. opts: weights, level.
function M.mean_score(values, opts)
  local o = check_options(opts, MEAN_OPTS, "mean_score")
  return mean_result(core.mean_score(values, o.weights, mean_options(o)))
end

--- Customer Effort Score: the mean effort (score, se, ci... and .effort) and
-- .low_effort, the share of answers >= low_effort_min. opts: weights,
-- scale {1, 7}, low_effort_min 5, level.
function M.ces(answers, opts)
  local o = check_options(opts, CES_OPTS, "ces")
  return ces_result(core.ces(answers, o.weights, ces_options(o)))
end

--- Count, weight and share of every point of the scale. opts: weights,
-- scale {1, 5}. Returns {values, counts, weights, shares, scale, n, ...}.
function M.distribution(answers, opts)
  local o = check_options(opts, DIST_OPTS, "distribution")
  local c = scale_options(o)
  local lo, hi = c.scale_min, c.scale_max
  local counts, weights, shares, sample = core.distribution(answers, o.weights, c, points(lo, hi))
  return distribution_result(lo, hi, counts, weights, shares, sample)
end

--- Composite 0-100 index of several items. rows: a table of rows, each a
-- table of item answers (a row with a NaN is missing). opts: scales (one
-- {min, max} for all items or one per item; required), item_weights,
-- weights (per row), level.
function M.index(rows, opts)
  local o = check_options(opts, INDEX_OPTS, "index")
  if type(o.scales) ~= "table" then
    error("index: option 'scales' is required: {min, max} or one {min, max} per item", 2)
  end
  local k = (type(rows) == "table" and type(rows[1]) == "table") and #rows[1] or 0
  local mins, maxs = {}, {}
  if type(o.scales[1]) == "number" then
    local lo, hi = scale_of(o.scales, nil, "scales")
    for j = 1, k do
      mins[j], maxs[j] = lo, hi
    end
  else
    for j, s in ipairs(o.scales) do
      mins[j], maxs[j] = scale_of(s, nil, "scales[" .. j .. "]")
    end
  end
  return mean_result(core.index(rows, o.weights, mins, maxs, o.item_weights, mean_options(o)))
end

-- Accumulators ----------------------------------------------------------------

local function scale_args(a, b, default)
  if type(a) == "table" then
    return a[1], a[2]
  elseif a == nil then
    return default[1], default[2]
  end
  return a, b
end

local TallyMethods = {}
local TallyMT = {}

local function wrap_tally(handle)
  return setmetatable({ _t = handle }, TallyMT)
end

local function is_tally(x)
  return getmetatable(x) == TallyMT
end

TallyMT.__index = function(self, key)
  if key == "n" then
    return core.tally_sample(self._t).n
  elseif key == "sample" then
    return sample_result(core.tally_sample(self._t))
  elseif key == "scale" then
    return { core.tally_scale(self._t) }
  end
  return TallyMethods[key]
end

TallyMT.__add = function(a, b)
  if not (is_tally(a) and is_tally(b)) then
    error("can only add a Tally to a Tally", 2)
  end
  return a:copy():merge(b)
end

TallyMT.__tostring = function(self)
  local lo, hi = core.tally_scale(self._t)
  return string.format("Tally(%d..%d, n=%d)", lo, hi, core.tally_sample(self._t).n)
end

--- Count answers (NaN is missing) with optional weights; returns the tally.
function TallyMethods:add(answers, weights)
  core.tally_add(self._t, answers, weights)
  return self
end

--- Add the counts of another tally of the same scale; returns self.
function TallyMethods:merge(other)
  if not is_tally(other) then
    error("can only merge a Tally", 2)
  end
  core.tally_merge(self._t, other._t)
  return self
end

function TallyMethods:copy()
  return wrap_tally(core.tally_copy(self._t))
end

--- The tally as a portable binary string (see csat.Tally.deserialize).
function TallyMethods:serialize()
  return core.tally_serialize(self._t)
end

function TallyMethods:nps(opts)
  local o = check_options(opts, set("promoter_min", "detractor_max", "level", "method"), "nps")
  return nps_result(core.tally_nps(self._t, nps_options(o, self.scale)))
end

function TallyMethods:csat(opts)
  local o = check_options(opts, set("satisfied_min", "level"), "csat")
  return share_result(core.tally_csat(self._t, csat_options(o, self.scale)))
end

function TallyMethods:box_share(lo, hi, opts)
  local o = check_options(opts, set("level"), "box_share")
  return share_result(core.tally_box_share(self._t, lo, hi, scale_options(o, self.scale)))
end

function TallyMethods:top_box(k, opts)
  local o = check_options(opts, set("level"), "top_box")
  return share_result(core.tally_top_box(self._t, k or 2, scale_options(o, self.scale)))
end

function TallyMethods:bottom_box(k, opts)
  local o = check_options(opts, set("level"), "bottom_box")
  return share_result(core.tally_bottom_box(self._t, k or 2, scale_options(o, self.scale)))
end

function TallyMethods:mean(opts)
  local o = check_options(opts, set("level"), "mean")
  return mean_result(core.tally_mean(self._t, mean_options(o)))
end

function TallyMethods:ces(opts)
  local o = check_options(opts, set("low_effort_min", "level"), "ces")
  return ces_result(core.tally_ces(self._t, ces_options(o, self.scale)))
end

function TallyMethods:distribution()
  local lo, hi = core.tally_scale(self._t)
  local counts, weights, shares = {}, {}, {}
  for v = lo, hi do
    local p = core.tally_point(self._t, v)
    counts[#counts + 1], weights[#weights + 1], shares[#shares + 1] = p.count, p.weight, p.share
  end
  return distribution_result(lo, hi, counts, weights, shares, core.tally_sample(self._t))
end

--- csat.Tally(scale) or csat.Tally(min, max): an empty tally (default 0..10).
-- Fields n, sample, scale; methods add, merge, copy, serialize, nps, csat,
-- box_share, top_box, bottom_box, mean, ces, distribution; t1 + t2 merges
-- into a new tally.
M.Tally = setmetatable({
  --- Recreate a tally from the string of t:serialize().
  deserialize = function(s)
    return wrap_tally(core.tally_deserialize(s))
  end,
  is_tally = is_tally,
}, {
  __call = function(_, a, b)
    local lo, hi = scale_args(a, b, { 0, 10 })
    return wrap_tally(core.tally_create(lo, hi))
  end,
})

local MomentsMethods = {}
local MomentsMT = {}

local function is_moments(x)
  return getmetatable(x) == MomentsMT
end

local function new_moments()
  local m = core.moments()
  core.moments_init(m)
  return setmetatable({ _m = m }, MomentsMT)
end

MomentsMT.__index = function(self, key)
  if key == "n" then
    return self._m.n
  elseif key == "n_missing" then
    return self._m.n_missing
  elseif key == "n_weighted" then
    return self._m.sum_w
  end
  return MomentsMethods[key]
end

MomentsMT.__add = function(a, b)
  if not (is_moments(a) and is_moments(b)) then
    error("can only add Moments to Moments", 2)
  end
  return a:copy():merge(b)
end

MomentsMT.__tostring = function(self)
  return string.format("Moments(n=%d)", self._m.n)
end

function MomentsMethods:add(values, weights)
  core.moments_add(self._m, values, weights)
  return self
end

function MomentsMethods:merge(other)
  if not is_moments(other) then
    error("can only merge Moments", 2)
  end
  core.moments_merge(self._m, other._m)
  return self
end

function MomentsMethods:serialize()
  return core.moments_serialize(self._m)
end

local function moments_deserialize(s)
  local m = new_moments()
  core.moments_deserialize(s, m._m)
  return m
end

function MomentsMethods:copy()
  return moments_deserialize(self:serialize())
end

function MomentsMethods:mean(opts)
  local o = check_options(opts, set("level"), "mean")
  return mean_result(core.moments_mean(self._m, mean_options(o)))
end

--- csat.Moments(): weighted count, mean and variance of continuous values;
-- methods add, merge, copy, serialize, mean; fields n, n_missing, n_weighted.
M.Moments = setmetatable({
  deserialize = moments_deserialize,
  is_moments = is_moments,
}, {
  __call = function()
    return new_moments()
  end,
})

return M
