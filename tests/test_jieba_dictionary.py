"""The dictionary read one first character at a time cuts exactly as jieba's whole dictionary.

The reference is a ``jieba.Tokenizer`` loaded the ordinary way; the texts are every line of the
five seed reports (labels, sentences and table cells as users write them), the catalogue's
aliases, and strings that reach jieba's corner cases (unknown words, Latin letters and digits,
a lone character, an empty string).
"""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path

import jieba
import pytest

from normalize.catalogue import CONCEPTS
from normalize.jieba_dictionary import FirstCharacterDictionary, install

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CORNER_CASES = ["", "费", "2023年度项目支出绩效自评", "ABC公司和xyz", "　 \t", "囧囧有神的龘字",
                "公务用车购置和运行维护费", "一般公共预算拨款收入", "《关于印发〈办法〉的通知》"]


@pytest.fixture(scope="module")
def whole() -> jieba.Tokenizer:
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    assert isinstance(tokenizer.FREQ, dict) and len(tokenizer.FREQ) > 300_000
    return tokenizer


@pytest.fixture(scope="module")
def split(tmp_path_factory) -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    assert install(tokenizer, str(tmp_path_factory.mktemp("dictionary")))
    assert isinstance(tokenizer.FREQ, FirstCharacterDictionary)
    return tokenizer


def texts() -> list[str]:
    lines = [line.strip() for seed in sorted(SEEDS.glob("*.txt"))
             for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
    aliases = [alias for concept in CONCEPTS for alias in concept.aliases]
    return lines + aliases + CORNER_CASES


def test_seed_texts_are_there():
    assert len(texts()) > 500


@pytest.mark.parametrize("hmm", [True, False])
def test_cuts_equal_the_whole_dictionary(whole, split, hmm):
    differing = [text for text in texts() if split.lcut(text, HMM=hmm) != whole.lcut(text, HMM=hmm)]
    assert differing == []


def test_search_cuts_and_totals_equal(whole, split):
    assert split.total == whole.total
    sample = texts()[::7]
    assert [split.lcut_for_search(text) for text in sample] == [whole.lcut_for_search(text) for text in sample]


def test_every_entry_is_kept(whole, split):
    assert len(split.FREQ) == len(whole.FREQ)
    for word in ["绩效", "公务接待费", "预算执行率", "不存在的词条甲乙丙"]:
        assert (word in split.FREQ) == (word in whole.FREQ)
        assert split.FREQ.get(word) == whole.FREQ.get(word)


def test_added_words_are_cut_alike(tmp_path):
    whole, split = jieba.Tokenizer(), jieba.Tokenizer()
    whole.initialize()
    assert install(split, str(tmp_path))
    for tokenizer in (whole, split):
        tokenizer.add_word("绩效自评报告甲", 10_000)
    assert split.total == whole.total
    assert split.lcut("本单位绩效自评报告甲已报送") == whole.lcut("本单位绩效自评报告甲已报送")


def test_second_process_reads_the_kept_file(tmp_path):
    first = jieba.Tokenizer()
    assert install(first, str(tmp_path))
    kept = list(tmp_path.glob("jixiao-jieba-*.dict"))
    assert len(kept) == 1 and not list(tmp_path.glob("*.tmp"))
    again = jieba.Tokenizer()
    assert install(again, str(tmp_path))
    assert again.lcut("项目资金到位率") == first.lcut("项目资金到位率")


def test_a_file_cut_short_is_built_again(tmp_path, whole):
    install(jieba.Tokenizer(), str(tmp_path))
    (kept,) = tmp_path.glob("jixiao-jieba-*.dict")
    kept.write_bytes(kept.read_bytes()[:1000])
    rebuilt = jieba.Tokenizer()
    assert install(rebuilt, str(tmp_path))
    assert rebuilt.total == whole.total
    assert marshal.loads(kept.read_bytes()[32:])[1] == whole.total


def test_a_damaged_file_is_built_again(tmp_path, whole):
    """One byte changed inside a part: the outer file still unmarshals, but its digest fails."""
    install(jieba.Tokenizer(), str(tmp_path))
    (kept,) = tmp_path.glob("jixiao-jieba-*.dict")
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0xFF
    kept.write_bytes(bytes(data))
    rebuilt = jieba.Tokenizer()
    assert install(rebuilt, str(tmp_path))
    assert [rebuilt.lcut(text) for text in texts()[::5]] == [whole.lcut(text) for text in texts()[::5]]
    assert kept.read_bytes() != bytes(data)


def test_an_unwritable_folder_still_cuts(tmp_path, whole):
    missing = tmp_path / "not" / "there"
    tokenizer = jieba.Tokenizer()
    assert install(tokenizer, str(missing))
    assert tokenizer.lcut("三公经费支出") == whole.lcut("三公经费支出")
    assert not missing.exists()


def test_another_users_file_is_not_read(tmp_path, whole, monkeypatch):
    install(jieba.Tokenizer(), str(tmp_path))
    (kept,) = tmp_path.glob("jixiao-jieba-*.dict")
    payload = marshal.dumps(({"三": marshal.dumps({"三": 1})}, 1))
    kept.write_bytes(hashlib.sha256(payload).digest() + payload)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(kept).st_uid + 1, raising=False)
    tokenizer = jieba.Tokenizer()
    assert install(tokenizer, str(tmp_path))
    assert tokenizer.total == whole.total


def test_a_custom_dictionary_is_left_to_jieba(tmp_path):
    custom = tmp_path / "words.txt"
    custom.write_text("绩效 5\n", encoding="utf-8")
    assert not install(jieba.Tokenizer(str(custom)), str(tmp_path))


def test_jieba_imported_without_pkg_resources_reads_the_same_dictionary():
    """In a fresh interpreter: jieba imported without pkg_resources opens the same dictionary file
    and cuts alike, and pkg_resources stays importable for any other code."""
    import subprocess
    import sys

    program = (
        "import sys, hashlib\n"
        "from normalize.jieba_dictionary import import_jieba\n"
        "jieba = import_jieba()\n"
        "assert 'pkg_resources' not in sys.modules, 'pkg_resources was imported'\n"
        "with jieba.dt.get_dict_file() as f: print(hashlib.sha256(f.read()).hexdigest())\n"
        "import pkg_resources\n"
        "print(pkg_resources.__name__)\n"
    )
    project = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=project, check=True)
    digest, imported = result.stdout.split()
    with jieba.Tokenizer().get_dict_file() as handle:
        assert digest == hashlib.sha256(handle.read()).hexdigest()
    assert imported == "pkg_resources"


def test_a_batch_run_keeps_the_split_dictionary_for_the_next_run(tmp_path):
    """A batch run points tempfile at a folder of its own and removes it at the end. The split
    dictionary was built there, so every run built it again before its workers could start (more
    than a second of the parent's time). It must stay in the machine's temporary folder."""
    import subprocess
    import sys

    machine_tmp = tmp_path / "机器临时目录"
    machine_tmp.mkdir()
    report = tmp_path / "报告.txt"
    report.write_text("某县2023年度部门整体支出绩效自评报告\n年初预算数为100万元。\n", encoding="utf-8")
    project = Path(__file__).resolve().parents[1]
    environment = {**os.environ, "TMPDIR": str(machine_tmp)}
    subprocess.run([sys.executable, "pipeline.py", "run", str(report), "--out", str(tmp_path / "out"),
                    "--quiet", "--no-cache", "--workers", "1"], cwd=project, env=environment, check=True)
    left = sorted(path.name for path in machine_tmp.iterdir())
    assert len(left) == 1 and left[0].startswith("jixiao-jieba-") and left[0].endswith(".dict"), left
