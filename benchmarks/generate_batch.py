"""Make a batch of report files for ``bench_batch.py``: copies of the corpus, each one varied.

    python benchmarks/generate_batch.py --format docx --count 1000 --out /tmp/batch_docx
    python benchmarks/generate_batch.py --format txt  --count 1000 --out /tmp/batch_txt
    python benchmarks/generate_batch.py --format pdf  --count 50   --out /tmp/batch_pdf   # LibreOffice

Copy ``i`` starts from corpus seed ``i mod 5`` (the .docx in ``corpus/docx`` or the seed text in
``corpus/txt``) and is changed the way another unit's report differs from it:

* the unit's place (邵东市, 岳阳楼区, 岳阳县, 永兴县) becomes another Hunan county or district;
* every year moves by the same number of years (−3 … +2), so 2020年 and 〔2021〕 stay consistent;
* every amount written with two decimals (and one-decimal amounts followed by 万元/元) is
  multiplied by one factor (0.600 … 1.800) and rounded half-up to the decimals it had, so sums
  hold to within rounding and rates (percentages are not touched) stay what they were;
* a few adjacent long paragraphs swap places; one to three filler paragraphs, taken from any of
  the five seeds, are inserted after long paragraphs;
* in tables, zero to three rows (never a header row, never one that starts a vertical merge)
  are duplicated or dropped.

Why not byte copies: the pipeline reads a file whose content it has already seen only once (a
duplicate submission), so a batch of copies would measure hashing, not reading. Every generated
file is checked to have distinct content; a collision is redrawn.

Deterministic: copy ``i`` depends only on ``--seed`` and ``i``, so ``--count 250`` gives the
first 250 files of ``--count 1000`` byte for byte (the .docx zip entries get fixed times).

PDFs are the varied .docx exported by LibreOffice headless (about 1–2 s each on 2 cores, so a
PDF batch is kept small, e.g. 50). Needs ``soffice`` and the Noto CJK fonts (corpus/README.md).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import itertools
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
from docx.oxml.ns import qn

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED_IDS = (
    "000_7300f5264373c338",
    "001_c77a996d3d2046a2",
    "002_4b892db86c619806",
    "003_4125eea1ce7e0ef6",
    "004_595fe22f084a2b2d",
)
LO_PROFILE = "file:///tmp/lo_bench"
FIXED_ZIP_TIME = (2024, 5, 30, 9, 0, 0)

# The unit's place as each seed writes it; 000 also uses the bare stem 邵东 (邵东县, 邵东邵移物业).
SEED_PLACES = ("邵东市", "岳阳楼区", "岳阳县", "永兴县")
SEED_STEMS = ("邵东",)
# Replacement places: Hunan counties, county-level cities and districts (real names, so the
# text still reads like a Hunan report; the prefecture named elsewhere in a text may not match).
PLACES = (
    "浏阳市", "宁乡市", "醴陵市", "湘乡市", "耒阳市", "常宁市", "武冈市", "汨罗市", "临湘市", "沅江市",
    "资兴市", "涟源市", "冷水江市", "洪江市", "长沙县", "攸县", "茶陵县", "湘潭县", "衡阳县", "衡南县",
    "衡东县", "祁东县", "新邵县", "邵阳县", "隆回县", "洞口县", "华容县", "湘阴县", "平江县", "安乡县",
    "汉寿县", "临澧县", "桃源县", "石门县", "慈利县", "桃江县", "安化县", "桂阳县", "宜章县", "嘉禾县",
    "临武县", "汝城县", "安仁县", "望城区", "雨湖区", "岳塘区", "珠晖区", "双清区", "大祥区", "云溪区",
    "君山区", "鼎城区", "永定区", "赫山区", "苏仙区", "零陵区", "冷水滩区", "鹤城区", "娄星区", "武陵区",
)

YEAR_SHIFTS = (-3, -2, -1, 1, 2)
FACTOR_RANGE = (600, 1800)  # thousandths: amounts are scaled by 0.600 … 1.800

# A year: 2000–2039 standing alone, not part of a longer number or an amount (2016万元).
YEAR = re.compile(r"(?<![\d.])(20[0-3]\d)(?![\d.]|\s*(?:万|元|人|户|个|亩|吨|台|套|项|名|次|份|天|%|％))")
# An amount with two decimals, not a percentage or a score.
AMOUNT_2DP = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})(?![\d.%％分倍])")
# An amount with one decimal, only where the unit says it is money.
AMOUNT_1DP = re.compile(r"(?<![\d.,])(\d+)\.(\d)(?=\s*(?:万元|元|万))")

# A paragraph this long is body text: it may be swapped, and a filler may follow it.
LONG_PARAGRAPH_CHARS = 40
# Filler paragraphs are taken from the seeds' paragraphs at least this long.
FILLER_CHARS = 60
HEADING_STYLES = frozenset({"Title", "Heading1", "Heading2", "Heading3"})
# A table cell with this many paragraphs holds a pasted report (002): its paragraphs count as body.
PASTED_REPORT_PARAGRAPHS = 10


@dataclass(frozen=True, slots=True)
class Variation:
    """How one copy differs from its seed: drawn once from the copy's own random generator."""

    place: str
    year_shift: int
    factor: Decimal
    n_swaps: int
    n_fillers: int
    n_row_edits: int
    rng: random.Random  # for the positions of swaps, fillers and row edits


def draw_variation(seed: int, index: int, attempt: int = 0) -> Variation:
    rng = random.Random(f"jixiao-batch:{seed}:{index}:{attempt}")
    return Variation(
        place=rng.choice(PLACES),
        year_shift=rng.choice(YEAR_SHIFTS),
        factor=Decimal(rng.randint(*FACTOR_RANGE)) / 1000,
        n_swaps=rng.randint(1, 3),
        n_fillers=rng.randint(1, 3),
        n_row_edits=rng.randint(0, 3),
        rng=rng,
    )


# --- text ------------------------------------------------------------------------------------


def scale_amount(whole: str, decimals: str, factor: Decimal) -> str:
    """'2,161.83', factor 1.5 → '3,242.75': same decimals, thousands separators kept."""
    value = Decimal(whole.replace(",", "") + "." + decimals) * factor
    scaled = value.quantize(Decimal(1).scaleb(-len(decimals)), rounding=ROUND_HALF_UP)
    return f"{scaled:,}" if "," in whole else str(scaled)


def vary_text(text: str, v: Variation) -> str:
    """Place, years and amounts of one piece of text (a line, a w:t)."""
    for place in SEED_PLACES:
        text = text.replace(place, v.place)
    stem = v.place[:-1]
    for old_stem in SEED_STEMS:
        text = text.replace(old_stem, stem)
    text = YEAR.sub(lambda m: str(int(m.group(1)) + v.year_shift), text)
    text = AMOUNT_2DP.sub(lambda m: scale_amount(m.group(1), m.group(2), v.factor), text)
    return AMOUNT_1DP.sub(lambda m: scale_amount(m.group(1), m.group(2), v.factor), text)


# --- .txt: the seed text format (tab line = cell, blank line ends a row) --------------------


def body_line_numbers(lines: list[str]) -> list[int]:
    """Indexes of paragraph lines outside tables, by the seed format's rules (corpus/README.md)."""
    body: list[int] = []
    in_table, blanks = False, 0
    for k, line in enumerate(lines):
        if line.startswith("\t"):
            in_table, blanks = True, 0
        elif line == "":
            blanks += 1
        elif in_table and blanks <= 1:
            blanks = 0  # a cell's further paragraph
        else:
            in_table, blanks = False, 0
            body.append(k)
    return body


def simple_rows(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of table rows that are only tab lines, between blank lines, not a table's first."""
    rows = []
    k = 0
    while k < len(lines):
        if lines[k].startswith("\t") and k >= 2 and lines[k - 1] == "" and lines[k - 2].startswith("\t"):
            end = k
            while end < len(lines) and lines[end].startswith("\t"):
                end += 1
            if end + 1 < len(lines) and lines[end] == "" and lines[end + 1].startswith("\t"):
                rows.append((k, end))
            k = end
        else:
            k += 1
    return rows


def vary_txt(text: str, v: Variation, fillers: list[str]) -> str:
    lines = text.split("\n")
    rng = v.rng
    for _ in range(v.n_row_edits):
        rows = simple_rows(lines)
        if not rows:
            break
        start, end = rng.choice(rows)
        if rng.random() < 0.5:
            lines[end + 1 : end + 1] = lines[start:end] + [""]
        else:
            del lines[start : end + 1]
    for _ in range(v.n_swaps):
        body = [k for k in body_line_numbers(lines) if len(lines[k].strip()) >= LONG_PARAGRAPH_CHARS]
        pairs = [(a, b) for a, b in itertools.pairwise(body) if all(line == "" for line in lines[a + 1 : b])]
        if not pairs:
            break
        a, b = rng.choice(pairs)
        lines[a], lines[b] = lines[b], lines[a]
    for _ in range(v.n_fillers):
        body = [k for k in body_line_numbers(lines) if len(lines[k].strip()) >= LONG_PARAGRAPH_CHARS]
        if not body:
            break
        k = rng.choice(body)
        filler = rng.choice(fillers)
        if k + 1 < len(lines) and lines[k + 1] == "":  # paragraphs separated by blank lines (seed 001)
            lines[k + 2 : k + 2] = [filler, ""]
        else:
            lines[k + 1 : k + 1] = [filler]
    return "\n".join(vary_text(line, v) for line in lines)


def txt_fillers() -> list[str]:
    fillers = []
    for seed_id in SEED_IDS:
        lines = (CORPUS / "txt" / f"{seed_id}.txt").read_text(encoding="utf-8").split("\n")
        fillers += [re.sub(r"\[bookmark: [^\]]*\]", "", lines[k]).strip() for k in body_line_numbers(lines)]
    return [f for f in fillers if len(f) >= FILLER_CHARS]


# --- .docx: the corpus document, edited on its XML -------------------------------------------


def paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def style_of(p) -> str | None:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(qn("w:val"))


def body_paragraphs(body) -> list:
    """Long non-heading paragraphs of the body, and of a report pasted into a table cell."""
    found = []
    for p in body.iter(qn("w:p")):
        parent = p.getparent()
        is_body = parent.tag == qn("w:body") or (
            parent.tag == qn("w:tc") and len(parent.findall(qn("w:p"))) >= PASTED_REPORT_PARAGRAPHS
        )
        if is_body and style_of(p) not in HEADING_STYLES and len(paragraph_text(p).strip()) >= LONG_PARAGRAPH_CHARS:
            found.append(p)
    return found


def drop_bookmarks(element) -> None:
    """A copied element must not repeat bookmark ids; the copies carry no bookmarks."""
    for tag in ("w:bookmarkStart", "w:bookmarkEnd"):
        for mark in list(element.iter(qn(tag))):
            mark.getparent().remove(mark)


def editable_rows(body) -> list:
    """Table rows that can be duplicated or dropped without breaking the table's structure."""
    rows = []
    for tbl in body.iter(qn("w:tbl")):
        trs = tbl.findall(qn("w:tr"))
        if len(trs) < 4:
            continue
        for tr in trs[1:]:
            if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None:
                continue
            starts_merge = any(m.get(qn("w:val")) == "restart" for m in tr.iter(qn("w:vMerge")))
            if not starts_merge and tr.find(f".//{qn('w:tbl')}") is None:
                rows.append(tr)
    return rows


def vary_docx(template: bytes, v: Variation, fillers: list, source_name: str) -> bytes:
    document = docx.Document(io.BytesIO(template))
    body = document.element.body
    rng = v.rng
    for _ in range(v.n_row_edits):
        rows = editable_rows(body)
        if not rows:
            break
        tr = rng.choice(rows)
        if rng.random() < 0.5:
            twin = copy.deepcopy(tr)
            drop_bookmarks(twin)
            tr.addnext(twin)
        else:
            tr.getparent().remove(tr)
    for _ in range(v.n_swaps):
        paragraphs = body_paragraphs(body)
        pairs = [(p, p.getnext()) for p in paragraphs if p.getnext() is not None and p.getnext() in paragraphs]
        if not pairs:
            break
        first, second = rng.choice(pairs)
        second.addnext(first)
    for _ in range(v.n_fillers):
        paragraphs = body_paragraphs(body)
        if not paragraphs:
            break
        target = rng.choice(paragraphs)
        filler = copy.deepcopy(rng.choice(fillers))
        old_ppr, new_ppr = filler.find(qn("w:pPr")), target.find(qn("w:pPr"))
        if old_ppr is not None:
            filler.remove(old_ppr)
        if new_ppr is not None:  # the filler takes the formatting of the paragraph it follows
            filler.insert(0, copy.deepcopy(new_ppr))
        target.addnext(filler)
    for t in body.iter(qn("w:t")):
        if t.text:
            t.text = vary_text(t.text, v)
    props = document.core_properties
    props.title = vary_text(props.title or "", v)
    props.comments = f"Varied by benchmarks/generate_batch.py from corpus/docx/{source_name}"
    stream = io.BytesIO()
    document.save(stream)
    return fixed_time_zip(stream.getvalue())


def docx_fillers() -> list:
    fillers = []
    for seed_id in SEED_IDS:
        body = docx.Document(str(CORPUS / "docx" / f"{seed_id}.docx")).element.body
        for p in body_paragraphs(body):
            if len(paragraph_text(p).strip()) >= FILLER_CHARS:
                filler = copy.deepcopy(p)
                drop_bookmarks(filler)
                fillers.append(filler)
    return fillers


def fixed_time_zip(data: bytes) -> bytes:
    """The package again with fixed entry times, so the same copy gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zout.writestr(entry, zin.read(info.filename))
    return out.getvalue()


# --- the batch -------------------------------------------------------------------------------


def file_name(index: int, width: int, seed_id: str, place: str, suffix: str) -> str:
    return f"{index:0{width}d}_{seed_id[:3]}_{place}{suffix}"


def generate(fmt: str, count: int, out: Path, seed: int) -> list[Path]:
    """Write ``count`` varied files of ``fmt`` (docx or txt) into ``out``; returns their paths."""
    suffix = f".{fmt}"
    if fmt == "docx":
        templates = {s: (CORPUS / "docx" / f"{s}.docx").read_bytes() for s in SEED_IDS}
        fillers = docx_fillers()
    else:
        templates = {s: (CORPUS / "txt" / f"{s}.txt").read_text(encoding="utf-8") for s in SEED_IDS}
        fillers = txt_fillers()
    width = max(4, len(str(count - 1)))
    seen: set[str] = set()
    paths = []
    for index in range(count):
        seed_id = SEED_IDS[index % len(SEED_IDS)]
        for attempt in range(100):
            v = draw_variation(seed, index, attempt)
            if fmt == "docx":
                data = vary_docx(templates[seed_id], v, fillers, f"{seed_id}.docx")
                digest = hashlib.sha256(docx_text(data).encode()).hexdigest()
            else:
                data = vary_txt(templates[seed_id], v, fillers).encode("utf-8")
                digest = hashlib.sha256(data).hexdigest()
            if digest not in seen:
                break
        else:
            raise RuntimeError(f"copy {index}: 100 draws gave content already generated")
        seen.add(digest)
        path = out / file_name(index, width, seed_id, v.place, suffix)
        path.write_bytes(data)
        paths.append(path)
    return paths


def docx_text(data: bytes) -> str:
    """The body XML: two copies with the same text are the same submission for this purpose."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml").decode("utf-8")


def convert_to_pdf(docx_paths: list[Path], out: Path, chunk: int = 10) -> None:
    """LibreOffice headless, a chunk of files per call (one slow file does not stop the rest)."""
    for start in range(0, len(docx_paths), chunk):
        command = [
            "soffice", "--headless", f"-env:UserInstallation={LO_PROFILE}", "--convert-to", "pdf",
            "--outdir", str(out), *map(str, docx_paths[start : start + chunk]),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=1200)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=("docx", "pdf", "txt"), required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="an empty or new folder")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty; choose an empty or new folder")
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if args.format == "pdf":
        if shutil.which("soffice") is None:
            parser.error("PDFs need LibreOffice (soffice) on the PATH")
        with tempfile.TemporaryDirectory(prefix="jixiao_batch_docx_") as folder:
            docx_paths = generate("docx", args.count, Path(folder), args.seed)
            made = time.perf_counter()
            convert_to_pdf(docx_paths, args.out)
        missing = [p.stem for p in docx_paths if not (args.out / f"{p.stem}.pdf").exists()]
        if missing:
            print(f"LibreOffice made no PDF for {len(missing)} files, e.g. {missing[:3]}", file=sys.stderr)
            return 1
        print(f"{args.count} .docx varied in {made - started:.1f} s, converted to PDF in "
              f"{time.perf_counter() - made:.1f} s → {args.out}")
    else:
        generate(args.format, args.count, args.out, args.seed)
        print(f"{args.count} .{args.format} in {time.perf_counter() - started:.1f} s → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
