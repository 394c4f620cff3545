/** Reading Kalico/Klipper config files with Kalico's own rules; names leave, values do not. */
package gg.kalico.telemetry.kalico.config;
