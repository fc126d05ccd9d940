package org.seqvault.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy in front of the test server that breaks a seeded, bounded share of the
 * requests it is told to pick on: it resets the connection before forwarding, cuts the body
 * half-way (the request's for PUTs, the answer's for GETs), answers 502 itself, or stalls.
 * Each request gets a connection of its own ({@code Connection: close} is forced), so a fault
 * hits exactly one request. Point the server's public URL here and presigned URLs come through
 * it too. It can also rewrite answers, to play a server that misbehaves, and hold requests, to
 * stop a transfer at a known point.
 */
public final class FaultyProxy implements AutoCloseable {
    /**
     * Ways to break a request. CORRUPT flips one byte of what passes (for GETs of the answer's
     * body, which only the final SHA-256 check can notice).
     */
    public enum Fault { RESET, CUT_MIDWAY, BAD_GATEWAY, STALL, CORRUPT }

    private static final int CUT_AFTER = 1 << 20;
    private static final long STALL_FOR_MS = 8_000;

    private final ServerSocket listener;
    private final SplittableRandom random;
    private Predicate<String> eligible = line -> false;
    private List<Fault> faults = List.of();
    private double share;
    private int maxFaults;
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private final Map<String, AtomicInteger> injectedByMethod = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger eligibleSeen = new AtomicInteger();
    private volatile List<byte[][]> rewrites = List.of();
    private Predicate<String> holdable = line -> false;
    private int holdPassing;
    private CountDownLatch holdEnds = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    private volatile int upstreamPort;
    private volatile boolean closed;

    /** A proxy that forwards everything untouched until {@link #breakRequests} says otherwise. */
    public FaultyProxy(long seed) throws IOException {
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.random = new SplittableRandom(seed);
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicInteger());
        }
        Thread acceptor = new Thread(this::acceptLoop, "faulty-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * From now on, breaks requests as told (the counts of earlier faults stay).
     *
     * @param eligible  picks requests by their request line ("PUT /_blob/up/… HTTP/1.1")
     * @param faults    the faults to choose from, uniformly
     * @param share     the chance that an eligible request is broken
     * @param maxFaults no more faults than this from now on
     */
    public synchronized void breakRequests(Predicate<String> eligible, List<Fault> faults, double share, int maxFaults) {
        this.eligible = eligible;
        this.faults = List.copyOf(faults);
        this.share = share;
        this.maxFaults = injectedTotal() + maxFaults;
    }

    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /**
     * From now on, answers say {@code to} wherever the server said {@code from}: a server that
     * sends what ours never would (a file named "..", say). Both must be as long in bytes, so
     * that lengths and chunk sizes stay right; answers are then held whole, so keep them small.
     */
    public void rewriteAnswers(String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        if (f.length != t.length || f.length == 0) {
            throw new IllegalArgumentException("a rewrite must keep the length: '" + from + "' -> '" + to + "'");
        }
        List<byte[][]> more = new ArrayList<>(rewrites);
        more.add(new byte[][] {f, t});
        rewrites = List.copyOf(more);
    }

    private byte[] rewrite(byte[] answer) {
        for (byte[][] r : rewrites) {
            for (int i = 0; i + r[0].length <= answer.length; i++) {
                if (java.util.Arrays.equals(answer, i, i + r[0].length, r[0], 0, r[0].length)) {
                    System.arraycopy(r[1], 0, answer, i, r[1].length);
                }
            }
        }
        return answer;
    }

    /**
     * From now on, lets the first {@code passing} requests that {@code holdable} picks through and
     * holds every later one: not forwarded, its connection left open, so a transfer stops at a
     * known point until {@link #stopHolding()}. {@link #held()} counts them.
     */
    public synchronized void holdRequests(Predicate<String> holdable, int passing) {
        this.holdable = holdable;
        this.holdPassing = passing;
    }

    /** Holds no more requests; those held are dropped (their connections closed) unforwarded. */
    public synchronized void stopHolding() {
        holdable = line -> false;
        holdEnds.countDown();
        holdEnds = new CountDownLatch(1);
    }

    /** Requests held so far. */
    public int held() {
        return held.get();
    }

    private synchronized CountDownLatch holdFor(String requestLine) {
        if (!holdable.test(requestLine)) {
            return null;
        }
        if (holdPassing > 0) {
            holdPassing--;
            return null;
        }
        held.incrementAndGet();
        return holdEnds;
    }

    /** Where to forward to; set once the server (which needs our URL first) is up. */
    public void forwardTo(int port) {
        this.upstreamPort = port;
    }

    public int injected(Fault f) {
        return injected.get(f).get();
    }

    /** Faults injected into requests of this method (GET, PUT). */
    public int injectedOn(String method) {
        return injectedByMethod.getOrDefault(method, new AtomicInteger()).get();
    }

    public int injectedTotal() {
        return injected.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int eligibleSeen() {
        return eligibleSeen.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Thread t = new Thread(() -> handle(client), "faulty-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    e.printStackTrace();
                }
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream fromClient = client.getInputStream();
            byte[] head = readHead(fromClient);
            if (head == null) {
                return;
            }
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String requestLine = text.substring(0, text.indexOf("\r\n"));
            CountDownLatch hold = holdFor(requestLine);
            if (hold != null) {
                hold.await(); // then dropped: its client has given up by now
                return;
            }
            Fault fault = choose(requestLine);
            if (fault == Fault.RESET) {
                client.setSoLinger(true, 0); // RST instead of FIN
                return;
            }
            if (fault == Fault.BAD_GATEWAY) {
                client.getOutputStream().write(("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                client.getOutputStream().flush();
                return;
            }
            try (Socket upstream = new Socket()) {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
                upstream.getOutputStream().write(closeAfterOne(text).getBytes(StandardCharsets.ISO_8859_1));
                boolean put = requestLine.startsWith("PUT");
                if (fault == Fault.CORRUPT) {
                    Thread up = new Thread(() -> pipe(fromClient, upstream, Long.MAX_VALUE, put), "faulty-proxy-up");
                    up.setDaemon(true);
                    up.start();
                    pipe(upstream.getInputStream(), client, Long.MAX_VALUE, !put);
                    return;
                }
                if (fault == null) {
                    Thread up = new Thread(() -> pipe(fromClient, upstream, Long.MAX_VALUE), "faulty-proxy-up");
                    up.setDaemon(true);
                    up.start();
                    if (rewrites.isEmpty()) {
                        pipe(upstream.getInputStream(), client, Long.MAX_VALUE);
                    } else {
                        byte[] answer = rewrite(upstream.getInputStream().readAllBytes());
                        client.getOutputStream().write(answer);
                        client.getOutputStream().flush();
                    }
                    return;
                }
                // CUT_MIDWAY and STALL: let 1 MiB through (of the upload, or of the answer), then
                // stop; a stall holds the connection open until the client gives up on it.
                if (put) {
                    pipe(fromClient, upstream, CUT_AFTER);
                } else {
                    Thread up = new Thread(() -> pipe(fromClient, upstream, Long.MAX_VALUE), "faulty-proxy-up");
                    up.setDaemon(true);
                    up.start();
                    pipe(upstream.getInputStream(), client, CUT_AFTER);
                }
                if (fault == Fault.STALL) {
                    Thread.sleep(STALL_FOR_MS);
                }
                upstream.setSoLinger(true, 0);
                client.setSoLinger(true, 0);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // a broken connection is what this proxy is for
        }
    }

    private synchronized Fault choose(String requestLine) {
        if (!eligible.test(requestLine)) {
            return null;
        }
        eligibleSeen.incrementAndGet();
        if (faults.isEmpty() || injectedTotal() >= maxFaults || random.nextDouble() >= share) {
            return null;
        }
        Fault f = faults.get(random.nextInt(faults.size()));
        injected.get(f).incrementAndGet();
        injectedByMethod.computeIfAbsent(requestLine.substring(0, requestLine.indexOf(' ')), m -> new AtomicInteger())
                .incrementAndGet();
        return f;
    }

    /** The request head with any Connection header replaced by {@code Connection: close}. */
    private static String closeAfterOne(String head) {
        List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
        lines.removeIf(l -> l.regionMatches(true, 0, "Connection:", 0, 11));
        lines.add("Connection: close");
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    private static void pipe(InputStream in, Socket to, long limit) {
        pipe(in, to, limit, false);
    }

    /**
     * Copies until EOF or {@code limit} bytes; a stalled or cut fault stops here. With
     * {@code corrupt}, one body byte is flipped: the first of a request body (its head was read
     * already), or one just past the head of an answer.
     */
    private static void pipe(InputStream in, Socket to, long limit, boolean corrupt) {
        try {
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[64 << 10];
            long copied = 0;
            boolean flipped = !corrupt;
            while (copied < limit) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, limit - copied));
                if (n < 0) {
                    break;
                }
                if (!flipped) {
                    int at = bodyStart(buf, n);
                    if (at < n) {
                        buf[at] ^= 0x5a;
                        flipped = true;
                    }
                }
                out.write(buf, 0, n);
                copied += n;
            }
            out.flush();
            if (limit == Long.MAX_VALUE) {
                to.shutdownOutput();
            }
        } catch (IOException e) {
            // the other side went away
        }
    }

    /** Where the body starts in this chunk: after an answer's head, or at 0 for a request body. */
    private static int bodyStart(byte[] buf, int n) {
        if (n >= 5 && buf[0] == 'H' && buf[1] == 'T' && buf[2] == 'T' && buf[3] == 'P') {
            for (int i = 3; i < n; i++) {
                if (buf[i - 3] == '\r' && buf[i - 2] == '\n' && buf[i - 1] == '\r' && buf[i] == '\n') {
                    return i + 1;
                }
            }
            return n;
        }
        return 0;
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 << 10) {
                throw new IOException("request head too large");
            }
        }
        return head.toByteArray();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        stopHolding();
        listener.close();
    }
}
