# Sourced by tests/bench.sh and tests/bench/instrucciones.sh, with var (the portal's VAR)
# and base (its https URL) set.
# Logs user $1 in (password, then the demo's second factor: cgi/tools/demo.c DEMO_TOTP, the
# current code) with its own cookie jar; prints the session's Cookie header for wrk.
sesion() {
	sjar="$var/cookies.$1"
	csrf=$(curl -ks -c "$sjar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -ks -b "$sjar" -c "$sjar" -o /dev/null -H "Origin: $base" \
		--data-urlencode "csrf=$csrf" --data-urlencode "usuario=$1" \
		--data-urlencode "clave=Portal-Demo-2026" "$base/login"
	codigo=$(/usr/bin/python3 -c 'import base64, hashlib, hmac, struct, time
k = base64.b32decode("MINSALUDPORTALDEMOSEGUNDOFACTORX")
h = hmac.new(k, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))')
	csrf=$(curl -ks -b "$sjar" "$base/login/codigo" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -ks -b "$sjar" -c "$sjar" -o /dev/null -H "Origin: $base" \
		--data-urlencode "csrf=$csrf" --data-urlencode "codigo=$codigo" "$base/login/codigo"
	sid=$(awk '$6 == "__Host-sid" { print $7 }' "$sjar")
	if [ -z "$sid" ]; then
		echo "bench: no se pudo iniciar sesión como $1" >&2
		kill -TERM $$
		exit 1
	fi
	echo "Cookie: __Host-sid=$sid"
}
