package org.deepfig.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven through the DevTools protocol over Java's own WebSocket client: opens a page as a person
 * would, and reports what a person would notice — images that did not load, console errors and uncaught exceptions,
 * failed requests — plus what the page's DOM says. No page of ours contains a script; the checks run from outside.
 */
final class Chromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

  /** What a page showed and what went wrong while it loaded. */
  record PageReport(String url, List<String> errors, List<String> brokenImages, List<String> links,
      int imageCount, String title, boolean pwned, int scrollWidth, String focusedThumbnail, JsonNode probe) {}

  static void assumeInstalled() {
    Assumptions.assumeTrue(Files.isExecutable(BINARY),
        "headless Chromium not installed (" + BINARY + "); scripts/install-deps.sh installs it");
  }

  Chromium() throws Exception {
    profile = Files.createTempDirectory("deepfig-chromium-");
    process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--hide-scrollbars", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String ws = null;
    BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    for (String line; ws == null && (line = err.readLine()) != null; ) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) ws = m.group(1);
    }
    if (ws == null) throw new IOException("Chromium did not start its DevTools endpoint");
    Thread drain = new Thread(() -> err.lines().forEach(l -> {}), "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(ws), new Listener())
        .get(20, TimeUnit.SECONDS);
  }

  /** Opens {@code page} in a fresh tab of the given width and reports on it; saves a screenshot if asked. */
  PageReport open(Path page, int width, int height, Path screenshot) throws Exception {
    return open(page, width, height, false, screenshot, null);
  }

  /**
   * As {@link #open(Path, int, int, Path)}; {@code touch} emulates a touch screen (no hover, coarse pointer), and
   * {@code probe}, a script whose value is JSON text, runs after the page's own checks (its value in
   * {@link PageReport#probe()}).
   */
  PageReport open(Path page, int width, int height, boolean touch, Path screenshot, String probe) throws Exception {
    String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
    String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
        .path("sessionId").asText();
    try {
      call(session, "Page.enable", Map.of());
      call(session, "Runtime.enable", Map.of());
      call(session, "Log.enable", Map.of());
      call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
          "deviceScaleFactor", 1, "mobile", width < 600));
      if (touch) {
        call(session, "Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        call(session, "Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "hover", "value", "none"),
            Map.of("name", "any-hover", "value", "none"), Map.of("name", "pointer", "value", "coarse"))));
      }
      events.clear();
      String url = page.toUri().toString();
      call(session, "Page.navigate", Map.of("url", url));
      List<String> errors = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      boolean loaded = false;
      while (!loaded && System.nanoTime() < deadline) {
        JsonNode e = events.poll(200, TimeUnit.MILLISECONDS);
        if (e == null || !session.equals(e.path("sessionId").asText())) continue;
        loaded = collect(e, errors) ;
      }
      if (!loaded) errors.add("page did not finish loading in 30 s");
      // events that arrive just after load (late console output) still count
      for (JsonNode e; (e = events.poll(300, TimeUnit.MILLISECONDS)) != null; ) collect(e, errors);
      JsonNode dom = JSON.readTree(evaluate(session, """
          JSON.stringify({
            images: [...document.images].map(i => ({src: i.getAttribute('src').slice(0, 120),
                ok: i.complete && i.naturalWidth > 0})),
            links: [...document.querySelectorAll('a[href]')].map(a => a.href),
            title: document.title,
            pwned: document.documentElement.dataset.pwned !== undefined,
            scrollWidth: document.documentElement.scrollWidth,
            thumb: (() => {  // the first hover thumbnail, focused as a keyboard user would
              const h = document.querySelector('.hotspot.thumb');
              if (!h) return null;
              h.focus();
              const b = getComputedStyle(h, '::before');
              return {image: b.backgroundImage.slice(0, 200), position: b.backgroundPosition, width: b.width,
                  display: b.display};
            })()
          })"""));
      List<String> broken = new ArrayList<>();
      for (JsonNode i : dom.path("images")) if (!i.path("ok").asBoolean()) broken.add(i.path("src").asText());
      List<String> links = new ArrayList<>();
      dom.path("links").forEach(l -> links.add(l.asText()));
      JsonNode probed = probe == null ? null : JSON.readTree(evaluate(session, probe));
      if (screenshot != null) {
        Files.createDirectories(screenshot.getParent());
        String png = call(session, "Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        Files.write(screenshot, Base64.getDecoder().decode(png));
      }
      return new PageReport(url, errors, broken, links, dom.path("images").size(), dom.path("title").asText(),
          dom.path("pwned").asBoolean(), dom.path("scrollWidth").asInt(),
          dom.path("thumb").isObject() ? dom.path("thumb").toString() : null, probed);
    } finally {
      call(null, "Target.closeTarget", Map.of("targetId", target));
    }
  }

  /** Records what went wrong; true at the load event. */
  private static boolean collect(JsonNode e, List<String> errors) {
    JsonNode p = e.path("params");
    switch (e.path("method").asText()) {
      case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails").path("exception")
          .path("description").asText(p.path("exceptionDetails").path("text").asText()));
      case "Runtime.consoleAPICalled" -> {
        if (p.path("type").asText().equals("error") || p.path("type").asText().equals("assert")) {
          errors.add("console." + p.path("type").asText() + ": " + p.path("args").path(0).path("value").asText());
        }
      }
      case "Log.entryAdded" -> {
        if (p.path("entry").path("level").asText().equals("error")) {
          errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
        }
      }
      case "Page.loadEventFired" -> {
        return true;
      }
      default -> { }
    }
    return false;
  }

  private String evaluate(String session, String expression) throws Exception {
    JsonNode r = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (r.has("exceptionDetails")) throw new IllegalStateException("check script failed: " + r);
    return r.path("result").path("value").asText();
  }

  private JsonNode call(String session, String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", JSON.valueToTree(params));
    if (session != null) msg.put("sessionId", session);
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
    JsonNode r = reply.get(30, TimeUnit.SECONDS);
    if (r.has("error")) throw new IllegalStateException(method + ": " + r.get("error"));
    return r.path("result");
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode m = JSON.readTree(partial.toString());
          if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) f.complete(m);
          } else {
            events.add(m);
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the browser goes anyway
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var s = Files.walk(profile)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
