#!/usr/bin/env bash
# Installs kalico-telemetry for the current user, the way Klipper add-ons install:
#   ./install.sh [--moonraker] [--no-systemctl]
# It copies this release to ~/kalico-telemetry, checks for Java, finds
# ~/printer_data/config/printer.cfg, installs the daily systemd user timer for it, and prints the
# Moonraker [update_manager] entry (--moonraker writes it into moonraker.conf, with a backup).
# Nothing is sent until you opt in with: ~/kalico-telemetry/bin/kalico-telemetry enable
set -euo pipefail
src="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
dest="${KALICO_TELEMETRY_DIR:-$HOME/kalico-telemetry}"
config_dir="$HOME/printer_data/config"
moonraker=false
systemctl_flag=()
for arg in "$@"; do
  case "$arg" in
    --moonraker) moonraker=true ;;
    --no-systemctl) systemctl_flag=(--no-systemctl) ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option '$arg'; use --moonraker, --no-systemctl or --help" >&2
       exit 2 ;;
  esac
done

if ! command -v java >/dev/null && [ -z "${JAVA_HOME:-}" ]; then
  echo "install.sh: Java 17 or newer is needed first; on Debian or Raspberry Pi OS:" >&2
  echo "  sudo apt install openjdk-17-jre-headless" >&2
  exit 1
fi

if [ "$src" != "$(readlink -f "$dest" 2>/dev/null || echo "$dest")" ]; then
  mkdir -p "$dest"
  cp -R "$src/." "$dest/"
  echo "installed kalico-telemetry in $dest"
fi
launcher="$dest/bin/kalico-telemetry"

if [ ! -f "$config_dir/printer.cfg" ]; then
  echo "install.sh: no $config_dir/printer.cfg here; the daily timer was not installed." >&2
  echo "  install it for your config with: $launcher install --config PATH/printer.cfg" >&2
  exit 1
fi
"$launcher" install --config "$config_dir/printer.cfg" "${systemctl_flag[@]}"

snippet="[update_manager kalico-telemetry]
type: zip
channel: stable
repo: KalicoCrew/kalico-telemetry
path: ~/kalico-telemetry"
conf="$config_dir/moonraker.conf"
if $moonraker; then
  if [ -f "$conf" ] && grep -q '^\[update_manager kalico-telemetry\]' "$conf"; then
    echo "moonraker.conf already has [update_manager kalico-telemetry]; left as it is"
  else
    if [ -f "$conf" ]; then
      cp -p "$conf" "$conf.kalico-telemetry.bak"
      echo "backup $conf.kalico-telemetry.bak"
    fi
    printf '\n%s\n' "$snippet" >> "$conf"
    echo "added [update_manager kalico-telemetry] to $conf (restart Moonraker to see it)"
  fi
else
  echo
  echo "To update from Moonraker's web UI, add this to $conf (or run install.sh --moonraker):"
  echo
  echo "$snippet"
fi
echo
echo "Telemetry stays off until you opt in: $launcher enable"
echo "See what would be sent: $launcher show"
