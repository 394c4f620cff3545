/**
 * Test helper for plugin authors: run a collector the way the host runs it and get its section,
 * checked against its own schema and the host's rules, with canaries planted in every config value.
 */
package gg.kalico.telemetry.testkit;
