-- Scores by segment and by period with libcsat: one pass, compared, tracked.
--
--     lua5.4 segments.lua [survey.csv]
--
-- 1. The NPS of each flight class of a survey stored as CSV (the columns
--    `nps`, likelihood to recommend stored 1..11 = 0..10 shifted by +1, and
--    `flight_class`, as examples/data/airlinesat.csv has; NA is missing),
--    each class compared with the rest of the sample (Holm-adjusted
--    p-values).
-- 2. A tracking table of twelve generated monthly waves (a fixed seed, a
--    dip in September): each month's NPS and interval, the change from the
--    month before with its test, 3-sigma control limits from the earlier
--    months and the months that fall outside them, and the trend.
--
-- libcsat raises an error with a message on bad data; the example prints it
-- and exits with status 1.

local csat = require "csat"

local function script_dir()
  local path = arg and arg[0] or ""
  return path:match("^(.*)[/\\]") or "."
end

local DEFAULT_DATA = script_dir() .. "/data/airlinesat.csv"

local function die(fmt, ...)
  io.stdout:flush()
  io.stderr:write("segments.lua: ", string.format(fmt, ...), "\n")
  os.exit(1)
end

local csv = dofile(script_dir() .. "/csv.lua")

-- Calls a libcsat function; a failure (bad data, bad option) ends the example.
local function call(what, f, ...)
  local ok, result = pcall(f, ...)
  if not ok then die("libcsat: %s: %s", what, tostring(result)) end
  return result
end

local function pval(p)
  if p ~= p then return "     -" end
  if p < 0.0001 then return string.format("%6s", "<.0001") end
  return string.format("%6.4f", p)
end

-- NPS by flight class ------------------------------------------------------------

local function by_class(answers, classes)
  local g = call("NPS by class", csat.nps, answers, { by = classes })
  print("NPS by flight class (0-10 scale: promoters 9-10, detractors 0-6)")
  print()
  print(string.format("  %-10s %7s  %17s  %5s", "class", "NPS", "95% CI", "n"))
  for _, label in ipairs(g.labels) do
    local r = g[label]
    print(string.format("  %-10s %+7.1f  [%+6.1f, %+6.1f]  %5d%s", label, r.score, r.ci[1],
      r.ci[2], r.n, g.flags[label] == "small" and "  (small)" or ""))
  end
  print("  answers without a class: " .. g.n_unlabelled)
  print()
  print("Each class against the rest of the sample (z tests, Holm-adjusted)")
  print()
  print(string.format("  %-10s %10s  %17s  %6s  %8s", "class", "difference", "95% CI", "p",
    "p (Holm)"))
  for _, c in ipairs(call("compare", g.compare, g, "rest", { adjust = "holm" })) do
    if c.skipped then
      print(string.format("  %-10s not compared: %s group", c.group, c.skipped))
    else
      print(string.format("  %-10s %+10.1f  [%+6.1f, %+6.1f]  %s  %8s", c.group, c.diff,
        c.ci[1], c.ci[2], pval(c.p), pval(c.p_adjusted)))
    end
  end
  print()
end

-- Monthly tracking --------------------------------------------------------------------

-- A small deterministic generator, so that the waves are the same everywhere.
local seed = 2024
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return (seed >> 8) % n
end

-- Twelve waves of 250 to 400 answers: NPS about 35, with a dip in September
-- (more detractors).
local function monthly_waves()
  local answers, months = {}, {}
  for m = 1, 12 do
    local n = 250 + rand(151)
    local detractors = m == 9 and 40 or 15
    for _ = 1, n do
      local u = rand(100)
      local v
      if u < detractors then
        v = rand(7)            -- 0..6
      elseif u < 50 then
        v = 7 + rand(2)        -- 7..8
      else
        v = 9 + rand(2)        -- 9..10
      end
      answers[#answers + 1] = v
      months[#months + 1] = string.format("2024-%02d", m)
    end
  end
  return answers, months
end

local function tracking(answers, months)
  local g = call("NPS by month", csat.nps, answers, { by = months })
  local t = call("tracking", g.track, g)
  print("Monthly tracking (generated waves; change: z test against the month before;")
  print("limits: 3-sigma control limits from the earlier months)")
  print()
  print(string.format("  %-8s %6s  %15s  %7s  %6s  %15s  signal", "month", "NPS", "95% CI",
    "change", "p", "limits"))
  for _, r in ipairs(t) do
    local change = r.change == r.change and string.format("%+7.1f", r.change) or string.rep(" ", 7)
    local limits = r.lcl == r.lcl and string.format("[%+5.1f, %+5.1f]", r.lcl, r.ucl) or ""
    print(string.format("  %-8s %+6.1f  [%+5.1f, %+5.1f]  %s  %s  %15s  %s", r.period, r.score,
      r.ci[1], r.ci[2], change, pval(r.change_p), limits, r.signal and "<-- outside" or ""))
  end
  if t.trend then
    print()
    print(string.format("  trend %+.2f NPS points a month, 95%% CI [%+.2f, %+.2f], p %s",
      t.trend.slope, t.trend.ci[1], t.trend.ci[2], pval(t.trend.p):match("^%s*(.-)$")))
  end
  print()
end

-- Main ------------------------------------------------------------------------------------

local path = arg and arg[1] or DEFAULT_DATA
local t, err = csv.read(path)
if not t then die("cannot read the survey: %s", err) end
local answers, e = csv.numeric(t, "nps")
if not answers then die("%s", e) end
for i = 1, #answers do
  answers[i] = answers[i] - 1 -- stored 1..11: back to 0..10 (NaN stays NaN)
end
local j, e2 = csv.column(t, "flight_class")
if not j then die("%s", e2) end
local classes = {}
for i, row in ipairs(t.rows) do
  local c = row[j]
  classes[i] = (c == "" or c == "NA") and false or c   -- false: a missing class
end

print(string.format("Survey %s: %d respondents; libcsat %s", path, #t.rows, csat.version()))
print()
by_class(answers, classes)
tracking(monthly_waves())
