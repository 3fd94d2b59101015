-- Scores of a survey with its design, and raked weights, with libcsat.
--
--     lua5.4 design.lua [survey.csv]
--
-- Reads the columns `nps` (stored 1..11 = 0..10 shifted by +1),
-- `overall_sat` (1..7), `country`, `gender` and `flight_class` of a survey
-- stored as CSV, as examples/data/airlinesat.csv has.
--
-- 1. Raking: the sample's flight classes and genders do not match the
--    customer base's, so the respondents' weights are raked to the base's
--    margins (illustrative totals for 100,000 customers: Economy 70,000,
--    Business 25,000, First 5,000; female 45,000, male 55,000): csat.rake.
-- 2. The design: the airline surveyed customers country by country
--    (strata) and, within a country, at the gate of a flight (clusters).
--    The file records the country but not the flight, so this example
--    takes each run of 25 consecutive respondents of a country as one
--    flight: an assumption for the demonstration, which a real survey's
--    flight number would replace. The one respondent from France forms a
--    stratum of a single flight, which the "adjust" rule handles:
--    csat.design{...}.
-- 3. NPS and CSAT (6-7 of 1-7) with the raked weights: as if the answers
--    were independent (opts.weights), then with the design (opts.design).
--    The design effect (the variance ratio) says what the design costs or
--    gains: clusters whose customers answer alike cost precision, strata
--    that differ from one another gain it. Here the flights are runs of
--    consecutive respondents, who answer no more alike than any others,
--    while the countries differ, so the design gains: its effect is below 1.
-- 4. The NPS of each flight class, with design standard errors (opts.by
--    with opts.design), and each class against the rest of the sample
--    (their covariance within the design included; Holm-adjusted p-values).
--
-- The program prints what examples/design.c and examples/design.py print.
-- libcsat raises an error with a message on bad data or raking that does
-- not converge (err.code == csat.CONVERGENCE); the program prints it and
-- exits with status 1.

local csat = require "csat"

local FLIGHT_SIZE = 25
local CLASSES = { "Economy", "Business", "First" }
local CLASS_TOTALS = { Economy = 70000, Business = 25000, First = 5000 }
local GENDER_TOTALS = { female = 45000, male = 55000 }

local function script_dir()
  local path = arg and arg[0] or ""
  return path:match("^(.*)[/\\]") or "."
end

local DEFAULT_DATA = script_dir() .. "/data/airlinesat.csv"

local function die(fmt, ...)
  io.stdout:flush()
  io.stderr:write("design.lua: ", string.format(fmt, ...), "\n")
  os.exit(1)
end

local csv = dofile(script_dir() .. "/csv.lua")

-- Calls a libcsat function; a failure (bad data, bad option, no
-- convergence) ends the program.
local function call(what, f, ...)
  local ok, a, b = pcall(f, ...)
  if not ok then die("libcsat: %s: %s", what, tostring(a)) end
  return a, b
end

-- Column `name` as labels: NA or an empty field is false (a missing label).
local function labels(t, name)
  local j, err = csv.column(t, name)
  if not j then die("%s", err) end
  local out = {}
  for i, row in ipairs(t.rows) do
    local v = row[j]
    out[i] = (v ~= "" and v ~= "NA") and v or false
  end
  return out
end

local function numbers(t, name)
  local x, err = csv.numeric(t, name)
  if not x then die("%s", err) end
  return x
end

-- Raking ----------------------------------------------------------------------------

-- Unit weights (nil) raked to the customer base's margins, flight class then
-- gender (a list of margins is raked in its order).
local function rake(classes, genders)
  local w, info = call("raking", csat.rake, nil, {
    { classes, CLASS_TOTALS, name = "flight_class" },
    { genders, GENDER_TOTALS, name = "gender" },
  })
  local lo, hi = math.huge, 0
  for i = 1, #w do
    lo, hi = math.min(lo, w[i]), math.max(hi, w[i])
  end
  print("Raking to the customer base (flight class and gender margins)")
  print()
  print(string.format("  converged after %d sweeps, largest margin miss %.2g customers",
    info.iterations, info.max_miss))
  print(string.format("  weights from %.1f to %.1f customers per respondent", lo, hi))
  print()
  return w
end

-- The design ----------------------------------------------------------------------

-- Strata: countries. Clusters: runs of FLIGHT_SIZE respondents of a country
-- (the k-th respondent of a country, from 0, is on flight k // FLIGHT_SIZE).
local function make_design(countries, w)
  local seen, flights = {}, {}
  for i, c in ipairs(countries) do
    local k = seen[c] or 0
    seen[c] = k + 1
    flights[i] = k // FLIGHT_SIZE
  end
  local d = call("the design", csat.design, {
    weights = w, strata = countries, clusters = flights,
    nest = true,              -- flight k of each country
    lonely_psu = "adjust",    -- France: one respondent
  })
  print(string.format("Design: %d respondents on %d flights in %d countries "
    .. "(%d country with one flight; %.0f degrees of freedom)", d.n, d.psus, d.strata, d.lonely,
    d.df))
  print()
  return d
end

-- Scores --------------------------------------------------------------------------

local function row(what, est, se, lo, hi, unit)
  print(string.format("  %-28s %6.1f%s  SE %5.2f  95%% CI [%6.1f, %6.1f]", what, est, unit, se,
    lo, hi))
end

local function scores(nps, sat, d, w)
  local a = call("NPS", csat.nps, nps, { weights = w })
  local b = call("NPS", csat.nps, nps, { design = d })
  local c = call("CSAT", csat.csat, sat, { weights = w, scale = { 1, 7 }, satisfied_min = 6 })
  local e = call("CSAT", csat.csat, sat, { design = d, scale = { 1, 7 }, satisfied_min = 6 })
  print("Scores with the raked weights")
  print()
  row("NPS, answers independent", a.score, a.se, a.ci[1], a.ci[2], " ")
  row("NPS, the design", b.score, b.se, b.ci[1], b.ci[2], " ")
  row("CSAT, answers independent", 100 * c.share, 100 * c.se, 100 * c.ci[1], 100 * c.ci[2], "%")
  row("CSAT, the design", 100 * e.share, 100 * e.se, 100 * e.ci[1], 100 * e.ci[2], "%")
  print()
  print(string.format("  design effect: NPS %.2f, CSAT %.2f (design variance / independent "
    .. "variance)", (b.se * b.se) / (a.se * a.se), (e.se * e.se) / (c.se * c.se)))
  print()
end

local function by_class(nps, classes, d)
  local g = call("NPS by class", csat.nps, nps, { by = classes, design = d })
  local versus = {}
  for _, c in ipairs(call("classes against the rest", g.compare, g, "rest", { adjust = "holm" })) do
    versus[c.group] = c
  end
  print("NPS by flight class, the design (each class against the rest, Holm)")
  print()
  print(string.format("  %-10s %6s  %5s  %16s   %6s  %7s  %6s", "class", "NPS", "SE", "95% CI",
    "n", "vs rest", "p adj"))
  for _, label in ipairs(CLASSES) do
    local r, c = g[label], versus[label]
    local line = string.format("  %-10s %6.1f  %5.2f  [%6.1f, %6.1f]   %6d", label, r.score, r.se,
      r.ci[1], r.ci[2], r.n)
    if c.skipped then
      local note = c.skipped == "small"
        and string.format("  (fewer than %d answers)", g.min_n) or ""
      print(string.format("%s  %7s  %6s%s", line, "-", "-", note))
    else
      print(string.format("%s  %+7.1f  %6.4f", line, c.diff, c.p_adjusted))
    end
  end
end

-- Main ----------------------------------------------------------------------------

local path = arg and arg[1] or DEFAULT_DATA
if path == "-h" or path == "--help" then
  print("usage: design.lua [survey.csv]   (default: " .. DEFAULT_DATA .. ")")
  os.exit(0)
end

local t, err = csv.read(path)
if not t then die("cannot read the survey: %s", err) end
local nps = numbers(t, "nps")
for i = 1, #nps do
  nps[i] = nps[i] - 1 -- stored 1..11: back to 0..10 (NaN stays NaN)
end
local sat = numbers(t, "overall_sat")
local countries, genders = labels(t, "country"), labels(t, "gender")
local classes = labels(t, "flight_class")

local w = rake(classes, genders)
local d = make_design(countries, w)
scores(nps, sat, d, w)
by_class(nps, classes, d)
