/*
 * A tiny /init for test guests of architectures that have no busybox package in Debian 12
 * (riscv64). Built statically with the cross compiler by src/test/scripts/busybox-foreign.sh.
 * It mounts proc, sys and devtmpfs, prints "kvmboot-<uname -m>-init: up" and /proc/version on the
 * console, writes "status 3" into the virtio-serial port named kvmboot.status if there is one
 * (found by /sys/class/virtio-ports/<port>/name), then powers the machine off.
 */
#include <dirent.h>
#include <fcntl.h>
#include <linux/reboot.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

static void cat(const char *path)
{
	char buf[512];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		printf("kvmboot-init: cannot open %s\n", path);
		return;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	close(fd);
}

static void status(const char *wanted, const char *text)
{
	DIR *d = opendir("/sys/class/virtio-ports");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[300], name[128] = "";
		int fd;
		ssize_t n;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/class/virtio-ports/%s/name", e->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		n = read(fd, name, sizeof(name) - 1);
		close(fd);
		if (n <= 0)
			continue;
		name[n] = 0;
		name[strcspn(name, "\n")] = 0;
		if (strcmp(name, wanted))
			continue;
		snprintf(path, sizeof(path), "/dev/%s", e->d_name);
		fd = open(path, O_WRONLY);
		if (fd >= 0) {
			if (write(fd, text, strlen(text)) < 0)
				perror(path);
			close(fd);
			printf("kvmboot-init: wrote status to %s (%s)\n", path, wanted);
		}
	}
	closedir(d);
}

int main(void)
{
	struct utsname u;

	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	mkdir("/dev", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	if (fcntl(1, F_GETFD) < 0) {
		/* no /dev/console in the initramfs: the kernel gave us no stdio */
		int fd = open("/dev/console", O_RDWR);

		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	uname(&u);
	printf("kvmboot-%s-init: up\n", u.machine);
	cat("/proc/version");
	status("kvmboot.status", "status 3\n");
	sync();
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	perror("kvmboot-init: reboot");
	for (;;)
		pause();
}
