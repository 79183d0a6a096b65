-- wrk script: one GET with a bearer token, as a page polls or opens it. Environment: TOKEN, PATH_TO_GET.
local token = os.getenv("TOKEN")
local path = os.getenv("PATH_TO_GET")
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
