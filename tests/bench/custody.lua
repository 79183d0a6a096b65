-- wrk script: the custody-suite board (GET /api/v1/custody-suites/{id}/board), as a custody officer's
-- screen polls it. Environment: TOKEN (bearer), SUITE_ID.
local token = os.getenv("TOKEN")
local suite = os.getenv("SUITE_ID")
local path = "/api/v1/custody-suites/" .. suite .. "/board"
local errors = 0

request = function()
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end

response = function(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors <= 5 then
      io.stderr:write("status " .. status .. ": " .. body .. "\n")
    end
  end
end
