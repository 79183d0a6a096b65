-- wrk script: the server actions of the shoplifting (retail-theft) path, one kind per run, with varied,
-- realistic requests. Environment:
--   TOKEN      bearer token of the signed-in officer
--   MODE       drafts   GET  /api/v1/drafts                 (the form opens: any draft to resume?)
--              store    GET  /api/v1/search?kind=organisation (the store picker, as the officer types)
--              matches  POST /api/v1/people/matches         (suspect duplicate suggestions, as typed)
--              draft    PUT  /api/v1/drafts/{id}            (the debounced autosave)
--              submit   POST /api/v1/retail-thefts          (records and allocates the crime)
--              crime    GET  /api/v1/crimes/{id}            (the crime page after submit)
--   STORE_ID   organisation id of an existing store (submit)
--   CRIME_IDS  comma-separated crime ids to read (crime)
--   DRAFT_IDS  comma-separated draft ids to save to (draft)
local token = os.getenv("TOKEN")
local mode = os.getenv("MODE") or "store"
local store_id = os.getenv("STORE_ID")

local function split(s)
  local t = {}
  for x in string.gmatch(s or "", "[^,]+") do t[#t + 1] = x end
  return t
end
local crime_ids = split(os.getenv("CRIME_IDS"))
local draft_ids = split(os.getenv("DRAFT_IDS"))

-- What an officer types into the store picker, keystroke by keystroke (3 characters or more): town
-- names, surnames and shop kinds that the generated organisations are named after, and the bench store.
local store_words = {"Northby", "Hexworth", "Aldersey", "Brackenfield", "Saltburn Bay", "Fellside",
  "Smith", "Jones", "Taylor", "Brown", "Patel", "Khan", "Wilson", "Bench Superstore",
  "Northby Convenience Store", "Hexworth Pharmacy", "Smith Off Licence", "Taylor Cafe"}
local forenames = {"John", "Jon", "Sarah", "Michael", "Mike", "David", "Emma", "James", "Jim", "Laura",
  "Robert", "Bob", "Claire", "Daniel", "Sophie", "Thomas", "Tom", "Rachel", "Mark", "Helen", "Paul",
  "Katie", "Steven", "Lisa", "Andrew", "Amy", "Chris", "Hannah", "Peter", "Jessica"}
local surnames = {"Smith", "Smyth", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
  "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
  "Clarke", "Clark", "Patel", "Khan", "Lewis", "Harrison", "Edwards", "Turner", "O'Neill", "Macdonald",
  "Hughes", "Mitchell", "Cooper", "Ward", "Morris", "Morgan", "Bennett", "Shaw", "Ellis", "Fox"}
local goods = {"2 x bottles of whisky", "Razor blades (8 packs)", "Steak (4 packs)", "Baby formula (6 tins)",
  "Coffee (10 jars)", "Perfume", "Chocolate (12 bars)", "Washing powder", "Bluetooth headphones"}
local counter = 0
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local function pick(t) return t[math.random(#t)] end
local function dob()
  return string.format("%d-%02d-%02d", 1950 + math.random(55), math.random(12), math.random(28))
end

local function new_person(reason)
  return string.format('{"names":[{"kind":"primary","forename":"%s","surname":"%s"}],'
    .. '"dates_of_birth":["%s"],"gender":"%s","new_record_reason":"%s"}',
    pick(forenames), pick(surnames), dob(), (math.random(2) == 1) and "male" or "female", reason)
end

local function submit_body()
  local suspect
  if counter % 2 == 0 then
    suspect = '{"description":"Male, 30s, grey hooded top, black rucksack"}'
  else
    suspect = '{"new_person":' .. new_person("Not any of the people suggested (different date of birth)") .. '}'
  end
  local hour = math.random(8, 20)
  return string.format('{"store_id":"%s","offence_from":"2026-11-%02dT%02d:%02d:00Z",'
    .. '"modus_operandi":"Concealed goods in a rucksack and walked past the tills without paying",'
    .. '"suspect":%s,'
    .. '"items":[{"description":"%s","value_pence":%d},{"description":"%s","value_pence":%d}],'
    .. '"witness":{"new_person":%s},'
    .. '"cctv":{"reference":"BENCH/%d","description":"CCTV footage %02d:00-%02d:10 on USB stick",'
    .. '"storage":"Northby station property store"}}',
    store_id, math.random(1, 20), hour, math.random(0, 59), suspect,
    pick(goods), math.random(100, 20000), pick(goods), math.random(100, 20000),
    new_person("Store detective not on record"), counter, hour, hour)
end

request = function()
  counter = counter + 1
  local headers = {["Authorization"] = "Bearer " .. token}
  if mode == "drafts" then
    return wrk.format("GET", "/api/v1/drafts", headers)
  elseif mode == "matches" then
    headers["Content-Type"] = "application/json"
    local f, s = pick(forenames), pick(surnames)
    local body
    if counter % 2 == 0 then
      body = string.format('{"forename":"%s","surname":"%s","date_of_birth":"%s"}', f, s, dob())
    else
      body = string.format('{"forename":"%s","surname":"%s"}', f, s)
    end
    return wrk.format("POST", "/api/v1/people/matches", headers, body)
  elseif mode == "draft" then
    headers["Content-Type"] = "application/json"
    local id = draft_ids[(counter % #draft_ids) + 1]
    local body = string.format('{"form":"retail_theft","label":"Shoplifting at Bench Superstore",'
      .. '"data":{"store_query":"Bench Superstore","store_id":"%s","suspect_forename":"%s",'
      .. '"suspect_surname":"%s","items":[{"description":"%s","value":"%d.00"}],'
      .. '"modus_operandi":"Concealed goods in a rucksack and walked past the tills without paying"}}',
      store_id or "", pick(forenames), pick(surnames), pick(goods), math.random(1, 200))
    return wrk.format("PUT", "/api/v1/drafts/" .. id, headers, body)
  elseif mode == "submit" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/retail-thefts", headers, submit_body())
  elseif mode == "crime" then
    return wrk.format("GET", "/api/v1/crimes/" .. crime_ids[math.random(#crime_ids)], headers)
  end
  -- store: a prefix of a store name, as typed (at least 3 characters).
  local w = pick(store_words)
  local q = string.sub(w, 1, math.random(3, #w))
  return wrk.format("GET", "/api/v1/search?kind=organisation&q=" .. urlencode(q), headers)
end

local failures = 0
response = function(status, headers, body)
  if status >= 300 then
    failures = failures + 1
    if failures <= 5 then
      io.stderr:write("status " .. status .. ": " .. string.sub(body, 1, 400) .. "\n")
    end
  end
end
