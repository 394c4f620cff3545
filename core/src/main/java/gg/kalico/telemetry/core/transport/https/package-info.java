/** The default transport: HTTPS POST of the gzipped document, certificate and host verified. */
package gg.kalico.telemetry.core.transport.https;
