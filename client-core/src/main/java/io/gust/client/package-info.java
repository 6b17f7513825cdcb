/**
 * Everything an application needs for ordinary HTTP work, in one package: {@link
 * io.gust.client.AsyncHttpClient} and its builder (fetches as futures or callbacks, and the
 * blocking {@code send}), {@link io.gust.client.HttpRequest}, {@link io.gust.client.HttpResponse},
 * {@link io.gust.client.Headers}, request bodies ({@link io.gust.client.RequestBody}, {@link
 * io.gust.client.FormBody}, {@link io.gust.client.MultipartBody}), the sinks that take a response
 * body instead of collecting it ({@link io.gust.client.BodySink}, {@link
 * io.gust.client.BodyStream}), {@link io.gust.client.Interceptor}s, {@link
 * io.gust.client.Timings}, the pool snapshot, cookies ({@link io.gust.client.CookieJar},
 * {@link io.gust.client.MemoryCookieJar}, curl's cookie files), authentication ({@link
 * io.gust.client.Authenticator}, Basic and Digest), the resolver SPI ({@link io.gust.client.Resolver}
 * and its blocking default), {@link io.gust.client.TlsOptions}, {@link io.gust.client.Proxy}
 * choices, and every failure a fetch can
 * report ({@link io.gust.client.HttpClientException} and its subtypes).
 *
 * <p>The model types (request, response, headers, bodies, timings, exceptions) are immutable
 * and safe to share between threads. The client's entry points may be called from any thread;
 * futures complete and callbacks run on the loop thread that carried the fetch unless the
 * client was given a callback executor. Inside, every connection, pool and queue belongs to one
 * loop thread and is touched only there, without locks; the client uses the unexported codec
 * ({@code io.gust.http}) and socket layer ({@code io.gust.net}). Cookie jars and authenticators
 * are shared by every loop of a client, so they are thread-safe and never block; the in-memory
 * jar takes a short lock once per request, off the per-byte path.
 *
 * <p>How a request flows, in one direction: {@link io.gust.client.AsyncHttpClient} adds the
 * default fields, runs the application interceptors ({@code InterceptedCall}) and hands the call
 * to a per-loop partition ({@code Partitions} picks one; {@code LoopClient} is the partition: its
 * {@code ClientContext}, pool and queue). A {@code Fetch} is one fetch (the call, or one proceed
 * of its interceptors): its deadline, redirects, retries and single result ({@code Reply}), with
 * each setting the request's own else the client's ({@code ClientConfig}); each network attempt goes through the network
 * interceptors ({@code NetworkAttempts}) and asks the partition for a connection to its {@code
 * Origin} ({@code HostPool} holds the idle and open ones). An {@code Exchange} is one request and
 * its response on one connection, one state machine: a new connection is opened by a {@code
 * ConnectionSetup} (DNS, TCP, the proxy step of a {@code ProxyTunnel} when the fetch's {@code
 * Proxy} asks for one, TLS), a pooled one reused ({@code PooledConnection}); the {@code
 * RequestWriter} sends the request and the {@code ResponseReader} parses the response. Results go
 * back the same way: exchange to fetch (follow, retry or report), and the connection back to its
 * pool. {@code Timings} are gathered by the fetch's {@code TimingRecorder}.
 *
 * <p>Over HTTP/2 ({@code HttpVersions} says when: ALPN or prior knowledge), a {@code
 * PooledConnection} carries an {@code Http2ClientConnection} (with its {@code Http2Liveness}
 * timers) shared by many exchanges at once; such an exchange hands its request to an {@code
 * Http2Stream} ({@code Http2RequestHead}, {@code Http2RequestBody}), whose response goes to the
 * same {@code ResponseReader}, the body ending with the stream. Unprocessed streams are retried
 * within {@code Http2Retries}' budget.
 */
package io.gust.client;
