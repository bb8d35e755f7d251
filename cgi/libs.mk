# The libraries portal links with: one list for the Makefile and tests/unit/unit.mk.
# libqrencode draws the TOTP enrollment QR code; libcrypto (OpenSSL) gives HMAC-SHA-1.
PORTAL_LIBS := -lfcgi -lctemplate_nothreads -lsqlite3 -ljansson -lscrypt -lsodium -lcurl -lgd \
	-lqrencode -lpng -lcrypto -lstdc++
