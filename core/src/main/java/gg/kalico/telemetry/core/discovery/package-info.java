/** Discovery of collectors and transports: PF4J (class path and plugins) plus Guice. */
package gg.kalico.telemetry.core.discovery;
