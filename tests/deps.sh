#!/bin/sh
# Installs the Debian packages named in $PKGS that are missing. As root it runs apt-get;
# otherwise it prints the exact command and fails.
set -eu
missing=""
for p in $PKGS; do
	case $p in
	# Any nginx flavour will do; chromium is checked by its binary.
	nginx-light) command -v nginx >/dev/null 2>&1 && continue ;;
	nodejs) command -v node >/dev/null 2>&1 && continue ;;
	npm) command -v npm >/dev/null 2>&1 && continue ;;
	esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "Faltan paquetes. Instálelos con:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "Instalando:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
