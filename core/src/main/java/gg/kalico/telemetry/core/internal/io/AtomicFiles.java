package gg.kalico.telemetry.core.internal.io;

import gg.kalico.telemetry.spi.files.SmallFiles;
import gg.kalico.telemetry.spi.files.UnsafeFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Replaces a file so that readers see either the old bytes or the new ones, never a torn file: the
 * new bytes go to a temporary file in the same folder (created new, under a name nobody can
 * predict, with the final mode from the start), are forced to disk, and are renamed over the
 * target. An existing file keeps its permissions and owner.
 *
 * <p>{@link #write} is for the files this project keeps itself and refuses a symbolic link where
 * the file should be; {@link #prepare} is for the user's config files, which may be links (the link
 * is followed and stays a link).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to one of this project's own files atomically.
   *
   * @return the path written
   * @throws UnsafeFileException if a symbolic link stands where the file should be
   * @throws IOException if the folder is not writable or the disk is full; the target is then
   *     unchanged and no temporary file is left behind
   */
  public static Path write(Path target, byte[] bytes) throws IOException {
    SmallFiles.refuseLink(target);
    Prepared prepared = prepare(target, bytes, null);
    try {
      return prepared.commit();
    } finally {
      prepared.discard();
    }
  }

  /**
   * Writes a new file that must not exist yet (nor a link by its name), with the mode and owner of
   * {@code modeFrom}: a backup takes its source's, so a 0600 config never yields a 0644 backup. The
   * bytes are forced to disk before this returns.
   *
   * @throws java.nio.file.FileAlreadyExistsException when anything has that name already
   */
  public static Path createNew(Path target, byte[] bytes, Path modeFrom) throws IOException {
    Set<PosixFilePermission> perms = permissions(modeFrom);
    boolean done = false;
    try {
      writeNew(target, bytes, perms);
      copyOwner(modeFrom, target);
      done = true;
      return target;
    } finally {
      if (!done && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.deleteIfExists(target);
      }
    }
  }

  /**
   * Makes sure the folder exists, creating it (and not its parents) when it does not; a link or a
   * file by its name is refused, so nothing is ever written through it.
   */
  public static Path ownFolder(Path dir) throws IOException {
    SmallFiles.refuseLink(dir);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        // made meanwhile by another process: fine if it is a folder, checked below
      }
      SmallFiles.refuseLink(dir);
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new UnsafeFileException(
            dir,
            "is not a folder; telemetry keeps its files there." + " Move it away and run again");
      }
    }
    return dir;
  }

  /**
   * For the user's config files: the new bytes are on disk, forced, beside the target, and the
   * target is untouched until {@link Prepared#commit()}. A symbolic link is followed (a config may
   * be a link, and stays one). Lets a caller prepare several files before replacing any.
   */
  public static Prepared prepare(Path target, byte[] bytes) throws IOException {
    return prepare(target, bytes, null);
  }

  private static Prepared prepare(Path target, byte[] bytes, Path modeFrom) throws IOException {
    Path real = resolveLinks(target);
    Path dir = real.toAbsolutePath().getParent();
    Path temp = dir.resolve("." + real.getFileName() + ".tmp-" + unpredictable());
    // the file keeps its own mode and owner; a new one takes them from modeFrom
    Path model = Files.exists(real) ? real : modeFrom;
    Set<PosixFilePermission> perms = model == null ? null : permissions(model);
    boolean done = false;
    try {
      writeNew(temp, bytes, perms);
      if (model != null) {
        copyPermissions(model, temp);
        copyOwner(model, temp);
      }
      done = true;
      return new Prepared(real, temp);
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** New bytes waiting beside their target. */
  public static final class Prepared {
    private final Path target;
    private final Path temp;
    private boolean committed;

    private Prepared(Path target, Path temp) {
      this.target = target;
      this.temp = temp;
    }

    /** The real file that {@link #commit()} replaces. */
    public Path target() {
      return target;
    }

    /** Renames the new bytes over the target, then syncs the folder. */
    public Path commit() throws IOException {
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      committed = true;
      syncDirectory(target.toAbsolutePath().getParent());
      return target;
    }

    /** Removes the temporary file if it was not committed; safe to call twice. */
    public void discard() {
      if (!committed) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a leftover hidden temporary file is harmless and never read
        }
      }
    }
  }

  /**
   * Creates {@code file} (which must not exist: a link by its name is not followed) with the final
   * mode from the start (the umask can only narrow it), never readable by others for a moment and
   * then narrowed, and forces the bytes to disk.
   */
  private static void writeNew(Path file, byte[] bytes, Set<PosixFilePermission> perms)
      throws IOException {
    Set<OpenOption> open =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    try (FileChannel ch =
        perms == null
            ? FileChannel.open(file, open)
            : FileChannel.open(file, open, PosixFilePermissions.asFileAttribute(perms))) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  /** 64 random bits from a secure source, in hex: a name nobody can create in advance. */
  public static String unpredictable() {
    return Long.toHexString(Random.SOURCE.nextLong() | Long.MIN_VALUE);
  }

  /** Made on first use: reading /dev/urandom is kept off the show path. */
  private static final class Random {
    static final SecureRandom SOURCE = new SecureRandom();
  }

  private static Path resolveLinks(Path target) throws IOException {
    Path p = target;
    for (int i = 0; i < 40 && Files.isSymbolicLink(p); i++) {
      Path link = Files.readSymbolicLink(p);
      p = p.toAbsolutePath().getParent().resolve(link);
    }
    return p;
  }

  private static Set<PosixFilePermission> permissions(Path from) {
    if (from == null) {
      return null;
    }
    try {
      return Files.getPosixFilePermissions(from);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Keeps the owner (when this process may: a root process writing a user's file). */
  private static void copyOwner(Path from, Path to) {
    if (from == null) {
      return;
    }
    try {
      UserPrincipal owner = Files.getOwner(from);
      if (!owner.equals(Files.getOwner(to))) {
        Files.setOwner(to, owner);
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // not allowed or not supported: the file belongs to whoever writes it
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(from);
      Files.setPosixFilePermissions(to, perms);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the platform default applies
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems cannot sync a directory; the rename itself is still atomic
    }
  }
}
