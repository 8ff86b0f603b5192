#!/usr/bin/env bash
# Restores the Bicep compiler (NuGet package Azure.Bicep.CommandLine.linux-x64) through `dotnet restore`
# and prints the path of the binary. Usage: bash tools/bicep/restore.sh   (BICEP_VERSION overrides the version)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="${BICEP_VERSION:-0.49.2}"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "restore.sh: the .NET SDK (dotnet) is required to restore the Bicep compiler from NuGet." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet restore "$here/bicep-restore.csproj" -p:BicepVersion="$version" --verbosity quiet >&2

packages="${NUGET_PACKAGES:-}"
if [ -z "$packages" ]; then
  packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
fi
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -f "$bicep" ]; then
  echo "restore.sh: restore finished but $bicep is missing." >&2
  exit 1
fi
chmod +x "$bicep"
"$bicep" --version >&2
echo "$bicep"
