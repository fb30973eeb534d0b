# Sourced by ./jgan: is the built command older than the sources it is built from?
#
# The stamp cli/target/jgan-build.stamp is touched at the end of the cli module's `package` phase
# (cli/pom.xml), i.e. by every build that produced cli/target/jgan-cli.jar and cli/target/lib. Only
# the sources that go into those count: src/main and pom.xml of the cli module and of the jgan
# modules it depends on (read from cli/pom.xml), and the parent pom. Tests, benchmarks and
# generated files under target/ never make the command stale: comparing with every *.java in the
# tree made each ./jgan after a whole-reactor build rebuild, because the JMH sources generated under
# benchmarks/target are newer than the cli jar.

jgan_cli_modules() { # $1 = project root; prints the directories of the modules the cli is built from
  printf '%s\n' cli
  # one dependency per line in cli/pom.xml: <dependency><groupId>io.jgan</groupId><artifactId>X</artifactId>
  sed -n 's|.*<groupId>io\.jgan</groupId><artifactId>\([^<]*\)</artifactId>.*|\1|p' "$1/cli/pom.xml"
}

jgan_stale_source() { # $1 = project root; prints why a build is needed (nothing when up to date)
  local root="$1" stamp="$1/cli/target/jgan-build.stamp" m
  if [ ! -f "$stamp" ]; then
    echo "no build yet ($stamp missing)"
    return 0
  fi
  local paths=("$root/pom.xml")
  for m in $(jgan_cli_modules "$root"); do
    [ -e "$root/$m/pom.xml" ] && paths+=("$root/$m/pom.xml")
    [ -d "$root/$m/src/main" ] && paths+=("$root/$m/src/main")
  done
  find "${paths[@]}" -type f -newer "$stamp" -print -quit 2>/dev/null || true
}
