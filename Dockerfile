# syntax=docker/dockerfile:1
# Build stage: Maven with a JDK, dependencies cached in their own layer.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests -Dspotless.check.skip=true

# Runtime stage: a JRE only, as a non-root user.
FROM eclipse-temurin:17.0.13_11-jre-jammy
RUN groupadd --system --gid 10001 cutover \
 && useradd --system --uid 10001 --gid cutover --home-dir /app --shell /usr/sbin/nologin cutover
WORKDIR /app
COPY --from=build /src/target/cutover-bot.jar /app/cutover-bot.jar
COPY config/cutover.example.yml /app/config/cutover.example.yml
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-Dfile.encoding=UTF-8 -XX:MaxRAMPercentage=75"
# HTTP mode listens here; Socket Mode needs no inbound port.
EXPOSE 3000
ENTRYPOINT ["java", "-jar", "/app/cutover-bot.jar"]
CMD ["serve", "--config", "/app/config/cutover.yml"]
