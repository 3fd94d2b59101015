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
-- n_effective, n_missing and its own fields. A share (csat, box shares, the
-- CES low-effort share) is a proportion 0..1 in share, se and ci; its score
-- is 100 * share, for display. NPS is in points (-100..100). Numeric options and arguments
-- must be Lua numbers: a string such as "0.9" is an error, never
-- converted. Every number is computed by the C library (module
-- csat_core); this file only reshapes tables.
--
-- Errors. Every failure raises an error object (catch it with pcall): a
-- table with the fields
--   code     the library's status number: csat.EMPTY, csat.RANGE,
--            csat.WEIGHT, csat.ARGUMENT, csat.NOMEM, csat.SINGULAR,
--            csat.TOO_FEW, csat.FORMAT, csat.OVERFLOW, csat.CONVERGENCE,
--            csat.CANCELLED (csat.NULL, csat.OK)
--   status   its name: "empty", "range", "weight", "argument", "nomem",
--            "singular", "too_few", "format", "overflow", "convergence",
--            "cancelled"
--   message  the message; every position in it is 1-based
--   index    the 1-based row (element) it concerns, or nil
--   column   the driver, item or attribute it concerns: its name when names
--            were given (key drivers, gap), else its 1-based number (a
--            key-driver model's outcome, which has no name, is column p + 1);
--            nil when not applicable
-- and a metatable whose __tostring gives the message, so that
-- tostring(err), print(err) and "..." .. err work as with a string error.
-- A singular key-driver design is err.code == csat.SINGULAR (status
-- "singular"); csat.is_error(x) tells an error object. A bad Lua argument
-- (a wrong type, an unknown option or method, a string where a number is
-- expected, a non-numeric element of an input table) is an error object
-- too, with code csat.ARGUMENT, so that one handler covers every failure;
-- its err.where is the position of the code that called csat
-- ("script.lua:12"), which tostring(err) puts before the message as
-- error(message, level) would (nil when the caller is a C function such as
-- pcall). Errors the library reports about the data have no position.
--
-- Per-driver results are keyed both by position and by driver name (the
-- given names, or x1..xp): m:importance("lmg")[1] and
-- m:importance("lmg").speed are the same number; ipairs and # see the
-- positions only. Coefficient tables (coef, se, t, p, ci) are keyed by
-- term, "(intercept)" first.
--
-- Key drivers: csat.key_drivers(rows, y, {weights =, names =, intercept =,
-- level =}) fits the least-squares model of y on the drivers, weighted
-- when weights are given (rows is a table of rows, each a table of driver
-- values) and returns a model
-- with fields r2, adj_r2, coef, se, t, p, ci, beta, vif, r, means, sds...
-- and methods importance, dominance, bootstrap, ipa, summary;
-- csat.XProd(p) accumulates shards for csat.key_drivers_from.
--
-- Scores by group: every score function takes opts.by (one label per
-- answer: strings or numbers, nil / false / NaN missing; a table of such
-- tables for crossed groups) and opts.min_n, and returns a grouped table:
-- g.labels, g[label], g.flags, g.small, g.n_unlabelled, g:compare("rest" |
-- "pairs" | label, {benchmark =, adjust =, level =}), g:track() (see
-- "Scores by group" below; csat.is_grouped(x) tells one).
--
-- Survey designs: csat.design{weights =, strata =, clusters =, fpc =,
-- lonely_psu =, nest =} describes how the rows were drawn; every score
-- function (with or without opts.by) and csat.key_drivers take opts.design
-- and give design-based standard errors as R's survey package; csat.rake
-- rakes weights to population margins (see "Survey designs" below).
--
-- Comparisons: csat.compare(a, b, {level =}) or csat.compare(a, nil,
-- {benchmark =}), csat.adjust(p, "holm"), csat.trend(results, {times =}),
-- csat.percentile_rank(score, peers), csat.gap(expected, perceived).
-- Business measures: csat.retention, csat.churn, csat.churn_convert,
-- csat.survival (Kaplan-Meier), csat.clv, csat.complaints, csat.rate,
-- csat.referral_rate, csat.resolution_times, csat.reviews.

local raw = require "csat_core"

local M = {}

-- Errors ----------------------------------------------------------------------

local STATUS = {
  ok = raw.CSAT_OK, null = raw.CSAT_ERR_NULL, empty = raw.CSAT_ERR_EMPTY,
  range = raw.CSAT_ERR_RANGE, weight = raw.CSAT_ERR_WEIGHT, argument = raw.CSAT_ERR_ARGUMENT,
  nomem = raw.CSAT_ERR_NOMEM, singular = raw.CSAT_ERR_SINGULAR, too_few = raw.CSAT_ERR_TOO_FEW,
  format = raw.CSAT_ERR_FORMAT, overflow = raw.CSAT_ERR_OVERFLOW,
  convergence = raw.CSAT_ERR_CONVERGENCE, cancelled = raw.CSAT_ERR_CANCELLED,
}
local STATUS_NAME = {}
for name, code in pairs(STATUS) do
  M[name:upper()] = code          -- csat.SINGULAR, csat.ARGUMENT...
  STATUS_NAME[code] = name
end
local ARGUMENT = STATUS.argument

local ErrorMT = { __name = "csat.error" }
ErrorMT.__tostring = function(e)
  if e.where then
    return e.where .. ": " .. e.message
  end
  return e.message
end
ErrorMT.__concat = function(a, b)
  return tostring(a) .. tostring(b)
end

local function is_error(x)
  return getmetatable(x) == ErrorMT
end

local function new_error(code, message, index, column, where)
  return setmetatable({ code = code, status = STATUS_NAME[code] or "unknown",
                        message = message, index = index, column = column, where = where },
    ErrorMT)
end

-- The position of the code that called csat: the first frame that is not
-- in this file ("file:line"), nil when it is a C function (pcall).
local SOURCE = debug and debug.getinfo(1, "S").source
local function caller_position()
  if not SOURCE then
    return nil
  end
  local level = 3
  while true do
    local info = debug.getinfo(level, "Sl")
    if info == nil then
      return nil
    elseif info.source ~= SOURCE then
      return info.currentline > 0 and (info.short_src .. ":" .. info.currentline) or nil
    end
    level = level + 1
  end
end

-- A bad Lua argument: an ARGUMENT error object at the caller's position.
-- (A table error value gets no position from error()'s level, so the
-- position is found here, past every frame of this file.)
local function arg_error(message, index, column)
  error(new_error(ARGUMENT, message, index, column, caller_position()), 2)
end

-- Words that name a row (element) or a column before a 0-based number in
-- the library's messages ("value 6 at index 3", "row 4, driver 1").
local INDEX_WORDS = { index = true, row = true, customer = true, wave = true, term = true,
                      step = true, element = true }
local COLUMN_WORDS = { column = true, driver = true, item = true, attribute = true }

-- The library's message with its 0-based row i0 and column j0 made 1-based:
-- only a number that follows a row or column word and equals i0 or j0.
local function one_based(message, i0, j0)
  if i0 == nil and j0 == nil then
    return message
  end
  return (message:gsub("(%a+) (%d+)", function(word, num)
    local v = tonumber(num)
    if (INDEX_WORDS[word] and v == i0)
        or (COLUMN_WORDS[word] and (v == j0 or (j0 == nil and v == i0))) then
      return word .. " " .. (v + 1)
    end
  end))
end

-- The message with the name of its (1-based) column: after "driver 2" or
-- "rows[3][2]" when the message has it, else at the end.
local function named_message(message, col, name, noun)
  local quoted = " ('" .. name .. "')"
  local init = 1
  while true do
    local s, e, word, num = message:find("(%a+) (%d+)", init)
    if s == nil then
      break
    end
    if COLUMN_WORDS[word] and tonumber(num) == col then
      return message:sub(1, e) .. quoted .. message:sub(e + 1)
    end
    init = e + 1
  end
  local _, e = message:find("%[%d+%]%[" .. col .. "%]")
  if e then
    return message:sub(1, e) .. quoted .. message:sub(e + 1)
  end
  return message .. " (" .. noun .. " " .. col .. ", '" .. name .. "')"
end

-- The error object of what csat_core raised: its table {code, message,
-- index, column} (0-based), or SWIG's message for an argument of the wrong
-- type. ctx = {names =, noun =} names the columns (drivers, attributes).
local function from_core(e, ctx)
  if is_error(e) then
    return e
  elseif type(e) ~= "table" then
    if e == "not enough memory" then
      return new_error(STATUS.nomem, e)
    end
    return new_error(ARGUMENT, tostring(e), nil, nil, caller_position())
  end
  local i0, j0 = e.index, e.column
  local message = e.binding and e.message or one_based(e.message, i0, j0)
  local index = i0 and i0 + 1
  local column = j0 and j0 + 1
  if column and ctx and type(ctx.names[column]) == "string" then
    message = named_message(message, column, ctx.names[column], ctx.noun)
    column = ctx.names[column]
  end
  return new_error(e.code, message, index, column, e.binding and caller_position() or nil)
end

local function raise_core(e, ctx)
  error(from_core(e, ctx), 2)
end

local function pass(ctx, ok, ...)
  if ok then
    return ...
  end
  raise_core((...), ctx)
end

-- f(...) from csat_core, its error named by ctx.
local function call(ctx, f, ...)
  return pass(ctx, pcall(f, ...))
end

-- csat_core with every function's error made an error object.
local core = setmetatable({}, {
  __index = function(t, k)
    local v = raw[k]
    if type(v) == "function" then
      local f = v
      v = function(...) return pass(nil, pcall(f, ...)) end
    end
    rawset(t, k, v)
    return v
  end,
})

M.is_error = is_error

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
    arg_error(fname .. ": options must be a table, not " .. type(opts))
  end
  for k in pairs(opts) do
    if not allowed[k] then
      arg_error(fname .. ": unknown option '" .. tostring(k) .. "'")
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

-- A value as an error message shows it: strings quoted, so that "9" is
-- not mistaken for the number 9.
local function describe(v)
  if type(v) == "string" then
    return string.format("the string %q", v)
  end
  return tostring(v)
end

-- An integer option: a number with an integral value (never truncated,
-- never converted from a string).
local function int(v, what)
  if math.type(v) == "integer" then
    return v
  end
  local i = math.type(v) == "float" and math.tointeger(v)
  if not i then
    arg_error(what .. " must be an integer, not " .. describe(v))
  end
  return i
end

-- A real option (level, benchmark, per...): a number, never a string that
-- looks like one ("0.9").
local function real(v, what)
  if type(v) ~= "number" then
    arg_error(what .. " must be a number, not " .. describe(v))
  end
  return v
end

-- opts[key] checked by real(), or nil when it is absent.
local function real_opt(o, key)
  local v = o[key]
  return v ~= nil and real(v, key) or nil
end

local function scale_of(s, what)
  what = what or "scale"
  if type(s) ~= "table" or #s ~= 2 then
    arg_error(what .. " must be a table {min, max}")
  end
  return int(s[1], what .. "[1]"), int(s[2], what .. "[2]")
end

-- The scale of an option struct c: the given one, else c's C default.
local function set_scale(c, scale)
  if scale ~= nil then
    c.scale_min, c.scale_max = scale_of(scale)
  end
end

-- Every option struct starts from the C defaults (the proxy's constructor
-- copies the C initialiser); only the options given are set: no default of
-- a C option is typed here.
local function nps_options(o, scale)
  local c = core.nps_options()
  set_scale(c, scale or o.scale)
  if o.promoter_min ~= nil then c.promoter_min = int(o.promoter_min, "promoter_min") end
  if o.detractor_max ~= nil then c.detractor_max = int(o.detractor_max, "detractor_max") end
  if o.level ~= nil then c.level = real(o.level, "level") end
  if o.method ~= nil then
    local m = METHODS[o.method]
    if m == nil then
      arg_error("method must be 'wald' or 'adjusted-wald', not '" .. tostring(o.method) .. "'")
    end
    c.method = m
  end
  return c
end

local function scale_options(o, scale)
  local c = core.scale_options()
  set_scale(c, scale or o.scale)
  if o.level ~= nil then c.level = real(o.level, "level") end
  return c
end

local function csat_options(o, scale)
  local c = core.csat_options()
  set_scale(c, scale or o.scale)
  if o.satisfied_min ~= nil then c.satisfied_min = int(o.satisfied_min, "satisfied_min") end
  if o.level ~= nil then c.level = real(o.level, "level") end
  return c
end

local function mean_options(o)
  local c = core.mean_options()
  if o.level ~= nil then c.level = real(o.level, "level") end
  return c
end

local function ces_options(o, scale)
  local c = core.ces_options()
  set_scale(c, scale or o.scale)
  if o.low_effort_min ~= nil then c.low_effort_min = int(o.low_effort_min, "low_effort_min") end
  if o.level ~= nil then c.level = real(o.level, "level") end
  return c
end

-- The options of comparisons and business measures: the C defaults with the
-- level (and per) given in o set.
local function compare_options(o)
  local c = core.compare_options()
  if o.level ~= nil then c.level = real(o.level, "level") end
  return c
end

local function business_options(o)
  local c = core.business_options()
  if o.per ~= nil then c.per = real(o.per, "per") end
  if o.level ~= nil then c.level = real(o.level, "level") end
  return c
end

-- Results -------------------------------------------------------------------
--
-- The fields of a result are never written here: csat_core lists the fields
-- of each result struct (result_fields(kind), kind the struct's C name
-- without csat_; generated from csat.i's field lists), and a result table
-- is built from the library's table by generic rules: a pair <p>_lower /
-- <p>_upper becomes <p>_ci = {lower, upper} (ci_lower / ci_upper: ci), a
-- pair <p>_min / <p>_max becomes <p> = {min, max}, an enumeration its name
-- (ENUMS, by the enum's C type), any other field keeps its C name.

-- Enumerations in results, by C type: code -> name and name -> code.
local ENUMS = { csat_nps_method = { names = METHOD_NAMES, codes = METHODS } }

-- Pairs of C fields joined into one table: suffixes, and the joined name.
local PAIRS = {
  { "_lower", "_upper", function(stem) return stem == "ci" and "ci" or stem .. "_ci" end },
  { "_min", "_max", function(stem) return stem end },
}

-- The fields of result `kind`: a list of {name =, lo =, hi =} (a joined
-- pair) or {name =, enum =}, built once from the library's list.
local LAYOUTS = {}
local function layout(kind)
  local l = LAYOUTS[kind]
  if l then
    return l
  end
  local spec = assert(raw.result_fields(kind), kind)
  local fields, types = {}, {}
  for name, ctype in spec:gmatch("([%w_]+):([%w_]+)") do
    fields[#fields + 1] = name
    types[name] = ctype
  end
  l = {}
  local joined = {}
  for _, name in ipairs(fields) do
    if not joined[name] then
      local entry = { name = name, enum = ENUMS[types[name]] }
      for _, p in ipairs(PAIRS) do
        local stem = name:sub(1, -#p[1] - 1)
        if #stem > 0 and name:sub(-#p[1]) == p[1] and types[stem .. p[2]] then
          entry = { name = p[3](stem), lo = name, hi = stem .. p[2] }
          joined[entry.hi] = true
          break
        end
      end
      l[#l + 1] = entry
    end
  end
  LAYOUTS[kind] = l
  return l
end

-- The library's table d of result `kind` as its fields, set in r (a new
-- table when nil).
local function from_c(kind, d, r)
  r = r or {}
  for _, f in ipairs(layout(kind)) do
    if f.lo then
      r[f.name] = { d[f.lo], d[f.hi] }
    elseif f.enum then
      r[f.name] = f.enum.names[d[f.name]]
    else
      r[f.name] = d[f.name]
    end
  end
  return r
end

-- The C fields of result table r of `kind` (the inverse of from_c).
local function to_c(kind, r)
  local c = {}
  for _, f in ipairs(layout(kind)) do
    if f.lo then
      c[f.lo], c[f.hi] = r[f.name][1], r[f.name][2]
    elseif f.enum then
      c[f.name] = f.enum.codes[r[f.name]]
    else
      c[f.name] = r[f.name]
    end
  end
  return c
end

local function fmt(v)
  return string.format("%.4g", v)
end

local Result = {}
Result.__index = Result
Result.__tostring = function(r)
  -- A share's se and interval are proportions like r.share; shown, like its
  -- score, in percent.
  local k = r.kind == "share" and 100 or 1
  return string.format("%s %s [%s, %s] (se %s, n %d)", r.kind, fmt(r.score), fmt(k * r.ci[1]),
    fmt(k * r.ci[2]), fmt(k * r.se), r.n)
end

-- The score results and their kind: the C struct and the label of r.kind.
local SCORE_KINDS = { NPS = "nps_result", share = "share_result", mean = "mean_result",
                      CES = "mean_result" }

local function score_result(label, d)
  return setmetatable(from_c(SCORE_KINDS[label], d, { kind = label }), Result)
end

local function nps_result(d)
  return score_result("NPS", d)
end

local function share_result(d)
  return score_result("share", d)
end

local function mean_result(d)
  return score_result("mean", d)
end

local function ces_result(d)
  local r = score_result("CES", d.effort)
  r.effort = mean_result(d.effort)
  r.low_effort = share_result(d.low_effort)
  return r
end

local function sample_result(d)
  return from_c("sample", d)
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
--
-- Every one also scores by group: opts.by gives each answer's label (see
-- "Scores by group" below) and the result is a grouped table; opts.min_n
-- (default: the library's) flags the groups with fewer valid answers.

-- Scores by group (defined below, after the comparisons): grouped(estimator,
-- label, answers, opts, c, ...) -> a grouped table.
local grouped, grouped_distribution, grouped_index
-- Scores of a survey design (defined with the designs, below):
-- designed(name, label, answers, opts, c, ...) -> a result or a grouped
-- table; check_design(opts, fname) -> the design of opts.design.
local designed, designed_index, check_design

local NPS_OPTS = set("weights", "scale", "promoter_min", "detractor_max", "level", "method", "by",
  "min_n", "design")
local SHARE_OPTS = set("weights", "scale", "level", "by", "min_n", "design")
local CSAT_OPTS = set("weights", "scale", "satisfied_min", "level", "by", "min_n", "design")
local MEAN_OPTS = set("weights", "level", "by", "min_n", "design")
local CES_OPTS = set("weights", "scale", "low_effort_min", "level", "by", "min_n", "design")
local DIST_OPTS = set("weights", "scale", "by", "min_n", "design")
local INDEX_OPTS = set("weights", "scales", "item_weights", "level", "by", "min_n", "design")

-- A score of a table: the answers streamed into a tally of the options'
-- scale, a chunk at a time (csat_core.tally_add_tables: no copy of the
-- table), then scored by tally_fn(t, ...); the numbers are the array
-- call's bit for bit, since counts do not depend on how the rows are cut.
-- Weighted answers take the array call: a call to csat_tally_add sums its
-- weights apart before adding them to the tally (so that a refused row
-- leaves the tally as it was), so weights summed a chunk at a time would
-- round differently from the one call of Python and C. Anything amiss (not
-- a table, a value that is not a number, a value off the scale, bad
-- options) makes the array call array_fn(answers, weights, ...) too, which
-- reports it as it always has. `...` are the arguments after the data,
-- the options c last.
local function streamed(array_fn, tally_fn, c, answers, weights, ...)
  if type(answers) == "table" and weights == nil then
    local made, t = pcall(raw.tally_create, c.scale_min, c.scale_max)
    if made and raw.tally_add_tables(t, answers, weights) then
      local ok, r = pcall(tally_fn, t, ...)
      if ok then
        return r
      end
    end
  end
  return array_fn(answers, weights, ...)
end

--- Net Promoter Score. opts: weights, scale, promoter_min, detractor_max,
-- level, method "wald" | "adjusted-wald" (defaults: the library's, scale
-- {0, 10}, promoter_min 9, detractor_max 6, level 0.95, "wald").
function M.nps(answers, opts)
  local o = check_options(opts, NPS_OPTS, "nps")
  if o.design ~= nil then
    return designed("nps", "NPS", answers, o, nps_options(o))
  end
  if o.by ~= nil then
    return grouped("nps", "NPS", answers, o, nps_options(o))
  end
  local c = nps_options(o)
  return nps_result(streamed(core.score_nps, raw.tally_nps, c, answers, o.weights, c))
end

--- CSAT: share (0..1) of answers >= satisfied_min. opts: weights, scale,
-- satisfied_min, level (defaults: the library's, {1, 5}, 4, 0.95).
function M.csat(answers, opts)
  local o = check_options(opts, CSAT_OPTS, "csat")
  if o.design ~= nil then
    return designed("csat", "share", answers, o, csat_options(o))
  end
  if o.by ~= nil then
    return grouped("csat", "share", answers, o, csat_options(o))
  end
  local c = csat_options(o)
  return share_result(streamed(core.score_csat, raw.tally_csat, c, answers, o.weights, c))
end

--- Share of answers in the boxes lo..hi. opts: weights, scale, level
-- (defaults: the library's, {1, 5}, 0.95).
function M.box_share(answers, lo, hi, opts)
  local o = check_options(opts, SHARE_OPTS, "box_share")
  if o.design ~= nil then
    return designed("box_share", "share", answers, o, scale_options(o), lo, hi)
  end
  if o.by ~= nil then
    return grouped("box_share", "share", answers, o, scale_options(o), lo, hi)
  end
  local c = scale_options(o)
  return share_result(streamed(core.score_box_share, raw.tally_box_share, c, answers, o.weights,
    lo, hi, c))
end

--- Share of answers in the k highest points (k defaults to 2).
function M.top_box(answers, k, opts)
  local o = check_options(opts, SHARE_OPTS, "top_box")
  if o.design ~= nil then
    return designed("top_box", "share", answers, o, scale_options(o), k or 2)
  end
  if o.by ~= nil then
    return grouped("top_box", "share", answers, o, scale_options(o), k or 2)
  end
  local c = scale_options(o)
  return share_result(streamed(core.score_top_box, raw.tally_top_box, c, answers, o.weights,
    k or 2, c))
end

--- Share of answers in the k lowest points (k defaults to 2).
function M.bottom_box(answers, k, opts)
  local o = check_options(opts, SHARE_OPTS, "bottom_box")
  if o.design ~= nil then
    return designed("bottom_box", "share", answers, o, scale_options(o), k or 2)
  end
  if o.by ~= nil then
    return grouped("bottom_box", "share", answers, o, scale_options(o), k or 2)
  end
  local c = scale_options(o)
  return share_result(streamed(core.score_bottom_box, raw.tally_bottom_box, c, answers, o.weights,
    k or 2, c))
end

--- Mean of any finite values with sd, se and t interval. opts: weights, level.
function M.mean_score(values, opts)
  local o = check_options(opts, MEAN_OPTS, "mean_score")
  if o.design ~= nil then
    return designed("mean", "mean", values, o, mean_options(o))
  end
  if o.by ~= nil then
    return grouped("mean", "mean", values, o, mean_options(o))
  end
  return mean_result(core.score_mean(values, o.weights, mean_options(o)))
end

--- Customer Effort Score: the mean effort (score, se, ci... and .effort) and
-- .low_effort, the share of answers >= low_effort_min. opts: weights,
-- scale, low_effort_min, level (defaults: the library's, {1, 7}, 5, 0.95).
function M.ces(answers, opts)
  local o = check_options(opts, CES_OPTS, "ces")
  if o.design ~= nil then
    return designed("ces", "CES", answers, o, ces_options(o))
  end
  if o.by ~= nil then
    return grouped("ces", "CES", answers, o, ces_options(o))
  end
  local c = ces_options(o)
  return ces_result(streamed(core.score_ces, raw.tally_ces, c, answers, o.weights, c))
end

--- Count, weight and share of every point of the scale. opts: weights,
-- scale (default: the library's, {1, 5}). Returns {values, counts,
-- weights, shares, scale, n, ...}.
function M.distribution(answers, opts)
  local o = check_options(opts, DIST_OPTS, "distribution")
  local c = scale_options(o)
  if o.design ~= nil then           -- the design's weights: a copy of o with them
    local d = check_design(o, "distribution")
    local w = {}
    for k, v in pairs(o) do w[k] = v end
    w.design, w.weights = nil, d:weights()
    o = w
  end
  if o.by ~= nil then
    return grouped_distribution(answers, o, c)
  end
  local lo, hi = c.scale_min, c.scale_max
  local counts, weights, shares, sample = core.score_distribution(answers, o.weights, c, points(lo, hi))
  return distribution_result(lo, hi, counts, weights, shares, sample)
end

--- Composite 0-100 index of several items. rows: a table of rows, each a
-- table of item answers (a row with a NaN is missing). opts: scales (one
-- {min, max} for all items or one per item; required), item_weights,
-- weights (per row), level.
function M.index(rows, opts)
  local o = check_options(opts, INDEX_OPTS, "index")
  if type(o.scales) ~= "table" then
    arg_error("index: option 'scales' is required: {min, max} or one {min, max} per item")
  end
  local k = (type(rows) == "table" and type(rows[1]) == "table") and #rows[1] or 0
  local mins, maxs = {}, {}
  if type(o.scales[1]) == "number" then
    local lo, hi = scale_of(o.scales, "scales")
    for j = 1, k do
      mins[j], maxs[j] = lo, hi
    end
  else
    for j, s in ipairs(o.scales) do
      mins[j], maxs[j] = scale_of(s, "scales[" .. j .. "]")
    end
  end
  if o.design ~= nil then
    return designed_index(rows, o, mins, maxs)
  end
  if o.by ~= nil then
    return grouped_index(rows, o, mins, maxs)
  end
  return mean_result(core.score_index(rows, o.weights, mins, maxs, o.item_weights, mean_options(o)))
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
    arg_error("can only add a Tally to a Tally")
  end
  return a:copy():merge(b)
end

TallyMT.__tostring = function(self)
  local lo, hi = core.tally_scale(self._t)
  return string.format("Tally(%d..%d, n=%d)", lo, hi, core.tally_sample(self._t).n)
end

--- Count answers (NaN is missing) with optional weights; returns the tally.
function TallyMethods:add(answers, weights)
  -- Answers alone are streamed from the table (see streamed()); on
  -- anything amiss the tally as it was, and the array call that reports
  -- the error.
  if weights == nil and type(answers) == "table" then
    local before = core.tally_copy(self._t)
    if raw.tally_add_tables(self._t, answers, nil) then
      return self
    end
    self._t = before
  end
  core.tally_add(self._t, answers, weights)
  return self
end

--- Add the counts of another tally of the same scale; returns self.
function TallyMethods:merge(other)
  if not is_tally(other) then
    arg_error("can only merge a Tally")
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

local function wrap_moments(handle)
  return setmetatable({ _m = handle }, MomentsMT)
end

local function new_moments()
  return wrap_moments(core.moments_create())
end

MomentsMT.__index = function(self, key)
  if key == "n" then
    return core.moments_sample(self._m).n
  elseif key == "n_missing" then
    return core.moments_sample(self._m).n_missing
  elseif key == "n_weighted" then
    return core.moments_sample(self._m).n_weighted
  elseif key == "sample" then
    return sample_result(core.moments_sample(self._m))
  end
  return MomentsMethods[key]
end

MomentsMT.__add = function(a, b)
  if not (is_moments(a) and is_moments(b)) then
    arg_error("can only add Moments to Moments")
  end
  return a:copy():merge(b)
end

MomentsMT.__tostring = function(self)
  return string.format("Moments(n=%d)", self.n)
end

function MomentsMethods:add(values, weights)
  core.moments_add(self._m, values, weights)
  return self
end

function MomentsMethods:merge(other)
  if not is_moments(other) then
    arg_error("can only merge Moments")
  end
  core.moments_merge(self._m, other._m)
  return self
end

function MomentsMethods:serialize()
  return core.moments_serialize(self._m)
end

local function moments_deserialize(s)
  return wrap_moments(core.moments_deserialize(s))
end

function MomentsMethods:copy()
  return wrap_moments(core.moments_copy(self._m))
end

function MomentsMethods:mean(opts)
  local o = check_options(opts, set("level"), "mean")
  return mean_result(core.moments_mean(self._m, mean_options(o)))
end

--- csat.Moments(): weighted count, mean and variance of continuous values;
-- methods add, merge, copy, serialize, mean; fields n, n_missing, n_weighted,
-- sample.
M.Moments = setmetatable({
  deserialize = moments_deserialize,
  is_moments = is_moments,
}, {
  __call = function()
    return new_moments()
  end,
})

-- Key drivers -------------------------------------------------------------------

local IMPORTANCE = {
  first = core.CSAT_IMPORTANCE_FIRST,
  last = core.CSAT_IMPORTANCE_LAST,
  beta2 = core.CSAT_IMPORTANCE_BETA2,
  pratt = core.CSAT_IMPORTANCE_PRATT,
  lmg = core.CSAT_IMPORTANCE_LMG,
  relative_weights = core.CSAT_IMPORTANCE_RELATIVE_WEIGHTS,
}
local IMPORTANCE_LIST = "'first', 'last', 'beta2', 'pratt', 'lmg', 'relative_weights'"

local QUADRANTS = {
  [core.CSAT_IPA_CONCENTRATE_HERE] = "concentrate here",
  [core.CSAT_IPA_KEEP_UP] = "keep up the good work",
  [core.CSAT_IPA_LOW_PRIORITY] = "low priority",
  [core.CSAT_IPA_POSSIBLE_OVERKILL] = "possible overkill",
}

local INTERCEPT = "(intercept)"

local function importance_code(method)
  local c = IMPORTANCE[method or "lmg"]
  if c == nil then
    arg_error("method must be one of " .. IMPORTANCE_LIST .. ", not '" .. tostring(method) .. "'")
  end
  return c
end

-- A count option (reps, seed...): an integral number >= 0.
local function count(v, what)
  local i = math.type(v) == "integer" and v or (math.type(v) == "float" and math.tointeger(v))
  if not i or i < 0 then
    arg_error(what .. " must be a non-negative integer, not " .. describe(v))
  end
  return i
end

local function fit_options(o)
  local c = core.drivers_options()
  if o.intercept ~= nil then
    if type(o.intercept) ~= "boolean" then
      arg_error("intercept must be true or false, not " .. tostring(o.intercept))
    end
    c.intercept = o.intercept and 1 or 0
  end
  if o.level ~= nil then c.level = real(o.level, "level") end
  return c
end

-- threads: 0 (every core) or a count of threads below 2^32.
local function threads_option(v)
  local t = count(v, "threads")
  if t >= 4294967296 then
    arg_error("threads must be below 2^32 (0: every core), not " .. describe(v))
  end
  return t
end

local function importance_options(o)
  local c = core.importance_options()
  if o.exact_max ~= nil then c.exact_max = count(o.exact_max, "exact_max") end
  if o.permutations ~= nil then c.permutations = count(o.permutations, "permutations") end
  if o.seed ~= nil then c.seed = count(o.seed, "seed") end
  if o.threads ~= nil then c.threads = threads_option(o.threads) end
  return c
end

-- The options of a bootstrap and of the measure in each replicate (kept
-- alive by the caller, which holds both).
local function bootstrap_options(o)
  local c = core.bootstrap_options()
  if o.reps ~= nil then c.reps = count(o.reps, "reps") end
  if o.level ~= nil then c.level = real(o.level, "level") end
  if o.seed ~= nil then c.seed = count(o.seed, "seed") end
  if o.threads ~= nil then c.threads = threads_option(o.threads) end
  local i = importance_options({ exact_max = o.exact_max, permutations = o.permutations })
  c.importance = i
  return c, i
end

-- The progress option of a long computation: nil, or a function (done,
-- total) called about ten times a second with the work units done; an
-- error from it stops the computation (which frees what it allocated) and
-- is raised again, as it was, from the call. Returns the function to hand
-- to csat_core and the box that tells its error from the library's.
local function progress_watch(fn)
  if fn == nil then
    return nil, nil
  end
  local callable = type(fn) == "function"
    or (getmetatable(fn) ~= nil and getmetatable(fn).__call ~= nil)
  if not callable then
    arg_error("progress must be a function (done, total), not " .. type(fn))
  end
  local box = {}
  return function(done, total)
    local ok, e = pcall(fn, done, total)
    if not ok then
      box.failed, box.error = true, e
      error(e, 0)
    end
  end, box
end

-- f(..., watch) from csat_core: the progress function's own error raised
-- as it was, the library's named by ctx.
local function watched(ctx, box, ok, ...)
  if ok then
    return ...
  end
  if box and box.failed then
    error(box.error, 0)
  end
  raise_core((...), ctx)
end

local function copy_list(t)
  local c = {}
  for i, v in ipairs(t) do c[i] = v end
  return c
end

-- t (positions 1..#names) also keyed by name: t[j] and t[names[j]] are the
-- same value. Only string names are keys, so that no position is replaced.
local function by_name(t, names)
  for j, name in ipairs(names) do
    if type(name) == "string" then
      t[name] = t[j]
    end
  end
  return t
end

-- Driver names: the given ones (checked), or x1..xp.
local function driver_names(names, p)
  if names == nil then
    local t = {}
    for j = 1, p do t[j] = "x" .. j end
    return t
  end
  if type(names) ~= "table" then
    arg_error("names must be a table of strings, not " .. type(names))
  end
  if #names ~= p then
    arg_error(string.format("names has %d entries for %d drivers", #names, p))
  end
  local seen = {}
  for j = 1, p do
    local n = names[j]
    if type(n) ~= "string" then
      arg_error("names[" .. j .. "] is not a string", j)
    end
    if seen[n] then
      arg_error("the driver name '" .. n .. "' occurs more than once", j)
    end
    if n == INTERCEPT then
      arg_error("the driver name '" .. n .. "' is reserved for the intercept term", j)
    end
    seen[n] = true
  end
  return copy_list(names)
end

-- How errors name the drivers: by the given names, or by number (nil).
local function driver_context(names)
  return names and { names = names, noun = "driver" } or nil
end

-- csat_core.drivers_fit and drivers_fit_xprod return nil, message, code,
-- index, column on a failure of the library: raised here with the driver
-- named; a handle otherwise.
local function fitted(ctx, handle, message, code, index, column)
  if handle == nil then
    raise_core({ code = code, message = message, index = index, column = column }, ctx)
  end
  return handle
end

local ModelMethods = {}
local ModelMT = { __index = ModelMethods }

local function is_model(x)
  return getmetatable(x) == ModelMT
end

-- given: whether the names were given (errors name the drivers then);
-- weighted: whether the fit had weights (the summary's wording).
local function new_model(handle, names, given, weighted)
  local s = core.drivers_summary(handle)
  local m = setmetatable({
    _m = handle, _errors = driver_context(given and names or nil), names = names,
    n_drivers = s.p, intercept = s.intercept == 1, weighted = weighted,
    r2 = s.r2, adj_r2 = s.adj_r2, sigma = s.sigma, f = s.f, f_p = s.f_p,
    df_model = s.df_model, df_resid = s.df_resid, condition = s.condition, level = s.level,
    n = s.n, n_missing = s.n_missing, n_weighted = s.n_weighted, n_effective = s.n_effective,
    terms = {}, coef = {}, se = {}, t = {}, p = {}, ci = {},
    beta = {}, vif = {}, r = {}, means = {}, sds = {},
  }, ModelMT)
  if s.intercept == 1 then
    m.terms[1] = INTERCEPT
  end
  for _, name in ipairs(names) do
    m.terms[#m.terms + 1] = name
  end
  for j = 1, s.p + s.intercept do
    local c = core.drivers_coefficient(handle, j - 1)
    m.coef[j], m.se[j], m.t[j], m.p[j] = c.estimate, c.se, c.t, c.p
    m.ci[j] = { c.ci_lower, c.ci_upper }
  end
  for j = 1, s.p do
    local d = core.drivers_driver(handle, j - 1)
    m.beta[j], m.vif[j], m.r[j], m.means[j], m.sds[j] = d.beta, d.vif, d.r, d.mean, d.sd
  end
  for _, k in ipairs({ "coef", "se", "t", "p", "ci" }) do
    by_name(m[k], m.terms)
  end
  for _, k in ipairs({ "beta", "vif", "r", "means", "sds" }) do
    by_name(m[k], names)
  end
  return m
end

ModelMT.__tostring = function(m)
  return string.format("KeyDriverModel(n=%d, drivers=%d, r2=%.4g, adj_r2=%.4g, f=%.4g, "
    .. "f_p=%.3g, intercept=%s)", m.n, m.n_drivers, m.r2, m.adj_r2, m.f, m.f_p,
    tostring(m.intercept))
end

local IMPORTANCE_OPTS = set("exact_max", "permutations", "seed", "threads", "progress")

--- Importance of each driver by method ("lmg" by default; "first", "last",
-- "beta2", "pratt", "relative_weights"). opts: exact_max, permutations,
-- seed (Monte Carlo LMG above exact_max drivers; defaults: the library's,
-- 25, 20000, 1), threads (0, the default: every core; the values are the
-- same for every count), progress (a function (done, total) called about
-- ten times a second; an error from it stops the computation and is raised
-- from this call; model:cost() tells the work before).
-- Returns the values and their Monte Carlo standard errors (0 when exact),
-- each keyed by position and by driver name.
-- All but "first" and "beta2" need a model with an intercept.
function ModelMethods:importance(method, opts)
  local code = importance_code(method)
  local o = check_options(opts, IMPORTANCE_OPTS, "importance")
  local fn, box = progress_watch(o.progress)
  local v, se = watched(self._errors, box,
    pcall(raw.drivers_importance, self._m, code, importance_options(o), fn))
  return by_name(v, self.names), by_name(se, self.names)
end

local COST_OPTS = set("bootstrap", "reps", "exact_max", "permutations")

--- What importance(method) or, with opts.bootstrap = true, bootstrap(method)
-- would cost, without computing it: {units, unit_flops, flops, exact}.
-- units: the work units a progress function counts (2^p subsets of an
-- exact LMG, the orderings of the Monte Carlo LMG, 1 for the other
-- measures; times reps for a bootstrap); flops: floating-point operations
-- (about flops / 5e9 seconds on one core); exact: false for the Monte
-- Carlo LMG. opts: bootstrap, reps, exact_max, permutations.
function ModelMethods:cost(method, opts)
  local code = importance_code(method)
  local o = check_options(opts, COST_OPTS, "cost")
  local iopt = importance_options(o)
  local bopt, keep = nil, nil
  if o.bootstrap then
    bopt, keep = bootstrap_options(o)
  end
  local r = from_c("work", call(self._errors, raw.drivers_work, self._m, code, iopt, bopt))
  local _ = keep
  r.units = math.tointeger(r.units) or r.units
  r.exact = r.exact ~= 0
  return r
end

--- Monte Carlo standard errors of importance() (0 when exact).
function ModelMethods:importance_se(method, opts)
  local _, se = self:importance(method, opts)
  return se
end

--- importance / R²: shares of the explained variance (keyed like importance).
function ModelMethods:shares(method, opts)
  local v = self:importance(method, opts)
  local s = {}
  for j, x in ipairs(v) do s[j] = x / self.r2 end
  return by_name(s, self.names)
end

local DOMINANCE_OPTS = set("threads", "progress")

--- Dominance analysis: {general = {p}, conditional = {p rows of p: [j][k+1]
-- = mean R² gain of driver j over subsets of size k}, complete = {p rows of
-- p: 1, 0.5 or 0}, names}. general and the rows of conditional and complete
-- are also keyed by driver name, and so are the entries of a complete row
-- (d.complete.speed.price: whether speed dominates price). opts: threads,
-- progress, as importance's.
function ModelMethods:dominance(opts)
  local o = check_options(opts, DOMINANCE_OPTS, "dominance")
  local fn, box = progress_watch(o.progress)
  local g, c, d = watched(self._errors, box,
    pcall(raw.drivers_dominance, self._m, importance_options(o), fn))
  local p = self.n_drivers
  local cond, comp = {}, {}
  for i = 1, p do
    cond[i], comp[i] = {}, {}
    for j = 1, p do
      cond[i][j] = c[(i - 1) * p + j]
      comp[i][j] = d[(i - 1) * p + j]
    end
    by_name(comp[i], self.names)
  end
  return { general = by_name(g, self.names), conditional = by_name(cond, self.names),
           complete = by_name(comp, self.names), names = copy_list(self.names) }
end

local BOOTSTRAP_OPTS = set("reps", "level", "seed", "threads", "progress", "exact_max",
  "permutations")

--- Bootstrap percentile intervals of importance(method). opts: reps, level,
-- seed (defaults: the library's, 1000, 0.95, 1), threads and progress (as
-- importance's; the same numbers for every thread count), exact_max and
-- permutations (the LMG options of the measure in each replicate). Returns
-- {estimate, lower, upper, failed, names}; estimate, lower and upper are
-- keyed by position and by driver name.
function ModelMethods:bootstrap(method, opts)
  local code = importance_code(method)
  local o = check_options(opts, BOOTSTRAP_OPTS, "bootstrap")
  local fn, box = progress_watch(o.progress)
  local bopt, iopt = bootstrap_options(o)
  local lower, upper, failed = watched(self._errors, box,
    pcall(raw.drivers_bootstrap, self._m, code, bopt, fn))
  local _ = iopt
  local estimate = self:importance(method, { exact_max = o.exact_max,
    permutations = o.permutations, threads = o.threads })
  return { estimate = estimate, lower = by_name(lower, self.names),
           upper = by_name(upper, self.names), failed = failed, names = copy_list(self.names) }
end

local IPA_OPTS = set("performance", "rescale", "importance_cross", "performance_cross")

--- Importance-performance analysis. opts: performance (one value per
-- driver, or a table by name; default the drivers' means), rescale
-- {min, max} (performance as 100 * (value - min) / (max - min)),
-- importance_cross, performance_cross (default: the means over the
-- drivers). Returns {driver, importance, performance, quadrant} tables;
-- importance, performance and quadrant are also keyed by driver name.
function ModelMethods:ipa(method, opts)
  local o = check_options(opts, IPA_OPTS, "ipa")
  local importance = self:importance(method)
  local perf = {}
  local given = o.performance
  if given == nil then
    perf = copy_list(self.means)
  elseif type(given) == "table" then
    for j, name in ipairs(self.names) do
      local v = given[name]
      if v == nil then v = given[j] end
      if type(v) ~= "number" then
        arg_error("performance has no number for driver '" .. name .. "'", nil,
          self._errors and name or j)
      end
      perf[j] = v
    end
  else
    arg_error("performance must be a table, not " .. type(given))
  end
  if o.rescale ~= nil then
    if type(o.rescale) ~= "table" or type(o.rescale[1]) ~= "number"
        or type(o.rescale[2]) ~= "number" then
      arg_error("rescale must be a table {min, max}")
    end
    local lo, hi = o.rescale[1] + 0.0, o.rescale[2] + 0.0
    if not (hi > lo) then
      arg_error("rescale must have min < max")
    end
    for j, v in ipairs(perf) do
      perf[j] = 100.0 * (v - lo) / (hi - lo)
    end
  end
  -- Crosshairs not given: the library's default, the means over the drivers.
  local c = core.ipa_options()
  if o.importance_cross ~= nil then
    c.importance_cross = real(o.importance_cross, "importance_cross")
  end
  if o.performance_cross ~= nil then
    c.performance_cross = real(o.performance_cross, "performance_cross")
  end
  -- The library's index here is a driver: the error names it as a column.
  local ok, codes = pcall(raw.drivers_ipa, importance, perf, c)
  if not ok then
    if type(codes) == "table" and codes.column == nil then
      codes.column = codes.index
    end
    raise_core(codes, self._errors)
  end
  local quadrant = {}
  for j, c in ipairs(codes) do quadrant[j] = QUADRANTS[c] end
  return { driver = copy_list(self.names), importance = importance,
           performance = by_name(perf, self.names), quadrant = by_name(quadrant, self.names) }
end

local function g(v, spec, w)
  if v ~= v then
    return string.rep(" ", w)
  end
  return string.format("%" .. w .. spec, v)
end

--- A readable table of the coefficients and the model statistics.
function ModelMethods:summary()
  local lo = 100 * (1 - self.level) / 2
  local width = 12
  for _, t in ipairs(self.terms) do
    width = math.max(width, #tostring(t) + 2)
  end
  local lines = {
    "Key-driver model: " .. (self.design and "survey-weighted"
      or self.weighted and "weighted" or "ordinary") .. " least squares"
      .. (self.intercept and "" or ", no intercept")
      .. (self.design and string.format(", design-based standard errors (%d PSUs in %d %s)",
        self.design.psus, self.design.strata, self.design.strata == 1 and "stratum" or "strata")
        or ""),
    string.format("n = %d (%d missing), weighted n = %.6g, effective n = %.6g", self.n,
      self.n_missing, self.n_weighted, self.n_effective),
    string.format("R² = %.4f, adjusted R² = %.4f, F(%g, %g) = %.4g, p = %.3g", self.r2,
      self.adj_r2, self.df_model, self.df_resid, self.f, self.f_p),
    string.format("sigma = %.4g, condition number = %.4g", self.sigma, self.condition),
    "",
    string.format("%-" .. width .. "s%11s%11s%9s%11s%11s%11s%9s%8s", "", "coef", "se", "t",
      "p", string.format("[%g%%", lo), string.format("%g%%]", 100 - lo), "beta", "vif"),
  }
  local shift = self.intercept and 1 or 0
  for i, term in ipairs(self.terms) do
    local j = i - shift
    local beta = j >= 1 and self.beta[j] or 0 / 0
    local vif = j >= 1 and self.vif[j] or 0 / 0
    lines[#lines + 1] = string.format("%-" .. width .. "s", tostring(term))
      .. g(self.coef[i], ".4g", 11) .. g(self.se[i], ".4g", 11) .. g(self.t[i], ".3f", 9)
      .. g(self.p[i], ".3g", 11) .. g(self.ci[i][1], ".4g", 11) .. g(self.ci[i][2], ".4g", 11)
      .. g(beta, ".3f", 9) .. g(vif, ".3g", 8)
  end
  return table.concat(lines, "\n")
end

local KD_OPTS = set("weights", "names", "intercept", "level", "design")

--- Fit the key-driver model of y on the drivers by least squares (weighted
-- when weights are given). rows: a table of rows, each a table of the p
-- driver values (a row with a NaN is left out); y: the outcome, one per
-- row. opts: weights, names (default x1..xp), intercept, level (of the
-- intervals; defaults: the library's, true and 0.95), design (a design of
-- the rows, csat.design: the fit with its weights and design-based
-- standard errors, R's svyglm; weights must then be nil).
function M.key_drivers(rows, y, opts)
  local o = check_options(opts, KD_OPTS, "key_drivers")
  local width = (type(rows) == "table" and type(rows[1]) == "table") and #rows[1] or 0
  local names = o.names ~= nil and driver_names(o.names, width) or nil
  local ctx = driver_context(names)
  local handle, d
  if o.design ~= nil then
    d = check_design(o, "key_drivers")
    handle = fitted(ctx, call(ctx, raw.drivers_fit_design, rows, y, d._d, fit_options(o)))
  else
    handle = fitted(ctx, call(ctx, raw.drivers_fit, rows, y, o.weights, fit_options(o)))
  end
  local m = new_model(handle, names or driver_names(nil, width), names ~= nil,
    o.weights ~= nil or d ~= nil)
  m.design = d   -- kept with the model, whose bootstrap resamples its PSUs
  return m
end

local XProdMethods = {}
local XProdMT = {}

local function is_xprod(x)
  return getmetatable(x) == XProdMT
end

-- weighted: whether rows were added with weights (the summary's wording).
local function wrap_xprod(handle, p, weighted)
  return setmetatable({ _a = handle, p = p, weighted = weighted }, XProdMT)
end

XProdMT.__index = function(self, key)
  if key == "n" then
    return core.xprod_sample(self._a).n
  elseif key == "n_missing" then
    return core.xprod_sample(self._a).n_missing
  elseif key == "sample" then
    return sample_result(core.xprod_sample(self._a))
  end
  return XProdMethods[key]
end

XProdMT.__add = function(a, b)
  if not (is_xprod(a) and is_xprod(b)) then
    arg_error("can only add an XProd to an XProd")
  end
  return a:copy():merge(b)
end

XProdMT.__tostring = function(self)
  local s = core.xprod_sample(self._a)
  return string.format("XProd(p=%d, n=%d, n_missing=%d)", self.p, s.n, s.n_missing)
end

--- Add rows (a table of rows of p driver values), y and optional weights;
-- returns self. On error the accumulator is unchanged.
-- core.xprod_add returns nothing on success, nil, message, code, index and
-- column on error.
local function raise_returned(...)
  if select("#", ...) > 0 then
    local _, message, code, index, column = ...
    raise_core({ code = code, message = message, index = index, column = column })
  end
end

function XProdMethods:add(rows, y, weights)
  raise_returned(core.xprod_add(self._a, self.p, rows, y, weights))
  self.weighted = self.weighted or weights ~= nil
  return self
end

function XProdMethods:merge(other)
  if not is_xprod(other) then
    arg_error("can only merge an XProd")
  end
  core.xprod_merge(self._a, other._a)
  self.weighted = self.weighted or other.weighted
  return self
end

function XProdMethods:serialize()
  return core.xprod_serialize(self._a)
end

-- A deserialized accumulator does not know whether it had weights: its
-- sample decides (a weighted count other than the count of rows).
local function xprod_deserialize(s)
  local handle = core.xprod_deserialize(s)
  local sample = core.xprod_sample(handle)
  return wrap_xprod(handle, core.xprod_dim(handle), sample.n_weighted ~= sample.n)
end

function XProdMethods:copy()
  return wrap_xprod(core.xprod_copy(self._a), self.p, self.weighted)
end

--- csat.key_drivers_from(self, opts).
function XProdMethods:fit(opts)
  return M.key_drivers_from(self, opts)
end

--- csat.XProd(p): weighted means and co-moments of p drivers and an
-- outcome; methods add, merge, copy, serialize, fit; fields p, n,
-- n_missing, sample, weighted; a + b merges into a new accumulator.
M.XProd = setmetatable({
  deserialize = xprod_deserialize,
  is_xprod = is_xprod,
}, {
  __call = function(_, p)
    return wrap_xprod(core.xprod_create(p), p, false)
  end,
})

local KD_FROM_OPTS = set("names", "intercept", "level")

--- Fit the key-driver model from an XProd (no bootstrap: it has no rows).
-- opts: names, intercept, level.
function M.key_drivers_from(acc, opts)
  if not is_xprod(acc) then
    arg_error("key_drivers_from: expected an XProd, not " .. type(acc))
  end
  local o = check_options(opts, KD_FROM_OPTS, "key_drivers_from")
  local names = o.names ~= nil and driver_names(o.names, acc.p) or nil
  local ctx = driver_context(names)
  local handle = fitted(ctx, call(ctx, raw.drivers_fit_xprod, acc._a, fit_options(o)))
  return new_model(handle, names or driver_names(nil, acc.p), names ~= nil, acc.weighted)
end

-- Comparisons -------------------------------------------------------------------
--
-- csat.compare(a, b, {level =}) compares two results of one kind (NPS,
-- share, mean; a CES result by its mean effort); csat.compare(a, nil,
-- {benchmark =, level =}) compares a result with a benchmark value (a share
-- benchmark is a proportion strictly between 0 and 1: 0.3 for 30 %; 30 is
-- refused). A comparison is {kind, diff, se, ci = {lower, upper}, statistic,
-- df, p, level, test}: df is math.huge for a z test; for shares diff, se and
-- ci are proportions (0.05 is 5 percentage points).

local function result_kind(r)
  if type(r) ~= "table" or getmetatable(r) ~= Result then
    return nil
  end
  if r.kind == "NPS" then
    return "nps"
  elseif r.kind == "share" then
    return "share"
  elseif r.kind == "mean" or r.kind == "CES" then
    return "mean"
  end
  return nil
end

-- The C fields of a result table (the numbers the library gave, unchanged).
local function c_fields(r)
  if r.kind == "CES" then
    r = r.effort
  end
  return to_c(SCORE_KINDS[r.kind], r)
end

local function checked_kind(r, fname, what)
  local k = result_kind(r)
  if k == nil then
    arg_error(fname .. ": " .. what .. " must be a result of csat.nps, csat.csat, csat.mean_score... "
      .. "(not " .. type(r) .. ")")
  end
  return k
end

local Comparison = {}
Comparison.__index = Comparison
Comparison.__tostring = function(c)
  return string.format("%s difference %s [%s, %s] (se %s, %s = %s, df %s, p %s)", c.kind,
    fmt(c.diff), fmt(c.ci[1]), fmt(c.ci[2]), fmt(c.se), c.test, fmt(c.statistic), fmt(c.df),
    fmt(c.p))
end

local function comparison(d, kind)
  local test = d.df == math.huge and "z" or "t"
  return setmetatable(from_c("comparison", d, { kind = kind, test = test }), Comparison)
end

local BENCHMARK = { nps = core.compare_nps_benchmark, share = core.compare_share_benchmark,
                    mean = core.compare_mean_benchmark }
local TWO = { nps = core.compare_nps, share = core.compare_shares, mean = core.compare_means }
local COMPARE_OPTS = set("level", "benchmark")

--- Compare result a with result b (independent samples), or with
-- opts.benchmark. opts: level (default: the library's, 0.95), benchmark.
function M.compare(a, b, opts)
  local o = check_options(opts, COMPARE_OPTS, "compare")
  if (b == nil) == (o.benchmark == nil) then
    arg_error("compare: give either a second result or a benchmark, not "
      .. (b ~= nil and "both" or "neither"))
  end
  local ka = checked_kind(a, "compare", "a")
  local c = compare_options(o)
  if o.benchmark ~= nil then
    return comparison(BENCHMARK[ka](c_fields(a), real_opt(o, "benchmark"), c),
      ka .. " vs benchmark")
  end
  local kb = checked_kind(b, "compare", "b")
  if kb ~= ka then
    local label = { nps = "an NPS", share = "a share", mean = "a mean" }
    arg_error("compare: cannot compare " .. label[ka] .. " result with " .. label[kb] .. " result")
  end
  return comparison(TWO[ka](c_fields(a), c_fields(b), c), ka)
end

local ADJUST = { holm = core.CSAT_ADJUST_HOLM, bh = core.CSAT_ADJUST_BH,
                 fdr_bh = core.CSAT_ADJUST_BH, bonferroni = core.CSAT_ADJUST_BONFERRONI }

--- Adjusted p-values in input order: method "holm" (the library's
-- default), "bh" (or "fdr_bh") or "bonferroni".
function M.adjust(p, method)
  local c = core.compare_options()
  if method ~= nil then
    local code = ADJUST[method]
    if code == nil then
      arg_error("adjust: method must be 'holm', 'bh', 'fdr_bh' or 'bonferroni', not '"
        .. tostring(method) .. "'")
    end
    c.adjust = code
  end
  return core.compare_adjust(p, c)
end

local TREND_OPTS = set("times", "level")

--- Trend across waves: results (one kind) or {score, se} pairs in time
-- order (share results enter as {share, se}, proportions). opts: times
-- (default 0, 1, ...), level (default: the library's, 0.95). Returns
-- {slope, se, ci, z, p, intercept, level, waves, changes = {comparisons
-- wave i+1 - wave i}}.
function M.trend(results, opts)
  local o = check_options(opts, TREND_OPTS, "trend")
  if type(results) ~= "table" then
    arg_error("trend: results must be a table of results or {score, se} pairs")
  end
  local scores, ses, kind = {}, {}, nil
  for i, r in ipairs(results) do
    local k = result_kind(r)
    if k ~= nil then
      local e = r.kind == "CES" and r.effort or r
      if kind ~= nil and kind ~= k then
        arg_error("trend: the waves must be results of one kind", i)
      end
      kind = k
      -- A share enters as the proportion its se is in, not the percent score.
      scores[i], ses[i] = k == "share" and e.share or e.score, e.se
    elseif type(r) == "table" and type(r[1]) == "number" and type(r[2]) == "number" then
      scores[i], ses[i] = r[1], r[2]
    else
      arg_error("trend: wave " .. i .. " is neither a result nor a {score, se} pair", i)
    end
  end
  local d, changes = core.compare_trend(scores, ses, o.times, compare_options(o))
  local t = from_c("trend_result", d, { changes = {} })
  for i, c in ipairs(changes) do
    t.changes[i] = comparison(c, "change")
  end
  return t
end

--- Percentile rank (mid-rank) of a score (or a result's score) among peer
-- scores: {percentile, rank, of, below, equal}.
function M.percentile_rank(score, peers)
  if result_kind(score) ~= nil then
    score = score.score
  end
  return from_c("rank_result", core.compare_rank(score, peers, nil))
end

local GAP_OPTS = set("level", "names")
local GAP_TARGET_OPTS = set("level", "target")

--- Expectation-perception gap per attribute: expected and perceived are
-- tables of rows (respondents), each a table of k attribute ratings (NaN:
-- missing, pairwise per attribute). opts: level, names. Returns {attribute,
-- gap, se, ci_lower, ci_upper, t, df, p, pairs} (one entry per attribute,
-- also keyed by the attribute's name when names are strings) and level. csat.gap(mean_result, {target =, level =}) gives the gap of a
-- perceived mean to a target value (a comparison).
function M.gap(expected, perceived, opts)
  if result_kind(expected) ~= nil then
    local o = check_options(perceived, GAP_TARGET_OPTS, "gap")
    if o.target == nil then
      arg_error("gap: give perceived data, or a result and {target = value}")
    end
    if result_kind(expected) ~= "mean" then
      arg_error("gap: a target gap needs a mean result, not " .. expected.kind)
    end
    return comparison(core.compare_mean_benchmark(c_fields(expected), real_opt(o, "target"),
      compare_options(o)), "gap")
  end
  local o = check_options(opts, GAP_OPTS, "gap")
  local k = (type(expected) == "table" and type(expected[1]) == "table") and #expected[1] or 0
  local names = o.names
  local ctx
  if names ~= nil then
    if type(names) ~= "table" or #names ~= k then
      arg_error(string.format("gap: names must be a table of %d names", k))
    end
    ctx = { names = names, noun = "attribute" }
  else
    names = {}
    for j = 1, k do names[j] = j end
  end
  local c = compare_options(o)
  local cmps, pairs_ = call(ctx, raw.compare_gap, expected, perceived, c)
  local t = { attribute = copy_list(names), gap = {}, se = {}, ci_lower = {}, ci_upper = {},
              t = {}, df = {}, p = {}, pairs = pairs_, level = c.level }
  for j, c in ipairs(cmps) do
    t.gap[j], t.se[j], t.ci_lower[j], t.ci_upper[j] = c.diff, c.se, c.ci_lower, c.ci_upper
    t.t[j], t.df[j], t.p[j] = c.statistic, c.df, c.p
    t.level = c.level
  end
  for _, key in ipairs({ "gap", "se", "ci_lower", "ci_upper", "t", "df", "p", "pairs" }) do
    by_name(t[key], names)
  end
  return t
end

-- Scores by group -------------------------------------------------------------
--
-- opts.by of any score function gives each answer's label: a table with one
-- label per answer, a string or a number (1 and 1.0 are one label); nil
-- (a hole), false or NaN is a missing label, whose answer is left out and
-- counted in g.n_unlabelled (a missing label at the end of the table must
-- be false or 0/0: the table's largest index must be the number of
-- answers). Crossed groups: opts.by = {labels1, labels2, ...}, each
-- combination that occurs a group, its label a table {l1, l2, ...}. Groups
-- are in sorted label order (numbers before strings; crossed:
-- lexicographic).
--
-- The result is a grouped table: g.labels (in order), g[label] the result
-- table of a group (crossed: g:get(l1, l2, ...); g.results[i] the i-th),
-- #g the number of groups, g.flags (label -> "ok", "small" or "empty"),
-- g.small and g.empty (the labels so flagged), g.n_unlabelled, g.min_n,
-- g.kind, and the methods
--   g:compare(against, opts)  against "rest" (default), "pairs" or a group
--       label (the reference; opts.reference says the same); opts:
--       benchmark, adjust ("holm", the library's default, "bh",
--       "bonferroni"), level. Returns a list of comparisons {group, other,
--       diff, se, ci, statistic, df, p, p_adjusted, level, skipped} (other
--       is "rest" or the benchmark for those; skipped nil, or "small" or
--       "empty" for a comparison not made); g:compare({benchmark = 30})
--       passes the options alone.
--   g:track(opts)  the groups as periods in label order: a list of
--       {period, score, ci, change, change_se, change_p, center, lcl, ucl,
--       signal (boolean), flag} and .trend (a trend table, nil with fewer
--       than 2 usable periods). opts: level.
-- A group with fewer valid answers than min_n is flagged "small", one
-- without any "empty" (score NaN, n = 0); comparisons skip them and say why.

local FLAG_NAMES = { [core.CSAT_GROUP_OK] = "ok", [core.CSAT_GROUP_SMALL] = "small",
                     [core.CSAT_GROUP_EMPTY] = "empty" }
local GROUP_NONE = core.CSAT_GROUP_NONE
local CONTRASTS = { rest = core.CSAT_CONTRAST_REST, reference = core.CSAT_CONTRAST_REFERENCE,
                    benchmark = core.CSAT_CONTRAST_BENCHMARK, pairs = core.CSAT_CONTRAST_PAIRS }
-- The comparisons and tracking of each kind of result.
local GROUP_COMPARE = { NPS = "nps", share = "shares", mean = "means", CES = "means",
                        index = "means" }

local function missing_label(v)
  return v == nil or v == false or v ~= v
end

-- Labels in order: numbers (ascending) before strings (ascending).
local function label_less(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then
    return ta == "number"
  end
  return a < b
end

-- A key of a crossed label (its parts typed, so that 1 and "1" differ).
local function crossed_key(parts)
  local t = {}
  for i, v in ipairs(parts) do
    t[i] = (type(v) == "number" and "n" or "s") .. tostring(v)
  end
  return table.concat(t, "\0")
end

-- One labelling of n answers: codes (0-based), -1 for a missing label, and
-- the labels in order.
local function factor(by, n, what)
  if type(by) ~= "table" then
    arg_error(what .. " must be a table of labels (one per answer), not " .. type(by))
  end
  local last = 0
  for k in pairs(by) do
    if math.type(k) ~= "integer" or k < 1 then
      arg_error(what .. " must be a list of labels, not a table with the key " .. describe(k))
    end
    if k > last then last = k end
  end
  if last ~= n then
    arg_error(string.format("%s has %d labels for %d answers (a missing label at the end must "
      .. "be false or 0/0)", what, last, n))
  end
  local seen, labels = {}, {}
  for i = 1, n do
    local v = by[i]
    if not missing_label(v) then
      local t = type(v)
      if t ~= "string" and t ~= "number" then
        arg_error(string.format("%s[%d] is not a label (a string or a number) but a %s", what, i,
          t), i)
      end
      if not seen[v] then
        seen[v] = true
        labels[#labels + 1] = v
      end
    end
  end
  table.sort(labels, label_less)
  local code = {}
  for j, v in ipairs(labels) do code[v] = j - 1 end
  local codes = {}
  for i = 1, n do
    local v = by[i]
    codes[i] = missing_label(v) and GROUP_NONE or code[v]
  end
  return codes, labels
end

-- The groups of n answers: {codes, labels, count (>= 1 for the library),
-- crossed, n_unlabelled}.
local function group_codes(by, n)
  if type(by) ~= "table" then
    arg_error("by must be a table of labels (one per answer), not " .. type(by))
  end
  local gr = { crossed = type(by[1]) == "table" }
  if not gr.crossed then
    gr.codes, gr.labels = factor(by, n, "by")
  else
    local parts = {}
    for k, part in ipairs(by) do
      local codes, labels = factor(part, n, "by[" .. k .. "]")
      parts[k] = { codes = codes, labels = labels }
    end
    -- Combined codes, then the combinations that occur, in order.
    local combined, used, list = {}, {}, {}
    for i = 1, n do
      local c = 0
      for _, p in ipairs(parts) do
        local ci = p.codes[i]
        if ci < 0 then
          c = nil
          break
        end
        c = c * #p.labels + ci
      end
      combined[i] = c
      if c ~= nil and not used[c] then
        used[c] = true
        list[#list + 1] = c
      end
    end
    table.sort(list)
    local code = {}
    gr.labels = {}
    for j, c in ipairs(list) do
      code[c] = j - 1
      local label, rest = {}, c
      for k = #parts, 1, -1 do
        local m = #parts[k].labels
        label[k] = parts[k].labels[rest % m + 1]
        rest = rest // m
      end
      gr.labels[j] = label
    end
    gr.codes = {}
    for i = 1, n do
      gr.codes[i] = combined[i] == nil and GROUP_NONE or code[combined[i]]
    end
  end
  gr.n_unlabelled = 0
  for i = 1, n do
    if gr.codes[i] < 0 then gr.n_unlabelled = gr.n_unlabelled + 1 end
  end
  gr.count = math.max(#gr.labels, 1)   -- no label at all: one empty group, not shown
  return gr
end

local function group_options(o, complement)
  local c = core.group_options()
  if o.min_n ~= nil then
    local v = math.type(o.min_n) == "integer" and o.min_n
      or (math.type(o.min_n) == "float" and math.tointeger(o.min_n))
    if not v or v < 0 then
      arg_error("min_n must be a non-negative integer, not " .. describe(o.min_n))
    end
    c.min_n = v
  end
  if complement then
    c.complement = 1
  end
  return c
end

-- Row i of the library's columns as its table of one result.
local function column_row(cols, i)
  local d = {}
  for k, col in pairs(cols) do d[k] = col[i] end
  return d
end

local function label_text(label)
  if type(label) == "table" then
    local t = {}
    for i, v in ipairs(label) do t[i] = tostring(v) end
    return table.concat(t, " x ")
  end
  return tostring(label)
end

local GroupedMethods = {}
local GroupedMT = { __name = "csat.grouped" }

GroupedMT.__index = function(g, k)
  local m = GroupedMethods[k]
  if m ~= nil then
    return m
  end
  local i = rawget(g, "_position")[k]
  return i and rawget(g, "results")[i] or nil
end

GroupedMT.__len = function(g)
  return #g.labels
end

GroupedMT.__tostring = function(g)
  local k = g.kind == "share" and 100 or 1
  local unlabelled = ""
  if g.n_unlabelled > 0 then
    unlabelled = string.format(", %d answer%s without a label", g.n_unlabelled,
      g.n_unlabelled == 1 and "" or "s")
  end
  local lines = { string.format("%s by group (%d groups%s)", g.kind, #g.labels, unlabelled) }
  for i, label in ipairs(g.labels) do
    local r = g.results[i]
    local flag = g.flags[label]
    if g.kind == "distribution" then
      lines[#lines + 1] = string.format("  %-16s n %d%s", label_text(label), r.n,
        flag ~= "ok" and ("  " .. flag) or "")
    else
      lines[#lines + 1] = string.format("  %-16s %10s [%s, %s]  n %d%s", label_text(label),
        fmt(r.score), fmt(k * r.ci[1]), fmt(k * r.ci[2]), r.n,
        flag ~= "ok" and ("  " .. flag) or "")
    end
  end
  return table.concat(lines, "\n")
end

--- The result of a group by its label's parts (crossed groups: g:get(l1, l2)).
function GroupedMethods:get(...)
  local key = select("#", ...) > 1 and crossed_key({ ... }) or ...
  local i = self._position[key]
  return i and self.results[i] or nil
end

-- A grouped table: label = the results' kind; cols, flags: the library's
-- (the main columns, a CES's effort); make(i) the result of group i; rest()
-- the rest's columns (lazily, for compare "rest").
local function new_grouped(label, gr, cols, flags, make, rest, min_n)
  local g = setmetatable({ kind = label, labels = gr.labels, results = {}, flags = {},
                           small = {}, empty = {}, n_unlabelled = gr.n_unlabelled,
                           min_n = min_n, _position = {}, _cols = cols, _flags = {},
                           _rest_fn = rest, _crossed = gr.crossed }, GroupedMT)
  for i, l in ipairs(gr.labels) do
    local f = FLAG_NAMES[flags[i]] or tostring(flags[i])
    g.results[i] = make(i)
    g._flags[i] = flags[i]
    g.flags[l] = f
    if f == "small" then
      g.small[#g.small + 1] = l
    elseif f == "empty" then
      g.empty[#g.empty + 1] = l
    end
    g._position[gr.crossed and crossed_key(l) or l] = i
  end
  -- The library's columns of the groups shown (without the dummy group of
  -- an all-missing labelling).
  if #gr.labels < gr.count and cols ~= nil then
    local c = {}
    for k, col in pairs(cols) do c[k] = {} end
    g._cols = c
  end
  return g
end

local function check_answers(answers, what)
  if type(answers) ~= "table" then
    arg_error(what .. " must be a table of numbers, not " .. type(answers))
  end
  return #answers
end

-- A score by group: estimator is the accumulator's (grouped_<estimator>),
-- label the result's kind, c the score's option struct, ... its arguments.
grouped = function(estimator, label, answers, o, c, ...)
  local n = check_answers(answers, "answers")
  local gr = group_codes(o.by, n)
  local gopt = group_options(o)
  local acc
  if label == "mean" then
    acc = core.grouped_create_moments(gr.count)
  else
    acc = core.grouped_create(gr.count, c.scale_min, c.scale_max)
  end
  core.grouped_add(acc, answers, o.weights, gr.codes)
  local f = core["grouped_" .. estimator]
  -- The estimator's arguments: the accumulator, the score's own, options.
  local args = table.pack(acc, ...)
  args[args.n + 1], args[args.n + 2] = c, gopt
  local cols, flags = f(table.unpack(args, 1, args.n + 2))
  local make
  if label == "CES" then
    make = function(i)
      return ces_result({ effort = column_row(cols.effort, i),
                          low_effort = column_row(cols.low_effort, i) })
    end
  else
    make = function(i) return score_result(label, column_row(cols, i)) end
  end
  local rest = function()
    args[args.n + 2] = group_options(o, true)
    local r = f(table.unpack(args, 1, args.n + 2))
    return label == "CES" and r.effort or r
  end
  return new_grouped(label, gr, label == "CES" and cols.effort or cols, flags, make, rest,
    gopt.min_n)
end

grouped_distribution = function(answers, o, c)
  local n = check_answers(answers, "answers")
  local gr = group_codes(o.by, n)
  local lo, hi = c.scale_min, c.scale_max
  local k = points(lo, hi)
  local min_n = group_options(o).min_n
  local counts, weights, shares, samples = core.score_distribution_grouped(answers, o.weights,
    gr.codes, gr.count, c, gr.count * k)
  local flags = {}
  for i = 1, gr.count do
    local s = column_row(samples, i)
    flags[i] = (s.n == 0 or s.n_weighted == 0) and core.CSAT_GROUP_EMPTY
      or (s.n < min_n and core.CSAT_GROUP_SMALL or core.CSAT_GROUP_OK)
  end
  local make = function(i)
    local a, b, d = {}, {}, {}
    for j = 1, k do
      a[j], b[j], d[j] = counts[(i - 1) * k + j], weights[(i - 1) * k + j], shares[(i - 1) * k + j]
    end
    return distribution_result(lo, hi, a, b, d, column_row(samples, i))
  end
  return new_grouped("distribution", gr, nil, flags, make, nil, min_n)
end

grouped_index = function(rows, o, mins, maxs)
  local n = check_answers(rows, "rows")
  local gr = group_codes(o.by, n)
  local gopt = group_options(o)
  local c = mean_options(o)
  local cols, flags = core.score_index_grouped(rows, o.weights, gr.codes, gr.count, mins, maxs,
    o.item_weights, c, gopt)
  local rest = function()
    return (core.score_index_grouped(rows, o.weights, gr.codes, gr.count, mins, maxs,
      o.item_weights, c, group_options(o, true)))
  end
  return new_grouped("index", gr, cols, flags,
    function(i) return score_result("mean", column_row(cols, i)) end, rest, gopt.min_n)
end

local function comparable(g)
  local kind = GROUP_COMPARE[g.kind]
  if kind == nil then
    arg_error("a " .. g.kind .. " by group has no score to compare or track")
  elseif #g.labels == 0 then
    arg_error("there is no group to compare or track: every label is missing")
  end
  return kind
end

local GROUP_COMPARE_OPTS = set("benchmark", "reference", "adjust", "level")

--- Compare the groups: against "rest" (default), "pairs" or a group label
-- (the reference); opts: benchmark, reference, adjust, level. A list of
-- comparisons (see "Scores by group").
function GroupedMethods:compare(against, opts)
  local kind = comparable(self)
  if type(against) == "table" and against[1] == nil then   -- the options alone
    against, opts = nil, against
  end
  local o = check_options(opts, GROUP_COMPARE_OPTS, "compare")
  local given = (against ~= nil and 1 or 0) + (o.reference ~= nil and 1 or 0)
    + (o.benchmark ~= nil and 1 or 0)
  if given > 1 then
    arg_error("compare: give one of a contrast, reference and benchmark")
  end
  local contrast, reference = "rest", o.reference
  if o.benchmark ~= nil then
    contrast = "benchmark"
  elseif against == "rest" or against == "pairs" then
    contrast = against
  elseif against ~= nil then
    reference = against
  end
  local ref = 0
  if reference ~= nil then
    contrast = "reference"
    local key = type(reference) == "table" and crossed_key(reference) or reference
    local i = self._position[key]
    if i == nil then
      arg_error("compare: no group " .. label_text(reference) .. " to compare with")
    end
    ref = i - 1
  end
  local c = compare_options(o)
  if o.adjust ~= nil then
    local code = ADJUST[o.adjust]
    if code == nil then
      arg_error("compare: adjust must be 'holm', 'bh', 'fdr_bh' or 'bonferroni', not '"
        .. tostring(o.adjust) .. "'")
    end
    c.adjust = code
  end
  local bench = o.benchmark ~= nil and real_opt(o, "benchmark") or 0
  local cols
  if self._design_compare ~= nil and (contrast == "pairs" or contrast == "reference") then
    arg_error("compare: groups of a survey design are compared with the rest or a benchmark, "
      .. "not '" .. contrast .. "': the library has no design-based comparison of two groups")
  elseif self._design_compare ~= nil and contrast == "rest" then
    cols = self._design_compare(c)
  else
    local rest = nil
    if contrast == "rest" then
      self._rest = self._rest or self._rest_fn()
      rest = self._rest
    end
    cols = core["compare_groups_" .. kind](self._cols, rest, self._flags, CONTRASTS[contrast],
      ref, bench, c)
  end
  local out = {}
  for i = 1, #cols.group do
    local r = from_c("group_comparison", column_row(cols, i))
    r.group = self.labels[r.group + 1]
    if contrast == "reference" or contrast == "pairs" then
      r.other = self.labels[r.other + 1]
    else
      r.other = contrast == "rest" and "rest" or bench
    end
    r.skipped = r.skipped ~= 0 and (FLAG_NAMES[r.skipped] or tostring(r.skipped)) or nil
    r.test = r.df == math.huge and "z" or "t"
    out[i] = r
  end
  return out
end

--- Tracking table of the groups as periods (labels in time order); opts:
-- level. A list of points and .trend (see "Scores by group").
function GroupedMethods:track(opts)
  local kind = comparable(self)
  local o = check_options(opts, set("level"), "track")
  if self._design_compare ~= nil then
    arg_error("track: a tracking table of a survey design's groups is not available: its "
      .. "periods share the design's PSUs, and the library tracks independent samples only")
  end
  local points_, trend = core["compare_track_" .. kind](self._cols, self._flags, compare_options(o))
  local out = {}
  for i = 1, #points_.period do
    local r = from_c("track_point", column_row(points_, i))
    r.period = self.labels[i]
    r.flag = FLAG_NAMES[r.flags] or tostring(r.flags)
    r.flags = nil
    r.signal = r.signal ~= 0
    out[i] = r
  end
  if trend ~= nil then
    out.trend = from_c("trend_result", trend, { changes = {} })
  end
  return out
end

M.is_grouped = function(x)
  return getmetatable(x) == GroupedMT
end

-- Survey designs --------------------------------------------------------------
--
-- csat.design{weights =, strata =, clusters =, fpc =, lonely_psu =, nest =,
-- n =} describes how n rows were drawn: their sampling weights (nil: 1
-- each), strata and first-stage clusters (PSUs; one label per row, strings
-- or numbers, numbered here: integers in 0..2^24 - 1 are used as they are;
-- nil: one stratum / every row its own PSU), finite-population corrections
-- (per row, constant within a stratum: sampling fractions <= 1 or
-- population sizes of PSUs > 1). lonely_psu: "fail" (refuse a stratum with
-- a single PSU; the library's default), "remove", "certainty", "adjust",
-- "average"; nest: true numbers clusters within strata (default: the
-- library's, false). n: the number of rows when no table is given.
-- A design d has d.n, d.psus, d.strata, d.lonely (strata with one PSU),
-- d.df (PSUs - strata, R's degf), d.sum_w, d.lonely_psu, and the methods
-- d:describe() (those fields as a table), d:weights() and d:psu_codes()
-- (each row's PSU code, 0-based, in order of first row).
--
-- opts.design on a score function gives the design's scores: the weighted
-- estimate with the design's standard error, interval and effective n
-- (opts.weights must be nil). With opts.by the groups are domains of the
-- design (NPS, the shares, the mean and CES; not the index), and
-- g:compare() compares each group with the rest within the design (or a
-- benchmark; not pairs or a reference group); g:track() is refused.
-- csat.key_drivers takes opts.design too.
--
-- csat.rake(weights, margins, opts) rakes weights (nil: 1 each) to
-- population margins by iterative proportional fitting (R's
-- survey::rake): margins is a table {name = {labels, totals}} (raked in
-- the sorted order of the names) or a list {{labels, totals, name = ...},
-- ...} (raked in its order); labels hold one category per row and totals
-- is a table {category = population total}. opts: max_iter, epsilon,
-- lower, upper (defaults: the library's, 50, 1e-7, 0, +inf). Returns the
-- raked weights (a table) and how raking ended: {iterations, converged,
-- max_change, max_miss, trimmed}. No convergence raises an error object
-- with status "convergence"; an error about a margin or a category has
-- err.column the margin's name and err.category the category.

local LONELY = { fail = core.CSAT_LONELY_FAIL, remove = core.CSAT_LONELY_REMOVE,
                 certainty = core.CSAT_LONELY_CERTAINTY, adjust = core.CSAT_LONELY_ADJUST,
                 average = core.CSAT_LONELY_AVERAGE }
local LONELY_NAMES = {}
for name, code in pairs(LONELY) do LONELY_NAMES[code] = name end
ENUMS.csat_lonely_psu = { names = LONELY_NAMES, codes = LONELY }
local LONELY_LIST = "'fail', 'remove', 'certainty', 'adjust', 'average'"
local CODES_MAX = core.CSAT_GROUPS_MAX

local function quoted(v)
  return type(v) == "string" and ("'" .. v .. "'") or tostring(v)
end

-- The rows of a table of labels: its largest integer key (holes are
-- missing labels).
local function label_rows(t, what)
  if type(t) ~= "table" then
    arg_error(what .. " must be a table of labels (one per row), not " .. type(t))
  end
  local last = 0
  for k in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 then
      arg_error(what .. " must be a list of labels, not a table with the key " .. describe(k))
    end
    if k > last then last = k end
  end
  return last
end

-- The codes (0-based) of n labels and the labels in code order (nil when
-- the labels are integer codes the library takes as they are).
local function design_codes(t, n, what)
  local last = label_rows(t, what)
  if last ~= n then
    arg_error(string.format("%s has %d labels for %d rows", what, last, n))
  end
  local direct = true
  for i = 1, n do
    local v = t[i]
    if missing_label(v) then
      arg_error(string.format("%s[%d] is missing: every row needs a label", what, i), i)
    end
    local ty = type(v)
    if ty ~= "string" and ty ~= "number" then
      arg_error(string.format("%s[%d] is not a label (a string or a number) but a %s", what, i,
        ty), i)
    end
    if direct then
      local c = ty == "number" and math.tointeger(v)
      direct = c and c >= 0 and c < CODES_MAX
    end
  end
  local codes = {}
  if direct then
    for i = 1, n do codes[i] = math.tointeger(t[i]) end
    return codes, nil
  end
  local code, labels = {}, {}
  for i = 1, n do
    local v = t[i]
    local c = code[v]
    if c == nil then
      c = #labels
      code[v] = c
      labels[c + 1] = v
    end
    codes[i] = c
  end
  return codes, labels
end

local DesignMethods = {}
local DesignMT = { __name = "csat.design", __index = DesignMethods }

local function is_design(x)
  return getmetatable(x) == DesignMT
end

DesignMT.__tostring = function(d)
  local lonely = ""
  if d.lonely > 0 then
    lonely = string.format(", %d %s with one PSU", d.lonely,
      d.lonely == 1 and "stratum" or "strata")
  end
  return string.format("Design(n=%d, psus=%d, strata=%d, df=%g, sum_w=%.6g, lonely_psu='%s'%s)",
    d.n, d.psus, d.strata, d.df, d.sum_w, d.lonely_psu, lonely)
end

--- What the design holds: {n, psus, strata, lonely, df, sum_w, lonely_psu}.
function DesignMethods:describe()
  return from_c("design_info", core.design_describe(self._d))
end

--- The design's weights (1 for a design made without), a new table.
function DesignMethods:weights()
  return core.design_weights(self._d, self.n)
end

--- Each row's PSU code (0-based, numbered in order of first row; in a
-- design without clusters, its stratum's code), a new table.
function DesignMethods:psu_codes()
  return core.design_psu_codes(self._d, self.n)
end

-- The library's error about a design made from labels: its cluster and
-- stratum codes given as the labels, every row 1-based.
local function design_error(e, strata, clusters)
  if type(e) ~= "table" or is_error(e) or e.binding then
    raise_core(e)
  end
  local message = e.message:gsub("(%a+) (%d+)", function(word, num)
    local v = tonumber(num)
    if word == "cluster" and clusters and clusters[v + 1] ~= nil then
      return "cluster " .. quoted(clusters[v + 1])
    elseif word == "stratum" and strata and strata[v + 1] ~= nil then
      return "stratum " .. quoted(strata[v + 1])
    elseif INDEX_WORDS[word] then
      return word .. " " .. (v + 1)
    end
  end)
  error(new_error(e.code, message, e.index and e.index + 1, nil), 3)
end

local DESIGN_OPTS = set("weights", "strata", "clusters", "fpc", "lonely_psu", "nest", "n")

--- A survey design (see "Survey designs").
function M.design(opts)
  local o = check_options(opts, DESIGN_OPTS, "design")
  local n
  if o.n ~= nil then
    n = count(o.n, "n")
  elseif type(o.weights) == "table" then
    n = #o.weights
  elseif o.strata ~= nil then
    n = label_rows(o.strata, "strata")
  elseif o.clusters ~= nil then
    n = label_rows(o.clusters, "clusters")
  elseif type(o.fpc) == "table" then
    n = #o.fpc
  else
    arg_error("design: give weights, strata, clusters or fpc (one per row), or n")
  end
  local s, strata, c, clusters
  if o.strata ~= nil then s, strata = design_codes(o.strata, n, "strata") end
  if o.clusters ~= nil then c, clusters = design_codes(o.clusters, n, "clusters") end
  local opt = core.design_options()
  if o.lonely_psu ~= nil then
    local rule = LONELY[o.lonely_psu]
    if rule == nil then
      arg_error("lonely_psu must be one of " .. LONELY_LIST .. ", not " .. describe(o.lonely_psu))
    end
    opt.lonely_psu = rule
  end
  if o.nest ~= nil then
    if type(o.nest) ~= "boolean" then
      arg_error("nest must be true or false, not " .. describe(o.nest))
    end
    opt.nest = o.nest and 1 or 0
  end
  local ok, h = pcall(raw.design_create, n, o.weights, s, c, o.fpc, opt)
  if not ok then
    design_error(h, strata, clusters)
  end
  local d = from_c("design_info", core.design_describe(h))
  d._d = h
  return setmetatable(d, DesignMT)
end

M.is_design = is_design

check_design = function(o, fname)
  local d = o.design
  if not is_design(d) then
    arg_error(fname .. ": design must be a design (csat.design{...}), not " .. type(d))
  end
  if o.weights ~= nil then
    arg_error(fname .. ": weights and design were given together: a design's weights are its "
      .. "own (give them to csat.design)")
  end
  return d
end

-- The boxes (lo, hi) and scale options of a share by group of a design: a
-- CSAT's, top-k or bottom-k boxes as the library resolves them.
local function share_boxes(name, c, a, b)
  if name == "box_share" then
    return a, b, c
  elseif name == "csat" then
    local lo, hi = core.box_range_csat(c)
    local s = core.scale_options()
    s.scale_min, s.scale_max, s.level = c.scale_min, c.scale_max, c.level
    return lo, hi, s
  end
  local lo, hi = core[name == "top_box" and "box_range_top" or "box_range_bottom"](a, c)
  return lo, hi, c
end

local DESIGN_COMPARE = { NPS = "nps", share = "shares", mean = "means" }

local function designed_grouped(name, label, answers, o, c, d, a, b)
  local n = check_answers(answers, "answers")
  local gr = group_codes(o.by, n)
  local gopt = group_options(o)
  local h, g, G = d._d, gr.codes, gr.count
  local call, compare
  if label == "CES" then
    local s = core.scale_options()
    s.scale_min, s.scale_max, s.level = c.scale_min, c.scale_max, c.level
    local m = core.mean_options()
    m.level = c.level
    call = function(go)
      local low = core.design_box_share_grouped(h, answers, g, G, c.low_effort_min, c.scale_max, s,
        go)
      local effort, flags = core.design_mean_grouped(h, answers, g, G, m, go)
      return { effort = effort, low_effort = low }, flags
    end
    compare = function(copt)
      return core.design_compare_means(h, answers, g, G, m, gopt, copt)
    end
  elseif label == "share" then
    local lo, hi, s = share_boxes(name, c, a, b)
    call = function(go)
      return core.design_box_share_grouped(h, answers, g, G, lo, hi, s, go)
    end
    compare = function(copt)
      return core.design_compare_shares(h, answers, g, G, lo, hi, s, gopt, copt)
    end
  else
    local f = core["design_" .. name .. "_grouped"]
    local cmp = core["design_compare_" .. DESIGN_COMPARE[label]]
    call = function(go) return f(h, answers, g, G, c, go) end
    compare = function(copt) return cmp(h, answers, g, G, c, gopt, copt) end
  end
  local cols, flags = call(gopt)
  local make
  if label == "CES" then
    make = function(i)
      return ces_result({ effort = column_row(cols.effort, i),
                          low_effort = column_row(cols.low_effort, i) })
    end
  else
    make = function(i) return score_result(label, column_row(cols, i)) end
  end
  local rest = function()
    local r = call(group_options(o, true))
    return label == "CES" and r.effort or r
  end
  local grouped_table = new_grouped(label, gr, label == "CES" and cols.effort or cols, flags,
    make, rest, gopt.min_n)
  grouped_table._design, grouped_table._design_compare = d, compare
  return grouped_table
end

designed = function(name, label, answers, o, c, a, b)
  local d = check_design(o, name)
  if o.by ~= nil then
    return designed_grouped(name, label, answers, o, c, d, a, b)
  end
  local f = core["design_" .. name]
  local r
  if name == "box_share" then
    r = f(d._d, answers, a, b, c)
  elseif name == "top_box" or name == "bottom_box" then
    r = f(d._d, answers, a, c)
  else
    r = f(d._d, answers, c)
  end
  return label == "CES" and ces_result(r) or score_result(label, r)
end

designed_index = function(rows, o, mins, maxs)
  local d = check_design(o, "index")
  if o.by ~= nil then
    arg_error("index: the index by group of a design is not supported: the library scores a "
      .. "design's groups for NPS, shares, means and CES")
  end
  return mean_result(core.design_index(d._d, rows, mins, maxs, o.item_weights, mean_options(o)))
end

-- Raking ----------------------------------------------------------------------

-- The library's raking error: about a margin (its column) or a category
-- (its index) with their names, else about a row (1-based, as always).
local function rake_error(e, margins)
  if type(e) ~= "table" or is_error(e) or e.binding or e.column == nil
      or margins[e.column + 1] == nil then
    raise_core(e)
  end
  local m = margins[e.column + 1]
  local message, category = e.message, nil
  if e.index ~= nil and m.categories[e.index + 1] ~= nil
      and message:find("category " .. e.index .. "%f[%D]") then
    category = m.categories[e.index + 1]
    message = message:gsub("category " .. e.index .. "%f[%D]",
      function() return "category " .. quoted(category) end)
  end
  message = message:gsub("margin variable (%d+)", "margin %1"):gsub("margin (%d+)", function(num)
    local other = margins[tonumber(num) + 1]
    return other and ("margin " .. quoted(other.name)) or nil
  end)
  local err = new_error(e.code, message, nil, m.name)
  err.category = category
  error(err, 3)
end

local RAKE_OPTS = set("max_iter", "epsilon", "lower", "upper")

--- Rake weights to population margins (see "Survey designs").
function M.rake(weights, margins, opts)
  local o = check_options(opts, RAKE_OPTS, "rake")
  if type(margins) ~= "table" then
    arg_error("rake: margins must be a table {name = {labels, totals}}, not " .. type(margins))
  end
  local list = {}
  if margins[1] ~= nil then
    for i, spec in ipairs(margins) do
      list[i] = { name = type(spec) == "table" and spec.name or i, spec = spec }
    end
  else
    local names = {}
    for k in pairs(margins) do names[#names + 1] = k end
    table.sort(names, label_less)
    for i, k in ipairs(names) do list[i] = { name = k, spec = margins[k] } end
  end
  if #list == 0 then
    arg_error("rake: margins must hold at least one margin")
  end
  local n = type(weights) == "table" and #weights or nil
  local codes, counts, totals = {}, {}, {}
  for v, m in ipairs(list) do
    local what = "rake: margin " .. quoted(m.name)
    local spec = m.spec
    if type(spec) ~= "table" or type(spec[1]) ~= "table" or type(spec[2]) ~= "table" then
      arg_error(what .. " must be a table {labels, totals}")
    end
    local labels, t = spec[1], spec[2]
    local rows = label_rows(labels, what .. ": labels")
    n = n or rows
    if rows ~= n then
      arg_error(string.format("%s has %d labels for %d rows", what, rows, n))
    end
    -- The categories in order (numbers, then strings), their positions and totals.
    local categories = {}
    for k in pairs(t) do categories[#categories + 1] = k end
    table.sort(categories, label_less)
    local position = {}
    for j, k in ipairs(categories) do
      position[k] = j - 1
      totals[#totals + 1] = real(t[k], what .. ": the total of " .. quoted(k))
    end
    m.categories = categories
    counts[v] = #categories
    local base = (v - 1) * n
    for i = 1, n do
      local label = labels[i]
      if missing_label(label) then
        arg_error(string.format("%s: the label of row %d is missing", what, i), i)
      end
      local j = position[label]
      if j == nil then
        arg_error(string.format("%s: the label %s of row %d is not a category of its totals",
          what, quoted(label), i), i)
      end
      codes[base + i] = j
    end
  end
  local c = core.rake_options()
  if o.max_iter ~= nil then c.max_iter = int(o.max_iter, "max_iter") end
  if o.epsilon ~= nil then c.epsilon = real(o.epsilon, "epsilon") end
  if o.lower ~= nil then c.lower = real(o.lower, "lower") end
  if o.upper ~= nil then c.upper = real(o.upper, "upper") end
  local ok, w, info = pcall(raw.design_rake, weights, codes, counts, totals, c, n)
  if not ok then
    rake_error(w, list)
  end
  return w, from_c("rake_result", info)
end


-- Business measures ---------------------------------------------------------------

--- Retention (end - new) / start and churn from customer counts: {retention,
-- churn, at_start, at_end, acquired, lost}.
function M.retention(start, finish, new)
  return from_c("retention_result", core.business_retention(start, finish, new or 0, nil))
end

--- Retention and churn over (t0, t1] from each customer's start and end time
-- (NaN: still a customer); the same fields as csat.retention.
function M.churn(start_times, end_times, t0, t1)
  return from_c("retention_result", core.business_churn(start_times, end_times, t0, t1, nil))
end

--- A churn rate of one period converted to k periods: 1 - (1 - rate)^k.
function M.churn_convert(rate, k)
  return core.business_churn_convert(rate, k, nil)
end

local CLV_TIMING = { start = core.CSAT_CLV_START_OF_PERIOD, ["end"] = core.CSAT_CLV_END_OF_PERIOD }
local CLV_OPTS = set("timing", "horizon")

--- Customer lifetime value. opts: timing "end" | "start" (default: the
-- library's, "end"), horizon (whole number of periods; default: the
-- library's, math.huge).
function M.clv(margin, retention, discount, opts)
  local o = check_options(opts, CLV_OPTS, "clv")
  local c = core.business_options()
  if o.timing ~= nil then
    local timing = CLV_TIMING[o.timing]
    if timing == nil then
      arg_error("clv: timing must be 'start' or 'end', not '" .. tostring(o.timing) .. "'")
    end
    c.timing = timing
  end
  if o.horizon ~= nil then c.horizon = real(o.horizon, "horizon") end
  return core.business_clv(margin, retention, discount, c)
end

local function survival_point(d)
  return from_c("survival_point", d)
end

local SurvivalMethods = {}
local SurvivalMT = { __index = SurvivalMethods }
SurvivalMT.__tostring = function(s)
  return string.format("Survival(n=%d, events=%d, steps=%d, median=%s)", s.n, s.events, s.steps,
    fmt(s.median))
end

--- The curve at time t (the last step at or before t): a table of the
-- point's fields (time, survival, se, ci, the numbers at risk...).
function SurvivalMethods:at(t)
  return survival_point(core.survival_at(self._s, t))
end

local SURVIVAL_OPTS = set("observed", "level")

--- Kaplan-Meier retention curve from lifetimes. opts: observed (1 = churned,
-- 0 = still active; default all 1), level (default: the library's, 0.95).
-- Returns a table with one array per field of a step (time, survival, se,
-- the numbers at risk..., each with one entry per event time, keyed by the
-- library's field names), the curve's summary (median, median_ci, n,
-- events, steps, level...) and the method at(t).
function M.survival(durations, opts)
  local o = check_options(opts, SURVIVAL_OPTS, "survival")
  local h = core.survival_fit(durations, o.observed, business_options(o))
  local curve = from_c("curve_summary", core.survival_summary(h), { _s = h })
  for name, column in pairs(core.survival_steps(h)) do
    curve[name] = column
  end
  return setmetatable(curve, SurvivalMT)
end

local RATE_OPTS = set("per", "level")

local function rate_result(d)
  return from_c("rate_result", d)
end

--- count / exposure * per with the exact Poisson interval. opts: per, level
-- (defaults: the library's, per 1 and 0.95). Returns {rate, ci, count,
-- exposure, per, level}.
function M.rate(count, exposure, opts)
  local o = check_options(opts, RATE_OPTS, "rate")
  return rate_result(core.business_rate(count, exposure, business_options(o)))
end

--- Referrals per customer: csat.rate with per = 1, which this helper sets
-- (a referral rate is per customer), as Python's referral_rate does.
-- opts: level.
function M.referral_rate(referrals, customers, opts)
  local o = check_options(opts, set("level"), "referral_rate")
  local c = business_options(o)
  c.per = 1
  return rate_result(core.business_rate(referrals, customers, c))
end

-- Category codes for the library: numbers as they are, or labels (strings;
-- false or NaN is missing) numbered in sorted order.
local function category_codes(categories)
  if type(categories) ~= "table" then
    arg_error("complaints: categories must be a table, not " .. type(categories))
  end
  local labels, has_string = {}, false
  for _, v in ipairs(categories) do
    if type(v) == "string" then
      has_string = true
      labels[v] = true
    end
  end
  if not has_string then
    return categories, nil
  end
  local sorted = {}
  for v in pairs(labels) do sorted[#sorted + 1] = v end
  table.sort(sorted)
  local number = {}
  for i, v in ipairs(sorted) do number[v] = i - 1 end
  local codes = {}
  for i, v in ipairs(categories) do
    if type(v) == "string" then
      codes[i] = number[v]
    elseif v == false or v ~= v then
      codes[i] = 0 / 0
    else
      arg_error("complaints: categories[" .. i .. "] is neither a label nor missing (false, NaN)", i)
    end
  end
  return codes, sorted
end

local COMPLAINT_OPTS = set("customers", "per", "level")

--- Complaints per category in Pareto order: categories are codes (NaN
-- missing) or labels (false missing). opts: customers (for the rate), per,
-- level. per is 1000 (complaints per 1,000 customers) unless given: this
-- helper's choice, not the library's rate default (per 1), and Python's
-- complaints uses the same. Returns {codes, counts, shares, cum_shares (one
-- array per field of a category, plural), n, n_missing, rate (when
-- customers is given)}.
function M.complaints(categories, opts)
  local o = check_options(opts, COMPLAINT_OPTS, "complaints")
  local codes, labels = category_codes(categories)
  local cats, sample = core.business_complaints(codes, nil)
  local t = { n = sample.n, n_missing = sample.n_missing }
  for _, f in ipairs(layout("category_count")) do
    local column = {}
    for i, c in ipairs(cats) do column[i] = c[f.name] end
    t[f.name .. "s"] = column
  end
  for i, c in ipairs(cats) do
    t.codes[i] = labels and labels[c.code + 1] or c.code
  end
  if o.customers ~= nil then
    local customers = real_opt(o, "customers")
    local c = business_options(o)
    if o.per == nil then c.per = 1000 end   -- this helper's choice: per 1,000 customers
    t.rate = rate_result(core.business_rate(sample.n, customers, c))
  end
  return t
end

local RESOLUTION_OPTS = set("resolved", "sla", "quantiles")

--- Resolution times (open complaints: resolved = 0, their time so far).
-- opts: resolved, sla (required), quantiles {0.25, 0.5, 0.75, 0.9}.
-- Returns {n, n_open, n_missing, mean, sd, median, within_sla, km_median,
-- km_within_sla, sla, probs, quantiles = {[prob] = value}}.
function M.resolution_times(times, opts)
  local o = check_options(opts, RESOLUTION_OPTS, "resolution_times")
  if type(o.sla) ~= "number" then
    arg_error("resolution_times: option 'sla' (a number) is required")
  end
  local probs = copy_list(o.quantiles or { 0.25, 0.5, 0.75, 0.9 })
  local values, r = core.business_resolution(times, o.resolved, o.sla, probs, nil)
  local d = from_c("resolution_result", r)
  d.probs = probs
  d.quantiles = {}
  for i, p in ipairs(probs) do d.quantiles[p] = values[i] end
  return d
end

local REVIEW_OPTS = set("scale", "positive_min", "prior", "level")

--- Review ratings. opts: scale, positive_min, prior {mean, weight}, level
-- (defaults: the library's, scale {1, 5}, positive_min 4, the scale's
-- midpoint with weight 10, level 0.95). Returns {rating (a mean result),
-- positive (a share result), the reviews fields (bayesian_average,
-- wilson_lower), distribution, n, n_missing}.
function M.reviews(ratings, opts)
  local o = check_options(opts, REVIEW_OPTS, "reviews")
  local c = core.reviews_options()
  set_scale(c, o.scale)
  if o.positive_min ~= nil then c.positive_min = int(o.positive_min, "positive_min") end
  local prior = o.prior            -- nil: the library's default prior
  if prior ~= nil then
    if type(prior) ~= "table" or type(prior[1]) ~= "number" or type(prior[2]) ~= "number" then
      arg_error("reviews: prior must be a table {mean, weight}")
    end
    c.prior_mean, c.prior_weight = prior[1], prior[2]
  end
  if o.level ~= nil then c.level = real(o.level, "level") end
  local d = core.score_reviews(ratings, c)
  return from_c("reviews_result", d, {
    rating = mean_result(d.rating), positive = share_result(d.positive),
    distribution = M.distribution(ratings, { scale = { c.scale_min, c.scale_max } }),
    n = d.rating.n, n_missing = d.rating.n_missing,
  })
end

M.is_model = is_model

return M
