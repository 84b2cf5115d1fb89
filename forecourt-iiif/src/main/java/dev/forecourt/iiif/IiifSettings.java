package dev.forecourt.iiif;

import dev.forecourt.iiif.request.OutputLimits;
import java.nio.file.Path;

/**
 * How one image service runs.
 *
 * @param images       the directory served
 * @param baseUri      the public base ({@code https://host/prefix}) printed in ids, or null to take it from the request
 * @param cache        derivative cache: null (off), {@code memory:SIZE} or a directory
 * @param cacheSize    the budget of a directory derivative cache, in bytes ({@link CacheSize})
 * @param cacheControl the Cache-Control of images and info.json
 * @param maxPixels    sources declaring more pixels than this are refused before decoding
 * @param limits       the largest output (info.json's maxWidth, maxHeight, maxArea)
 * @param workers      render threads (native work runs only there)
 * @param queue        requests waiting for a worker before 503
 * @param engineCache  bytes libvips may keep between requests (open files, decoded non-tiled images)
 * @param tileSize     the tile edge info.json advertises
 * @param passthrough  answer requests for exactly one stored JPEG tile of a pyramidal TIFF with its stored bytes
 */
public record IiifSettings(Path images, String baseUri, String cache, long cacheSize, String cacheControl, long maxPixels,
                           OutputLimits limits, int workers, int queue, long engineCache, int tileSize, boolean passthrough) {

    /** http(s)://host[:port][/prefix]: where viewers reach the images (ids in info.json are made from it). */
    public static final String BASE_URI = "https?://[^/?#\\s]+(/[^?#\\s]*)?";

    public static IiifSettings defaults(Path images) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new IiifSettings(images, null, null, CacheSize.DEFAULT, "public, max-age=86400", 400_000_000L,
                OutputLimits.DEFAULT, cores, 64 * cores, 256L << 20, 256, true);
    }

    public IiifSettings {
        if (baseUri != null) {
            if (!baseUri.matches(BASE_URI)) {
                throw new IllegalArgumentException("base URI '" + baseUri + "' is not http(s)://host[:port][/prefix]");
            }
            while (baseUri.endsWith("/")) {
                baseUri = baseUri.substring(0, baseUri.length() - 1);
            }
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cache size " + cacheSize + " is not above 0 bytes");
        }
        if (workers < 1 || queue < 0 || maxPixels < 1 || tileSize < 16) {
            throw new IllegalArgumentException("workers >= 1, queue >= 0, maxPixels >= 1, tileSize >= 16 expected; got "
                    + workers + ", " + queue + ", " + maxPixels + ", " + tileSize);
        }
    }

    public IiifSettings withBaseUri(String uri) {
        return new IiifSettings(images, uri, cache, cacheSize, cacheControl, maxPixels, limits, workers, queue, engineCache, tileSize, passthrough);
    }

    public IiifSettings withCache(String c) {
        return new IiifSettings(images, baseUri, c, cacheSize, cacheControl, maxPixels, limits, workers, queue, engineCache, tileSize, passthrough);
    }

    public IiifSettings withCacheSize(long bytes) {
        return new IiifSettings(images, baseUri, cache, bytes, cacheControl, maxPixels, limits, workers, queue, engineCache, tileSize, passthrough);
    }

    public IiifSettings withMaxPixels(long max) {
        return new IiifSettings(images, baseUri, cache, cacheSize, cacheControl, max, limits, workers, queue, engineCache, tileSize, passthrough);
    }

    public IiifSettings withPassthrough(boolean on) {
        return new IiifSettings(images, baseUri, cache, cacheSize, cacheControl, maxPixels, limits, workers, queue, engineCache, tileSize, on);
    }

    public IiifSettings withWorkers(int n, int q) {
        return new IiifSettings(images, baseUri, cache, cacheSize, cacheControl, maxPixels, limits, n, q, engineCache, tileSize, passthrough);
    }
}
