/** The finished telemetry document and its text forms. */
package org.example.telemetry.core.document;
