@echo off
rem The jgan command of the distribution on Windows: runs the jars in lib\ with a JDK 25 or newer,
rem JAVA_HOME if set, else java on PATH. JGAN_JAVA_OPTS replaces the default JVM flags (see bin/jgan).
setlocal
set "JGAN_HOME=%~dp0.."
if defined JAVA_HOME (set "JGAN_JAVA=%JAVA_HOME%\bin\java.exe") else (set "JGAN_JAVA=java")
"%JGAN_JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo jgan needs a JDK 25 or newer: install one ^(e.g. Temurin 25^) and set JAVA_HOME to it. 1>&2
  exit /b 1
)
if not defined JGAN_JAVA_OPTS set "JGAN_JAVA_OPTS=-Xmx800m -Xmn480m -XX:+UseParallelGC"
"%JGAN_JAVA%" %JGAN_JAVA_OPTS% --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -p "%JGAN_HOME%\lib" -m io.jgan.cli/io.jgan.cli.Main %*
exit /b %ERRORLEVEL%
