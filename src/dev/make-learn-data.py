#!/usr/bin/python3
"""Makes the Learn tab's shipped data from Debian's python3-sklearn (run from the repository root):

  resources/datasets/digits.npz   the UCI handwritten digits: images uint8 [1797, 64] (8x8, 0..16, row-major),
                                  labels uint8 [1797], train_rows int64 () = 1500 (rows 0..1499 train,
                                  1500..1796 held out: the file's order, so the held-out rows are later writers)
  resources/images/china.jpg      copied unchanged
  resources/images/flower.jpg     copied unchanged

The npz is written with fixed zip timestamps so re-running gives the same bytes.
"""
import gzip, io, shutil, zipfile
import numpy as np

SKLEARN = "/usr/lib/python3/dist-packages/sklearn/datasets"
TRAIN_ROWS = 1500

table = np.loadtxt(gzip.open(f"{SKLEARN}/data/digits.csv.gz"), delimiter=",")
assert table.shape == (1797, 65), table.shape
images = table[:, :64].astype(np.uint8)
labels = table[:, 64].astype(np.uint8)
assert images.max() == 16 and images.min() == 0

with zipfile.ZipFile("resources/datasets/digits.npz", "w", zipfile.ZIP_STORED) as z:
    for name, array in (("images", images), ("labels", labels), ("train_rows", np.array(TRAIN_ROWS, np.int64))):
        buffer = io.BytesIO()
        np.lib.format.write_array(buffer, array, allow_pickle=False)
        z.writestr(zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0)), buffer.getvalue())

for image in ("china.jpg", "flower.jpg"):
    shutil.copyfile(f"{SKLEARN}/images/{image}", f"resources/images/{image}")
