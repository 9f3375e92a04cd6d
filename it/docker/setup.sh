#!/bin/bash
# Prepares everything the it module needs on a Debian machine, idempotently:
#   1. a Docker engine (Debian's docker.io), started when not running;
#   2. the base image sendmail-it/debian-base:bookworm, made with debootstrap (no registry needed);
#   3. one image per server, built when its versioned tag is missing or was built from other files
#      (the image carries a hash of its build files as the label sendmail-it.hash);
#   4. the real clients the tests drive: git send-email (git-email) and bsd-mailx.
# Run as root: `bash it/docker/setup.sh`. A second run on the same machine takes a few seconds.
# A developer with a registry may set BASE_IMAGE=debian:bookworm-slim to skip debootstrap.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BASE_IMAGE=${BASE_IMAGE:-sendmail-it/debian-base:bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Image tags as the tests use them (MailServer.Kind, MxWorld).
IMAGES=(postfix:1 exim:1 opensmtpd:1 dnsmasq:1 dkimverify:1 nginx:1 bind:1 dovecot:2 lmtp:1 socks:1)
# bsd-mailx is unpacked, not installed: installing it would pull in an MTA (exim4) on the host.
MAILX_DIR=${MAILX_DIR:-/opt/sendmail-it/mailx}

log() { echo "[it/docker/setup] $*" >&2; }

apt_updated=no
apt_install() {
  if [ "$apt_updated" = no ]; then apt-get update -qq; apt_updated=yes; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v debootstrap >/dev/null || missing+=(debootstrap)
[ -x "$(git --exec-path 2>/dev/null)/git-send-email" ] || missing+=(git git-email libnet-smtp-ssl-perl)
perl -MMail::Address -e1 2>/dev/null || missing+=(libmailtools-perl)   # git send-email needs it
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then log "installing ${missing[*]}"; apt_install "${missing[@]}"; fi

if [ ! -x "$MAILX_DIR/usr/bin/bsd-mailx" ]; then
  log "unpacking bsd-mailx into $MAILX_DIR"
  [ "$apt_updated" = yes ] || { apt-get update -qq; apt_updated=yes; }
  tmp=$(mktemp -d); chmod 755 "$tmp"; chown _apt "$tmp" 2>/dev/null || true
  (cd "$tmp" && apt-get download bsd-mailx >/dev/null)
  mkdir -p "$MAILX_DIR"
  dpkg -x "$tmp"/bsd-mailx_*.deb "$MAILX_DIR"
  rm -rf "$tmp"
fi
# bsd-mailx's own shared libraries (no MTA among them)
if ldd "$MAILX_DIR/usr/bin/bsd-mailx" | grep 'not found' >/dev/null; then
  log "installing bsd-mailx's libraries"; apt_install libbsd0 liblockfile1
fi

if ! docker info >/dev/null 2>&1; then
  if ! pgrep -x dockerd >/dev/null; then
    log "starting dockerd (log: /var/log/sendmail-it-dockerd.log)"
    setsid nohup dockerd --host unix:///var/run/docker.sock </dev/null >/var/log/sendmail-it-dockerd.log 2>&1 &
  fi
  for _ in $(seq 1 120); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { log "dockerd did not come up"; tail -20 /var/log/sendmail-it-dockerd.log >&2; exit 1; }
fi

if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  if [ "$BASE_IMAGE" != sendmail-it/debian-base:bookworm ]; then
    log "base image $BASE_IMAGE is missing; pulling it"; docker pull "$BASE_IMAGE"
  else
    log "building $BASE_IMAGE with debootstrap (about a minute)"
    rootfs=$(mktemp -d /tmp/sendmail-it-rootfs.XXXXXX)
    debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" >/tmp/sendmail-it-debootstrap.log 2>&1 \
      || { tail -20 /tmp/sendmail-it-debootstrap.log >&2; exit 1; }
    tar -C "$rootfs" -c . | docker import - "$BASE_IMAGE" >/dev/null
    rm -rf "$rootfs"
  fi
fi

for image in "${IMAGES[@]}"; do
  tag=sendmail-it/$image
  name=${image%%:*}
  hash=$( (cd "$HERE" && find "$name" common -type f -print0 | sort -z | xargs -0 sha256sum; echo "$BASE_IMAGE") \
          | sha256sum | cut -c1-16)
  have=$(docker image inspect -f '{{index .Config.Labels "sendmail-it.hash"}}' "$tag" 2>/dev/null || true)
  if [ "$have" != "$hash" ]; then
    log "building $tag${have:+ (its files changed)}"
    buildlog=/tmp/sendmail-it-build-$name.log
    docker build --network host --build-arg "BASE=$BASE_IMAGE" --label "sendmail-it.hash=$hash" \
      -t "$tag" -f "$HERE/$name/Dockerfile" "$HERE" >"$buildlog" 2>&1 \
      || { log "building $tag failed ($buildlog):"; tail -30 "$buildlog" >&2; exit 1; }
  fi
done
log "ready: $(docker images --format '{{.Repository}}:{{.Tag}}' 'sendmail-it/*' | sort | tr '\n' ' ')"
