# Sourced by ./jgan, ./run-tests and bin/jgan-run (the distribution's bin/jgan): sets JAVA_HOME to a JDK >= 25 without the user exporting anything.
# Order: JAVA_HOME if it is one, else `java` on PATH if it is one, else the newest /usr/lib/jvm/*.
jgan_java_major() { # $1 = path to a java binary; prints its feature version or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
jgan_is_jdk25() { # $1 = a JDK home
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  # the JDK's release file names its version without starting a JVM (a start costs 0.1-1 s, more
  # on a loaded machine, on every ./jgan); ask the JVM only where there is no such file
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1)
  [ -n "$v" ] || v=$(jgan_java_major "$1/bin/java")
  [ -n "$v" ] && [ "$v" -ge 25 ]
}
jgan_found_jdk() { # $1 = the JDK home found; remembered so that a script run by this one skips the check
  export JAVA_HOME="$1" JGAN_JDK_CHECKED="$1"
}
jgan_find_jdk() {
  # ./jgan has checked it already before running bin/jgan-run: each check starts a JVM (~0.1 s)
  if [ -n "${JAVA_HOME:-}" ] && [ "${JGAN_JDK_CHECKED:-}" = "$JAVA_HOME" ]; then return 0; fi
  if [ -n "${JAVA_HOME:-}" ] && jgan_is_jdk25 "$JAVA_HOME"; then jgan_found_jdk "$JAVA_HOME"; return 0; fi
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if jgan_is_jdk25 "$home"; then jgan_found_jdk "$home"; return 0; fi
  fi
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    home=${home%/}
    if jgan_is_jdk25 "$home"; then jgan_found_jdk "$home"; return 0; fi
  done
  echo "jgan needs a JDK 25 or newer: install one (e.g. Temurin 25 under /usr/lib/jvm) or set JAVA_HOME to it." >&2
  return 1
}
