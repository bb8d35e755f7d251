# The libraries portal links with: one list for the Makefile and tests/unit/unit.mk.
# libqrencode and libpng draw the QR codes (cgi/core/qr.c: TOTP enrollment, IHCE activation
# mail); libgd the registration challenge's image; libcrypto (OpenSSL) gives HMAC-SHA-1; libpq
# is the PostgreSQL engine's (cgi/core/db_pg.c), whose header PORTAL_CFLAGS finds.
PORTAL_LIBS := -lfcgi -lctemplate_nothreads -lsqlite3 -ljansson -lscrypt -lsodium -lcurl -lgd \
	-lqrencode -lpng -lcrypto -lpq -lstdc++
PORTAL_CFLAGS := $(shell pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
