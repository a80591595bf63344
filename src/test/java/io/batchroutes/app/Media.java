package io.batchroutes.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real media for tests, made and measured with ffmpeg and ffprobe. */
final class Media {

    private Media() {
    }

    /** A small MP4 with a sine tone and a black picture, {@code seconds} long. */
    static void makeMp4(Path target, int seconds) throws IOException, InterruptedException {
        run(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
                "-f", "lavfi", "-i", "color=c=black:s=64x64:d=" + seconds + ":r=10",
                "-shortest", "-c:v", "mpeg4", "-c:a", "aac", target.toString()));
    }

    /** The duration ffprobe reads from an audio file's first audio stream, and its codec: {@code "mp3 2.04"}. */
    static String probeAudio(Path file) throws IOException, InterruptedException {
        return run(List.of("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name:format=duration",
                "-of", "default=noprint_wrappers=1:nokey=1", file.toString())).strip().replace('\n', ' ');
    }

    private static String run(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(argv.get(0) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
