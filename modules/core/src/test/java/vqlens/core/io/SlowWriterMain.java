package vqlens.core.io;

import java.nio.file.Path;

/**
 * Child process for {@link KilledWriterTest}: starts replacing a file with {@link NpyWriter}, writes half
 * of the values, says so on stdout and waits to be killed.
 */
public final class SlowWriterMain {
    private SlowWriterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        NpyWriter writer = NpyWriter.create(Path.of(args[0]), NpyDtype.FLOAT32, 1000, 100);
        writer.writeFloats(new float[50_000], 0, 50_000);
        System.out.println("HALF WRITTEN");
        System.out.flush();
        Thread.sleep(120_000); // the test kills us long before
        System.exit(3);
    }
}
