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
-- satisfaction, its mean, its distribution as a bar chart; the NPS of each
-- flight class, and each class against the rest of the sample as the
-- library compares a family of groups (classes with fewer than 30 answers
-- flagged small and not compared, Holm-adjusted p-values); the NPS and CSAT
-- of each segment (flight purpose, flight class) against the rest of the
-- sample, with Holm-adjusted p-values; and the gap between satisfaction and
-- expectation for the 23 attributes (paired t tests, Holm-adjusted).
-- libcsat raises an error with a message on bad data; the report prints it
-- and exits with status 1.
--
-- Scores by segment come from the grouped calls (opts.by): one call over
-- the whole column scores every segment (NA or an empty label is in no
-- segment). Scores are those of the segment's rows; NPS standard errors are
-- domain standard errors (the whole sample's N, as R survey's svyby), a
-- little smaller than those of the segment's rows scored alone. The report
-- prints what examples/report.c and examples/report.py print.

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

-- opts with opts.by = by (a copy).
local function with_by(opts, by)
  local o = { by = by }
  for k, v in pairs(opts) do o[k] = v end
  return o
end

-- The result of the rest of the sample for each segment in `names`: every
-- answer with another label (answers without a label, false, are in no
-- rest), as the group 0 of the labelling 1 = the segment, 0 = the others;
-- nil when no other answer has a label. That labelling has the same valid
-- answers with a label, so the same N: the result is the library's
-- complement of the segment (what g:compare("rest") compares with, which it
-- does not show).
local function rest_of(what, score, x, labels, names, opts)
  local rest = {}
  for _, name in ipairs(names) do
    local by = {}
    for i, v in ipairs(labels) do
      by[i] = v and (v == name and 1 or 0)
    end
    rest[name] = call(what .. " of the rest (not " .. name .. ")", score, x, with_by(opts, by))[0]
  end
  return rest
end

-- The score of a result, NaN for no result (a rest without answers).
local function score_of(r)
  return r and r.score or 0 / 0
end

-- Whether a result has valid answers (a rest may have none, or be nil).
local function answered(r)
  return r ~= nil and r.n > 0
end

-- The NPS of each group of a column (one grouped call, domain intervals),
-- then each group against the rest of the sample as the library compares a
-- family of groups: groups flagged small (fewer than min_n answers) or
-- empty are shown and not compared, the others Holm-adjusted together.
local function report_nps_by_group(nps, groups, column)
  local g = call("NPS by " .. column, csat.nps, nps, { scale = { 0, 10 }, by = groups })
  print(string.format("NPS by %s (Wald 95%% CI)", column))
  print(string.format("  intervals by %s: domain estimation, as R survey's svyby", column))
  print()
  print(string.format("  %-12s %6s %7s   95%% CI", column, "n", "NPS"))
  if #g == 0 then
    print(string.format("  (no answer has a %s)", column))
    print()
    return
  end
  for _, label in ipairs(g.labels) do
    local r = g[label]
    -- A group whose answers are all missing is a fact worth showing (the
    -- library flags it), not a failure.
    if g.flags[label] == "empty" then
      print(string.format("  %-12s %6d %7s   (no valid answer)", label, r.n_missing, "-"))
    else
      print(string.format("  %-12s %6d %+7.1f   %s", label, r.n, r.score, ci(r, "%+6.1f")))
    end
  end
  if g.n_unlabelled > 0 then
    print(string.format("  %d answers without a %s are in no group", g.n_unlabelled, column))
  end
  print()

  local comparisons = call("NPS of each " .. column .. " against the rest", g.compare, g, "rest",
                           { adjust = "holm" })
  local rest = rest_of("NPS", csat.nps, nps, groups, g.labels, { scale = { 0, 10 } })
  local made = 0
  for _, c in ipairs(comparisons) do
    if not c.skipped then made = made + 1 end
  end
  print(string.format("NPS of each %s against the rest of the sample", column))
  print(string.format("  z test, Wald 95%% CI; p-values Holm-adjusted over the %d comparisons",
                      made))
  print(string.format("  made; a %s with fewer than %d valid answers is flagged small", column,
                      g.min_n))
  print("  and not compared (its interval is not reliable)")
  print()
  print(string.format("  %-12s %6s %7s %7s %7s  %-16s %6s  %6s", column, "n", "NPS", "rest",
                      "diff", "95% CI", "p", "Holm p"))
  for _, c in ipairs(comparisons) do
    local label = c.group
    local r, b = g[label], rest[label]
    if c.skipped then
      print(string.format("  %-12s %6d %s %s  not compared: %s", label, r.n,
                          num("%+7.1f", r.score), num("%+7.1f", score_of(b)),
                          c.skipped == "small" and "small" or "no valid answer"))
    else
      print(string.format("  %-12s %6d %+7.1f %+7.1f %+7.1f  %s %s  %s", label, r.n, r.score,
                          b.score, c.diff, ci(c, "%+6.1f"), pval(c.p), pval(c.p_adjusted)))
    end
  end
  print()
end

-- Each segment's NPS and CSAT against the rest of the sample.
local function report_segments(nps, sat, groups)
  local rows = {}
  local nps_opts = { scale = { 0, 10 } }
  local csat_opts = { scale = { 1, 7 }, satisfied_min = 5 }
  local min_n
  for _, column in ipairs(SEGMENTS) do
    local labels = groups[column]
    -- Every segment of the column in one grouped call per score.
    local g_nps = call("NPS by " .. column, csat.nps, nps, with_by(nps_opts, labels))
    local g_csat = call("CSAT by " .. column, csat.csat, sat, with_by(csat_opts, labels))
    local names = g_nps.labels
    min_n = g_nps.min_n
    -- With two segments, one against the rest is the other's mirror image:
    -- compare only the first with the second.
    local compared = {}
    for g = 1, (#names == 2 and 1 or (#names < 2 and 0 or #names)) do compared[g] = names[g] end
    if #compared > 0 then
      local nps_rest = rest_of("NPS", csat.nps, nps, labels, compared, nps_opts)
      local csat_rest = rest_of("CSAT", csat.csat, sat, labels, compared, csat_opts)
      for _, g in ipairs(compared) do
        local label = column:sub(1, 16) .. " " .. g:sub(1, 24)
        local a, b, c, d = g_nps[g], nps_rest[g], g_csat[g], csat_rest[g]
        -- A segment (or a rest) without a valid answer is shown, not compared.
        rows[#rows + 1] = {
          label = label, nps = a, nps_rest = b, csat = c, csat_rest = d,
          d_nps = answered(a) and answered(b) and call("NPS comparison", csat.compare, a, b)
                  or nil,
          d_csat = answered(c) and answered(d) and call("CSAT comparison", csat.compare, c, d)
                   or nil,
          small = g_nps.flags[g] == "small" or g_csat.flags[g] == "small",
        }
      end
    end
  end
  if #rows == 0 then return end
  -- One family: the NPS comparisons made, then the CSAT comparisons made.
  local p, which = {}, {}
  for i, r in ipairs(rows) do
    if r.d_nps then p[#p + 1], which[#p + 1] = r.d_nps.p, "nps" .. i end
  end
  for i, r in ipairs(rows) do
    if r.d_csat then p[#p + 1], which[#p + 1] = r.d_csat.p, "csat" .. i end
  end
  local holm = {}
  if #p > 0 then
    for j, q in ipairs(call("Holm adjustment", csat.adjust, p, "holm")) do holm[which[j]] = q end
  end
  print("Segments against the rest of the sample")
  print("  each segment against all other respondents (of a variable with two")
  print("  segments only the first, against the second); 95% CI; p-values")
  print(string.format("  Holm-adjusted over all %d comparisons of this section", #p))
  print()
  print("  NPS: difference in points, z test, Wald CI")
  print("  (domain standard errors of segment and rest, as R survey's svyby)")
  print(string.format("  %-23s %5s %6s %6s %6s  %-16s %6s  %6s", "segment", "n", "NPS", "rest",
                      "diff", "95% CI", "p", "Holm p"))
  for i, r in ipairs(rows) do
    if not r.d_nps then
      print(string.format("  %-23s %5d %s %s  not compared: no valid answer", r.label, r.nps.n,
                          num("%+6.1f", r.nps.score), num("%+6.1f", score_of(r.nps_rest))))
    else
      print(string.format("  %-23s %5d %+6.1f %+6.1f %+6.1f  %s %s  %s", r.label, r.nps.n,
                          r.nps.score, r.nps_rest.score, r.d_nps.diff, ci(r.d_nps, "%+6.1f"),
                          pval(r.d_nps.p), pval(holm["nps" .. i])))
    end
  end
  print()
  print("  CSAT (5-7 of 1-7): difference in percentage points, pooled z test,")
  print("  Newcombe hybrid score CI")
  print(string.format("  %-23s %5s %6s %6s %6s  %-16s %6s  %6s", "segment", "n", "CSAT", "rest",
                      "diff", "95% CI", "p", "Holm p"))
  for i, r in ipairs(rows) do
    if not r.d_csat then
      print(string.format("  %-23s %5d %s %s  not compared: no valid answer", r.label, r.csat.n,
                          num("%6.1f", r.csat.score), num("%6.1f", score_of(r.csat_rest))))
    else
      -- The difference of two shares is a proportion: 100 * it is in points.
      print(string.format("  %-23s %5d %6.1f %6.1f %+6.1f  %s %s  %s", r.label, r.csat.n,
                          r.csat.score, r.csat_rest.score, 100 * r.d_csat.diff,
                          ci(r.d_csat, "%+6.1f", 100), pval(r.d_csat.p), pval(holm["csat" .. i])))
    end
  end
  print()
  print("  Each segment is compared with the rest: two independent samples. Against")
  print("  the whole sample, which contains the segment, these tests would not hold.")
  local any_small = false
  for _, r in ipairs(rows) do any_small = any_small or r.small end
  if any_small then
    print(string.format("  Fewer than %d valid answers (flagged small; intervals not reliable):",
                        min_n))
    for _, r in ipairs(rows) do
      if r.small then print("    " .. r.label) end
    end
  end
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
    values[i] = g ~= "" and g ~= "NA" and g -- a missing label (false): in no segment
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
