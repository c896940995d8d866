# syntax=docker/dockerfile:1

# Build: restore first from the package and project files only, so editing code reuses the restore layer.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# npm fetches the Banana Cake Pop build the server ships (src/Summit.Graph/Ide, pinned by its lock file).
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Summit.Graph/Summit.Graph.csproj src/Summit.Graph/
COPY src/Summit.Graph.Content/Summit.Graph.Content.csproj src/Summit.Graph.Content/
COPY src/Summit.Graph.Data/Summit.Graph.Data.csproj src/Summit.Graph.Data/
COPY src/Summit.Graph.Migrations.Sqlite/Summit.Graph.Migrations.Sqlite.csproj src/Summit.Graph.Migrations.Sqlite/
COPY src/Summit.Graph.Migrations.SqlServer/Summit.Graph.Migrations.SqlServer.csproj src/Summit.Graph.Migrations.SqlServer/
COPY src/Summit.Graph.Migrations.PostgreSql/Summit.Graph.Migrations.PostgreSql.csproj src/Summit.Graph.Migrations.PostgreSql/
# For the build machine's runtime: the publish is then ReadyToRun (precompiled; see Summit.Graph.csproj).
RUN dotnet restore src/Summit.Graph/Summit.Graph.csproj --use-current-runtime
COPY schema/operations/ schema/operations/
COPY src/ src/
RUN dotnet publish src/Summit.Graph -c Release --use-current-runtime --self-contained false -o /app --no-restore

# Run: the ASP.NET Core runtime only, as the image's unprivileged user, with the database on a volume.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    Database__DataDirectory=/data
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "Summit.Graph.dll"]
