# syntax=docker/dockerfile:1
# NpsCloud host image: docker build -t npscloud .
# Run it with the two connection strings (see docs/operations.md):
#   docker run -p 8080:8080 -e NPS_DATABASE_URL=... -e NPS_MIGRATIONS_DATABASE_URL=... \
#     -v /srv/nps/data-protection.key:/run/secrets/nps-key:ro -e NPS_KEY_FILE=/run/secrets/nps-key npscloud
# Operator commands use the same image: docker run --rm -e ... npscloud admin migrate

# ---------------------------------------------------------------- project files
# The project files alone, found by pattern, so no project (a new module) can be left out of the restore.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS projects
WORKDIR /source
COPY src/ src/
RUN find src -type f ! -name '*.csproj' ! -name 'Directory.*.props' -delete

# ---------------------------------------------------------------- build
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /source

# Restore from the project files alone: this layer is reused until a project file changes.
COPY --from=projects /source/src/ src/
RUN dotnet restore src/NpsCloud.Host/NpsCloud.Host.csproj

# The host project copies ../../migrations/*.sql into its output, so the SQL ships in the image.
COPY src/ src/
COPY migrations/ migrations/
RUN dotnet publish src/NpsCloud.Host/NpsCloud.Host.csproj -c Release --no-restore -o /app -p:UseAppHost=false \
 && test -f /app/migrations/0001_platform.sql

# ---------------------------------------------------------------- runtime
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# The data directory (mail pickup folder when no SMTP server is set), writable by the non-root user.
RUN mkdir -p /data && chown app:app /data
VOLUME /data

# NPS_URLS decides the listen address; clear the image's ASPNETCORE_HTTP_PORTS so the two do not compete.
ENV NPS_URLS=http://0.0.0.0:8080 \
    NPS_DATA_DIR=/data \
    ASPNETCORE_HTTP_PORTS=""
EXPOSE 8080

USER $APP_UID

# The image has no curl: the host's own probe asks /health/ready and exits 0 on 200.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "NpsCloud.Host.dll", "healthcheck"]

ENTRYPOINT ["dotnet", "NpsCloud.Host.dll"]
