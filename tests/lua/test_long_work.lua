-- Long computations from Lua: a progress function (done, total) in the
-- options of importance, dominance and bootstrap, called a bounded number
-- of times with done never decreasing, from 0 to the total that
-- model:cost() gives; an error from it stops the computation and is raised
-- from the call as it was (a table stays that table), and the model gives
-- the same numbers afterwards; threads = 1, 2, 4 and 0 give the same
-- numbers bit for bit.
-- Prints "N passed, M failed" and exits non-zero on a failure.

local h = dofile((arg[0]:match("^(.*[/\\])") or "./") .. "harness.lua")
local csat = require "csat"

-- A model of p drivers with a fixed linear congruential generator, so
-- that the data are the same on every platform.
local function model(p, n)
  local state = 12345
  local function uniform()
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  end
  local rows, y = {}, {}
  for i = 1, n do
    local r, s = {}, 0
    for j = 1, p do
      r[j] = uniform()
      s = s + r[j] * j
    end
    rows[i], y[i] = r, s + uniform()
  end
  return csat.key_drivers(rows, y)
end

local m = model(12, 300)

local function recorder()
  local seen = {}
  return seen, function(done, total) seen[#seen + 1] = { done, total } end
end

local function check_progress(seen, total)
  h.check(#seen >= 2, "progress called " .. #seen .. " times")
  h.check(seen[1][1] == 0, "first done " .. tostring(seen[1][1]))
  for i = 2, #seen do
    h.check(seen[i][1] >= seen[i - 1][1], "done decreased at call " .. i)
    h.check(seen[i][2] == total, "total " .. tostring(seen[i][2]) .. " ~= " .. total)
  end
  h.check(seen[#seen][1] == total, "last done " .. tostring(seen[#seen][1]))
  -- At most one call per 1/1024 of the work and about ten a second.
  h.check(#seen <= 1024 + 2 + 50, "progress called " .. #seen .. " times")
end

h.test("cost counts the work units", function()
  local c = m:cost("lmg")
  h.check(c.units == 2 ^ 12 and c.exact, "exact LMG units " .. tostring(c.units))
  -- One sweep step of the 13 x 13 matrix and 12 sums per subset: 2p(p + 1) + p.
  h.check(c.flops == 2 ^ 12 * (2 * 12 * 13 + 12), "flops " .. c.flops)
  h.check(c.unit_flops == 2 * 12 * 13 + 12, "unit_flops " .. tostring(c.unit_flops))
  local mc = m:cost("lmg", { exact_max = 4, permutations = 1000 })
  h.check(mc.units == 1000 and not mc.exact, "Monte Carlo units " .. tostring(mc.units))
  h.check(m:cost("lmg", { bootstrap = true, reps = 200 }).units == 200 * 2 ^ 12, "bootstrap units")
  h.check(m:cost("pratt").units == 1, "pratt units")
  h.raises("exact_max", m.cost, m, "lmg", { exact_max = 31 })
  h.raises("reps", m.cost, m, "lmg", { bootstrap = true, reps = 1 })
  h.raises("unknown option", m.cost, m, "lmg", { threads = 2, progress = print })
end)

h.test("importance reports its progress up to the total", function()
  local seen, fn = recorder()
  m:importance("lmg", { progress = fn })
  check_progress(seen, m:cost("lmg").units)
  seen, fn = recorder()
  m:importance("lmg", { exact_max = 4, permutations = 50000, progress = fn })
  check_progress(seen, 50000)
end)

h.test("bootstrap and dominance report their progress", function()
  local seen, fn = recorder()
  m:bootstrap("relative_weights", { reps = 200, progress = fn })
  check_progress(seen, 200)
  seen, fn = recorder()
  m:bootstrap("lmg", { reps = 20, progress = fn })
  check_progress(seen, 20 * 2 ^ 12)
  seen, fn = recorder()
  m:dominance({ progress = fn })
  check_progress(seen, 2 * 2 ^ 12)   -- the subsets, then their comparisons
end)

h.test("an error from the progress function stops and is raised as it was", function()
  local before = m:bootstrap("lmg", { reps = 40, seed = 9 })
  local mine = { reason = "enough" }
  local calls = 0
  local function stop_halfway(done, total)
    calls = calls + 1
    if done >= total // 2 then error(mine) end
  end
  local ok, err = pcall(m.bootstrap, m, "lmg", { reps = 40, seed = 9, progress = stop_halfway })
  h.check(not ok and err == mine, "bootstrap raised " .. tostring(err))
  ok, err = pcall(m.dominance, m, { progress = stop_halfway })
  h.check(not ok and err == mine, "dominance raised " .. tostring(err))
  ok, err = pcall(m.importance, m, "lmg", { exact_max = 3, permutations = 100000,
    progress = function() error("stop now") end })
  h.check(not ok and tostring(err):find("stop now", 1, true), "importance raised " .. tostring(err))
  local after = m:bootstrap("lmg", { reps = 40, seed = 9 })
  h.check(h.same(before.lower, after.lower) and h.same(before.upper, after.upper),
    "the bootstrap after a cancelled one differs")
end)

h.test("progress must be a function", function()
  h.raises("progress must be a function", m.importance, m, "lmg", { progress = 5 })
  h.raises("progress must be a function", m.bootstrap, m, "lmg", { reps = 10, progress = "yes" })
  -- A callable table is a function.
  local n = 0
  local callable = setmetatable({}, { __call = function() n = n + 1 end })
  m:importance("pratt", { progress = callable })
  h.check(n >= 1, "callable table not called")
end)

h.test("every thread count gives the same numbers", function()
  local ref_i = model(15, 300):importance("lmg", { threads = 1 })
  local ref_mc = model(15, 300):importance("lmg", { exact_max = 3, permutations = 30000, threads = 1 })
  local big = model(15, 300)
  local ref_b = big:bootstrap("lmg", { reps = 30, threads = 1 })
  local ref_d = big:dominance({ threads = 1 })
  for _, t in ipairs({ 2, 4, 0 }) do
    local fresh = model(15, 300)
    h.check(h.same(fresh:importance("lmg", { threads = t }), ref_i), "exact LMG, threads " .. t)
    h.check(h.same(fresh:importance("lmg", { exact_max = 3, permutations = 30000, threads = t }),
      ref_mc), "Monte Carlo LMG, threads " .. t)
    local b = big:bootstrap("lmg", { reps = 30, threads = t })
    h.check(h.same(b.lower, ref_b.lower) and h.same(b.upper, ref_b.upper), "bootstrap, threads " .. t)
    local d = big:dominance({ threads = t })
    h.check(h.same(d.conditional, ref_d.conditional) and h.same(d.complete, ref_d.complete),
      "dominance, threads " .. t)
  end
  h.raises("threads", m.importance, m, "lmg", { threads = -1 })
  h.raises("threads", m.bootstrap, m, "lmg", { reps = 10, threads = 2 ^ 32 })
  h.raises("threads", m.dominance, m, { threads = 1.5 })
end)

h.finish()
