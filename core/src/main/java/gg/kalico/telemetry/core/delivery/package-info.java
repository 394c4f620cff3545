/**
 * Delivery that loses nothing, as a host sees it: the bounded on-disk spool of documents not
 * delivered yet, and the {@link gg.kalico.telemetry.core.delivery.Sleeper} a host or test may give
 * the facade. The rounds themselves (attempts, retries, backoff, deadline) are internal.
 */
package gg.kalico.telemetry.core.delivery;
