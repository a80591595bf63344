package io.batchroutes.component.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;

/**
 * The body of getTaskFile/getNodeFile with fileResultType=stream: reads a temporary copy of the file, which the
 * exchange owns and deletes when it completes.
 * <p>
 * It is a {@link StreamCache} backed by that file, like Camel's own spooled stream cache: with stream caching on (the
 * Camel 4 default) Camel keeps it as it is instead of copying a large file into memory, and it can be read again
 * after {@link #reset()}. {@link #close()} only closes the current read; copies made for other exchanges (multicast,
 * wire tap) share the file, which is deleted once every exchange holding it has completed.
 */
public final class TempFileInputStream extends InputStream implements StreamCache {

    /** The file and the number of exchanges still holding it. */
    private static final class Owners {
        private final Path path;
        private final AtomicInteger count = new AtomicInteger();

        private Owners(Path path) {
            this.path = path;
        }

        private void release() {
            if (count.decrementAndGet() == 0) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    path.toFile().deleteOnExit();
                }
            }
        }
    }

    private final Owners owners;
    private final long length;
    private InputStream current;
    private long position;

    private TempFileInputStream(Owners owners, long length) {
        this.owners = owners;
        this.length = length;
    }

    /** A stream over the file that the exchange owns: closed and the file deleted when the exchange completes. */
    static TempFileInputStream ownedBy(Exchange exchange, Path path) throws IOException {
        TempFileInputStream stream = new TempFileInputStream(new Owners(path), Files.size(path));
        stream.register(exchange);
        return stream;
    }

    private void register(Exchange exchange) {
        owners.count.incrementAndGet();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                IOHelper.close(TempFileInputStream.this);
                owners.release();
            }
        });
    }

    /** The temporary copy; gone once every exchange holding it has completed. */
    public Path getPath() {
        return owners.path;
    }

    /** Whether the temporary copy has been deleted. */
    public boolean isReleased() {
        return owners.count.get() <= 0;
    }

    private InputStream current() throws IOException {
        if (current == null) {
            if (isReleased()) {
                throw new IOException("The Azure Batch file copy " + owners.path + " was released when its exchange completed");
            }
            current = Files.newInputStream(owners.path);
            current.skipNBytes(position);
        }
        return current;
    }

    @Override
    public synchronized int read() throws IOException {
        int b = current().read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int count) throws IOException {
        int n = current().read(buffer, offset, count);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public synchronized long skip(long n) throws IOException {
        long skipped = current().skip(n);
        position += skipped;
        return skipped;
    }

    @Override
    public synchronized int available() throws IOException {
        return (int) Math.min(Integer.MAX_VALUE, length - position);
    }

    /** Closes the current read; the file stays until its exchanges complete, so {@link #reset()} reads it again. */
    @Override
    public synchronized void close() {
        IOHelper.close(current);
        current = null;
    }

    @Override
    public synchronized void reset() {
        close();
        position = 0;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        Files.copy(owners.path, out);
    }

    @Override
    public StreamCache copy(Exchange exchange) throws IOException {
        TempFileInputStream copy = new TempFileInputStream(owners, length);
        if (exchange != null) {
            copy.register(exchange);
        }
        return copy;
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public synchronized long position() {
        return position;
    }
}
