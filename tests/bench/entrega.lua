-- PUT Entrega for wrk -t2, each request a different programmed line (tests/bench.sh and
-- tests/bench/hosts.sh): wrk ... -s entrega.lua URL -- FIRST PROV TOKEN DAY
-- thread t of T sends the lines FIRST + t, + t + T, ...; done() prints "enviadas N", the
-- requests the threads made.
local hilos = {}
local cuenta = 0
id = 0
function setup(thread) thread:set("id", cuenta); cuenta = cuenta + 1; table.insert(hilos, thread) end
function init(args)
	k = 0
	primera = tonumber(args[1])
	ruta = "/WSSUMMIPRESNOPBS/api/Entrega/" .. args[2] .. "/" .. args[3]
	dia = args[4]
end
function request()
	local linea = primera + id + k * 2	-- wrk -t2
	k = k + 1
	return wrk.format("PUT", ruta, { ["Content-Type"] = "application/json" },
		string.format('{"ID":%d,"CodSerTecEntregado":"019971860-01","CantTotEntregada":"30",'
			.. '"EntTotal":1,"CausaNoEntrega":null,"FecEntrega":"%s","NoLote":"L2026-11",'
			.. '"TipoIDRecibe":"CC","NoIDRecibe":"79000111"}', linea, dia))
end
function done(summary, latency, requests)
	local n = 0
	for _, t in ipairs(hilos) do n = n + t:get("k") end
	io.write(string.format("enviadas %d\n", n))
end
