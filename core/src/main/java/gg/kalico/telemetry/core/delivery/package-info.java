/**
 * Delivery that loses nothing: a bounded on-disk spool, and sending rounds with retries, full
 * jitter backoff and Retry-After, under one idempotency key per document.
 */
package gg.kalico.telemetry.core.delivery;
