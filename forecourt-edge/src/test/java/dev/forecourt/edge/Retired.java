package dev.forecourt.edge;

/** Waits until the configurations a reload replaced have retired (their forecourt-retire threads are done). */
public final class Retired {
    private Retired() {}

    public static void await() throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("forecourt-retire") && t.isAlive())) {
            Thread.sleep(20);
        }
        if (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("forecourt-retire"))) {
            throw new AssertionError("the replaced configuration did not retire within 10 s");
        }
    }
}
