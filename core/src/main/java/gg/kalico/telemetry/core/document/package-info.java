/** The finished telemetry document and its text forms. */
package gg.kalico.telemetry.core.document;
