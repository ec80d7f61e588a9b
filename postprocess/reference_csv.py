"""Read a paper's numbers from a reference CSV of postprocess/reference/.

A reference CSV starts with '#' comment lines that name the paper, the
table, figure or equation and every column; then a header row and data
rows.  An empty cell is a number the paper does not quote.  Standard
library only; the plot scripts import it from their own directory.
"""
import csv
import sys


def comment(path):
    """The text of the leading '#' lines of `path`, without the '#'."""
    with open(path, newline="") as f:
        lines = [line for line in f if line.startswith("#")]
    return " ".join(line[1:].strip() for line in lines)


def read_reference(path, columns, numeric=()):
    """The data rows of `path` as dicts; exits with a message naming the
    file and what is wrong when it cannot be read, lacks one of `columns`,
    has a row with a different number of cells than its header or a cell
    of a `numeric` column that is neither a number nor empty."""
    try:
        with open(path, newline="") as f:
            lines = [(n, line) for n, line in enumerate(f, 1)
                     if not line.startswith("#") and line.strip()]
    except OSError as error:
        sys.exit(f"{path}: cannot read the reference file ({error.strerror})")
    if not lines:
        sys.exit(f"{path}: no header row after the comment lines")
    header = next(csv.reader([lines[0][1]]))
    missing = [c for c in list(columns) + list(numeric) if c not in header]
    if missing:
        sys.exit(f"{path}: reference file lacks the column(s) {', '.join(missing)} "
                 f"(it has {', '.join(header)})")
    rows = []
    for n, line in lines[1:]:
        cells = next(csv.reader([line]))
        if len(cells) != len(header):
            sys.exit(f"{path}, line {n}: {len(cells)} cells, the header has {len(header)}")
        row = dict(zip(header, cells))
        for column in numeric:
            try:
                number(row, column)
            except ValueError:
                sys.exit(f"{path}, line {n}, column {column}: '{row[column]}' is not a number")
        rows.append(row)
    return rows


def number(row, column):
    """The cell as a float, or None where it is empty (not quoted)."""
    text = row[column].strip()
    return float(text) if text else None


def source(path):
    """The paper tag of the file's first comment line, e.g. [Zhang2023-beta]."""
    text = comment(path)
    start, end = text.find("["), text.find("]")
    return text[start:end + 1] if 0 <= start < end else path.rsplit("/", 1)[-1]
