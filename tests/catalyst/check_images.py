"""The image pipeline's PNGs of a run (tests/catalyst/catalyst.cmake): one
per extract listed in ribbon.pvd, of the pipeline's size, and pictures, not
blank frames (the ribbon's colours vary across the image)."""
import os
import re
import sys

import matplotlib.image


def main(directory):
    with open(os.path.join(directory, "ribbon.pvd")) as pvd:
        steps = re.findall(r'file="ribbon_(\d+)\.pvtu"', pvd.read())
    images = sorted(os.listdir(os.path.join(directory, "images")))
    expected = ["ribbon_%s.png" % s for s in steps]
    missing = [e for e in expected if e not in images]
    if not steps or missing:
        sys.exit("no PNG for %s (have %s)" % (missing or "any step", images))
    for name in expected:
        pixels = matplotlib.image.imread(os.path.join(directory, "images", name))
        if pixels.shape[:2] != (576, 1024):
            sys.exit("%s is %s, not 1024 x 576" % (name, pixels.shape))
        colours = pixels[..., :3].reshape(-1, 3)
        # Beyond the white background and the grey mandrel: the colour map.
        saturated = (colours.max(axis=1) - colours.min(axis=1)) > 0.3
        if saturated.mean() < 0.01:
            sys.exit("%s shows no coloured ribbon" % name)
    print("%d images checked" % len(expected))


if __name__ == "__main__":
    main(sys.argv[1])
