#!/usr/bin/env python3
"""Compares SIGMMA's TIFF reader with tifffile, level by level (bench/tiff_crosscheck.sh runs it).

Reads manifest.tsv written by org.sigmma.ingest.image.tiff.TiffCrossCheck: one row per file and level with the
pixels SIGMMA decoded. tifffile (Debian's python3-tifffile, without imagecodecs) decodes none, deflate and
PackBits itself; for LZW, which it cannot decode without imagecodecs, libtiff's tiffcp first rewrites the file
uncompressed (libtiff decodes, tifffile reads). JPEG tiles are located by tifffile (offsets, JPEGTables) and
decoded by Pillow's libjpeg (tiffcp's uncompressed copy of YCbCr JPEG keeps a subsampling tag tifffile refuses).
Lossless: pixel-equal. JPEG: max difference <= 3 (two libjpeg builds and colour conversions).
"""
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import tifffile

JPEG_MAX = 3


def levels_of(tif):
    """Level 0, then SubIFDs if there are any, else the other tiled pages of the chain: largest first."""
    p0 = tif.pages[0]
    if p0.subifds:
        s = tif.series[0]
        return [lvl.keyframe for lvl in s.levels]
    return list(tif.pages)


def decode_jpeg_page(tif, page):
    """A JPEG-compressed page through tifffile's offsets and JPEGTables and Pillow's libjpeg."""
    from PIL import Image
    fh = tif.filehandle
    tables = page.jpegtables
    h, w = page.imagelength, page.imagewidth
    if page.is_tiled:
        th, tw = page.tilelength, page.tilewidth
    else:
        th, tw = page.rowsperstrip, w
    across = (w + tw - 1) // tw
    out = np.zeros(((h + th - 1) // th * th, across * tw, 3), np.uint8)
    for i, (off, n) in enumerate(zip(page.dataoffsets, page.databytecounts)):
        fh.seek(off)
        data = fh.read(n)
        stream = data if tables is None else tables[:-2] + data[2:]
        im = np.asarray(Image.open(io.BytesIO(stream)).convert("RGB"))
        ty, tx = divmod(i, across)
        out[ty * th:ty * th + im.shape[0], tx * tw:tx * tw + im.shape[1]] = im[:th, :tw]
    return out[:h, :w]


def reference(path, level, width, height, tmp):
    with tifffile.TiffFile(path) as tif:
        levels = levels_of(tif)
        page = [p for p in levels if p.imagewidth == width and p.imagelength == height and (p.is_tiled or level == 0
                or len(levels) == 1 or not tif.pages[0].description.startswith('Aperio'))]
        if not page:
            raise SystemExit(f"{path}: tifffile sees no {width} x {height} page")
        page = page[0]
        comp = int(page.compression)
        if comp == 1 or comp in (8, 32946, 32773):
            return page.asarray(), "tifffile"
        if comp == 7:
            return decode_jpeg_page(tif, page), "tifffile + Pillow libjpeg"
    # LZW: libtiff decompresses, tifffile reads
    plain = Path(tmp) / (Path(path).name + ".plain.tif")
    if not plain.exists():
        subprocess.run(["tiffcp", "-c", "none", str(path), str(plain)], check=True, capture_output=True)
    with tifffile.TiffFile(plain) as tif:
        page = [p for p in tif.pages if p.imagewidth == width and p.imagelength == height and int(p.photometric) == 2]
        if not page:
            raise SystemExit(f"{plain}: no {width} x {height} RGB page after tiffcp")
        return page[0].asarray(), "libtiff tiffcp + tifffile"


def main(folder):
    folder = Path(folder)
    rows = [l.rstrip("\n").split("\t") for l in (folder / "manifest.tsv").read_text().splitlines()[1:]]
    failures = 0
    print(f"tifffile {tifffile.__version__}, numpy {np.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, level, directory, w, h, lossy, pixels in rows:
            w, h, lossy = int(w), int(h), lossy == "true"
            mine = np.fromfile(folder / pixels, np.uint8).reshape(h, w, 3)
            ref, how = reference(folder / name, int(level), w, h, tmp)
            ref = ref[..., :3]
            diff = int(np.abs(ref.astype(int) - mine.astype(int)).max())
            ok = diff <= (JPEG_MAX if lossy else 0)
            failures += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {name:52s} level {level} ({directory}, {w}x{h}) via {how}: "
                  f"max |diff| {diff}, mean {np.abs(ref.astype(int) - mine.astype(int)).mean():.3f}")
    print(f"{len(rows) - failures} of {len(rows)} levels agree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
