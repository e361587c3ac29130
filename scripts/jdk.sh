# Sourced by the project's scripts: prints the home of a JDK whose major version is >= 21.
# JAVA_HOME wins if it qualifies; otherwise the newest qualifying JDK under /usr/lib/jvm.
edgeproof_jdk_major() {
  local release="$1/release" v
  [ -x "$1/bin/javac" ] && [ -f "$release" ] || return 1
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  [ -n "$v" ] && echo "$v"
}
edgeproof_find_jdk() {
  local best="" best_v=0 d v
  if [ -n "${JAVA_HOME:-}" ] && v=$(edgeproof_jdk_major "$JAVA_HOME") && [ "$v" -ge 21 ]; then
    echo "$JAVA_HOME"; return 0
  fi
  for d in /usr/lib/jvm/*; do
    [ -L "$d" ] && continue
    v=$(edgeproof_jdk_major "$d") || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  [ -n "$best" ] && echo "$best"
}
