-- wrk script: a different catalogue search on (almost) every request, so few answers come
-- from the cache: 40 queries x 12 country filters x 3 pages.
local queries = {}
for line in io.lines("tests/data/relevance.tsv") do
  local q = line:match("^([^#\t][^\t]*)\t")
  if q then table.insert(queries, (q:gsub(" ", "+"))) end
end
local countries = {"", "BO", "PE", "AR", "BR", "CO", "EC", "GT", "HN", "MX", "UY", "VE"}
math.randomseed(42)
request = function()
  local q = queries[math.random(#queries)]
  local c = countries[math.random(#countries)]
  local path = "/experiencias?q=" .. q .. "&pagina=" .. math.random(3)
  if c ~= "" then path = path .. "&pais=" .. c end
  return wrk.format("GET", path)
end
