-- The scores of scores.c, from Lua, printed as hexadecimal floats.
local csat = require "csat"
local x, w = {}, {}
for line in io.lines(arg[1] or "data.txt") do
  local a, b = line:match("^(%S+)%s+(%S+)$")
  if a and line:sub(1, 1) ~= "#" then
    x[#x + 1] = a == "nan" and 0 / 0 or tonumber(a)
    w[#w + 1] = tonumber(b)
  end
end
local function out(name, v) print(name .. " " .. string.format("%a", v)) end
local r = csat.nps(x)
out("nps.score", r.score) out("nps.se", r.se) out("nps.lo", r.ci[1]) out("nps.hi", r.ci[2])
r = csat.nps(x, { weights = w })
out("npsw.score", r.score) out("npsw.se", r.se) out("npsw.lo", r.ci[1]) out("npsw.hi", r.ci[2])
r = csat.nps(x, { weights = w, method = "adjusted-wald" })
out("npsa.se", r.se) out("npsa.lo", r.ci[1]) out("npsa.hi", r.ci[2])
r = csat.csat(x, { weights = w, scale = { 0, 10 }, satisfied_min = 9, level = 0.9 })
out("csat.score", r.score) out("csat.se", r.se) out("csat.lo", r.ci[1]) out("csat.hi", r.ci[2])
r = csat.top_box(x, 2, { scale = { 0, 10 } })
out("top2.score", r.score) out("top2.lo", r.ci[1]) out("top2.hi", r.ci[2])
r = csat.mean_score(x, { weights = w })
out("mean.score", r.score) out("mean.sd", r.sd) out("mean.se", r.se) out("mean.lo", r.ci[1]) out("mean.hi", r.ci[2])
r = csat.ces(x, { scale = { 0, 10 }, low_effort_min = 7 })
out("ces.mean", r.effort.score) out("ces.se", r.effort.se) out("ces.low", r.low_effort.score)
