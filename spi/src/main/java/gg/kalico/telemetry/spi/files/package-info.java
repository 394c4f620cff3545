/**
 * Reading the small files a collector or the host looks at (state files, {@code /etc/os-release},
 * {@code /proc/cpuinfo}, ids) without following a link that is not wanted, without blocking on a
 * FIFO or a device, and without reading more than a bound.
 */
package gg.kalico.telemetry.spi.files;
