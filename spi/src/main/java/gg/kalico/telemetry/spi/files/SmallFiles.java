package gg.kalico.telemetry.spi.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Reads a small file whole, safely: it must be a regular file (a FIFO, a device, a socket or a
 * folder is refused before it is opened, so a read never blocks), the same file must still be there
 * once opened (its file key is compared), and at most {@code maxBytes} are read, so a huge file or
 * one that grows is refused instead of filling the memory.
 *
 * <p>{@link Links#REFUSE} is for the files this project writes itself: a symbolic link where one
 * should be is refused. {@link Links#FOLLOW} is for the system's files ({@code /etc/os-release} is
 * a link on most distributions).
 */
public final class SmallFiles {
  /** What to do with a symbolic link where the file should be. */
  public enum Links {
    /** Read what the link points to. */
    FOLLOW,
    /** Refuse: the file is one we write, and nobody should have put a link there. */
    REFUSE
  }

  private SmallFiles() {}

  /**
   * The bytes of {@code file}.
   *
   * @throws NoSuchFileException when there is no file
   * @throws UnsafeFileException when it is a link (with {@link Links#REFUSE}), not a regular file,
   *     larger than {@code maxBytes}, or was replaced while it was opened
   * @throws IOException when it cannot be read
   */
  public static byte[] read(Path file, int maxBytes, Links links) throws IOException {
    Objects.requireNonNull(file, "file");
    LinkOption[] noFollow =
        links == Links.REFUSE ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
    BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class, noFollow);
    if (before.isSymbolicLink()) {
      throw new UnsafeFileException(
          file,
          "is a symbolic link; telemetry keeps this file itself"
              + " and does not follow links there. Remove the link and run again");
    }
    if (!before.isRegularFile()) {
      throw new UnsafeFileException(
          file,
          "is "
              + kind(before)
              + ", not a regular file; remove"
              + " it (telemetry never reads from it) and run again");
    }
    if (before.size() > maxBytes) {
      throw new UnsafeFileException(
          file,
          "is "
              + before.size()
              + " bytes, more than the "
              + maxBytes
              + " such a file may have; it is not read. Remove it and run again");
    }
    OpenOption[] open =
        links == Links.REFUSE
            ? new OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS}
            : new OpenOption[] {StandardOpenOption.READ};
    try (FileChannel channel = FileChannel.open(file, open);
        InputStream in = Channels.newInputStream(channel)) {
      BasicFileAttributes opened = Files.readAttributes(file, BasicFileAttributes.class, noFollow);
      if (!Objects.equals(before.fileKey(), opened.fileKey()) || !opened.isRegularFile()) {
        throw new UnsafeFileException(file, "was replaced while it was being opened; run again");
      }
      // files under /proc say 0 bytes and have more: the bound is on what is read
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new UnsafeFileException(
            file,
            "has more than " + maxBytes + " bytes; it is not" + " read. Remove it and run again");
      }
      return bytes;
    }
  }

  /** {@link #read} as UTF-8 text (malformed bytes become U+FFFD). */
  public static String readText(Path file, int maxBytes, Links links) throws IOException {
    return new String(read(file, maxBytes, links), StandardCharsets.UTF_8);
  }

  /**
   * Throws when {@code path} is a symbolic link: for a file or folder this project creates itself,
   * which it never reaches through a link somebody else put there.
   */
  public static void refuseLink(Path path) throws UnsafeFileException {
    if (Files.isSymbolicLink(path)) {
      throw new UnsafeFileException(
          path,
          "is a symbolic link; telemetry keeps this file itself"
              + " and does not write or delete through links there. Remove the link and run again");
    }
  }

  private static String kind(BasicFileAttributes a) {
    if (a.isDirectory()) {
      return "a folder";
    }
    if (a.isOther()) {
      return "a FIFO, device or socket";
    }
    return "not a plain file";
  }
}
