package gg.kalico.telemetry.collect.ingest;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A report body's limits and its decoding: at most the decoded limit once un-gzipped (and on the
 * wire, since an identity body is its own decoding). Decompression stops as soon as the limit is
 * passed and draws every byte it holds from the request's {@link MemoryBudget.Lease}, so a gzip
 * bomb costs at most the limit, never what it would expand to, and many at once cost at most the
 * budget.
 */
final class RequestBody {
  private RequestBody() {}

  /**
   * Refuses an unknown encoding before the body is looked at.
   *
   * @throws Rejection 415
   */
  static boolean gzip(String contentEncoding) {
    String encoding =
        contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    if (!encoding.equals("gzip") && !encoding.equals("identity")) {
      throw Rejection.of(415, "encoding", "Content-Encoding must be gzip or absent");
    }
    return encoding.equals("gzip");
  }

  /** The decoded body, or a {@link Rejection} (413, 400, 503 past the budget). */
  static byte[] decode(byte[] wire, boolean gzip, int maxDecoded, MemoryBudget.Lease lease)
      throws IOException {
    if (wire.length > maxDecoded) {
      throw tooLarge(maxDecoded);
    }
    if (!gzip) {
      return wire;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(wire), 8192)) {
      byte[] out = new byte[0];
      int size = 0;
      while (true) {
        if (size == out.length) {
          if (size >= maxDecoded) {
            if (in.read() == -1) {
              break;
            }
            throw tooLarge(maxDecoded);
          }
          int capacity = (int) Math.min(maxDecoded, Math.max(16384, (long) out.length * 2));
          lease.grow(capacity - out.length);
          out = Arrays.copyOf(out, capacity);
        }
        int n = in.read(out, size, out.length - size);
        if (n == -1) {
          break;
        }
        size += n;
      }
      return Arrays.copyOf(out, size);
    } catch (ZipException | EOFException e) {
      throw Rejection.of(400, "gzip", "the body is not valid gzip");
    }
  }

  static Rejection tooLarge(int maxDecoded) {
    return Rejection.of(
        413,
        "too_large",
        "a report may be at most " + (maxDecoded >> 10) + " KiB uncompressed (and as sent)");
  }
}
