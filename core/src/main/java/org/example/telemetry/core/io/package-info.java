/** File writing that never leaves a torn file. */
package org.example.telemetry.core.io;
