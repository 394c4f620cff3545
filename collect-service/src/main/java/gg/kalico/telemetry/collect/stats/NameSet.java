package gg.kalico.telemetry.collect.stats;

import gg.kalico.telemetry.collect.store.NameKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import tools.jackson.databind.JsonNode;

/**
 * What one machine adds to the counts: each name it reports in each published list, a mark per list
 * it reports at all, and the mark every counted machine carries ({@link #ACTIVE}). Stored with the
 * machine (deflated) so that the next change is counted as a difference against exactly what was
 * counted before.
 */
final class NameSet {
  /** The list whose mark every counted machine has: its total is the active machines. */
  static final String ACTIVE = "machines";

  private static final NameKey ACTIVE_MARK = NameKey.reported(ACTIVE, "");

  private NameSet() {}

  /** The names a document reports. */
  static Set<NameKey> of(JsonNode document) {
    Set<NameKey> out = new HashSet<>();
    out.add(ACTIVE_MARK);
    for (PublishedList list : PublishedList.values()) {
      list.names(
          document,
          (parent, name) -> {
            if (!name.isEmpty()) {
              out.add(new NameKey(list.id(), parent, name));
              out.add(NameKey.reported(list.id(), parent));
            }
          });
    }
    return out;
  }

  /** The stored form: sorted, list and parent written once per run, deflated. */
  static byte[] encode(Set<NameKey> names) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
      out.writeInt(names.size());
      NameKey previous = null;
      for (NameKey k : new TreeSet<>(names)) {
        boolean same =
            previous != null
                && previous.list().equals(k.list())
                && previous.parent().equals(k.parent());
        out.writeBoolean(same);
        if (!same) {
          out.writeUTF(k.list());
          out.writeUTF(k.parent());
        }
        out.writeUTF(k.name());
        previous = k;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The names of a stored form; empty for null (a machine not counted). */
  static Set<NameKey> decode(byte[] stored) {
    Set<NameKey> out = new HashSet<>();
    if (stored == null) {
      return out;
    }
    try (DataInputStream in =
        new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(stored)))) {
      int n = in.readInt();
      String list = null;
      String parent = null;
      for (int i = 0; i < n; i++) {
        if (!in.readBoolean()) {
          list = in.readUTF();
          parent = in.readUTF();
        }
        out.add(new NameKey(list, parent, in.readUTF()));
      }
    } catch (IOException e) {
      throw new CountsDamagedException(e);
    }
    return out;
  }
}
