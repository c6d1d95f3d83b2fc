package app.pdeck.chaos;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * {@code target/chaos/report.md}: one table row per scenario that has a {@code summary.json}, and per scenario a
 * PNG of requests per second (answered 2xx, 4xx, 5xx, no answer) with the fault window shaded. Drawn with
 * java.awt in headless mode, so nothing but the JDK is needed.
 */
public final class Report {

    private Report() {
    }

    public static int write(Path root) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            list.filter(d -> Files.exists(d.resolve("summary.json"))).sorted().forEach(dirs::add);
        }
        StringBuilder md = new StringBuilder();
        md.append("| scenario | requests | 2xx | 4xx | 5xx (of which 503) | no answer | p99 ms | p99 during fault ms | fault s | "
                + "recovery s | lost | resurrected | lost updates | stale reads | duplicates | check |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        List<String> notes = new ArrayList<>();
        for (Path dir : dirs) {
            Map<String, Object> s = Json.object(Files.readString(dir.resolve("summary.json")));
            Map<?, ?> c = (Map<?, ?>) s.getOrDefault("check", Map.of());
            String scenario = String.valueOf(s.get("scenario"));
            md.append("| ").append(scenario)
                    .append(" | ").append(s.get("requests"))
                    .append(" | ").append(s.get("2xx"))
                    .append(" | ").append(s.get("4xx"))
                    .append(" | ").append(s.get("5xx")).append(s.containsKey("503") ? " (" + s.get("503") + ")" : "")
                    .append(" | ").append(s.get("noAnswer"))
                    .append(" | ").append(s.get("p99Ms"))
                    .append(" | ").append(s.getOrDefault("p99DuringFaultMs", "–"))
                    .append(" | ").append(s.getOrDefault("faultSeconds", "–"))
                    .append(" | ").append(s.getOrDefault("recoverySeconds", "–"))
                    .append(" | ").append(c.containsKey("lostWrites") ? c.get("lostWrites") : "–")
                    .append(" | ").append(c.containsKey("resurrected") ? c.get("resurrected") : "–")
                    .append(" | ").append(c.containsKey("lostUpdates") ? c.get("lostUpdates") : "–")
                    .append(" | ").append(c.containsKey("staleReads") ? c.get("staleReads") : "–")
                    .append(" | ").append(c.containsKey("duplicates") ? c.get("duplicates") : "–")
                    .append(" | ").append(c.isEmpty() ? "–" : Boolean.TRUE.equals(c.get("ok")) ? "pass" : "FAIL")
                    .append(" |\n");
            if (s.get("notes") instanceof Map<?, ?> n && !n.isEmpty()) {
                notes.add("- **" + scenario + "**: " + Json.write(n));
            }
            Path history = dir.resolve("history.jsonl");
            if (Files.exists(history)) {
                chart(dir, scenario, root.resolve(scenario + ".png"));
            }
        }
        if (!notes.isEmpty()) {
            md.append("\n").append(String.join("\n", notes)).append("\n");
        }
        md.append("\nCharts: `<scenario>.png` beside this file (requests per second by outcome; fault window shaded).\n");
        Files.writeString(root.resolve("report.md"), md.toString());
        System.out.print(md);
        return 0;
    }

    private static void chart(Path dir, String scenario, Path png) throws IOException {
        List<Event> events = new ArrayList<>(Chaos.readHistory(dir).stream().filter(e -> e.user() < 10_000).toList());
        if (events.isEmpty()) {
            return;
        }
        long t0 = events.stream().mapToLong(Event::start).min().orElseThrow();
        long t1 = events.stream().mapToLong(Event::end).max().orElseThrow();
        int seconds = (int) ((t1 - t0) / 1_000_000) + 1;
        int[][] buckets = new int[4][seconds];
        for (Event e : events) {
            int s = (int) ((e.end() - t0) / 1_000_000);
            int kind = e.acknowledged() ? 0 : e.refused() ? 1 : e.status() >= 500 ? 2 : 3;
            buckets[kind][Math.min(s, seconds - 1)]++;
        }
        long faultStart = -1;
        long faultEnd = -1;
        Path faults = dir.resolve("faults.jsonl");
        if (Files.exists(faults)) {
            for (String line : Files.readAllLines(faults)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> m = Json.object(line);
                long at = ((Number) m.get("at")).longValue() * 1000;
                if ("start".equals(m.get("event")) && faultStart < 0) {
                    faultStart = at;
                } else if ("end".equals(m.get("event"))) {
                    faultEnd = at;
                }
            }
        }
        int width = 960;
        int height = 320;
        int left = 50;
        int right = 20;
        int top = 30;
        int bottom = 40;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int max = 1;
        for (int[] series : buckets) {
            for (int v : series) {
                max = Math.max(max, v);
            }
        }
        double xScale = (width - left - right) / (double) Math.max(1, seconds - 1);
        double yScale = (height - top - bottom) / (double) max;
        if (faultStart >= 0) {
            int x0 = left + (int) ((faultStart - t0) / 1e6 * xScale);
            int x1 = left + (int) ((Math.max(faultEnd, faultStart) - t0) / 1e6 * xScale);
            g.setColor(new Color(255, 230, 200));
            g.fillRect(x0, top, Math.max(2, x1 - x0), height - top - bottom);
        }
        g.setColor(Color.GRAY);
        g.drawLine(left, height - bottom, width - right, height - bottom);
        g.drawLine(left, top, left, height - bottom);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int s = 0; s < seconds; s += Math.max(1, seconds / 10)) {
            int x = left + (int) (s * xScale);
            g.drawString(s + " s", x - 8, height - bottom + 15);
        }
        g.drawString(String.valueOf(max), 5, top + 5);
        g.drawString("0", 30, height - bottom);
        Color[] colors = {new Color(30, 140, 60), new Color(230, 150, 0), new Color(210, 30, 30), Color.DARK_GRAY};
        String[] labels = {"2xx/s", "4xx/s", "5xx/s", "no answer/s"};
        g.setStroke(new BasicStroke(1.6f));
        for (int k = 0; k < 4; k++) {
            g.setColor(colors[k]);
            for (int s = 1; s < seconds; s++) {
                g.drawLine(left + (int) ((s - 1) * xScale), height - bottom - (int) (buckets[k][s - 1] * yScale),
                        left + (int) (s * xScale), height - bottom - (int) (buckets[k][s] * yScale));
            }
            g.fillRect(left + 200 + k * 120, 10, 10, 10);
            g.drawString(labels[k], left + 214 + k * 120, 19);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(scenario, left, 20);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }
}
