# Sourced by ./jgan, ./run-tests and .ci/run: sets JGAN_MVN to the Maven to run.
# `mvn` on PATH if there is one, else the Maven wrapper (./mvnw), which downloads the Maven named in
# .mvn/wrapper/maven-wrapper.properties from Maven Central on first use: a JDK is all a machine needs.
jgan_find_maven() { # $1 = the project root
  if command -v mvn >/dev/null 2>&1; then
    JGAN_MVN=mvn
  else
    JGAN_MVN="$1/mvnw"
  fi
}
