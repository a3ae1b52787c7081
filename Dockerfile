# syntax=docker/dockerfile:1
#
# Base images are fully qualified (a daemonless builder such as buildah or podman, with a
# registries.conf that has no short-name aliases, resolves them as written) and pinned by the digest
# of their multi-platform image index, so a rebuild gets the same bytes. The tag each digest was
# taken from is in the comment above its FROM.
#
# Refresh: look up the tag's current index digest, put it in the FROM, update the comment, rebuild
# and run the tests, e.g.
#   skopeo inspect --format '{{.Digest}}' docker://docker.io/library/eclipse-temurin:17-jre-jammy
#   crane digest docker.io/library/maven:3.9.9-eclipse-temurin-17
#   docker buildx imagetools inspect docker.io/library/eclipse-temurin:17-jre-jammy
# or let Renovate/Dependabot propose the bumps. Do it at least monthly: the runtime image carries
# Ubuntu's and the JRE's security fixes.

# Build stage: Maven with a JDK, dependencies cached in their own layer.
# tag: maven:3.9.9-eclipse-temurin-17
FROM docker.io/library/maven@sha256:f58d59b6273e785ac0a4477f6e9b5ba1d7731c75b906c0f7b34076f1851318cc AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests -Dspotless.check.skip=true

# Runtime stage: a JRE only (Ubuntu 22.04), as a non-root user.
# tag: eclipse-temurin:17.0.19_10-jre-jammy (17-jre-jammy when pinned)
FROM docker.io/library/eclipse-temurin@sha256:475d8e96b4b2bfe08999e5e854755c773af1581acdf959a4545d88f0696a2339
# tini as PID 1: it forwards SIGTERM to the JVM and reaps the orphaned children of `command` jobs
# (the JVM does not wait for processes it did not start). curl is in the Temurin Ubuntu images on
# purpose (adoptium/containers#255) and is what HEALTHCHECK runs: check it is there at build time,
# so a base image without it fails here and not as an unhealthy container.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tini=0.19.0-1 \
 && rm -rf /var/lib/apt/lists/* \
 && command -v curl \
 && groupadd --system --gid 10001 cutover \
 && useradd --system --uid 10001 --gid cutover --home-dir /app --shell /usr/sbin/nologin cutover
WORKDIR /app
COPY --from=build /src/target/cutover-bot.jar /app/cutover-bot.jar
COPY config/cutover.example.yml /app/config/cutover.example.yml
# Class-data sharing: a dynamic AppCDS archive of the classes a short sandbox session loads (a swap
# requested and approved, /cutover status, /cron list, the Home), trained here with the image's own
# JVM and jar, as a dynamic archive must be. With it the bot reaches ready sooner (measured in
# docs/benchmarks.md: start -> ready 0.93x a bare Bolt app, 1.48x without it). A JVM that cannot use
# the archive (another JVM or jar) warns and starts without it.
RUN printf '%s\n' '/swap blue-green dry-run' '/swap blue-green' 'as bob' 'click approve' 'await INSYNC after' \
      '/cutover status' '/cron list' 'home' \
  | java -XX:ArchiveClassesAtExit=/app/cutover.jsa -jar /app/cutover-bot.jar sandbox --script - >/dev/null \
 && test -s /app/cutover.jsa
USER 10001:10001
# The ops port (ops.port, default 9090: /healthz, /readyz, /metrics) is open in every mode; 3000
# (slack.httpPort) only in HTTP mode: Socket Mode opens no port for Slack.
EXPOSE 9090 3000
# Liveness of the process, as ECS's and Kubernetes's own checks see it (deploy/); change the port
# here if you change ops.port.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "--max-time", "2", "http://127.0.0.1:9090/healthz"]
# JVM options on the command line, not in JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS: the JVM prints a
# "Picked up ..." line to stderr for each of those at every start. The heap is 75% of the
# container's memory limit; on OutOfMemoryError the JVM exits and the orchestrator restarts it.
ENTRYPOINT ["/usr/bin/tini", "--", "java", "-XX:SharedArchiveFile=/app/cutover.jsa", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8", "-jar", "/app/cutover-bot.jar"]
# No --config: the config is the YAML in $CUTOVER_CONFIG_YAML when set (the ECS task definition fills
# it from an SSM parameter), else /app/config/cutover.yml (a mounted file, e.g. a ConfigMap).
CMD ["serve"]
