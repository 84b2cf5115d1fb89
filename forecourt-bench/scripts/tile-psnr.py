# PSNR of IIIF tiles against the source they were cut from: the region of the source image, resized to the tile's
# size (Lanczos), is the reference. Tiles come in pairs, one from each server, named SERVER.N.jpg beside a list
# of the URLs (N = line number); prints the mean PSNR (dB) per server and exits 1 when the second server's is more
# than 1% below the first's.
# usage: tile-psnr.py SOURCE.ppm URLS.txt DIR FIRST SECOND
import sys, re, math
import numpy as np
from PIL import Image

Image.MAX_IMAGE_PIXELS = None
source_path, urls_path, tiles, first, second = sys.argv[1:6]
source = Image.open(source_path).convert("RGB")
region = re.compile(r"/(\d+),(\d+),(\d+),(\d+)/(\d+),/")
totals = {first: [], second: []}
for n, url in enumerate(open(urls_path).read().split()):
    m = region.search(url)
    if not m:
        continue
    x, y, w, h, out_w = map(int, m.groups())
    out_h = round(h * out_w / w)
    reference = np.asarray(source.crop((x, y, x + w, y + h)).resize((out_w, out_h), Image.LANCZOS), np.float64)
    for server in (first, second):
        path = f"{tiles}/{server}.{n}.jpg"
        try:
            tile = np.asarray(Image.open(path).convert("RGB"), np.float64)
        except OSError:
            continue
        if tile.shape != reference.shape:
            sys.exit(f"{path}: {tile.shape[1]}x{tile.shape[0]}, expected {out_w}x{out_h} for {url}")
        mse = np.mean((tile - reference) ** 2)
        totals[server].append(10 * math.log10(255 * 255 / max(mse, 1e-9)))
if not totals[first] or len(totals[first]) != len(totals[second]):
    sys.exit(f"tiles missing: {len(totals[first])} from {first}, {len(totals[second])} from {second}")
a, b = (sum(totals[s]) / len(totals[s]) for s in (first, second))
verdict = "ok" if b >= 0.99 * a else "LOWER"
print(f"{len(totals[first])} tiles: {first} {a:.2f} dB, {second} {b:.2f} dB, ratio {b / a:.4f} ({verdict}: within 1% expected)")
sys.exit(0 if verdict == "ok" else 1)
