-- Key drivers of overall satisfaction in a survey stored as CSV, with libcsat.
--
--     lua5.4 drivers.lua [survey.csv]
--
-- The file needs the columns `overall_sat` (1..7) and `s1` .. `s23`
-- (satisfaction with 23 service attributes, 1..100), as
-- examples/data/airlinesat.csv has; missing values are written NA and become
-- NaN (0/0): libcsat leaves out every respondent with a missing rating.
--
-- The report: the least-squares model of overall satisfaction on the 23
-- attributes, its coefficients with standardised betas and VIFs, the
-- relative importance of every attribute as LMG (the Shapley decomposition
-- of R², exact over all 2^23 subsets) and as Johnson's relative weights with
-- bootstrap intervals, shown as a bar chart of shares of R², and the
-- importance-performance quadrants. libcsat raises an error with a message
-- on bad data; the report prints it and exits with status 1.

local csat = require "csat"

local P = 23
local OUTCOME = "overall_sat"
local LEVEL = 0.95
local BAR_WIDTH = 30
local BOOT_REPS = 1000
local BOOT_SEED = 1
local QUADRANTS = {
  { "concentrate here", "important, performing below the mean" },
  { "keep up the good work", "important, performing well" },
  { "low priority", "less important, performing below the mean" },
  { "possible overkill", "less important, performing well" },
}

local function script_dir()
  local path = arg and arg[0] or ""
  return path:match("^(.*)[/\\]") or "."
end

local DEFAULT_DATA = script_dir() .. "/data/airlinesat.csv"

local function die(fmt, ...)
  io.stdout:flush()
  io.stderr:write("drivers.lua: ", string.format(fmt, ...), "\n")
  os.exit(1)
end

local csv = dofile(script_dir() .. "/csv.lua")

-- Calls a libcsat function; a failure (bad data, bad option) ends the report.
local function call(what, f, ...)
  local ok, a, b = pcall(f, ...)
  if not ok then die("libcsat: %s: %s", what, tostring(a)) end
  return a, b
end

local function pval(p)
  if p < 0.0001 then return string.format("%7s", "<.0001") end
  return string.format("%7.4f", p)
end

-- Driver indices in decreasing order of `key`.
local function order_by(key)
  local order = {}
  for j = 1, #key do order[j] = j end
  table.sort(order, function(a, b)
    if key[a] ~= key[b] then return key[a] > key[b] end
    return a < b
  end)
  return order
end

-- Report ------------------------------------------------------------------

local function report_model(m)
  print("Model")
  print(string.format("  %s (1-7) regressed on s1..s23, the satisfaction with %d", OUTCOME,
                      #m.names))
  print("  service attributes (1-100): least squares with an intercept;")
  print("  respondents with any rating missing are left out (listwise)")
  print()
  print(string.format("  n = %d, missing %d", m.n, m.n_missing))
  print(string.format("  R-squared %.3f, adjusted %.3f", m.r2, m.adj_r2))
  print(string.format("  F(%.0f, %.0f) = %.2f, p %s", m.df_model, m.df_resid, m.f,
                      m.f_p < 0.0001 and "< 0.0001" or pval(m.f_p)))
  print(string.format("  residual SD %.3f", m.sigma))
  print(string.format("  condition number %.1f (of the drivers' correlation matrix)",
                      m.condition))
  print()
end

local function report_coefficients(m)
  print(string.format("Coefficients (%.0f%% CI; beta = standardised coefficient)", 100 * LEVEL))
  print()
  print(string.format("  %-10s %9s %8s %7s %7s   %-20s %6s %6s", "term", "estimate", "SE", "t",
                      "p", "95% CI", "beta", "VIF"))
  for i = 1, #m.coef do
    local term = i == 1 and "intercept" or m.names[i - 1]
    local ci = string.format("[%7.4f, %7.4f]", m.ci[i][1], m.ci[i][2])
    local line = string.format("  %-10s %9.4f %8.4f %7.2f %s   %-20s", term, m.coef[i],
                               m.se[i], m.t[i], pval(m.p[i]), ci)
    if i > 1 then
      line = line .. string.format(" %6.3f %6.2f", m.beta[i - 1], m.vif[i - 1])
    end
    print(line)
  end
  print()
end

local function report_importance(m, lmg)
  local weights = call("relative weights", m.importance, m, "relative_weights")
  local b = call("bootstrap of the relative weights", m.bootstrap, m, "relative_weights",
                 { reps = BOOT_REPS, level = LEVEL, seed = BOOT_SEED })
  local top = 0
  for j = 1, #lmg do top = math.max(top, lmg[j]) end
  print(string.format("Relative importance: shares of R-squared = %.3f", m.r2))
  print(string.format("  LMG (Shapley value of R-squared), exact over all %d subsets of the",
                      1 << #m.names))
  print(string.format("  drivers; Johnson's relative weights with %.0f%% bootstrap intervals",
                      100 * LEVEL))
  print(string.format("  (%d replicates, seed %d%s)", BOOT_REPS, BOOT_SEED,
                      b.failed > 0 and ", some redrawn as singular" or ""))
  print()
  print(string.format("  %-6s %7s %6s  %7s %6s  %-18s  LMG share", "driver", "LMG", "share",
                      "weight", "share", "95% CI (weight)"))
  for _, j in ipairs(order_by(lmg)) do
    local len = top > 0 and math.floor(BAR_WIDTH * lmg[j] / top + 0.5) or 0
    print(string.format("  %-6s %7.4f %5.1f%%  %7.4f %5.1f%%  [%6.4f, %6.4f]  %s", m.names[j],
                        lmg[j], 100 * lmg[j] / m.r2, weights[j], 100 * weights[j] / m.r2,
                        b.lower[j], b.upper[j], string.rep("#", len)))
  end
  print()
end

local function report_ipa(m, lmg)
  -- performance: the drivers' means; crosshairs: the means over the drivers
  local q = call("importance-performance analysis", m.ipa, m, "lmg")
  local mi, mp = 0, 0
  for j = 1, #q.importance do
    mi = mi + q.importance[j] / #q.importance
    mp = mp + q.performance[j] / #q.performance
  end
  print("Importance-performance analysis")
  print(string.format("  importance = LMG, performance = mean rating (1-100) of the %d "
                      .. "respondents", m.n))
  print(string.format("  in the model; crosshairs at the means: importance %.4f, performance "
                      .. "%.1f", mi, mp))
  print()
  local order = order_by(lmg)
  for _, quadrant in ipairs(QUADRANTS) do
    print(string.format("  %s (%s)", quadrant[1], quadrant[2]))
    local any = false
    for _, j in ipairs(order) do
      if q.quadrant[j] == quadrant[1] then
        print(string.format("    %-6s LMG %6.4f   mean %5.1f", q.driver[j], q.importance[j],
                            q.performance[j]))
        any = true
      end
    end
    if not any then print("    (none)") end
  end
  print()
end

-- Main --------------------------------------------------------------------

local path = arg and arg[1] or DEFAULT_DATA
if path == "-h" or path == "--help" then
  print("usage: drivers.lua [survey.csv]   (default: " .. DEFAULT_DATA .. ")")
  os.exit(0)
end

local t, err = csv.read(path)
if not t then die("cannot read the survey: %s", err) end

-- The drivers as a table of rows; NA stays NaN, and libcsat leaves out (and
-- counts) every row with a NaN.
local names, rows = {}, {}
for j = 1, P do
  names[j] = "s" .. j
  local x, msg = csv.numeric(t, names[j])
  if not x then die("%s", msg) end
  for i = 1, #x do
    rows[i] = rows[i] or {}
    rows[i][j] = x[i]
  end
end
local y, msg = csv.numeric(t, OUTCOME)
if not y then die("%s", msg) end

print("Key drivers of overall satisfaction")
print("  survey:  " .. path)
print(string.format("  answers: %d respondents", #t.rows))
print("  libcsat " .. csat.version())
print()

local m = call("the key-driver model", csat.key_drivers, rows, y, { names = names, level = LEVEL })
report_model(m)
report_coefficients(m)
local lmg = call("LMG", m.importance, m, "lmg") -- exact: 2^23 subsets, a second or two
report_importance(m, lmg)
report_ipa(m, lmg)
