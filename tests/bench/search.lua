-- wrk script: name searches (GET /api/v1/search) or duplicate suggestions (POST /api/v1/people/matches)
-- with varied, realistic queries. Environment: TOKEN (bearer), MODE ("search" or "matches").
local token = os.getenv("TOKEN")
local mode = os.getenv("MODE") or "search"
local forenames = {"John", "Jon", "Sarah", "Michael", "Mike", "David", "Emma", "James", "Jim", "Laura",
  "Robert", "Bob", "Claire", "Daniel", "Sophie", "Thomas", "Tom", "Rachel", "Mark", "Helen", "Paul",
  "Katie", "Steven", "Lisa", "Andrew", "Amy", "Chris", "Hannah", "Peter", "Jessica"}
local surnames = {"Smith", "Smyth", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
  "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
  "Clarke", "Clark", "Patel", "Khan", "Lewis", "Harrison", "Edwards", "Turner", "O'Neill", "Macdonald",
  "Hughes", "Mitchell", "Cooper", "Ward", "Morris", "Morgan", "Bennett", "Shaw", "Ellis", "Fox"}
local counter = 0
math.randomseed(os.time())

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  counter = counter + 1
  local f = forenames[math.random(#forenames)]
  local s = surnames[math.random(#surnames)]
  local headers = {["Authorization"] = "Bearer " .. token}
  if mode == "matches" then
    headers["Content-Type"] = "application/json"
    local year = 1950 + math.random(55)
    local body = string.format('{"forename":"%s","surname":"%s","date_of_birth":"%d-%02d-%02d"}',
      f, s, year, math.random(12), math.random(28))
    return wrk.format("POST", "/api/v1/people/matches", headers, body)
  end
  local q = f .. " " .. s
  if counter % 3 == 0 then
    q = q .. " " .. tostring(1950 + math.random(55))
  end
  return wrk.format("GET", "/api/v1/search?q=" .. urlencode(q), headers)
end

response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("status " .. status .. ": " .. body .. "\n")
  end
end
