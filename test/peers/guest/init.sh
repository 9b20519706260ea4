#!/bin/busybox sh
# /init of the test guests' initramfs: a busybox userland that the test harness
# (linux-guest.ts) drives over the serial console.
#
# Protocol, one line each way:
#   harness -> guest   "<tag> <shell command>"
#   guest -> harness   "=<tag> begin", the command's output, "=<tag> end <exit status>"
# and "=ready <uptime seconds> <kernel release>" once the loop below listens.
#
# Kernel command line parameters read here:
#   cpuhp.tty=NAME       the console the protocol runs on (ttyS0 on x86, ttyAMA0 on arm64)
#   cpuhp.online=udev    online every CPU the kernel registers after boot, from its uevent,
#                        as a distribution's udev rule does (default)
#   cpuhp.online=off     leave hot-added CPUs offline
/bin/busybox mkdir -p /proc /sys /dev /tmp /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null

TTY=console
ONLINE=udev
for word in $(cat /proc/cmdline); do
  case $word in
    cpuhp.tty=*) TTY=${word#cpuhp.tty=} ;;
    cpuhp.online=*) ONLINE=${word#cpuhp.online=} ;;
  esac
done
CPUS=/sys/devices/system/cpu

# Only emergencies reach the console from now on, so kernel messages cannot split a
# protocol line; the harness reads the whole log with dmesg.
dmesg -n 1

# udev's CPU rule, from the kernel's uevents: a CPU registered after boot is onlined.
cat > /sbin/on-uevent <<'RULE'
#!/bin/sh
[ "$SUBSYSTEM" = cpu ] && [ "$ACTION" = add ] && [ -f "/sys$DEVPATH/online" ] || exit 0
if echo 1 > "/sys$DEVPATH/online" 2>/tmp/online.err; then
  echo "cpuhp-init: onlined ${DEVPATH##*/}" > /dev/kmsg
else
  echo "cpuhp-init: online ${DEVPATH##*/} failed: $(cat /tmp/online.err)" > /dev/kmsg
fi
RULE
chmod 755 /sbin/on-uevent
[ "$ONLINE" = udev ] && uevent /sbin/on-uevent </dev/null >/dev/null 2>&1 &

# --- commands the harness calls ----------------------------------------------------
mask() { if [ -r $CPUS/$1 ]; then cat $CPUS/$1; else echo none; fi; }

# One line of CPU masks, then one line per ACPI processor object Linux enumerated:
#   cpus possible=0-3 present=0-3 online=0-1 enabled=0-1
#   acpi \_SB_.CPUS.C002 uid=2 sta=13 cpu=-
cpuhp_state() {
  echo "cpus possible=$(mask possible) present=$(mask present) online=$(mask online) enabled=$(mask enabled)"
  for d in /sys/bus/acpi/devices/ACPI0007:* /sys/bus/acpi/devices/LNXCPU:*; do
    [ -e "$d/path" ] || continue
    sta=-; [ -e "$d/status" ] && sta=$(cat "$d/status" 2>/dev/null)
    uid=-; [ -e "$d/uid" ] && uid=$(cat "$d/uid")
    cpu=-; [ -e "$d/physical_node" ] && cpu=$(basename "$(readlink "$d/physical_node")")
    echo "acpi $(cat "$d/path") uid=$uid sta=$sta cpu=$cpu"
  done
}

# The hardware id of every online CPU: x86 APIC ids from /proc/cpuinfo.
cpuhp_apic_ids() {
  awk '/^processor/{p=$3} /^apicid/{print "cpu" p " apic=" $3}' /proc/cpuinfo
}

# A file as base64, for copying ACPI tables out.
cpuhp_b64() { base64 "$1"; }

# --- the command loop ----------------------------------------------------------------
exec </dev/$TTY >/dev/$TTY 2>&1
stty -echo -onlcr 2>/dev/null
read up _ < /proc/uptime
echo "=ready $up $(uname -r)"
while IFS= read -r line; do
  line=${line%"$(printf '\r')"}
  tag=${line%% *}
  cmd=${line#* }
  [ -n "$tag" ] && [ "$tag" != "$line" ] || continue
  echo "=$tag begin"
  ( eval "$cmd" ) </dev/null 2>&1
  echo "=$tag end $?"
done
poweroff -f
