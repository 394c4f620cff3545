package gg.kalico.telemetry.collect.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How stored documents are kept: UTF-8 JSON, deflated at the fastest level (the largest real
 * document, 31 KiB, becomes 8 KiB in 0.1 ms; the default level saves another kilobyte for four
 * times the CPU, which the report writer's host needs more).
 */
public final class Deflated {
  private Deflated() {}

  /** The stored form of a JSON document. */
  public static byte[] of(String json) {
    return of(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The stored form of a JSON document's UTF-8 bytes. */
  public static byte[] of(byte[] raw) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(raw);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 3 + 64);
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /** The JSON document a stored form holds. */
  public static String json(byte[] stored) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(stored);
      ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 4);
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new UncheckedIOException(new IOException("a stored document is truncated"));
        }
        out.write(buf, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (DataFormatException e) {
      throw new UncheckedIOException(new IOException("a stored document is not deflated JSON", e));
    } finally {
      inflater.end();
    }
  }
}
