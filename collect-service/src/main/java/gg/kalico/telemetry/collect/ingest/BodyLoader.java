package gg.kalico.telemetry.collect.ingest;

import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads a request's body before the request is given a thread: Jetty hands over each piece as it
 * arrives, this copies it into a buffer drawn from the {@link MemoryBudget}, and only the whole
 * body (or why it could not be had) goes on to the application. A client that sends slowly or
 * stalls costs its connection and the bytes it sent, never a worker blocked in a read; Jetty's idle
 * timeout and minimum data rate ({@code MinimumDataRateHandler}, in front of this) end it, and the
 * application answers 408.
 *
 * <p>A body declared larger than the limit is not read at all; one that grows past it (chunked) is
 * read no further. The application finds the result in the request attribute {@link #ATTRIBUTE};
 * the bytes stay leased until the request is complete.
 */
public final class BodyLoader extends Handler.Wrapper {
  /** The request attribute holding the {@link Loaded} body. */
  public static final String ATTRIBUTE = BodyLoader.class.getName();

  /**
   * What the loader leaves for the application: the body as sent, or the refusal to answer (its
   * size, its pace, the budget), and the lease its bytes are held under.
   */
  public record Loaded(byte[] wire, Rejection refused, MemoryBudget.Lease lease) {}

  private final int maxWire;
  private final MemoryBudget budget;

  /** Loads bodies of at most {@code maxWire} bytes within {@code budget}. */
  public BodyLoader(int maxWire, MemoryBudget budget) {
    this.maxWire = maxWire;
    this.budget = budget;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Handler next = getHandler();
    if (next == null) {
      return false;
    }
    if (request.getLength() > maxWire) {
      // refused on its declared length, without reading a byte of it
      return next.handle(request, response, callback);
    }
    MemoryBudget.Lease lease = budget.lease();
    new Loading(next, request, response, Callback.from(callback, lease::close), lease).run();
    return true;
  }

  /** One body being read; {@link #run} is also Jetty's demand callback. */
  private final class Loading implements Runnable {
    private final Handler next;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final MemoryBudget.Lease lease;
    private byte[] buffer = new byte[0];
    private int size;

    Loading(
        Handler next,
        Request request,
        Response response,
        Callback callback,
        MemoryBudget.Lease lease) {
      this.next = next;
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.lease = lease;
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          dispatch(null, failure(chunk.getFailure()), false);
          return;
        }
        boolean last = chunk.isLast();
        try {
          append(chunk);
        } catch (Rejection r) {
          dispatch(null, r, false);
          return;
        } finally {
          chunk.release();
        }
        if (last) {
          dispatch(Arrays.copyOf(buffer, size), null, true);
          return;
        }
      }
    }

    private void append(Content.Chunk chunk) {
      int n = chunk.remaining();
      if (n == 0) {
        return;
      }
      if ((long) size + n > maxWire) {
        throw RequestBody.tooLarge(maxWire);
      }
      if (size + n > buffer.length) {
        // doubling, up to the declared length: what is held follows what arrived, so a body
        // declared large but sent slowly holds only what it sent
        long declared = request.getLength();
        long capacity = Math.max(size + n, Math.max(8192, buffer.length * 2L));
        capacity = Math.min(capacity, declared > 0 ? Math.max(declared, size + n) : maxWire);
        lease.grow(capacity - buffer.length);
        buffer = Arrays.copyOf(buffer, (int) capacity);
      }
      chunk.getByteBuffer().get(buffer, size, n);
      size += n;
    }

    private void dispatch(byte[] wire, Rejection refused, boolean consumed) {
      request.setAttribute(ATTRIBUTE, new Loaded(wire, refused, lease));
      Request onward = consumed ? new Consumed(request) : request;
      try {
        if (!next.handle(onward, response, callback)) {
          Response.writeError(onward, response, callback, HttpStatus.NOT_FOUND_404);
        }
      } catch (Throwable x) {
        callback.failed(x);
      }
    }
  }

  /** A body that ended too slowly is 408, one the client broke off is 400. */
  private static Rejection failure(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException) {
        return Rejection.of(408, "slow_body", "the body arrived too slowly");
      }
    }
    return Rejection.of(400, "body", "the body could not be read to its end");
  }

  /** The request once its body was read here: the application reads an ended body. */
  private static final class Consumed extends Request.Wrapper {
    Consumed(Request wrapped) {
      super(wrapped);
    }

    @Override
    public Content.Chunk read() {
      return Content.Chunk.EOF;
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }
  }
}
