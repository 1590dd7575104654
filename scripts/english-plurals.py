#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fills the English plural catalogue (resources/translations/capaudit_en.ts, written by lupdate -pluralonly).

Every "%n ..." message in the sources marks its plural with "(s)": "%n finding(s)" becomes "%n finding" (one) and
"%n findings" (other). Run after `cmake --build build --target update_translations`; scripts/check-translations.sh
fails while an English plural is left unfinished.
"""
import html
import re
import sys
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "resources" / "translations" / "capaudit_en.ts"
MESSAGE = re.compile(
    r'(<message numerus="yes">\s*<source>(?P<source>[^<]*)</source>\s*)'
    r'<translation type="unfinished">\s*<numerusform></numerusform>\s*<numerusform></numerusform>\s*</translation>',
    re.S)


def forms(source: str) -> tuple[str, str]:
    return source.replace("(s)", ""), source.replace("(s)", "s")


def fill(match: re.Match) -> str:
    one, other = forms(html.unescape(match.group("source")))
    indent = " " * 12
    return (match.group(1) + "<translation>\n"
            + f"{indent}<numerusform>{html.escape(one, quote=False)}</numerusform>\n"
            + f"{indent}<numerusform>{html.escape(other, quote=False)}</numerusform>\n"
            + " " * 8 + "</translation>")


def main() -> int:
    text = TS.read_text(encoding="utf-8")
    filled, count = MESSAGE.subn(fill, text)
    TS.write_text(filled, encoding="utf-8")
    print(f"{TS.name}: {count} plural message(s) filled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
