/**
 * The five sections of the seed, one collector each: {@code machine}, {@code system}, {@code
 * software}, {@code config} and {@code objects}. They degrade instead of throwing: a fact that
 * cannot be read is left out.
 */
package gg.kalico.telemetry.builtin;
