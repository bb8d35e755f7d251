-- PostgreSQL twin of ../023_ap_hist_unir.sql (which, for SQLite, does nothing).
-- ap_hist_unir(a, b): the sum of two encoded histograms of the AP rollups, as SQLite's C
-- function of that name (cgi/ap/resumen.c) computes it, byte for byte: ST_AP_RESUMEN_SUMAR
-- merges a measurement's histogram into its hour's and day's rows with it. The encoding
-- (cgi/ap/resumen.h): for each non-empty bucket in ascending order (0 to 1023), its
-- distance from the previous one (from 0 for the first) and its count, both unsigned LEB128
-- varints. NULL counts as empty. A malformed histogram (cut short, a varint past 64 bits,
-- a bucket not after the one before or past 1023) raises an error, as the C function's
-- does; buckets whose sum is 0 are left out. The key of nothing is here: no secret.
CREATE FUNCTION ap_hist_unir(a bytea, b bytea) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
	c bigint[] := array_fill(0::bigint, ARRAY[1024], ARRAY[0]);	-- counts by bucket
	e bytea;
	v bigint[] := ARRAY[0, 0];	-- a pair being read: distance, count
	x bigint;
	i int;
	j int;
	len int;
	k int;
	shift int;
	byte int;
	primero boolean;
	lo int := 1024;
	hi int := -1;
	prev int := 0;
	out bytea := '\x'::bytea;
BEGIN
	FOREACH e IN ARRAY ARRAY[coalesce(a, '\x'::bytea), coalesce(b, '\x'::bytea)] LOOP
		i := 0;
		len := length(e);
		k := 0;
		primero := true;
		WHILE i < len LOOP
			FOR j IN 1..2 LOOP
				v[j] := 0;
				shift := 0;
				LOOP
					IF i >= len OR shift >= 64 THEN
						RAISE EXCEPTION 'ap_hist_unir: histograma mal formado';
					END IF;
					byte := get_byte(e, i);
					i := i + 1;
					v[j] := v[j] | ((byte & 127)::bigint << shift);
					EXIT WHEN byte < 128;
					shift := shift + 7;
				END LOOP;
			END LOOP;
			-- Ascending buckets: after the first, each is at least one further.
			IF (NOT primero AND v[1] = 0) OR v[1] < 0 OR v[1] >= 1024 OR k + v[1] >= 1024
			    OR v[2] < 0 THEN
				RAISE EXCEPTION 'ap_hist_unir: histograma mal formado';
			END IF;
			primero := false;
			k := k + v[1]::int;
			c[k] := c[k] + v[2];
			lo := least(lo, k);
			hi := greatest(hi, k);
		END LOOP;
	END LOOP;
	FOR k IN lo..hi LOOP
		CONTINUE WHEN c[k] = 0;
		FOREACH x IN ARRAY ARRAY[(k - prev)::bigint, c[k]] LOOP
			LOOP
				out := out || set_byte('\x00'::bytea, 0,
				    ((x & 127) | CASE WHEN x >= 128 THEN 128 ELSE 0 END)::int);
				x := x >> 7;
				EXIT WHEN x = 0;
			END LOOP;
		END LOOP;
		prev := k;
	END LOOP;
	RETURN out;
END $$;
