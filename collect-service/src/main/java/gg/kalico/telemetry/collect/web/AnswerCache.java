package gg.kalico.telemetry.collect.web;

import gg.kalico.telemetry.collect.stats.Snapshot;
import gg.kalico.telemetry.collect.stats.Statistics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every statistics answer and page depends only on the published snapshot (and the recorded days,
 * which do not change): each is rendered once per snapshot and then served as bytes, so a dashboard
 * loaded by many people costs one rendering per refresh, not one per visit. Bounded in entries and
 * bytes; a new snapshot empties it.
 */
final class AnswerCache {
  private static final int ENTRIES = 512;
  private static final long BYTES = 32L << 20;

  private record Answer(int status, List<String[]> headers, byte[] body) {}

  private final Statistics statistics;
  private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>(64, 0.75f, true);
  private String version = "";
  private long bytes;

  AnswerCache(Statistics statistics) {
    this.statistics = statistics;
  }

  /** Adds a GET route whose answers are kept for the snapshot they were rendered from. */
  void route(RoutesConfig routes, String path, Handler handler) {
    routes.get(path, wrap(handler));
  }

  /** {@code handler}, its answers kept for the snapshot they were rendered from. */
  Handler wrap(Handler handler) {
    return ctx -> {
      Snapshot s = statistics.current();
      String v = s.generation() + "/" + s.computedAt();
      String key = ctx.path() + "?" + (ctx.queryString() == null ? "" : ctx.queryString());
      Answer hit = lookup(v, key);
      if (hit != null) {
        ctx.status(hit.status());
        hit.headers().forEach(h -> ctx.header(h[0], h[1]));
        ctx.result(hit.body());
        return;
      }
      handler.handle(ctx);
      InputStream result = ctx.resultInputStream();
      byte[] body = result == null ? new byte[0] : result.readAllBytes();
      ctx.result(body);
      List<String[]> headers = new ArrayList<>();
      for (String name : ctx.res().getHeaderNames()) {
        headers.add(new String[] {name, ctx.res().getHeader(name)});
      }
      store(v, key, new Answer(ctx.status().getCode(), headers, body));
    };
  }

  private synchronized Answer lookup(String v, String key) {
    if (!v.equals(version)) {
      answers.clear();
      bytes = 0;
      version = v;
      return null;
    }
    return answers.get(key);
  }

  private synchronized void store(String v, String key, Answer answer) {
    if (!v.equals(version) || answer.body().length > BYTES / 8) {
      return;
    }
    Answer old = answers.put(key, answer);
    bytes += answer.body().length - (old == null ? 0 : old.body().length);
    var eldest = answers.entrySet().iterator();
    while ((answers.size() > ENTRIES || bytes > BYTES) && eldest.hasNext()) {
      Map.Entry<String, Answer> e = eldest.next();
      bytes -= e.getValue().body().length;
      eldest.remove();
    }
  }
}
