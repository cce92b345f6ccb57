#!/usr/bin/env bash
# Fetches the official Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64, a self-contained `bicep`
# executable) with the machine's dotnet, into the ignored .bicep/ folder, and prints the folder to put on PATH.
# Idempotent: a second run only prints the folder. On GitHub Actions runners use the Azure CLI's `az bicep` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="${BICEP_VERSION:-0.49.2}"
dir="$PWD/.bicep/$VERSION"
if [ ! -x "$dir/bicep" ]; then
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "install-bicep: dotnet is not on PATH; install the .NET SDK, or put a bicep $VERSION executable on PATH." >&2
    exit 1
  fi
  work="$PWD/.bicep/restore"
  rm -rf "$work" && mkdir -p "$work"
  cat > "$work/restore.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$VERSION]" /></ItemGroup>
</Project>
XML
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet restore "$work/restore.csproj" --packages "$work/packages" >&2
  mkdir -p "$dir"
  cp "$work/packages/azure.bicep.commandline.linux-x64/$VERSION/tools/bicep" "$dir/bicep" 2>/dev/null ||
    cp "$(find "$work/packages" -type f -name bicep | head -1)" "$dir/bicep"
  chmod +x "$dir/bicep"
  rm -rf "$work"
fi
echo "$dir"
