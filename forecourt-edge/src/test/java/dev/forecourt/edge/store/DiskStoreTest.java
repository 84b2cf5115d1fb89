package dev.forecourt.edge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk store through its API: budget, eviction order, restarts, interrupted and concurrent writes. */
class DiskStoreTest {
    @TempDir
    Path dir;

    /** A user whose entries are files named {@code *.e}, whose meta is their text. */
    private final List<String> evicted = new ArrayList<>();
    private final EntryFiles<String> text = new EntryFiles<>() {
        @Override
        public String describe(Path file, long bytes) throws IOException {
            if (!file.getFileName().toString().endsWith(".e")) {
                return null;
            }
            String s = Files.readString(file);
            if (s.startsWith("bad")) {
                throw new IOException("says it is bad");
            }
            return s;
        }

        @Override
        public boolean owns(String name) {
            return name.endsWith(".e");
        }

        @Override
        public void evicted(String name, String meta) {
            evicted.add(name);
        }
    };

    private DiskStore<String> open(long budget) throws IOException {
        return DiskStore.open("test", dir, budget, text);
    }

    private static String put(DiskStore<String> store, String name, String content) throws IOException {
        return store.put(name, ch -> {
            ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            return content;
        });
    }

    private static String read(DiskStore<String> store, String name) throws IOException {
        Path p = store.use(name);
        return p == null ? null : Files.readString(p);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private long diskBytes() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void evictsTheLeastRecentlyUsedToKeepItsBudget() throws Exception {
        try (DiskStore<String> store = open(300)) {
            for (String n : List.of("a.e", "b.e", "c.e")) {
                put(store, n, n.repeat(25)); // 75 bytes each
            }
            put(store, "d.e", "d".repeat(75));
            assertThat(store.bytes()).isEqualTo(300);
            assertThat(read(store, "a.e")).as("read: now the most recently used").isNotNull();
            put(store, "e.e", "e".repeat(150));
            assertThat(evicted).containsExactly("b.e", "c.e");
            assertThat(read(store, "a.e")).isEqualTo("a.e".repeat(25));
            assertThat(store.use("b.e")).isNull();
            assertThat(store.bytes()).isEqualTo(300).isEqualTo(diskBytes());
            assertThat(files()).containsExactly("a.e", "d.e", "e.e");
        }
    }

    @Test
    void aBudgetLoweredAtRunTimeIsKeptFromTheNextWrite() throws Exception {
        try (DiskStore<String> store = open(1000)) {
            for (int i = 0; i < 5; i++) {
                put(store, i + ".e", "x".repeat(100));
            }
            store.budget(250);
            assertThat(store.budget()).isEqualTo(250);
            put(store, "new.e", "y".repeat(100));
            assertThat(store.bytes()).isEqualTo(200).isEqualTo(diskBytes());
            assertThat(files()).containsExactly("4.e", "new.e");
            assertThat(evicted).containsExactly("0.e", "1.e", "2.e", "3.e");
        }
    }

    @Test
    void anEntryLargerThanTheWholeBudgetIsNotKeptAndEvictsNothing() throws Exception {
        try (DiskStore<String> store = open(100)) {
            put(store, "a.e", "a".repeat(60));
            assertThat(put(store, "big.e", "b".repeat(101))).isNull();
            assertThat(files()).containsExactly("a.e");
            assertThat(evicted).isEmpty();
        }
    }

    @Test
    void aRestartFindsItsEntriesInTheOrderTheyWereLastUsed() throws Exception {
        try (DiskStore<String> store = open(1000)) {
            for (String n : List.of("a.e", "b.e", "c.e")) {
                put(store, n, n.repeat(100)); // 300 bytes each
            }
        }
        Files.writeString(dir.resolve("notes.txt"), "not an entry: left alone, not counted");
        Instant now = Instant.now();
        Files.setLastModifiedTime(dir.resolve("a.e"), FileTime.from(now.plus(3, ChronoUnit.HOURS)));
        Files.setLastModifiedTime(dir.resolve("b.e"), FileTime.from(now.plus(1, ChronoUnit.HOURS)));
        Files.setLastModifiedTime(dir.resolve("c.e"), FileTime.from(now.plus(2, ChronoUnit.HOURS)));
        try (DiskStore<String> again = open(1000)) {
            assertThat(again.entries()).isEqualTo(3);
            assertThat(again.bytes()).isEqualTo(900);
            List<String> order = new ArrayList<>();
            again.forEach((name, meta) -> order.add(name + "=" + meta.length()));
            assertThat(order).containsExactly("b.e=300", "c.e=300", "a.e=300");
            put(again, "d.e", "d".repeat(300));
            assertThat(evicted).containsExactly("b.e");
            assertThat(files()).containsExactly("a.e", "c.e", "d.e", "notes.txt");
        }
    }

    @Test
    void aFileItsUserFindsDamagedIsDeletedAtOpen() throws Exception {
        Files.writeString(dir.resolve("ok.e"), "fine");
        Files.writeString(dir.resolve("broken.e"), "bad bytes");
        try (DiskStore<String> store = open(1000)) {
            assertThat(store.entries()).isEqualTo(1);
            assertThat(files()).containsExactly("ok.e");
        }
    }

    /** A directory shared with the user's own files: the store opens, fills and evicts without touching them. */
    @Test
    void filesItsUserDoesNotOwnAreNeverTouched() throws Exception {
        Files.writeString(dir.resolve("forecourt.yaml"), "services: {}\n");
        Files.writeString(dir.resolve("notes.tmp"), "mine");
        Files.writeString(dir.resolve("draft.1f.tmp"), "mine too");
        Files.writeString(dir.resolve("broken.e"), "bad bytes");
        try (DiskStore<String> store = open(1000)) {
            put(store, "a.e", "12345");
            assertThat(store.entries()).isEqualTo(1);
            assertThat(files()).as("its own damaged entry deleted; the user's files, .tmp or not, left alone")
                    .containsExactly("a.e", "draft.1f.tmp", "forecourt.yaml", "notes.tmp");
        }
        assertThat(Files.readString(dir.resolve("forecourt.yaml"))).isEqualTo("services: {}\n");
    }

    @Test
    void aWriteInterruptedMidwayIsNeverServedAndItsTemporaryFileIsDeletedAtOpen() throws Exception {
        try (DiskStore<String> store = open(1000)) {
            put(store, "k.e", "the old entry");
        }
        Files.writeString(dir.resolve("k.e.1f2e3d.tmp"), "the new entry, half wri"); // the process died here
        Files.writeString(dir.resolve("other.e.99.tmp"), "never finished");
        try (DiskStore<String> store = open(1000)) {
            assertThat(files()).containsExactly("k.e");
            assertThat(read(store, "k.e")).isEqualTo("the old entry");
            assertThat(store.use("other.e")).isNull();
        }
    }

    @Test
    void aWriterThatFailsLeavesTheOldEntryAndNoTemporaryFile() throws Exception {
        try (DiskStore<String> store = open(1000)) {
            put(store, "k.e", "the old entry");
            assertThatThrownBy(() -> store.put("k.e", ch -> {
                ch.write(ByteBuffer.wrap("the new ent".getBytes(StandardCharsets.UTF_8)));
                throw new IOException("the source went away");
            })).hasMessage("the source went away");
            assertThat(read(store, "k.e")).isEqualTo("the old entry");
            assertThat(files()).containsExactly("k.e");
            assertThat(store.bytes()).isEqualTo("the old entry".length());
        }
    }

    @Test
    void aReaderSeesTheWholeOldEntryWhileTheNewOneIsWritten() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (DiskStore<String> store = open(1000)) {
            put(store, "k.e", "old, whole");
            CountDownLatch halfway = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            Future<String> done = writer.submit(() -> store.put("k.e", ch -> {
                ch.write(ByteBuffer.wrap("new, ha".getBytes(StandardCharsets.UTF_8)));
                halfway.countDown();
                try {
                    if (!finish.await(10, TimeUnit.SECONDS)) {
                        throw new IOException("not let finish");
                    }
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                ch.write(ByteBuffer.wrap("lf and then whole".getBytes(StandardCharsets.UTF_8)));
                return "new";
            }));
            assertThat(halfway.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(read(store, "k.e")).isEqualTo("old, whole");
            finish.countDown();
            assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo("new");
            assertThat(read(store, "k.e")).isEqualTo("new, half and then whole");
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void concurrentWritersOfOneNameLeaveOneWholeEntry() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (DiskStore<String> store = open(1 << 20)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> all = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String content = Character.toString('a' + w).repeat(1000 + 100 * w); // whose, and whole: by its length
                all.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < 50; i++) {
                        put(store, "k.e", content);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : all) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(files()).containsExactly("k.e");
            assertThat(store.entries()).isEqualTo(1);
            String stored = read(store, "k.e");
            int writer = stored.charAt(0) - 'a';
            assertThat(stored).isEqualTo(Character.toString('a' + writer).repeat(1000 + 100 * writer));
            assertThat(store.bytes()).isEqualTo(stored.length());
            String[] meta = new String[1];
            store.forEach((name, m) -> meta[0] = m);
            assertThat(meta[0]).as("the index describes the file that won").isEqualTo(stored);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theIndexHoldsAtMostMaxEntriesAtOpenAndAfterWrites() throws Exception {
        try (DiskStore<String> store = DiskStore.open("test", dir, 1 << 20, 3, text)) {
            for (int i = 0; i < 5; i++) {
                put(store, i + ".e", "entry " + i);
                Files.setLastModifiedTime(dir.resolve(i + ".e"), FileTime.from(Instant.now().plusSeconds(60L * i)));
            }
            assertThat(store.entries()).isEqualTo(3);
            assertThat(files()).containsExactly("2.e", "3.e", "4.e");
        }
        try (DiskStore<String> store = DiskStore.open("test", dir, 1 << 20, 2, text)) {
            assertThat(store.entries()).isEqualTo(2);
            assertThat(files()).as("the least recently used beyond the bound: deleted").containsExactly("3.e", "4.e");
        }
    }

    @Test
    void namesArePlainFileNames() throws Exception {
        try (DiskStore<String> store = open(1000)) {
            for (String bad : List.of("", "..", "a/b", "x.tmp")) {
                assertThatThrownBy(() -> put(store, bad, "x")).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(files()).isEmpty();
        }
    }

    @Test
    void aClosedStoreKeepsItsFilesAndKeepsNoMore() throws Exception {
        DiskStore<String> store = open(1000);
        put(store, "a.e", "kept");
        store.close();
        assertThat(put(store, "b.e", "too late")).isNull();
        assertThat(store.use("a.e")).isNull();
        assertThat(files()).containsExactly("a.e");
    }
}
