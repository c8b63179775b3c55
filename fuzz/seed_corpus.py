#!/usr/bin/env python3
"""Fills fuzz/corpus/<target>/ with seed inputs (the corpus itself is not committed).

Seeds come from the start of the example article and its sidecar, exports of it in every format
(made with the release build of scholia), the shared samples when ../shared/samples
exists, TOML blocks of the docs, and the regression corpus fuzz/regressions/.
Inputs that bring an article start with its text and a NUL byte (see src/fuzz_entry.rs);
importer inputs start with one byte of import options.

Run from the repository root: python3 fuzz/seed_corpus.py [SAMPLES_FOLDER]
(the samples folder defaults to ../shared/samples).
"""
import hashlib
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
SAMPLES = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "samples"
EXAMPLE = ROOT / "examples" / "border-incident.txt"
IMPORTERS = ["spacy", "brat", "doccano", "labelstudio", "prodigy", "w3c"]


def put(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def with_article(article, data):
    return article + b"\0" + data


def sidecar_seeds(article, sidecar):
    put("sidecar", "example", with_article(article, sidecar))
    put("sidecar", "example-no-article", sidecar)
    # The article changed: cut a sentence out so annotations move or are orphaned.
    put("sidecar", "example-edited", with_article(article.replace(b"the", b"a", 20), sidecar))


def journal_seeds(article, sidecar):
    text = article.decode()
    file = json.loads(sidecar)

    def in_bytes(spans):
        return [
            {"start": len(text[: s["start"]].encode()), "end": len(text[: s["end"]].encode())}
            for s in spans
        ]

    header = {
        "format": "scholia-journal/1",
        "sha256": hashlib.sha256(article).hexdigest(),
        "sidecar": None,
        "started": "2026-01-01T00:00:00Z",
    }
    lines = [json.dumps(header)]
    added = []
    for entity in file.get("entities", [])[:3]:
        lines.append(json.dumps({"edits": [{"item": "entity", "before": None, "after": entity}]}))
    for a in file.get("annotations", [])[:6]:
        a = dict(a, spans=in_bytes(a["spans"]))
        added.append(a)
        lines.append(json.dumps({"edits": [{"item": "annotation", "before": None, "after": a}]}))
    if added:
        changed = dict(added[0], label="ORG", status="rejected")
        lines.append(json.dumps({"edits": [{"item": "annotation", "before": added[0], "after": changed}]}))
        lines.append(json.dumps({"edits": [{"item": "annotation", "before": changed, "after": None}]}))
    for r in file.get("relations", [])[:2]:
        lines.append(json.dumps({"edits": [{"item": "relation", "before": None, "after": r}]}))
    journal = ("\n".join(lines) + "\n").encode()
    put("journal", "example", with_article(article, journal))
    put("journal", "example-torn", with_article(article, journal[:-40]))


def config_seeds():
    for doc in (ROOT / "docs").glob("*.md"):
        for n, block in enumerate(re.findall(r"```toml\n(.*?)```", doc.read_text(), re.S)):
            put("config", f"{doc.stem}-{n}", block.encode())
    for test in (ROOT / "tests").glob("*.rs"):
        for n, block in enumerate(re.findall(r'r#"(\s*\[.*?)"#', test.read_text(), re.S)):
            put("config", f"{test.stem}-{n}", block.encode())
    put(
        "config",
        "two-files",
        b'[[labels.entity]]\nname = "WEAPON"\nkey = "w"\ncolor = "red"\n\0'
        b'[labels]\nreplace = ["claim"]\n[[labels.claim]]\nname = "rumour"\nkey = "r"\n',
    )


def import_seeds(article, sidecar):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / EXAMPLE.name).write_bytes(article)
        (tmp / (EXAMPLE.name + ".scholia.json")).write_bytes(sidecar)
        binary = ROOT / "target" / "release" / "scholia"
        for fmt in IMPORTERS:
            out = tmp / fmt
            out.mkdir()
            subprocess.run(
                [str(binary), "export", "--format", fmt, "--status", "all", "-o", str(out), str(tmp / EXAMPLE.name)],
                check=True,
                capture_output=True,
            )
            for n, path in enumerate(sorted(p for p in out.rglob("*") if p.is_file())):
                data = path.read_bytes()
                if fmt == "brat" and path.suffix != ".ann":
                    continue
                for options in (0, 1, 2):
                    put(f"import_{fmt}", f"export-{n}-{options}", bytes([options]) + with_article(article, data))
                put(f"import_{fmt}", f"export-{n}-own-text", bytes([0]) + data)
    if SAMPLES.is_dir():
        samples = {
            "spacy": list(SAMPLES.glob("*.spacy.json")),
            "doccano": list((SAMPLES / "doccano").glob("*")),
            "labelstudio": list((SAMPLES / "labelstudio").glob("*")),
            "brat": list((SAMPLES / "brat").rglob("*.ann")),
        }
        for fmt, paths in samples.items():
            for path in paths:
                data = path.read_bytes()
                text = path.with_suffix(".txt")
                if fmt == "brat" and text.exists():
                    data = with_article(text.read_bytes(), data)
                put(f"import_{fmt}", f"sample-{path.name}", bytes([0]) + data)


def regression_seeds():
    regressions = ROOT / "fuzz" / "regressions"
    if regressions.is_dir():
        for path in regressions.rglob("*"):
            if path.is_file():
                put(path.parent.name, "regression-" + path.name, path.read_bytes())


def small_example(size):
    """The example article cut after its first sentence end past `size` code points, with
    the annotations, entities and relations that fit in it: seeds small enough for the
    fuzzer to mutate whole (libFuzzer works on inputs of a few KiB)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    cut = text.index(". ", size) + 2
    text = text[:cut] + "\n"
    file = json.loads((ROOT / "examples" / "border-incident.txt.scholia.json").read_text())
    file["annotations"] = [
        a for a in file["annotations"] if a["spans"] and max(s["end"] for s in a["spans"]) <= cut
    ]
    kept = {a["id"] for a in file["annotations"]}
    linked = {a.get("entity") for a in file["annotations"]}
    file["entities"] = [e for e in file["entities"] if e["id"] in linked]
    kept |= {e["id"] for e in file["entities"]}
    file["relations"] = [r for r in file["relations"] if r["from"] in kept and r["to"] in kept]
    article = text.encode()
    file["document"].update(
        sha256=hashlib.sha256(article).hexdigest(), bytes=len(article), chars=len(text)
    )
    return article, (json.dumps(file, indent=2, ensure_ascii=False) + "\n").encode()


def main():
    article, sidecar = small_example(700)
    sidecar_seeds(article, sidecar)
    journal_seeds(article, sidecar)
    config_seeds()
    import_seeds(article, sidecar)
    regression_seeds()
    for folder in sorted(CORPUS.iterdir()):
        print(folder.name, len(list(folder.iterdir())))


if __name__ == "__main__":
    main()
