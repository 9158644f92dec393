"""Legacy word-processor files: Word 97-2003 .doc, WPS .wps, .rtf and .odt.

They are converted to .docx by LibreOffice and then read by the .docx
reader, so automatic numbering ("一、", "（二）") survives as labels: a text
dump would lose it, and with it the outline. Where LibreOffice is missing,
.doc/.wps fall back to antiword or catdoc text and .odt to its XML text, with
a warning that labels may be lost; where nothing can read the file, the error
names what to install.

Each conversion runs with its own temporary LibreOffice profile (two
instances sharing a profile block on its lock file) and a time limit after
which the whole process group is killed (soffice forks soffice.bin).
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from extractor.errors import MissingTool, ReadError, UnsupportedFormat
from extractor.readers import Reading, sniff
from extractor.readers import txt as txt_reader
from models import Block
from models.messages import msg

# Seconds one conversion may take; a large .doc converts in a few seconds,
# so this only stops a hung LibreOffice (e.g. a dialog it cannot show).
CONVERT_TIMEOUT = float(os.environ.get("JIHUA_CONVERT_TIMEOUT", "120"))


# The extension LibreOffice is shown: its type detection looks at the
# content, but a matching name avoids a wrong first guess.
_SUFFIX = {"doc": ".doc", "rtf": ".rtf", "odt": ".odt"}
_KNOWN_SUFFIXES = {".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt", ".ott"}


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(data: bytes, name: str) -> Reading:
    if not data:
        raise ReadError(name, "the file is empty")
    fmt = sniff(data, name)
    label = _kind(fmt, name)
    if fmt == "doc":
        _check_ole_is_text_document(data, name)
    soffice = soffice_path()
    if soffice:
        docx_bytes = convert_to_docx(data, name, fmt, soffice)
        from extractor.readers import docx as docx_reader

        reading = docx_reader.read(docx_bytes, name)
        reading.format = fmt
        reading.warnings.insert(0, msg("warn_converted", label=label))
        return reading
    return _fallback(data, name, fmt, label)


def _kind(fmt: str, name: str) -> str:
    """What to call the file in warnings: WPS files sniff as OLE 'doc'."""
    suffix = Path(name).suffix.lower()
    if fmt == "doc" and suffix in (".wps", ".wpt"):
        return "wps"
    return fmt


# Stream names in an OLE compound file's directory (UTF-16LE). Word 97-2003
# and Kingsoft WPS files hold "WordDocument"; Excel, PowerPoint and others
# sniff as OLE too, and LibreOffice would import unknown ones as plain text,
# turning binary into nonsense rather than failing.
def _ole_name(s: str) -> bytes:
    return s.encode("utf-16-le")


_OLE_TEXT_STREAMS = (_ole_name("WordDocument"), _ole_name("CONTENTS"))  # Word/WPS, MS Works
_OLE_OTHER = {
    _ole_name("Workbook"): "ole_excel",
    _ole_name("Book"): "ole_excel",
    _ole_name("PowerPoint Document"): "ole_powerpoint",
    _ole_name("VisioDocument"): "ole_visio",
    _ole_name("__substg1.0_"): "ole_outlook",
}


def _check_ole_is_text_document(data: bytes, name: str) -> None:
    if any(s in data for s in _OLE_TEXT_STREAMS):
        return
    for stream, what in _OLE_OTHER.items():
        if stream in data:
            raise UnsupportedFormat(name, msg("not_word_or_wps", what=msg(what)))
    raise UnsupportedFormat(name, msg("ole_not_word"))


def convert_to_docx(data: bytes, name: str, fmt: str, soffice: str | None = None) -> bytes:
    """Convert a file LibreOffice reads into .docx bytes."""
    soffice = soffice or soffice_path()
    if soffice is None:
        raise MissingTool(name, msg("needs_libreoffice", fmt=fmt, hint=msg("hint_libreoffice")))
    suffix = Path(name).suffix.lower()
    if suffix not in _KNOWN_SUFFIXES:
        suffix = _SUFFIX.get(fmt, ".doc")
    with tempfile.TemporaryDirectory(prefix="jihua-lo-") as tmp:
        work = Path(tmp)
        src = work / f"input{suffix}"
        src.write_bytes(data)
        out_dir = work / "out"
        cmd = [
            soffice,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            str(src),
        ]
        stderr = _run(cmd, name, work)
        produced = out_dir / "input.docx"
        if not produced.is_file() or produced.stat().st_size == 0:
            detail = stderr.strip().splitlines()[-1:] if stderr.strip() else []
            raise ReadError(name, msg("convert_failed", fmt=fmt, detail=f" ({detail[0][:200]})" if detail else ""))
        return produced.read_bytes()


def _run(cmd: list[str], name: str, work: Path) -> str:
    # HOME inside the temporary directory: LibreOffice writes caches there
    # too, and a read-only or shared HOME must not matter.
    env = dict(os.environ, HOME=str(work))
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=work,
        env=env,
        start_new_session=True,  # its own process group, killed whole on timeout
    )
    try:
        _, err = proc.communicate(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise ReadError(name, msg("convert_timeout", seconds=f"{CONVERT_TIMEOUT:g}")) from None
    finally:
        if proc.poll() is None:  # interrupted (KeyboardInterrupt): leave no soffice behind
            _kill_group(proc)
    return err.decode("utf-8", "replace")


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


# --- without LibreOffice -------------------------------------------------


def _fallback(data: bytes, name: str, fmt: str, label: str) -> Reading:
    if fmt == "odt":
        text = _odt_text(data, name)
        tool = msg("odt_xml")
    else:
        text, tool = _text_dump(data, name, fmt, label)
    blocks = [Block(text=line, wrapped=True) for line in txt_reader.split_lines(text)]
    if not any(b.text.strip() for b in blocks):
        raise ReadError(name, msg("no_text_in_legacy", label=label))
    warning = msg("warn_legacy_fallback", label=label, tool=tool, hint=msg("hint_libreoffice"))
    return Reading(format=fmt, blocks=blocks, warnings=[warning])


def _text_dump(data: bytes, name: str, fmt: str, label: str) -> tuple[str, str]:
    # antiword reads Word 97+ only; catdoc also reads RTF and older Word.
    tools: list[tuple[str, list[str]]] = []
    if fmt == "doc" and shutil.which("antiword"):
        tools.append(("antiword", ["antiword", "-m", "UTF-8.txt", "-w", "0"]))
    if shutil.which("catdoc"):
        tools.append(("catdoc", ["catdoc", "-d", "utf-8", "-w"]))
    if not tools:
        raise MissingTool(name, msg("needs_libreoffice", fmt=label, hint=msg("hint_libreoffice")))
    failures = []
    with tempfile.TemporaryDirectory(prefix="jihua-doc-") as tmp:
        src = Path(tmp) / f"input{_SUFFIX.get(fmt, '.doc')}"
        src.write_bytes(data)
        for tool, cmd in tools:
            try:
                done = subprocess.run(
                    [*cmd, str(src)], capture_output=True, timeout=CONVERT_TIMEOUT, check=False
                )
            except subprocess.TimeoutExpired:
                failures.append(msg("tool_timed_out", tool=tool))
                continue
            text = done.stdout.decode("utf-8", "replace")
            if done.returncode == 0 and text.strip():
                return text, tool
            failures.append(f"{tool}: {done.stderr.decode('utf-8', 'replace').strip()[:120] or 'no text'}")
    raise ReadError(name, msg("legacy_unreadable", label=label, reason="; ".join(failures), hint=msg("hint_libreoffice")))


_ODT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _odt_text(data: bytes, name: str) -> str:
    """Paragraphs and headings of an .odt, one a line; list numbers are
    generated by the renderer, so they are not in the XML and are lost."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            root = ElementTree.fromstring(z.read("content.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as e:
        raise ReadError(name, msg("odt_corrupt", reason=e)) from e
    lines = []
    for el in root.iter():
        if el.tag in (f"{_ODT_NS}p", f"{_ODT_NS}h"):
            lines.append(_odt_inline(el))
    return "\n".join(lines)


def _odt_inline(el: ElementTree.Element) -> str:
    parts = [el.text or ""]
    for child in el:
        if child.tag == f"{_ODT_NS}s":
            parts.append(" " * int(child.get(f"{_ODT_NS}c", "1")))
        elif child.tag == f"{_ODT_NS}tab":
            parts.append("\t")
        elif child.tag not in (f"{_ODT_NS}p", f"{_ODT_NS}h", f"{_ODT_NS}note"):
            parts.append(_odt_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)
