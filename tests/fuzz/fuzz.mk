# Fuzz targets: one libFuzzer program per tests/fuzz/fuzz_<target>.c, built with Debian's
# clang, ASan and UBSan (any report stops the run) into build/fuzz/, linked with the cgi/
# objects it exercises (OBJS_<target>: a parser that starts using another module adds it).
# From the repository root:
#   make -f tests/fuzz/fuzz.mk smoke   FUZZ_RUNS executions of each (tests/run.sh does this)
#   make -f tests/fuzz/fuzz.mk run     FUZZ_SECONDS seconds of each (make fuzz)
# Seeds: tests/fuzz/<target>/, dictionaries: tests/fuzz/<target>.dict; what a run finds
# goes to build/fuzz/corpus/<target>/, a crash to build/fuzz/crashes/. See tests/fuzz/fuzz.sh.

FZ		:= build/fuzz
FUZZ_CC		?= clang
FUZZ_SECONDS	?= 60
FUZZ_RUNS	?= 20000
TARGETS		:= req multipart csv mipres ap openapi pem

OBJS_req	:= core/req core/valid core/text core/arena
OBJS_multipart	:= core/multipart core/req core/valid core/text core/arena
OBJS_csv	:= core/csv_reader core/arena
OBJS_mipres	:= mipres/valid core/valid core/text core/arena
OBJS_ap		:= ap/registro
OBJS_openapi	:= sat/openapi core/arena
OBJS_pem	:= sat/pem

# -fno-sanitize-recover: a UBSan report is a crash, as an ASan one is.
SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
CFLAGS	:= -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g -O1 $(SAN) -MMD -MP
include cgi/libs.mk

BINS	:= $(TARGETS:%=$(FZ)/fuzz_%)

.PHONY: all smoke run
.DEFAULT_GOAL := all

all: $(BINS)

smoke: $(BINS)
	@FZ=$(FZ) sh tests/fuzz/fuzz.sh smoke $(FUZZ_RUNS) $(TARGETS)

run: $(BINS)
	@FZ=$(FZ) sh tests/fuzz/fuzz.sh run $(FUZZ_SECONDS) $(TARGETS)

$(FZ)/cgi:
	@mkdir -p $@

# Coverage instrumentation without libFuzzer's main: the objects are the portal's code.
$(FZ)/cgi/%.o: cgi/%.c tests/fuzz/fuzz.mk | $(FZ)/cgi
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CFLAGS) -fsanitize=fuzzer-no-link -Icgi -c $< -o $@

$(FZ)/%.o: tests/fuzz/%.c tests/fuzz/fuzz.mk | $(FZ)/cgi
	$(FUZZ_CC) $(CFLAGS) -fsanitize=fuzzer-no-link -Icgi -c $< -o $@

.SECONDEXPANSION:
$(BINS): $(FZ)/fuzz_%: $(FZ)/fuzz_%.o $$(addprefix $(FZ)/cgi/,$$(addsuffix .o,$$(OBJS_$$*)))
	$(FUZZ_CC) $(SAN) -fsanitize=fuzzer -o $@ $^ $(PORTAL_LIBS)

# Keep the objects: without this make deletes them as intermediates and rebuilds.
.SECONDARY:

-include $(wildcard $(FZ)/*.d $(FZ)/cgi/*.d $(FZ)/cgi/*/*.d)
