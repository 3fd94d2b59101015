-- A small CSV reader shared by the Lua example programs: commas separate,
-- double quotes enclose a field, "" inside quotes is a quote, LF or CRLF
-- line ends. Load it with dofile(<folder of the script> .. "/csv.lua").
--
--   local t, err = csv.read(path)          -- { header, rows, lines, path } or nil, message
--   local x, err = csv.numeric(t, "col")   -- numbers, NA or "" as NaN; or nil, message

local M = {}

local NAN = 0 / 0

-- Splits one record into fields: commas separate, double quotes enclose a
-- field, "" inside quotes is a quote. Returns nil and a message on bad quoting.
function M.split_record(line)
  local fields, i, n = {}, 1, #line
  while true do
    if line:sub(i, i) == '"' then
      local buf, j = {}, i + 1
      while true do
        local q = line:find('"', j, true)
        if not q then return nil, "unterminated quote" end
        buf[#buf + 1] = line:sub(j, q - 1)
        if line:sub(q + 1, q + 1) == '"' then
          buf[#buf + 1] = '"'
          j = q + 2
        else
          i = q + 1
          break
        end
      end
      fields[#fields + 1] = table.concat(buf)
      local c = line:sub(i, i)
      if c == "," then
        i = i + 1
      elseif i > n then
        return fields
      else
        return nil, "text after a closing quote"
      end
    else
      local comma = line:find(",", i, true)
      local field = line:sub(i, (comma or n + 1) - 1)
      if field:find('"', 1, true) then return nil, "quote inside an unquoted field" end
      fields[#fields + 1] = field
      if not comma then return fields end
      i = comma + 1
    end
  end
end

-- Reads the file into { header = {...}, rows = { {...}, ... }, lines = {...} }.
-- A quoted field may span lines: a record is complete when its quotes balance.
function M.read(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local header, rows, lines = nil, {}, {}
  local pending, start, lineno = nil, 0, 0
  for line in f:lines() do
    lineno = lineno + 1
    line = line:gsub("\r$", "")
    if pending then
      pending = pending .. "\n" .. line
    else
      pending, start = line, lineno
    end
    local _, quotes = pending:gsub('"', "")
    if quotes % 2 == 0 then
      if pending ~= "" then
        local fields, msg = M.split_record(pending)
        if not fields then
          f:close()
          return nil, string.format("%s:%d: %s", path, start, msg)
        end
        if not header then
          header = fields
        elseif #fields ~= #header then
          f:close()
          return nil, string.format("%s:%d: %d fields, the header has %d", path, start,
                                    #fields, #header)
        else
          rows[#rows + 1] = fields
          lines[#lines + 1] = start
        end
      end
      pending = nil
    end
  end
  f:close()
  if pending then return nil, string.format("%s:%d: unterminated quote", path, start) end
  if not header then return nil, path .. ": empty file" end
  return { header = header, rows = rows, lines = lines, path = path }
end

-- Index of the column `name` in the header, or nil and a message.
function M.column(t, name)
  for j, h in ipairs(t.header) do
    if h == name then return j end
  end
  return nil, string.format("%s has no column %q", t.path, name)
end

-- Column `name` as numbers; NA or an empty field is NaN (missing). Returns
-- nil and a message naming the line of a field that is not a number.
function M.numeric(t, name)
  local j, err = M.column(t, name)
  if not j then return nil, err end
  local x = {}
  for i, row in ipairs(t.rows) do
    local s = row[j]
    if s == "" or s == "NA" then
      x[i] = NAN
    else
      x[i] = tonumber(s)
      if not x[i] then
        return nil, string.format("%s:%d: column %s: %q is not a number", t.path, t.lines[i],
                                  name, s)
      end
    end
  end
  return x
end

return M
