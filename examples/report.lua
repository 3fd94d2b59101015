-- Customer-satisfaction report of a survey stored as CSV, computed with libcsat.
--
--     lua5.4 report.lua [survey.csv]
--
-- The file needs the columns `nps` (likelihood to recommend, stored 1..11 =
-- 0..10 shifted by +1), `overall_sat` (1..7), `flight_purpose`,
-- `flight_class`, `e1` .. `e23` (expectations of 23 service attributes,
-- 1..100) and `s1` .. `s23` (satisfaction with the same attributes, 1..100),
-- as examples/data/airlinesat.csv has; missing values are written NA and
-- become NaN (0/0), which libcsat skips and counts as missing.
--
-- The report: NPS with its 95 % interval, CSAT and top-2-box of overall
-- satisfaction, its mean, its distribution as a bar chart, the NPS of each
-- flight class; the NPS and CSAT of each segment (flight purpose, flight
-- class) against the rest of the sample, with Holm-adjusted p-values; and
-- the gap between satisfaction and expectation for the 23 attributes
-- (paired t tests, Holm-adjusted). libcsat raises an error with a message on
-- bad data; the report prints it and exits with status 1.

local csat = require "csat"

local BAR_WIDTH = 40
local SEGMENTS = { "flight_purpose", "flight_class" }
local ATTRIBUTES = 23 -- e1..e23 and s1..s23

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

-- An interval as text; scale 100 shows a proportion in percent.
local function ci(r, fmt, scale)
  scale = scale or 1
  return "[" .. num(fmt, scale * r.ci[1]) .. ", " .. num(fmt, scale * r.ci[2]) .. "]"
end

-- A p-value in six characters: four decimals, or <.0001.
local function pval(p)
  if p < 0.0001 then return string.format("%6s", "<.0001") end
  return string.format("%6.4f", p)
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
  -- Shares and their intervals are proportions; the report shows percent.
  print(string.format("  CSAT (5-7 of 1-7)       %5.1f %%   95%% CI %s %%  Wilson",
                      cs.score, ci(cs, "%5.1f", 100)))
  print(string.format("  top-2-box (6-7 of 1-7)  %5.1f %%   95%% CI %s %%  Wilson",
                      top2.score, ci(top2, "%5.1f", 100)))
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

-- The distinct values of a table of strings, sorted.
local function distinct(values)
  local seen, names = {}, {}
  for _, g in ipairs(values) do
    if not seen[g] then
      seen[g] = true
      names[#names + 1] = g
    end
  end
  table.sort(names)
  return names
end

-- Each segment's NPS and CSAT against the rest of the sample.
local function report_segments(nps, sat, groups)
  local rows = {}
  local csat_opts = { scale = { 1, 7 }, satisfied_min = 5 }
  for _, column in ipairs(SEGMENTS) do
    local names = distinct(groups[column])
    -- With two segments, one against the rest is the other's mirror image:
    -- compare only the first with the second.
    local ncompare = #names == 2 and 1 or (#names < 2 and 0 or #names)
    for g = 1, ncompare do
      local x_in, x_out, s_in, s_out = {}, {}, {}, {}
      for i, v in ipairs(groups[column]) do
        if v == names[g] then
          x_in[#x_in + 1], s_in[#s_in + 1] = nps[i], sat[i]
        else
          x_out[#x_out + 1], s_out[#s_out + 1] = nps[i], sat[i]
        end
      end
      local label = column .. " " .. names[g]
      local a = call("NPS of " .. label, csat.nps, x_in, { scale = { 0, 10 } })
      local b = call("NPS of the rest (not " .. label .. ")", csat.nps, x_out, { scale = { 0, 10 } })
      local c = call("CSAT of " .. label, csat.csat, s_in, csat_opts)
      local d = call("CSAT of the rest (not " .. label .. ")", csat.csat, s_out, csat_opts)
      rows[#rows + 1] = {
        label = label, nps = a, nps_rest = b, d_nps = call("NPS comparison", csat.compare, a, b),
        csat = c, csat_rest = d, d_csat = call("CSAT comparison", csat.compare, c, d),
      }
    end
  end
  if #rows == 0 then return end
  -- One family: the NPS comparisons, then the CSAT comparisons.
  local p, k = {}, #rows
  for i, r in ipairs(rows) do
    p[i], p[k + i] = r.d_nps.p, r.d_csat.p
  end
  local holm = call("Holm adjustment", csat.adjust, p, "holm")
  print("Segments against the rest of the sample")
  print("  each segment against all other respondents (of a variable with two")
  print("  segments only the first, against the second); 95% CI; p-values")
  print(string.format("  Holm-adjusted over all %d comparisons of this section", 2 * k))
  print()
  print("  NPS: difference in points, z test, Wald CI")
  print(string.format("  %-23s %5s %6s %6s %6s  %-16s %6s  %6s", "segment", "n", "NPS", "rest",
                      "diff", "95% CI", "p", "Holm p"))
  for i, r in ipairs(rows) do
    print(string.format("  %-23s %5d %+6.1f %+6.1f %+6.1f  %s %s  %s", r.label, r.nps.n,
                        r.nps.score, r.nps_rest.score, r.d_nps.diff, ci(r.d_nps, "%+6.1f"),
                        pval(r.d_nps.p), pval(holm[i])))
  end
  print()
  print("  CSAT (5-7 of 1-7): difference in percentage points, pooled z test,")
  print("  Newcombe hybrid score CI")
  print(string.format("  %-23s %5s %6s %6s %6s  %-16s %6s  %6s", "segment", "n", "CSAT", "rest",
                      "diff", "95% CI", "p", "Holm p"))
  for i, r in ipairs(rows) do
    -- The difference of two shares is a proportion: 100 * it is in points.
    print(string.format("  %-23s %5d %6.1f %6.1f %+6.1f  %s %s  %s", r.label, r.csat.n,
                        r.csat.score, r.csat_rest.score, 100 * r.d_csat.diff,
                        ci(r.d_csat, "%+6.1f", 100), pval(r.d_csat.p), pval(holm[k + i])))
  end
  print()
  print("  Each segment is compared with the rest: two independent samples. Against")
  print("  the whole sample, which contains the segment, these tests would not hold.")
  print()
end

-- The gap satisfaction - expectation per attribute, largest shortfall first.
local function report_gaps(expected, perceived)
  local names = {}
  for j = 1, ATTRIBUTES do names[j] = "s" .. j end
  local g = call("expectation-satisfaction gap", csat.gap, expected, perceived, { names = names })
  local holm = call("Holm adjustment", csat.adjust, g.p, "holm")
  -- The mean expectation and satisfaction of the pairs each gap used.
  local mean_e, mean_s = {}, {}
  for j = 1, ATTRIBUTES do
    local e, s = {}, {}
    for i = 1, #expected do
      local ej, sj = expected[i][j], perceived[i][j]
      if ej == ej and sj == sj then
        e[#e + 1], s[#s + 1] = ej, sj
      end
    end
    mean_e[j] = call("mean expectation", csat.mean_score, e).score
    mean_s[j] = call("mean satisfaction", csat.mean_score, s).score
  end
  local order = {}
  for j = 1, ATTRIBUTES do order[j] = j end
  table.sort(order, function(a, b)
    if g.gap[a] ~= g.gap[b] then return g.gap[a] < g.gap[b] end
    return a < b
  end)
  print("Expectations vs satisfaction")
  print("  gap = satisfaction s_j minus expectation e_j of the same attribute")
  print("  (both 1-100), mean over the respondents who rated both; paired t test,")
  print(string.format("  95%% CI; p-values Holm-adjusted over the %d attributes; largest", ATTRIBUTES))
  print("  shortfall first")
  print()
  print(string.format("  %-9s %5s %8s %9s %6s  %-16s %7s %6s  %6s", "attribute", "pairs",
                      "expected", "perceived", "gap", "95% CI", "t", "p", "Holm p"))
  for _, j in ipairs(order) do
    print(string.format("  %-9s %5d %8.1f %9.1f %+6.1f  %s %7.2f %s  %s", names[j], g.pairs[j],
                        mean_e[j], mean_s[j], g.gap[j],
                        ci({ ci = { g.ci_lower[j], g.ci_upper[j] } }, "%+6.1f"), g.t[j],
                        pval(g.p[j]), pval(holm[j])))
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
local groups = {}
for _, column in ipairs(SEGMENTS) do
  local j, values = column_index(t, column), {}
  for i, row in ipairs(t.rows) do
    local g = row[j]
    values[i] = (g == "" or g == "NA") and "(missing)" or g
  end
  groups[column] = values
end
-- Expectations e1..e23 and satisfaction s1..s23 as tables of rows.
local expected, perceived = {}, {}
for i = 1, #t.rows do expected[i], perceived[i] = {}, {} end
for j = 1, ATTRIBUTES do
  local e, s = numeric_column(t, "e" .. j), numeric_column(t, "s" .. j)
  for i = 1, #t.rows do
    expected[i][j], perceived[i][j] = e[i], s[i]
  end
end

print("Customer satisfaction report")
print("  survey:  " .. path)
print(string.format("  answers: %d respondents", #t.rows))
print("  libcsat " .. csat.version())
print()
report_nps(nps)
report_satisfaction(sat)
report_distribution(sat)
report_nps_by_group(nps, groups.flight_class, "flight_class")
report_segments(nps, sat, groups)
report_gaps(expected, perceived)
