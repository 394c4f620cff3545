/** File writing that never leaves a torn file. */
package gg.kalico.telemetry.core.io;
