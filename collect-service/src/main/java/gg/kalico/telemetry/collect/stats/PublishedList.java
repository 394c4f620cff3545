package gg.kalico.telemetry.collect.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * Every list the statistics publish, declared once: its name (in the API, the CSV and the store),
 * its title, where its names come from in the document, its group (the API path and the dashboard's
 * place), whether a machine has one name in it or many, and whether each name has a page of its
 * own. The declaration order is the dashboard's.
 */
public enum PublishedList {
  VERSION(
      "version",
      "Software versions",
      Group.SOFTWARE,
      true,
      false,
      (doc, out) -> text(doc.path("software").path("version"), out)),
  OS(
      "os",
      "Operating systems",
      Group.SYSTEMS,
      true,
      false,
      (doc, out) -> {
        JsonNode os = doc.path("system").path("os_release");
        if (os.path("ID").isString()) {
          out.accept(
              "",
              os.get("ID").asString()
                  + (os.path("VERSION_ID").isString()
                      ? " " + os.get("VERSION_ID").asString()
                      : ""));
        }
      }),
  ARCH(
      "arch",
      "Architectures",
      Group.SYSTEMS,
      true,
      false,
      (doc, out) -> text(doc.path("system").path("arch"), out)),
  SECTIONS(
      "sections",
      "Sections",
      Group.SECTIONS,
      false,
      true,
      (doc, out) -> doc.path("config").propertyNames().forEach(s -> out.accept("", s))),
  MODULES(
      "modules",
      "Modules (first word of a section)",
      Group.SECTIONS,
      false,
      true,
      (doc, out) -> doc.path("config").propertyNames().forEach(s -> out.accept("", module(s)))),
  OBJECTS(
      "objects",
      "Loaded objects",
      Group.OBJECTS,
      false,
      true,
      (doc, out) -> doc.path("objects").forEach(o -> text(o, out))),
  CPU(
      "cpu",
      "Processors",
      Group.SYSTEMS,
      true,
      false,
      (doc, out) -> text(doc.path("system").path("cpu").path("model"), out)),
  BOARD(
      "board",
      "Boards",
      Group.SYSTEMS,
      true,
      false,
      (doc, out) -> text(doc.path("extensions").path("board").path("model"), out)),
  EXTENSIONS(
      "extensions",
      "Extension sections (plugins)",
      Group.EXTENSIONS,
      false,
      false,
      (doc, out) -> doc.path("extensions").propertyNames().forEach(k -> out.accept("", k))),
  MACRO_PACKS(
      "macro_packs",
      "Macro packs",
      Group.EXTENSIONS,
      false,
      false,
      (doc, out) ->
          doc.path("extensions").path("macro-packs").path("packs").forEach(p -> text(p, out))),
  RUNTIME(
      "runtime",
      "Runtimes",
      Group.SYSTEMS,
      true,
      false,
      (doc, out) -> {
        JsonNode runtime = doc.path("system").path("runtime");
        if (runtime.path("name").isString()) {
          out.accept(
              "", runtime.get("name").asString() + " " + runtime.path("version").asString(""));
        }
      }),
  BRANCH(
      "branch",
      "Branches",
      Group.SOFTWARE,
      true,
      false,
      (doc, out) -> text(doc.path("software").path("branch"), out)),
  /** Per section: the options machines set in it (the parent is the section). */
  OPTIONS(
      "options",
      "Options",
      Group.SECTIONS,
      false,
      false,
      (doc, out) ->
          doc.path("config")
              .properties()
              .forEach(
                  section ->
                      section
                          .getValue()
                          .forEach(
                              o -> {
                                if (o.isString() && !o.asString().isEmpty()) {
                                  out.accept(section.getKey(), o.asString());
                                }
                              })));

  /** Where a list is served: {@code /api/v1/<path>}, and its place on the dashboard. */
  public enum Group {
    SYSTEMS("systems"),
    SOFTWARE("software"),
    SECTIONS("sections"),
    OBJECTS("objects"),
    EXTENSIONS("extensions");

    private final String path;

    Group(String path) {
      this.path = path;
    }

    public String path() {
      return path;
    }
  }

  /** The lists whose names are counted per section ({@link #OPTIONS}) are not top-level. */
  public static final List<PublishedList> TOP_LEVEL =
      Arrays.stream(values()).filter(l -> l != OPTIONS).toList();

  private final String id;
  private final String title;
  private final Group group;
  private final boolean oneName;
  private final boolean pages;
  private final BiConsumer<JsonNode, BiConsumer<String, String>> extract;

  PublishedList(
      String id,
      String title,
      Group group,
      boolean oneName,
      boolean pages,
      BiConsumer<JsonNode, BiConsumer<String, String>> extract) {
    this.id = id;
    this.title = title;
    this.group = group;
    this.oneName = oneName;
    this.pages = pages;
    this.extract = extract;
  }

  /** The list's name in the API, the CSV and the store. */
  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public Group group() {
    return group;
  }

  /**
   * Whether a machine has at most one name in this list (a version, an architecture): then its
   * folded row counts machines; in a list of many names per machine it counts mentions.
   */
  public boolean oneName() {
    return oneName;
  }

  /** Whether each shown name has a dashboard page with its trend ({@code /<id>/<name>}). */
  public boolean pages() {
    return pages;
  }

  /** The names a document reports in this list, as (parent, name). */
  public void names(JsonNode document, BiConsumer<String, String> out) {
    extract.accept(document, out);
  }

  /** The list with this id. */
  public static Optional<PublishedList> byId(String id) {
    return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
  }

  /** The top-level lists of one group, in dashboard order. */
  public static List<PublishedList> of(Group group) {
    return TOP_LEVEL.stream().filter(l -> l.group == group).toList();
  }

  /** A section's module: its first word ({@code tmc2209 stepper_x} is module {@code tmc2209}). */
  static String module(String section) {
    String s = section.strip();
    int space = s.indexOf(' ');
    return space < 0 ? s : s.substring(0, space);
  }

  private static void text(JsonNode v, BiConsumer<String, String> out) {
    if (v.isString() && !v.asString().isEmpty()) {
      out.accept("", v.asString());
    }
  }
}
