#!/usr/bin/env bash
# Builds local stand-ins for the public images that compose uses, for a machine that cannot pull them, from
# Debian's packages (mmdebstrap, root): a bookworm base (for debian:bookworm-slim), the build's own JDK on it (for
# eclipse-temurin, whose jlink makes the services' runtime), PostgreSQL 15 (for postgres:17) and Prometheus 2.42
# (for prom/prometheus). Grafana has no Debian package: compose/local/compose.yaml leaves it out. An image that
# is already there is kept. compose/local/compose.yaml names these images.
#   ENGINE=podman|docker compose/local/images.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
engine=${ENGINE:-podman}
source "$root/scripts/java-home.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

present() {
    "$engine" image inspect "$1" >/dev/null 2>&1
}

# a bookworm root filesystem of the required packages plus $1 (comma separated), without documentation,
# manual pages, locales or apt's lists, finished by the shell command $3 ("$1" in it is the root filesystem),
# imported as image $2 with the Dockerfile instructions that follow
rootfs_image() {
    local include=$1 image=$2 finish=$3
    shift 3
    local changes=()
    for change in "$@"; do
        changes+=(--change "$change")
    done
    echo "local images | $image: mmdebstrap bookworm${include:+ with $include}"
    mmdebstrap --quiet --variant=minbase ${include:+--include="$include"} \
        --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
        --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*' \
        --customize-hook="$finish" \
        bookworm "$work/rootfs.tar"
    "$engine" import -q "${changes[@]}" "$work/rootfs.tar" "$image" >/dev/null
    rm -f "$work/rootfs.tar"
}

# usrmerge, whose work is done once the root filesystem is made, is what brings perl in: usr-is-merged stands in
present meshmall-local/debian:bookworm || rootfs_image usr-is-merged meshmall-local/debian:bookworm \
    'chroot "$1" dpkg --purge usrmerge libfile-find-rule-perl libnumber-compare-perl libtext-glob-perl perl libperl5.36 perl-modules-5.36' \
    'CMD ["bash"]'

jdk_major=$(java_major "$JAVA_HOME/bin/java")
present "meshmall-local/jdk:$jdk_major" || {
    echo "local images | meshmall-local/jdk:$jdk_major: $JAVA_HOME on the bookworm base"
    printf '%s\n' 'FROM meshmall-local/debian:bookworm' 'COPY . /opt/java/openjdk' \
        'ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        > "$work/Containerfile"
    # dereferenced: a Debian-installed JDK links lib/security/cacerts to /etc
    cp -rL "$JAVA_HOME" "$work/jdk"
    "$engine" build -q -f "$work/Containerfile" -t "meshmall-local/jdk:$jdk_major" "$work/jdk" >/dev/null
    rm -rf "$work/jdk"
}

# the official image's interface: POSTGRES_* variables, /docker-entrypoint-initdb.d, the data directory
present meshmall-local/postgres:15 || rootfs_image postgresql-15 meshmall-local/postgres:15 \
    "rm -rf \"\$1\"/var/lib/postgresql/15 \"\$1\"/etc/postgresql/15 && cp $here/postgres-entrypoint.sh \"\$1\"/usr/local/bin/" \
    'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]' 'EXPOSE 5432' 'STOPSIGNAL SIGINT'

# as prom/prometheus: runs as nobody in /prometheus, where its database goes
present meshmall-local/prometheus:2 || rootfs_image prometheus meshmall-local/prometheus:2 'mkdir -p "$1"/prometheus && chown 65534:65534 "$1"/prometheus' \
    'USER nobody' 'WORKDIR /prometheus' 'ENTRYPOINT ["/usr/bin/prometheus", "--storage.tsdb.path=/prometheus"]' \
    'EXPOSE 9090'
