/*
 * The IHCE request's state machine (cgi/ihce/estado.c). The table below is the whole
 * specification (DESIGN §4): every (state, keys ever assigned, action) not in it must be
 * refused.
 */
#include "ihce/estado.h"
#include "support.h"

#define ANY	(-1)	/* either value of tuvo_llaves */

static const struct {
	enum estado	 from;
	int		 tuvo;
	enum accion	 a;
	enum estado	 to;
} allowed[] = {
	/* The delegate asks: first time, again after keys, or again after a rejection. */
	{ E_NINGUNO, ANY, A_SOLICITAR, E_PENDIENTE },
	{ E_ASIGNADO, ANY, A_SOLICITAR, E_RESOLICITADO },
	{ E_REASIGNADO, ANY, A_SOLICITAR, E_RESOLICITADO },
	{ E_RECHAZADO, 0, A_SOLICITAR, E_PENDIENTE },
	{ E_RECHAZADO, 1, A_SOLICITAR, E_RESOLICITADO },
	/* The ministry assigns, or updates keys already assigned. */
	{ E_PENDIENTE, ANY, A_ASIGNAR, E_ASIGNADO },
	{ E_ASIGNADO, ANY, A_ASIGNAR, E_ASIGNADO },
	{ E_RESOLICITADO, ANY, A_ASIGNAR, E_REASIGNADO },
	{ E_REASIGNADO, ANY, A_ASIGNAR, E_REASIGNADO },
	/* The ministry rejects only what is waiting for it. */
	{ E_PENDIENTE, ANY, A_RECHAZAR, E_RECHAZADO },
	{ E_RESOLICITADO, ANY, A_RECHAZAR, E_RECHAZADO },
};

#define NALLOWED	(sizeof(allowed) / sizeof(allowed[0]))

/* What the table says for (e, tuvo, a): the next state or E__INVALIDO. */
static enum estado
expected(enum estado e, int tuvo, enum accion a)
{
	size_t i;

	for (i = 0; i < NALLOWED; i++)
		if (allowed[i].from == e && allowed[i].a == a &&
		    (allowed[i].tuvo == ANY || allowed[i].tuvo == tuvo))
			return allowed[i].to;
	return E__INVALIDO;
}

static const char *const accion_name[] = { "solicitar", "asignar", "rechazar" };

/* Every combination, allowed or not, against the table. */
static void
test_every_transition(void **state)
{
	enum estado e, got, want;
	int tuvo, a;

	(void)state;
	for (e = E_NINGUNO; e <= E_RECHAZADO; e++)
		for (tuvo = 0; tuvo <= 1; tuvo++)
			for (a = A_SOLICITAR; a <= A_RECHAZAR; a++) {
				got = ihce_siguiente(e, tuvo, (enum accion)a);
				want = expected(e, tuvo, (enum accion)a);
				if (got != want)
					fail_msg("%s (tuvo_llaves %d) + %s: got %d, want %d",
					    estado_label(e), tuvo, accion_name[a], got, want);
			}
}

/* Spot checks of the refusals that matter most, stated on their own. */
static void
test_refused_transitions(void **state)
{
	(void)state;
	/* No second request while one waits. */
	assert_int_equal(ihce_siguiente(E_PENDIENTE, 0, A_SOLICITAR), E__INVALIDO);
	assert_int_equal(ihce_siguiente(E_RESOLICITADO, 1, A_SOLICITAR), E__INVALIDO);
	/* Nothing to assign or reject before a request, or after a rejection. */
	assert_int_equal(ihce_siguiente(E_NINGUNO, 0, A_ASIGNAR), E__INVALIDO);
	assert_int_equal(ihce_siguiente(E_NINGUNO, 0, A_RECHAZAR), E__INVALIDO);
	assert_int_equal(ihce_siguiente(E_RECHAZADO, 1, A_ASIGNAR), E__INVALIDO);
	assert_int_equal(ihce_siguiente(E_RECHAZADO, 0, A_RECHAZAR), E__INVALIDO);
	/* Keys already given are updated, never rejected. */
	assert_int_equal(ihce_siguiente(E_ASIGNADO, 1, A_RECHAZAR), E__INVALIDO);
	assert_int_equal(ihce_siguiente(E_REASIGNADO, 1, A_RECHAZAR), E__INVALIDO);
	/* An unknown state (a bad database word) allows nothing. */
	assert_int_equal(ihce_siguiente(E__INVALIDO, 0, A_SOLICITAR), E__INVALIDO);
	assert_int_equal(ihce_siguiente(E__INVALIDO, 1, A_ASIGNAR), E__INVALIDO);
	assert_int_equal(ihce_siguiente(E__INVALIDO, 0, A_RECHAZAR), E__INVALIDO);
}

/* The database words parse back to their state; anything else is invalid. */
static void
test_names_round_trip(void **state)
{
	enum estado e;

	(void)state;
	for (e = E_PENDIENTE; e <= E_RECHAZADO; e++) {
		if (estado_parse(estado_name(e)) != e)
			fail_msg("\"%s\" does not parse back to %d", estado_name(e), e);
		assert_true(estado_label(e)[0] != '\0');
		assert_true(estado_delegado(e)[0] != '\0');
	}
	assert_string_equal(estado_name(E_PENDIENTE), "pendiente");
	assert_string_equal(estado_name(E_RECHAZADO), "rechazado");
	assert_int_equal(estado_parse(NULL), E_NINGUNO);
	assert_int_equal(estado_parse(""), E__INVALIDO);
	assert_int_equal(estado_parse("Pendiente"), E__INVALIDO);
	assert_int_equal(estado_parse("pendiente "), E__INVALIDO);
	assert_int_equal(estado_parse("asignar"), E__INVALIDO);
	assert_string_equal(estado_name(E__INVALIDO), "");
	assert_string_equal(estado_label(E__INVALIDO), "");
	assert_string_equal(estado_delegado(E_NINGUNO), "No ha solicitado token");
	assert_string_equal(estado_delegado(E_RESOLICITADO), "Resolicitud de token");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_transition),
		cmocka_unit_test(test_refused_transitions),
		cmocka_unit_test(test_names_round_trip),
	};

	return cmocka_run_group_tests_name("ihce_state", tests, NULL, NULL);
}
