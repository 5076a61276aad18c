# Sourced by ./devstack and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Keeps a JAVA_HOME or a `java` on the PATH that is new enough, else takes the newest JDK installed where
# Debian, Red Hat, SDKMAN and macOS put them.

java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

meshmall_find_jdk() {
    local candidate best="" best_major=0 major
    for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
            /usr/lib/jvm/* /usr/java/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(java_major "$candidate/bin/java")
        [ -n "$major" ] || continue
        if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then
            best=$candidate; break
        fi
        if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best=$candidate; best_major=$major
        fi
    done
    if [ -z "$best" ]; then
        echo "meshmall needs a JDK 21 or newer (java and javac); none found in JAVA_HOME, on the PATH or in /usr/lib/jvm." >&2
        return 1
    fi
    export JAVA_HOME=$best
    export PATH="$JAVA_HOME/bin:$PATH"
}

meshmall_find_jdk
