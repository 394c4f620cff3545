package gg.kalico.telemetry.collect.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a report body within its limits: at most {@value #MAX_WIRE} bytes as sent and
 * {@value #MAX_DECODED} bytes once un-gzipped. Decompression stops as soon as the limit is
 * passed, so a gzip bomb costs at most the limit, never what it would expand to.
 */
final class RequestBody {
  static final int MAX_WIRE = 1 << 20;
  static final int MAX_DECODED = 8 << 20;

  private RequestBody() {}

  /** The decoded body, or a {@link Rejection} (413, 415, 400). */
  static byte[] read(InputStream in, long declaredLength, String contentEncoding)
      throws IOException {
    String encoding = contentEncoding == null ? "identity"
        : contentEncoding.strip().toLowerCase(Locale.ROOT);
    if (!encoding.equals("gzip") && !encoding.equals("identity")) {
      throw Rejection.of(415, "encoding", "Content-Encoding must be gzip or absent");
    }
    if (declaredLength > MAX_WIRE) {
      throw tooLarge();
    }
    byte[] wire = readAtMost(in, MAX_WIRE);
    if (encoding.equals("identity")) {
      return wire;
    }
    try (InputStream gunzip = new GZIPInputStream(new java.io.ByteArrayInputStream(wire))) {
      return readAtMost(gunzip, MAX_DECODED);
    } catch (ZipException | java.io.EOFException e) {
      throw Rejection.of(400, "gzip", "the body is not valid gzip");
    }
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
    byte[] buf = new byte[16 * 1024];
    int total = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      total += n;
      if (total > limit) {
        throw tooLarge();
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static Rejection tooLarge() {
    return Rejection.of(413, "too_large", "a report may be at most " + (MAX_WIRE >> 20)
        + " MiB as sent and " + (MAX_DECODED >> 20) + " MiB uncompressed");
  }
}
