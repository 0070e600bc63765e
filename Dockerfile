# syntax=docker/dockerfile:1
# NpsCloud host image: docker build -t npscloud .
# Run it with the two connection strings (see docs/operations.md):
#   docker run -p 8080:8080 -e NPS_DATABASE_URL=... -e NPS_MIGRATIONS_DATABASE_URL=... \
#     -v /srv/nps/data-protection.key:/run/secrets/nps-key:ro -e NPS_KEY_FILE=/run/secrets/nps-key npscloud
# Operator commands use the same image: docker run --rm -e ... npscloud admin migrate

# ---------------------------------------------------------------- build
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /source

# Restore from the project files alone, so this layer is reused until a dependency changes.
COPY src/Directory.Build.props src/Directory.Packages.props src/
COPY src/NpsCloud.Host/NpsCloud.Host.csproj src/NpsCloud.Host/
COPY src/NpsCloud.BuildingBlocks/NpsCloud.BuildingBlocks.csproj src/NpsCloud.BuildingBlocks/
COPY src/NpsCloud.Contracts/NpsCloud.Contracts.csproj src/NpsCloud.Contracts/
COPY src/Modules/NpsCloud.Tenants/NpsCloud.Tenants.csproj src/Modules/NpsCloud.Tenants/
COPY src/Modules/NpsCloud.Surveys/NpsCloud.Surveys.csproj src/Modules/NpsCloud.Surveys/
COPY src/Modules/NpsCloud.Responses/NpsCloud.Responses.csproj src/Modules/NpsCloud.Responses/
COPY src/Modules/NpsCloud.Scoring/NpsCloud.Scoring.csproj src/Modules/NpsCloud.Scoring/
COPY src/Modules/NpsCloud.Goals/NpsCloud.Goals.csproj src/Modules/NpsCloud.Goals/
COPY src/Modules/NpsCloud.FollowUps/NpsCloud.FollowUps.csproj src/Modules/NpsCloud.FollowUps/
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
