-- Customer-satisfaction report of a survey stored as CSV, computed with libcsat.
--
--     lua5.4 report.lua [survey.csv]
--
-- The file needs the columns `nps` (likelihood to recommend, stored 1..11 =
-- 0..10 shifted by +1), `overall_sat` (1..7) and `flight_class`, as
-- examples/data/airlinesat.csv has; missing values are written NA and become
-- NaN (0/0), which libcsat skips and counts as missing.
--
-- The report: NPS with its 95 % interval, CSAT and top-2-box of overall
-- satisfaction, its mean, its distribution as a bar chart, and the NPS of
-- each flight class. libcsat raises an error with a message on bad data; the
-- report prints it and exits with status 1.

local csat = require "csat"

local BAR_WIDTH = 40

local function script_dir()
  local path = arg and arg[0] or ""
  return path:match("^(.*)[/\\]") or "."
end

local DEFAULT_DATA = script_dir() .. "/data/airlinesat.csv"

local function die(fmt, ...)
  io.stdout:flush()
  io.stderr:write("report.lua: ", string.format(fmt, ...), "\n")
  os.exit(1)
end

-- CSV ---------------------------------------------------------------------

local csv = dofile(script_dir() .. "/csv.lua")

local function column_index(t, name)
  local j, err = csv.column(t, name)
  if not j then die("%s", err) end
  return j
end

-- Column `name` as numbers; NA or an empty field is NaN (missing).
local function numeric_column(t, name)
  local x, err = csv.numeric(t, name)
  if not x then die("%s", err) end
  return x
end

-- Report ------------------------------------------------------------------

-- Calls a libcsat function; a failure (bad data, bad option) ends the report.
local function call(what, f, ...)
  local ok, result = pcall(f, ...)
  if not ok then die("libcsat: %s: %s", what, tostring(result)) end
  return result
end

-- One number, or n/a when it is NaN (a single answer has no spread).
local function num(fmt, v)
  local text = string.format(fmt, v)
  if v ~= v then return string.format("%" .. #text .. "s", "n/a") end
  return text
end

local function ci(r, fmt)
  return "[" .. num(fmt, r.ci[1]) .. ", " .. num(fmt, r.ci[2]) .. "]"
end

local function report_nps(nps)
  local r = call("NPS", csat.nps, nps, { scale = { 0, 10 }, promoter_min = 9, detractor_max = 6 })
  local adj = call("NPS", csat.nps, nps, { scale = { 0, 10 }, method = "adjusted-wald" })
  print("Net Promoter Score")
  print("  likelihood to recommend, 0-10 (column nps minus 1);")
  print("  promoters 9-10, passives 7-8, detractors 0-6")
  print()
  print(string.format("  NPS %+6.1f   95%% CI %s  Wald           SE %s",
                      r.score, ci(r, "%+6.1f"), num("%5.2f", r.se)))
  print(string.format("               95%% CI %s  adjusted Wald  SE %s",
                      ci(adj, "%+6.1f"), num("%5.2f", adj.se)))
  print(string.format("  promoters %.1f %%, passives %.1f %%, detractors %.1f %%",
                      100 * r.promoters, 100 * r.passives, 100 * r.detractors))
  print(string.format("  n = %d, missing %d", r.n, r.n_missing))
  print()
end

local function report_satisfaction(sat)
  local cs = call("CSAT", csat.csat, sat, { scale = { 1, 7 }, satisfied_min = 5 })
  local top2 = call("top-2-box", csat.top_box, sat, 2, { scale = { 1, 7 } })
  local mean = call("mean score", csat.mean_score, sat)
  print("Overall satisfaction")
  print("  column overall_sat, 1-7 (7 = very satisfied)")
  print()
  print(string.format("  CSAT (5-7 of 1-7)       %5.1f %%   95%% CI %s %%  Wilson",
                      cs.score, ci(cs, "%5.1f")))
  print(string.format("  top-2-box (6-7 of 1-7)  %5.1f %%   95%% CI %s %%  Wilson",
                      top2.score, ci(top2, "%5.1f")))
  print(string.format("  mean                    %5.2f     95%% CI %s    t, df %d",
                      mean.score, ci(mean, "%5.2f"), mean.df))
  print("  standard deviation      " .. num("%5.2f", mean.sd))
  print("  CSAT counts the three highest boxes, top-2-box the two highest.")
  print(string.format("  n = %d, missing %d", mean.n, mean.n_missing))
  print()
end

local function report_distribution(sat)
  local d = call("distribution", csat.distribution, sat, { scale = { 1, 7 } })
  local top, total = 0, 0
  for i = 1, #d.shares do
    top = math.max(top, d.shares[i])
    total = total + d.counts[i]
  end
  print(string.format("Distribution of overall satisfaction (n = %d)", total))
  print()
  for i = 1, #d.values do
    local len = top > 0 and math.floor(BAR_WIDTH * d.shares[i] / top + 0.5) or 0
    print(string.format("  %d | %-" .. BAR_WIDTH .. "s %5.0f  %5.1f %%", d.values[i],
                        string.rep("#", len), d.counts[i], 100 * d.shares[i]))
  end
  print()
end

local function report_nps_by_group(nps, groups, column)
  local members, names = {}, {}
  for i, g in ipairs(groups) do
    if not members[g] then
      members[g] = {}
      names[#names + 1] = g
    end
    local m = members[g]
    m[#m + 1] = nps[i]
  end
  table.sort(names)
  print(string.format("NPS by %s (Wald 95%% CI)", column))
  print()
  print(string.format("  %-12s %6s %7s   95%% CI", column, "n", "NPS"))
  for _, g in ipairs(names) do
    local x, valid = members[g], 0
    for i = 1, #x do
      if x[i] == x[i] then valid = valid + 1 end
    end
    if valid == 0 then
      print(string.format("  %-12s %6d %7s   (no valid answer)", g, #x, "-"))
    else
      local r = call("NPS of " .. g, csat.nps, x, { scale = { 0, 10 } })
      print(string.format("  %-12s %6d %+7.1f   %s", g, r.n, r.score, ci(r, "%+6.1f")))
    end
  end
  print()
end

-- Main --------------------------------------------------------------------

local path = arg and arg[1] or DEFAULT_DATA
if path == "-h" or path == "--help" then
  print("usage: report.lua [survey.csv]   (default: " .. DEFAULT_DATA .. ")")
  os.exit(0)
end

local t, err = csv.read(path)
if not t then die("cannot read the survey: %s", err) end

local nps = numeric_column(t, "nps")
for i = 1, #nps do
  nps[i] = nps[i] - 1 -- stored 1..11: back to 0..10 (NaN stays NaN)
end
local sat = numeric_column(t, "overall_sat")
local jclass = column_index(t, "flight_class")
local classes = {}
for i, row in ipairs(t.rows) do
  local g = row[jclass]
  classes[i] = (g == "" or g == "NA") and "(missing)" or g
end

print("Customer satisfaction report")
print("  survey:  " .. path)
print(string.format("  answers: %d respondents", #t.rows))
print("  libcsat " .. csat.version())
print()
report_nps(nps)
report_satisfaction(sat)
report_distribution(sat)
report_nps_by_group(nps, classes, "flight_class")
