#!/usr/bin/env bash
# Checks, before any test runs, that this machine has what the tests use, and fails with ONE
# message listing what is missing and the Debian packages that provide it (instead of hundreds
# of failing tests). Run by the build (pom: test-prerequisites) unless tests are skipped.
# Keep the list in step with the packages .ci/run installs.
set -uo pipefail

# need KIND WHAT PACKAGE: KIND is cmd (looked up on PATH and in the sbin directories) or file.
missing_what=()
missing_pkgs=()
need() {
  local kind=$1 what=$2 pkg=$3 found=
  case $kind in
    cmd)
      if command -v "$what" >/dev/null 2>&1; then
        found=yes
      else
        local dir
        for dir in /usr/local/sbin /usr/sbin /sbin; do
          [ -x "$dir/$what" ] && found=yes
        done
      fi
      ;;
    file) [ -e "$what" ] && found=yes ;;
  esac
  if [ -z "$found" ]; then
    missing_what+=("$what")
    case " ${missing_pkgs[*]-} " in *" $pkg "*) ;; *) missing_pkgs+=("$pkg") ;; esac
  fi
}

need cmd  qemu-system-x86_64 qemu-system-x86
need cmd  qemu-img           qemu-utils
need file /bin/busybox       busybox-static
need cmd  kill               procps
need cmd  setpriv            util-linux
need cmd  flock              util-linux
need cmd  env                coreutils
need cmd  apt-get            apt
need cmd  dpkg-deb           dpkg
need cmd  gcc                gcc
need cmd  make               make
need cmd  flex               flex
need cmd  bison              bison
need cmd  bc                 bc
need file /usr/include/gelf.h libelf-dev
need cmd  xz                 xz-utils
need cmd  vde_switch         vde2
need cmd  dnsmasq            dnsmasq-base
need cmd  iptables           iptables
need cmd  ip                 iproute2
need file /usr/lib/ISOLINUX/isolinux.bin isolinux
need cmd  syslinux           syslinux
need file /usr/lib/syslinux/modules/bios/ldlinux.c32 syslinux-common
need cmd  xorriso            xorriso
need cmd  mcopy              mtools
need cmd  mkfs.fat           dosfstools
need cmd  depmod             kmod
need file /usr/lib/qemu/virtiofsd qemu-system-common
need cmd  python3            python3
need cmd  perl               perl
need cmd  tmux               tmux
need cmd  gdb                gdb
need cmd  readelf            binutils
need cmd  qemu-system-aarch64 qemu-system-arm
need cmd  qemu-system-riscv64 qemu-system-misc
need cmd  aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
need cmd  riscv64-linux-gnu-gcc gcc-riscv64-linux-gnu
need file /usr/riscv64-linux-gnu/include/stdio.h libc6-dev-riscv64-cross
need cmd  clang              clang
need cmd  ld.lld             lld
need cmd  llvm-ar            llvm

# The arm64 tests download Debian's arm64 kernel and busybox-static:arm64 through apt (not installed).
if command -v dpkg >/dev/null 2>&1 && ! dpkg --print-foreign-architectures | grep -qx arm64; then
  missing_what+=("the arm64 foreign architecture in dpkg (for apt-get download of arm64 packages)")
  missing_pkgs+=("(first: sudo dpkg --add-architecture arm64 && sudo apt-get update)")
fi

# A dynamically linked busybox cannot run in the tests' initramfs.
if [ -e /bin/busybox ] && command -v ldd >/dev/null 2>&1 && ldd /bin/busybox >/dev/null 2>&1; then
  missing_what+=("a statically linked /bin/busybox (this one is dynamic)")
  missing_pkgs+=(busybox-static)
fi

if [ ${#missing_what[@]} -eq 0 ]; then
  exit 0
fi
{
  echo "The tests need what this machine lacks: ${missing_what[*]}"
  echo "Install (Debian/Ubuntu): sudo apt-get install -y ${missing_pkgs[*]}"
  echo "or run the whole test suite with everything installed first: sudo .ci/run"
  echo "(or only build and install the plugin, without tests: ./mvnw install -Pquick)"
} >&2
exit 1
