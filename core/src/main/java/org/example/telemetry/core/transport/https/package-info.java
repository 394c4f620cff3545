/** The default transport: HTTPS POST of the gzipped document, certificate and host verified. */
package org.example.telemetry.core.transport.https;
