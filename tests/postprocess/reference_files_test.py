#!/usr/bin/python3
"""The papers' numbers of postprocess/reference/ and the plot options that
draw them (run by ctest as postprocess.reference_files).

Every reference CSV names its source and documents every column in its
leading comment, its numeric columns parse, and a README command draws it.
The readers refuse a reference file without a column their plot needs,
naming the file and the column.  The DMA script's loss-peak finder returns
the temperature where omega tau(T) = 1 for a Debye loss of an Arrhenius
time.  Run with /usr/bin/python3 (matplotlib).
"""
import csv
import glob
import math
import os
import re
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
POSTPROCESS = os.path.join(SOURCE, "postprocess")
sys.dont_write_bytecode = True
sys.path.insert(0, POSTPROCESS)
import plot_dma  # noqa: E402
from reference_csv import comment, read_reference  # noqa: E402

TEXT_COLUMNS = ("sample", "label")  # every other column holds numbers
SOURCES = ("[Zhang2023-beta]", "[Zhang2023-cycling]", "[Zhang2023-cooling]", "[Atzmon2023]")
K_B_EV = 8.617333262e-5  # Boltzmann constant, eV/K


def header(path):
    with open(path, newline="") as f:
        return next(csv.reader(line for line in f if not line.startswith("#")))


class ReferenceFiles(unittest.TestCase):
    def setUp(self):
        self.paths = sorted(glob.glob(os.path.join(POSTPROCESS, "reference", "*.csv")))
        self.assertTrue(self.paths)

    def test_source_and_columns_documented(self):
        for path in self.paths:
            text = comment(path)
            with self.subTest(path=path):
                self.assertTrue(text.startswith(SOURCES), "first comment names no paper")
                self.assertRegex(text, r"(Table|Fig\.|Eq\.|Sec\.) ?[0-9]")
                self.assertIn("Columns:", text)
                for column in header(path):
                    self.assertRegex(text, rf"(?<![\w]){column}(?![\w])")

    def test_numeric_columns_parse(self):
        for path in self.paths:
            columns = header(path)
            numeric = [c for c in columns if c not in TEXT_COLUMNS]
            rows = read_reference(path, columns, numeric=numeric)
            with self.subTest(path=path):
                self.assertTrue(rows)
                for c in numeric:
                    self.assertTrue(any(r[c].strip() for r in rows), f"column {c} is empty")

    def test_each_file_is_drawn_by_a_readme_command(self):
        with open(os.path.join(SOURCE, "README.md")) as f:
            readme = f.read()
        for path in self.paths:
            name = "postprocess/reference/" + os.path.basename(path)
            with self.subTest(path=name):
                pattern = rf"postprocess/plot_\w+\.py [^`\n]*(\\\n[^`\n]*)*--reference {name}"
                self.assertTrue(re.search(pattern, readme), f"no README command draws {name}")


class RefusedReferences(unittest.TestCase):
    def run_script(self, script, *args):
        return subprocess.run([sys.executable, os.path.join(POSTPROCESS, script), *args],
                              capture_output=True, text=True)

    def test_missing_column_is_named(self):
        with tempfile.TemporaryDirectory() as tmp:
            reference = os.path.join(tmp, "peaks.csv")
            with open(reference, "w") as f:
                f.write("# [Zhang2023-beta] Sec. 3\nsample,frequency_Hz\nS1,1\n")
            run = os.path.join(tmp, "run_dma.csv")
            with open(run, "w") as f:
                f.write(",".join(plot_dma.COLUMNS) + "\n")
                for k in range(1, 4):
                    f.write(f"0,{k},{k},{300 + k},1,3.7e10,1e8,0.003\n")
            result = self.run_script("plot_dma.py", run, os.path.join(tmp, "out.png"),
                                     "--reference", reference)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(reference, result.stderr)
        self.assertIn("T_peak_K", result.stderr)

    def test_unknown_sample_lists_the_samples(self):
        table = os.path.join(POSTPROCESS, "reference", "zhang2023_beta_table1.csv")
        with tempfile.TemporaryDirectory() as tmp:
            run = os.path.join(tmp, "run.csv")
            with open(run, "w") as f:
                f.write("time,eps_xx,sig_xx\n0,0,0\n1,1e-4,2.5e7\n")
            result = self.run_script("plot_point.py", run, os.path.join(tmp, "out.png"),
                                     "--reference", table, "--sample", "S9")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("no sample 'S9'", result.stderr)
        self.assertIn("S1, S2, S3, S4", result.stderr)


class LossPeak(unittest.TestCase):
    def test_debye_peak_of_an_arrhenius_time(self):
        # E'' ~ w tau / (1 + (w tau)^2), tau = tau0 exp(E / kT): the maximum
        # over T is at w tau(T*) = 1, T* = E / (k ln(1 / (w tau0))).
        energy, tau0, omega = 0.9, 1e-13, 2.0 * math.pi
        T_star = energy / (K_B_EV * math.log(1.0 / (omega * tau0)))
        T = [300.0 + 0.05 * i for i in range(3001)]
        loss = [omega * tau / (1.0 + (omega * tau) ** 2)
                for tau in (tau0 * math.exp(energy / (K_B_EV * t)) for t in T)]
        found, _ = plot_dma.loss_peak(T, loss, (0.0, math.inf))
        self.assertAlmostEqual(found, T_star, delta=0.06)  # measured: 0.019 K
        self.assertIsNone(plot_dma.loss_peak(T, loss, (300.0, T_star - 10.0)))


if __name__ == "__main__":
    unittest.main()
