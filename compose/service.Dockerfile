# Builds one service of the suite from this repository: docker build --build-arg SERVICE=registry-service -f compose/service.Dockerfile .
FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package -pl ${SERVICE} -am

FROM eclipse-temurin:17-jre
ARG SERVICE
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar /app/service.jar
COPY --from=build /src/${SERVICE}/target/lib /app/lib
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
