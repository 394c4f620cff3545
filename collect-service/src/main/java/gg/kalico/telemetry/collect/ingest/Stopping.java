package gg.kalico.telemetry.collect.ingest;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's graceful stop, outermost: once the service stops, every request already begun (a body
 * still arriving included) is finished and answered before the server goes, and a new one is
 * answered 503 with Retry-After as a problem, like every other refusal.
 */
public final class Stopping extends GracefulHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!isShutdown()) {
      return super.handle(request, response, callback);
    }
    Rejection r = Rejection.retryLater(503, "stopping", "the service is stopping", 5);
    response.setStatus(r.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(r.retryAfterSeconds()));
    response.write(true, ByteBuffer.wrap(r.problemJson()), callback);
    return true;
  }
}
