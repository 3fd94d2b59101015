-- The small harness shared by the Lua tests: pass/fail counters, test cases
-- run through pcall, assertions, a few table functions and the closing line
-- "N passed, M failed" with a non-zero exit status on a failure.
--
-- A test file loads it from its own folder:
--   local h = dofile((arg[0]:match("^(.*[/\\])") or "./") .. "harness.lua")

local csat = require "csat"

local h = {}

local passed, failed = 0, 0

-- Counting ------------------------------------------------------------------

-- Records one case: passed when `ok`, else failed with `msg` on stderr.
function h.report(name, ok, msg)
  if ok then
    passed = passed + 1
  else
    failed = failed + 1
    io.stderr:write("FAIL ", name, ": ", tostring(msg), "\n")
  end
end

-- Runs fn; the case passes when it raises nothing.
function h.test(name, fn)
  local ok, err = pcall(fn)
  h.report(name, ok, err)
end

-- Prints "N passed, M failed" and exits, non-zero on a failure.
function h.finish()
  print(string.format("%d passed, %d failed", passed, failed))
  os.exit(failed == 0 and 0 or 1, true)
end

-- Assertions ------------------------------------------------------------------

function h.check(cond, msg)
  if not cond then
    error(msg or "check failed", 2)
  end
end

local check = h.check

-- a and b are numbers agreeing to the relative tolerance rel (required);
-- a NaN agrees with nothing.
-- A failure names the caller's line.
function h.close(a, b, rel, what)
  if type(a) ~= "number" or type(b) ~= "number" then
    error((what or "") .. ": not numbers", 2)
  elseif type(rel) ~= "number" then
    error((what or "") .. ": no tolerance", 2)
  elseif not (a == b or math.abs(a - b) <= rel * math.max(math.abs(a), math.abs(b))) then
    error(string.format("%s: %.17g ~= %.17g", what or "", a, b), 2)
  end
end

-- Bit-for-bit equality of two numbers (NaN equals NaN) or (nested) tables
-- of numbers: the same keys and the same values.
function h.same(a, b)
  if type(a) == "table" and type(b) == "table" then
    for k, v in pairs(a) do
      if not h.same(v, b[k]) then
        return false
      end
    end
    for k in pairs(b) do
      if a[k] == nil then
        return false
      end
    end
    return true
  elseif type(a) == "number" and type(b) == "number" then
    return (a ~= a and b ~= b) or a == b
  end
  return a == b
end

-- fn(...) raises an error object whose message matches `pattern` (a Lua
-- pattern); returns it.
function h.raises(pattern, fn, ...)
  local ok, err = pcall(fn, ...)
  check(not ok, "no error raised, expected '" .. pattern .. "'")
  check(csat.is_error(err), "error '" .. tostring(err) .. "' is a " .. type(err)
    .. ", not an error object")
  check(tostring(err):find(pattern), "error '" .. tostring(err)
    .. "' does not match '" .. pattern .. "'")
  return err
end

-- fn(...) raises an error object whose message contains `text` (plain, not
-- a pattern); returns it.
function h.raises_text(text, fn, ...)
  local ok, err = pcall(fn, ...)
  check(not ok, "no error raised, expected '" .. text .. "'")
  check(csat.is_error(err), "error '" .. tostring(err) .. "' is a " .. type(err)
    .. ", not an error object")
  check(tostring(err):find(text, 1, true) ~= nil,
    "error '" .. tostring(err) .. "' does not contain '" .. text .. "'")
  return err
end

-- Tables ----------------------------------------------------------------------

-- A copy of the array t with t[i] replaced by v.
function h.with(t, i, v)
  local c = {}
  for k, x in ipairs(t) do
    c[k] = x
  end
  c[i] = v
  return c
end

-- The array t times f.
function h.scaled(t, f)
  local c = {}
  for k, x in ipairs(t) do
    c[k] = x * f
  end
  return c
end

-- An array of n copies of v.
function h.filled(n, v)
  local c = {}
  for i = 1, n do
    c[i] = v
  end
  return c
end

function h.sum(t)
  local s = 0
  for _, v in ipairs(t) do
    s = s + v
  end
  return s
end

return h
